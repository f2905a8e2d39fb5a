package generator

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/csv"
	"fmt"
	"html/template"
	"sort"
	"strconv"
	"strings"
	"sync"

	"binome/generator/mentoring"
)

// Suggestions computes the suggested duos from the default language's
// profiles and duos; `binome match` prints them.
func (s *Site) Suggestions() []mentoring.Suggestion {
	profiles, duos := s.people()
	return s.suggest(profiles, duos).wait()
}

// matchMemo is the last matching's inputs and results. Its result may
// still be computing: read it through wait.
type matchMemo struct {
	key         [32]byte
	done        chan struct{} // closed once result is set; nil when it was from the start
	result      []mentoring.Suggestion
	mu          sync.Mutex            // guards texts and csv: the dev server's builds share a memo
	texts       map[string][][]string // lang → suggestion → reasons in words
	csv         []byte
	impact      mentoring.Impact
	impactReady bool
}

// peopleKey hashes what matching and impact figures read: the
// frontmatter of every profile and duo, and the settings. It is cheap, so
// a dev-server rebuild after an edit to a guide reuses both.
func (s *Site) peopleKey() [32]byte {
	h := sha256.New()
	w := s.Config.Matching
	fmt.Fprintf(h, "%v|%d|%d|", w.Weights, w.MentorCapacity, s.Config.Privacy.MinGroup)
	var b [8]byte
	for _, p := range s.pages {
		if p.src == nil || p.Fallback || p.Lang != s.Config.DefaultLanguage || (p.profile == nil && p.duo == nil) {
			continue
		}
		h.Write([]byte(p.src.Path))
		binary.LittleEndian.PutUint64(b[:], p.src.FrontHash)
		h.Write(b[:])
	}
	return sum(h)
}

// suggest starts the matching, or reuses the previous build's result
// when its inputs are the same: an edit to a guide does not change who
// should meet whom. Matching may grow with mentors × mentees (0.5 s of
// CPU at 50,000 pages, 25,000 profiles), so it runs beside the rest of
// the build, and only what shows its result waits for it.
func (s *Site) suggest(profiles []mentoring.Profile, duos []mentoring.Duo) *matchMemo {
	key := s.peopleKey()
	if m := s.matches; m != nil && m.key == key {
		return m
	}
	w := s.Config.Matching.Weights
	weights := mentoring.Weights{Skills: w.Skills, Languages: w.Languages, OtherDepartment: w.OtherDepartment, Availability: w.Availability}
	m := &matchMemo{key: key, done: make(chan struct{})}
	go func(capacity int) {
		defer close(m.done)
		m.result = mentoring.Match(profiles, duos, weights, capacity)
	}(s.Config.Matching.MentorCapacity)
	s.matches = m
	return m
}

// wait returns the suggestions once they are computed.
func (m *matchMemo) wait() []mentoring.Suggestion {
	if m.done != nil {
		<-m.done
	}
	return m.result
}

// reasons says suggestion i's reasons in lang, memoised with the
// matching.
func (s *Site) reasons(i int, sg mentoring.Suggestion, lang string) []string {
	m := s.matches
	if m != nil {
		m.mu.Lock()
		defer m.mu.Unlock()
		if t := m.texts[lang]; i < len(t) && t[i] != nil {
			return t[i]
		}
	}
	out := make([]string, 0, len(sg.Reasons))
	for _, r := range sg.Reasons {
		out = append(out, r.Text(lang))
	}
	if m != nil {
		if m.texts == nil {
			m.texts = map[string][][]string{}
		}
		if m.texts[lang] == nil {
			m.texts[lang] = make([][]string, len(m.result))
		}
		if i < len(m.texts[lang]) {
			m.texts[lang][i] = out
		}
	}
	return out
}

// impact computes the impact figures, or reuses them with the matching.
func (s *Site) impact(profiles []mentoring.Profile, duos []mentoring.Duo) mentoring.Impact {
	if m := s.matches; m != nil && m.key == s.peopleKey() && m.impactReady {
		return m.impact
	}
	im := mentoring.ComputeImpact(profiles, duos, s.Config.Privacy.MinGroup)
	if m := s.matches; m != nil {
		m.impact, m.impactReady = im, true
	}
	return im
}

// people converts visible profiles and duos for the mentoring package.
func (s *Site) people() ([]mentoring.Profile, []mentoring.Duo) {
	var profiles []mentoring.Profile
	var duos []mentoring.Duo
	for _, p := range s.pages {
		if p.Lang != s.Config.DefaultLanguage || p.Fallback {
			continue
		}
		if pr := p.profile; pr != nil {
			profiles = append(profiles, mentoring.Profile{ID: p.Slug, Name: pr.Name, Role: pr.Role, Department: pr.Department,
				Availability: pr.Availability, Cohort: pr.Cohort, Languages: pr.Languages, Offered: pr.SkillsOffered, Sought: pr.SkillsSought})
		}
		if d := p.duo; d != nil && d.Mentor != nil && d.Mentee != nil {
			md := mentoring.Duo{ID: p.Slug, Mentor: d.Mentor.Slug, Mentee: d.Mentee.Slug, Status: d.Status, Started: d.Started}
			for _, ss := range d.Sessions {
				md.Sessions = append(md.Sessions, mentoring.Session(ss))
			}
			duos = append(duos, md)
		}
	}
	return profiles, duos
}

// programmePages adds, per language, the pages a programme team needs:
// suggested duos, impact, search, pages due for review, and 404.
func (s *Site) programmePages() {
	profiles, duos := s.people()
	memo := s.suggest(profiles, duos)
	impact := s.impact(profiles, duos)
	s.data = append(s.data, dataFile{path: "matches/matches.csv", makeBody: func() []byte {
		suggestions := memo.wait()
		memo.mu.Lock()
		defer memo.mu.Unlock()
		if memo.csv == nil {
			memo.csv = SuggestionsCSV(suggestions, s.Config.DefaultLanguage)
		}
		return memo.csv
	}})
	// The suggested duos' pages are filled in when first read, all
	// languages at once, as their reasons' texts are memoised in one map.
	var matchPages []*Page
	fill := sync.OnceFunc(func() {
		suggestions := memo.wait()
		busy := map[string]bool{}
		for _, d := range duos {
			if d.Status == "active" || d.Status == "paused" {
				busy[d.Mentor], busy[d.Mentee] = true, true
			}
		}
		for _, m := range matchPages {
			matched := map[string]bool{}
			for i, sg := range suggestions {
				mentor, mentee := s.ref(m.Lang, sg.Mentor, "profile"), s.ref(m.Lang, sg.Mentee, "profile")
				if mentor == nil || mentee == nil {
					continue
				}
				matched[sg.Mentor], matched[sg.Mentee] = true, true
				reasons := s.reasons(i, sg, m.Lang)
				m.matches.Suggestions = append(m.matches.Suggestions, Suggestion{Mentor: mentor, Mentee: mentee, Score: sg.Score, Reasons: reasons})
			}
			for _, pr := range profiles {
				if !matched[pr.ID] && !busy[pr.ID] {
					if q := s.ref(m.Lang, pr.ID, "profile"); q != nil {
						m.matches.Unmatched = append(m.matches.Unmatched, q)
					}
				}
			}
		}
	})
	for _, lang := range s.langs {
		v := s.views[lang]
		prefix := s.langPrefix(lang)
		gen := func(kind, slug, titleKey string) *Page {
			p := &Page{title: s.theme.Translate(lang, titleKey), Kind: kind, IsList: true, Lang: lang, Slug: slug, Section: slug,
				URL: prefix + slug + "/", Site: v, terms: map[string][]Term{}, params: map[string]any{}, parent: v.Home}
			if v.Home != nil {
				p.ancestors = []*Page{v.Home}
			}
			return p
		}
		if len(profiles) > 0 {
			m := gen("matches", "matches", "matches_title")
			m.matches = &Matches{CSVURL: "/matches/matches.csv", fill: fill}
			matchPages = append(matchPages, m)
			s.addPage(m)

			im := gen("impact", "impact", "impact_title")
			im.impact = &Impact{Impact: impact, Hours: float64(impact.Minutes) / 60}
			for i, c := range mentoring.ImpactCharts(impact, lang) {
				name := fmt.Sprintf("impact/%s-chart-%d.csv", lang, i+1)
				s.data = append(s.data, dataFile{path: name, body: c.CSV()})
				im.impact.Charts = append(im.impact.Charts, Chart{Title: c.Title, SVG: template.HTML(c.SVG()), CSVURL: "/" + name})
			}
			s.addPage(im)

			dir := v.byKind["profile"]
			if sec := s.sectionAt(prefix + "profiles/"); sec != nil {
				sec.directory = &Directory{Profiles: dir, Facets: facets(dir)}
			}
		}
		if s.Config.Search.Enabled {
			s.addPage(gen("search", "search", "search_title"))
		}
		rev := gen("review", "review", "review_title")
		for _, p := range s.pages {
			if p.Lang == lang && p.reviewDue && !p.Fallback {
				rev.pages = append(rev.pages, p)
			}
		}
		sort.SliceStable(rev.pages, func(i, j int) bool { return rev.pages[i].reviewNext.Before(rev.pages[j].reviewNext) })
		s.addPage(rev)
		if lang == s.Config.DefaultLanguage {
			s.data = append(s.data, dataFile{path: "review/review.json", body: reviewJSON(s, rev.pages)})
		}
		nf := gen("404", "404.html", "not_found_title")
		nf.URL = prefix + "404.html"
		nf.IsList = false
		s.addPage(nf)
		// Layouts find the programme pages with .Site.Pages "search"
		// (the default theme's footer does); lists() files only the
		// pages of content files there.
		for _, p := range s.pages {
			if p.Lang == lang && p.IsList && programmeKinds[p.Kind] {
				v.byKind[p.Kind] = append(v.byKind[p.Kind], p)
			}
		}
	}
}

// programmeKinds are the kinds of the pages a programme has one of per
// language, generated or (the directory) a section.
var programmeKinds = map[string]bool{"directory": true, "matches": true, "impact": true, "review": true, "search": true}

func (s *Site) sectionAt(u string) *Page {
	for _, p := range s.pages {
		if p.URL == u {
			return p
		}
	}
	return nil
}

// facets counts, for the directory, the values of each filterable field.
func facets(profiles []*Page) []Facet {
	type getter func(*Profile) []string
	one := func(f func(*Profile) string) getter {
		return func(p *Profile) []string {
			if v := f(p); v != "" {
				return []string{v}
			}
			return nil
		}
	}
	fields := []struct {
		name string
		get  getter
	}{
		{"role", one(func(p *Profile) string { return p.Role })},
		{"skills_offered", func(p *Profile) []string { return p.SkillsOffered }},
		{"skills_sought", func(p *Profile) []string { return p.SkillsSought }},
		{"languages", func(p *Profile) []string { return p.Languages }},
		{"department", one(func(p *Profile) string { return p.Department })},
		{"cohort", one(func(p *Profile) string { return p.Cohort })},
		{"availability", one(func(p *Profile) string { return p.Availability })},
	}
	var out []Facet
	for _, f := range fields {
		counts := map[string]int{}
		for _, p := range profiles {
			if p.profile == nil {
				continue
			}
			for _, v := range f.get(p.profile) {
				counts[v]++
			}
		}
		if len(counts) == 0 {
			continue
		}
		fc := Facet{Name: f.name}
		for v, n := range counts {
			fc.Values = append(fc.Values, FacetValue{Value: v, Count: n})
		}
		sort.Slice(fc.Values, func(i, j int) bool { return fc.Values[i].Value < fc.Values[j].Value })
		out = append(out, fc)
	}
	return out
}

// SuggestionsCSV writes suggestions as CSV with reasons in lang.
func SuggestionsCSV(sg []mentoring.Suggestion, lang string) []byte {
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	_ = w.Write([]string{"mentor", "mentee", "score", "reasons"})
	for _, x := range sg {
		var rs []string
		for _, r := range x.Reasons {
			rs = append(rs, r.Text(lang))
		}
		_ = w.Write([]string{x.Mentor, x.Mentee, strconv.FormatFloat(x.Score, 'f', -1, 64), strings.Join(rs, "; ")})
	}
	w.Flush()
	return b.Bytes()
}

func reviewJSON(s *Site, pages []*Page) []byte {
	type item struct {
		URL      string `json:"url"`
		Title    string `json:"title"`
		Source   string `json:"source"`
		Owner    string `json:"owner"`
		Reviewed string `json:"reviewed"`
		Due      string `json:"due"`
	}
	items := []item{}
	for _, p := range pages {
		items = append(items, item{s.absURL(p.URL), p.title, p.SourcePath, p.owner, p.reviewed.Format("2006-01-02"), p.reviewNext.Format("2006-01-02")})
	}
	return marshalJSON(items)
}
