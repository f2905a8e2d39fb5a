package theme

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"testing/fstest"

	"binome/generator/source"
)

// base is a small default theme: baseof with blocks, the generic
// layouts, two partials, strings, static files and archetypes.
func baseTheme() fstest.MapFS {
	return fstest.MapFS{
		"theme.yaml": {Data: []byte("name: base\nparams:\n  color: blue\n  size: 3\n")},
		"layouts/baseof.html": {Data: []byte(`<title>{{ block "title" . }}default title{{ end }}</title>` +
			`{{ partial "header.html" . }}<main>{{ block "main" . }}{{ end }}</main>{{ block "aside" . }}<aside>base aside</aside>{{ end }}` +
			`{{ partial "footer.html" . }}`)},
		"layouts/_default/single.html": {Data: []byte(`{{ define "main" }}base single {{ .Title }}{{ end }}`)},
		"layouts/_default/list.html":   {Data: []byte(`{{ define "main" }}base list{{ end }}{{ define "title" }}List{{ end }}`)},
		"layouts/guide/single.html":    {Data: []byte(`{{ define "main" }}base guide{{ end }}`)},
		"layouts/wide.html":            {Data: []byte(`{{ define "main" }}wide{{ end }}{{ define "aside" }}{{ end }}`)},
		"layouts/feed.xml.html":        {Data: []byte(`<feed>{{ .Title }}</feed>`)},
		"layouts/direct.html":          {Data: []byte(`{{ define "main" }}{{ template "partials/header.html" . }}|{{ template "partials/small.html" . }}{{ end }}`)},
		"layouts/partials/header.html": {Data: []byte(`<header>base header</header>`)},
		"layouts/partials/footer.html": {Data: []byte(`<footer>base footer {{ partial "small.html" . }}</footer>`)},
		"layouts/partials/small.html":  {Data: []byte(`<small>{{ .Title }}</small>`)},
		"i18n/en.yaml":                 {Data: []byte("hello: \"Hello\"\nonly_en: \"English only\"\ncount: \"%d pages\"\ncount_one: \"%d page\"\n")},
		"i18n/fr.yaml":                 {Data: []byte("hello: \"Bonjour\"\ncount: \"%d pages\"\ncount_one: \"%d page\"\n")},
		"static/css/main.css":          {Data: []byte("body{}")},
		"static/js/main.js":            {Data: []byte("base js")},
		"static/.DS_Store":             {Data: []byte("junk")},
		"archetypes/default.md":        {Data: []byte("base default")},
		"archetypes/guide.md":          {Data: []byte("base guide")},
	}
}

// user overrides one layout, one partial, one string, one static file
// and one param; the rest comes from base.
func user() fstest.MapFS {
	return fstest.MapFS{
		"theme.yaml":                   {Data: []byte("name: mine\nparams:\n  color: green\n")},
		"layouts/guide/single.html":    {Data: []byte(`{{ define "main" }}user guide{{ end }}{{ define "title" }}Guide {{ .Title }}{{ end }}`)},
		"layouts/partials/header.html": {Data: []byte(`<header>user header</header>`)},
		"i18n/fr.yaml":                 {Data: []byte("hello: \"Salut\"\n")},
		"static/js/main.js":            {Data: []byte("user js")},
		"archetypes/default.md":        {Data: []byte("user default")},
		"archetypes/guide.fr.md":       {Data: []byte("user guide fr")},
	}
}

type page struct{ Title string }

func load(t *testing.T, layers ...Layer) *Set {
	t.Helper()
	s, err := Load(layers, nil)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func run(t *testing.T, s *Set, data any, candidates ...string) string {
	t.Helper()
	var b bytes.Buffer
	if err := s.Execute(&b, candidates, data); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func layers() []Layer {
	return []Layer{{Name: "mine", FS: user(), Dir: "themes/mine"}, {Name: "default", FS: baseTheme(), Dir: "themes/default"}}
}

func TestExecuteLayerChain(t *testing.T) {
	s := load(t, layers()...)
	tests := []struct {
		name       string
		candidates []string
		want       string
	}{
		{"user layout and partial, base baseof and footer", []string{"guide/single.html", "_default/single.html"},
			`<title>Guide Léa</title><header>user header</header><main>user guide</main><aside>base aside</aside><footer>base footer <small>Léa</small></footer>`},
		{"base layout with user partial", []string{"training/single.html", "_default/single.html"},
			`<title>default title</title><header>user header</header><main>base single Léa</main><aside>base aside</aside><footer>base footer <small>Léa</small></footer>`},
		{"custom layout field first", []string{"wide.html", "guide/single.html"},
			`<title>default title</title><header>user header</header><main>wide</main><footer>base footer <small>Léa</small></footer>`},
		{"layout without main runs alone", []string{"feed.xml.html"}, `<feed>Léa</feed>`},
		{"partials called by template, user one first", []string{"direct.html"},
			`<title>default title</title><header>user header</header><main><header>user header</header>|<small>Léa</small></main><aside>base aside</aside><footer>base footer <small>Léa</small></footer>`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := run(t, s, page{"Léa"}, tc.candidates...); got != tc.want {
				t.Errorf("got  %s\nwant %s", got, tc.want)
			}
		})
	}
	if !s.Has("guide/single.html") || s.Has("training/single.html") || s.Has("partials/header.html") || s.Has("baseof.html") {
		t.Error("Has: wrong answer")
	}
}

func TestExecuteNoLayout(t *testing.T) {
	s := load(t, layers()...)
	err := s.Execute(new(bytes.Buffer), []string{"x.html", "y/list.html"}, page{})
	var e *source.Error
	if !errors.As(err, &e) || !strings.Contains(e.Msg, "x.html, y/list.html") {
		t.Fatalf("got %v", err)
	}
}

func TestStringsStaticParamsArchetypes(t *testing.T) {
	s := load(t, layers()...)
	for _, tc := range []struct {
		lang, key string
		args      []any
		want      string
	}{
		{"fr", "hello", nil, "Salut"},          // user layer wins
		{"en", "hello", nil, "Hello"},          // base only
		{"fr", "only_en", nil, "English only"}, // falls back to English
		{"de", "hello", nil, "Hello"},          // unknown language
		{"fr", "nope", nil, "nope"},            // the key itself
		{"fr", "count", []any{0}, "0 page"},    // French singular for 0
		{"en", "count", []any{0}, "0 pages"},   // English plural for 0
		{"en", "count", []any{1}, "1 page"},
		{"en", "count", []any{12}, "12 pages"},
		{"en", "hello", []any{3}, "Hello"}, // no verb: the count only picks the form
	} {
		if got := s.Translate(tc.lang, tc.key, tc.args...); got != tc.want {
			t.Errorf("Translate(%s, %s, %v) = %q, want %q", tc.lang, tc.key, tc.args, got, tc.want)
		}
	}

	var static []string
	for _, f := range s.Static() {
		static = append(static, fmt.Sprintf("%s=%s(%s)", f.Path, f.Body, f.Layer))
	}
	if got, want := strings.Join(static, " "), "css/main.css=body{}(default) js/main.js=user js(mine)"; got != want {
		t.Errorf("Static = %s, want %s", got, want)
	}

	if got := fmt.Sprint(s.Params()); got != "map[color:green size:3]" {
		t.Errorf("Params = %s", got)
	}

	for _, tc := range []struct{ name, lang, want string }{
		{"guide", "fr", "user guide fr"},
		{"guide", "en", "base guide"}, // specific before generic, across layers
		{"story", "en", "user default"},
	} {
		if got, ok := s.Archetype(tc.name, tc.lang); !ok || string(got) != tc.want {
			t.Errorf("Archetype(%s, %s) = %q, %v; want %q", tc.name, tc.lang, got, ok, tc.want)
		}
	}
	if _, ok := load(t, Layer{Name: "empty", FS: fstest.MapFS{}}).Archetype("guide", "fr"); ok {
		t.Error("Archetype found in an empty theme")
	}
}

// errorAt checks that err holds a *source.Error at path:line whose text
// contains msg.
func errorAt(t *testing.T, err error, path string, line int, msg string) *source.Error {
	t.Helper()
	for _, e := range source.Flatten(err) {
		var se *source.Error
		if errors.As(e, &se) && se.Pos.Path == path && se.Pos.Line == line && strings.Contains(se.Error(), msg) {
			return se
		}
	}
	t.Fatalf("no error at %s:%d with %q in:\n%v", path, line, msg, err)
	return nil
}

func TestLoadErrorsHaveFileAndLine(t *testing.T) {
	fsys := baseTheme()
	fsys["layouts/guide/single.html"] = &fstest.MapFile{Data: []byte("{{ define \"main\" }}\n<p>\n{{ .Title }\n{{ end }}")}
	fsys["layouts/partials/header.html"] = &fstest.MapFile{Data: []byte("<header>\n{{ if }}</header>")}
	fsys["layouts/_default/list.html"] = &fstest.MapFile{Data: []byte("{{ define \"main\" }}\n{{ if .A }}<a href=\"{{ else }}<b>{{ end }}x\n{{ end }}")}
	fsys["layouts/nofunc.html"] = &fstest.MapFile{Data: []byte("\n\n{{ nosuchfunc . }}")}
	fsys["i18n/de.yaml"] = &fstest.MapFile{Data: []byte("a: \"x\"\nb: c: d\n")}
	fsys["theme.yaml"] = &fstest.MapFile{Data: []byte("name: x\ncolour: red\n")}
	_, err := Load([]Layer{{Name: "default", FS: fsys, Dir: "themes/default"}}, nil)
	if err == nil {
		t.Fatal("no error")
	}
	errorAt(t, err, "themes/default/layouts/guide/single.html", 3, "unexpected")
	errorAt(t, err, "themes/default/layouts/partials/header.html", 2, "missing value for if")
	errorAt(t, err, "themes/default/layouts/_default/list.html", 2, "branches end in different contexts")
	errorAt(t, err, "themes/default/layouts/nofunc.html", 3, `function "nosuchfunc" not defined`)
	errorAt(t, err, "themes/default/i18n/de.yaml", 2, "mapping values")
	errorAt(t, err, "themes/default/theme.yaml", 2, "colour")
}

func TestExecuteErrorsPointAtTheTemplate(t *testing.T) {
	fsys := baseTheme()
	fsys["layouts/guide/single.html"] = &fstest.MapFile{Data: []byte("{{ define \"main\" }}\n<p>\n  {{ .Nope }}</p>\n{{ end }}")}
	fsys["layouts/story/single.html"] = &fstest.MapFile{Data: []byte("{{ define \"main\" }}\n{{ partial \"broken.html\" . }}{{ end }}")}
	fsys["layouts/partials/broken.html"] = &fstest.MapFile{Data: []byte("<b>\n\n{{ .Title.Nope }}</b>")}
	fsys["layouts/duo/single.html"] = &fstest.MapFile{Data: []byte("{{ define \"main\" }}\n\n\n{{ partial \"missing.html\" . }}{{ end }}")}
	fsys["layouts/training/single.html"] = &fstest.MapFile{Data: []byte("{{ define \"main\" }}\n{{ template \"partials/broken.html\" . }}{{ end }}")}
	s := load(t, Layer{Name: "default", FS: fsys, Dir: "themes/default"})

	tests := []struct {
		layout, path string
		line, col    int
		msg, hint    string
	}{
		{"guide/single.html", "themes/default/layouts/guide/single.html", 3, 5, "can't evaluate field Nope", "no field or method"},
		{"story/single.html", "themes/default/layouts/partials/broken.html", 3, 9, "can't evaluate field Nope",
			"called from themes/default/layouts/story/single.html:2:3"},
		{"duo/single.html", "themes/default/layouts/duo/single.html", 4, 3, `partial "missing.html" not found`,
			"available: broken.html, footer.html, header.html, small.html"},
		{"training/single.html", "themes/default/layouts/partials/broken.html", 3, 9, "can't evaluate field Nope", "no field or method"},
	}
	for _, tc := range tests {
		t.Run(tc.layout, func(t *testing.T) {
			var out bytes.Buffer
			err := s.Execute(&out, []string{tc.layout}, page{"x"})
			var e *source.Error
			if !errors.As(err, &e) {
				t.Fatalf("got %T %v", err, err)
			}
			if e.Pos != (source.Pos{Path: tc.path, Line: tc.line, Col: tc.col}) {
				t.Errorf("Pos = %v, want %s:%d:%d", e.Pos, tc.path, tc.line, tc.col)
			}
			if !strings.Contains(e.Msg, tc.msg) || !strings.Contains(e.Hint, tc.hint) {
				t.Errorf("got %q\nhint %q", e.Msg, e.Hint)
			}
			if out.Len() != 0 {
				t.Errorf("wrote %q on error", out.String())
			}
			out.WriteString("kept")
			if s.Execute(&out, []string{tc.layout}, page{"x"}) == nil || out.String() != "kept" {
				t.Errorf("a failed page left %q in a buffer holding %q", out.String(), "kept")
			}
		})
	}
}

func TestPartialArguments(t *testing.T) {
	fsys := baseTheme()
	fsys["layouts/partials/none.html"] = &fstest.MapFile{Data: []byte(`[{{ . }}]`)}
	fsys["layouts/a.html"] = &fstest.MapFile{Data: []byte(`{{ partial "none" }}{{ partial "small.html" (dict "Title" "from dict") }}`)}
	fsys["layouts/b.html"] = &fstest.MapFile{Data: []byte(`{{ partial "none.html" 1 2 }}`)}
	s := load(t, Layer{Name: "default", FS: fsys, Dir: "t"})
	if got := run(t, s, nil, "a.html"); got != `[]<small>from dict</small>` {
		t.Errorf("got %s", got)
	}
	if err := s.Execute(new(bytes.Buffer), []string{"b.html"}, nil); err == nil || !strings.Contains(err.Error(), "want one data argument") {
		t.Errorf("got %v", err)
	}
}

// TestExecuteConcurrently renders the same layouts from many goroutines;
// run with -race.
func TestExecuteConcurrently(t *testing.T) {
	s := load(t, layers()...)
	var wg sync.WaitGroup
	errs := make(chan error, 16)
	for g := range 16 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 200 {
				var b bytes.Buffer
				title := fmt.Sprintf("p%d-%d", g, i)
				if err := s.Execute(&b, []string{"guide/single.html"}, page{title}); err != nil {
					errs <- err
					return
				}
				if !strings.Contains(b.String(), "<small>"+title+"</small>") {
					errs <- fmt.Errorf("page %s got %s", title, b.String())
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}

// BenchmarkExecuteDefaultGuide renders a guide page of the default theme,
// partials and all, in parallel.
func BenchmarkExecuteDefaultGuide(b *testing.B) {
	set := loadDefault(b)
	_, pages := fakeSiteFor(set, "fr")
	p := pages["guide:premiere-rencontre"]
	candidates := []string{"guide/single.html", "_default/single.html"}
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		var out bytes.Buffer
		for pb.Next() {
			out.Reset()
			if err := set.Execute(&out, candidates, p); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkExecuteDefault renders one page of each main kind of the
// default theme on one goroutine, into a reused buffer, so allocs/op is
// stable from run to run: compare it, more than ns/op, on a shared machine.
// The fragments the page shares (partialCached) are made on the first
// run, as on the first page of a build that needs them.
func BenchmarkExecuteDefault(b *testing.B) {
	set := loadDefault(b)
	_, pages := fakeSiteFor(set, "fr")
	for _, bc := range []struct{ name, layout, page string }{
		{"guide", "guide/single.html", "guide:premiere-rencontre"},
		{"list", "_default/list.html", "section:guides"},
		{"profile", "profile/single.html", "profile:lea-martin"},
		{"directory", "directory/list.html", "directory:annuaire"},
		{"home", "index.html", "home:home"},
	} {
		b.Run(bc.name, func(b *testing.B) {
			p := pages[bc.page]
			candidates := []string{bc.layout}
			var out bytes.Buffer
			b.ReportAllocs()
			for b.Loop() {
				out.Reset()
				if err := set.Execute(&out, candidates, p); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(out.Len()), "bytes/page")
		})
	}
}

// LoadUnchecked leaves html/template's escaping check to the first
// execution of each layout: a mistake that Load reports at once is then
// an error of Execute, for that layout only.
func TestLoadUncheckedChecksOnExecute(t *testing.T) {
	fsys := fstest.MapFS{
		"layouts/good/single.html": {Data: []byte(`<p>{{ .Title }}</p>`)},
		"layouts/bad/single.html":  {Data: []byte(`{{ if .Title }}<a href="{{ end }}x">`)},
	}
	layers := []Layer{{Name: "t", FS: fsys, Dir: "themes/t"}}
	if _, err := Load(layers, nil); err == nil || !strings.Contains(err.Error(), "bad/single.html") {
		t.Fatalf("Load: %v, want the escaping mistake of bad/single.html", err)
	}
	s, err := LoadUnchecked(layers, nil)
	if err != nil {
		t.Fatalf("LoadUnchecked: %v", err)
	}
	var out bytes.Buffer
	data := map[string]string{"Title": "Hi"}
	if err := s.Execute(&out, []string{"good/single.html"}, data); err != nil || out.String() != "<p>Hi</p>" {
		t.Errorf("good layout: %q, %v", out.String(), err)
	}
	if err := s.Execute(&out, []string{"bad/single.html"}, data); err == nil {
		t.Error("bad layout executed without error")
	}
}
