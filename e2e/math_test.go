package e2e

import (
	"strings"
	"testing"
)

// Math in a page is drawn by the KaTeX the theme ships, from the site
// itself: each formula becomes KaTeX's markup, with MathML for screen
// readers, and its fonts load (network_test.go checks that nothing comes
// from elsewhere).
func TestMathIsDrawn(t *testing.T) {
	ctx := brStart(t)
	_, base := brServeExample(t)
	brNavigate(t, ctx, base+"en/guides/running-the-programme/")
	brWait(t, ctx, `document.querySelectorAll(".math .katex").length === document.querySelectorAll(".math").length`, "KaTeX to draw every formula")
	if n := brEval[int](t, ctx, `document.querySelectorAll(".math").length`); n < 4 {
		t.Fatalf("%d formulas on the page, want 4", n)
	}
	if n := brEval[int](t, ctx, `document.querySelectorAll(".math-display .katex-display").length`); n != 1 {
		t.Errorf("%d formulas drawn for display, want 1", n)
	}
	if n := brEval[int](t, ctx, `document.querySelectorAll(".math math").length`); n < 4 {
		t.Errorf("%d formulas have MathML, want every one", n)
	}
	if errs := brEval[string](t, ctx, `Array.from(document.querySelectorAll(".katex-error")).map(e => e.title).join("\n")`); errs != "" {
		t.Errorf("KaTeX could not read some TeX:\n%s", errs)
	}
	brWait(t, ctx, `document.fonts.status === "loaded"`, "the fonts to load")
	if fonts := brEval[string](t, ctx, `Array.from(document.fonts).filter(f => f.family.startsWith("KaTeX") && f.status === "loaded").map(f => f.family).join(",")`); !strings.Contains(fonts, "KaTeX_Main") {
		t.Errorf("KaTeX's fonts loaded: %q, want KaTeX_Main among them", fonts)
	}
}
