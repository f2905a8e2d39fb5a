package e2e

import (
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"binome/internal/needs"
)

// narrowWidths are the viewport widths checked, in CSS pixels: the
// narrowest phones in use, a common Android phone, an iPhone, and the
// desktop width of the other browser tests.
var narrowWidths = []int64{320, 360, 375, 1280}

// narrowWide are pages with wide content: the guide with the example
// site's widest Markdown tables and a code block, and the generated pages
// with tables and charts.
var narrowWide = []string{
	"/guides/running-the-programme/", "/en/guides/running-the-programme/",
	"/impact/", "/en/impact/",
	"/matches/", "/en/matches/",
	"/review/", "/en/review/",
	"/profiles/", "/en/profiles/",
}

// narrowPages lists narrowWide, then one page of each type in each
// language, each page once.
func narrowPages(t *testing.T, dir string) []string {
	t.Helper()
	pages := slices.Clone(narrowWide)
	for _, u := range pages {
		if _, err := os.Stat(brFile(dir, u)); err != nil {
			t.Fatalf("example site changed: no page %s (%v); pick another page with wide content", u, err)
		}
	}
	samples := axeSamples(t, dir)
	for _, lang := range []string{"fr", "en"} {
		for _, kind := range axeKinds {
			if u := samples[lang+" "+kind]; u != "" && !slices.Contains(pages, u) {
				pages = append(pages, u)
			}
		}
	}
	return pages
}

// narrowPoking lists the elements that stick out of the viewport on the
// right with no box of theirs scrolling or clipping them: each one makes
// the page scroll sideways, or is cut off. Of each branch that sticks
// out, only the outermost element is listed.
const narrowPoking = `(() => {
	const width = document.documentElement.clientWidth;
	const held = el => {
		for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
			if (getComputedStyle(a).overflowX !== "visible") return true;
		}
		return false;
	};
	const name = el => el.tagName.toLowerCase() + (el.id ? "#" + el.id : "") +
		Array.from(el.classList).map(c => "." + c).join("");
	const out = [];
	for (const el of document.body.querySelectorAll("*")) {
		const r = el.getBoundingClientRect();
		if (r.width <= 1 || r.right <= width + 0.5 || held(el)) continue;
		if (el.parentElement !== document.body && el.parentElement.getBoundingClientRect().right > width + 0.5) continue;
		out.push(name(el) + " (right edge at " + Math.round(r.right) + " px)");
	}
	return out;
})()`

// narrowPage is what the test reads of a page at one width.
type narrowPage struct {
	ScrollWidth int      `json:"scrollWidth"`
	ClientWidth int      `json:"clientWidth"`
	Poking      []string `json:"poking"`
}

// On a phone the page never scrolls sideways: wide tables and code scroll
// inside their own box, long words wrap, charts shrink. Nor at 1280 px.
// The guide checked has a seven-column table in each language. Issue #5.
func TestNarrowPagesDoNotScrollSideways(t *testing.T) {
	needs.Program(t, "chromium", "chromium")
	t.Parallel()
	dir := brBuildSite(t)
	_, base := brServeExample(t)
	ctx := brStart(t)
	for _, u := range narrowPages(t, dir) {
		brNavigate(t, ctx, base+strings.TrimPrefix(u, "/"))
		for _, w := range narrowWidths {
			brDo(t, ctx, fmt.Sprintf("set the viewport to %d px", w), chromedp.EmulateViewport(w, 800))
			p := brEval[narrowPage](t, ctx, `({scrollWidth: document.documentElement.scrollWidth,
				clientWidth: document.documentElement.clientWidth, poking: `+narrowPoking+`})`)
			if p.ScrollWidth > p.ClientWidth || len(p.Poking) > 0 {
				if len(p.Poking) > 5 {
					p.Poking = append(p.Poking[:5], fmt.Sprintf("… and %d more", len(p.Poking)-5))
				}
				t.Errorf("%s at %d px: the page is %d px wide in a %d px viewport; sticking out: %s",
					u, w, p.ScrollWidth, p.ClientWidth, strings.Join(p.Poking, ", "))
			}
		}
	}
	brNavigate(t, ctx, base+"guides/running-the-programme/")
	brDo(t, ctx, "set the viewport to 360 px", chromedp.EmulateViewport(360, 800))
	if !brEval[bool](t, ctx, `Array.from(document.querySelectorAll(".prose table, .prose .table-wrap")).some(t => t.scrollWidth > t.clientWidth)`) {
		t.Errorf("/guides/running-the-programme/ at 360 px: no table scrolls in its box; the test needs a wider one")
	}
}

// narrowAxe runs axe-core's rule for scrolling boxes alone and returns the
// boxes that fail it.
const narrowAxe = `axe.run(document, {runOnly: {type: "rule", values: ["scrollable-region-focusable"]}, resultTypes: ["violations"]})
	.then(r => r.violations.flatMap(v => v.nodes.map(n => n.target.join(" ") + " " + n.html.slice(0, 60))))`

// At 320 px, where tables scroll, every scrolling box can be reached with
// the keyboard (focusable, with focusable content or itself: a named
// region, tabindex=0), as axe-core checks: the theme's tables and the
// Markdown ones, which generator/markdown wraps in a focusable region,
// and code blocks, which it makes focusable. Chromium lets the keyboard
// into any scrolling box; Safari does not, hence the rule.
func TestNarrowScrollBoxesReachable(t *testing.T) {
	needs.Program(t, "chromium", "chromium")
	axe := axeSource(t)
	t.Parallel()
	dir := brBuildSite(t)
	_, base := brServeExample(t)
	ctx := brStart(t)
	brDo(t, ctx, "set the viewport to 320 px", chromedp.EmulateViewport(320, 800))
	for _, u := range narrowPages(t, dir) {
		brNavigate(t, ctx, base+strings.TrimPrefix(u, "/"))
		if _, err := chromedp.Run(ctx, chromedp.Evaluate[chromedp.Void](axe)); err != nil {
			t.Fatalf("load axe-core into %s: %v", u, err)
		}
		for _, b := range brEval[[]string](t, ctx, narrowAxe) {
			t.Errorf("%s: the keyboard cannot reach this scrolling box: %s", u, b)
		}
	}
}
