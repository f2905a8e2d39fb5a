// Package fileid says what a file's metadata tells of its bytes beyond its
// size and modification time: its inode number and its change time.
//
// The build caches take a file whose size and time are as recorded to hold
// the bytes they recorded. Two files of one size and one time (photos
// unpacked from one archive, stubs written by one script) swapped by
// renaming keep both, each at the other's path: the inode moved with each,
// and the change time moved on. Git's index compares both for the same
// reason. Where the system keeps neither, Of returns zeros, and size and
// time decide alone.
package fileid

import "io/fs"

// Of returns the inode number and the change time (Unix ns) of the file fi
// describes, or zeros where the system does not say them.
func Of(fi fs.FileInfo) (ino uint64, ctime int64) {
	return of(fi)
}
