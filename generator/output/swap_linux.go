package output

import (
	"errors"
	"io/fs"
	"os"

	"golang.org/x/sys/unix"
)

// swap exchanges the staging directory and dest with one renameat2 call, so
// readers see the old site or the new one and never no site.
func (s *Staging) swap() error {
	old, err := os.Open(s.dest)
	if errors.Is(err, fs.ErrNotExist) {
		return os.Rename(s.dir, s.dest)
	}
	if err != nil {
		return err
	}
	defer old.Close()
	// Once exchanged, the old tree sits at the staging path; holding its lock
	// keeps another build's cleanup from removing it under us.
	if _, err := tryLock(old); err != nil {
		return err
	}
	err = unix.Renameat2(unix.AT_FDCWD, s.dir, unix.AT_FDCWD, s.dest, unix.RENAME_EXCHANGE)
	if errors.Is(err, unix.EINVAL) || errors.Is(err, unix.ENOSYS) || errors.Is(err, unix.EOPNOTSUPP) {
		return s.swapByRename() // a filesystem or kernel without RENAME_EXCHANGE
	}
	if err != nil {
		return &os.LinkError{Op: "renameat2 exchange", Old: s.dir, New: s.dest, Err: err}
	}
	os.RemoveAll(s.dir) // the previous tree; the next Stage removes a leftover
	return nil
}
