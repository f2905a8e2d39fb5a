//go:build windows

package output

import (
	"errors"
	"os"
	"time"

	"golang.org/x/sys/windows"
)

// tryLock takes an exclusive lock on the first byte of f without waiting
// and reports whether it got it.
func tryLock(f *os.File) (bool, error) {
	var ol windows.Overlapped
	err := windows.LockFileEx(windows.Handle(f.Fd()),
		windows.LOCKFILE_EXCLUSIVE_LOCK|windows.LOCKFILE_FAIL_IMMEDIATELY, 0, 1, 0, &ol)
	if errors.Is(err, windows.ERROR_LOCK_VIOLATION) {
		return false, nil
	}
	if err != nil {
		return false, &os.PathError{Op: "LockFileEx", Path: f.Name(), Err: err}
	}
	return true, nil
}

// lockDir cannot lock a directory here; staging directories are told
// abandoned by their age instead (see removeIfAbandoned).
func lockDir(string) (*os.File, bool, error) { return nil, true, nil }

// abandonedAfter is how old a staging directory must be to be removed where
// directories cannot be locked: far longer than any build.
const abandonedAfter = 6 * time.Hour

func removeIfAbandoned(dir string) error {
	fi, err := os.Lstat(dir)
	if err != nil || time.Since(fi.ModTime()) < abandonedAfter {
		return nil
	}
	return os.RemoveAll(dir)
}
