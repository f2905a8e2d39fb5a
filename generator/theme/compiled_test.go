package theme

import (
	"bytes"
	"testing"
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
