package output

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// CheckDest refuses a destination a build must not replace: the filesystem
// root, the user's home directory or a directory containing it, one of
// protected (the site's source, content/, themes/...) or a directory
// containing one of them. A build replaces its destination whole, so any of
// these would be deleted.
//
// Paths are compared after filepath.Abs and after resolving the symbolic
// links of their existing part, so "public/.." and a link to the source are
// caught. The error tells the user to choose another --dest.
func CheckDest(dest string, protected ...string) error {
	d, err := resolvePath(dest)
	if err != nil {
		return fmt.Errorf("check destination %s: %w", dest, err)
	}
	refuse := func(why string) error {
		return fmt.Errorf("refusing to build into %s: %s, and a build replaces its destination whole; choose another --dest", dest, why)
	}
	if d == filepath.Dir(d) {
		return refuse("it is the root of the filesystem")
	}
	if home, err := os.UserHomeDir(); err == nil {
		if h, err := resolvePath(home); err == nil {
			switch {
			case d == h:
				return refuse("it is your home directory")
			case isWithin(h, d):
				return refuse("it contains your home directory")
			}
		}
	}
	for _, p := range protected {
		rp, err := resolvePath(p)
		if err != nil {
			return fmt.Errorf("check destination %s: %w", dest, err)
		}
		switch {
		case d == rp:
			return refuse("it is " + p)
		case isWithin(rp, d):
			return refuse("it contains " + p)
		}
	}
	return nil
}

// resolvePath makes p absolute and resolves the symbolic links in the
// longest part of it that exists; the rest is kept as written, cleaned.
func resolvePath(p string) (string, error) {
	abs, err := filepath.Abs(p)
	if err != nil {
		return "", err
	}
	existing, rest := abs, ""
	for {
		_, err := os.Lstat(existing)
		if err == nil {
			break
		}
		if !errors.Is(err, fs.ErrNotExist) {
			return "", err
		}
		parent := filepath.Dir(existing)
		if parent == existing {
			break
		}
		rest = filepath.Join(filepath.Base(existing), rest)
		existing = parent
	}
	real, err := filepath.EvalSymlinks(existing)
	if err != nil {
		return "", err
	}
	return filepath.Join(real, rest), nil
}

// isWithin reports whether path is strictly inside dir; both are clean and
// absolute.
func isWithin(path, dir string) bool {
	if dir == filepath.Dir(dir) { // the root contains everything
		return path != dir
	}
	return strings.HasPrefix(path, dir+string(filepath.Separator))
}
