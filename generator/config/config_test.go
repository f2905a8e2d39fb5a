package config

import (
	"errors"
	"reflect"
	"strings"
	"testing"
	"testing/fstest"

	"binome/generator/source"
)

func TestEmptyFileIsDefault(t *testing.T) {
	for name, data := range map[string]string{
		"empty":           "",
		"blank lines":     "\n\n",
		"comment only":    "# nothing yet\n",
		"byte order mark": "\xef\xbb\xbf",
		"document start":  "---\n",
	} {
		t.Run(name, func(t *testing.T) {
			c, err := Parse([]byte(data))
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			if !reflect.DeepEqual(c, Default()) {
				t.Errorf("got %+v\nwant Default() %+v", c, Default())
			}
		})
	}
}

func TestMissingFileIsDefault(t *testing.T) {
	c, err := Load(fstest.MapFS{})
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	if !reflect.DeepEqual(c, Default()) {
		t.Errorf("got %+v, want Default()", c)
	}
}

func TestLoadReadsSiteYAML(t *testing.T) {
	c, err := Load(fstest.MapFS{File: {Data: []byte("title: Lu\n")}})
	if err != nil || c.Title != "Lu" {
		t.Fatalf("Load = %q, %v; want title Lu", c.Title, err)
	}
}

// Every key of the README's site.yaml reference decodes to its field.
func TestEveryKeyDecodes(t *testing.T) {
	const full = `title: Programme
baseURL: https://intranet.example.com/mentoring/
relativeURLs: false
defaultLanguage: en
languages:
  fr: { title: Programme Binôme, weight: 2 }
  en: { title: Binôme programme, weight: 1 }
theme: [mine, default]
minify: false
markdown:
  unsafe: true
  highlight: false
  math: false
editURL: https://git.example.com/edit/main/content/
taxonomies: [tags, skills]
menus:
  main: [guides, profiles]
matching:
  weights: { skills: 4, languages: 2, other_department: 0.5, availability: 1.5 }
  mentor_capacity: 3
privacy:
  show_emails: true
  min_group: 7
search:
  enabled: false
pagination:
  pagerSize: 20
  path: pages
fallbackNotice: false
kinds:
  event:
    section: events
    strict: true
    fields:
      venue: { type: string, required: true }
      format: { enum: [online, onsite] }
      host: { type: ref, kind: profile }
params:
  description: free
  colours: [red, blue]
`
	c, err := Parse([]byte(full))
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	yes := true
	want := Config{
		Title:           "Programme",
		BaseURL:         "https://intranet.example.com/mentoring/",
		RelativeURLs:    false,
		DefaultLanguage: "en",
		Languages: map[string]Language{
			"fr": {Title: "Programme Binôme", Weight: 2},
			"en": {Title: "Binôme programme", Weight: 1},
		},
		Theme:          []string{"mine", "default"},
		Minify:         false,
		Markdown:       Markdown{Unsafe: true, Highlight: false},
		EditURL:        "https://git.example.com/edit/main/content/",
		Taxonomies:     []string{"tags", "skills"},
		Menus:          map[string][]string{"main": {"guides", "profiles"}},
		Matching:       Matching{Weights: Weights{Skills: 4, Languages: 2, OtherDepartment: 0.5, Availability: 1.5}, MentorCapacity: 3},
		Privacy:        Privacy{ShowEmails: true, MinGroup: 7},
		Search:         Search{Enabled: false},
		Pagination:     Pagination{PagerSize: 20, Path: "pages"},
		FallbackNotice: false,
		Kinds: map[string]KindConfig{"event": {Section: "events", Strict: &yes, Fields: map[string]FieldConfig{
			"venue":  {Type: "string", Required: true},
			"format": {Enum: []string{"online", "onsite"}},
			"host":   {Type: "ref", Kind: "profile"},
		}}},
		Params: map[string]any{"description": "free", "colours": []any{"red", "blue"}},
	}
	c.Lines = nil
	if !reflect.DeepEqual(c, want) {
		t.Errorf("decoded\n%+v\nwant\n%+v", c, want)
	}
}

func TestKeyLines(t *testing.T) {
	c, err := Parse([]byte("# comment\ntitle: T\n\nlanguages:\n  fr: {}\ntaxonomies: [tags]\n"))
	if err != nil {
		t.Fatal(err)
	}
	for key, line := range map[string]int{"title": 2, "languages": 4, "taxonomies": 6} {
		if c.Lines[key] != line {
			t.Errorf("Lines[%q] = %d, want %d", key, c.Lines[key], line)
		}
	}
}

// Bad files stop at an error that names site.yaml and the line, with a
// hint when one helps.
func TestParseErrors(t *testing.T) {
	cases := []struct {
		name, data string
		want       []string // substrings of the error, the first is its start
		hint       bool
	}{
		{"unknown key", "title: T\ntaxonomys: [tags]\n",
			[]string{`site.yaml:2: unknown key "taxonomys"`, "params:"}, true},
		{"unknown nested key", "markdown:\n  unsafe: true\n  unsfe: false\n",
			[]string{`site.yaml:3: unknown key "unsfe"`}, true},
		{"language listed twice", "languages: [fr, en, fr]\n",
			[]string{`site.yaml:1: language "fr" is listed twice`}, false},
		{"list of languages not codes", "languages:\n  - fr: {title: A}\n",
			[]string{"site.yaml:2: wrong type"}, true},
		{"unknown key in a language", "languages:\n  fr: {title: A, wieght: 1}\n",
			[]string{`site.yaml:2: unknown key "wieght"`}, true},
		{"bool given text", "title: T\nminify: often\n",
			[]string{"site.yaml:2: wrong type: text", "often"}, true},
		{"int given text", "privacy:\n  min_group: five\n",
			[]string{"site.yaml:2: wrong type: text", "five"}, true},
		{"list given a mapping", "taxonomies: {tags: true}\n",
			[]string{"site.yaml:1: wrong type: a mapping"}, true},
		{"string given a list", "title: [a, b]\n",
			[]string{"site.yaml:1: wrong type: a list"}, true},
		{"theme given text", "theme: mine\n",
			[]string{"site.yaml:1: wrong type: text"}, true},
		{"weights given a list", "matching:\n  weights: [1, 2]\n",
			[]string{"site.yaml:2: wrong type: a list"}, true},
		{"malformed yaml", "title: T\nlanguages: [fr\n",
			[]string{"site.yaml:"}, false},
		{"tab indentation", "markdown:\n\tunsafe: true\n",
			[]string{"site.yaml:2:"}, false},
		{"bad language code", "languages:\n  French: {weight: 1}\ndefaultLanguage: French\n",
			[]string{`site.yaml:1: language code "French" is not valid`, "ISO 639"}, true},
		{"default language not listed", "languages:\n  en: {weight: 1}\n",
			[]string{`site.yaml: defaultLanguage "fr" is not one of the languages (en)`, "add it under languages:"}, true},
		{"default language not listed, with its line", "title: T\ndefaultLanguage: de\n",
			[]string{`site.yaml:2: defaultLanguage "de" is not one of the languages (fr)`}, true},
		{"theme path", "theme: [../other]\n",
			[]string{`site.yaml:1: theme name "../other"`}, false},
		{"theme dot", "theme: [mine, .]\n",
			[]string{`site.yaml:1: theme name "."`}, false},
		{"theme empty name", "theme: [\"\"]\n",
			[]string{`site.yaml:1: theme name ""`}, false},
		{"taxonomy with a slash", "taxonomies: [tags, a/b]\n",
			[]string{`site.yaml:1: taxonomy name "a/b" is not valid`}, true},
		{"taxonomy twice", "\ntaxonomies: [tags, tags]\n",
			[]string{`site.yaml:2: taxonomy "tags" is listed twice`}, false},
		{"kind field type", "kinds:\n  event:\n    fields:\n      when: {type: datetime}\n",
			[]string{`site.yaml:1: kind "event" field "when": unknown type "datetime"`}, true},
		{"negative pager size", "title: T\npagination:\n  pagerSize: -1\n",
			[]string{`site.yaml:2: pagination.pagerSize is -1`, "0 to list everything"}, true},
		{"pagination path with a slash", "pagination:\n  path: a/b\n",
			[]string{`site.yaml:1: pagination.path "a/b" is not one URL segment`}, true},
		{"pagination path dot dot", "pagination:\n  path: ..\n",
			[]string{`site.yaml:1: pagination.path ".." is not one URL segment`}, true},
		{"base url", "baseURL: \"http://[::1\"\n",
			[]string{`site.yaml:1: baseURL "http://[::1" is not a URL`}, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := Parse([]byte(c.data))
			if err == nil {
				t.Fatal("Parse succeeded, want an error")
			}
			msg := err.Error()
			if !strings.HasPrefix(msg, c.want[0]) {
				t.Errorf("error %q\ndoes not start with %q", msg, c.want[0])
			}
			for _, w := range c.want[1:] {
				if !strings.Contains(msg, w) {
					t.Errorf("error %q\ndoes not contain %q", msg, w)
				}
			}
			var se *source.Error
			if !errors.As(err, &se) {
				t.Fatalf("error is %T, want a *source.Error", err)
			}
			if se.Pos.Path != File {
				t.Errorf("error path %q, want %q", se.Pos.Path, File)
			}
			if c.hint && se.Hint == "" {
				t.Errorf("error %q has no hint", msg)
			}
		})
	}
}

// Lists and maps written in site.yaml replace the defaults: a reader of
// the file expects to see the whole value, not a merge with hidden ones.
func TestListsReplaceDefaults(t *testing.T) {
	cases := []struct {
		name, data string
		check      func(Config) bool
	}{
		{"theme list", "theme: [mine, default]\n", func(c Config) bool {
			return reflect.DeepEqual(c.Theme, []string{"mine", "default"})
		}},
		{"theme alone", "theme: [mine]\n", func(c Config) bool {
			return reflect.DeepEqual(c.Theme, []string{"mine"})
		}},
		{"theme empty list", "theme: []\n", func(c Config) bool {
			return reflect.DeepEqual(c.Theme, []string{"default"})
		}},
		{"theme null", "theme:\n", func(c Config) bool {
			return reflect.DeepEqual(c.Theme, []string{"default"})
		}},
		{"taxonomies", "taxonomies: [skills]\n", func(c Config) bool {
			return reflect.DeepEqual(c.Taxonomies, []string{"skills"})
		}},
		{"languages", "defaultLanguage: en\nlanguages:\n  en: {weight: 1}\n", func(c Config) bool {
			_, fr := c.Languages["fr"]
			return !fr && len(c.Languages) == 1
		}},
		{"languages empty", "defaultLanguage: de\nlanguages: {}\n", func(c Config) bool {
			return reflect.DeepEqual(c.Languages, Languages{"de": {Weight: 1}})
		}},
		{"params null", "params:\n", func(c Config) bool { return c.Params != nil }},
		{"min_group raised to 1", "privacy: {min_group: 0}\n", func(c Config) bool { return c.Privacy.MinGroup == 1 }},
		{"mentor_capacity raised to 1", "matching: {mentor_capacity: -2}\n", func(c Config) bool { return c.Matching.MentorCapacity == 1 }},
		{"unset keys keep defaults", "title: T\n", func(c Config) bool {
			d := Default()
			return c.Minify && c.Markdown == d.Markdown && c.Matching == d.Matching && c.Privacy == d.Privacy &&
				reflect.DeepEqual(c.Taxonomies, d.Taxonomies) && reflect.DeepEqual(c.Languages, d.Languages)
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			cfg, err := Parse([]byte(c.data))
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			if !c.check(cfg) {
				t.Errorf("unexpected config %+v", cfg)
			}
		})
	}
}

func TestLanguageCodes(t *testing.T) {
	cases := []struct {
		name, data string
		want       []string
	}{
		{"by weight", "languages:\n  en: {weight: 2}\n  fr: {weight: 1}\n", []string{"fr", "en"}},
		{"default first among equals", "defaultLanguage: en\nlanguages:\n  fr: {weight: 1}\n  en: {weight: 1}\n  de: {weight: 1}\n", []string{"en", "de", "fr"}},
		{"weight beats default", "defaultLanguage: en\nlanguages:\n  fr: {weight: 1}\n  en: {weight: 2}\n", []string{"fr", "en"}},
		{"region codes", "defaultLanguage: fr-CA\nlanguages:\n  fr-CA: {weight: 1}\n  pt-BR: {weight: 2}\n", []string{"fr-CA", "pt-BR"}},
		{"a list, in its order, the first the default", "languages: [en, de, fr]\n", []string{"en", "de", "fr"}},
		{"a list and a default", "defaultLanguage: fr\nlanguages:\n  - en\n  - fr\n", []string{"en", "fr"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			cfg, err := Parse([]byte(c.data))
			if err != nil {
				t.Fatal(err)
			}
			if got := cfg.LanguageCodes(); !reflect.DeepEqual(got, c.want) {
				t.Errorf("LanguageCodes() = %v, want %v", got, c.want)
			}
		})
	}
}

func TestLanguageTitle(t *testing.T) {
	cfg, err := Parse([]byte("title: Site\nlanguages:\n  fr: {title: Essai, weight: 1}\n  en: {weight: 2}\n"))
	if err != nil {
		t.Fatal(err)
	}
	if got := cfg.LanguageTitle("fr"); got != "Essai" {
		t.Errorf("fr title %q", got)
	}
	if got := cfg.LanguageTitle("en"); got != "Site" {
		t.Errorf("en title %q, want the site title", got)
	}
}

func TestBaseURL(t *testing.T) {
	cases := []struct {
		in, url, path string
	}{
		{"", "/", "/"},
		{"/", "/", "/"},
		{"https://intranet.example.com", "https://intranet.example.com/", "/"},
		{"https://intranet.example.com/", "https://intranet.example.com/", "/"},
		{"https://intranet.example.com/mentoring", "https://intranet.example.com/mentoring/", "/mentoring/"},
		{"https://intranet.example.com/mentoring/", "https://intranet.example.com/mentoring/", "/mentoring/"},
		{"https://intranet.example.com/a/b", "https://intranet.example.com/a/b/", "/a/b/"},
		{"/handbook", "/handbook/", "/handbook/"},
		{"http://localhost:1313/", "http://localhost:1313/", "/"},
	}
	for _, c := range cases {
		t.Run(c.in, func(t *testing.T) {
			cfg, err := Parse([]byte("baseURL: \"" + c.in + "\"\n"))
			if err != nil {
				t.Fatal(err)
			}
			if cfg.BaseURL != c.url {
				t.Errorf("BaseURL = %q, want %q", cfg.BaseURL, c.url)
			}
			if got := cfg.BasePath(); got != c.path {
				t.Errorf("BasePath() = %q, want %q", got, c.path)
			}
		})
	}
}

// BasePath copes with a Config built by hand, never validated.
func TestBasePathUnvalidated(t *testing.T) {
	for in, want := range map[string]string{
		"":                       "/",
		"https://x.example":      "/",
		"https://x.example/docs": "/docs/",
		"docs":                   "docs/",
		"http://[::1":            "/",
	} {
		if got := (Config{BaseURL: in}).BasePath(); got != want {
			t.Errorf("BasePath(%q) = %q, want %q", in, got, want)
		}
	}
}
