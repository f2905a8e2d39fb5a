package e2e

import (
	"context"
	"net/url"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// The header search form of every page but the search page.
const (
	searchInput   = "#header-search"
	searchResults = `form.search-header .search-result a`
)

// searchHit is one result as the page shows it.
type searchHit struct {
	Href  string   `json:"href"`
	Path  string   `json:"path"`
	Title string   `json:"title"`
	Marks []string `json:"marks"`
}

// searchFor types q into the header search box and returns the results
// once they show.
func searchFor(t *testing.T, ctx context.Context, q string) []searchHit {
	t.Helper()
	brDo(t, ctx, "type in the search box", chromedp.SendKeys(chromedp.CSS(searchInput), q))
	brWait(t, ctx, `document.querySelector("form.search-header .search-status") !== null`, "search results for "+q)
	return brEval[[]searchHit](t, ctx, `Array.from(document.querySelectorAll("form.search-header .search-result")).map(li => {
		const a = li.querySelector("a");
		return {
			href: a.href,
			path: new URL(a.href).pathname,
			title: (li.querySelector(".search-result-title") || a).textContent,
			marks: Array.from(li.querySelectorAll(".search-result-snippet mark")).map(m => m.textContent),
		};
	})`)
}

// Accents are folded: "teletravail" finds the French guide that says
// "télétravail", and the snippet marks the word as written.
func TestSearchFoldsAccents(t *testing.T) {
	ctx := brStart(t)
	_, base := brServeExample(t)
	brNavigate(t, ctx, base)

	hits := searchFor(t, ctx, "teletravail")
	found := false
	for _, h := range hits {
		if h.Path == brBasePath+"guides/remote-sessions/" {
			found = true
			if !containsFold(h.Marks, "télétravail") {
				t.Errorf("snippet of %s marks %q, want télétravail", h.Path, h.Marks)
			}
		}
		if strings.HasPrefix(h.Path, brBasePath+"en/") {
			t.Errorf("French search found an English page: %s", h.Path)
		}
	}
	if !found {
		t.Fatalf("teletravail: no %sguides/remote-sessions/ among %+v", brBasePath, hits)
	}
}

// English queries are stemmed: "mentoring" also finds "mentor", in
// English pages only.
func TestSearchStemsEnglish(t *testing.T) {
	ctx := brStart(t)
	_, base := brServeExample(t)
	brNavigate(t, ctx, base+"en/")

	hits := searchFor(t, ctx, "mentoring")
	if len(hits) == 0 {
		t.Fatal("mentoring: no results")
	}
	stemmed := false
	for _, h := range hits {
		if !strings.HasPrefix(h.Path, brBasePath+"en/") {
			t.Errorf("English search found a page outside %sen/: %s", brBasePath, h.Path)
		}
		if len(h.Marks) == 0 {
			t.Errorf("result %s has no <mark> in its snippet", h.Path)
		}
		for _, m := range h.Marks {
			if w := strings.ToLower(m); strings.HasPrefix(w, "mentor") && w != "mentoring" {
				stemmed = true
			}
		}
	}
	if !stemmed {
		t.Errorf("mentoring: no snippet marks another form of the stem (mentor, mentors…): %+v", hits)
	}
}

// Keyboard: ArrowDown moves from the box to the first result, Enter opens
// it.
func TestSearchKeyboard(t *testing.T) {
	ctx := brStart(t)
	_, base := brServeExample(t)
	brNavigate(t, ctx, base)

	hits := searchFor(t, ctx, "teletravail")
	if len(hits) == 0 {
		t.Fatal("no results")
	}
	brDo(t, ctx, "press ArrowDown", chromedp.KeyEvent(kb.ArrowDown))
	focused := brEval[string](t, ctx, `document.activeElement.href || document.activeElement.tagName`)
	if focused != hits[0].Href {
		t.Fatalf("after ArrowDown the focus is on %q, want the first result %q", focused, hits[0].Href)
	}
	brNavigateBy(t, ctx, "press Enter on the first result", chromedp.KeyEvent(kb.Enter))
	if got := brEval[string](t, ctx, `location.href`); got != hits[0].Href {
		t.Errorf("Enter led to %s, want %s", got, hits[0].Href)
	}
}

// Search works from file://: the index is loaded with <script src>, and
// result links point at index.html files.
func TestSearchFromFile(t *testing.T) {
	ctx := brStart(t)
	home := (&url.URL{Scheme: "file", Path: filepath.ToSlash(filepath.Join(brBuildSite(t), "index.html"))}).String()
	brNavigate(t, ctx, home)

	hits := searchFor(t, ctx, "teletravail")
	var want *searchHit
	for i, h := range hits {
		if strings.HasSuffix(h.Path, "/guides/remote-sessions/index.html") {
			want = &hits[i]
		}
	}
	if want == nil {
		t.Fatalf("from file://, teletravail: no guides/remote-sessions/index.html among %+v", hits)
	}
	brNavigateBy(t, ctx, "click the result", chromedp.Click(chromedp.CSS(`form.search-header .search-result a[href="`+want.Href+`"]`)))
	if lang := brEval[string](t, ctx, `document.documentElement.lang`); lang != "fr" {
		t.Errorf("result page %s: lang %q, want fr", want.Href, lang)
	}
	if h1 := brEval[string](t, ctx, `(document.querySelector("h1") || {}).textContent || ""`); !strings.Contains(h1, "distance") {
		t.Errorf("result page %s: h1 %q, want the remote-sessions guide", want.Href, h1)
	}
}

// The result count and the error message are in the page's language.
func TestSearchStatusInPageLanguage(t *testing.T) {
	ctx := brStart(t)
	_, base := brServeExample(t)
	brNavigate(t, ctx, base)

	searchFor(t, ctx, "teletravail")
	status := brEval[string](t, ctx, `document.querySelector("form.search-header .search-status").textContent`)
	english := regexp.MustCompile(`^(No results|1 result|\d+ results|Search is not available)$`)
	if english.MatchString(status) {
		t.Errorf("French page shows an English search status %q", status)
	}
}

// containsFold reports whether one of list equals s, ignoring case.
func containsFold(list []string, s string) bool {
	for _, x := range list {
		if strings.EqualFold(x, s) {
			return true
		}
	}
	return false
}
