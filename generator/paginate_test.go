package generator

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// paginated is a site whose guides and tag pages are split three at a
// time; trainings, whose path view lists every module, are not.
func paginated(pagerSize int) string {
	var b strings.Builder
	fmt.Fprintf(&b, "-- site.yaml --\ntitle: Programme\nbaseURL: https://intranet.example.com/m/\ntaxonomies: [tags]\npagination:\n  pagerSize: %d\n", pagerSize)
	b.WriteString("-- content/guides/_index.md --\n---\ntitle: Guides\n---\nThe intro of the guides.\n")
	for i := 1; i <= 7; i++ {
		fmt.Fprintf(&b, "-- content/guides/g%d.md --\n---\ntitle: Guide number %d\nweight: %d\ntags: [shared]\n---\nText %d.\n", i, i, i, i)
	}
	b.WriteString("-- content/guides/links.md --\n---\ntitle: Zz links\nweight: 99\n---\nSee [the second page](/guides/page/2/) and [the first](/guides/page/1/).\n")
	for i := 1; i <= 5; i++ {
		fmt.Fprintf(&b, "-- content/trainings/t%d.md --\n---\ntitle: Module %d\nweight: %d\n---\nText.\n", i, i, i)
	}
	return b.String()
}

func TestPagination(t *testing.T) {
	dir := writeSite(t, paginated(3))
	st := mustBuild(t, dir)
	if len(st.Warnings) != 0 {
		t.Errorf("warnings: %v", st.Warnings)
	}
	// 8 guides in 3 pagers, 7 tagged pages in 3: two more pages each.
	if got := st.Pages["pager"]["fr"]; got != 4 {
		t.Errorf("%d pager pages, want 4 (stats %v)", got, st.Pages)
	}
	cases := []struct {
		path     string
		has, not []string
	}{
		{"guides/index.html",
			[]string{"Guide number 1", "Guide number 3", "The intro of the guides", `href="page/2/" rel="next"`, `aria-current="page"><span class="visually-hidden">Page 1 sur 3`},
			[]string{"Guide number 4", `rel="prev"`}},
		{"guides/page/2/index.html",
			[]string{"Guide number 4", "Guide number 6", `href="../../" rel="prev"`, `href="../3/" rel="next"`,
				`<li><a href="../../">Guides</a></li>`, `<span aria-current="page">Page 2 sur 3</span>`},
			[]string{"Guide number 3", "Guide number 7", "The intro of the guides"}},
		{"guides/page/3/index.html",
			[]string{"Guide number 7", "Zz links", `href="../2/" rel="prev"`, `aria-disabled="true">Suivant`},
			[]string{"Guide number 6", `rel="next"`}},
		{"guides/page/1/index.html", []string{`url=../../../guides/`}, nil},
		{"<head>guides/index.html", []string{"<title>Guides · Programme</title>"}, nil},
		{"<head>guides/page/2/index.html", []string{"<title>Guides · Page 2 sur 3 · Programme</title>",
			`rel="canonical" href="https://intranet.example.com/m/guides/page/2/"`}, nil},
		{"tags/shared/page/3/index.html", []string{"Guide number 7"}, []string{"Guide number 6"}},
		{"trainings/index.html", []string{"Module 1", "Module 5"}, []string{"pagination"}},
		{"sitemap.xml", []string{"/guides/<", "/tags/shared/<"}, []string{"/page/"}},
	}
	for _, c := range cases {
		// The sidebar lists a section's first pages, and the head its
		// summary: look at the main column alone, or at the head.
		path, head := strings.CutPrefix(c.path, "<head>")
		html := read(t, dir, path)
		if i := strings.Index(html, "<main"); i >= 0 && !head {
			html = html[i:]
		}
		for _, s := range c.has {
			if !strings.Contains(html, s) {
				t.Errorf("%s does not contain %q", c.path, s)
			}
		}
		for _, s := range c.not {
			if strings.Contains(html, s) {
				t.Errorf("%s contains %q", c.path, s)
			}
		}
	}
	for _, gone := range []string{"guides/page/4/index.html", "trainings/page/2/index.html", "tags/shared/page/4/index.html"} {
		if exists(dir, gone) {
			t.Errorf("%s was written", gone)
		}
	}
	// Pagers are not search results: the list's pages are, once.
	filepath.WalkDir(filepath.Join(dir, "public", "search"), func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			if b, _ := os.ReadFile(p); strings.Contains(string(b), "page/2") {
				t.Errorf("%s holds a pager", p)
			}
		}
		return nil
	})
}

func TestPaginationOff(t *testing.T) {
	dir := writeSite(t, paginated(0))
	st := mustBuild(t, dir)
	if st.Pages["pager"] != nil {
		t.Errorf("pager pages with pagerSize 0: %v", st.Pages["pager"])
	}
	html := read(t, dir, "guides/index.html")
	if !strings.Contains(html, "Guide number 7") || strings.Contains(html, `class="pagination"`) {
		t.Error("with pagerSize 0 the list is not whole on one page without a pagination bar")
	}
	if exists(dir, "guides/page/1/index.html") {
		t.Error("a pager redirect was written with pagination off")
	}
	// The link to a pager that does not exist is reported.
	if !strings.Contains(fmt.Sprint(st.Warnings), "/guides/page/2/") {
		t.Errorf("no broken-link warning for /guides/page/2/: %v", st.Warnings)
	}
}

func TestPagerURLTakenByAFile(t *testing.T) {
	dir := writeSite(t, paginated(3)+"-- content/guides/page/2.md --\n---\ntitle: In the way\n---\nx\n")
	_, err := build(t, dir)
	if err == nil {
		t.Fatal("build succeeded with a page at a pager's URL")
	}
	msg := err.Error()
	if !strings.HasPrefix(msg, "content/guides/page/2.md") || !strings.Contains(msg, "page 2 of the list /guides/") {
		t.Errorf("error %q does not name the file and the pager", msg)
	}
}

// A warm build after guides come and go gives the cold build's pagers.
func TestWarmPagination(t *testing.T) {
	dir := writeSite(t, paginated(3))
	mustBuild(t, dir)
	writeFile(t, dir, "content/guides/g0.md", "---\ntitle: Guide number 0\nweight: 0\n---\nNew.\n")
	mustBuild(t, dir)
	if !strings.Contains(read(t, dir, "guides/page/2/index.html"), "Guide number 3") {
		t.Error("page 2 did not move on after a guide was added before it")
	}
	if !exists(dir, "guides/page/3/index.html") {
		t.Error("page 3 is gone")
	}
	if !sameAsCold(t, Options{Source: dir, Minify: new(bool)}) {
		t.Error("warm build after adding a guide differs from a cold one")
	}
	for _, f := range []string{"g0", "g1", "g2"} {
		os.Remove(filepath.Join(dir, "content", "guides", f+".md"))
	}
	mustBuild(t, dir)
	if exists(dir, "guides/page/3/index.html") {
		t.Error("page 3 is still there after three guides were removed")
	}
	if !sameAsCold(t, Options{Source: dir, Minify: new(bool)}) {
		t.Error("warm build after removing guides differs from a cold one")
	}
}
