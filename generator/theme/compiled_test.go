package theme

import (
	"bytes"
	"html/template"
	"strings"
	"testing"
	"testing/fstest"
)

// TestCompiledMatchesHTMLTemplate renders every layout of the default
// theme with its compiled programs and with html/template alone, and
// wants the same bytes, with no execution left to html/template: the
// default theme is what the compiler must cover.
func TestCompiledMatchesHTMLTemplate(t *testing.T) {
	fast := loadDefault(t)
	t.Setenv("BINOME_TEMPLATES", "std")
	slow := loadDefault(t)
	for name, p := range fast.programs {
		if p.prog == nil {
			t.Errorf("%s: not compiled: %v", name.Name(), p.err)
		}
	}
	for _, lang := range []string{"fr", "en"} {
		_, fastPages := fakeSiteFor(fast, lang)
		_, slowPages := fakeSiteFor(slow, lang)
		for _, tc := range defaultPages {
			var a, b bytes.Buffer
			errA := fast.Execute(&a, []string{tc.layout}, fastPages[tc.page])
			errB := slow.Execute(&b, []string{tc.layout}, slowPages[tc.page])
			if (errA == nil) != (errB == nil) {
				t.Errorf("%s/%s: compiled error %v, html/template error %v", lang, tc.layout, errA, errB)
			}
			if a.String() != b.String() {
				t.Errorf("%s/%s: outputs differ:\n%s", lang, tc.layout, firstDiff(a.String(), b.String()))
			}
		}
	}
	if n := fast.Fallbacks(); n != 0 {
		t.Errorf("%d executions left to html/template", n)
	}
}

// firstDiff shows where two outputs part.
func firstDiff(a, b string) string {
	i := 0
	for i < len(a) && i < len(b) && a[i] == b[i] {
		i++
	}
	from := max(0, i-80)
	return "compiled:      …" + a[from:min(len(a), i+80)] + "\nhtml/template: …" + b[from:min(len(b), i+80)]
}

// A layout's first execution stops at its first write to escape the
// templates, then runs the program: it writes what html/template writes,
// and fails as html/template fails, whatever comes before that write.
func TestFirstExecutionMatchesHTMLTemplate(t *testing.T) {
	layouts := map[string]string{
		"text first":          `<p>{{ .Title }}</p>`,
		"an action first":     `{{ .Title }}<p>{{ upper .Title }}</p>`,
		"a variable first":    `{{ $t := upper .Title }}{{ if $t }}<b>{{ $t }}</b>{{ end }}`,
		"nothing written":     `{{ $t := .Title }}{{ if not $t }}x{{ end }}`,
		"an error first":      `{{ index .Title 99 }}<p>never</p>`,
		"an error after text": `<p>{{ .Nope }}</p>`,
		"an escaping error":   `<a href="{{ .Title }}`,
	}
	fsys := fstest.MapFS{}
	for name, text := range layouts {
		fsys["layouts/"+name+".html"] = &fstest.MapFile{Data: []byte(text)}
	}
	funcs := template.FuncMap{"upper": strings.ToUpper}
	for name := range layouts {
		var out [2]string
		var errs [2]error
		for i, std := range []string{"", "std"} {
			t.Setenv("BINOME_TEMPLATES", std)
			// A fresh set each time: the first execution is the one tested.
			s, err := LoadUnchecked([]Layer{{Name: "t", FS: fsys, Dir: "t"}}, funcs)
			if err != nil {
				t.Fatal(err)
			}
			var b bytes.Buffer
			errs[i] = s.Execute(&b, []string{name + ".html"}, page{"Guide"})
			out[i] = b.String()
			if p := s.programs[s.layouts[name+".html"]]; std == "" && errs[i] == nil && (!p.tried.Load() || p.prog == nil) {
				t.Errorf("%s: not compiled by its first execution: %v", name, p.err)
			}
		}
		if out[0] != out[1] || (errs[0] == nil) != (errs[1] == nil) || errs[0] != nil && errs[0].Error() != errs[1].Error() {
			t.Errorf("%s: first execution wrote %q, %v; html/template %q, %v", name, out[0], errs[0], out[1], errs[1])
		}
	}
}
