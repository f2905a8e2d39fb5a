package content

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"binome/generator/source"

	"github.com/adrg/frontmatter"
)

// Seeds shared by the fuzzers; testdata/fuzz/<Name>/ holds more, and
// anything a fuzzer finds is added there as a regression case.
var frontmatterSeeds = []string{
	"",
	"---\n---\n",
	"---\ntitle: Hello\nweight: 3\ntags: [a, b]\n---\nBody\n",
	"\n\n---\ntitle: X\n---\n",
	"\ufeff---\r\ntitle: X\r\n---\r\nBody\r\n",
	"---\ntitle: X\n\nBody\n",
	"---\n- a\n- b\n---\n",
	"---\na: &a [*a]\n---\n",
	"---\n? [a, b]\n: c\n---\n",
	"---\ntitle: !!binary aGVsbG8=\n---\n",
	"+++\ntitle = \"X\"\ndate = 2026-03-12\n[params]\nx = 1\n+++\n",
	"+++\n[[items]]\na = 1\n+++\n",
	"+++\n",
	"{\n\"title\": \"X\",\n\"tags\": [\"a\"]\n}\nBody",
	"{\"title\": \"X\"}\n",
	"{\n\"a\": {\"b\": [1, {\"c\": \"\\\"}\"}]}\n}\n",
	"{\n",
	"# Heading\n\n```\n# not\n```\n",
	"Title\n=====\n",
	"---\ntitle: X\n---\n\x00",
	"caf\xe9",
	"---\nslug: ../../x\n---\n",
	"---\nlayout: ../x\naliases: [x]\n---\n",
}

// FuzzSplitDecode feeds any bytes through Load as one page: it never
// panics, every error names the file, and a page's body is the end of
// the file.
func FuzzSplitDecode(f *testing.F) {
	for _, s := range frontmatterSeeds {
		f.Add([]byte(s))
	}
	const p = "content/guides/x.md"
	f.Fuzz(func(t *testing.T, data []byte) {
		set, err := Load(mapFS(map[string]string{p: string(data)}), testConfig(), Options{Drafts: true})
		if err != nil {
			checkSourceErrors(t, err, p)
			return
		}
		if len(set.Pages) != 1 {
			t.Fatalf("%d pages, want 1", len(set.Pages))
		}
		pg := set.Pages[0]
		text := bytes.TrimPrefix(data, []byte("\ufeff"))
		text = bytes.ReplaceAll(text, []byte("\r\n"), []byte("\n"))
		text = bytes.ReplaceAll(text, []byte("\r"), []byte("\n"))
		if !bytes.HasSuffix(text, pg.Body) {
			t.Errorf("body %q is not the end of the file %q", pg.Body, text)
		}
		lines := bytes.Count(text, []byte("\n")) + 1
		if pg.BodyLine < 1 || pg.BodyLine > lines || pg.FrontLine < 0 || pg.FrontLine > lines {
			t.Errorf("FrontLine %d BodyLine %d outside a file of %d lines", pg.FrontLine, pg.BodyLine, lines)
		}
		for key, pos := range pg.Frontmatter().Pos {
			if pos.Path != p || pos.Line < 1 || pos.Line > lines {
				t.Errorf("Pos[%q] = %v outside a file of %d lines", key, pos, lines)
			}
		}
	})
}

// FuzzSplitMatchesParser: split, which cuts a frontmatter between plain
// delimiter lines itself, finds the same frontmatter and body as the
// parser given the whole file.
func FuzzSplitMatchesParser(f *testing.F) {
	for _, s := range frontmatterSeeds {
		f.Add([]byte(s))
	}
	for _, s := range []string{
		"---\ntitle: a\n--- \nBody\n---\nmore\n",
		"---\ntitle: a\n  ---\nBody\n",
		"--- \ntitle: a\n---\n",
		"---\ntitle: a\n---",
		"---\ntitle: a\n---\r\nBody",
		"+++\ntitle = \"a\"\n+++\n+++\nBody\n",
		"---\ntitle: \"---\"\n---\nBody\n",
		"\n---\n---\n---\n",
		"---\ntitle: a\n----\nb: c\n---\nBody\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		var want capture
		wantBody, wantErr := frontmatter.Parse(bytes.NewReader(src), &want, formats...)
		got, _, _, body, err := split("content/x.md", src)
		if wantErr == nil && !want.called {
			// No frontmatter; split reports an unclosed opening line
			// itself, as an error.
			if err == nil && got.called {
				t.Fatalf("split found frontmatter %q, the parser none", got.raw)
			}
			return
		}
		if (err != nil) != (wantErr != nil) {
			t.Fatalf("split error %v, the parser's %v", err, wantErr)
		}
		if err != nil {
			return
		}
		if got.format != want.format || !bytes.Equal(got.raw, want.raw) || !bytes.Equal(body, wantBody) {
			t.Fatalf("split gives %s %q and body %q, the parser %s %q and %q", got.format, got.raw, body, want.format, want.raw, wantBody)
		}
	})
}

// checkSourceErrors asserts that every error in err is a *source.Error
// about path, so the author is always told where to look.
func checkSourceErrors(t *testing.T, err error, path string) {
	t.Helper()
	for _, e := range source.Flatten(err) {
		var se *source.Error
		if !errors.As(e, &se) {
			t.Errorf("error %q is a %T, not a *source.Error", e, e)
			continue
		}
		if se.Pos.Path != path {
			t.Errorf("error %q names %q, want %q", e, se.Pos.Path, path)
		}
	}
}

var slugSeeds = []string{
	"", "first-meeting", "Première rencontre", "Cœur et Œuvre", "STRASSE Straße ẞ", "İstanbul",
	"../../etc/passwd", `a\b`, "a\x00b", "日本語", "Ǆemal", "ﬁnance", "Ⅻ", "①②", "x\u0301", "\xff\xfe",
	"--a--", "con", ". .. ...",
}

// FuzzSlugify: a slug is only lower-case letters, digits, '_' and single
// inner dashes, so it can never leave its folder, and slugifying a slug
// changes nothing.
func FuzzSlugify(f *testing.F) {
	for _, s := range slugSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		checkSlug(t, s)
	})
}

func checkSlug(t *testing.T, s string) {
	t.Helper()
	if msg := slugOK(s); msg != "" {
		t.Fatal(msg)
	}
}

// slugOK says what is wrong with Slugify(s), or "".
func slugOK(s string) string {
	out := Slugify(s)
	if !utf8.ValidString(out) {
		return fmt.Sprintf("Slugify(%q) = %q is not UTF-8", s, out)
	}
	for _, r := range out {
		if !(unicode.IsLetter(r) && unicode.ToLower(r) == r || unicode.IsDigit(r) || r == '_' || r == '-') {
			return fmt.Sprintf("Slugify(%q) = %q holds %q", s, out, r)
		}
	}
	if strings.HasPrefix(out, "-") || strings.HasSuffix(out, "-") || strings.Contains(out, "--") {
		return fmt.Sprintf("Slugify(%q) = %q has a stray dash", s, out)
	}
	if again := Slugify(out); again != out {
		return fmt.Sprintf("Slugify(%q) = %q, but Slugify(%q) = %q", s, out, out, again)
	}
	return ""
}

// Every single character slugifies to a valid slug: the fuzzer's mutator
// rarely reaches the rare letters where case and decomposition interact.
func TestSlugifyEveryRune(t *testing.T) {
	if testing.Short() {
		t.Skip("walks all of Unicode; skipped with -short")
	}
	// Runes go in blocks of 256, each between letters and spaces; a block
	// that fails is checked rune by rune for a precise message.
	for start := rune(0); start <= unicode.MaxRune; start += 256 {
		var b strings.Builder
		for r := start; r < start+256; r++ {
			if utf8.ValidRune(r) {
				b.WriteString(" A" + string(r) + "b ")
			}
		}
		if slugOK(b.String()) == "" {
			continue
		}
		for r := start; r < start+256; r++ {
			if utf8.ValidRune(r) {
				if msg := slugOK("A" + string(r) + "b"); msg != "" {
					t.Error(msg)
				}
			}
		}
	}
}

// FuzzCheckSlug: what CheckSlug accepts cannot climb out of a folder, and
// what Slugify makes CheckSlug accepts (reserved names aside: a file may
// be called con.md, a slug field may not).
func FuzzCheckSlug(f *testing.F) {
	for _, s := range slugSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if CheckSlug(s) == nil {
			if strings.Contains(s, "..") || strings.ContainsAny(s, "/\\\x00") || strings.HasPrefix(s, ".") || strings.TrimSpace(s) == "" {
				t.Errorf("CheckSlug(%q) accepted an unsafe slug", s)
			}
		}
		out := Slugify(s)
		if out == "" || reserved[out] {
			return
		}
		if err := CheckSlug(out); err != nil {
			t.Errorf("CheckSlug(Slugify(%q)) = CheckSlug(%q): %v", s, out, err)
		}
	})
}

// sections the validation fuzzer may put its page in, one per kind, and a
// kind from site.yaml with every field type.
var fuzzSections = []string{"profiles", "duos", "trainings", "stories", "guides", "events", "about"}

// FuzzValidate feeds random YAML as the frontmatter of a page of each
// kind: schema checks never panic and always say where.
func FuzzValidate(f *testing.F) {
	for _, s := range []string{
		"name: Léa\nrole: mentor\nlanguages: [fr, en]\nskills_offered: [go]\nvisibility: public",
		"name: [a]\nrole: {x: y}\nskils: 3",
		"mentor: lea\nmentee: marc\nstarted: 2026-01-01\nsessions:\n  - {date: 2026-01-02, minutes: 60, topic: x}\n  - 3\n  - {date: [x], minutes: x, other: 1}",
		"sessions: {a: b}\nmentor: ~\nmentee: \"\"",
		"title: T\nprerequisites: [a, [b]]\nduration_minutes: \"45\"\nlevel: expert",
		"venue: x\nseats: 1e3\nprice: \"x\"\nonline: yes\non: 2026-02-30\nformats: [talk, 1]\nmeetings: [{}]\nevery: 0 days",
		"review_every: 6 mois\nreviewed: 2026-01-01T10:00:00Z\ndate: 1\ntags: {a: b}\ndraft: \"true\"\nslug: 2024",
		"a: &x {b: *x}",
		"title: &t T\nname: *t",
		"? [x]\n: y",
		"<<: {name: A}",
	} {
		for i := range fuzzSections {
			f.Add(s, uint8(i))
		}
	}
	f.Fuzz(func(t *testing.T, front string, section uint8) {
		p := "content/" + fuzzSections[int(section)%len(fuzzSections)] + "/x.md"
		_, err := Load(mapFS(map[string]string{p: "---\n" + front + "\n---\nBody\n"}), eventConfig(), Options{Drafts: true})
		if err != nil {
			checkSourceErrors(t, err, p)
		}
	})
}
