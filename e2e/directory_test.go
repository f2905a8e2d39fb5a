package e2e

import (
	"context"
	"fmt"
	"net/url"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// dirShown counts the profile cards the reader can see: laid out, so a
// stylesheet that overrides [hidden] is caught too.
const dirShown = `Array.from(document.querySelectorAll("[data-directory-list] > li")).filter(li => li.getClientRects().length > 0).length`

// dirCount counts the cards whose data attributes match a CSS selector.
func dirCount(t *testing.T, ctx context.Context, sel string) int {
	t.Helper()
	return brEval[int](t, ctx, fmt.Sprintf(`document.querySelectorAll(%q).length`, "[data-directory-list] > li"+sel))
}

// dirWaitShown waits until exactly want cards are visible.
func dirWaitShown(t *testing.T, ctx context.Context, want int, what string) {
	t.Helper()
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](fmt.Sprintf("(%s) === %d", dirShown, want), chromedp.WithPollingTimeout(brWaitFor))); err != nil {
		t.Fatalf("%s: %d cards shown, want %d (%v)", what, brEval[int](t, ctx, dirShown), want, err)
	}
}

// Facets narrow the card list (AND across facets), the query string keeps
// the choice and a reload restores it.
func TestDirectoryFacetsNarrowAndPersist(t *testing.T) {
	ctx := brStart(t)
	_, base := brServeExample(t)
	brNavigate(t, ctx, base+"profiles/")

	all := dirCount(t, ctx, "")
	if all < 10 {
		t.Fatalf("directory lists %d profiles, want the example site's 30 and more", all)
	}
	dirWaitShown(t, ctx, all, "before filtering")

	it := dirCount(t, ctx, `[data-department="IT"]`)
	itMentees := dirCount(t, ctx, `[data-department="IT"][data-role="mentee"]`)
	if !(0 < itMentees && itMentees < it && it < all) {
		t.Fatalf("example site changed: %d profiles, %d in IT, %d IT mentees; pick other facets", all, it, itMentees)
	}

	brDo(t, ctx, "check department IT", chromedp.Click(chromedp.CSS(`input[name="department"][value="IT"]`)))
	dirWaitShown(t, ctx, it, "department IT")
	brDo(t, ctx, "check role mentee", chromedp.Click(chromedp.CSS(`input[name="role"][value="mentee"]`)))
	dirWaitShown(t, ctx, itMentees, "department IT and role mentee")

	loc := brEval[string](t, ctx, `location.href`)
	u, err := url.Parse(loc)
	if err != nil {
		t.Fatal(err)
	}
	if q := u.Query(); q.Get("department") != "IT" || q.Get("role") != "mentee" {
		t.Fatalf("URL after filtering is %s, want department=IT and role=mentee in its query", loc)
	}

	brNavigate(t, ctx, loc)
	dirWaitShown(t, ctx, itMentees, "after reloading "+loc)
	checked := brEval[[]string](t, ctx, `Array.from(document.querySelectorAll("[data-directory-filters] input:checked")).map(b => b.name + "=" + b.value).sort()`)
	if fmt.Sprint(checked) != "[department=IT role=mentee]" {
		t.Errorf("after reloading %s the checked boxes are %v, want department=IT and role=mentee", loc, checked)
	}
}

// Without JavaScript every profile shows and the filters, which could not
// work, are hidden.
func TestDirectoryWithoutJavaScript(t *testing.T) {
	ctx := brStart(t)
	_, base := brServeExample(t)
	if _, err := chromedp.Call(ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true}); err != nil {
		t.Fatalf("disable JavaScript: %v", err)
	}
	brNavigate(t, ctx, base+"profiles/?department=IT")

	if brEval[bool](t, ctx, `document.documentElement.classList.contains("js")`) {
		t.Fatal("page scripts ran although JavaScript is disabled")
	}
	all := dirCount(t, ctx, "")
	if all < 10 {
		t.Fatalf("directory lists %d profiles, want the example site's 30 and more", all)
	}
	if shown := brEval[int](t, ctx, dirShown); shown != all {
		t.Errorf("without JavaScript %d of %d profiles show, want all", shown, all)
	}
	if brEval[bool](t, ctx, `(() => { const f = document.querySelector("[data-directory-filters]"); return !!f && f.getClientRects().length > 0; })()`) {
		t.Errorf("without JavaScript the filters show, but cannot filter")
	}
}

// A large directory shows its matches a page at a time: "show more"
// adds a page and moves the focus to the first new card, a new filter
// starts again from the first page, and the status says how many of the
// matches show.
func TestDirectoryShowsMoreOnRequest(t *testing.T) {
	files := map[string]string{
		"site.yaml": "title: T\nparams:\n  directory_page_size: 10\n",
	}
	for i := 1; i <= 25; i++ {
		role := "mentor"
		if i%5 == 0 {
			role = "mentee"
		}
		files[fmt.Sprintf("content/profiles/p%02d.md", i)] = fmt.Sprintf("---\nname: Person %02d\nrole: %s\n---\n", i, role)
	}
	dest := brBuildTemp(t, files)
	ctx := brStart(t)
	srv := brServe(t, dest)
	brNavigate(t, ctx, srv.URL+"/profiles/")

	const status = `document.querySelector("[data-directory-status]").textContent`
	const button = `document.querySelector("[data-directory-more] button")`
	dirWaitShown(t, ctx, 10, "first page")
	if got := brEval[string](t, ctx, status); got != "10 sur 25 personnes affichées" {
		t.Errorf("status %q, want 10 sur 25 personnes affichées", got)
	}
	if got := brEval[string](t, ctx, button+".textContent"); got != "En afficher 10 de plus" {
		t.Errorf("button %q, want En afficher 10 de plus", got)
	}
	brDo(t, ctx, "show more", chromedp.Click(chromedp.CSS(`[data-directory-more] button`)))
	dirWaitShown(t, ctx, 20, "after one click")
	focused := brEval[string](t, ctx, `document.activeElement.textContent.trim()`)
	eleventh := brEval[string](t, ctx, `Array.from(document.querySelectorAll("[data-directory-list] > li"))[10].querySelector("a").textContent.trim()`)
	if focused != eleventh {
		t.Errorf("focus on %q after show more, want the first new card, %q", focused, eleventh)
	}
	brDo(t, ctx, "show more", chromedp.Click(chromedp.CSS(`[data-directory-more] button`)))
	dirWaitShown(t, ctx, 25, "after two clicks")
	if brEval[bool](t, ctx, `!document.querySelector("[data-directory-more]").hidden`) {
		t.Error("show more still offered with every match shown")
	}
	if got := brEval[string](t, ctx, status); got != "25 personnes affichées" {
		t.Errorf("status %q, want 25 personnes affichées", got)
	}
	// A filter starts from the first page again: 20 mentors, 10 shown.
	brDo(t, ctx, "check role mentor", chromedp.Click(chromedp.CSS(`input[name="role"][value="mentor"]`)))
	dirWaitShown(t, ctx, 10, "role mentor")
	if got := brEval[string](t, ctx, status); got != "10 sur 20 personnes affichées" {
		t.Errorf("status %q, want 10 sur 20 personnes affichées", got)
	}
}
