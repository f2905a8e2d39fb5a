// Package needs gives tests the programs they drive, such as Chromium or
// nginx. When a program is missing the test is skipped with what to
// install, except under CI=true (as .ci/run runs), where it fails: CI
// must never skip silently.
package needs

import (
	"fmt"
	"os"
	"os/exec"
	"testing"
)

// Program returns the path of the first of names found (a name looked up
// in PATH, or a path), or skips t, or fails it under CI, naming the
// Debian package to install.
func Program(t testing.TB, debianPackage string, names ...string) string {
	t.Helper()
	for _, n := range names {
		if p, err := exec.LookPath(n); err == nil {
			return p
		}
	}
	msg := fmt.Sprintf("%s not installed: apt-get install %s", names[0], debianPackage)
	if os.Getenv("CI") == "true" {
		t.Fatal(msg + " (CI must not skip)")
	}
	t.Skip(msg)
	return ""
}
