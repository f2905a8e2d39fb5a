package search

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"os"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"
)

// spillCase is an index to build both in memory and spilled.
type spillCase struct {
	name       string
	lang       string
	docs       []Doc
	prepared   int  // every prepared-th doc is added from a Prepared (0: none)
	kept       bool // with AddKept, not AddPrepared
	early      int  // docs added before SpillFragments
	concurrent bool // Add from a goroutine per doc
}

func spillCases() []spillCase {
	big, _ := syntheticDocs(150, 800) // more than spillBuffer of fragments: several writes
	empty := []Doc{
		{URL: "/vide/", Title: "Vide", Section: "Guides"},
		{URL: "/rien/"},
		{URL: "/titre-seul/", Title: "Rien que le titre", Headings: []Heading{{"h", "Titre"}}},
	}
	return []spillCase{
		{name: "fr", lang: "fr", docs: handbook("fr")},
		{name: "en", lang: "en", docs: handbook("en")},
		{name: "unstemmed", lang: "de", docs: []Doc{{URL: "/de/", Title: "Über uns", Text: "Wir sind ein Team."}}},
		{name: "empty texts", lang: "fr", docs: append(slices.Clone(empty), handbook("fr")...)},
		{name: "only empty texts", lang: "fr", docs: empty},
		{name: "no docs", lang: "fr"},
		{name: "prepared", lang: "fr", docs: append(slices.Clone(empty), handbook("fr")...), prepared: 2},
		{name: "all prepared", lang: "en", docs: handbook("en"), prepared: 1},
		{name: "added before spilling", lang: "fr", docs: handbook("fr"), early: 4, prepared: 3},
		{name: "large", lang: "fr", docs: big, prepared: 5},
		{name: "large concurrent", lang: "fr", docs: big, concurrent: true},
		{name: "kept", lang: "fr", docs: append(slices.Clone(empty), handbook("fr")...), prepared: 2, kept: true},
		{name: "large, all kept", lang: "fr", docs: big, prepared: 1, kept: true},
	}
}

// build indexes c's docs, in a spill file in dir unless dir is "". Its
// prepared docs come from an Indexer that spills too.
func (c spillCase) build(t *testing.T, dir string) *Indexer {
	t.Helper()
	spill := func(ix *Indexer) {
		t.Helper()
		if dir == "" {
			return
		}
		if err := ix.SpillFragments(dir); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { ix.Close() })
	}
	prepared := map[string]Prepared{}
	var dict *Dict
	if c.prepared > 0 {
		first := NewIndexer(c.lang)
		spill(first)
		for _, d := range c.docs {
			first.Add(d)
		}
		var ps []Prepared
		var err error
		dict, ps, err = first.Prepared()
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range ps {
			prepared[p.URL] = p
		}
	}
	ix := NewIndexer(c.lang)
	var wg sync.WaitGroup
	for i, d := range c.docs {
		if i == c.early {
			spill(ix)
		}
		add := func() {
			switch {
			case c.prepared > 0 && i%c.prepared == 0 && c.kept:
				ix.AddKept(dict, prepared[d.URL])
			case c.prepared > 0 && i%c.prepared == 0:
				ix.AddPrepared(dict, prepared[d.URL])
			default:
				ix.Add(d)
			}
		}
		if c.concurrent {
			wg.Go(add)
		} else {
			add()
		}
	}
	wg.Wait()
	if len(c.docs) <= c.early {
		spill(ix)
	}
	return ix
}

// TestSpilledIndexIsTheSame builds each index in memory and spilled, and
// compares every file EachFile gives, and every Prepared.
func TestSpilledIndexIsTheSame(t *testing.T) {
	for _, c := range spillCases() {
		t.Run(c.name, func(t *testing.T) {
			mem, spilled := c.build(t, ""), c.build(t, t.TempDir())
			sp := spilled.spill.Load()
			if sp == nil {
				t.Fatal("not spilled")
			}
			if c.kept && c.prepared == 1 && sp.size+int64(len(sp.buf)) != 0 {
				t.Errorf("%d bytes of kept fragments copied to the spill file", sp.size+int64(len(sp.buf)))
			}
			want, got := eachFile(t, mem), eachFile(t, spilled)
			if len(got) != len(want) {
				t.Fatalf("%d files spilled, %d in memory", len(got), len(want))
			}
			for i := range got {
				if got[i].Path != want[i].Path || !bytes.Equal(got[i].Body, want[i].Body) {
					t.Fatalf("file %d: %s spilled, %s in memory:\n%.300s\n%.300s", i, got[i].Path, want[i].Path, got[i].Body, want[i].Body)
				}
			}
			// Files too, twice: reading does not consume the fragments.
			for range 2 {
				if files := indexFiles(t, spilled, "search/"+c.lang); !reflect.DeepEqual(files, indexFiles(t, mem, "search/"+c.lang)) {
					t.Fatal("Files differ")
				}
			}
			wantP, gotP := prepared(t, mem, c.concurrent), prepared(t, spilled, c.concurrent)
			if len(gotP) != len(c.docs) || !reflect.DeepEqual(gotP, wantP) {
				t.Fatalf("%d prepared docs spilled, %d in memory, %d added; or they differ", len(gotP), len(wantP), len(c.docs))
			}
		})
	}
}

// eachFile returns the files EachFile gives, by path: it gives them in
// no fixed order.
func eachFile(t *testing.T, ix *Indexer) []File {
	t.Helper()
	var files []File
	if err := ix.EachFile("search/"+ix.lang, func(f File) error {
		files = append(files, f)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	slices.SortFunc(files, func(a, b File) int { return strings.Compare(a.Path, b.Path) })
	return files
}

// spelled is a Prepared with its stems and words spelled out: the IDs
// of two Indexers differ with the order of Add.
type spelled struct {
	URL, Title, Section string
	Sum                 uint64
	Length              int
	Stems               []string
	TF                  []int32
	Words               [][2]string
	Fragment            []byte
}

func spell(d *Dict, p Prepared) spelled {
	s := spelled{URL: p.URL, Title: p.Title, Section: p.Section, Sum: p.Sum, Length: p.Length, TF: p.TF, Fragment: p.Fragment}
	for _, id := range p.Stems {
		s.Stems = append(s.Stems, d.Stems[id])
	}
	for _, id := range p.Words {
		w := d.Words[id]
		s.Words = append(s.Words, [2]string{w.Surface, d.Stems[w.Stem]})
	}
	return s
}

// prepared returns ix.Prepared() spelled out, in an order that does not
// depend on the order of Add; with sorted stems and words if they were
// added concurrently, as a doc lists first the words the Indexer knew
// when it was added.
func prepared(t *testing.T, ix *Indexer, sortWords bool) []spelled {
	t.Helper()
	d, all, err := ix.Prepared()
	if err != nil {
		t.Fatal(err)
	}
	var ps []spelled
	for _, p := range all {
		ps = append(ps, spell(d, p))
	}
	for _, p := range ps {
		if !sortWords {
			break
		}
		order := make([]int, len(p.Stems))
		for i := range order {
			order[i] = i
		}
		slices.SortFunc(order, func(a, b int) int { return strings.Compare(p.Stems[a], p.Stems[b]) })
		stems, tf := slices.Clone(p.Stems), slices.Clone(p.TF)
		for i, j := range order {
			p.Stems[i], p.TF[i] = stems[j], tf[j]
		}
		slices.SortFunc(p.Words, func(a, b [2]string) int {
			return cmp.Or(strings.Compare(a[0], b[0]), strings.Compare(a[1], b[1]))
		})
	}
	slices.SortFunc(ps, func(a, b spelled) int {
		return cmp.Or(strings.Compare(a.URL, b.URL), cmp.Compare(a.Sum, b.Sum))
	})
	return ps
}

// A spilled Indexer leaves no file behind: none while it runs where an
// open file can be removed, none after Close elsewhere.
func TestSpillLeavesNoFile(t *testing.T) {
	dir := t.TempDir()
	ix := NewIndexer("fr")
	if err := ix.Close(); err != nil {
		t.Fatalf("Close without spilling: %v", err)
	}
	if err := ix.SpillFragments(dir); err != nil {
		t.Fatal(err)
	}
	if err := ix.SpillFragments(dir); err == nil {
		t.Error("SpillFragments twice: no error")
	}
	for _, d := range handbook("fr") {
		ix.Add(d)
	}
	indexFiles(t, ix, "search/fr")
	if err := ix.Close(); err != nil {
		t.Fatal(err)
	}
	if err := ix.Close(); err != nil {
		t.Errorf("second Close: %v", err)
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) > 0 {
		t.Errorf("left in dir: %v", entries)
	}
	if _, err := ix.Files("search/fr"); !errors.Is(err, errSpillClosed) {
		t.Errorf("Files after Close: %v, want %v", err, errSpillClosed)
	}
}

// A fragment that cannot be read, or written, makes Files, EachFile,
// EachPrepared and Prepared fail: no panic, no bundle silently short.
func TestSpillErrors(t *testing.T) {
	for _, tc := range []struct {
		name  string
		flush bool // the fragments are written before the file goes
		want  string
	}{
		{"read", true, "read spilled fragment"},
		{"write", false, "spill fragments"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ix := NewIndexer("fr")
			if err := ix.SpillFragments(t.TempDir()); err != nil {
				t.Fatal(err)
			}
			defer ix.Close()
			for _, d := range handbook("fr") {
				ix.Add(d)
			}
			if tc.flush {
				indexFiles(t, ix, "search/fr")
			}
			ix.spill.Load().f.Close() // underneath the Indexer
			check := func(what string, err error) {
				t.Helper()
				if err == nil || !strings.Contains(err.Error(), tc.want) || !errors.Is(err, os.ErrClosed) {
					t.Errorf("%s: %v, want a %q error", what, err, tc.want)
				}
			}
			files, err := ix.Files("search/fr")
			check("Files", err)
			if files != nil {
				t.Errorf("Files returned %d files with its error", len(files))
			}
			var bundles []string
			err = ix.EachFile("search/fr", func(f File) error {
				if strings.Contains(f.Path, "/f/") {
					bundles = append(bundles, f.Path)
				}
				return nil
			})
			check("EachFile", err)
			if len(bundles) > 0 {
				t.Errorf("EachFile gave bundles %q", bundles)
			}
			calls := 0
			check("EachPrepared", ix.EachPrepared(func(*Dict, Prepared) { calls++ }))
			if calls > 0 {
				t.Errorf("EachPrepared called fn %d times", calls)
			}
			_, _, err = ix.Prepared()
			check("Prepared", err)
		})
	}
}

// Readers may run while docs are added: each reads the docs added before
// it, whether their fragments were written yet or not.
func TestSpillReadWhileAdding(t *testing.T) {
	docs, _ := syntheticDocs(200, 300)
	ix := NewIndexer("fr")
	if err := ix.SpillFragments(t.TempDir()); err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	var wg sync.WaitGroup
	for i := range 4 {
		wg.Go(func() {
			for _, d := range docs[i*50 : (i+1)*50] {
				ix.Add(d)
			}
		})
	}
	for range 3 {
		wg.Go(func() {
			if err := ix.EachPrepared(func(_ *Dict, p Prepared) {
				if !bytes.HasPrefix(p.Fragment, fmt.Appendf(nil, `{"u":%q`, p.URL)) {
					t.Errorf("%s: fragment %.40q", p.URL, p.Fragment)
				}
			}); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	if _, ps, err := ix.Prepared(); err != nil || len(ps) != len(docs) {
		t.Errorf("Prepared: %d docs, %v; want %d", len(ps), err, len(docs))
	}
}
