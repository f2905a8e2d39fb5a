package output

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"errors"
	"io"
	"strings"
	"testing"
)

func TestMinify(t *testing.T) {
	m := NewMinifier()
	tests := []struct {
		name, path, in string
		contains       []string // each must be in the output
		absent         []string // none may be
		valid          func([]byte) error
	}{
		{
			name:     "html keeps pre whitespace",
			path:     "guides/x/index.html",
			in:       "<!DOCTYPE html>\n<html lang=\"fr\">\n<body>\n  <p>a   b</p>\n<pre>  line 1\n    line 2\n</pre>\n</body>\n</html>\n",
			contains: []string{"<pre>  line 1\n    line 2\n</pre>", "<p>a b</p>", `<html lang=fr>`, "</body>"},
		},
		{
			name: "html keeps accessibility attributes",
			path: "index.html",
			in: `<html lang="en"><body><nav aria-label="Main" role="navigation"><a href="/" aria-current="page">Home</a></nav>
<img src="/a.png" alt=""><img src="/b.png" alt="Two colleagues"><button type="button" aria-expanded="false" aria-controls="menu">Menu</button>
<input type="text" id="q" aria-describedby="help"><label for="q">Search</label><span id="help" hidden>Type words</span></body></html>`,
			contains: []string{`aria-label=Main`, `role=navigation`, `aria-current=page`, `<img src=/a.png alt>`, `alt="Two colleagues"`,
				`aria-expanded=false`, `aria-controls=menu`, `aria-describedby=help`, `for=q`, `hidden`, `lang=en`},
		},
		{
			name:     "html minifies inline script and style",
			path:     "index.html",
			in:       "<style>\n  body {  color : red ; }\n</style><script>\n  var  answer = 40 + 2;\n  console.log( answer );\n</script>",
			contains: []string{"body{color:red}", "console.log(answer)"},
		},
		{
			name:     "css",
			path:     "css/main.css",
			in:       "body {\n  margin: 0px;\n  color: #ff0000;\n}\n/* comment */\n",
			contains: []string{"body{margin:0;color:red}"},
			absent:   []string{"comment"},
		},
		{
			name:     "js",
			path:     "js/search.js",
			in:       "// search\nfunction   search ( query ) {\n  return query . trim ( ) ;\n}\n",
			contains: []string{"function search(", ".trim()"},
			absent:   []string{"// search"},
		},
		{
			name:     "svg",
			path:     "impact/fr/sessions.svg",
			in:       "<?xml version=\"1.0\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 100 50\" role=\"img\" aria-labelledby=\"t\">\n  <title id=\"t\">Sessions per month</title>\n  <rect x=\"0.000\" y=\"10\" width=\"20.50\" height=\"40\" fill=\"#ff0000\"/>\n</svg>\n",
			contains: []string{"<title id=\"t\">Sessions per month</title>", "aria-labelledby"},
			valid:    validXML,
		},
		{
			name:   "json",
			path:   "search/fr/0.json",
			in:     "{\n  \"terms\": [ \"équipe\", \"écoute\" ],\n  \"n\": 2.50\n}\n",
			absent: []string{"\n", "  "},
			valid: func(b []byte) error {
				var v any
				return json.Unmarshal(b, &v)
			},
		},
		{
			name:     "xml feed",
			path:     "stories/index.xml",
			in:       "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\n  <title>Stories</title>\n  <entry>\n    <title>Léa &amp; Paul</title>\n  </entry>\n</feed>\n",
			contains: []string{"<title>Léa &amp; Paul</title>"},
			valid:    validXML,
		},
		{
			name:     "webmanifest",
			path:     "site.webmanifest",
			in:       "{\n  \"name\": \"Binôme\",\n  \"icons\": []\n}\n",
			contains: []string{`{"name":"Binôme","icons":[]}`},
		},
		{
			name:     "upper-case extension",
			path:     "A.CSS",
			in:       "a {  color : red }",
			contains: []string{"a{color:red}"},
		},
		{
			name:     "other files pass through",
			path:     "profiles/lea/photo.jpg",
			in:       "  \xff\xd8 not minified  ",
			contains: []string{"  \xff\xd8 not minified  "},
		},
		{
			name:     "csv passes through",
			path:     "impact/fr/sessions.csv",
			in:       "month, sessions\n2026-01, 12\n",
			contains: []string{"month, sessions\n2026-01, 12\n"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := m.Minify(tt.path, []byte(tt.in))
			if err != nil {
				t.Fatal(err)
			}
			for _, s := range tt.contains {
				if !bytes.Contains(got, []byte(s)) {
					t.Errorf("output lacks %q:\n%s", s, got)
				}
			}
			for _, s := range tt.absent {
				if bytes.Contains(got, []byte(s)) {
					t.Errorf("output has %q:\n%s", s, got)
				}
			}
			if tt.valid != nil {
				if err := tt.valid(got); err != nil {
					t.Errorf("invalid after minifying: %v\n%s", err, got)
				}
			}
		})
	}
}

func validXML(b []byte) error {
	d := xml.NewDecoder(bytes.NewReader(b))
	for {
		_, err := d.Token()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
	}
}

func TestMinifyErrorNamesPath(t *testing.T) {
	_, err := NewMinifier().Minify("search/fr/0.json", []byte(`{"a": [1, 2}`))
	if err == nil || !strings.Contains(err.Error(), "search/fr/0.json") {
		t.Fatalf("error = %v, want one naming the path", err)
	}
}

func TestMinifierWrap(t *testing.T) {
	var mem Memory
	s := NewMinifier().Wrap(&mem)
	if err := s.Write("a.css", []byte("a {  color : red }")); err != nil {
		t.Fatal(err)
	}
	if got, _ := mem.Get("a.css"); string(got) != "a{color:red}" {
		t.Errorf("got %q", got)
	}
	if err := s.Write("../a.css", nil); err == nil {
		t.Error("bad path accepted")
	}
}

// TestMinifyConcurrent is meant for -race: one Minifier serves all the
// render goroutines.
func TestMinifyConcurrent(t *testing.T) {
	m := NewMinifier()
	page := benchPage()
	want, err := m.Minify("a.html", page)
	if err != nil {
		t.Fatal(err)
	}
	errs := make(chan error, 4)
	for range 4 {
		go func() {
			for _, p := range []string{"a.html", "a.css", "a.svg", "a.json"} {
				got, err := m.Minify("a.html", page)
				if err == nil && !bytes.Equal(got, want) {
					err = errors.New("output differs under concurrency at " + p)
				}
				if err != nil {
					errs <- err
					return
				}
			}
			errs <- nil
		}()
	}
	for range 4 {
		if err := <-errs; err != nil {
			t.Error(err)
		}
	}
}

func BenchmarkMinifyHTML(b *testing.B) {
	page := benchPage()
	m := NewMinifier()
	b.SetBytes(int64(len(page)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := m.Minify("guides/first-meeting/index.html", page); err != nil {
			b.Fatal(err)
		}
	}
}

// A comment of a layout may hold an apostrophe: the layout is minified all
// the same, and the comment's trim markers still trim.
func TestTemplateMinifierComments(t *testing.T) {
	m := NewTemplateMinifier()
	for _, c := range []struct{ name, src, want string }{
		{"apostrophe", "{{/* it's a note */}}\n<div>\n  <p>  {{ .X }}  </p>\n</div>\n", "{{/**/}}<div><p>{{ .X }}</p></div>"},
		{"trim markers", "<p>a</p>\n{{- /* l'ordre\n compte */ -}}\n<p>b</p>", "<p>a</p>{{- /**/ -}}<p>b</p>"},
		{"two comments", "{{/* a's */}}\n<div>\n  x\n</div>\n{{/* b's */}}", "{{/**/}}<div>x</div>{{/**/}}"},
	} {
		t.Run(c.name, func(t *testing.T) {
			out, err := m.Minify(c.name, []byte(c.src))
			if err != nil {
				t.Fatal(err)
			}
			if string(out) != c.want {
				t.Errorf("Minify(%q) = %q, want %q", c.src, out, c.want)
			}
		})
	}
}
