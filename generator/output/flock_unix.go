//go:build unix

package output

import (
	"errors"
	"os"

	"golang.org/x/sys/unix"
)

// tryLock takes an exclusive flock on f without waiting and reports whether
// it got it. The lock belongs to f's open file description: another open of
// the same file, even in this process, does not get it.
func tryLock(f *os.File) (bool, error) {
	err := unix.Flock(int(f.Fd()), unix.LOCK_EX|unix.LOCK_NB)
	if errors.Is(err, unix.EWOULDBLOCK) {
		return false, nil
	}
	if err != nil {
		return false, &os.PathError{Op: "flock", Path: f.Name(), Err: err}
	}
	return true, nil
}

// lockDir opens and locks a staging directory, the mark that its build is
// alive. It reports false when the directory was taken or removed by
// another build's cleanup before we locked it.
func lockDir(dir string) (*os.File, bool, error) {
	f, err := os.Open(dir)
	if errors.Is(err, os.ErrNotExist) {
		return nil, false, nil
	}
	if err != nil {
		return nil, false, err
	}
	ok, err := tryLock(f)
	if err == nil && ok {
		// A cleanup may have removed the directory between Open and Flock,
		// leaving us a lock on nothing.
		held, herr := f.Stat()
		now, nerr := os.Lstat(dir)
		if herr == nil && nerr == nil && os.SameFile(held, now) {
			return f, true, nil
		}
	}
	f.Close()
	return nil, false, err
}

// removeIfAbandoned removes a staging directory unless its build holds its
// lock: a build that died released it with its process.
func removeIfAbandoned(dir string) error {
	f, ok, err := lockDir(dir)
	if err != nil || !ok {
		return err
	}
	defer f.Close()
	return os.RemoveAll(dir)
}
