package content

import (
	"bytes"
	"math/rand/v2"
	"reflect"
	"testing"

	"binome/generator/internal/wire/wiretest"
)

func TestCacheRecordRoundTrip(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 15))
	for i := range 300 {
		var g setRecord
		wiretest.Fill(r, reflect.ValueOf(&g).Elem())
		g.Version = cacheVersion
		data := g.append(nil)
		if i%2 == 1 {
			// As Encode writes it, a part at a time.
			var b bytes.Buffer
			if err := g.writeTo(&b); err != nil {
				t.Fatal(err)
			}
			data = b.Bytes()
		}
		got, err := decodeSetRecord(data)
		if err != nil {
			t.Fatalf("case %d: %v", i, err)
		}
		if !wiretest.Same(&g, &got) {
			t.Fatalf("case %d: the record did not come back as it went:\n got %+v\nwant %+v", i, got, g)
		}
		// Zones keep their offset, as gob kept them.
		for path, f := range g.Files {
			if f.Page == nil {
				continue
			}
			_, want := f.Page.Date.Zone()
			if _, off := got.Files[path].Page.Date.Zone(); off != want {
				t.Fatalf("case %d: %s: zone offset %d, want %d", i, path, off, want)
			}
		}
	}
}

// Every cut of a cache, and every flipped byte, is an error or a record,
// never a panic; a cut one is always an error.
func TestCacheRecordRefusesDamage(t *testing.T) {
	r := rand.New(rand.NewPCG(8, 15))
	var g setRecord
	for len(g.Files) < 3 {
		g = setRecord{}
		wiretest.Fill(r, reflect.ValueOf(&g).Elem())
	}
	g.Version = cacheVersion
	data := g.append(nil)
	wiretest.RefusesDamage(t, r, data, func(b []byte) error {
		_, err := decodeSetRecord(b)
		return err
	})
	old := bytes.Clone(data)
	old[len(cacheMagic)]++ // another version
	if _, err := decodeSetRecord(old); err == nil {
		t.Error("a cache of another version was read")
	}
}

// Whatever bytes the cache holds, decoding returns an error or a record
// that encodes back to the same bytes' meaning, and never panics.
func FuzzDecodeSetRecord(f *testing.F) {
	r := rand.New(rand.NewPCG(9, 15))
	for range 4 {
		var g setRecord
		wiretest.Fill(r, reflect.ValueOf(&g).Elem())
		g.Version = cacheVersion
		f.Add(g.append(nil))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		g, err := decodeSetRecord(data)
		if err != nil {
			return
		}
		again, err := decodeSetRecord(g.append(nil))
		if err != nil {
			t.Fatalf("a decoded record does not decode again: %v", err)
		}
		if !wiretest.Same(&g, &again) {
			t.Fatalf("a decoded record changes when written again")
		}
	})
}
