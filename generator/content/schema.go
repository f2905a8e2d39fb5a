package content

import (
	"fmt"
	"math"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"binome/generator/config"
	"binome/generator/source"
)

// Field describes one frontmatter field of a kind.
type Field struct {
	Type     string   // string, text, int, number, bool, date, list, ref, refs, sessions, duration, any
	Required bool     // the page must set it
	Enum     []string // allowed values, when set
	RefKind  string   // for ref and refs: the kind of the page referred to
}

// Kind is a content type: the pages of one section and their schema.
type Kind struct {
	Name    string
	Section string
	// Strict kinds refuse unknown fields: they are data (profiles, duos)
	// that other pages and the matching read, where a typo loses data.
	// Guides and plain pages accept anything, so handbooks written for
	// Jekyll, Hugo or GitBook build as they are.
	Strict bool
	Fields map[string]Field
}

// Common are the fields every kind accepts.
var commonFields = map[string]Field{
	"title": {Type: "string"},
	// The short title of navigation: Hugo's linkTitle, Docusaurus'
	// sidebar_label.
	"linkTitle":     {Type: "string"},
	"linktitle":     {Type: "string"}, // Hugo reads its keys in any case
	"sidebar_label": {Type: "string"},
	"menuTitle":     {Type: "string"}, // Hugo's Learn and Relearn themes
	"slug":          {Type: "string"},
	"date":          {Type: "date"},
	"updated":       {Type: "date"},
	"lastmod":       {Type: "date"},
	"draft":         {Type: "bool"},
	"weight":        {Type: "int"},
	// Docusaurus' and Just the Docs' names for a weight (see orderKeys).
	"sidebar_position": {Type: "number"},
	"nav_order":        {Type: "number"},
	"tags":             {Type: "list"},
	"summary":          {Type: "text"},
	"description":      {Type: "text"},
	"aliases":          {Type: "list"},
	// jekyll-redirect-from's name for aliases.
	"redirect_from": {Type: "list"},
	// Hugo's url and Jekyll's permalink: the page's URL on the old site,
	// kept working as one more alias.
	"url":            {Type: "string"},
	"permalink":      {Type: "string"},
	"layout":         {Type: "layout"},
	"translationKey": {Type: "string"},
	"owner":          {Type: "string"},
	"reviewed":       {Type: "date"},
	"review_every":   {Type: "duration"},
	// Scheduling, with the names Hugo and Jekyll use: a page is left out
	// of the build before its publish date and from its expiry date on
	// (see Page.PublishDate). Jekyll's published: false is a draft.
	"publishDate":   {Type: "date"},
	"publishdate":   {Type: "date"},
	"pubdate":       {Type: "date"},
	"published":     {Type: "published"},
	"expiryDate":    {Type: "date"},
	"expirydate":    {Type: "date"},
	"unpublishdate": {Type: "date"},
}

// otherToolFields are fields that Hugo, Jekyll, Docusaurus, Just the Docs
// or their themes write on every kind of page, and that steer only those
// tools (menus, sidebars, comments, social images). Strict kinds accept
// them, kept in .Params, so a migrated story or training builds; a typo
// of binome's own fields is still refused, being none of these.
var otherToolFields = func() map[string]bool {
	m := map[string]bool{}
	for _, k := range strings.Fields(`
		author authors categories keywords series images featured_image cover
		thumbnail banner toc menu menus type hidden headless comments
		share excerpt excerpt_separator parent grand_parent
		has_children nav_exclude has_toc id hide_title hide_table_of_contents
		pagination_label custom_edit_url canonicalURL robots sitemap outputs
		resources cascade build markup lang language redirect_from alias
	`) {
		m[k] = true
	}
	return m
}()

// DefaultKinds returns binome's built-in kinds, keyed by name.
func DefaultKinds() map[string]*Kind {
	profileRef := func(req bool) Field { return Field{Type: "ref", RefKind: "profile", Required: req} }
	return map[string]*Kind{
		"guide": {Name: "guide", Section: "guides", Fields: map[string]Field{
			"audience": {Type: "string", Enum: []string{"mentor", "mentee", "manager", "all"}},
		}},
		"training": {Name: "training", Section: "trainings", Strict: true, Fields: map[string]Field{
			"duration_minutes": {Type: "int"},
			"level":            {Type: "string", Enum: []string{"beginner", "intermediate", "advanced"}},
			"objectives":       {Type: "list"},
			"prerequisites":    {Type: "refs", RefKind: "training"},
			"path":             {Type: "string"},
		}},
		"story": {Name: "story", Section: "stories", Strict: true, Fields: map[string]Field{
			"mentor": profileRef(false),
			"mentee": profileRef(false),
			"duo":    {Type: "ref", RefKind: "duo"},
			"quote":  {Type: "text"},
			"image":  {Type: "string"},
		}},
		"profile": {Name: "profile", Section: "profiles", Strict: true, Fields: map[string]Field{
			"name":           {Type: "string", Required: true},
			"role":           {Type: "string", Required: true, Enum: []string{"mentor", "mentee", "both"}},
			"job":            {Type: "string"},
			"department":     {Type: "string"},
			"location":       {Type: "string"},
			"languages":      {Type: "list"},
			"skills_offered": {Type: "list"},
			"skills_sought":  {Type: "list"},
			"availability":   {Type: "string"},
			"cohort":         {Type: "string"},
			"photo":          {Type: "string"},
			"email":          {Type: "string"},
			"visibility":     {Type: "string", Enum: []string{"public", "internal", "hidden"}},
		}},
		"duo": {Name: "duo", Section: "duos", Strict: true, Fields: map[string]Field{
			"mentor":   profileRef(true),
			"mentee":   profileRef(true),
			"started":  {Type: "date"},
			"status":   {Type: "string", Enum: []string{"active", "paused", "completed"}},
			"goals":    {Type: "list"},
			"sessions": {Type: "sessions"},
		}},
	}
}

// Kinds merges the kinds of site.yaml over the defaults: new kinds are
// added, and fields of existing kinds are added or replaced.
func Kinds(cfg config.Config) map[string]*Kind {
	kinds := DefaultKinds()
	for name, kc := range cfg.Kinds {
		k, ok := kinds[name]
		if !ok {
			k = &Kind{Name: name, Section: name, Fields: map[string]Field{}}
			kinds[name] = k
		}
		if kc.Section != "" {
			k.Section = kc.Section
		}
		if kc.Strict != nil {
			k.Strict = *kc.Strict
		}
		for fname, fc := range kc.Fields {
			t := fc.Type
			if t == "" {
				t = "string"
			}
			k.Fields[fname] = Field{Type: t, Required: fc.Required, Enum: fc.Enum, RefKind: fc.Kind}
		}
	}
	return kinds
}

// Session is one meeting of a duo.
type Session struct {
	Date    time.Time
	Minutes int
	Topic   string
}

// Ref is a reference to another page as written, with its place.
type Ref struct {
	Field  string
	Target string
	Kind   string
	Pos    source.Pos
}

// validate checks the page's frontmatter against its kind and fills the
// typed fields. It returns every problem found.
func validate(p *Page, k *Kind) error {
	var errs source.List
	f := p.Front
	keys := make([]string, 0, len(f.Values))
	for key := range f.Values {
		keys = append(keys, key)
	}
	sort.Strings(keys)
	fieldOf := func(key string) (Field, bool) {
		if fd, ok := commonFields[key]; ok {
			return fd, true
		}
		if k != nil {
			if fd, ok := k.Fields[key]; ok {
				return fd, true
			}
		}
		return Field{}, false
	}
	for _, key := range keys {
		fd, known := fieldOf(key)
		if !known {
			if k != nil && k.Strict && !otherToolFields[key] {
				e := source.Errorf(f.Pos[key], "field %q: unknown field for a %s page", key, k.Name)
				if s := closest(key, k); s != "" {
					e.WithHint("did you mean %q? fields of a %s: %s", s, k.Name, fieldList(k))
				} else {
					e.WithHint("fields of a %s: %s (add new fields under kinds: in site.yaml)", k.Name, fieldList(k))
				}
				errs.Add(e)
			}
			continue
		}
		if err := check(p, key, fd); err != nil {
			errs.Add(err)
		}
	}
	if k != nil {
		for name, fd := range k.Fields {
			if _, ok := f.Values[name]; fd.Required && !ok {
				pos := source.Pos{Path: p.Path, Line: p.FrontLine}
				errs.Add(source.Errorf(pos, "field %q: missing, a %s page needs it", name, k.Name).
					WithHint("add a line %s: … to the frontmatter%s", name, enumHint(fd)))
			}
		}
	}
	return errs.Err()
}

func enumHint(fd Field) string {
	if len(fd.Enum) == 0 {
		return ""
	}
	return " (one of " + strings.Join(fd.Enum, ", ") + ")"
}

func fieldList(k *Kind) string {
	names := make([]string, 0, len(k.Fields))
	for n := range k.Fields {
		names = append(names, n)
	}
	sort.Strings(names)
	return strings.Join(names, ", ")
}

// closest suggests a known field within two edits of a misspelt one.
func closest(key string, k *Kind) string {
	best, bestD := "", 3
	try := func(name string) {
		d := EditDistance(key, name)
		// "skils" is close to the first word of "skills_offered".
		if head, _, ok := strings.Cut(name, "_"); ok {
			d = min(d, EditDistance(key, head)+1)
		}
		if d < bestD || (d == bestD && name < best) {
			best, bestD = name, d
		}
	}
	for name := range k.Fields {
		try(name)
	}
	for name := range commonFields {
		try(name)
	}
	return best
}

// EditDistance is the Levenshtein distance between a and b, in runes:
// how "did you mean" hints find the name an author meant.
func EditDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			c := 1
			if ra[i-1] == rb[j-1] {
				c = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+c)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}

func typeName(v any) string {
	switch v.(type) {
	case nil:
		return "nothing"
	case string:
		return "text"
	case int, int64, float64:
		return "a number"
	case bool:
		return "true/false"
	case []any:
		return "a list"
	case map[string]any:
		return "a mapping"
	}
	return fmt.Sprintf("%T", v)
}

// check validates one field and stores its typed value on the page.
func check(p *Page, key string, fd Field) error {
	v := p.Front.Values[key]
	pos := p.Front.Pos[key]
	bad := func(expected string) error {
		return source.Errorf(pos, "field %q: got %s, expected %s", key, typeName(v), expected).
			WithHint("write it as %s", example(fd))
	}
	if v == nil {
		if fd.Required {
			return source.Errorf(pos, "field %q: empty, a value is required", key).WithHint("write it as %s", example(fd))
		}
		return nil
	}
	switch fd.Type {
	case "string", "text":
		s, ok := scalarString(v)
		if !ok {
			return bad("text")
		}
		if len(fd.Enum) > 0 && !slices.Contains(fd.Enum, s) {
			return source.Errorf(pos, "field %q: %q is not allowed, expected one of %s", key, s, strings.Join(fd.Enum, ", ")).
				WithHint("use one of the listed values, in lower case")
		}
		p.strings.set(key, s)
	case "int":
		n, ok := v.(int)
		if !ok {
			if s, isStr := v.(string); isStr {
				if i, err := strconv.Atoi(strings.TrimSpace(s)); err == nil {
					n, ok = i, true
				}
			}
		}
		if !ok {
			return bad("a whole number")
		}
		p.ints.set(key, n)
	case "number":
		switch n := v.(type) {
		case int:
			p.ints.set(key, n)
		case float64:
			// Weights are whole: 2.5 is 2, and its Suborder says the rest.
			p.ints.set(key, int(math.Floor(n)))
		default:
			return bad("a number")
		}
	case "bool":
		if _, ok := v.(bool); !ok {
			return bad("true or false")
		}
	case "layout":
		// GitBook writes its pages' display options as a mapping
		// (layout: {title: {visible: true}}), which names no layout.
		if _, ok := v.(map[string]any); ok {
			break
		}
		return check(p, key, Field{Type: "string"})
	case "published":
		// Jekyll's published: false, or Hugo's published: <date>.
		if _, ok := v.(bool); ok {
			break
		}
		return check(p, key, Field{Type: "date"})
	case "date":
		s, ok := scalarString(v)
		if !ok {
			return bad("a date")
		}
		t, err := ParseDate(s)
		if err != nil {
			return source.Errorf(pos, "field %q: %q is not a date, expected YYYY-MM-DD", key, s).
				WithHint("write it as %s: 2026-03-12", key)
		}
		p.dates.set(key, t)
	case "duration":
		s, ok := scalarString(v)
		if !ok {
			return bad("a period such as \"6 months\"")
		}
		if _, err := ParsePeriod(s); err != nil {
			return source.Errorf(pos, "field %q: %q is not a period, expected a number and a unit", key, s).
				WithHint(`write it as %s: "6 months" (days, weeks, months or years)`, key)
		}
		p.strings.set(key, s)
	case "list", "refs":
		list, ok := stringList(v)
		if !ok {
			return bad("a list of text values")
		}
		if len(fd.Enum) > 0 {
			for i, s := range list {
				if !slices.Contains(fd.Enum, s) {
					return source.Errorf(itemPos(p, key, i), "field %q: %q is not allowed, expected one of %s", key, s, strings.Join(fd.Enum, ", "))
				}
			}
		}
		p.lists.set(key, list)
		if fd.Type == "refs" {
			for i, s := range list {
				p.Refs = append(p.Refs, Ref{Field: key, Target: s, Kind: fd.RefKind, Pos: itemPos(p, key, i)})
			}
		}
	case "ref":
		s, ok := scalarString(v)
		if ok && strings.TrimSpace(s) == "" {
			return source.Errorf(pos, "field %q: empty, it must name a %s page", key, fd.RefKind).
				WithHint("write the slug of a %s (its file name without .md), e.g. lea-martin", fd.RefKind)
		}
		if !ok {
			return bad("the slug of a " + fd.RefKind + " page")
		}
		p.strings.set(key, s)
		vpos := pos
		if vp, ok := p.Front.Pos[key+"="]; ok {
			vpos = vp
		}
		p.Refs = append(p.Refs, Ref{Field: key, Target: s, Kind: fd.RefKind, Pos: vpos})
	case "sessions":
		items, ok := v.([]any)
		if !ok {
			return bad("a list of sessions")
		}
		var errs source.List
		for i, it := range items {
			ipos := itemPos(p, key, i)
			m, ok := it.(map[string]any)
			if !ok {
				errs.Add(source.Errorf(ipos, "field %q: item %d is %s, expected date, minutes and topic", key, i+1, typeName(it)).
					WithHint("write each session as - {date: 2026-03-12, minutes: 60, topic: \"…\"}"))
				continue
			}
			var s Session
			for mk, mv := range m {
				switch mk {
				case "date":
					ds, _ := scalarString(mv)
					t, err := ParseDate(ds)
					if err != nil {
						errs.Add(source.Errorf(ipos, "field %q: session %d: date %q is not a date, expected YYYY-MM-DD", key, i+1, ds))
					}
					s.Date = t
				case "minutes":
					n, ok := mv.(int)
					if !ok || n < 0 {
						errs.Add(source.Errorf(ipos, "field %q: session %d: minutes must be a whole number", key, i+1))
					}
					s.Minutes = n
				case "topic":
					s.Topic, _ = scalarString(mv)
				default:
					errs.Add(source.Errorf(ipos, "field %q: session %d: unknown key %q, expected date, minutes or topic", key, i+1, mk))
				}
			}
			if s.Date.IsZero() {
				errs.Add(source.Errorf(ipos, "field %q: session %d has no date", key, i+1).WithHint("add date: YYYY-MM-DD"))
			}
			p.Sessions = append(p.Sessions, s)
		}
		return errs.Err()
	}
	return nil
}

// AliasField is the frontmatter field that writes the page's i-th alias,
// and where: Aliases holds aliases, then redirect_from, then url and
// permalink (the old URL of a page imported from Hugo or Jekyll).
func (p *Page) AliasField(i int) (key string, pos source.Pos) {
	for k, a := range p.lists.at("aliases") {
		if isName(a) {
			continue // a name, not in Aliases
		}
		if i == 0 {
			return "aliases", itemPos(p, "aliases", k)
		}
		i--
	}
	n := len(p.lists.at("redirect_from"))
	if i < n {
		return "redirect_from", itemPos(p, "redirect_from", i)
	}
	i -= n
	for _, key := range []string{"url", "permalink"} {
		if v := p.strings.at(key); v != "" && !strings.Contains(v, ":") {
			if i == 0 {
				return key, p.PosOf(key)
			}
			i--
		}
	}
	return "aliases", p.PosOf("aliases")
}

func itemPos(p *Page, key string, i int) source.Pos {
	if pos, ok := p.Front.Pos[fmt.Sprintf("%s[%d]", key, i)]; ok {
		return pos
	}
	return p.Front.Pos[key]
}

func example(fd Field) string {
	switch fd.Type {
	case "int":
		return "a whole number, e.g. 45"
	case "bool":
		return "true or false"
	case "date":
		return "a date, e.g. 2026-03-12"
	case "list", "refs":
		return "a list, e.g. [first, second]"
	case "ref":
		return "the slug of a " + fd.RefKind + ", e.g. lea-martin"
	case "sessions":
		return "a list of {date, minutes, topic}"
	case "duration":
		return `a period, e.g. "6 months"`
	}
	if len(fd.Enum) > 0 {
		return "one of " + strings.Join(fd.Enum, ", ")
	}
	return "text, in quotes if it contains a colon"
}

// scalarString accepts text and also numbers, so `cohort: 2025` works.
func scalarString(v any) (string, bool) {
	switch t := v.(type) {
	case string:
		return t, true
	case int:
		return strconv.Itoa(t), true
	case float64:
		return strconv.FormatFloat(t, 'f', -1, 64), true
	case bool:
		return strconv.FormatBool(t), true
	}
	return "", false
}

// stringList accepts a list of scalars, or one scalar as a one-item list
// (Jekyll writes `tags: onboarding`).
func stringList(v any) ([]string, bool) {
	if s, ok := scalarString(v); ok {
		// tags: mentoring, onboarding — a list as Obsidian's older
		// notes and some Jekyll sites write one.
		var out []string
		for item := range strings.SplitSeq(s, ",") {
			if item = strings.TrimSpace(item); item != "" {
				out = append(out, item)
			}
		}
		return out, true
	}
	items, ok := v.([]any)
	if !ok {
		return nil, false
	}
	out := make([]string, 0, len(items))
	for _, it := range items {
		s, ok := scalarString(it)
		if !ok {
			return nil, false
		}
		out = append(out, s)
	}
	return out, true
}

var dateLayouts = []string{
	"2006-01-02",
	time.RFC3339,
	"2006-01-02T15:04:05",
	"2006-01-02 15:04:05",
	"2006-01-02 15:04:05 -0700",
	"2006-01-02 15:04",
	"2006-01-02T15:04:05.999999999Z07:00",
}

// ParseDate reads the date forms Hugo and Jekyll content uses.
func ParseDate(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	for _, l := range dateLayouts {
		if t, err := time.Parse(l, s); err == nil {
			return t, nil
		}
	}
	return time.Time{}, fmt.Errorf("not a date: %q", s)
}

var periodRe = regexp.MustCompile(`^(\d+)\s*([a-zA-Zé]+)$`)

// Period is a review interval in calendar units.
type Period struct{ Years, Months, Days int }

// ParsePeriod reads "6 months", "90 days", "1 year", "2 weeks" (English
// or French units).
func ParsePeriod(s string) (Period, error) {
	m := periodRe.FindStringSubmatch(strings.TrimSpace(strings.ToLower(s)))
	if m == nil {
		return Period{}, fmt.Errorf("not a period: %q", s)
	}
	n, _ := strconv.Atoi(m[1])
	switch strings.TrimSuffix(m[2], "s") {
	case "day", "d", "jour", "j":
		return Period{Days: n}, nil
	case "week", "w", "semaine":
		return Period{Days: 7 * n}, nil
	case "month", "mo", "moi", "m":
		return Period{Months: n}, nil
	case "year", "y", "an", "année", "annee":
		return Period{Years: n}, nil
	}
	return Period{}, fmt.Errorf("unknown unit in %q", s)
}

// After returns t plus the period.
func (p Period) After(t time.Time) time.Time { return t.AddDate(p.Years, p.Months, p.Days) }
