package content

import (
	"bytes"
	"math/rand/v2"
	"strings"
	"testing"
	"unicode"

	"binome/generator/internal/wire"
	"binome/generator/markdown"
)

func TestLead(t *testing.T) {
	long := strings.Repeat("mot ", 80)
	tests := []struct {
		name, body, want string
	}{
		{"first paragraph", "Premier paragraphe\nsur deux lignes.\n\nSecond.\n", "Premier paragraphe sur deux lignes."},
		{"headings and fences skipped", "# Titre\n\n```\ncode\n```\n\nLe texte.\n", "Le texte."},
		{"inline syntax removed", "Un **gras**, un [lien](a.md) et `code`.\n", "Un gras, un lien et code."},
		{"quotes, tables, tags skipped", "> cité\n\n| a | b |\n\n{{< note >}}\n\nEnfin.\n", "Enfin."},
		{"cut at a word", long, strings.TrimSpace(strings.Repeat("mot ", 50)) + "…"},
		{"nothing", "# Titre seul\n", ""},
		{"rules and attribute lists skipped", "---\n\n* * *\n{: .note }\n\nLe texte.\n", "Le texte."},
		{"template tags dropped", "Voir {{< relref \"x\" >}} et {% link a.md %}, ou [la suite]({{< ref \"b.md\" >}}) {{% note %}}.\n", "Voir et, ou la suite."},
		{"params' tags kept, for their values", "Écrivez à {{< param \"contact\" >}} ou {{% siteparam y %}}, {{< paramx z >}}.\n", "Écrivez à {{< param \"contact\" >}} ou {{% siteparam y %}},."},
		{"a tag left open stays", "Un {{< ouvert et {% aussi.\n", "Un {{< ouvert et {% aussi."},
		{"line breaks", "Utiliser la plateforme\\\nConsulter la doc\nou C:\\\\\n", "Utiliser la plateforme Consulter la doc ou C:\\"},
		{"escapes, snake_case and references", "Étape 1a\\) du \\[wiki\\] : my_var et _ceci_ en mars&#x20;!\n", "Étape 1a) du [wiki] : my_var et ceci en mars !"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := lead([]byte(tt.body), LeadLimit); got != tt.want {
				t.Errorf("lead = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestCountWords(t *testing.T) {
	tests := []struct {
		body string
		want int
	}{
		{"", 0},
		{"un deux trois", 3},
		{"aujourd'hui c’est l'été", 3},
		{"porte-parole, 2026 !", 2},
		{"## Titre\n\n- un\n- deux", 3},
	}
	for _, tt := range tests {
		if got := countWords([]byte(tt.body)); got != tt.want {
			t.Errorf("countWords(%q) = %d, want %d", tt.body, got, tt.want)
		}
	}
}

func BenchmarkCountWords(b *testing.B) {
	text := []byte(strings.Repeat("Le binôme se retrouve chaque mois : une heure, un ordre du jour, des notes. Ça évite qu’on s’éloigne de l’essentiel ; à réévaluer. ", 200))
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		countWords(text)
	}
}

// countWordsByRune is countWords as its comment says it, a rune at a time.
func countWordsByRune(b []byte) int {
	n, in := 0, false
	for _, r := range string(b) {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if !in {
				n++
			}
			in = true
		case r == '\'' || r == '’' || r == '-':
		default:
			in = false
		}
	}
	return n
}

// countWords's byte table counts as the rune-by-rune definition does, on
// text mixing ASCII, accents, joiners, other scripts and broken UTF-8.
func TestCountWordsMatchesRunes(t *testing.T) {
	pieces := []string{"a", "Z", "9", " ", "\n", "'", "-", "’", "é", "É", "œ", "×", "÷", "ſ", "Ā", "\xc3", "\xc5\x80", "\xc4", "日本", "٣", "\xff", "\xc3", ",", "!", "—", "\u00a0", "«"}
	r := rand.New(rand.NewPCG(6, 10000))
	for range 20000 {
		var b []byte
		for range r.IntN(12) {
			b = append(b, pieces[r.IntN(len(pieces))]...)
		}
		if got, want := countWords(b), countWordsByRune(b); got != want {
			t.Fatalf("countWords(%q) = %d, by rune %d", b, got, want)
		}
	}
}

// A page without a title is named by its file, in the file's own case.
func TestNameTitle(t *testing.T) {
	tests := []struct{ file, slug, want string }{
		{"content/Getting-Started.md", "getting-started", "Getting Started"},
		{"content/FAQ.md", "faq", "FAQ"},
		{"content/guides/first-meeting.fr.md", "first-meeting", "First meeting"},
		{"content/notes/My Note.md", "my-note", "My Note"},
		{"content/guides/snake_case_name.md", "snake-case-name", "Snake case name"},
		{"content/guides/01-intro.md", "intro", "Intro"},
		{"content/guides/x.md", "custom-slug", "Custom slug"},
		// Hyphens in a name of words stay, as in a folder's.
		{"content/notes/Co-mentoring notes.md", "co-mentoring-notes", "Co-mentoring notes"},
	}
	for _, tt := range tests {
		if got := nameTitle(tt.file, tt.slug); got != tt.want {
			t.Errorf("nameTitle(%q, %q) = %q, want %q", tt.file, tt.slug, got, tt.want)
		}
	}
}

// A folder without a title is named by its name, without its order.
func TestFolderTitle(t *testing.T) {
	for name, want := range map[string]string{
		"01 - Primary Categories": "Primary Categories",
		"02_first-steps":          "First steps",
		"guides":                  "Guides",
		"T2S Model":               "T2S Model",
		"2024-report":             "2024 report",
		"3. Goals":                "Goals",
		"10":                      "10",
		"people-and-ops":          "People and ops",
		"co-mentoring notes":      "Co-mentoring notes",
	} {
		if got := FolderTitle(name); got != want {
			t.Errorf("FolderTitle(%q) = %q, want %q", name, got, want)
		}
	}
}

// WriteNav leaves out the top-level lines that give titles, and only
// those: two frontmatters that differ in a title alone write the same.
func TestWriteNavLeavesTitlesOut(t *testing.T) {
	nav := func(format, front string) string {
		p := &Page{Front: Front{Format: format}, frontText: []byte(front), FrontHash: wire.Sum([]byte(front))}
		var b bytes.Buffer
		p.WriteNav(&b)
		return b.String()
	}
	for _, tc := range []struct {
		format, a, b string
		same         bool
	}{
		{"yaml", "title: A\nweight: 1\n", "title: B\nweight: 1\n", true},
		{"yaml", "title : A\nlinkTitle: x\n", "title : B\nlinkTitle: y\n", true},
		{"yaml", "sidebar_label: A\nmenuTitle: m\n", "sidebar_label: B\nmenuTitle: n\n", true},
		{"toml", "title = \"A\"\nweight = 1\n", "title = \"B\"\nweight = 1\n", true},
		{"yaml", "title: A\nweight: 1\n", "title: A\nweight: 2\n", false},
		{"yaml", "hero:\n  title: A\n", "hero:\n  title: B\n", false}, // a field of the page's, not its title
		{"yaml", "titles: A\n", "titles: B\n", false},
		{"yaml", "title: >-\n  A\n", "title: >-\n  B\n", false}, // over several lines: kept, to be safe
		{"json", "{\"title\": \"A\"}", "{\"title\": \"B\"}", false},
	} {
		if same := nav(tc.format, tc.a) == nav(tc.format, tc.b); same != tc.same {
			t.Errorf("%s %q vs %q: same %t, want %t", tc.format, tc.a, tc.b, same, tc.same)
		}
	}
}

// Plain says whether rendering may skip markdown.Normalize: it must be
// set only where Normalize leaves the text as it is, and is for plain
// Markdown.
func TestDigestPlain(t *testing.T) {
	tests := []struct {
		path, body string
		plain      bool
	}{
		{"a.md", "Un texte **simple**, une [page](b.md).\n\n## Titre\n", true},
		{"a.md", "", true},
		{"a.md", "!!! note\n    Une note MkDocs.\n", false},
		{"a.md", "{% raw %}x{% endraw %}\n", false},
		{"a.md", "Une ligne\\\n", false},
		{"a.mdx", "import X from './x';\n\n<X />\n", false},
	}
	for _, tc := range tests {
		p := &Page{Path: tc.path}
		body := []byte(tc.body)
		p.digest(body)
		if p.Plain != tc.plain {
			t.Errorf("%s %q: Plain %v, want %v", tc.path, tc.body, p.Plain, tc.plain)
		}
	}
	// Texts built of other tools' marks and plain words: where Plain is
	// set, Normalize must change nothing.
	pieces := []string{"mot ", "\n", "\n\n", "!!! note\n    x\n", "{% raw %}", "{{< x >}}", "::: tip\n", "==a==", "++ctrl++", "$x$", "\\\n", "<details>", "[[lien]]", "{: .c }", "    code\n", "```\n", "*[HTML]: t\n"}
	rng := rand.New(rand.NewPCG(5, 8))
	for range 2000 {
		var b strings.Builder
		for range 1 + rng.IntN(6) {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		p := &Page{Path: "a.md"}
		body := []byte(b.String())
		p.digest(body)
		if p.Plain && !bytes.Equal(markdown.Normalize(body, false), body) {
			t.Fatalf("%q: Plain, but Normalize rewrites it", body)
		}
	}
}
