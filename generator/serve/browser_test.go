package serve

import (
	"context"
	"errors"
	"sync"
	"testing"

	"github.com/chromedp/chromedp"

	"binome/generator/source"
	"binome/internal/needs"
)

// TestLiveReloadInBrowser drives reload.js in a headless Chromium: a
// stylesheet swapped without reload, the error overlay, the reload that
// clears it, and the jump to the one page that changed.
func TestLiveReloadInBrowser(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a browser")
	}
	chrome := needs.Program(t, "chromium", "chromium", "chromium-browser", "google-chrome", "headless-shell")

	page := func(css, body string) string {
		return `<!doctype html><html><head><link rel="stylesheet" href="` + css + `"></head><body>` + body + `</body></html>`
	}
	var mu sync.Mutex
	var next func() (*Update, error) // what the next Build returns
	set := func(f func() (*Update, error)) {
		mu.Lock()
		defer mu.Unlock()
		next = f
	}
	b := BuilderFunc(func(ctx context.Context, changed []string) (*Update, error) {
		mu.Lock()
		defer mu.Unlock()
		return next()
	})
	set(func() (*Update, error) {
		return &Update{Site: memSite{files: map[string]string{
			"index.html":        page("css/main.aaaa.css", `<p id="home">home</p>`),
			"css/main.aaaa.css": "p{color:rgb(255,0,0)}",
		}}}, nil
	})
	root, opt := site(t)
	s, _ := start(t, b, opt)

	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(),
		append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(chrome), chromedp.NoSandbox)...)
	defer cancelAlloc()
	ctx, cancel := chromedp.NewContext(alloc)
	defer cancel()
	if err := chromedp.Do(ctx, chromedp.Navigate(s.URL())); err != nil {
		t.Fatal(err)
	}
	// is evaluates a predicate; a page in the middle of loading says no.
	is := func(expr string) bool {
		v, err := chromedp.Run(ctx, chromedp.Evaluate[bool](expr))
		return err == nil && v
	}
	waitFor(t, "the page's event stream", func() bool { return s.events.count() == 1 })
	if !is(`window.__mark = true`) {
		t.Fatal("cannot mark the page")
	}

	// A stylesheet alone: the new fingerprinted file replaces the old
	// link, and the page is not reloaded (the mark survives).
	set(func() (*Update, error) {
		return &Update{
			Site: memSite{files: map[string]string{
				"index.html":        page("css/main.bbbb.css", `<p id="home">home</p>`),
				"css/main.bbbb.css": "p{color:rgb(0,0,255)}",
			}},
			Styles: []string{"/css/main.bbbb.css"},
		}, nil
	})
	writeFile(t, root, "content/main.css", "p{color:blue}")
	defer func() {
		if t.Failed() {
			v, err := chromedp.Run(ctx, chromedp.Evaluate[string](`location.href + " " + document.documentElement.outerHTML + " mark=" + window.__mark`))
			t.Logf("page: %s %v", v, err)
		}
	}()
	waitFor(t, "the stylesheet swapped", func() bool {
		return is(`[...document.querySelectorAll("link[rel=stylesheet]")].map(l => new URL(l.href).pathname).join() === "/css/main.bbbb.css" &&
			getComputedStyle(document.getElementById("home")).color === "rgb(0, 0, 255)"`)
	})
	if !is(`window.__mark === true`) {
		t.Error("the page reloaded for a stylesheet change")
	}

	// A failed build: the overlay shows each error with its hint.
	set(func() (*Update, error) {
		return nil, source.Errorf(source.Pos{Path: "content/a.md", Line: 3, Col: 1}, "unknown field %q", "skils").
			WithHint("did you mean %q?", "skills")
	})
	writeFile(t, root, "content/a.md", "---\nskils: x\n---\n")
	waitFor(t, "the error overlay", func() bool {
		return is(`(e => !!e && e.getAttribute("role") === "alert" &&
			e.textContent.includes('content/a.md:3:1: unknown field "skils"') &&
			e.textContent.includes('hint: did you mean "skills"?'))(document.getElementById("__binome-errors"))`)
	})
	if !is(`(() => { document.querySelector("#__binome-errors button").click(); return !document.getElementById("__binome-errors") })()`) {
		t.Error("the Dismiss button left the overlay")
	}

	// The fix: the page reloads (the mark is gone) with no overlay.
	set(func() (*Update, error) {
		return &Update{
			Site: memSite{files: map[string]string{
				"index.html":        page("css/main.bbbb.css", `<p id="home">home, fixed</p>`),
				"css/main.bbbb.css": "p{color:rgb(0,0,255)}",
				"a/index.html":      page("../css/main.bbbb.css", `<p id="a">page a</p>`),
			}},
			Pages: []string{"/a/"},
		}, nil
	})
	writeFile(t, root, "content/a.md", "---\nskills: x\n---\n")
	waitFor(t, "the reload after the fix", func() bool {
		return is(`window.__mark === undefined && document.readyState === "complete" && !document.getElementById("__binome-errors")`)
	})

	// One page changed: a browser on another page goes to it.
	writeFile(t, root, "content/a.md", "---\nskills: y\n---\n")
	waitFor(t, "the browser on the changed page", func() bool {
		return is(`location.pathname === "/a/" && !!document.getElementById("a")`)
	})
	if errors.Is(ctx.Err(), context.Canceled) {
		t.Error("the browser went away")
	}
}
