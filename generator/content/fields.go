package content

import "binome/generator/internal/wire"

// fields are a page's frontmatter fields of one type, by key, in the
// order they were set. A page has a few of each type, and a Go map took
// a group of eight slots for each, a few hundred bytes whatever it held:
// 51 MB at 50,000 pages, scanned by every collection, and a third of
// decoding the content cache went to building the maps. Looking a key up
// among a few is as fast as hashing it.
type fields[V any] []field[V]

// field is one of them; its parts are exported for wiretest's fill.
type field[V any] struct {
	Key string
	Val V
}

// get returns the value of key, and whether it is set.
func (f fields[V]) get(key string) (V, bool) {
	for i := range f {
		if f[i].Key == key {
			return f[i].Val, true
		}
	}
	var zero V
	return zero, false
}

// at returns the value of key, the zero value when it is not set.
func (f fields[V]) at(key string) V {
	v, _ := f.get(key)
	return v
}

// set sets key to v.
func (f *fields[V]) set(key string, v V) {
	for i := range *f {
		if (*f)[i].Key == key {
			(*f)[i].Val = v
			return
		}
	}
	*f = append(*f, field[V]{key, v})
}

// appendFields encodes f as wire.AppendMap encodes a map, so that the
// cache files read the same.
func appendFields[V any](b []byte, f fields[V], appendValue func([]byte, V) []byte) []byte {
	b = wire.AppendCount(b, len(f), f == nil)
	for _, e := range f {
		b = wire.AppendString(b, e.Key)
		b = appendValue(b, e.Val)
	}
	return b
}

// readFields decodes what appendFields encoded.
func readFields[V any](r *wire.Reader, readValue func(*wire.Reader) V) fields[V] {
	n, ok := r.Count()
	if !ok {
		return nil
	}
	f := make(fields[V], 0, min(n, 64))
	for range n {
		k := r.String()
		f = append(f, field[V]{k, readValue(r)})
		if r.Err != nil {
			return nil
		}
	}
	return f
}
