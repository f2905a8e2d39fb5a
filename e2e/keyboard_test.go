package e2e

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// The first Tab reaches the skip link, which moves the focus to the main
// content; the next ones go through the header and its navigation.
func TestKeyboardSkipLinkThenNav(t *testing.T) {
	ctx := brStart(t)
	_, base := brServeExample(t)
	brNavigate(t, ctx, base+"guides/first-meeting/")

	// where describes the focused element; "nav" is a navigation menu
	// (the language switcher is a nav too, but not the one wanted).
	const where = `(() => { const a = document.activeElement;
		return a.closest("main") ? "main" : a.closest("nav:not(.lang-switch)") ? "nav" : a.closest("header") ? "header" :
			a.matches(".skip-link") ? "skip" : a.tagName.toLowerCase(); })()`
	brDo(t, ctx, "press Tab", chromedp.KeyEvent(kb.Tab))
	if got := brEval[string](t, ctx, where); got != "skip" {
		t.Fatalf("first Tab focuses %s, want the skip link", got)
	}
	var path []string
	for i := 0; i < 30; i++ {
		brDo(t, ctx, "press Tab", chromedp.KeyEvent(kb.Tab))
		at := brEval[string](t, ctx, where)
		path = append(path, at)
		if at == "nav" || at == "main" {
			break
		}
	}
	if path[len(path)-1] != "nav" {
		t.Errorf("after the skip link, Tab goes through %v, want the header's navigation before the main content", path)
	}
	for _, at := range path[:len(path)-1] {
		if at != "header" {
			t.Errorf("after the skip link, Tab goes through %v, want only header elements before the navigation", path)
			break
		}
	}

	brNavigate(t, ctx, base+"guides/first-meeting/")
	brDo(t, ctx, "press Tab then Enter on the skip link", chromedp.KeyEvent(kb.Tab), chromedp.KeyEvent(kb.Enter))
	brWait(t, ctx, `document.activeElement && document.activeElement.id === "main"`, "the skip link to focus <main>")
}

// The colour theme toggle is a button reached by keyboard; Enter and Space
// flip the theme on <html> and its pressed state.
func TestKeyboardThemeToggle(t *testing.T) {
	ctx := brStart(t)
	_, base := brServeExample(t)
	brNavigate(t, ctx, base)
	t.Cleanup(func() { chromedp.Run(ctx, chromedp.Evaluate[chromedp.Void](`localStorage.clear()`)) })

	reached := false
	for i := 0; i < 40 && !reached; i++ {
		brDo(t, ctx, "press Tab", chromedp.KeyEvent(kb.Tab))
		reached = brEval[bool](t, ctx, `document.activeElement.matches("[data-theme-toggle]")`)
	}
	if !reached {
		t.Fatal("40 Tabs never reach the theme toggle")
	}
	if tag := brEval[string](t, ctx, `document.activeElement.tagName`); tag != "BUTTON" {
		t.Errorf("the theme toggle is a <%s>, want a <button>", strings.ToLower(tag))
	}

	// The theme shown: <html data-theme>, else the system preference.
	type state struct {
		Attr    string `json:"attr"`
		Theme   string `json:"theme"`
		Pressed string `json:"pressed"`
	}
	const read = `(() => { const attr = document.documentElement.getAttribute("data-theme") || "";
		return {attr, theme: attr || (matchMedia("(prefers-color-scheme: dark)").matches ? "dark" : "light"),
			pressed: document.querySelector("[data-theme-toggle]").getAttribute("aria-pressed")}; })()`
	before := brEval[state](t, ctx, read)
	for _, key := range []string{kb.Enter, " "} {
		brDo(t, ctx, "press the theme toggle", chromedp.KeyEvent(key))
		after := brEval[state](t, ctx, read)
		if after.Attr == "" || after.Theme == before.Theme {
			t.Errorf("key %q on the toggle: <html data-theme=%q>, want it set to the theme other than %s", key, after.Attr, before.Theme)
		}
		if want := map[bool]string{true: "true", false: "false"}[after.Theme == "dark"]; after.Pressed != want {
			t.Errorf("theme %s: aria-pressed=%q, want %q", after.Theme, after.Pressed, want)
		}
		before = after
	}
}
