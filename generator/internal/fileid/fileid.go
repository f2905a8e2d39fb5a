// Package fileid says what a file's metadata tells of its bytes: its size
// and modification time, and its inode number and change time where the
// system keeps them.
//
// The build caches and the polling watcher take a file whose stamp is as
// recorded to hold the bytes they recorded. Size and time alone are not
// enough: two files of one size and one time (photos unpacked from one
// archive, stubs written by one script) swapped by renaming keep both,
// each at the other's path, while the inode moved with each and the change
// time moved on. Git's index compares all four for the same reason. Where
// the system keeps no inodes or change times, those are zero, and size and
// time decide alone.
package fileid

import "io/fs"

// Stamp is a file's metadata as far as it vouches for the file's bytes.
type Stamp struct {
	Size  int64
	MTime int64  // Unix ns
	Ino   uint64 // 0 where the system keeps none
	CTime int64  // Unix ns; 0 where the system keeps none
}

// Of returns the stamp of the file fi describes.
func Of(fi fs.FileInfo) Stamp {
	ino, ctime := of(fi)
	return Stamp{Size: fi.Size(), MTime: fi.ModTime().UnixNano(), Ino: ino, CTime: ctime}
}
