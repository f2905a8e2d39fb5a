package output

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestCheckDest(t *testing.T) {
	tmp, err := filepath.EvalSymlinks(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range []string{"home/me", "site/content", "site/themes", "elsewhere"} {
		if err := os.MkdirAll(filepath.Join(tmp, d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Symlink(filepath.Join(tmp, "site/content"), filepath.Join(tmp, "to-content")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join(tmp, "site"), filepath.Join(tmp, "to-site")); err != nil {
		t.Fatal(err)
	}
	t.Setenv("HOME", filepath.Join(tmp, "home/me"))
	t.Chdir(tmp)
	protected := []string{"site", "site/content", "site/themes"}

	tests := []struct {
		name, dest string
		refused    string // part of the error, "" when accepted
	}{
		{"public in the site", "site/public", ""},
		{"absolute", filepath.Join(tmp, "site/public"), ""},
		{"not yet existing and deep", "site/out/a/b", ""},
		{"outside the site", "elsewhere/public", ""},
		{"inside home", "home/me/public", ""},
		{"through a link, inside", "to-site/public", ""},
		{"the site", "site", "it is site"},
		{"the site, trailing slash", "site/", "it is site"},
		{"content", "site/content", "it is site/content"},
		{"content via dot-dot", "site/public/../content", "it is site/content"},
		{"content via a link", "to-content", "it is site/content"},
		{"the site via a link", "to-site", "it is site"},
		{"contains the site", ".", "it contains"},
		{"contains the site, absolute", tmp, "it contains"},
		{"filesystem root", "/", "root of the filesystem"},
		{"home", filepath.Join(tmp, "home/me"), "your home directory"},
		{"contains home", "home", "contains your home directory"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := CheckDest(tt.dest, protected...)
			switch {
			case tt.refused == "" && err != nil:
				t.Fatalf("CheckDest(%q) = %v, want accepted", tt.dest, err)
			case tt.refused != "" && err == nil:
				t.Fatalf("CheckDest(%q) accepted, want refused: %s", tt.dest, tt.refused)
			case err != nil:
				msg := err.Error()
				if !strings.Contains(msg, tt.refused) || !strings.Contains(msg, "choose another --dest") {
					t.Errorf("CheckDest(%q) = %q, want it to say %q and what to do", tt.dest, msg, tt.refused)
				}
			}
		})
	}
}
