// Package wiretest helps test the types package wire writes: it fills
// every field of a record with random values, compares records, and
// checks that a decoder refuses damaged bytes.
package wiretest

import (
	"bytes"
	"math/rand/v2"
	"reflect"
	"testing"
	"time"
)

// Fill sets every exported field reachable from v to a random value, nil
// and empty included: a field added to a record and forgotten by its
// codec then fails a round trip. Unexported fields are what a record
// computes once read, and stay zero, as do interface fields (the cache
// keeps none).
func Fill(r *rand.Rand, v reflect.Value) {
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
			if f := v.Field(i); v.Type().Field(i).IsExported() && f.Kind() != reflect.Interface {
				Fill(r, f)
			}
		}
	case reflect.Pointer:
		if r.IntN(4) == 0 {
			return
		}
		v.Set(reflect.New(v.Type().Elem()))
		Fill(r, v.Elem())
	case reflect.Slice:
		if r.IntN(4) == 0 {
			return
		}
		v.Set(reflect.MakeSlice(v.Type(), r.IntN(4), r.IntN(4)+4))
		for i := range v.Len() {
			Fill(r, v.Index(i))
		}
	case reflect.Map:
		if r.IntN(4) == 0 {
			return
		}
		v.Set(reflect.MakeMap(v.Type()))
		for range r.IntN(4) {
			k, e := reflect.New(v.Type().Key()).Elem(), reflect.New(v.Type().Elem()).Elem()
			Fill(r, k)
			Fill(r, e)
			v.SetMapIndex(k, e)
		}
	case reflect.Array:
		for i := range v.Len() {
			Fill(r, v.Index(i))
		}
	case reflect.String:
		words := []string{"", "guides", "fr", "Écrire à son binôme", "title", "a\x00b", "日本"}
		v.SetString(words[r.IntN(len(words))] + string(rune('a'+r.IntN(26))))
	case reflect.Bool:
		v.SetBool(r.IntN(2) == 0)
	case reflect.Int, reflect.Int64, reflect.Int32:
		v.SetInt(r.Int64N(1<<30) - 1<<29)
	case reflect.Uint8:
		v.SetUint(uint64(r.IntN(256)))
	case reflect.Uint64:
		v.SetUint(r.Uint64())
	default:
		panic("wiretest.Fill: no case for " + v.Type().String())
	}
}

// Same reports whether a and b, pointers to records, hold the same
// values, times compared by their instant (a decoded zone is a new
// *time.Location, and time.Time's fields are not one per instant; tests
// check offsets apart).
func Same(a, b any) bool {
	return reflect.DeepEqual(utc(reflect.ValueOf(a)), utc(reflect.ValueOf(b)))
}

// utc returns a deep copy of v with every time in UTC.
func utc(v reflect.Value) any {
	c := reflect.New(v.Type()).Elem()
	c.Set(v)
	var walk func(v reflect.Value)
	walk = func(v reflect.Value) {
		switch v.Kind() {
		case reflect.Struct:
			if t, ok := v.Interface().(time.Time); ok {
				// Rebuilt from the instant: one instant has more than one
				// representation (a decoded year 1, say).
				v.Set(reflect.ValueOf(time.Unix(t.Unix(), int64(t.Nanosecond())).UTC()))
				return
			}
			for i := range v.NumField() {
				f := v.Field(i)
				walk(reflect.NewAt(f.Type(), f.Addr().UnsafePointer()).Elem())
			}
		case reflect.Pointer:
			if !v.IsNil() {
				e := reflect.New(v.Type().Elem())
				e.Elem().Set(v.Elem())
				walk(e.Elem())
				v.Set(e)
			}
		case reflect.Slice:
			if !v.IsNil() {
				s := reflect.MakeSlice(v.Type(), v.Len(), v.Len())
				reflect.Copy(s, v)
				for i := range s.Len() {
					walk(s.Index(i))
				}
				v.Set(s)
			}
		case reflect.Array:
			for i := range v.Len() {
				walk(v.Index(i))
			}
		case reflect.Map:
			if !v.IsNil() {
				m := reflect.MakeMap(v.Type())
				for _, k := range v.MapKeys() {
					e := reflect.New(v.Type().Elem()).Elem()
					e.Set(v.MapIndex(k))
					walk(e)
					m.SetMapIndex(k, e)
				}
				v.Set(m)
			}
		}
	}
	walk(c)
	return c.Interface()
}

// RefusesDamage checks that decode refuses every cut of data, which
// must be a good record, and does not panic on 2,000 copies with one
// byte changed, which it may accept (a changed byte of a string is
// another string). decode gets a copy each time.
func RefusesDamage(t testing.TB, r *rand.Rand, data []byte, decode func([]byte) error) {
	t.Helper()
	for n := range len(data) {
		if err := decode(bytes.Clone(data[:n])); err == nil {
			t.Fatalf("cut at %d of %d bytes: no error", n, len(data))
		}
	}
	for range 2000 {
		bad := bytes.Clone(data)
		bad[r.IntN(len(bad))] ^= byte(1 + r.IntN(255))
		decode(bad)
	}
}
