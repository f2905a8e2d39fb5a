package generator

import (
	"cmp"
	"html/template"
	"slices"
	"strings"
	"time"

	"binome/generator/internal/cores"
	"binome/generator/mentoring"
)

// Profile is a profile page's typed data.
type Profile struct {
	Name, Role, Job, Department, Location  string
	Languages, SkillsOffered, SkillsSought []string
	Availability, Cohort, Photo, Email     string
	Visibility                             string
}

// Duo is a duo page's typed data, with both people resolved.
type Duo struct {
	Mentor, Mentee *Page
	Started        time.Time
	Status         string
	Goals          []string
	Sessions       []Session
	TotalMinutes   int
	// FlowToMentee are the skills the mentor offers that the mentee
	// seeks; FlowToMentor the reverse, which reverse mentoring makes
	// common (role: both).
	FlowToMentee, FlowToMentor []string
}

// Session is one meeting of a duo.
type Session struct {
	Date    time.Time
	Minutes int
	Topic   string
}

// Training is a training module's typed data.
type Training struct {
	DurationMinutes int
	Level           string
	Objectives      []string
	Prerequisites   []*Page
	Unlocks         []*Page
	Path            string
	PathPages       []*Page
	PathMinutes     int
}

// Story is a success story's typed data.
type Story struct {
	Mentor, Mentee, Duo *Page
	Quote, Image        string
}

// Directory is the profiles directory: every visible profile and the
// facets to filter them.
type Directory struct {
	Profiles []*Page
	Facets   []Facet
}

// Facet is one filter of the directory.
type Facet struct {
	Name   string
	Values []FacetValue
}

// FacetValue is one value of a facet and how many profiles have it.
type FacetValue struct {
	Value string
	Count int
}

// Matches is the suggested-duos page's data.
type Matches struct {
	Suggestions []Suggestion
	Unmatched   []*Page
	CSVURL      string
	fill        func() // fills Suggestions and Unmatched, once the matching is done
}

// Suggestion is one suggested duo with its reasons in the page language.
type Suggestion struct {
	Mentor, Mentee *Page
	Score          float64
	Reasons        []string
}

// Impact is the impact page's data.
type Impact struct {
	mentoring.Impact
	Hours  float64
	Charts []Chart
}

// Chart is a chart drawn at build time with its data beside it.
type Chart struct {
	Title  string
	SVG    template.HTML
	CSVURL string
}

// Language is a site language, for switchers.
type Language struct {
	Code, Title string
	Weight      int
	URL         string
}

// MenuEntry is one item of a menu.
type MenuEntry struct {
	Name, URL string
	Weight    int
}

// SiteView is what templates see as .Site: the site in one language.
type SiteView struct {
	Title       string
	Lang        string
	DefaultLang string
	Languages   []Language
	BaseURL     string
	Params      map[string]any
	Menus       map[string][]MenuEntry
	Sections    []*Page
	// Top holds the sections and the pages at the top of the site (whose
	// parent is the home page: a flat handbook's pages), in list order.
	Top            []*Page
	Home           *Page
	Taxonomies     []string
	SearchIndexURL string
	SearchURL      string
	FeedURL        string
	Serving        bool

	buildDate time.Time // the build's day, see BuildDate
	site      *Site
	byKind    map[string][]*Page
}

// BuildDate is the build's day, at midnight UTC. The cache keys on it
// only the pages that show it (reads.Today): the first build of a day
// renders those again, and keeps the others.
func (s *SiteView) BuildDate() time.Time {
	s.site.reads.todayRead()
	return s.buildDate
}

// Pages returns the pages of a kind in this language, in list order.
// The build cache watches which pages they are, in which order (see
// kindName), and what a template reads of each.
func (s *SiteView) Pages(kind string) []*Page {
	if s.site.reads.on {
		s.site.reads.lookup(kindName(s.Lang, kind))
	}
	return s.byKind[kind]
}

// Ref finds a page of this language by slug or by source path; nil when
// there is none.
func (s *SiteView) Ref(ref string) *Page {
	s.site.lookup(ref)
	return s.site.ref(s.Lang, ref, "")
}

// suborder is the fraction of the page's order, which its whole weight
// leaves out (see content.Page.Suborder).
func (p *Page) suborder() int {
	if p.src == nil {
		return 0
	}
	return p.src.Suborder
}

// sortKey makes the key sortPages compares titles by, once per page:
// the title in lower case. Sorting lists on several goroutines, each
// page's key is made first (see lists), so none writes it.
func (p *Page) sortKey() {
	if p.titleKey == "" {
		p.titleKey = strings.ToLower(p.LinkTitle())
	}
}

// sortAll sorts each list with sortPages, on every core, the longest
// first.
func sortAll(lists [][]*Page) {
	slices.SortFunc(lists, func(a, b []*Page) int { return cmp.Compare(len(b), len(a)) })
	onCores(len(lists), func(i int) { sortPages(lists[i]) })
}

// onCores calls fn(0) … fn(n-1) on every core.
func onCores(n int, fn func(i int)) { cores.Each(n, 1, fn) }

// sortPages orders by weight (unweighted last), then date (newest first),
// then the title navigation shows (LinkTitle, as Hugo sorts), then URL, so
// every build lists pages the same way.
//
// It sorts copies of the fields it compares, beside each page's place in
// ps, rather than the pages: a comparison then reads one slice instead of
// two or three scattered structs, which at 50,000 pages missed the
// processor's caches (0.45 s of CPU, on a path no other core shares, for
// 0.1 s now). The place breaks ties, so the order is that of a stable sort.
func sortPages(ps []*Page) {
	type sortKey struct {
		weighted   bool
		weight     int
		suborder   int
		sec        int64 // date, newest first
		nsec       int32
		place      int32
		title, url string
	}
	keys := make([]sortKey, len(ps))
	for i, p := range ps {
		p.sortKey()
		sub := p.suborder()
		keys[i] = sortKey{weighted: p.weight != 0 || sub != 0, weight: p.weight, suborder: sub,
			sec: p.date.Unix(), nsec: int32(p.date.Nanosecond()), place: int32(i), title: p.titleKey, url: p.URL}
	}
	slices.SortFunc(keys, func(a, b sortKey) int {
		if a.weighted != b.weighted {
			if a.weighted {
				return -1
			}
			return 1
		}
		if c := cmp.Compare(a.weight, b.weight); c != 0 {
			return c
		}
		if c := cmp.Compare(a.suborder, b.suborder); c != 0 {
			return c // nav_order: 4 before 4.5
		}
		if c := cmp.Compare(b.sec, a.sec); c != 0 {
			return c // newest first
		}
		if c := cmp.Compare(b.nsec, a.nsec); c != 0 {
			return c
		}
		if c := strings.Compare(a.title, b.title); c != 0 {
			return c
		}
		if c := strings.Compare(a.url, b.url); c != 0 {
			return c
		}
		return cmp.Compare(a.place, b.place)
	})
	sorted := make([]*Page, len(ps))
	for i, k := range keys {
		sorted[i] = ps[k.place]
	}
	copy(ps, sorted)
}
