package generator

import (
	"encoding/binary"
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"

	"binome/generator/source"
)

// The reads of a build's pages go to the cache file as refs into one
// table and come back as the same URLs, whether the table is the last
// build's, grown, or made afresh.
func TestPackReadsRoundTrip(t *testing.T) {
	pages := []*Page{{URL: "/a/"}, {URL: "/b/"}, {URL: "/c/"}}
	titlesOf := func(m pageMemo) []string {
		var out []string
		eachRef(m.Reads.TitleRefs, func(id int32) { out = append(out, m.Reads.table[id]) })
		return out
	}
	for _, extra := range []int{0, 5000} { // 5000 stale URLs: the table is made afresh
		prev := []string{"/gone/", "/c/", "/a/"}
		for i := range extra {
			prev = append(prev, fmt.Sprintf("/stale-%d/", i))
		}
		var keptRefs []byte
		last := int32(0)
		for _, r := range []int32{2, 0, 1} { // /a/, /gone/, /c/
			keptRefs, last = appendRef(keptRefs, last, r)
		}
		// Kept as it was read from the last cache file: with its bytes.
		kept := pageMemo{Reads: reads{TitleRefs: keptRefs, SummaryRefs: []int32{1}, table: prev, summaries: []string{"/c/"}}}
		kept.raw = appendPageMemo(nil, kept)
		c := &buildCache{Pages: map[string]pageMemo{
			"kept":  kept,
			"fresh": {Reads: reads{titles: []int32{3, 1}}}, // pages /c/ and /a/
			"none":  {},
		}}
		packReads(c, prev, pages, nil)
		if extra > 0 && len(c.ReadURLs) > 10 {
			t.Errorf("the table kept %d URLs, want it made afresh", len(c.ReadURLs))
		}
		// Through the cache file's bytes, as the next build reads them.
		data, _ := c.Pages.GobEncode()
		c.Pages = nil
		if err := c.Pages.GobDecode(data); err != nil {
			t.Fatal(err)
		}
		if !unpackReads(c) {
			t.Fatal("unpackReads refused the packed reads")
		}
		for name, want := range map[string][]string{"kept": {"/a/", "/gone/", "/c/"}, "fresh": {"/c/", "/a/"}, "none": nil} {
			if got := titlesOf(c.Pages[name]); !slices.Equal(got, want) {
				t.Errorf("%s (extra %d): titles %q, want %q", name, extra, got, want)
			}
		}
		if got := c.Pages["kept"].Reads.summaries; !slices.Equal(got, []string{"/c/"}) {
			t.Errorf("summaries %q", got)
		}
	}
	// Refs past the table's end are a broken cache.
	bad, _ := appendRef(nil, 0, 7)
	if unpackReads(&buildCache{ReadURLs: []string{"/a/"}, Pages: map[string]pageMemo{"x": {Reads: reads{TitleRefs: bad}}}}) {
		t.Error("unpackReads took a ref past the table")
	}
	// So are head reads past it, cut short, or of counts past an int32;
	// one in the table with its count is good.
	good, _ := appendRef(nil, 0, 0)
	for _, tc := range []struct {
		heads []byte
		ok    bool
	}{
		{binary.AppendUvarint(slices.Clone(good), 30), true},
		{binary.AppendUvarint(slices.Clone(bad), 30), false},
		{good, false},
		{binary.AppendUvarint(slices.Clone(good), 1<<40), false},
	} {
		c := &buildCache{ReadURLs: []string{"/a/"}, Pages: map[string]pageMemo{"x": {Reads: reads{HeadRefs: tc.heads}}}}
		if unpackReads(c) != tc.ok {
			t.Errorf("unpackReads of heads % x: %t, want %t", tc.heads, !tc.ok, tc.ok)
		}
	}
}

// A memo kept from the last build is written again as the bytes it was
// read from, until this build changes it, which it does through
// Site.memo: that drops them.
func TestMemoDropsTheBytesItWasReadFrom(t *testing.T) {
	kept := &pageMemo{URL: "/a/", Headings: []string{"x"}}
	kept.raw = appendPageMemo(nil, *kept)
	s := &Site{next: &buildCache{}, memos: map[string]*pageMemo{"a/index.html": kept}}
	m := s.memo(&Page{URL: "/a/", out: "a/index.html"})
	if m != kept {
		t.Fatal("memo made a new record for a kept page")
	}
	m.Warnings = append(m.Warnings, source.Error{Msg: "new"})
	var got pageMemos
	data, _ := pageMemos{"a/index.html": *m}.GobEncode()
	if err := got.GobDecode(data); err != nil {
		t.Fatal(err)
	}
	if w := got["a/index.html"].Warnings; len(w) != 1 || w[0].Msg != "new" {
		t.Errorf("the memo changed through Site.memo was written as read: warnings %v", w)
	}
}

// idSet.sorted gives what sorting and compacting give, in a slice of its
// own, and leaves the set empty for the next call.
func TestIDSetSorted(t *testing.T) {
	var s idSet
	r := rand.New(rand.NewPCG(1, 2))
	for round := range 500 {
		n, span := r.IntN(300), 1+r.IntN(20000)
		ids := make([]int32, n)
		for i := range ids {
			ids[i] = int32(r.IntN(span))
		}
		want := slices.Compact(slices.Sorted(slices.Values(ids)))
		if len(want) == 0 {
			want = nil
		}
		got := s.sorted(ids)
		if !slices.Equal(got, want) || cap(got) != len(got) {
			t.Fatalf("round %d: sorted(%v) = %v (cap %d), want %v", round, ids, got, cap(got), want)
		}
		for i, w := range s.words {
			if w != 0 {
				t.Fatalf("round %d: word %d left set", round, i)
			}
		}
	}
}
