package generator

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"binome/generator/search"
)

// textsDocs are pages of two languages, sharing words, as a site's are.
func textsDocs() map[string][]search.Doc {
	return map[string][]search.Doc{
		"fr": {
			{URL: "/guides/premier-rendez-vous/", Title: "Premier rendez-vous", Section: "Guides",
				Headings: []search.Heading{{ID: "ordre", Text: "Ordre du jour"}},
				Text:     "Le binôme se rencontre pour la première fois : les équipes, les objectifs et l'agenda."},
			{URL: "/guides/feedback/", Title: "Donner du feedback", Section: "Guides",
				Text: "Un feedback précis aide l'équipe et le mentor ; les objectifs sont revus."},
		},
		"en": {
			{URL: "/en/guides/first-meeting/", Title: "First meeting", Section: "Guides",
				Text: "The duo meets for the first time: teams, goals and the agenda."},
		},
	}
}

// writeTexts writes the search texts of docs the way a cold build does,
// and returns the file's path and each language's index files.
func writeTexts(t testing.TB, docs map[string][]search.Doc) (string, map[string][]search.File) {
	t.Helper()
	name := filepath.Join(t.TempDir(), textsBase)
	f, err := os.Create(name)
	if err != nil {
		t.Fatal(err)
	}
	b := newBaseWriter(f)
	files := map[string][]search.File{}
	for _, lang := range []string{"en", "fr"} {
		ix := search.NewIndexer(lang)
		for _, d := range docs[lang] {
			ix.Add(d)
		}
		if err := ix.EachPrepared(func(d *search.Dict, p search.Prepared) { b.record(lang, d, p) }); err != nil {
			t.Fatal(err)
		}
		if files[lang], err = ix.Files("search/" + lang); err != nil {
			t.Fatal(err)
		}
	}
	if err := b.close(); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	return name, files
}

// The search texts read back index into the very files they were written
// from, in each language; a cut file is refused, whatever the cut.
func TestSearchTextsRoundTrip(t *testing.T) {
	name, want := writeTexts(t, textsDocs())
	ix := map[string]*search.Indexer{"fr": search.NewIndexer("fr"), "en": search.NewIndexer("en")}
	pages := 0
	if err := readBase(name, func(lang string, d *search.Dict, p search.Prepared) {
		ix[lang].AddPrepared(d, p)
		pages++
	}); err != nil {
		t.Fatal(err)
	}
	if pages != 3 {
		t.Fatalf("read %d pages, want 3", pages)
	}
	for lang, files := range want {
		got, err := ix[lang].Files("search/" + lang)
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != len(files) {
			t.Fatalf("%s: %d files, want %d", lang, len(got), len(files))
		}
		for i := range got {
			if got[i].Path != files[i].Path || !bytes.Equal(got[i].Body, files[i].Body) {
				t.Errorf("%s: %s differs from the index it was written from", lang, got[i].Path)
			}
		}
	}

	whole, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	cut := filepath.Join(t.TempDir(), "cut")
	for n := len(textsMagic); n < len(whole); n++ {
		os.WriteFile(cut, whole[:n], 0o644)
		if err := readBase(cut, func(string, *search.Dict, search.Prepared) {}); err == nil {
			t.Fatalf("cut at %d of %d bytes: read without error", n, len(whole))
		}
	}
}

// FuzzReadBase feeds any bytes to decodeBase: an error or pages whose IDs
// are all in their Dict, never a panic.
func FuzzReadBase(f *testing.F) {
	name, _ := writeTexts(f, textsDocs())
	whole, err := os.ReadFile(name)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(whole)
	f.Add([]byte(textsMagic))
	f.Fuzz(func(t *testing.T, b []byte) {
		decodeBase(b, func(lang string, d *search.Dict, p search.Prepared) {
			// AddPrepared panics on an ID outside d.
			search.NewIndexer(lang).AddPrepared(d, p)
			for _, w := range d.Words {
				if int(w.Stem) >= len(d.Stems) {
					t.Fatalf("word %q of stem %d, of %d stems", w.Surface, w.Stem, len(d.Stems))
				}
			}
		})
	})
}
