package binid

import (
	"os"
	"os/exec"
	"strings"
	"testing"
)

// The build ID read here is the one `go tool buildid` prints for the
// test binary itself, and Key is made from it.
func TestGoBuildID(t *testing.T) {
	exe, err := os.Executable()
	if err != nil {
		t.Skip("no executable path:", err)
	}
	got := goBuildID(exe)
	if got == "" {
		t.Fatal("no build ID read from the test binary")
	}
	out, err := exec.Command("go", "tool", "buildid", exe).Output()
	if err != nil {
		t.Skip("go tool buildid is not available:", err)
	}
	if want := strings.TrimSpace(string(out)); got != want {
		t.Errorf("build ID %q, want %q", got, want)
	}
	if Key() == ([32]byte{}) {
		t.Error("Key is zero")
	}
}

func TestGoBuildIDOfOtherFiles(t *testing.T) {
	dir := t.TempDir()
	for name, data := range map[string]string{
		"text":   "not an executable",
		"macho":  "\xcf\xfa\xed\xfe....\xff Go build ID: \"abc/def\"\n \xff....",
		"broken": "\xff Go build ID: \"",
	} {
		p := dir + "/" + name
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
		want := map[string]string{"macho": "abc/def"}[name]
		if got := goBuildID(p); got != want {
			t.Errorf("%s: build ID %q, want %q", name, got, want)
		}
	}
}
