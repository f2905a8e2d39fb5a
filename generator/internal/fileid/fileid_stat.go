//go:build linux || openbsd || dragonfly || solaris || illumos || darwin || freebsd || netbsd

package fileid

import (
	"io/fs"
	"syscall"
)

func of(fi fs.FileInfo) (uint64, int64) {
	st, ok := fi.Sys().(*syscall.Stat_t)
	if !ok || st == nil {
		return 0, 0
	}
	return uint64(st.Ino), ctimeOf(st)
}
