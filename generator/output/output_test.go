package output

import (
	"errors"
	"fmt"
	"slices"
	"sync"
	"testing"
)

func TestCheckPath(t *testing.T) {
	tests := []struct {
		path string
		ok   bool
	}{
		{"index.html", true},
		{"guides/x/index.html", true},
		{"css/main.1a2b3c4d.css", true},
		{".well-known/security.txt", true},
		{"a..b/c", true},
		{"", false},
		{"/etc/passwd", false},
		{"../x", false},
		{"a/../../x", false},
		{"a/..", false},
		{"..", false},
		{"./a", false},
		{"a/./b", false},
		{"a//b", false},
		{"a/", false},
		{"a\\b", false},
		{"..\\x", false},
		{"a\x00b", false},
		{"C:/x", false},
		{"c:x", false},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%q", tt.path), func(t *testing.T) {
			err := CheckPath(tt.path)
			if (err == nil) != tt.ok {
				t.Fatalf("CheckPath(%q) = %v, want ok=%v", tt.path, err, tt.ok)
			}
			if err != nil && !errors.Is(err, errBadPath) {
				t.Errorf("error %v does not wrap errBadPath", err)
			}
		})
	}
}

// TestSinksRejectBadPaths checks that every sink refuses what CheckPath
// refuses, before touching anything.
func TestSinksRejectBadPaths(t *testing.T) {
	stage, err := Stage(t.TempDir() + "/public")
	if err != nil {
		t.Fatal(err)
	}
	defer stage.Abort()
	sinks := map[string]Sink{"memory": &Memory{}, "staging": stage, "minifier": NewMinifier().Wrap(&Memory{})}
	for name, s := range sinks {
		for _, p := range []string{"/abs", "../up", "a//b", "a\\b", "a\x00", ""} {
			if err := s.Write(p, []byte("x")); !errors.Is(err, errBadPath) {
				t.Errorf("%s.Write(%q) = %v, want a bad path error", name, p, err)
			}
		}
	}
}

func TestMemory(t *testing.T) {
	var m Memory
	var wg sync.WaitGroup
	for i := range 20 {
		wg.Go(func() {
			if err := m.Write(fmt.Sprintf("p/%02d/index.html", i), []byte{byte(i)}); err != nil {
				t.Error(err)
			}
			m.Get("p/00/index.html")
		})
	}
	wg.Wait()
	if m.Len() != 20 {
		t.Fatalf("Len = %d, want 20", m.Len())
	}
	paths := m.Paths()
	if !slices.IsSorted(paths) || paths[0] != "p/00/index.html" {
		t.Errorf("Paths = %v", paths)
	}
	if b, ok := m.Get("p/07/index.html"); !ok || b[0] != 7 {
		t.Errorf("Get = %v, %v", b, ok)
	}
	if _, ok := m.Get("missing"); ok {
		t.Error("Get(missing) found something")
	}
	m.Write("p/07/index.html", []byte("new"))
	if b, _ := m.Get("p/07/index.html"); string(b) != "new" {
		t.Errorf("rewrite kept %q", b)
	}
}

func TestFingerprint(t *testing.T) {
	body := []byte("body{color:red}")
	const h = "15c42ab7" // printf "body{color:red}" | sha256sum | cut -c1-8
	tests := []struct{ in, want string }{
		{"css/main.css", "css/main." + h + ".css"},
		{"main.css", "main." + h + ".css"},
		{"js/app.min.js", "js/app.min." + h + ".js"},
		{"LICENSE", "LICENSE." + h},
		{"fonts/.hidden", "fonts/.hidden." + h},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := Fingerprint(tt.in, body); got != tt.want {
				t.Errorf("Fingerprint(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
	if Fingerprint("a.css", []byte("x")) == Fingerprint("a.css", body) {
		t.Error("different bodies, same fingerprint")
	}
}
