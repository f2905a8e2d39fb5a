package generator

import (
	"encoding/binary"
	"fmt"
	"slices"
	"testing"
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
		c := &buildCache{Pages: map[string]pageMemo{
			"kept":  {Reads: reads{TitleRefs: keptRefs, table: prev, summaries: []string{"/c/"}}},
			"fresh": {Reads: reads{titles: []int32{3, 1}}}, // pages /c/ and /a/
			"none":  {},
		}}
		packReads(c, prev, pages, nil)
		if extra > 0 && len(c.ReadURLs) > 10 {
			t.Errorf("the table kept %d URLs, want it made afresh", len(c.ReadURLs))
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
