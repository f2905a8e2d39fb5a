package generator

import (
	"crypto/sha256"
	"fmt"
	"path"
	"slices"
	"sort"
	"strings"
	"time"

	"binome/generator/content"
	"binome/generator/mentoring"
	"binome/generator/source"
)

// Resolve computes everything that needs the whole site: URLs,
// translations and fallbacks, references and backlinks, lists and
// taxonomies, the programme pages. It reports every error together.
func (s *Site) Resolve() error {
	s.byURL = map[string]*Page{}
	s.bySlug = map[string]map[string][]*Page{}
	s.byPath = map[string]*Page{}
	s.aliasTo = map[string]*Page{}
	s.byName = &nameIndex{}
	s.files = map[string]bool{}
	s.headings = map[string][]string{}
	s.anchors = nil
	s.pages = nil
	s.data = nil
	s.views = map[string]*SiteView{}
	for _, l := range s.langs {
		s.views[l] = s.newView(l)
	}
	var errs source.List
	s.contentPages()
	s.hasMath = false
	for _, p := range s.pages {
		s.hasMath = s.hasMath || p.HasMath()
	}
	s.sections()
	s.translations()
	errs.Add(s.references())
	if len(errs) > 0 {
		// What follows relies on references: stop, but check the pages'
		// URLs first, so that their clashes are reported along.
		errs.Add(s.index())
		return errs.Err()
	}
	s.dropHidden()
	if s.fallbacks() {
		// The folders of pages shown in a language they lack need their
		// section there too: /en/profiles/ for profiles written in French.
		s.sections()
	}
	s.mentoringData()
	s.lists()
	s.taxonomies()
	s.programmePages()
	s.paginate()
	s.menus()
	errs.Add(s.index())
	s.fileWarnings()
	source.Sort(s.Warnings)
	return errs.Err()
}

// withheld reports whether a page is left out for now: scheduled for
// later, or expired. It is checked and validated all the same, so it
// publishes without surprise on its day.
func (s *Site) withheld(cp *content.Page) bool {
	if pub := cp.PublishDate(); !s.Options.Future && pub.After(s.now) {
		return true
	}
	exp := cp.ExpiryDate()
	return !s.Options.Expired && !exp.IsZero() && !exp.After(s.now)
}

// withheldPages lists the pages of the site's languages that their dates
// leave out of this build: what the build key hashes and the summary
// counts.
// A build asks three times (the build key, Resolve, the summary); they
// are found once for each content Set (a dev rebuild brings another),
// as each asks seven fields of every page (90 ms at 50,000 pages).
func (s *Site) withheldPages() []*content.Page {
	m := &s.withheldMemo
	if m.of == s.Content && m.of != nil {
		return m.pages
	}
	*m = withheldMemo{of: s.Content}
	for _, cp := range s.Content.Pages {
		// By s.langs, not s.views: the build key is taken before Resolve.
		if slices.Contains(s.langs, cp.Lang) && s.withheld(cp) {
			m.pages = append(m.pages, cp)
			if m.is == nil {
				m.is = map[*content.Page]bool{}
			}
			m.is[cp] = true
		}
	}
	return m.pages
}

// withheldMemo is withheldPages for one content Set, with a set of its
// pages.
type withheldMemo struct {
	of    *content.Set
	pages []*content.Page
	is    map[*content.Page]bool
}

// dueKey hashes the source paths of the pages whose review is due now:
// time, not an edit, changes it, and with it the pages and warnings that
// say so.
func (s *Site) dueKey() [32]byte {
	h := sha256.New()
	for _, cp := range s.Content.Pages {
		if next := reviewNext(cp); !next.IsZero() && s.now.After(next) {
			fmt.Fprintf(h, "%s|", cp.Path)
		}
	}
	var k [32]byte
	h.Sum(k[:0])
	return k
}

// fileWarnings adds the warnings that come from one file alone: a review
// past due, another generator's template tags left in the text. It is the
// one step of Resolve that a dev rebuild of page bodies redoes (see
// Dev.rebind).
func (s *Site) fileWarnings() {
	for _, cp := range s.Content.Pages {
		if _, ok := s.views[cp.Lang]; ok && !cp.Draft {
			if next := reviewNext(cp); !next.IsZero() && s.now.After(next) {
				owner := ""
				if cp.Owner != "" {
					owner = " (owner: " + cp.Owner + ")"
				}
				s.Warnings = append(s.Warnings, source.Errorf(cp.PosOf("reviewed"), "page is due for review since %s%s",
					next.Format("2006-01-02"), owner).
					WithHint("read it again, then set reviewed: to today's date"))
			}
		}
		s.Warnings = append(s.Warnings, s.foreignWarnings(cp)...)
	}
}

// reviewNext is when a page is next due for review: zero when it names no
// review period.
func reviewNext(cp *content.Page) time.Time {
	if cp.ReviewEvery == "" || cp.Reviewed.IsZero() {
		return time.Time{}
	}
	per, err := content.ParsePeriod(cp.ReviewEvery)
	if err != nil {
		return time.Time{}
	}
	return per.After(cp.Reviewed)
}

func (s *Site) newView(lang string) *SiteView {
	v := &SiteView{
		Title:          s.Config.LanguageTitle(lang),
		Lang:           lang,
		DefaultLang:    s.Config.DefaultLanguage,
		BaseURL:        s.Config.BaseURL,
		Params:         s.params(),
		Taxonomies:     s.Config.Taxonomies,
		SearchIndexURL: "/search/" + lang + "/",
		SearchURL:      s.langPrefix(lang) + "search/",
		FeedURL:        s.langPrefix(lang) + "feed.xml",
		Serving:        s.Options.Serving,
		buildDate:      s.now.UTC().Truncate(24 * time.Hour),
		site:           s,
		byKind:         map[string][]*Page{},
	}
	for _, l := range s.langs {
		v.Languages = append(v.Languages, Language{Code: l, Title: s.Config.LanguageTitle(l), Weight: s.Config.Languages[l].Weight, URL: s.langPrefix(l)})
	}
	return v
}

// urlDir is the URL path of a content folder: each folder's name made a
// slug ("T2S Model" is t2s-model, as Hugo makes it), or the slug its
// section page sets, so that addresses hold no capitals or spaces. The
// folder's files go there too, beside its pages. A hidden folder keeps
// its name: GitBook's uploads stay in .gitbook/assets, where its pages
// link them.
func (s *Site) urlDir(lang, dir string) string {
	if dir == "" {
		return ""
	}
	parent, name := path.Split(dir)
	seg, ok := s.dirSlugs[lang+"|"+dir]
	if !ok {
		// A language without its own section page follows the default.
		seg = s.dirSlugs[s.Config.DefaultLanguage+"|"+dir]
	}
	if seg == "" && !strings.HasPrefix(name, ".") {
		seg = content.Slugify(name)
	}
	if seg == "" {
		seg = name // hidden, or no letter or digit to make a slug of
	}
	if parent == "" {
		return seg
	}
	return s.urlDir(lang, strings.TrimSuffix(parent, "/")) + "/" + seg
}

// sectionSlugs reads the slugs that section pages set for their folders.
func (s *Site) sectionSlugs() {
	s.dirSlugs = map[string]string{}
	for _, cp := range s.Content.Pages {
		if cp.Kind == "section" {
			// "" when the page sets none: its language then makes the
			// folder's name a slug, whatever the default language sets.
			s.dirSlugs[cp.Lang+"|"+cp.Dir] = content.Slugify(cp.String("slug"))
		}
	}
}

// contentPages turns every loaded file into a Page with its URL.
func (s *Site) contentPages() {
	s.sectionSlugs()
	for _, cp := range s.Content.Pages {
		if _, ok := s.views[cp.Lang]; !ok {
			continue // a language no longer configured
		}
		if s.withheldPages(); s.withheldMemo.is[cp] {
			continue
		}
		title := cp.Title
		if title == "" && cp.Kind == "section" {
			// An _index.md that only orders its folder (weight: 3) is
			// titled as the folder would be without it.
			title = s.sectionTitle(cp.Lang, cp.Dir)
		}
		p := &Page{
			title: title, Kind: cp.Kind, Section: cp.Section, Slug: cp.Slug, Lang: cp.Lang,
			date: cp.Date, updated: cp.Updated, weight: cp.Weight,
			SourcePath: cp.Path, owner: cp.Owner, reviewed: cp.Reviewed,
			Site: s.views[cp.Lang], src: cp, terms: map[string][]Term{},
		}
		prefix := s.langPrefix(cp.Lang)
		switch cp.Kind {
		case "home":
			p.URL, p.IsHome, p.IsList = prefix, true, true
		case "section":
			p.URL, p.IsList = prefix+s.urlDir(cp.Lang, cp.Dir)+"/", true
			if cp.Dir == "profiles" {
				p.Kind = "directory"
			}
		default:
			if cp.Dir == "" {
				p.URL = prefix + cp.Slug + "/"
			} else {
				p.URL = prefix + s.urlDir(cp.Lang, cp.Dir) + "/" + cp.Slug + "/"
			}
		}
		if cp.Kind == "profile" {
			switch cp.String("visibility") {
			case "hidden":
				p.hidden = true
			case "internal":
				p.noIndex = true
			}
		}
		p.summary = s.expandVars(p, summary(cp))
		if s.Config.EditURL != "" {
			p.EditURL = strings.TrimSuffix(s.Config.EditURL, "/") + "/" + strings.TrimPrefix(cp.Path, content.Dir+"/")
		}
		if next := reviewNext(cp); !next.IsZero() {
			p.reviewNext, p.reviewDue = next, s.now.After(next)
		}
		s.addPage(p)
	}
}

// addPage registers a page under its slug and source path.
func (s *Site) addPage(p *Page) {
	s.pages = append(s.pages, p)
	if p.cache == nil {
		p.cache = &renderCache{}
	}
	if p.src != nil {
		if !p.Fallback {
			s.byPath[p.src.Path] = p
		}
		if s.bySlug[p.Lang] == nil {
			s.bySlug[p.Lang] = map[string][]*Page{}
		}
		if p.Slug != "" {
			s.bySlug[p.Lang][p.Slug] = append(s.bySlug[p.Lang][p.Slug], p)
		}
	}
}

// sections makes sure every language has a home page and every folder
// with pages a section page, even without _index.md.
func (s *Site) sections() {
	have := map[string]*Page{}
	pageAt := map[string]*Page{}
	for _, p := range s.pages {
		if p.IsList {
			have[p.URL] = p
		} else if p.src != nil {
			pageAt[p.URL] = p
		}
	}
	for _, lang := range s.langs {
		home := s.langPrefix(lang)
		if have[home] == nil {
			p := &Page{title: s.Config.LanguageTitle(lang), Kind: "home", IsHome: true, IsList: true, Lang: lang, URL: home, Site: s.views[lang], terms: map[string][]Term{}}
			have[home] = p
			s.addPage(p)
		}
	}
	// A folder without a section page comes where its first page does in
	// the table of contents (SUMMARY.md), if one lists it.
	tocOf := map[string]int{}
	for _, p := range s.pages {
		if p.src == nil {
			continue
		}
		if at, ok := s.Content.TOC[p.src.Path]; ok {
			for d := p.src.Dir; d != "." && d != ""; d = path.Dir(d) {
				if k := p.Lang + "|" + d; tocOf[k] == 0 || at < tocOf[k] {
					tocOf[k] = at
				}
			}
		}
	}
	for _, p := range slices.Clone(s.pages) {
		if p.src == nil || p.IsList || p.src.Dir == "" {
			continue
		}
		for d := p.src.Dir; d != "." && d != ""; d = path.Dir(d) {
			u := s.langPrefix(p.Lang) + s.urlDir(p.Lang, d) + "/"
			if have[u] != nil {
				continue
			}
			if q := pageAt[u]; q != nil {
				// setup.md beside setup/, as Just the Docs and Docusaurus
				// sites write a parent page: it introduces the folder.
				q.IsList = true
				have[u] = q
				continue
			}
			if q := claimant(s.pages, p.Lang, d, u); q != nil {
				// onboarding/onboarding.md with permalink: /onboarding/,
				// Just the Docs' other way to write a parent page: the
				// page whose old URL is its folder's introduces it, there.
				delete(pageAt, q.URL)
				q.URL, q.IsList = u, true
				have[u] = q
				continue
			}
			if def := s.Config.DefaultLanguage; p.Fallback && p.Lang != def {
				// A folder of pages shown in a language they lack: its
				// section is shown there too, as they are.
				if q := have[s.langPrefix(def)+s.urlDir(def, d)+"/"]; q != nil && q.src != nil && !q.Fallback {
					if !slices.ContainsFunc(q.translations, func(t *Page) bool { return t.Lang == p.Lang }) {
						have[u] = s.fallbackCopy(q, p.Lang, u)
						s.linkTranslations(q)
						continue
					}
				}
			}
			kind := "section"
			if d == "profiles" {
				kind = "directory"
			}
			weight := tocOf[p.Lang+"|"+d]
			if n, ok := content.NamePosition(path.Base(d)); ok && weight == 0 {
				// 05-introduction/, without a page of its own, comes
				// where its number says, as a section page there would.
				weight = n
			}
			sp := &Page{title: s.sectionTitle(p.Lang, d), Kind: kind, IsList: true, Lang: p.Lang, Section: strings.SplitN(d, "/", 2)[0],
				URL: u, Site: s.views[p.Lang], terms: map[string][]Term{}, weight: weight}
			have[u] = sp
			s.addPage(sp)
		}
	}
}

// claimant is the page of folder dir whose old URL (Hugo's url, Jekyll's
// permalink) is the folder's URL u, or that Just the Docs makes its
// parent, nil for none.
func claimant(pages []*Page, lang, dir, u string) *Page {
	for _, q := range pages {
		if q.src == nil || q.IsList || q.Fallback || q.Lang != lang || q.src.Dir != dir {
			continue
		}
		for _, key := range []string{"permalink", "url"} {
			if old := q.src.String(key); old != "" && "/"+strings.Trim(old, "/")+"/" == u {
				return q
			}
		}
		// onboarding/onboarding.md with has_children: true, Just the
		// Docs' parent page, named as its folder.
		if v, ok := q.src.Value("has_children"); ok && v == true && q.Slug == content.Slugify(path.Base(dir)) {
			return q
		}
	}
	return nil
}

// sectionTitle names a section without _index.md: the theme's string for
// it when there is one, else its folder name made readable.
func (s *Site) sectionTitle(lang, dir string) string {
	base := path.Base(dir)
	if t := s.theme.Translate(lang, "section_"+base); t != "section_"+base {
		return t
	}
	return content.FolderTitle(base)
}

// translationKey groups a page with its translations: its explicit
// translationKey, or its place in the tree.
func translationKey(p *Page) string {
	if p.src == nil {
		return ""
	}
	if p.src.TranslationKey != "" {
		return "key:" + p.src.TranslationKey
	}
	return p.src.Kind + ":" + p.src.Dir + ":" + p.src.Slug
}

func (s *Site) translations() {
	groups := map[string][]*Page{}
	for _, p := range s.pages {
		if k := translationKey(p); k != "" && !p.hidden {
			groups[k] = append(groups[k], p)
		}
	}
	for _, g := range groups {
		for _, p := range g {
			for _, q := range g {
				if q != p && q.Lang != p.Lang {
					p.translations = append(p.translations, q)
				}
			}
			sort.Slice(p.translations, func(i, j int) bool { return s.langIndex(p.translations[i].Lang) < s.langIndex(p.translations[j].Lang) })
		}
	}
}

func (s *Site) langIndex(l string) int { return slices.Index(s.langs, l) }

// ref finds the page a reference names: by slug, or by path relative to
// content/, preferring the given language and kind.
func (s *Site) ref(lang, ref, kind string) *Page {
	ref = strings.TrimSuffix(strings.TrimPrefix(strings.TrimSpace(ref), "/"), "/")
	if p := s.byPath[content.Dir+"/"+ref]; p != nil {
		return p
	}
	slug := path.Base(strings.TrimSuffix(ref, path.Ext(ref)))
	pick := func(l string) *Page {
		for _, p := range s.bySlug[l][slug] {
			if kind == "" || p.src.Kind == kind {
				if !strings.Contains(ref, "/") || strings.HasSuffix(p.src.Dir+"/"+p.Slug, ref) {
					return p
				}
			}
		}
		return nil
	}
	if p := pick(lang); p != nil {
		return p
	}
	if p := pick(s.Config.DefaultLanguage); p != nil {
		return p
	}
	for _, l := range s.langs {
		if p := pick(l); p != nil {
			return p
		}
	}
	return nil
}

// failedFile reports whether a file that could not be loaded is named
// slug (its name without language or extension), as a reference names
// it. A build with errors in some files resolves the others, and their
// references to those files are no errors of their own.
func (s *Site) failedFile(slug string) bool {
	for _, f := range s.Content.Failed() {
		name := path.Base(f)
		name = strings.TrimSuffix(name, path.Ext(name))
		if i := strings.IndexByte(name, '.'); i >= 0 {
			name = name[:i] // alice.en
		}
		if strings.EqualFold(name, slug) {
			return true
		}
	}
	return false
}

// references checks every typed reference and prerequisite cycles.
func (s *Site) references() error {
	var errs source.List
	for _, p := range s.pages {
		if p.src == nil || p.Fallback {
			continue
		}
		for _, r := range p.src.Refs {
			t := s.ref(p.Lang, r.Target, r.Kind)
			if t == nil {
				// Not of the expected kind: say what it is instead, if anything.
				t = s.ref(p.Lang, r.Target, "")
			}
			if t == nil && s.failedFile(r.Target) {
				continue // its file has an error, reported: mending it mends this
			}
			if t == nil {
				errs.Add(source.Errorf(r.Pos, "field %q: no %s page %q", r.Field, r.Kind, r.Target).
					WithHint("write the slug of a file in content/%s/ (its file name without .md)%s", s.Content.Kinds[r.Kind].Section, s.closeSlugs(r.Target, r.Kind)))
				continue
			}
			if r.Kind != "" && t.src.Kind != r.Kind {
				errs.Add(source.Errorf(r.Pos, "field %q: %q is a %s page, expected a %s", r.Field, r.Target, t.src.Kind, r.Kind).
					WithHint("name a page from content/%s/", s.Content.Kinds[r.Kind].Section))
				continue
			}
			if t.hidden && p.src.Kind != "profile" {
				errs.Add(source.Errorf(r.Pos, "field %q: %q is a hidden profile", r.Field, r.Target).
					WithHint("a hidden profile appears nowhere; change its visibility to internal, or remove the reference"))
			}
		}
		if p.src.Kind == "duo" && p.src.String("mentor") != "" && p.src.String("mentor") == p.src.String("mentee") {
			errs.Add(source.Errorf(p.src.PosOf("mentee"), "field \"mentee\": the mentee is the mentor").
				WithHint("a duo pairs two different people"))
		}
	}
	errs.Add(s.prerequisiteCycles())
	return errs.Err()
}

// closeSlugs names close slugs of the right kind, for typos.
func (s *Site) closeSlugs(target, kind string) string {
	var best []string
	for _, p := range s.pages {
		if p.src != nil && p.src.Kind == kind && p.Lang == s.Config.DefaultLanguage {
			if d := content.EditDistance(target, p.Slug); d <= 3 {
				best = append(best, p.Slug)
			}
		}
	}
	if len(best) == 0 {
		return ""
	}
	sort.Strings(best)
	return "; did you mean " + strings.Join(best[:min(3, len(best))], ", ") + "?"
}

// prerequisiteCycles finds cycles among training prerequisites, per
// language, and prints each cycle once.
func (s *Site) prerequisiteCycles() error {
	var errs source.List
	state := map[*Page]int{} // 0 new, 1 on stack, 2 done
	var stack []*Page
	var visit func(p *Page)
	visit = func(p *Page) {
		state[p] = 1
		stack = append(stack, p)
		for _, r := range p.src.Refs {
			if r.Field != "prerequisites" {
				continue
			}
			t := s.ref(p.Lang, r.Target, "training")
			if t == nil || t.src == nil {
				continue
			}
			switch state[t] {
			case 0:
				visit(t)
			case 1:
				i := slices.Index(stack, t)
				names := []string{}
				for _, q := range stack[i:] {
					names = append(names, q.Slug)
				}
				names = append(names, t.Slug)
				errs.Add(source.Errorf(r.Pos, "field \"prerequisites\": cycle %s", strings.Join(names, " → ")).
					WithHint("a training cannot require itself, even through others; remove one of these prerequisites"))
			}
		}
		stack = stack[:len(stack)-1]
		state[p] = 2
	}
	for _, p := range s.pages {
		if p.src != nil && p.src.Kind == "training" && state[p] == 0 {
			visit(p)
		}
	}
	return errs.Err()
}

// mentoringData fills the typed views and backlinks of profiles, duos,
// trainings and stories.
func (s *Site) mentoringData() {
	for _, p := range s.pages {
		cp := p.src
		if cp == nil {
			continue
		}
		switch cp.Kind {
		case "profile":
			email := ""
			if s.Config.Privacy.ShowEmails {
				email = cp.String("email")
			}
			p.profile = &Profile{
				Name: cp.String("name"), Role: cp.String("role"), Job: cp.String("job"), Department: cp.String("department"),
				Location: cp.String("location"), Languages: cp.List("languages"), SkillsOffered: cp.List("skills_offered"),
				SkillsSought: cp.List("skills_sought"), Availability: cp.String("availability"), Cohort: cp.String("cohort"),
				Photo: cp.String("photo"), Email: email, Visibility: orDefault(cp.String("visibility"), "public"),
			}
			if cp.Title == "" || cp.TitleFromName {
				p.title = p.profile.Name
			}
			// A profile's email is private unless the site says otherwise:
			// keep it out of .Params too, where a theme could print it.
			if !s.Config.Privacy.ShowEmails {
				p.noEmail = true
			}
		case "training":
			p.training = &Training{DurationMinutes: cp.Int("duration_minutes"), Level: cp.String("level"),
				Objectives: cp.List("objectives"), Path: cp.String("path")}
		case "story":
			p.story = &Story{Quote: cp.String("quote"), Image: cp.String("image")}
		case "duo":
			d := &Duo{Started: cp.DateField("started"), Status: orDefault(cp.String("status"), "active"), Goals: cp.List("goals")}
			for _, ss := range cp.Sessions {
				d.Sessions = append(d.Sessions, Session(ss))
				d.TotalMinutes += ss.Minutes
			}
			sort.SliceStable(d.Sessions, func(i, j int) bool { return d.Sessions[i].Date.Before(d.Sessions[j].Date) })
			p.duo = d
		}
	}
	for _, p := range s.pages {
		cp := p.src
		if cp == nil {
			continue
		}
		switch cp.Kind {
		case "duo":
			p.duo.Mentor = s.ref(p.Lang, cp.String("mentor"), "profile")
			p.duo.Mentee = s.ref(p.Lang, cp.String("mentee"), "profile")
			if m, e := p.duo.Mentor, p.duo.Mentee; m != nil && e != nil && m.profile != nil && e.profile != nil {
				p.duo.FlowToMentee = skillFlow(m.profile, e.profile)
				p.duo.FlowToMentor = skillFlow(e.profile, m.profile)
				m.duos = append(m.duos, p)
				e.duos = append(e.duos, p)
			}
		case "story":
			st := p.story
			st.Mentor = s.ref(p.Lang, cp.String("mentor"), "profile")
			st.Mentee = s.ref(p.Lang, cp.String("mentee"), "profile")
			if d := cp.String("duo"); d != "" {
				st.Duo = s.ref(p.Lang, d, "duo")
			}
			for _, q := range []*Page{st.Mentor, st.Mentee, st.Duo} {
				if q != nil && !slices.Contains(q.stories, p) {
					q.stories = append(q.stories, p)
				}
			}
			if st.Duo != nil && st.Duo.duo != nil {
				for _, q := range []*Page{st.Duo.duo.Mentor, st.Duo.duo.Mentee} {
					if q != nil && !slices.Contains(q.stories, p) {
						q.stories = append(q.stories, p)
					}
				}
			}
		case "training":
			for _, r := range cp.List("prerequisites") {
				if t := s.ref(p.Lang, r, "training"); t != nil {
					p.training.Prerequisites = append(p.training.Prerequisites, t)
					t.training.Unlocks = append(t.training.Unlocks, p)
				}
			}
		}
	}
	paths := map[string][]*Page{}
	for _, p := range s.pages {
		if p.training != nil && p.training.Path != "" {
			k := p.Lang + "\x00" + p.training.Path
			paths[k] = append(paths[k], p)
		}
		for _, l := range [][]*Page{p.duos, p.stories} {
			sortPages(l)
		}
	}
	for _, ps := range paths {
		sortPages(ps)
		total := 0
		for _, p := range ps {
			total += p.training.DurationMinutes
		}
		for _, p := range ps {
			p.training.PathPages, p.training.PathMinutes = ps, total
		}
	}
}

// orDefault is v, or def when v is empty.
func orDefault(v, def string) string {
	if v == "" {
		return def
	}
	return v
}

func withoutKey(m map[string]any, key string) map[string]any {
	if _, ok := m[key]; !ok {
		return m
	}
	out := make(map[string]any, len(m))
	for k, v := range m {
		if k != key {
			out[k] = v
		}
	}
	return out
}

// fallbacks shows default-language pages in languages that lack a
// translation, with a notice, so every language has the whole handbook.
// It reports whether it added any.
func (s *Site) fallbacks() (added bool) {
	if !s.Config.FallbackNotice {
		return false
	}
	def := s.Config.DefaultLanguage
	originals := slices.Clone(s.pages)
	for _, lang := range s.langs {
		if lang == def {
			continue
		}
		for _, p := range originals {
			if p.Lang != def || p.src == nil || p.hidden || p.IsList {
				continue
			}
			if slices.ContainsFunc(p.translations, func(q *Page) bool { return q.Lang == lang }) {
				continue
			}
			s.fallbackCopy(p, lang, s.langPrefix(lang)+strings.TrimPrefix(p.URL, s.langPrefix(def)))
			added = true
		}
	}
	for _, p := range originals {
		if slices.ContainsFunc(p.translations, func(q *Page) bool { return q.Fallback }) {
			s.linkTranslations(p)
		}
	}
	return added
}

// fallbackCopy shows the default-language page p in lang, at url.
func (s *Site) fallbackCopy(p *Page, lang, url string) *Page {
	f := &Page{}
	*f = *p
	f.cache = &renderCache{}
	f.Lang, f.Site, f.Fallback = lang, s.views[lang], true
	f.URL = url
	f.pages, f.parent, f.ancestors = nil, nil, nil
	p.translations = append(p.translations, f)
	f.terms = map[string][]Term{}
	s.addPage(f)
	return f
}

// linkTranslations gives every page of p's group (p, its translations
// and its fallback copies) the others as its translations: a copy's are
// its original's, and the original's translations gain the copies, so
// the switcher of each reaches each language.
func (s *Site) linkTranslations(p *Page) {
	group := append([]*Page{p}, p.translations...)
	for _, q := range group {
		q.translations = q.translations[:0:0]
		for _, r := range group {
			if r != q && r.Lang != q.Lang {
				q.translations = append(q.translations, r)
			}
		}
		sort.Slice(q.translations, func(i, j int) bool {
			return s.langIndex(q.translations[i].Lang) < s.langIndex(q.translations[j].Lang)
		})
	}
}

// dropHidden removes hidden profiles once references were checked: from
// here on nothing (lists, search, matching, feeds) can see them.
func (s *Site) dropHidden() {
	s.pages = slices.DeleteFunc(s.pages, func(p *Page) bool { return p.hidden })
	for _, m := range s.bySlug {
		for slug, ps := range m {
			m[slug] = slices.DeleteFunc(ps, func(p *Page) bool { return p.hidden })
		}
	}
	for k, p := range s.byPath {
		if p.hidden {
			delete(s.byPath, k)
		}
	}
}

// skillFlow lists the skills from offers that to seeks, matched the way
// the duo suggestions match them (case and accents ignored).
func skillFlow(from, to *Profile) []string {
	_, reasons := mentoring.Score(mentoring.Profile{ID: "a", Offered: from.SkillsOffered}, mentoring.Profile{ID: "b", Sought: to.SkillsSought}, mentoring.Weights{Skills: 1})
	for _, r := range reasons {
		if r.Code == mentoring.ReasonSkills {
			return r.Items
		}
	}
	return nil
}

// params are the theme's params with site.yaml's over them.
func (s *Site) params() map[string]any {
	out := map[string]any{}
	for k, v := range s.theme.Params() {
		out[k] = v
	}
	for k, v := range s.Config.Params {
		out[k] = v
	}
	return out
}
