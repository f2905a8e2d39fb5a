package theme

import (
	"bytes"
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"binome/internal/needs"
)

// TestDefaultThemeScriptsInBrowser drives the default theme's scripts in
// a headless Chromium, on pages rendered from the fake site: the
// directory filters and their query string, the colour theme toggle and
// its persistence, the navigation drawer on a small screen.
func TestDefaultThemeScriptsInBrowser(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a browser")
	}
	chrome := needs.Program(t, "chromium", "chromium", "chromium-browser", "google-chrome", "headless-shell")

	// Render two pages and the static files into a directory served over
	// HTTP, with the fake fingerprints removed.
	set := loadDefault(t)
	_, pages := fakeSiteFor(set, "fr")
	dir := t.TempDir()
	render := func(layout, page, to string) {
		var b bytes.Buffer
		if err := set.Execute(&b, []string{layout}, pages[page]); err != nil {
			t.Fatal(err)
		}
		html := regexp.MustCompile(`\.1a2b3c4d\.`).ReplaceAll(b.Bytes(), []byte("."))
		p := filepath.Join(dir, filepath.FromSlash(to), "index.html")
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, html, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	render("directory/list.html", "directory:annuaire", "annuaire")
	render("guide/single.html", "guide:premiere-rencontre", "guides/premiere-rencontre")
	for _, f := range set.Static() {
		p := filepath.Join(dir, filepath.FromSlash(f.Path))
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, f.Body, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	srv := httptest.NewServer(http.FileServer(http.Dir(dir)))
	defer srv.Close()

	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(),
		append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(chrome), chromedp.NoSandbox, chromedp.WindowSize(1280, 900))...)
	defer cancelAlloc()
	ctx, cancel := chromedp.NewContext(alloc)
	defer cancel()
	ctx, cancelTimeout := context.WithTimeout(ctx, 60*time.Second)
	defer cancelTimeout()

	is := func(expr string) bool {
		v, err := chromedp.Run(ctx, chromedp.Evaluate[bool](expr))
		return err == nil && v
	}
	waitUntil := func(t *testing.T, what, expr string) {
		t.Helper()
		deadline := time.Now().Add(10 * time.Second)
		for !is(expr) {
			if time.Now().After(deadline) {
				html, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`location.href + "\n" + document.body.outerHTML`))
				t.Fatalf("timed out waiting for %s\n%s", what, html)
			}
			time.Sleep(5 * time.Millisecond)
		}
	}
	do := func(t *testing.T, expr string) {
		t.Helper()
		if _, err := chromedp.Run(ctx, chromedp.Evaluate[any](expr)); err != nil {
			t.Fatal(err)
		}
	}

	t.Run("directory", func(t *testing.T) {
		if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/annuaire/?role=mentor")); err != nil {
			t.Fatal(err)
		}
		const visible = `[...document.querySelectorAll("[data-directory-list] > li")].filter(li => !li.hidden).map(li => li.querySelector("h2").textContent.trim()).join(",")`
		waitUntil(t, "the filter restored from the URL", visible+` === "Léa Martin" &&
			document.querySelector("input[name=role][value=mentor]").checked &&
			document.querySelector("[data-directory-status]").textContent === "1 personne affichée"`)

		// AND across facets: a mentor who offers public speaking: nobody.
		do(t, `document.querySelector("input[name=skills_offered][value='Prise de parole']").click()`)
		waitUntil(t, "no card and the empty message", visible+` === "" && !document.querySelector("[data-directory-empty]").hidden &&
			document.querySelector("[data-directory-status]").textContent === "0 personne affichée" &&
			location.search === "?role=mentor&skills_offered=Prise+de+parole"`)

		// OR within a facet: mentors or mentees who offer public speaking.
		do(t, `document.querySelector("input[name=role][value=mentee]").click()`)
		waitUntil(t, "one card", visible+` === "Max Dupont" && document.querySelector("[data-directory-empty]").hidden`)

		// Text, accents folded, over what the card says.
		do(t, `document.querySelector("[data-directory-reset]").click()`)
		waitUntil(t, "everyone after reset", visible+` === "Léa Martin,Max Dupont" && location.search === ""`)
		do(t, `(i => { i.value = "LEA data"; i.dispatchEvent(new Event("input", {bubbles: true})); })(document.querySelector("[data-directory-text]"))`)
		waitUntil(t, "the text filter", visible+` === "Léa Martin" && location.search === "?q=LEA+data"`)
	})

	t.Run("theme toggle", func(t *testing.T) {
		if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/guides/premiere-rencontre/")); err != nil {
			t.Fatal(err)
		}
		waitUntil(t, "the page and its scripts", `document.documentElement.classList.contains("js") && document.readyState === "complete"`)
		do(t, `localStorage.removeItem("binome-theme")`)
		do(t, `document.querySelector("[data-theme-toggle]").click()`)
		waitUntil(t, "dark theme", `document.documentElement.dataset.theme === "dark" && localStorage.getItem("binome-theme") === "dark" &&
			document.querySelector("[data-theme-toggle]").getAttribute("aria-pressed") === "true" &&
			getComputedStyle(document.body).backgroundColor === "rgb(15, 18, 22)"`)
		if err := chromedp.Do(ctx, chromedp.Reload()); err != nil {
			t.Fatal(err)
		}
		waitUntil(t, "dark theme after reload", `document.documentElement.dataset.theme === "dark" && document.readyState === "complete"`)
		do(t, `document.querySelector("[data-theme-toggle]").click()`)
		waitUntil(t, "light theme", `document.documentElement.dataset.theme === "light" &&
			getComputedStyle(document.body).backgroundColor === "rgb(255, 255, 255)"`)
	})

	t.Run("navigation drawer", func(t *testing.T) {
		if err := chromedp.Do(ctx, chromedp.EmulateViewport(390, 844)); err != nil {
			t.Fatal(err)
		}
		if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/guides/premiere-rencontre/")); err != nil {
			t.Fatal(err)
		}
		waitUntil(t, "a closed drawer", `document.readyState === "complete" && getComputedStyle(document.getElementById("site-nav")).visibility === "hidden"`)
		do(t, `document.querySelector("[data-nav-toggle]").click()`)
		waitUntil(t, "an open drawer", `document.getElementById("site-nav").hasAttribute("data-open") &&
			document.querySelector("[data-nav-toggle]").getAttribute("aria-expanded") === "true" &&
			document.activeElement.closest("#site-nav") !== null`)
		do(t, `document.dispatchEvent(new KeyboardEvent("keydown", {key: "Escape"}))`)
		waitUntil(t, "a closed drawer after Escape", `!document.getElementById("site-nav").hasAttribute("data-open") &&
			document.activeElement === document.querySelector("[data-nav-toggle]")`)
	})
}
