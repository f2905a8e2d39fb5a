package generator

import (
	"encoding/json"
	"html/template"
	"io/fs"
	"strings"
	"sync"
	"time"
	"unsafe"

	"binome/generator/content"
	"binome/generator/markdown"
	"binome/generator/source"
)

// Page is a resolved page: a content file, a translation shown in a
// language it lacks (Fallback), or a page the site generates (lists,
// taxonomies, directory, matches, impact, search, review, 404). Its
// exported fields and methods are the theme contract (README, "Theme
// contract"). Pages are read-only once Resolve returns.
type Page struct {
	title     string // see Title
	Kind      string
	IsList    bool
	IsHome    bool
	Section   string
	Slug      string
	Lang      string
	URL       string // site-root-relative, "/guides/x/" or "/en/guides/x/"
	Permalink string
	date      time.Time
	updated   time.Time
	weight    int

	pages        []*Page
	parent       *Page
	ancestors    []*Page
	translations []*Page
	alternates   []Alt
	prev, next   *Page
	terms        map[string][]Term
	TermList     []Term

	EditURL    string
	SourcePath string
	owner      string
	reviewed   time.Time
	reviewNext time.Time
	reviewDue  bool
	Fallback   bool

	profile   *Profile
	duo       *Duo
	training  *Training
	story     *Story
	duos      []*Page
	stories   []*Page
	directory *Directory
	matches   *Matches
	impact    *Impact

	Site *SiteView

	src     *content.Page // nil for generated pages
	out     string        // output file path, "guides/x/index.html"
	summary string
	hidden  bool // never written (hidden profiles)
	noIndex bool // out of sitemap and feeds (internal profiles)

	cache  *renderCache
	isView bool // the copy a page's own template gets
	// params are a generated page's own .Params; a content page's are
	// its file's (Params), minus the email when noEmail.
	params   map[string]any
	noEmail  bool
	titleKey string // lower-case LinkTitle, for sorting
	// Set by skeletons for the build cache: idx is the page's place in
	// Site.pages plus one, titleDigest digests its URL and titles,
	// summaryDigest its URL and summary, dataDigest what else other
	// pages may read of it.
	idx           int32
	titleDigest   uint64
	summaryDigest uint64
	dataDigest    uint64 // see Site.dataDigest
	place         string // placeName(URL), made once: read on every page

	pager   *Pager // on a paginated list: the pager this page shows
	pagerOf *Page  // on a pager's own page: the list it splits
}

// summaryRead and bodyRead record, for the build cache, a template's
// read of this page's summary or body: when the page is the shared
// object, not the copy its own template gets, the read comes from another
// page's template. A Go template cannot say which page's rendering is
// executing, so a rendering is said to have read what was recorded while
// it ran (see Site.renderPage): reads by the page rendered beside it at
// the same time are recorded too, which costs a rendering later, never a
// wrong page.
func (p *Page) summaryRead() {
	if !p.isView && p.Site != nil {
		p.Site.site.reads.summaryRead(p)
	}
}

// titleRead records a read of this page's title or link title, as
// summaryRead does its summary: the build cache keys the page rendering
// on the titles it showed, not on every title of the site, so a retitled
// page renders again with the pages that show its title alone.
func (p *Page) titleRead() {
	if !p.isView && p.Site != nil {
		p.Site.site.reads.titleRead(p)
	}
}

// dataRead records a read of this page's data beyond its title, summary
// and body: its frontmatter as its kind types it, its terms, its list and
// what the build linked to it (duos, stories, translations). The build
// cache keys a rendering on the data of the pages it read, so an edit to
// a page's frontmatter renders again the pages that show that page, not
// every page of the site.
func (p *Page) dataRead() {
	if !p.isView && p.Site != nil {
		p.Site.site.reads.dataRead(p)
	}
}

// everyDataRead records a read of data the build drew from every page
// (the directory, the suggested duos, the impact figures).
func (p *Page) everyDataRead() {
	if !p.isView && p.Site != nil {
		p.Site.site.reads.everyDataRead()
	}
}

func (p *Page) bodyRead() {
	if !p.isView && p.Site != nil && p.Site.site.reads.on {
		p.Site.site.reads.bodies.Add(1)
	}
}

// renderCache holds a page's rendered Markdown while the page is written.
type renderCache struct {
	sync.Mutex
	res  *markdown.Result
	done bool
}

// Alt is the page in another language, or that language's section or
// home when the page has no translation there.
type Alt struct {
	Lang, LangTitle, URL, Title string
	Missing                     bool
}

// Term is one value of a taxonomy.
type Term struct {
	Name, Slug, URL string
	count           int
	page            *Page // the term's page, whose list the count is
}

// MarshalJSON writes the term with its count, which is a method.
func (t Term) MarshalJSON() ([]byte, error) {
	return json.Marshal(struct {
		Name, Slug, URL string
		Count           int
	}{t.Name, t.Slug, t.URL, t.Count()})
}

// Count is how many pages have the term. A template that shows it reads
// the term page's list (see Page.dataRead): adding the term to a page
// renders again the pages that show its count, not every page the term
// is on.
func (t Term) Count() int {
	if t.page != nil {
		t.page.dataRead()
	}
	return t.count
}

// Heading is an entry of the table of contents.
type Heading = markdown.Heading

// Title is the page's title. Another page's template that reads it is
// recorded as doing so, for the build cache (see titleRead).
func (p *Page) Title() string {
	p.titleRead()
	return p.title
}

// LinkTitle is the short title that navigation and breadcrumbs show: the
// page's linkTitle (Hugo) or sidebar_label (Docusaurus), else its Title.
func (p *Page) LinkTitle() string {
	p.titleRead()
	return p.linkTitle()
}

// linkTitle is LinkTitle unrecorded, for the build's own use.
func (p *Page) linkTitle() string {
	if p.src != nil && p.src.LinkTitle != "" && p.pagerOf == nil {
		return p.src.LinkTitle
	}
	return p.title
}

// Summary is the page's short description as plain text.
func (p *Page) Summary() string {
	if p.pagerOf != nil {
		p.pagerOf.summaryRead()
		return p.pagerOf.summary // the list's, which a dev rebuild of its text updates
	}
	p.summaryRead()
	return p.summary
}

// Param is one of the page's .Params, or else the site's: like Hugo's
// .Param. A field the page's kind types is read without decoding the
// frontmatter again, so lists of many pages should ask for what they
// show with Param rather than .Params.
func (p *Page) Param(key string) any {
	p.dataRead()
	if p.src != nil && !(p.noEmail && key == "email") {
		if v, ok := p.src.Value(key); ok {
			return v
		}
	} else if v, ok := p.params[key]; ok {
		return v
	}
	if p.Site != nil {
		return p.Site.Params[key]
	}
	return nil
}

// Params are the page's frontmatter values as written; on generated pages,
// a few of their own (a term page's "taxonomy"). A content page's are
// decoded from its file on first use.
func (p *Page) Params() map[string]any {
	p.dataRead()
	if p.src == nil {
		return p.params
	}
	m := p.src.Params()
	if p.noEmail {
		m = withoutKey(m, "email")
	}
	return m
}

// Pages are the pages of a list (a section's, a term's, the home
// page's), in list order.
func (p *Page) Pages() []*Page { p.lister().dataRead(); return p.pages }

// lister is the page whose list p holds: on a later pager's page, the
// list page. A pager's page is keyed on its own entries only (see
// Site.dataDigest), so a read of the whole list from it is a read of the
// list page's data.
func (p *Page) lister() *Page {
	if p.pagerOf != nil {
		return p.pagerOf
	}
	return p
}

// Date is the page's date (frontmatter date, or its file name's); zero
// when it has none.
func (p *Page) Date() time.Time { p.dataRead(); return p.date }

// Updated is when the page was last changed (frontmatter lastmod or
// updated); zero when it does not say.
func (p *Page) Updated() time.Time { p.dataRead(); return p.updated }

// HasMath reports whether the page may show math ($x^2$), for which
// the theme loads its KaTeX: the default theme does so only then.
func (p *Page) HasMath() bool {
	return p.src != nil && p.src.Math && p.Site.site.Config.Markdown.Math
}

// Direction is the direction the page's language is written in: "rtl"
// for Arabic, Persian, Hebrew, Urdu and the other languages written from
// right to left, else "ltr", for <html dir>.
func (p *Page) Direction() string {
	lang, _, _ := strings.Cut(strings.ToLower(p.Lang), "-")
	if rtlLanguages[lang] {
		return "rtl"
	}
	return "ltr"
}

// rtlLanguages are the ISO 639 codes of languages written from right to
// left.
var rtlLanguages = map[string]bool{"ar": true, "arc": true, "ckb": true, "dv": true, "fa": true, "he": true, "iw": true,
	"ks": true, "nqo": true, "ps": true, "sd": true, "syr": true, "ug": true, "ur": true, "yi": true}

// Weight is the page's place in its lists (frontmatter weight); 0 when
// unweighted.
func (p *Page) Weight() int { p.dataRead(); return p.weight }

// Parent is the list the page is in: its section, or the home page;
// nil on the home page.
func (p *Page) Parent() *Page { p.placeRead(); return p.parent }

// Ancestors are the lists above the page, from the home page down to
// its parent.
func (p *Page) Ancestors() []*Page { p.placeRead(); return p.ancestors }

// placeRead records a read of where the page is: its parent, ancestors
// and neighbours (see placeName). A breadcrumb trail shows a section's
// ancestors, not its list, and a page added to the section changes no
// trail; a page added beside another changes its neighbours, not what a
// card of it shows.
func (p *Page) placeRead() {
	if !p.isView && p.Site != nil && p.Site.site.reads.on {
		p.Site.site.reads.lookup(p.place)
	}
}

// Prev and Next are the pages before and after this one in its
// section's list; nil at either end.
func (p *Page) Prev() *Page { p.placeRead(); return p.prev }

// Next: see Prev.
func (p *Page) Next() *Page { p.placeRead(); return p.next }

// FirstPages is the first n pages of Pages, or all of them when it holds
// fewer. The build cache watches only those and whether there are more:
// where a theme shows the first pages of a list and a link to the rest
// (the default sidebar), a page added past them does not render it again,
// as reading Pages would.
func (p *Page) FirstPages(n int) []*Page {
	if q := p.lister(); !q.isView && q.Site != nil {
		q.Site.site.reads.headRead(q, n)
	}
	return p.pages[:max(0, min(n, len(p.pages)))]
}

// MorePages reports whether Pages holds more than n pages. It is watched
// as FirstPages n is, so a theme can link to the rest of a list without
// reading it all.
func (p *Page) MorePages(n int) bool {
	if q := p.lister(); !q.isView && q.Site != nil {
		q.Site.site.reads.headRead(q, n)
	}
	return len(p.pages) > n
}

// Translations are the page in the site's other languages.
func (p *Page) Translations() []*Page { p.dataRead(); return p.translations }

// Alternates are the page in each other language, or that language's
// section or home where the page has no translation.
func (p *Page) Alternates() []Alt { p.dataRead(); return p.alternates }

// Terms are the page's terms, by taxonomy.
func (p *Page) Terms() map[string][]Term { p.dataRead(); return p.terms }

// Owner is who keeps the page up to date (frontmatter owner).
func (p *Page) Owner() string { p.dataRead(); return p.owner }

// Reviewed is when the page was last reviewed; zero when never.
func (p *Page) Reviewed() time.Time { p.dataRead(); return p.reviewed }

// ReviewNext is when the page is due for review; zero when never.
func (p *Page) ReviewNext() time.Time { p.dataRead(); return p.reviewNext }

// ReviewDue reports whether the page's review date has passed.
func (p *Page) ReviewDue() bool { p.dataRead(); return p.reviewDue }

// Profile is a profile page's typed data, nil on other pages.
func (p *Page) Profile() *Profile { p.dataRead(); return p.profile }

// Duo is a duo page's typed data, nil on other pages.
func (p *Page) Duo() *Duo { p.dataRead(); return p.duo }

// Training is a training page's typed data, nil on other pages.
func (p *Page) Training() *Training { p.dataRead(); return p.training }

// Story is a story page's typed data, nil on other pages.
func (p *Page) Story() *Story { p.dataRead(); return p.story }

// Duos are a profile's duo pages.
func (p *Page) Duos() []*Page { p.dataRead(); return p.duos }

// Stories are the stories that tell of a profile or a duo.
func (p *Page) Stories() []*Page { p.dataRead(); return p.stories }

// Directory is the profiles directory's data, on its page.
func (p *Page) Directory() *Directory { p.programmeRead(); return p.directory }

// Matches is the suggested duos' data, on their page.
func (p *Page) Matches() *Matches {
	p.programmeRead()
	if p.matches != nil && p.matches.fill != nil {
		p.matches.fill()
	}
	return p.matches
}

// Impact is the impact figures, on their page.
func (p *Page) Impact() *Impact { p.programmeRead(); return p.impact }

// programmeRead records a read of what the programme pages draw on (see
// programmeNames): the profiles and duos, not every page, so an edit to
// a guide leaves them as they are.
func (p *Page) programmeRead() {
	if !p.isView && p.Site != nil && p.Site.site.reads.on {
		for _, n := range programmeNames(p) {
			p.Site.site.reads.lookup(n)
		}
	}
}

// T translates an interface string into the page's language.
func (p *Page) T(key string, args ...any) string {
	return p.Site.site.theme.Translate(p.Lang, key, args...)
}

// Content is the page's rendered Markdown.
func (p *Page) Content() (template.HTML, error) {
	p.bodyRead()
	r, err := p.markdown()
	if err != nil || r == nil {
		return "", err
	}
	// Nothing writes r.HTML once Render returns it: a string over its
	// bytes spares copying every page's HTML once more.
	return template.HTML(unsafe.String(unsafe.SliceData(r.HTML), len(r.HTML))), nil
}

// TOC lists the page's h2 and h3 headings.
func (p *Page) TOC() ([]Heading, error) {
	p.bodyRead()
	r, err := p.markdown()
	if err != nil || r == nil {
		return nil, err
	}
	var toc []Heading
	for _, h := range r.Headings {
		if (h.Level == 2 || h.Level == 3) && !h.Unlisted {
			toc = append(toc, h)
		}
	}
	return toc, nil
}

// WordCount counts the words of the Markdown source.
func (p *Page) WordCount() int {
	p.bodyRead()
	if p.src == nil {
		return 0
	}
	return p.src.Words
}

// ReadingTime is the reading time in minutes, at 220 words a minute.
func (p *Page) ReadingTime() int {
	n := p.WordCount()
	if n == 0 {
		return 0
	}
	return max(1, (n+110)/220)
}

// markdown renders the page's body once, while the page is being written;
// other pages' templates asking for it afterwards get it rendered again,
// so a build never holds every page's HTML at once.
func (p *Page) markdown() (*markdown.Result, error) {
	if p.src == nil {
		return nil, nil
	}
	p.cache.Lock()
	defer p.cache.Unlock()
	if p.cache.res != nil {
		return p.cache.res, nil
	}
	res, err := p.Site.site.renderMarkdown(p)
	if err != nil {
		return nil, err
	}
	if !p.cache.done {
		p.cache.res = &res
	}
	return &res, nil
}

// release drops the cached Markdown once the page is written.
func (p *Page) release() {
	p.cache.Lock()
	p.cache.res, p.cache.done = nil, true
	p.cache.Unlock()
}

// summary is what lists show of a page: its summary field, or the first
// paragraph of its text.
func summary(cp *content.Page) string {
	if cp.Summary != "" {
		return cp.Summary
	}
	return cp.Lead
}

// foreignWarnings warns of the template tags of other generators left in
// a page's text.
func (s *Site) foreignWarnings(cp *content.Page) []error {
	var out []error
	for _, t := range cp.Foreign {
		if _, ok := refPath(t); ok {
			continue // Hugo's ref and relref: expandRefs makes them links
		}
		if p := s.byPath[cp.Path]; p != nil {
			if _, ok := s.liquidValue(p, t); ok {
				continue // a Liquid variable expandRefs gives the value of
			}
		}
		hint := "binome has no shortcodes or Liquid tags: replace it with Markdown (a link, an image, a callout) or remove it"
		switch {
		case strings.HasPrefix(t.Text, "<<<"):
			hint = "binome does not import files into pages: paste the file's text in a fenced code block (```), or link the file"
		case strings.HasPrefix(t.Text, "<"):
			hint = "binome runs no MDX components: replace it with Markdown (a link, an image, a callout) or remove it"
		}
		out = append(out, source.Errorf(source.Pos{Path: cp.Path, Line: cp.BodyLine + t.Line - 1},
			"template tag of another generator left in the text: %s", t.Text).WithHint("%s", hint))
	}
	return out
}

// body is a page file's Markdown. A build loads pages without their text
// (content.Options.DropBodies) and reads it again here, when a page is
// rendered: no build holds every page's text at once. A text read again
// goes into *buf when buf is not nil, grown as needed.
func (s *Site) body(cp *content.Page, buf *[]byte) ([]byte, error) {
	if cp.Body != nil {
		return cp.Body, nil
	}
	if buf == nil {
		return cp.ReadBody(s.bodyFS())
	}
	body, grown, err := cp.ReadBodyInto(s.bodyFS(), *buf)
	*buf = grown
	return body, err
}

// bodyFS is where page texts are read again from. On disk it is the
// site folder opened plainly: os.Root, which loading goes through to
// refuse symbolic links out of the site, opens every folder of a path
// on its way, and a build reads every page again. Reading around it is
// safe here, since ReadBody accepts only the bytes loading hashed.
func (s *Site) bodyFS() fs.FS {
	if s.Options.FS != nil {
		return s.fsys
	}
	return readFS(s.Options.Source)
}
