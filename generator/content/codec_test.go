package content

import (
	"bytes"
	"math/rand/v2"
	"reflect"
	"testing"
	"time"
)

// fillRandom sets every field reachable from v, exported or not, to a
// random value, nil and empty included: a field added to the mirror types
// and forgotten by the codec then fails the round trip.
func fillRandom(r *rand.Rand, v reflect.Value) {
	switch v.Kind() {
	case reflect.Struct:
		if v.Type() == reflect.TypeFor[time.Time]() {
			t := time.Unix(r.Int64N(4e9)-1e9, r.Int64N(1e9))
			switch r.IntN(3) {
			case 0:
				t = t.UTC()
			case 1:
				t = t.In(time.FixedZone("", (r.IntN(27)-12)*3600))
			default:
				t = time.Time{}
			}
			v.Set(reflect.ValueOf(t))
			return
		}
		for i := range v.NumField() {
			f := v.Field(i)
			if f.Kind() == reflect.Interface {
				continue // source.Error.Err, never saved
			}
			fillRandom(r, reflect.NewAt(f.Type(), f.Addr().UnsafePointer()).Elem())
		}
	case reflect.Pointer:
		if r.IntN(4) == 0 {
			return
		}
		v.Set(reflect.New(v.Type().Elem()))
		fillRandom(r, v.Elem())
	case reflect.Slice:
		if r.IntN(4) == 0 {
			return
		}
		v.Set(reflect.MakeSlice(v.Type(), r.IntN(4), r.IntN(4)+4))
		for i := range v.Len() {
			fillRandom(r, v.Index(i))
		}
	case reflect.Map:
		if r.IntN(4) == 0 {
			return
		}
		v.Set(reflect.MakeMap(v.Type()))
		for range r.IntN(4) {
			k, e := reflect.New(v.Type().Key()).Elem(), reflect.New(v.Type().Elem()).Elem()
			fillRandom(r, k)
			fillRandom(r, e)
			v.SetMapIndex(k, e)
		}
	case reflect.Array:
		for i := range v.Len() {
			fillRandom(r, v.Index(i))
		}
	case reflect.String:
		words := []string{"", "guides", "fr", "Écrire à son binôme", "title", "a\x00b", "日本"}
		v.SetString(words[r.IntN(len(words))] + string(rune('a'+r.IntN(26))))
	case reflect.Bool:
		v.SetBool(r.IntN(2) == 0)
	case reflect.Int, reflect.Int64:
		v.SetInt(r.Int64N(1<<40) - 1<<39)
	case reflect.Uint8:
		v.SetUint(uint64(r.IntN(256)))
	case reflect.Uint64:
		v.SetUint(r.Uint64())
	default:
		panic("fillRandom: no case for " + v.Type().String())
	}
}

// sameRecords compares two set records field by field, times by their
// instant and offset (a decoded zone is a new *Location).
func sameRecords(a, b setRecord) bool {
	norm := func(g setRecord) setRecord {
		var walk func(v reflect.Value)
		walk = func(v reflect.Value) {
			switch v.Kind() {
			case reflect.Struct:
				if t, ok := v.Interface().(time.Time); ok {
					v.Set(reflect.ValueOf(t.UTC()))
					return
				}
				for i := range v.NumField() {
					f := v.Field(i)
					walk(reflect.NewAt(f.Type(), f.Addr().UnsafePointer()).Elem())
				}
			case reflect.Pointer:
				if !v.IsNil() {
					walk(v.Elem())
				}
			case reflect.Slice, reflect.Array:
				for i := range v.Len() {
					walk(v.Index(i))
				}
			case reflect.Map:
				for _, k := range v.MapKeys() {
					e := reflect.New(v.Type().Elem()).Elem()
					e.Set(v.MapIndex(k))
					walk(e)
					v.SetMapIndex(k, e)
				}
			}
		}
		walk(reflect.ValueOf(&g).Elem())
		return g
	}
	return reflect.DeepEqual(norm(a), norm(b))
}

func TestCacheRecordRoundTrip(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 15))
	for i := range 300 {
		var g setRecord
		fillRandom(r, reflect.ValueOf(&g).Elem())
		g.Version = cacheVersion
		got, err := decodeSetRecord(g.append(nil))
		if err != nil {
			t.Fatalf("case %d: %v", i, err)
		}
		if !sameRecords(g, got) {
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
		fillRandom(r, reflect.ValueOf(&g).Elem())
	}
	g.Version = cacheVersion
	data := g.append(nil)
	for n := range len(data) {
		if _, err := decodeSetRecord(bytes.Clone(data[:n])); err == nil {
			t.Fatalf("cut at %d of %d bytes: no error", n, len(data))
		}
	}
	for range 2000 {
		bad := bytes.Clone(data)
		bad[r.IntN(len(bad))] ^= byte(1 + r.IntN(255))
		decodeSetRecord(bad)
	}
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
		fillRandom(r, reflect.ValueOf(&g).Elem())
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
		if !sameRecords(g, again) {
			t.Fatalf("a decoded record changes when written again")
		}
	})
}
