package generator

import (
	"bytes"
	"html/template"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"

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
	Title     string
	Kind      string
	IsList    bool
	IsHome    bool
	Section   string
	Slug      string
	Lang      string
	URL       string // site-root-relative, "/guides/x/" or "/en/guides/x/"
	Permalink string
	Date      time.Time
	Updated   time.Time
	Params    map[string]any
	Weight    int

	Pages        []*Page
	Parent       *Page
	Ancestors    []*Page
	Translations []*Page
	Alternates   []Alt
	Prev, Next   *Page
	Terms        map[string][]Term
	TermList     []Term

	EditURL    string
	SourcePath string
	Owner      string
	Reviewed   time.Time
	ReviewNext time.Time
	ReviewDue  bool
	Fallback   bool

	Profile   *Profile
	Duo       *Duo
	Training  *Training
	Story     *Story
	Duos      []*Page
	Stories   []*Page
	Directory *Directory
	Matches   *Matches
	Impact    *Impact

	Site *SiteView

	src     *content.Page // nil for generated pages
	out     string        // output file path, "guides/x/index.html"
	summary string
	hidden  bool // never written (hidden profiles)
	noIndex bool // out of sitemap and feeds (internal profiles)

	cache    *renderCache
	isView   bool   // the copy a page's own template gets
	titleKey string // lower-case title, for sorting
}

// bodyRead notes, for the build cache, that a template read a page's
// body-derived data (Content, TOC, word count) from a page other than the
// one it renders: the shared object, not the template's own copy.
func (p *Page) bodyRead() {
	if !p.isView && p.Site != nil {
		p.Site.site.crossBody.Store(true)
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
	Count           int
}

// Heading is an entry of the table of contents.
type Heading = markdown.Heading

// Summary is the page's short description as plain text.
func (p *Page) Summary() string { return p.summary }

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
	return template.HTML(r.HTML), nil
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
		if h.Level == 2 || h.Level == 3 {
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
	d := p.Site.site.derive(p.src)
	// Counted on first use: most pages only need their own count.
	d.once.Do(func() {
		if body, err := p.Site.site.body(p.src); err == nil {
			d.words = countWords(body)
		}
	})
	return d.words
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

func countWords(b []byte) int {
	n, in := 0, false
	for i := 0; i < len(b); {
		r, size := rune(b[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRune(b[i:])
		}
		i += size
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if !in {
				n++
				in = true
			}
		} else if r != '\'' && r != '’' && r != '-' {
			in = false
		}
	}
	return n
}

// derived is what Resolve computes from one file alone.
type derived struct {
	summary string
	foreign []error
	once    sync.Once
	words   int
}

// derive returns, computing it once, what comes from the page's file
// alone. It is called from parallel renders, hence the lock.
func (s *Site) derive(cp *content.Page) *derived {
	s.mu.Lock()
	d, ok := s.derived[cp]
	s.mu.Unlock()
	if ok {
		return d
	}
	d = &derived{summary: cp.Summary}
	if d.summary == "" {
		d.summary = plainSummary(cp.Body, 200)
	}
	for _, t := range markdown.ForeignTags(cp.Body) {
		d.foreign = append(d.foreign, source.Errorf(source.Pos{Path: cp.Path, Line: cp.BodyLine + t.Line - 1},
			"template tag of another generator left in the text: %s", t.Text).
			WithHint("binome has no shortcodes or Liquid tags: replace it with Markdown (a link, an image, a callout) or remove it"))
	}
	s.mu.Lock()
	s.derived[cp] = d
	s.mu.Unlock()
	return d
}

// plainSummary takes the first paragraph of Markdown as plain text.
func plainSummary(body []byte, limit int) string {
	var para []byte
	fence := false
	for len(body) > 0 {
		i := bytes.IndexByte(body, '\n')
		var line []byte
		if i < 0 {
			line, body = body, nil
		} else {
			line, body = body[:i], body[i+1:]
		}
		t := bytes.TrimSpace(line)
		if bytes.HasPrefix(t, []byte("```")) || bytes.HasPrefix(t, []byte("~~~")) {
			fence = !fence
			continue
		}
		if fence {
			continue
		}
		if len(t) == 0 {
			if len(para) > 0 {
				break
			}
			continue
		}
		if t[0] == '#' || t[0] == '|' || t[0] == '>' || t[0] == '<' || t[0] == '!' || bytes.HasPrefix(t, []byte("{%")) || bytes.HasPrefix(t, []byte("{{")) {
			if len(para) > 0 {
				break
			}
			continue
		}
		if len(para) > 0 {
			para = append(para, ' ')
		}
		para = append(para, t...)
		if len(para) > limit*2 {
			break
		}
	}
	return truncateText(stripInline(para), limit)
}

// stripInline removes Markdown emphasis and link syntax, keeping text.
func stripInline(b []byte) string {
	var out []byte
	for i := 0; i < len(b); i++ {
		c := b[i]
		switch c {
		case '*', '_', '`':
			continue
		case '!':
			if i+1 < len(b) && b[i+1] == '[' {
				continue
			}
		case '[':
			continue
		case ']':
			if i+1 < len(b) && b[i+1] == '(' {
				if j := bytes.IndexByte(b[i:], ')'); j > 0 {
					i += j
				}
			}
			continue
		}
		out = append(out, c)
	}
	return string(out)
}

func truncateText(s string, limit int) string {
	if len(s) <= limit || utf8.RuneCountInString(s) <= limit {
		return s
	}
	cut := 0
	for i := range s {
		if cut == limit {
			s = s[:i]
			break
		}
		cut++
	}
	r := []rune(s)
	for i := len(r) - 1; i > limit/2; i-- {
		if r[i] == ' ' {
			r = r[:i]
			break
		}
	}
	return string(r) + "…"
}

// bodySlot holds a page's Markdown while a build still has to render it:
// the pages of a build that come from one file (the page and its
// fallbacks in other languages) render, then the text goes, so a build
// does not hold every page's text to its end.
type bodySlot struct {
	mu   sync.Mutex
	body []byte
	left int // pages of this file still to render
}

// releaseBodies moves every page's Markdown into a slot that lets go of
// it once the pages made from that file are rendered (see rendered).
// Build calls it; serve and check keep the texts.
func (s *Site) releaseBodies() {
	s.bodies = make(map[*content.Page]*bodySlot, len(s.Content.Pages))
	for _, p := range s.pages {
		if p.src == nil {
			continue
		}
		sl := s.bodies[p.src]
		if sl == nil {
			sl = &bodySlot{body: p.src.Body}
			s.bodies[p.src] = sl
		}
		sl.left++
	}
	for cp := range s.bodies {
		cp.Body = nil
	}
}

// body is a page file's Markdown: in memory while its pages render, read
// again when a template shows it after that (another page's content).
func (s *Site) body(cp *content.Page) ([]byte, error) {
	sl := s.bodies[cp]
	if sl == nil {
		return cp.Body, nil
	}
	sl.mu.Lock()
	defer sl.mu.Unlock()
	if sl.body != nil {
		return sl.body, nil
	}
	return cp.ReadBody(s.fsys)
}

// rendered notes that one page of a file is rendered, letting go of the
// file's text after the last.
func (s *Site) rendered(p *Page) {
	sl := s.bodies[p.src]
	if sl == nil {
		return
	}
	sl.mu.Lock()
	if sl.left--; sl.left <= 0 {
		sl.body = nil
	}
	sl.mu.Unlock()
}
