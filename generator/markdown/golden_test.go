package markdown

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/ with the current output")

// goldenMarker splits a golden file: Markdown above, expected HTML below.
// A first line "options: …" sets lang=…, unsafe, highlight, and dialects
// (the Markdown goes through Normalize first).
const goldenMarker = "-- html --\n"

// goldenResolve stands in for the site's link lookup: source files become
// page URLs, everything else is kept.
func goldenResolve(l Link) (string, bool) {
	path, frag, _ := strings.Cut(l.Dest, "#")
	if l.Image || !strings.HasSuffix(path, ".md") {
		return "", false
	}
	u := "/" + strings.TrimSuffix(filepath.Base(path), ".md") + "/"
	if frag != "" {
		u += "#" + frag
	}
	return u, true
}

func TestGolden(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "golden", "*.txt"))
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Fatal("no golden files")
	}
	renderers := map[Config]*Renderer{}
	for _, file := range files {
		name := strings.TrimSuffix(filepath.Base(file), ".txt")
		t.Run(name, func(t *testing.T) {
			data, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			src, want, ok := bytes.Cut(data, []byte(goldenMarker))
			if !ok {
				t.Fatalf("%s: no %q line", file, strings.TrimSpace(goldenMarker))
			}
			var cfg Config
			opt := Options{ResolveLink: goldenResolve}
			dialects, mdx := false, false
			header := src
			if first, rest, ok := bytes.Cut(src, []byte("\n")); ok && bytes.HasPrefix(first, []byte("options:")) {
				header, src = first, rest
				for _, f := range strings.Fields(string(first[len("options:"):])) {
					switch {
					case f == "unsafe":
						cfg.Unsafe = true
					case f == "highlight":
						cfg.Highlight = true
					case f == "dialects":
						dialects = true
					case f == "mdx":
						mdx = true
					case strings.HasPrefix(f, "lang="):
						opt.Lang = strings.TrimPrefix(f, "lang=")
					default:
						t.Fatalf("%s: unknown option %q", file, f)
					}
				}
			} else {
				header = nil
			}
			r := renderers[cfg]
			if r == nil {
				r = New(cfg)
				renderers[cfg] = r
			}
			in := src
			if dialects {
				in = Normalize(src, mdx)
				if n, m := bytes.Count(in, []byte("\n")), bytes.Count(src, []byte("\n")); n != m {
					t.Errorf("Normalize made %d lines of %d", n+1, m+1)
				}
			}
			res, err := r.Render(in, opt)
			if err != nil {
				t.Fatal(err)
			}
			if *update {
				var b bytes.Buffer
				if header != nil {
					b.Write(header)
					b.WriteByte('\n')
				}
				b.Write(src)
				b.WriteString(goldenMarker)
				b.Write(res.HTML)
				if err := os.WriteFile(file, b.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			if !bytes.Equal(res.HTML, want) {
				t.Errorf("%s: HTML differs (go test -run TestGolden -update to accept)\n--- got\n%s\n--- want\n%s", file, res.HTML, want)
			}
		})
	}
}
