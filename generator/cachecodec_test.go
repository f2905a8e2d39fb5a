package generator

import (
	"bytes"
	"encoding/gob"
	"math/rand/v2"
	"reflect"
	"testing"

	"binome/generator/internal/wire/wiretest"
)

// Every exported field of the pages' memos, and every entry of the maps
// by file, comes back from build.gob as it went, through gob as
// loadCache reads it.
func TestBuildCacheRecordsRoundTrip(t *testing.T) {
	r := rand.New(rand.NewPCG(11, 16))
	for i := range 200 {
		var c buildCache
		for _, f := range []any{&c.Pages, &c.Outputs, &c.ContentSaved, &c.SearchSums, &c.ExtraSums, &c.StaticStats} {
			wiretest.Fill(r, reflect.ValueOf(f).Elem())
		}
		var buf bytes.Buffer
		if err := gob.NewEncoder(&buf).Encode(&c); err != nil {
			t.Fatal(err)
		}
		var first buildCache
		if err := gob.NewDecoder(&buf).Decode(&first); err != nil {
			t.Fatalf("case %d: %v", i, err)
		}
		// Written again, the memos read are their bytes again (raw):
		// they must come back the same too.
		buf.Reset()
		if err := gob.NewEncoder(&buf).Encode(&first); err != nil {
			t.Fatal(err)
		}
		var got buildCache
		if err := gob.NewDecoder(&buf).Decode(&got); err != nil {
			t.Fatalf("case %d, written again: %v", i, err)
		}
		for out, m := range got.Pages {
			if len(m.raw) == 0 {
				t.Fatalf("case %d: the memo of %q keeps no bytes", i, out)
			}
			m.raw = nil
			got.Pages[out] = m
		}
		for _, f := range []struct {
			name      string
			want, got any
		}{
			{"Pages", c.Pages, got.Pages},
			{"Outputs", c.Outputs, got.Outputs},
			{"ContentSaved", c.ContentSaved, got.ContentSaved},
			{"SearchSums", c.SearchSums, got.SearchSums},
			{"ExtraSums", c.ExtraSums, got.ExtraSums},
			{"StaticStats", c.StaticStats, got.StaticStats},
		} {
			// gob leaves an empty map out, and it reads as nil.
			if reflect.ValueOf(f.want).Len() == 0 && reflect.ValueOf(f.got).Len() == 0 {
				continue
			}
			if !wiretest.Same(f.want, f.got) {
				t.Fatalf("case %d: %s did not come back as it went:\n got %+v\nwant %+v", i, f.name, f.got, f.want)
			}
		}
	}
}

// Damaged memos are an error, never a panic.
func TestBuildCacheRecordsRefuseDamage(t *testing.T) {
	r := rand.New(rand.NewPCG(12, 16))
	var m pageMemos
	for len(m) < 3 {
		m = nil
		wiretest.Fill(r, reflect.ValueOf(&m).Elem())
	}
	data, _ := m.GobEncode()
	for n := range len(data) {
		var got pageMemos
		if err := got.GobDecode(data[:n]); err == nil {
			t.Fatalf("cut at %d of %d bytes: no error", n, len(data))
		}
	}
	for range 2000 {
		bad := bytes.Clone(data)
		bad[r.IntN(len(bad))] ^= byte(1 + r.IntN(255))
		var got pageMemos
		got.GobDecode(bad)
	}
}
