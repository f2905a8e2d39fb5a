//go:build !linux

package output

// surveyFiles reports which files of have, under the folder dir, are not
// regular files of their sizes.
func surveyFiles(dir string, have map[string]int64, changed map[string]bool) error {
	for p, size := range have {
		if CheckPath(p) != nil {
			continue // Keep refuses it before asking
		}
		if !asRecorded(dir, p, size) {
			changed[p] = true
		}
	}
	return nil
}
