package e2e

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"binome/internal/needs"
)

// axeViolation is one failed axe rule, with the elements that fail it.
type axeViolation struct {
	ID      string    `json:"id"`
	Impact  string    `json:"impact"`
	Help    string    `json:"help"`
	HelpURL string    `json:"helpUrl"`
	Nodes   []axeNode `json:"nodes"`
}

// axeNode is one failing element: its selector, what is wrong, and the
// known product bug it shows, if any (see axeKnownBugs).
type axeNode struct {
	Target  string `json:"target"`
	Summary string `json:"summary"`
	Known   string `json:"known"`
}

// axeKnownBugs are product bugs reported and not fixed yet, as JavaScript
// tests on a failing element (el) of a rule (id). Their violations make
// the test skip, not fail, so the test passes until they are fixed and
// still catches every other violation. Remove an entry once its bug is
// fixed.
const axeKnownBugs = `{
}`

// axeRun runs axe-core on the page, limited to WCAG 2.0 and 2.1 A and AA
// rules, and returns the serious and critical violations.
const axeRun = `(() => { const known = ` + axeKnownBugs + `;
	return axe.run(document, {runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21aa"]}, resultTypes: ["violations"]})
	.then(r => r.violations
		.filter(v => v.impact === "serious" || v.impact === "critical")
		.map(v => ({id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
			nodes: v.nodes.map(n => {
				const el = n.target.length === 1 ? document.querySelector(n.target[0]) : null;
				return {target: n.target.join(" "), summary: (n.failureSummary || "").replace(/\s+/g, " "),
					known: el && known[v.id] ? known[v.id](el) : ""};
			})})));
})()`

// axeSource reads axe-core as .ci/run installs it, skipping the test when
// it is missing (failing under CI=true).
func axeSource(t *testing.T) string {
	t.Helper()
	p := filepath.Join(brRoot(t), ".ci", "node_modules", "axe-core", "axe.min.js")
	b, err := os.ReadFile(p)
	if errors.Is(err, fs.ErrNotExist) {
		msg := "axe-core not installed: (cd .ci && npm install axe-core@4)"
		if os.Getenv("CI") == "true" {
			t.Fatal(msg)
		}
		t.Skip(msg)
	}
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

var (
	axeKind = regexp.MustCompile(`<body class="?kind-([a-z0-9]+)(?: section-([a-z0-9-]+))?`)
	axeLang = regexp.MustCompile(`<html lang="?([a-z-]+)`)
)

// axeKinds are the page types checked: every kind of the theme contract,
// with section lists twice, for the plain list (guides) and the training
// path list (trainings), and pages with a flowchart and a pie chart drawn
// from Mermaid.
var axeKinds = []string{"home", "section/guides", "section/trainings", "guide", "training", "story", "profile", "duo",
	"directory", "matches", "impact", "taxonomy", "term", "search", "review", "404", "page", "diagram", "pie"}

// axeSamples maps "lang kind" to the first page (by path) of that kind in
// that language.
func axeSamples(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	for _, u := range brPages(t, dir) {
		b, err := os.ReadFile(brFile(dir, u))
		if err != nil {
			t.Fatal(err)
		}
		k, l := axeKind.FindSubmatch(b), axeLang.FindSubmatch(b)
		if k == nil || l == nil {
			continue // an alias: a redirect, not a page
		}
		kind := string(k[1])
		if kind == "section" {
			kind += "/" + string(k[2])
		}
		if key := string(l[1]) + " " + kind; out[key] == "" {
			out[key] = u
		}
		if key := string(l[1]) + " diagram"; out[key] == "" && (strings.Contains(string(b), `class="diagram-svg"`) || strings.Contains(string(b), `class="diagram-svg diagram-wide"`)) {
			out[key] = u
		}
		if key := string(l[1]) + " pie"; out[key] == "" && strings.Contains(string(b), `class="diagram-svg diagram-pie`) {
			out[key] = u
		}
	}
	return out
}

// One page of every type, in both languages, has no serious or critical
// WCAG 2.1 AA violation that axe-core finds. The languages run in two tabs
// at once, beside the other slow tests: axe is slow on a busy machine.
func TestAxeNoSeriousViolations(t *testing.T) {
	needs.Program(t, "chromium", "chromium")
	axe := axeSource(t)
	t.Parallel()
	dir := brBuildSite(t)
	_, base := brServeExample(t)
	samples := axeSamples(t, dir)

	for _, lang := range []string{"fr", "en"} {
		t.Run(lang, func(t *testing.T) {
			t.Parallel()
			ctx := brStart(t)
			known := brKnownBugs{}
			for _, kind := range axeKinds {
				u := samples[lang+" "+kind]
				if u == "" {
					t.Errorf("no %s page of kind %s in the example site", lang, kind)
					continue
				}
				brNavigate(t, ctx, base+strings.TrimPrefix(u, "/"))
				if _, err := chromedp.Run(ctx, chromedp.Evaluate[chromedp.Void](axe)); err != nil {
					t.Fatalf("load axe-core into %s: %v", u, err)
				}
				var b strings.Builder
				for _, v := range brEval[[]axeViolation](t, ctx, axeRun) {
					head := fmt.Sprintf("%s (%s): %s <%s>", v.ID, v.Impact, v.Help, v.HelpURL)
					n := 0
					for _, node := range v.Nodes {
						if node.Known != "" {
							known.add(node.Known, fmt.Sprintf("%s %s: %s: %s", kind, u, v.ID, node.Target))
							continue
						}
						if n++; n == 1 {
							fmt.Fprintf(&b, "\n  %s", head)
						}
						if n <= 5 {
							fmt.Fprintf(&b, "\n    %s — %s", node.Target, node.Summary)
						}
					}
					if n > 5 {
						fmt.Fprintf(&b, "\n    … and %d more", n-5)
					}
				}
				if b.Len() > 0 {
					t.Errorf("%s page %s:%s", kind, u, b.String())
				}
			}
			known.skip(t)
		})
	}
}
