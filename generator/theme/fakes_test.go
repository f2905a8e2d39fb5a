package theme

import (
	"fmt"
	"html/template"
	"strings"
	"time"
)

// The types below mirror the page and site views of the theme contract
// (notes/viewmodel.md) field for field, so the default theme's layouts
// can be executed here without the generator.

type fakeHeading struct {
	Level    int
	ID, Text string
}

type fakeAlt struct {
	Lang, URL, Title string
	Missing          bool
}

type fakeTerm struct {
	Name, Slug, URL string
	Count           int
}

type fakeProfile struct {
	Name, Role, Job, Department, Location          string
	Languages, SkillsOffered, SkillsSought         []string
	Availability, Cohort, Photo, Email, Visibility string
}

type fakeSession struct {
	Date    time.Time
	Minutes int
	Topic   string
}

type fakeDuo struct {
	Mentor, Mentee             *fakePage
	Started                    time.Time
	Status                     string
	Goals                      []string
	Sessions                   []fakeSession
	TotalMinutes               int
	FlowToMentee, FlowToMentor []string
}

type fakeTraining struct {
	DurationMinutes        int
	Level                  string
	Objectives             []string
	Prerequisites, Unlocks []*fakePage
	Path                   string
	PathPages              []*fakePage
	PathMinutes            int
}

type fakeStory struct {
	Mentor, Mentee, Duo *fakePage
	Quote, Image        string
}

type fakeFacetValue struct {
	Value string
	Count int
}

type fakeFacet struct {
	Name   string
	Values []fakeFacetValue
}

type fakeDirectory struct {
	Profiles []*fakePage
	Facets   []fakeFacet
}

type fakeSuggestion struct {
	Mentor, Mentee *fakePage
	Score          float64
	Reasons        []string
}

type fakeMatches struct {
	Suggestions []fakeSuggestion
	Unmatched   []*fakePage
	CSVURL      string
}

type fakeChart struct {
	Title  string
	SVG    template.HTML
	CSVURL string
}

type fakeImpact struct {
	Mentors, Mentees, Both                int
	ActiveDuos, PausedDuos, CompletedDuos int
	Sessions, Minutes                     int
	Suppressed                            []string
	Charts                                []fakeChart
}

type fakeLanguage struct {
	Code, Title string
	Weight      int
	URL         string
}

type fakeMenuEntry struct {
	Name, URL string
	Weight    int
}

type fakeSite struct {
	Title, Lang, DefaultLang string
	Languages                []fakeLanguage
	BaseURL                  string
	Params                   map[string]any
	Menus                    map[string][]fakeMenuEntry
	Sections, Top            []*fakePage
	Home                     *fakePage
	Taxonomies               []string
	SearchIndexURL           string
	SearchURL, FeedURL       string
	Serving                  bool
	BuildDate                time.Time

	all []*fakePage
}

func (s *fakeSite) Pages(kind string) []*fakePage {
	var out []*fakePage
	for _, p := range s.all {
		if p.Kind == kind {
			out = append(out, p)
		}
	}
	return out
}

func (s *fakeSite) Ref(ref string) *fakePage {
	for _, p := range s.all {
		if p.Slug == ref {
			return p
		}
	}
	return nil
}

type fakePage struct {
	Title, Kind          string
	IsList, IsHome       bool
	Section, Slug, Lang  string
	URL, Permalink       string
	Content, Summary     template.HTML
	TOC                  []fakeHeading
	Date, Updated        time.Time
	ReadingTime          int
	WordCount            int
	Params               map[string]any
	Pages                []*fakePage
	Parent               *fakePage
	Ancestors            []*fakePage
	Translations         []*fakePage
	Alternates           []fakeAlt
	Prev, Next           *fakePage
	Terms                map[string][]fakeTerm
	TermList             []fakeTerm
	EditURL, SourcePath  string
	ReviewDue            bool
	Owner                string
	Reviewed, ReviewNext time.Time
	Fallback             bool
	Direction            string
	HasMath              bool
	Profile              *fakeProfile
	Duo                  *fakeDuo
	Training             *fakeTraining
	Story                *fakeStory
	Duos, Stories        []*fakePage
	Directory            *fakeDirectory
	Matches              *fakeMatches
	Impact               *fakeImpact
	Site                 *fakeSite
	Paginator            *fakePager

	set *Set
}

// FirstPages and MorePages stand for the generator's watched reads of
// the head of a list.
func (p *fakePage) FirstPages(n int) []*fakePage { return p.Pages[:max(0, min(n, len(p.Pages)))] }
func (p *fakePage) MorePages(n int) bool         { return len(p.Pages) > n }

// fakePager stands for generator.Pager: one pager of a split list.
type fakePager struct {
	PageNumber, PagerSize int
	URL                   string
	all                   []*fakePager
	pages                 []*fakePage
}

func (p *fakePager) TotalPages() int            { return len(p.all) }
func (p *fakePager) TotalNumberOfElements() int { return len(p.pages) }
func (p *fakePager) NumberOfElements() int      { return len(p.Pages()) }
func (p *fakePager) HasPrev() bool              { return p.PageNumber > 1 }
func (p *fakePager) HasNext() bool              { return p.PageNumber < len(p.all) }
func (p *fakePager) First() *fakePager          { return p.all[0] }
func (p *fakePager) Last() *fakePager           { return p.all[len(p.all)-1] }
func (p *fakePager) Pagers() []*fakePager       { return p.all }
func (p *fakePager) Around(n int) []*fakePager  { return []*fakePager{p.all[0], nil, p.Last()} }

func (p *fakePager) Pages() []*fakePage {
	lo := (p.PageNumber - 1) * p.PagerSize
	return p.pages[lo:min(lo+p.PagerSize, len(p.pages))]
}

func (p *fakePager) Prev() *fakePager {
	if p.HasPrev() {
		return p.all[p.PageNumber-2]
	}
	return nil
}

func (p *fakePager) Next() *fakePager {
	if p.HasNext() {
		return p.all[p.PageNumber]
	}
	return nil
}

// paginate splits a list page into pagers of size pages, as the
// generator does: the page shows the first, and the second, when there is
// one, gets a page of its own, which paginate returns.
func paginate(p *fakePage, size int) *fakePage {
	all := []*fakePager{{PageNumber: 1, PagerSize: size, URL: p.URL, pages: p.Pages}}
	for i := 1; i*size < len(p.Pages); i++ {
		all = append(all, &fakePager{PageNumber: i + 1, PagerSize: size, URL: fmt.Sprintf("%spage/%d/", p.URL, i+1), pages: p.Pages})
	}
	for _, q := range all {
		q.all = all
	}
	p.Paginator = all[0]
	if len(all) == 1 {
		return nil
	}
	second := *p
	second.URL, second.Slug, second.Paginator, second.Content = all[1].URL, p.Slug+"-page-2", all[1], ""
	return &second
}

// LinkTitle is the short title, as on *generator.Page; fakes have none of their own.
func (p *fakePage) LinkTitle() string { return p.Title }

func (p *fakePage) T(key string, args ...any) string { return p.set.Translate(p.Lang, key, args...) }

// Param is the page's param, else the site's, as generator.Page.Param.
func (p *fakePage) Param(key string) any {
	if v, ok := p.Params[key]; ok {
		return v
	}
	if p.Site != nil {
		return p.Site.Params[key]
	}
	return nil
}

// fakeFuncs stands for the site-bound functions the generator provides.
func fakeFuncs() template.FuncMap {
	return template.FuncMap{
		"absURL": func(s string) string { return "https://example.org" + s },
		"relLangURL": func(lang, s string) string {
			if lang == "fr" {
				return "/" + s
			}
			return "/" + lang + "/" + s
		},
		"asset": func(s string) string {
			dot := strings.LastIndex(s, ".")
			return "/" + s[:dot] + ".1a2b3c4d" + s[dot:]
		},
		"markdownify": func(s string) template.HTML { return template.HTML(template.HTMLEscapeString(s)) },
	}
}

func date(s string) time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return t
}

// fakeSiteFor builds a small bilingual-looking site with one page of every
// kind, wired the way the generator wires them.
func fakeSiteFor(set *Set, lang string) (*fakeSite, map[string]*fakePage) {
	site := &fakeSite{
		Title: "Programme Binôme", Lang: lang, DefaultLang: "fr",
		Languages: []fakeLanguage{{Code: "fr", Title: "Programme Binôme", Weight: 1, URL: "/"},
			{Code: "en", Title: "Binôme programme", Weight: 2, URL: "/en/"}},
		BaseURL:        "https://example.org/",
		Params:         map[string]any{"description": "Le mentorat inversé, de pair à pair."},
		Taxonomies:     []string{"tags", "skills"},
		SearchIndexURL: "/search/" + lang + "/",
		FeedURL:        "/feed.xml",
		BuildDate:      date("2026-03-12"),
	}
	pages := map[string]*fakePage{}
	add := func(p *fakePage) *fakePage {
		p.Lang, p.Site, p.set, p.Direction = lang, site, set, "ltr"
		p.Permalink = "https://example.org" + p.URL
		if p.Params == nil {
			p.Params = map[string]any{}
		}
		site.all = append(site.all, p)
		pages[p.Kind+":"+p.Slug] = p
		return p
	}
	home := add(&fakePage{Title: "Accueil", Kind: "home", IsHome: true, IsList: true, URL: "/", Slug: "home",
		Summary: "Le programme de mentorat inversé.", Content: "<p>Bienvenue dans le programme.</p>"})
	site.Home = home
	section := func(name, title string) *fakePage {
		s := add(&fakePage{Title: title, Kind: "section", IsList: true, Section: name, Slug: name, URL: "/" + name + "/",
			Parent: home, Ancestors: []*fakePage{home}, Summary: template.HTML("Tout sur " + title + ".")})
		site.Sections = append(site.Sections, s)
		return s
	}
	guides, trainings, stories, profiles, duos := section("guides", "Guides"), section("trainings", "Formations"),
		section("stories", "Histoires"), section("profiles", "Profils"), section("duos", "Binômes")
	child := func(sec *fakePage, kind, slug, title string) *fakePage {
		p := add(&fakePage{Title: title, Kind: kind, Section: sec.Section, Slug: slug, URL: sec.URL + slug + "/",
			Parent: sec, Ancestors: []*fakePage{home, sec}, SourcePath: "content/" + sec.Section + "/" + slug + ".md"})
		sec.Pages = append(sec.Pages, p)
		return p
	}
	skills := []fakeTerm{{Name: "Excel", Slug: "excel", URL: "/skills/excel/", Count: 3},
		{Name: "Prise de parole", Slug: "prise-de-parole", URL: "/skills/prise-de-parole/", Count: 2}}

	guide := child(guides, "guide", "premiere-rencontre", "Préparer la première rencontre")
	guide.Params["audience"] = "mentor"
	guide.Content = `<h2 id="avant">Avant <a class="anchor" href="#avant">#</a></h2><p>Texte <a href="https://example.com/x">externe</a>.</p><div class="callout callout-tip"><p class="callout-title">Astuce</p><p>Conseil.</p></div><h3 id="ordre-du-jour">Ordre du jour</h3><pre class="hl"><code class="language-go"><span class="hl-k">func</span> <span class="hl-nf">main</span>() { <span class="hl-s">"x"</span> } <span class="hl-c">// note</span></code></pre><table><thead><tr><th>A</th><th>B</th></tr></thead><tbody><tr><td>1</td><td>2</td></tr></tbody></table><ul><li><input type="checkbox" checked disabled> fait</li></ul><dl><dt>Binôme</dt><dd>Deux personnes.</dd></dl>`
	guide.Summary = "Comment préparer la première rencontre."
	guide.TOC = []fakeHeading{{2, "avant", "Avant"}, {3, "ordre-du-jour", "Ordre du jour"}, {4, "detail", "Détail"}}
	guide.Date, guide.Updated, guide.ReadingTime, guide.WordCount = date("2026-01-05"), date("2026-03-01"), 4, 800
	guide.EditURL = "https://git.example.org/edit/content/guides/premiere-rencontre.md"
	guide.ReviewDue, guide.Owner, guide.Reviewed, guide.ReviewNext = true, "Équipe RH", date("2025-01-01"), date("2026-01-01")
	guide.Alternates = []fakeAlt{{Lang: "en", URL: "/en/guides/first-meeting/", Title: "Prepare the first meeting"}}
	guide.Terms = map[string][]fakeTerm{"tags": {{Name: "débuter", Slug: "debuter", URL: "/tags/debuter/", Count: 4}}}
	guide2 := child(guides, "guide", "fin", "Clore le binôme")
	guide.Next, guide2.Prev = guide2, guide
	guide2.Fallback = true

	t1 := child(trainings, "training", "bases", "Les bases du mentorat")
	t2 := child(trainings, "training", "ecoute", "L'écoute active")
	t3 := child(trainings, "training", "libre", "Atelier libre")
	path := []*fakePage{t1, t2}
	t1.Training = &fakeTraining{DurationMinutes: 45, Level: "beginner", Objectives: []string{"Comprendre le rôle"},
		Unlocks: []*fakePage{t2}, Path: "Découvrir", PathPages: path, PathMinutes: 135}
	t2.Training = &fakeTraining{DurationMinutes: 90, Level: "intermediate", Objectives: []string{"Écouter", "Reformuler"},
		Prerequisites: []*fakePage{t1}, Path: "Découvrir", PathPages: path, PathMinutes: 135}
	t3.Training = &fakeTraining{DurationMinutes: 30}
	t1.Next, t2.Prev = t2, t1

	lea := child(profiles, "profile", "lea-martin", "Léa Martin")
	lea.Profile = &fakeProfile{Name: "Léa Martin", Role: "mentor", Job: "Data analyst", Department: "Finance",
		Languages: []string{"fr", "en"}, SkillsOffered: []string{"Excel", "SQL"}, SkillsSought: []string{"Prise de parole"},
		Availability: "1 h / semaine", Cohort: "2026", Email: "lea@example.org", Visibility: "public"}
	lea.Terms = map[string][]fakeTerm{"skills": skills}
	max := child(profiles, "profile", "max-dupont", "Max Dupont")
	max.Profile = &fakeProfile{Name: "Max Dupont", Role: "mentee", Job: "Directeur", Department: "Ventes",
		Languages: []string{"fr"}, SkillsSought: []string{"Excel"}, SkillsOffered: []string{"Prise de parole"}, Cohort: "2026"}

	duo := child(duos, "duo", "lea-max", "Léa & Max")
	duo.Duo = &fakeDuo{Mentor: lea, Mentee: max, Started: date("2026-01-10"), Status: "active",
		Goals:        []string{"Maîtriser les tableaux croisés"},
		Sessions:     []fakeSession{{date("2026-01-10"), 60, "Premiers pas"}, {date("2026-02-01"), 45, "Graphiques"}},
		TotalMinutes: 105, FlowToMentee: []string{"Excel"}, FlowToMentor: []string{"Prise de parole"}}
	duo.Terms = map[string][]fakeTerm{"skills": skills}
	story := child(stories, "story", "excel-en-confiance", "Excel en confiance")
	story.Story = &fakeStory{Mentor: lea, Mentee: max, Duo: duo, Quote: "J'ai enfin compris les tableaux croisés."}
	story.Date = date("2026-02-20")
	lea.Duos, max.Duos, lea.Stories, duo.Stories = []*fakePage{duo}, []*fakePage{duo}, []*fakePage{story}, []*fakePage{story}

	generated := func(kind, slug, title string) *fakePage {
		return add(&fakePage{Title: title, Kind: kind, IsList: true, Slug: slug, URL: "/" + slug + "/",
			Parent: home, Ancestors: []*fakePage{home}})
	}
	dir := generated("directory", "annuaire", "Annuaire")
	dir.Directory = &fakeDirectory{Profiles: []*fakePage{lea, max}, Facets: []fakeFacet{
		{Name: "role", Values: []fakeFacetValue{{"mentee", 1}, {"mentor", 1}}},
		{Name: "skills_offered", Values: []fakeFacetValue{{"Excel", 1}, {"Prise de parole", 1}, {"SQL", 1}}},
		{Name: "languages", Values: []fakeFacetValue{{"en", 1}, {"fr", 2}}},
	}}
	matches := generated("matches", "binomes-suggeres", "Binômes suggérés")
	matches.Matches = &fakeMatches{Suggestions: []fakeSuggestion{{Mentor: lea, Mentee: max, Score: 7.5,
		Reasons: []string{"Excel : offert par Léa, recherché par Max", "langue commune : fr"}}},
		Unmatched: []*fakePage{max}, CSVURL: "/binomes-suggeres/suggestions.csv"}
	impact := generated("impact", "impact", "Impact")
	impact.Impact = &fakeImpact{Mentors: 12, Mentees: 9, ActiveDuos: 5, CompletedDuos: 2, Sessions: 40, Minutes: 2400,
		Suppressed: []string{"departments: Legal"}, Charts: []fakeChart{{Title: "Séances par mois", CSVURL: "/impact/sessions.csv",
			SVG: `<svg viewBox="0 0 200 100" role="img" aria-label="Séances par mois"><line class="axis" x1="20" y1="90" x2="190" y2="90"/><rect class="bar s0" x="30" y="40" width="30" height="50"/><rect class="bar s1" x="80" y="20" width="30" height="70"/><rect class="bar s2" x="130" y="60" width="30" height="30"/><text class="label" x="30" y="100">jan</text></svg>`}}}
	generated("search", "recherche", "Recherche")
	review := generated("review", "relecture", "Pages à relire")
	review.Pages = []*fakePage{guide}
	generated("404", "404", "Page introuvable")
	tags := generated("taxonomy", "tags", "Étiquettes")
	tags.TermList = []fakeTerm{{Name: "débuter", Slug: "debuter", URL: "/tags/debuter/", Count: 4}}
	term := generated("term", "tags/debuter", "débuter")
	term.Pages = []*fakePage{guide, t1}

	home.Pages = site.Sections
	site.Top = site.Sections
	site.Menus = map[string][]fakeMenuEntry{"main": {{Name: "Guides", URL: "/guides/", Weight: 1},
		{Name: "Formations", URL: "/trainings/", Weight: 2}, {Name: "Profils", URL: "/profiles/", Weight: 3}}}
	home.Alternates = []fakeAlt{{Lang: "en", URL: "/en/", Title: "Home"}}
	trainings.Alternates = []fakeAlt{{Lang: "en", URL: "/en/", Missing: true}}
	var pagers []*fakePage
	for _, p := range site.all {
		switch p.Kind {
		case "section":
			if q := paginate(p, 1); q != nil {
				pagers = append(pagers, q)
			}
		case "term":
			paginate(p, 10) // one pager: tests look for all its entries
		}
		if p.Kind == "profile" {
			p.Summary = template.HTML(fmt.Sprintf("%s, %s.", p.Profile.Name, p.Profile.Job))
		}
	}
	for _, q := range pagers {
		add(q)
	}
	return site, pages
}
