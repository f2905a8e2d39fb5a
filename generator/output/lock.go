package output

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// ErrLocked is wrapped by the error of [Lock] when another build holds the
// destination.
var ErrLocked = errors.New("another build is running")

// DestLock is a held lock on a destination; see [Lock].
type DestLock struct {
	f *os.File
}

// Lock takes the lock of dest, so two builds of the same destination do not
// write and swap it at once. The lock is an flock on ".<base>.lock" beside
// dest (LockFileEx on Windows), held by the open file: the kernel releases it
// when the process dies, so a killed build never leaves it stuck. The file
// holds the holder's process id, for the error message, and is never removed.
//
// When another build holds the lock, Lock waits up to wait for it, checking
// every 50ms, then fails with an error wrapping [ErrLocked] that says which
// process holds it; wait 0 fails at once.
func Lock(dest string, wait time.Duration) (*DestLock, error) {
	d, err := destPath(dest)
	if err != nil {
		return nil, fmt.Errorf("lock %s: %w", dest, err)
	}
	if err := os.MkdirAll(filepath.Dir(d), 0o755); err != nil {
		return nil, fmt.Errorf("lock %s: %w", dest, err)
	}
	name := filepath.Join(filepath.Dir(d), "."+filepath.Base(d)+".lock")
	f, err := os.OpenFile(name, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, fmt.Errorf("lock %s: %w", dest, err)
	}
	deadline := time.Now().Add(wait)
	for {
		ok, err := tryLock(f)
		if err != nil {
			f.Close()
			return nil, fmt.Errorf("lock %s: %w", dest, err)
		}
		if ok {
			// The pid is only a hint for the message; failing to write it
			// does not matter.
			if f.Truncate(0) == nil {
				f.WriteAt([]byte(strconv.Itoa(os.Getpid())+"\n"), 0)
			}
			return &DestLock{f: f}, nil
		}
		left := time.Until(deadline)
		if left <= 0 {
			holder := "another process"
			if b, err := os.ReadFile(name); err == nil {
				if pid := strings.TrimSpace(string(b)); pid != "" {
					holder = "process " + pid
				}
			}
			f.Close()
			waited := ""
			if wait > 0 {
				waited = " still, after waiting " + wait.String()
			}
			return nil, fmt.Errorf("%w%s: %s is building %s (lock file %s); wait for it to finish, or build into another --dest",
				ErrLocked, waited, holder, dest, name)
		}
		time.Sleep(min(left, 50*time.Millisecond))
	}
}

// Unlock releases the lock.
func (l *DestLock) Unlock() error {
	l.f.Truncate(0) // no stale pid for the next message
	return l.f.Close()
}
