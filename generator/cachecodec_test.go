package generator

import (
	"bytes"
	"encoding/binary"
	"encoding/gob"
	"math/rand/v2"
	"reflect"
	"testing"

	"binome/generator/internal/wire/wiretest"
)

// Every exported field of the pages' memos, and every entry of the maps
// by file, comes back from build.bin as it went, as loadCache reads it;
// and so do the memos written again from the bytes they were read from.
func TestBuildCacheRecordsRoundTrip(t *testing.T) {
	r := rand.New(rand.NewPCG(11, 16))
	for i := range 200 {
		var c buildCache
		for _, f := range []any{&c.Pages, &c.Outputs, &c.ContentSaved, &c.SearchSums, &c.SearchKeys, &c.ExtraSums, &c.StaticStats, &c.ReadURLs, &c.OutputID, &c.StartedAt} {
			wiretest.Fill(r, reflect.ValueOf(f).Elem())
		}
		var buf bytes.Buffer
		if err := encodeBuildCache(&buf, &c); err != nil {
			t.Fatal(err)
		}
		first, err := decodeBuildCache(buf.Bytes())
		if err != nil {
			t.Fatalf("case %d: %v", i, err)
		}
		// The maps are in their parts only, not in gob's head too.
		head, k := binary.Uvarint(buf.Bytes()[len(buildMagic):])
		var inGob buildCache
		if err := gob.NewDecoder(bytes.NewReader(buf.Bytes()[len(buildMagic)+k:][:head])).Decode(&inGob); err != nil {
			t.Fatal(err)
		}
		for j, m := range inGob.wireMaps() {
			if reflect.ValueOf(m).Elem().Len() > 0 {
				t.Fatalf("case %d: map %d of the build cache is in gob's part too", i, j)
			}
		}
		buf.Reset()
		if err := encodeBuildCache(&buf, first); err != nil {
			t.Fatal(err)
		}
		got, err := decodeBuildCache(bytes.Clone(buf.Bytes()))
		if err != nil {
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
			{"SearchKeys", c.SearchKeys, got.SearchKeys},
			{"ExtraSums", c.ExtraSums, got.ExtraSums},
			{"StaticStats", c.StaticStats, got.StaticStats},
			{"ReadURLs", c.ReadURLs, got.ReadURLs},
			{"OutputID", c.OutputID, got.OutputID},
			{"StartedAt", c.StartedAt, got.StartedAt},
		} {
			// gob leaves an empty map or slice out, and it reads as nil.
			if v := reflect.ValueOf(f.want); (v.Kind() == reflect.Map || v.Kind() == reflect.Slice) && v.Len() == 0 && reflect.ValueOf(f.got).Len() == 0 {
				continue
			}
			if !wiretest.Same(f.want, f.got) {
				t.Fatalf("case %d: %s did not come back as it went:\n got %+v\nwant %+v", i, f.name, f.got, f.want)
			}
		}
	}
}

// A cut or damaged build cache is an error, never a panic.
func TestBuildCacheFileRefusesDamage(t *testing.T) {
	r := rand.New(rand.NewPCG(13, 16))
	var c buildCache
	for len(c.Pages) < 3 || len(c.Outputs) < 3 {
		c = buildCache{}
		for _, f := range []any{&c.Pages, &c.Outputs} {
			wiretest.Fill(r, reflect.ValueOf(f).Elem())
		}
	}
	var buf bytes.Buffer
	if err := encodeBuildCache(&buf, &c); err != nil {
		t.Fatal(err)
	}
	wiretest.RefusesDamage(t, r, buf.Bytes(), func(b []byte) error {
		_, err := decodeBuildCache(b)
		return err
	})
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
	wiretest.RefusesDamage(t, r, data, func(b []byte) error {
		var got pageMemos
		return got.GobDecode(b)
	})
}
