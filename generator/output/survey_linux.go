package output

import (
	"os"

	"golang.org/x/sys/unix"
)

// surveyFiles reports which files of have, under the folder dir, are not
// regular files of their sizes. It takes each file's status relative to
// the folder, open once: given the whole path, the kernel walks every
// folder from the root again for each of a site's thousands of files.
func surveyFiles(dir string, have map[string]int64, changed map[string]bool) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	fd := int(d.Fd())
	var st unix.Stat_t
	for p, size := range have {
		if CheckPath(p) != nil {
			continue // Keep refuses it before asking
		}
		var err error
		for {
			err = unix.Fstatat(fd, p, &st, unix.AT_SYMLINK_NOFOLLOW)
			if err != unix.EINTR {
				break
			}
		}
		if err != nil || st.Mode&unix.S_IFMT != unix.S_IFREG || st.Size != size {
			changed[p] = true
		}
	}
	return nil
}
