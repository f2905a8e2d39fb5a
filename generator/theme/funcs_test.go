package theme

import (
	"bytes"
	"fmt"
	"html/template"
	"strings"
	"testing"
	"testing/fstest"
	"time"
)

type item struct {
	Title  string
	Weight int
	Date   time.Time
	Params map[string]any
	Child  *item
}

func (i item) Upper() string { return strings.ToUpper(i.Title) }

// TestFuncs runs each generic function inside a template, the way
// layouts call it.
func TestFuncs(t *testing.T) {
	items := []item{
		{Title: "b", Weight: 2, Date: date("2026-02-01"), Params: map[string]any{"audience": "mentor"}},
		{Title: "a", Weight: 3, Date: date("2026-03-01"), Params: map[string]any{"audience": "mentee"}, Child: &item{Title: "kid"}},
		{Title: "c", Weight: 1, Date: date("2026-01-01"), Params: map[string]any{"audience": "mentor"}},
	}
	data := map[string]any{
		"items": items, "date": date("2026-03-12"), "first": date("2026-03-01"), "zero": time.Time{},
		"html": template.HTML("<p>Un <b>texte</b> &amp; plus</p>"), "tags": []string{"x", "y"},
		"maps": []map[string]any{{"title": "a", "audience": "mentee"}, {"title": "b", "audience": "mentor"}},
	}
	tests := []struct{ name, tpl, want string }{
		{"T", `{{ T "fr" "hello" }}`, "Bonjour"},
		{"i18n with args", `{{ i18n "en" "count" 3 }}`, "3 pages"},
		{"T string arg", `{{ T "en" "owner" "RH" }}`, "Owner: RH (100%)"},
		{"T other verb", `{{ T "en" "score" 7.5 }}`, "Score 7.50"},
		{"T extra arg", `{{ T "en" "count" 3 4 }}`, "3 pages%!(EXTRA int=4)"},
		{"T without args", `{{ T "en" "owner" }}`, "Owner: %s (100%%)"}, // no args: no formatting
		{"label", `{{ label "fr" "role_" "mentor" }}`, "Mentor·e"},
		{"label English fallback", `{{ label "fr" "role_" "mentee" }}`, "Mentee"},
		{"label humanized", `{{ label "fr" "role_" "team_lead" }}`, "Team lead"},
		{"label number", `{{ label "en" "level_" 2 }}`, "Level two"},
		{"dateFormat", `{{ dateFormat "2006-01-02" .date }}`, "2026-03-12"},
		{"dateFormat zero", `{{ dateFormat "2006-01-02" .zero }}`, ""},
		{"dateFormat string", `{{ dateFormat "02/01/2006" "2026-03-12" }}`, "12/03/2026"},
		{"dateLocal fr", `{{ dateLocal "fr" .date }}`, "12 mars 2026"},
		{"dateLocal fr first", `{{ dateLocal "fr" .first }}`, "1er mars 2026"},
		{"dateLocal fr-CA", `{{ dateLocal "fr-CA" .date }}`, "12 mars 2026"},
		{"dateLocal en", `{{ dateLocal "en" .date }}`, "March 12, 2026"},
		{"dateLocal other", `{{ dateLocal "de" .date }}`, "2026-03-12"},
		{"dateLocal zero", `{{ dateLocal "fr" .zero }}`, ""},
		{"numberLocal fr", `{{ numberLocal "fr" 12345 }}`, "12\u202f345"},
		{"numberLocal en", `{{ numberLocal "en" 12345 }}`, "12,345"},
		{"numberLocal en million", `{{ numberLocal "en" 1234567 }}`, "1,234,567"},
		{"numberLocal small", `{{ numberLocal "en" 999 }}`, "999"},
		{"numberLocal negative", `{{ numberLocal "fr" -1234 }}`, "-1\u202f234"},
		{"numberLocal float fr", `{{ numberLocal "fr" 1234.5 }}`, "1\u202f234,5"},
		{"numberLocal float en", `{{ numberLocal "en" 7.126 }}`, "7.13"},
		{"durationLocal minutes", `{{ durationLocal "fr" 45 }}`, "45\u00a0min"},
		{"durationLocal hours", `{{ durationLocal "en" 120 }}`, "2\u00a0h"},
		{"durationLocal fr", `{{ durationLocal "fr" 95 }}`, "1\u00a0h\u00a035"},
		{"durationLocal en", `{{ durationLocal "en" 95 }}`, "1\u00a0h\u00a035\u00a0min"},
		{"durationLocal fr padded", `{{ durationLocal "fr" 65 }}`, "1\u00a0h\u00a005"},
		{"where", `{{ range where .items "Params.audience" "mentor" }}{{ .Title }}{{ end }}`, "bc"},
		{"where op", `{{ range where .items "Weight" ">=" 2 }}{{ .Title }}{{ end }}`, "ba"},
		{"where ne", `{{ range where .items "Title" "!=" "a" }}{{ .Title }}{{ end }}`, "bc"},
		{"where in", `{{ range where .items "Title" "in" (slice "a" "c") }}{{ .Title }}{{ end }}`, "ac"},
		{"where method", `{{ range where .items "Upper" "A" }}{{ .Title }}{{ end }}`, "a"},
		{"where eq", `{{ range where .items "Title" "eq" "c" }}{{ .Title }}{{ end }}`, "c"},
		{"where missing key", `{{ len (where .items "Params.nope" "x") }}`, "0"},
		{"where list of maps", `{{ range where .maps "audience" "mentor" }}{{ .title }}{{ end }}`, "b"},
		{"where nil pointer", `{{ range where .items "Child.Title" "kid" }}{{ .Title }}{{ end }}`, "a"},
		{"where nil list", `{{ len (where .nothing "Title" "a") }}`, "0"},
		{"sortBy", `{{ range sortBy .items "Weight" }}{{ .Title }}{{ end }}`, "cba"},
		{"sortBy desc", `{{ range sortBy .items "Date" "desc" }}{{ .Title }}{{ end }}`, "abc"},
		{"sortBy string", `{{ range sortBy .items "Title" }}{{ .Title }}{{ end }}`, "abc"},
		{"sortBy keeps input", `{{ $x := sortBy .items "Title" }}{{ range .items }}{{ .Title }}{{ end }}`, "bac"},
		{"first", `{{ range first 2 .items }}{{ .Title }}{{ end }}`, "ba"},
		{"first more than len", `{{ len (first 10 .items) }}`, "3"},
		{"last", `{{ range last 2 .items }}{{ .Title }}{{ end }}`, "ac"},
		{"dict", `{{ $d := dict "a" 1 "b" "x" }}{{ $d.a }}{{ $d.b }}`, "1x"},
		{"slice", `{{ range slice 1 "a" }}{{ . }}{{ end }}`, "1a"},
		{"default empty", `{{ default "def" "" }}`, "def"},
		{"default set", `{{ default "def" "val" }}`, "val"},
		{"default pipe", `{{ .missing | default "def" }}`, "def"},
		{"join", `{{ join ", " .tags }}`, "x, y"},
		{"join pipe", `{{ .tags | join "|" }}`, "x|y"},
		{"lower", `{{ lower "ÉTÉ" }}`, "été"},
		{"upper", `{{ upper "fr" }}`, "FR"},
		{"title", `{{ title "prise de parole" }}`, "Prise De Parole"},
		{"urlize", `{{ urlize "Prise de parole en réunion !" }}`, "prise-de-parole-en-reunion"},
		{"urlize ligatures", `{{ urlize "Cœur & Straße" }}`, "coeur-strasse"},
		{"urlize decomposed", `{{ urlize "e\u0301te\u0301" }}`, "ete"},
		{"urlize other script", `{{ urlize "Ελλάδα 2" }}`, "ελλάδα-2"},
		{"safeHTML", `{{ safeHTML "<b>x</b>" }}`, "<b>x</b>"},
		{"plainify", `{{ plainify .html }}`, "Un texte &amp; plus"},
		{"plainify plain", `{{ plainify "Déjà du texte, rien à ôter." }}`, "Déjà du texte, rien à ôter."},
		{"plainify spaces", `{{ plainify " deux  espaces\u00a0et\tplus " }}`, "deux espaces et plus"},
		{"truncate short", `{{ truncate 50 "court" }}`, "court"},
		{"truncate word", `{{ truncate 12 "Une phrase assez longue" }}`, "Une phrase…"},
		{"truncate html", `{{ truncate 8 .html }}`, "Un texte…"},
		{"truncate ellipsis", `{{ truncate 12 " →" "Une phrase assez longue" }}`, "Une phrase →"},
		{"jsonify", `<p>{{ jsonify .tags }}</p>`, "<p>[&#34;x&#34;,&#34;y&#34;]</p>"},
		{"jsonify script", `<script>var t = {{ jsonify .tags }};</script>`, `<script>var t = ["x","y"];</script>`},
		{"in list", `{{ in .tags "y" }}{{ in .tags "z" }}`, "truefalse"},
		{"in string", `{{ in "mentorat" "tor" }}`, "true"},
		{"in map", `{{ in (index .items 0).Params "audience" }}`, "true"},
		{"add", `{{ add 2 3 }}`, "5"},
		{"add float", `{{ add 1.5 1 }}`, "2.5"},
		{"sub", `{{ sub 2 3 }}`, "-1"},
		{"mul", `{{ mul 4 3 }}`, "12"},
		{"div", `{{ div 7 2 }}`, "3"},
		{"div float", `{{ div 7.0 2 }}`, "3.5"},
		{"mod", `{{ mod 7 3 }}`, "1"},
		{"seq", `{{ range seq 3 }}{{ . }}{{ end }}`, "123"},
		{"seq range", `{{ range seq 2 4 }}{{ . }}{{ end }}`, "234"},
		{"seq down", `{{ range seq 3 1 }}{{ . }}{{ end }}`, "321"},
		{"seq empty", `{{ len (seq 0) }}`, "0"},
		{"humanize", `{{ humanize "skills_offered" }}`, "Skills offered"},
		{"humanize kebab", `{{ humanize "first-meeting" }}`, "First meeting"},
		{"initials", `{{ initials "Léa Martin-Dupont" }}{{ initials "Max" }}{{ initials "élise de la tour" }}`, "LMMÉT"},
		{"relURL", `{{ relURL "css/a.css" }}`, "/css/a.css"},
		{"relURL rooted", `{{ relURL "/x/" }}`, "/x/"},
		{"relURL absolute", `{{ relURL "https://e.org/x" }}`, "https://e.org/x"},
		{"hasPrefix", `{{ hasPrefix "/guides/x/" "/guides/" }}`, "true"},
		{"replace", `{{ replace "a-b-c" "-" " " }}`, "a b c"},
	}
	fsys := fstest.MapFS{
		"i18n/fr.yaml": {Data: []byte("hello: \"Bonjour\"\nrole_mentor: \"Mentor·e\"")},
		"i18n/en.yaml": {Data: []byte("count: \"%d pages\"\ncount_one: \"%d page\"\nowner: \"Owner: %s (100%%)\"\n" +
			"score: \"Score %.2f\"\nrole_mentee: \"Mentee\"\nlevel_2: \"Level two\"")},
	}
	for _, tc := range tests {
		fsys["layouts/"+tc.name+".html"] = &fstest.MapFile{Data: []byte(tc.tpl)}
	}
	s := load(t, Layer{Name: "t", FS: fsys, Dir: "t"})
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var b bytes.Buffer
			if err := s.Execute(&b, []string{tc.name + ".html"}, data); err != nil {
				t.Fatal(err)
			}
			if got := b.String(); got != tc.want {
				t.Errorf("%s\ngot  %q\nwant %q", tc.tpl, got, tc.want)
			}
		})
	}
}

func TestFuncErrors(t *testing.T) {
	tests := []struct{ name, tpl, want string }{
		{"where operator", `{{ where .items "Weight" "~" 1 }}`, `unknown operator "~"`},
		{"where not a list", `{{ where 3 "Weight" 1 }}`, "want a list"},
		{"first negative", `{{ first -1 .items }}`, "want a count"},
		{"dict odd", `{{ dict "a" }}`, "key, value pairs"},
		{"dict key", `{{ dict 1 2 }}`, "not a string"},
		{"div zero", `{{ div 1 0 }}`, "division by zero"},
		{"add string", `{{ add "a" 1 }}`, "want numbers"},
		{"seq huge", `{{ seq 1000000 }}`, "too many"},
		{"numberLocal string", `{{ numberLocal "fr" "x" }}`, "want a number"},
		{"truncate args", `{{ truncate 3 "a" "b" "c" }}`, "truncate N TEXT"},
	}
	fsys := fstest.MapFS{}
	for _, tc := range tests {
		fsys["layouts/"+tc.name+".html"] = &fstest.MapFile{Data: []byte(tc.tpl)}
	}
	s := load(t, Layer{Name: "t", FS: fsys, Dir: "t"})
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := s.Execute(new(bytes.Buffer), []string{tc.name + ".html"}, map[string]any{"items": []item{{Title: "a"}}})
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("got %v, want %q", err, tc.want)
			}
		})
	}
}

// TestSprintfIsFmt checks that the fast formatter of interface strings
// writes what fmt.Sprintf writes, verbs it handles or not.
func TestSprintfIsFmt(t *testing.T) {
	for _, tc := range []struct {
		format string
		args   []any
	}{
		{"%d pages", []any{3}},
		{"%d pages", []any{-12}},
		{"%s · %s", []any{"a", "b"}},
		{"%v and %v", []any{"x", 7}},
		{"100%% %s", []any{"sûr"}},
		{"%d", []any{"x"}},
		{"%s", []any{3}},
		{"%02d min", []any{5}},
		{"%.1f h", []any{1.25}},
		{"%d %d", []any{1}},
		{"%d", []any{1, 2}},
		{"trailing %", []any{1}},
		{"%v", []any{nil}},
		{"%d", []any{int64(4)}},
		{"é %s ü", []any{"ï"}},
	} {
		if got, want := sprintf(tc.format, tc.args...), fmt.Sprintf(tc.format, tc.args...); got != want {
			t.Errorf("sprintf(%q, %v) = %q, want %q", tc.format, tc.args, got, want)
		}
	}
}

type inner struct{ Name string }

func (inner) Shout() string { return "HI" }

type outer struct {
	*inner
	Tags map[string]any
	Any  any
}

// fieldValue reads names the way it caches them per type: promoted
// fields and methods, through a nil embedded pointer (no value, no
// panic), maps, and interfaces holding any of these.
func TestFieldValueMembers(t *testing.T) {
	full := &outer{inner: &inner{Name: "n"}, Tags: map[string]any{"k": "v"}, Any: &inner{Name: "deep"}}
	empty := &outer{}
	for _, tc := range []struct {
		item any
		path string
		want any
		ok   bool
	}{
		{full, "Name", "n", true},
		{full, "Shout", "HI", true},
		{full, "Tags.k", "v", true},
		{full, "Tags.none", nil, false},
		{full, "Any.Name", "deep", true},
		{full, "Nope", nil, false},
		{empty, "Name", nil, false},
		{empty, "Any.Name", nil, false},
		{outer{inner: &inner{Name: "v"}}, "Name", "v", true},
		{map[string]any{"a": full}, "a.Name", "n", true},
	} {
		for range 2 { // the second read comes from the cache
			got, ok := field(tc.item, tc.path)
			if ok != tc.ok || ok && got != tc.want {
				t.Errorf("field(%T, %q) = %v, %v; want %v, %v", tc.item, tc.path, got, ok, tc.want, tc.ok)
			}
		}
	}
}
