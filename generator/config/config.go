// Package config reads site.yaml into a Config. Decoding is strict: an
// unknown key or a value of the wrong type is an error that names the line,
// because a silently ignored typo ("taxonomys:") is worse than a stopped
// build. Every key has a default, so an empty or missing site.yaml builds.
package config

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"

	"binome/generator/source"
)

// File is the name of the configuration file at the site root.
const File = "site.yaml"

// Config is the decoded site.yaml.
type Config struct {
	Title           string              `yaml:"title"`
	BaseURL         string              `yaml:"baseURL"`
	RelativeURLs    bool                `yaml:"relativeURLs"`
	DefaultLanguage string              `yaml:"defaultLanguage"`
	Languages       Languages           `yaml:"languages"`
	Theme           []string            `yaml:"theme"`
	Minify          bool                `yaml:"minify"`
	Markdown        Markdown            `yaml:"markdown"`
	EditURL         string              `yaml:"editURL"`
	Taxonomies      []string            `yaml:"taxonomies"`
	Menus           map[string][]string `yaml:"menus"`
	Matching        Matching            `yaml:"matching"`
	Privacy         Privacy             `yaml:"privacy"`
	Search          Search              `yaml:"search"`
	Pagination      Pagination          `yaml:"pagination"`
	// FallbackNotice shows, on a page served in a language it has no
	// translation for, a notice saying so. When false the page is left out
	// of that language instead.
	FallbackNotice bool                  `yaml:"fallbackNotice"`
	Kinds          map[string]KindConfig `yaml:"kinds"`
	Params         map[string]any        `yaml:"params"`

	// Lines maps top-level keys to the line they were written on, for
	// errors found after decoding.
	Lines map[string]int `yaml:"-"`
}

// Languages are the site's languages by code. In site.yaml they are a
// mapping (fr: { title: …, weight: 1 }) or, when nothing but their order
// is to be said, a list of codes ([fr, en]), weighted in that order.
type Languages map[string]Language

// UnmarshalYAML reads either form.
func (l *Languages) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind != yaml.SequenceNode {
		// A node decodes without the file decoder's check of unknown
		// keys: made here, in the words that decoder uses.
		if n.Kind == yaml.MappingNode {
			for i := 1; i < len(n.Content); i += 2 {
				if v := n.Content[i]; v.Kind == yaml.MappingNode {
					for j := 0; j < len(v.Content); j += 2 {
						if k := v.Content[j]; k.Value != "title" && k.Value != "weight" {
							return fmt.Errorf("line %d: field %s not found in type config.Language", k.Line, k.Value)
						}
					}
				}
			}
		}
		var m map[string]Language
		if err := n.Decode(&m); err != nil {
			return err
		}
		*l = m
		return nil
	}
	var codes []string
	if err := n.Decode(&codes); err != nil {
		return err
	}
	*l = Languages{}
	for i, code := range codes {
		if _, dup := (*l)[code]; dup {
			return fmt.Errorf("line %d: language %q is listed twice", n.Line, code)
		}
		(*l)[code] = Language{Weight: i + 1}
	}
	return nil
}

// Language is one site language.
type Language struct {
	Title  string `yaml:"title"`
	Weight int    `yaml:"weight"`
}

// Markdown holds the Markdown options.
type Markdown struct {
	Unsafe    bool `yaml:"unsafe"`
	Highlight bool `yaml:"highlight"`
	// Math reads TeX between dollars as math, drawn by the theme.
	Math bool `yaml:"math"`
}

// Matching holds the weights of the duo-suggestion score.
type Matching struct {
	Weights        Weights `yaml:"weights"`
	MentorCapacity int     `yaml:"mentor_capacity"`
}

// Weights are the points of each matching criterion.
type Weights struct {
	Skills          float64 `yaml:"skills"`
	Languages       float64 `yaml:"languages"`
	OtherDepartment float64 `yaml:"other_department"`
	Availability    float64 `yaml:"availability"`
}

// Privacy holds what may be published about people.
type Privacy struct {
	ShowEmails bool `yaml:"show_emails"`
	MinGroup   int  `yaml:"min_group"`
}

// Search holds the search options.
type Search struct {
	Enabled bool `yaml:"enabled"`
}

// Pagination splits long lists into pages of PagerSize entries, the
// first at the list's URL and the others at <list>/<Path>/<n>/, as Hugo
// does. Only lists whose layout uses .Paginator are split; PagerSize 0
// turns it off.
type Pagination struct {
	PagerSize int    `yaml:"pagerSize"`
	Path      string `yaml:"path"`
}

// KindConfig extends or defines a content kind: which section it covers
// and the extra fields its pages may or must carry.
type KindConfig struct {
	Section string                 `yaml:"section"`
	Strict  *bool                  `yaml:"strict"`
	Fields  map[string]FieldConfig `yaml:"fields"`
}

// FieldConfig describes one frontmatter field of a kind.
type FieldConfig struct {
	Type     string   `yaml:"type"` // string, int, number, bool, date, list, ref, refs, text
	Required bool     `yaml:"required"`
	Enum     []string `yaml:"enum"`
	Kind     string   `yaml:"kind"` // for ref and refs: the kind referred to
}

// Default returns the configuration of an empty site.yaml.
func Default() Config {
	return Config{
		Title:           "Binôme",
		BaseURL:         "/",
		RelativeURLs:    true,
		DefaultLanguage: "fr",
		Languages: map[string]Language{
			"fr": {Title: "", Weight: 1},
		},
		Theme:      []string{"default"},
		Minify:     true,
		Markdown:   Markdown{Unsafe: false, Highlight: true, Math: true},
		Taxonomies: []string{"tags"},
		Menus:      map[string][]string{},
		Matching:   Matching{Weights: Weights{Skills: 3, Languages: 1, OtherDepartment: 1, Availability: 1}, MentorCapacity: 1},
		Privacy:    Privacy{ShowEmails: false, MinGroup: 5},
		Search:     Search{Enabled: true},
		// 48 cards fill whole rows of the default theme's grid at two,
		// three and four columns.
		Pagination:     Pagination{PagerSize: 48, Path: "page"},
		FallbackNotice: true,
		Params:         map[string]any{},
		Lines:          map[string]int{},
	}
}

// Load reads site.yaml from fsys; a missing file gives Default.
func Load(fsys fs.FS) (Config, error) {
	data, err := fs.ReadFile(fsys, File)
	if errors.Is(err, fs.ErrNotExist) {
		c := Default()
		return c, c.validate()
	}
	if err != nil {
		return Config{}, fmt.Errorf("read %s: %w", File, err)
	}
	return Parse(data)
}

var pathSegment = regexp.MustCompile(`^[a-z0-9][a-z0-9_-]*$`)

var yamlLine = regexp.MustCompile(`line (\d+)`)

// Parse decodes site.yaml bytes over Default and validates the result.
func Parse(data []byte) (Config, error) {
	c := Default()
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	// Lists and maps given in site.yaml replace the defaults rather than
	// merge with them, as a reader of the file would expect.
	var probe map[string]yaml.Node
	if err := yaml.Unmarshal(data, &probe); err != nil {
		return c, yamlError(err)
	}
	for key, node := range probe {
		c.Lines[key] = node.Line
		switch key {
		case "languages":
			c.Languages = nil
		case "theme":
			c.Theme = nil
		case "taxonomies":
			c.Taxonomies = nil
		}
	}
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		return c, yamlError(err)
	}
	lines := keyLines(&root)
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&c); err != nil && !errors.Is(err, io.EOF) {
		return c, yamlError(err)
	}
	for k, v := range lines {
		c.Lines[k] = v
	}
	if _, given := probe["defaultLanguage"]; !given {
		if n := probe["languages"]; n.Kind == yaml.SequenceNode && len(n.Content) > 0 {
			// [en, fr]: the first one listed is the default.
			c.DefaultLanguage = n.Content[0].Value
		}
	}
	return c, c.validate()
}

// keyLines records the line of every top-level key of a mapping document.
func keyLines(doc *yaml.Node) map[string]int {
	out := map[string]int{}
	if doc.Kind != yaml.DocumentNode || len(doc.Content) == 0 {
		return out
	}
	m := doc.Content[0]
	if m.Kind != yaml.MappingNode {
		return out
	}
	for i := 0; i+1 < len(m.Content); i += 2 {
		out[m.Content[i].Value] = m.Content[i].Line
	}
	return out
}

// yamlError turns a yaml.v3 error into source errors with lines.
func yamlError(err error) error {
	var te *yaml.TypeError
	if errors.As(err, &te) {
		var l source.List
		for _, msg := range te.Errors {
			l.Add(lineError(msg))
		}
		return l.Err()
	}
	return lineError(err.Error())
}

func lineError(msg string) error {
	msg = strings.TrimPrefix(msg, "yaml: ")
	pos := source.Pos{Path: File}
	if m := yamlLine.FindStringSubmatch(msg); m != nil {
		pos.Line, _ = strconv.Atoi(m[1])
		msg = strings.TrimSpace(strings.Replace(msg, m[0]+":", "", 1))
		msg = strings.TrimSpace(strings.Replace(msg, m[0], "", 1))
	}
	e := source.Errorf(pos, "%s", friendlier(msg))
	if strings.Contains(msg, "not found in type") {
		e.WithHint("check the spelling against the site.yaml reference in the README; free values for themes go under params:")
	} else if strings.Contains(msg, "cannot unmarshal") {
		e.WithHint("check the value's type against the site.yaml reference in the README")
	}
	return e
}

var notFound = regexp.MustCompile(`field (\S+) not found in type \S+`)

func friendlier(msg string) string {
	if m := notFound.FindStringSubmatch(msg); m != nil {
		return fmt.Sprintf("unknown key %q", m[1])
	}
	msg = strings.Replace(msg, "cannot unmarshal !!str", "wrong type: text", 1)
	msg = strings.Replace(msg, "cannot unmarshal !!seq", "wrong type: a list", 1)
	msg = strings.Replace(msg, "cannot unmarshal !!map", "wrong type: a mapping", 1)
	msg = strings.Replace(msg, "cannot unmarshal !!int", "wrong type: a number", 1)
	msg = strings.Replace(msg, "cannot unmarshal !!bool", "wrong type: true/false", 1)
	return msg
}

var langCode = regexp.MustCompile(`^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$`)

// validate checks values that decode but cannot work.
func (c *Config) validate() error {
	at := func(key string) source.Pos { return source.Pos{Path: File, Line: c.Lines[key]} }
	if len(c.Languages) == 0 {
		c.Languages = map[string]Language{c.DefaultLanguage: {Weight: 1}}
	}
	for code := range c.Languages {
		if !langCode.MatchString(code) {
			return source.Errorf(at("languages"), "language code %q is not valid", code).
				WithHint("use a lower-case ISO 639 code such as fr or en")
		}
	}
	if _, ok := c.Languages[c.DefaultLanguage]; !ok {
		return source.Errorf(at("defaultLanguage"), "defaultLanguage %q is not one of the languages (%s)",
			c.DefaultLanguage, strings.Join(c.LanguageCodes(), ", ")).
			WithHint("add it under languages: or change defaultLanguage")
	}
	if c.BaseURL == "" {
		c.BaseURL = "/"
	}
	u, err := url.Parse(c.BaseURL)
	if err != nil {
		return source.Errorf(at("baseURL"), "baseURL %q is not a URL: %v", c.BaseURL, err)
	}
	if !strings.HasSuffix(u.Path, "/") {
		c.BaseURL += "/"
	}
	if len(c.Theme) == 0 {
		c.Theme = []string{"default"}
	}
	for _, t := range c.Theme {
		if t == "" || strings.ContainsAny(t, `/\`) || t == "." || t == ".." {
			return source.Errorf(at("theme"), "theme name %q is not a folder name under themes/", t)
		}
	}
	seen := map[string]bool{}
	for _, t := range c.Taxonomies {
		if t == "" || strings.ContainsAny(t, "/\\. ") {
			return source.Errorf(at("taxonomies"), "taxonomy name %q is not valid", t).
				WithHint("use a plain lower-case word such as tags or skills")
		}
		if seen[t] {
			return source.Errorf(at("taxonomies"), "taxonomy %q is listed twice", t)
		}
		seen[t] = true
	}
	if c.Pagination.PagerSize < 0 {
		return source.Errorf(at("pagination"), "pagination.pagerSize is %d", c.Pagination.PagerSize).
			WithHint("give the number of entries per page, or 0 to list everything on one page")
	}
	if c.Pagination.Path == "" {
		c.Pagination.Path = "page"
	}
	if !pathSegment.MatchString(c.Pagination.Path) {
		return source.Errorf(at("pagination"), "pagination.path %q is not one URL segment", c.Pagination.Path).
			WithHint("use lower-case letters, digits and dashes, such as page or pages")
	}
	if c.Privacy.MinGroup < 1 {
		c.Privacy.MinGroup = 1
	}
	if c.Matching.MentorCapacity < 1 {
		c.Matching.MentorCapacity = 1
	}
	for name, k := range c.Kinds {
		for fname, f := range k.Fields {
			switch f.Type {
			case "", "string", "text", "int", "number", "bool", "date", "list", "ref", "refs":
			default:
				return source.Errorf(at("kinds"), "kind %q field %q: unknown type %q", name, fname, f.Type).
					WithHint("use one of string, text, int, number, bool, date, list, ref, refs")
			}
		}
	}
	if c.Params == nil {
		c.Params = map[string]any{}
	}
	return nil
}

// BasePath is the path part of baseURL, always ending in "/".
func (c Config) BasePath() string {
	u, err := url.Parse(c.BaseURL)
	if err != nil || u.Path == "" {
		return "/"
	}
	p := u.Path
	if !strings.HasSuffix(p, "/") {
		p += "/"
	}
	return p
}

// LanguageCodes lists the languages by weight, then code; the default
// language comes first among equals.
func (c Config) LanguageCodes() []string {
	codes := make([]string, 0, len(c.Languages))
	for code := range c.Languages {
		codes = append(codes, code)
	}
	sort.Slice(codes, func(i, j int) bool {
		a, b := c.Languages[codes[i]], c.Languages[codes[j]]
		if a.Weight != b.Weight {
			return a.Weight < b.Weight
		}
		if (codes[i] == c.DefaultLanguage) != (codes[j] == c.DefaultLanguage) {
			return codes[i] == c.DefaultLanguage
		}
		return codes[i] < codes[j]
	})
	return codes
}

// LanguageTitle is the site title in one language.
func (c Config) LanguageTitle(lang string) string {
	if t := c.Languages[lang].Title; t != "" {
		return t
	}
	return c.Title
}
