//go:build !linux

package generator

import (
	"io/fs"
	"os"
)

// openNoFollow is nil elsewhere than on Linux: every page is read
// through os.Root when it loads (see rawfile_linux.go).
func openNoFollow(string) func(string) (fs.File, error) { return nil }

// readFS returns the file system to read page texts again from.
func readFS(src string) fs.FS { return os.DirFS(src) }
