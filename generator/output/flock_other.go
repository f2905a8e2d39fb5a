//go:build !unix && !windows

package output

import (
	"os"
	"time"
)

// tryLock always succeeds where there is no file locking (plan9, wasm):
// concurrent builds of one destination are not detected there.
func tryLock(*os.File) (bool, error) { return true, nil }

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
