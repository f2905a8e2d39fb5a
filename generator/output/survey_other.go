//go:build !linux

package output

import (
	"os"
	"path/filepath"
)

// surveyFiles reports which files of have, under the folder dir, are not
// regular files of their sizes.
func surveyFiles(dir string, have map[string]int64, changed map[string]bool) error {
	for p, size := range have {
		if CheckPath(p) != nil {
			continue // Keep refuses it before asking
		}
		fi, err := os.Lstat(filepath.Join(dir, filepath.FromSlash(p)))
		if err != nil || !fi.Mode().IsRegular() || fi.Size() != size {
			changed[p] = true
		}
	}
	return nil
}
