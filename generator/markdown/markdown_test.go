package markdown

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"reflect"
	"strings"
	"sync"
	"testing"
)

func TestSlugify(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Liste de contrôle", "liste-de-controle"},
		{"Première rencontre : l'ordre du jour", "premiere-rencontre-lordre-du-jour"},
		{"L’Anglais — Qu’est-ce que c’est\u202F?", "langlais-quest-ce-que-cest"},
		{"Version 2.0 / C++ & Q&A", "version-20-c-qa"},
		{"my_function()", "my_function"},
		{"Œuvres, æther & Straße", "oeuvres-aether-strasse"},
		{"ÉCOLE Ça Ÿ", "ecole-ca-y"},
		{"  --Trim me--  ", "trim-me"},
		{"a_b.c/d", "a_bcd"},
		{"Duo n°2 (2024)", "duo-n2-2024"},
		{"e\u0301te\u0301", "ete"}, // decomposed accents
		{"Łódź", "lodz"},
		{"Proﬁl ofﬁciel", "profil-officiel"}, // ligatures from a PDF, as search folds them
		{"Привет мир", "привет-мир"},
		{"???", ""},
		{"", ""},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := Slugify(tt.in); got != tt.want {
				t.Errorf("Slugify(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestHeadingsHaveFinalIDsAndPlainText(t *testing.T) {
	src := "# Guide du binôme\n\n## Liste de contrôle\n\n## Liste de contrôle\n\n### À propos {#about}\n\n## *Emphasis* and `code` \"quoted\"\n\n## Example\n{: .no_toc }\n"
	res, err := New(Config{}).Render(Normalize([]byte(src), false), Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := []Heading{
		{1, "guide-du-binome", "Guide du binôme", false},
		{2, "liste-de-controle", "Liste de contrôle", false},
		{2, "liste-de-controle-1", "Liste de contrôle", false},
		{3, "about", "À propos", false},
		{2, "emphasis-and-code-quoted", "Emphasis and code “quoted”", false},
		{2, "example", "Example", true}, // kramdown's {: .no_toc }, kept out of the table of contents
	}
	if !reflect.DeepEqual(res.Headings, want) {
		t.Errorf("Headings =\n%+v\nwant\n%+v", res.Headings, want)
	}
}

func TestCustomIDIsReservedBeforeAutomaticOnes(t *testing.T) {
	src := "## Agenda\n\n## Other {#agenda}\n"
	res, err := New(Config{}).Render([]byte(src), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if got := []string{res.Headings[0].ID, res.Headings[1].ID}; !reflect.DeepEqual(got, []string{"agenda-1", "agenda"}) {
		t.Errorf("IDs = %q", got)
	}
}

// A link written without text shows the title of the page it reaches,
// else the name of what it names; one with text keeps it, but for a
// GitBook mention, whose text is the file's name.
func TestUntitledLinkShowsPageTitle(t *testing.T) {
	src := "[](guides/setup.md#a) [](<first%20meeting.md>) [](../stories/) [Own](guides/setup.md) [setup.md](guides/setup.md#a \"mention\") [x.md](x.md \"mention\")\n"
	opt := Options{
		ResolveLink: func(l Link) (string, bool) {
			if strings.HasPrefix(l.Dest, "guides/setup.md") {
				return "/guides/setup/#a", true
			}
			return "/nowhere/", true
		},
		LinkTitle: func(u string) string {
			if u == "/guides/setup/#a" {
				return "Set up & start"
			}
			return ""
		},
	}
	res, err := New(Config{}).Render([]byte(src), opt)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		`<a href="/guides/setup/#a">Set up &amp; start</a>`,
		`<a href="/nowhere/">first meeting.md</a>`,
		`<a href="/nowhere/">stories</a>`,
		`<a href="/guides/setup/#a">Own</a>`,
		`<a href="/guides/setup/#a">Own</a> <a href="/guides/setup/#a">Set up &amp; start</a> <a href="/nowhere/">x.md</a>`,
	} {
		if !strings.Contains(string(res.HTML), want) {
			t.Errorf("no %s in\n%s", want, res.HTML)
		}
	}
	if !strings.Contains(string(res.Text), "Set up & start") {
		t.Errorf("the search text lacks the title: %q", res.Text)
	}
}

func TestLinksKeepDestinationAsWrittenWithLine(t *testing.T) {
	src := "Intro.\n\nSee [the guide](../guides/a.md#x)\nand ![photo](img/p.jpg).\n\n- [ref][r]\n- <https://example.com/x>\n- mail <a@b.org>\n\n[r]: ../stories/b.md\n"
	var calls []string
	opt := Options{ResolveLink: func(l Link) (string, bool) {
		calls = append(calls, fmt.Sprintf("%s %v %d", l.Dest, l.Image, l.Line))
		return "/resolved/", !l.Image
	}}
	res, err := New(Config{}).Render([]byte(src), opt)
	if err != nil {
		t.Fatal(err)
	}
	want := []Link{
		{Dest: "../guides/a.md#x", Line: 3},
		{Dest: "img/p.jpg", Line: 4, Image: true},
		{Dest: "../stories/b.md", Line: 6},
		{Dest: "https://example.com/x", Line: 7},
	}
	if !reflect.DeepEqual(res.Links, want) {
		t.Errorf("Links =\n%+v\nwant\n%+v", res.Links, want)
	}
	wantCalls := []string{"../guides/a.md#x false 3", "img/p.jpg true 4", "../stories/b.md false 6"}
	if !reflect.DeepEqual(calls, wantCalls) {
		t.Errorf("ResolveLink calls = %q, want %q", calls, wantCalls)
	}
	html := string(res.HTML)
	for _, s := range []string{`<a href="/resolved/">the guide</a>`, `src="img/p.jpg"`, `<a href="/resolved/">ref</a>`} {
		if !strings.Contains(html, s) {
			t.Errorf("HTML lacks %s:\n%s", s, html)
		}
	}
}

func TestDangerousURL(t *testing.T) {
	tests := []struct {
		url  string
		want bool
	}{
		{"javascript:alert(1)", true},
		{"JavaScript:alert(1)", true},
		{" \tjava\nscript:x", true},
		{"vbscript:x", true},
		{"data:text/html,x", true},
		{"data:image/png;base64,AA", true},
		{"https://example.com/javascript:x", false},
		{"/path/javascript:x", false},
		{"#javascript:x", false},
		{"mailto:a@b.org", false},
		{"page.md", false},
		{"", false},
	}
	for _, tt := range tests {
		t.Run(tt.url, func(t *testing.T) {
			if got := dangerousURL([]byte(tt.url)); got != tt.want {
				t.Errorf("dangerousURL(%q) = %v", tt.url, got)
			}
		})
	}
}

func TestFrenchTypography(t *testing.T) {
	const nnbsp, nbsp = "\u202F", "\u00A0"
	tests := []struct{ name, in, want string }{
		{"before ; ! ?", "Oui ! Non ? Peut-être ; bon", "Oui" + nnbsp + "! Non" + nnbsp + "? Peut-être" + nnbsp + "; bon"},
		{"before colon", "Note : lire", "Note" + nbsp + ": lire"},
		{"no space, no change", "10:30 a;b Quoi?! http://x", "10:30 a;b Quoi?! http://x"},
		{"guillemets typed", "« oui »", "«" + nbsp + "oui" + nbsp + "»"},
		{"quotes typed as \"", `"oui"`, "«" + nnbsp + "oui" + nnbsp + "»"},
		{"across emphasis", "*mot* !", "<em>mot</em>" + nnbsp + "!"},
		{"code untouched", "`a ! b`", "<code>a ! b</code>"},
		{"soft break untouched", "mot\n! suite", "mot\n! suite"},
	}
	r := New(Config{})
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := r.Render([]byte(tt.in), Options{Lang: "fr"})
			if err != nil {
				t.Fatal(err)
			}
			got := strings.TrimSuffix(strings.TrimPrefix(string(res.HTML), "<p>"), "</p>\n")
			if got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
	res, err := r.Render([]byte("Oui ! « non »"), Options{Lang: "en"})
	if err != nil {
		t.Fatal(err)
	}
	if got := string(res.HTML); got != "<p>Oui ! « non »</p>\n" {
		t.Errorf("English page changed: %q", got)
	}
}

func TestTextHasBlocksOnLinesAndNoMarkup(t *testing.T) {
	src := "# Titre\n\nUn *paragraphe*\nsur deux lignes, <b>html</b>.\n\n- un\n- deux\n\n> [!TIP]\n> Astuce.\n\n```go\nx := 1\n```\n\n| a | b |\n|---|---|\n| c | d |\n\n<div>bloc</div>\n"
	res, err := New(Config{Highlight: true}).Render([]byte(src), Options{Lang: "fr"})
	if err != nil {
		t.Fatal(err)
	}
	// An HTML block's text is searchable too, without its tags.
	want := "Titre\nUn paragraphe sur deux lignes, html.\nun\ndeux\nAstuce\nAstuce.\nx := 1\na\nb\nc\nd\nbloc"
	if string(res.Text) != want {
		t.Errorf("Text =\n%q\nwant\n%q", res.Text, want)
	}
}

func TestRenderRecoversFromPanics(t *testing.T) {
	opt := Options{ResolveLink: func(Link) (string, bool) { panic("boom") }}
	res, err := New(Config{}).Render([]byte("[x](y)"), opt)
	if err == nil || !strings.Contains(err.Error(), "boom") {
		t.Fatalf("err = %v, want the panic as an error", err)
	}
	if res.HTML != nil {
		t.Errorf("HTML = %q, want nil", res.HTML)
	}
}

func TestRenderIsSafeForConcurrentUse(t *testing.T) {
	r := New(Config{Highlight: true})
	want, err := r.Render([]byte(benchDoc), Options{Lang: "fr"})
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Go(func() {
			lang := []string{"fr", "en"}[i%2]
			for range 5 {
				got, err := r.Render([]byte(benchDoc), Options{Lang: lang})
				if err != nil {
					t.Error(err)
					return
				}
				if lang == "fr" && !bytes.Equal(got.HTML, want.HTML) {
					t.Error("concurrent render differs")
					return
				}
			}
		})
	}
	wg.Wait()
}

func TestForeignTags(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []Tag
	}{
		{"none", "Plain text { and } braces.", nil},
		{"liquid", "Hello {{ page.title }} and {% include x.html %}.", []Tag{{1, "{{ page.title }}"}, {1, "{% include x.html %}"}}},
		{"hugo", "a\n{{< figure src=\"x\" >}}\n{{% note %}}", []Tag{{2, `{{< figure src="x" >}}`}, {3, "{{% note %}}"}}},
		{"code span", "Use `{{ x }}` or ``{% y %}`` but {{ z }}", []Tag{{1, "{{ z }}"}}},
		{"fenced", "```\n{{ x }}\n```\n~~~~\n{% y %}\n~~~~\n{{ z }}", []Tag{{7, "{{ z }}"}}},
		{"fence in list", "- item\n\n    ```\n    {{ x }}\n    ```\n", nil},
		{"indented code", "Text\n\n    {{ x }}\n\nAfter {{ y }}", []Tag{{5, "{{ y }}"}}},
		{"vitepress code import", "See:\n\n<<< @/example/jsconfig.json\n\n```\n<<< @/in/code\n```", []Tag{{3, "<<< @/example/jsconfig.json"}}},
		{"list continuation", "- item\n\n    {{ x }}", []Tag{{3, "{{ x }}"}}},
		{"hugo escaped shortcodes are shown, not warned of", "Use {{</* figure */>}}, {{%/* note */%}} and {{< x >}}", []Tag{{1, "{{< x >}}"}}},
		{"display math", "$$\n\\frac{{a}}{b}\n$$\n{{ x }}", []Tag{{4, "{{ x }}"}}},
		{"display math never closed", "$$ {{ a }}\n{{ b }}\n\n$$", []Tag{{1, "{{ a }}"}, {2, "{{ b }}"}}},
		{"$$ in code is code", "```\n$$\n```\n{{ x }}\n$$", []Tag{{4, "{{ x }}"}}},
		{"unclosed", "{{ x and {% y", nil},
		{"crlf", "a\r\n{{ x }}\r\n", []Tag{{2, "{{ x }}"}}},
		{"mdx component", "See <YouTube id=\"x\" /> and <Chart\n`<Code />`", []Tag{{1, `<YouTube id="x" />`}, {1, "<Chart"}}},
		{"mdx not components", "<B>bold</B> <DIV>x</DIV> <Div> <Details> List<T> a < B", nil},
		{"components only in mdx", "Press <Enter>, then {{ x }}", []Tag{{1, "{{ x }}"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			mdx := strings.HasPrefix(tt.name, "mdx ")
			if got := ForeignTags([]byte(tt.in), mdx); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("ForeignTags = %+v, want %+v", got, tt.want)
			}
		})
	}
}

func ExampleRenderer_Render() {
	r := New(Config{})
	res, err := r.Render([]byte("## Liste de contrôle\n\nPrêts ? [Guide](guide.md)"), Options{
		Lang: "fr",
		ResolveLink: func(l Link) (string, bool) {
			if l.Dest == "guide.md" {
				return "/guides/guide/", true
			}
			return "", false
		},
	})
	if err != nil {
		panic(err)
	}
	fmt.Println(res.Headings[0].ID)
	fmt.Println(res.Links[0].Dest)
	fmt.Println(strings.Contains(string(res.HTML), `href="/guides/guide/"`))
	// Output:
	// liste-de-controle
	// guide.md
	// true
}

// The theme shows the title above the text; a first heading that says
// it again is left out, and only then. One that says something else is
// kept and reported as a second title, with its line.
func TestOpeningHeadingThatRepeatsTheTitle(t *testing.T) {
	tests := []struct {
		src, title string
		dropped    bool
		second     LineText
	}{
		{"# First meeting\n\nText.", "First meeting", true, LineText{}},
		{"# The *first*   meeting\n\nText.", "the first meeting", true, LineText{}},
		{"First meeting\n=============\n\nText.", "First meeting", true, LineText{}},
		{"# Something *else*\n\nText.", "First meeting", false, LineText{Line: 1, Text: "Something else"}},
		{"\n\nSomething else\n==\n\nText.", "First meeting", false, LineText{Line: 3, Text: "Something else"}},
		{"## First meeting\n\nText.", "First meeting", false, LineText{}},
		{"Text.\n\n# First meeting", "First meeting", false, LineText{}},
		{"# First meeting", "", false, LineText{}},
		// The typographer curls quotes and French spacing adds spaces.
		{"# L'équipe\n\nText.", "L'équipe", true, LineText{}},
		{"# What's next...\n\nText.", "What’s next…", true, LineText{}},
		{"# Qu'est-ce qu'un binôme ?\n\nText.", "Qu'est-ce qu'un binôme?", true, LineText{}},
		{"# \"Reverse\" mentoring -- why\n\nText.", "«Reverse» mentoring – why", true, LineText{}},
		{"# L'équipe B\n\nText.", "L'équipe", false, LineText{Line: 1, Text: "L’équipe B"}},
		{"# Use **bold** and `code`\n\nText.", "Use **bold** and `code`", true, LineText{}},
		// On the home page the layout shows the site's title too.
		{"# Mentoring Handbook\n\nText.", "Home", true, LineText{}},
	}
	r := New(Config{})
	for _, tt := range tests {
		res, err := r.Render([]byte(tt.src), Options{Title: tt.title, Lang: "fr", ShownTitle: "Mentoring handbook"})
		if err != nil {
			t.Fatal(err)
		}
		kept := bytes.Contains(res.HTML, []byte("<h")) || len(res.Headings) > 0
		if kept == tt.dropped {
			t.Errorf("Render(%q, title %q): heading kept %v, want %v\n%s", tt.src, tt.title, kept, !tt.dropped, res.HTML)
		}
		if res.SecondTitle != tt.second {
			t.Errorf("Render(%q, title %q): second title %+v, want %+v", tt.src, tt.title, res.SecondTitle, tt.second)
		}
	}
}

// TestNoText checks that NoText leaves the text out and nothing else.
func TestNoText(t *testing.T) {
	src := []byte("# Titre\n\nUn *texte* avec `code` et [un lien](a.md).\n\n```go\nx := 1\n```\n\n> [!NOTE]\n> Attention : ceci.\n")
	r := New(Config{})
	with, err := r.Render(src, Options{Lang: "fr"})
	if err != nil {
		t.Fatal(err)
	}
	without, err := r.Render(src, Options{Lang: "fr", NoText: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(with.Text) == 0 || len(without.Text) != 0 {
		t.Errorf("Text = %q with it, %q without", with.Text, without.Text)
	}
	with.Text, without.Text = nil, nil
	if !reflect.DeepEqual(with, without) {
		t.Errorf("NoText changed more than Text:\n%+v\n%+v", with, without)
	}
}

// Emoji shortcodes, as GitHub and MkDocs write them, become the
// characters; other colons stay.
func TestEmojiShortcodes(t *testing.T) {
	res, err := New(Config{}).Render([]byte("Ship it :rocket: at 10:30:45, :not_an_emoji: and `:smile:`.\n"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if want := "<p>Ship it 🚀 at 10:30:45, :not_an_emoji: and <code>:smile:</code>.</p>"; !strings.Contains(string(res.HTML), want) {
		t.Errorf("got %s\nwant %s", res.HTML, want)
	}
}

// A quoted word opens with a left quote whatever its first letter; an
// apostrophe between letters and a decade's are right quotes.
func TestSingleQuotes(t *testing.T) {
	tests := []struct{ src, want string }{
		{"It hasn't reached the 'norming' phase.", "It hasn’t reached the ‘norming’ phase."},
		{"Say 'test', 'no' and 'london'.", "Say ‘test’, ‘no’ and ‘london’."},
		{"L'équipe, aujourd'hui, in the '90s.", "L’équipe, aujourd’hui, in the ’90s."},
		{"Don't, I'm, we'll, the Smiths' car.", "Don’t, I’m, we’ll, the Smiths’ car."},
	}
	for _, tt := range tests {
		res, err := New(Config{}).Render([]byte(tt.src), Options{Lang: "en"})
		if err != nil {
			t.Fatal(err)
		}
		if got := strings.TrimSpace(string(res.HTML)); got != "<p>"+tt.want+"</p>" {
			t.Errorf("%q: got %s, want %s", tt.src, got, tt.want)
		}
	}
}

// Rust examples hide the lines rustdoc and mdBook hide.
func TestRustHiddenLines(t *testing.T) {
	src := "```rust,ignore\n# fn main() {\nlet x = 1;\n#[derive(Debug)]\n## not hidden\n#\n# }\n```\n\n```sh\n# a comment\n```\n"
	res, err := New(Config{}).Render([]byte(src), Options{})
	if err != nil {
		t.Fatal(err)
	}
	html := string(res.HTML)
	for _, want := range []string{"let x = 1;\n#[derive(Debug)]\n# not hidden\n</code>", "# a comment"} {
		if !strings.Contains(html, want) {
			t.Errorf("no %q in\n%s", want, html)
		}
	}
	if strings.Contains(html, "fn main") {
		t.Errorf("a hidden line shows:\n%s", html)
	}
}

// A ```mermaid flowchart is drawn in the page, its text searchable; one
// binome cannot draw stays code, listed with its line.
func TestMermaidFlowchart(t *testing.T) {
	src := "# Parcours\n\n```mermaid\ngraph LR\n  A[Candidature] --> B{Sélection}\n```\n\n```mermaid\nquadrantChart\n  x-axis Low\n```\n\n```mermaid\ngraph TD\n  A --> B\n  B -> C\n```\n"
	res, err := New(Config{}).Render([]byte(src), Options{})
	if err != nil {
		t.Fatal(err)
	}
	out := string(res.HTML)
	if strings.Count(out, `<figure class="diagram"><svg`) != 1 || strings.Count(out, `<code class="language-mermaid">`) != 2 {
		t.Errorf("want one drawing and two blocks of code:\n%s", out)
	}
	if !strings.Contains(string(res.Text), "Candidature\nSélection\n") || strings.Contains(string(res.Text), "A[Candidature]") {
		t.Errorf("search text %q", res.Text)
	}
	want := []LineText{{Line: 9, Text: `"quadrantChart" diagrams are not drawn: binome draws flowcharts, pie charts and timelines only (graph TD, flowchart LR, pie, timeline)`}, {Line: 16, Text: "expected an arrow (-->) or the end of the line at \"-> C\""}}
	if !reflect.DeepEqual(res.Diagrams, want) {
		t.Errorf("Diagrams = %+v, want %+v", res.Diagrams, want)
	}
	// Named for screen readers in the page's language.
	if !strings.Contains(out, `-t">Diagram</title>`) {
		t.Errorf("English page: no Diagram title")
	}
	fr, err := New(Config{}).Render([]byte(src), Options{Lang: "fr"})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(fr.HTML), `-t">Diagramme</title>`) {
		t.Errorf("French page: no Diagramme title")
	}
}

// A diagram too wide for the text column scrolls, so a keyboard can
// reach it, named by its title; a narrow one is a plain figure.
func TestWideDiagramIsFocusable(t *testing.T) {
	src := "```mermaid\ngraph LR\n  A[Appel à candidatures] --> B[Entretiens courts] --> C[Formation des binômes] --> D[Annonce] --> E[Premières rencontres] --> F[Bilan]\n```\n\n```mermaid\npie title Formats\n  \"Visio\" : 2\n```\n"
	res, err := New(Config{}).Render([]byte(src), Options{Lang: "fr"})
	if err != nil {
		t.Fatal(err)
	}
	out := string(res.HTML)
	if !strings.Contains(out, `<figure class="diagram" role="region" tabindex="0" aria-label="Diagramme"><svg`) ||
		!strings.Contains(out, `<figure class="diagram"><svg xmlns="http://www.w3.org/2000/svg" class="diagram-svg diagram-pie"`) {
		t.Errorf("figures:\n%s", out)
	}
}

// A fence whose info string is an attribute list, as Pandoc and MkDocs
// write it, takes its language from the first class.
func TestFenceLanguageFromAttributeList(t *testing.T) {
	for in, want := range map[string]string{
		"```{ .yaml .annotate }\na: 1\n```\n":       `<code class="language-yaml">`,
		"```{.python linenums=\"1\"}\nx = 1\n```\n": `<code class="language-python">`,
		"``` { #only-an-id }\nx\n```\n":             "<code>x",
		"```go {hl_lines=[1]}\nx\n```\n":            `<code class="language-go">`,
	} {
		res, err := New(Config{}).Render([]byte(in), Options{Lang: "en"})
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(res.HTML), want) {
			t.Errorf("%q:\n%s\nwant %s", in, res.HTML, want)
		}
	}
}

// A link with no text that names no page goes: Just the Docs' heading
// permalinks and MkDocs autorefs' anchors showed their destination as
// text, in the heading's ID too. Elsewhere an empty link to a place of
// the page still shows where it goes.
func TestEmptyAnchorLinksGo(t *testing.T) {
	for in, want := range map[string]string{
		"# [](#header-1)Header 1\n":     "<h1 id=\"header-1\">Header 1</h1>\n",
		"[](){#anglicismes}\n\nText.\n": "<p>Text.</p>\n",
		"See [](){#a} this.\n":          "<p>See  this.</p>\n",
		"See [](#part).\n":              "<p>See <a href=\"#part\">#part</a>.</p>\n",
	} {
		res, err := New(Config{}).Render(Normalize([]byte(in), false), Options{Lang: "en"})
		if err != nil {
			t.Fatal(err)
		}
		if string(res.HTML) != want {
			t.Errorf("%q:\ngot  %q\nwant %q", in, res.HTML, want)
		}
	}
}

// frenchReference is French spacing as renderFrenchText did it until
// frenchSpaces: space by space, each looked at.
func frenchReference(v, next, prev []byte, lineBreak bool) string {
	var out []byte
	start := 0
	for i := 0; i < len(v); i++ {
		j := bytes.IndexByte(v[i:], ' ')
		if j < 0 {
			break
		}
		i += j
		var space string
		if i+1 < len(v) {
			space = spaceBefore(v[i+1:])
		} else if !lineBreak {
			space = spaceBefore(next)
		}
		if space == "" {
			if i >= 2 {
				if v[i-1] == 0xAB && v[i-2] == 0xC2 {
					space = "\u00A0"
				}
			} else if i == 0 && bytes.HasSuffix(prev, []byte("«")) {
				space = "\u00A0"
			}
		}
		if space != "" {
			out = append(out, v[start:i]...)
			out = append(out, space...)
			start = i + 1
		}
	}
	return string(append(out, v[start:]...))
}

// frenchSpaces finds the spaces that the space-by-space reference
// replaces, and with the same spaces, on random texts of the marks.
func TestFrenchSpacesMatchReference(t *testing.T) {
	parts := []string{" ", " ", "a", "é", ";", "!", "?", ":", "«", "»", "\u00a0", "1", "\xc2"}
	rng := rand.New(rand.NewPCG(1, 2))
	text := func() []byte {
		var b []byte
		for range rng.IntN(12) {
			b = append(b, parts[rng.IntN(len(parts))]...)
		}
		return b
	}
	for range 200000 {
		v, next, prev := text(), text(), text()
		lineBreak := rng.IntN(4) == 0
		want := frenchReference(v, next, prev, lineBreak)
		if lineBreak {
			next = nil
		}
		var got []byte
		start := 0
		for _, i := range frenchSpaces(nil, v, next, prev) {
			got = append(append(got, v[start:i]...), frenchSpace(v, i, next)...)
			start = i + 1
		}
		got = append(got, v[start:]...)
		if string(got) != want {
			t.Fatalf("%q (next %q, prev %q, break %v): got %q, want %q", v, next, prev, lineBreak, got, want)
		}
	}
}
