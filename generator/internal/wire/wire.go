// Package wire writes and reads the build cache's records: the parse
// cache (content.bin) and the maps of the build cache (build.bin). gob
// went through reflect for every field of every page, a tenth of a warm
// build; these
// are plain appends and reads, field by field, written out by the types
// that use them.
//
// Encodings:
//   - counts, lines, sizes and times in seconds are varints, signed or
//     not; booleans a byte, 0 or 1;
//   - hashes are 8 bytes, little-endian, which varints would lengthen;
//   - strings and byte slices are a count then the bytes; times are their
//     MarshalBinary, which keeps the zone's offset as gob does;
//   - a slice, map or pointer starts with 0 when it is nil, else its
//     length plus one, so that a value comes back as it went, nil or
//     empty.
package wire

import (
	"encoding/binary"
	"errors"
	"time"

	"github.com/cespare/xxhash/v2"

	"binome/generator/source"
)

// ErrCorrupt is what reading a damaged or truncated record gives.
var ErrCorrupt = errors.New("cache record corrupt or truncated")

// AppendCount appends 0 for a nil slice, map or pointer, else n+1.
func AppendCount(b []byte, n int, isNil bool) []byte {
	if isNil {
		return append(b, 0)
	}
	return binary.AppendUvarint(b, uint64(n)+1)
}

// AppendBytes appends a byte slice, nil or not.
func AppendBytes(b, v []byte) []byte {
	b = AppendCount(b, len(v), v == nil)
	return append(b, v...)
}

// AppendString appends a string.
func AppendString(b []byte, s string) []byte {
	b = binary.AppendUvarint(b, uint64(len(s)))
	return append(b, s...)
}

// AppendStrings appends a string slice, nil or not.
func AppendStrings(b []byte, list []string) []byte {
	b = AppendCount(b, len(list), list == nil)
	for _, s := range list {
		b = AppendString(b, s)
	}
	return b
}

// AppendMap appends a map by string keys, nil or not, each value by
// appendValue.
func AppendMap[V any](b []byte, m map[string]V, appendValue func([]byte, V) []byte) []byte {
	b = AppendCount(b, len(m), m == nil)
	for k, v := range m {
		b = AppendString(b, k)
		b = appendValue(b, v)
	}
	return b
}

// AppendBool appends a boolean.
func AppendBool(b []byte, v bool) []byte {
	if v {
		return append(b, 1)
	}
	return append(b, 0)
}

// Sum is the hash the caches keep of a file's bytes: its 64-bit xxHash,
// which no edit is going to collide with. Every content file and every
// page written goes through it, 350 MB at 10,000 pages: SHA-256, even
// with the CPU's instructions for it, took 0.1 s of a cold build's CPU
// there, xxHash a tenth of that.
func Sum(b []byte) uint64 { return xxhash.Sum64(b) }

// Hasher computes Sum of the bytes written to it, for a file read as a
// stream.
type Hasher struct{ h *xxhash.Digest }

// NewHasher returns a Hasher with nothing written.
func NewHasher() Hasher { return Hasher{xxhash.New()} }

// Write adds p to the hashed bytes.
func (h Hasher) Write(p []byte) (int, error) { return h.h.Write(p) }

// Sum is Sum of the bytes written so far.
func (h Hasher) Sum() uint64 { return h.h.Sum64() }

// AppendHash appends 8 bytes.
func AppendHash(b []byte, h uint64) []byte { return binary.LittleEndian.AppendUint64(b, h) }

// AppendInt appends a signed varint.
func AppendInt(b []byte, v int64) []byte { return binary.AppendVarint(b, v) }

// AppendPos appends a position in a file.
func AppendPos(b []byte, p source.Pos) []byte {
	b = AppendString(b, p.Path)
	b = binary.AppendVarint(b, int64(p.Line))
	return binary.AppendVarint(b, int64(p.Col))
}

// AppendErrors appends errors as the cache keeps them: place, message,
// hint (Err is not kept).
func AppendErrors(b []byte, errs []source.Error) []byte {
	b = AppendCount(b, len(errs), errs == nil)
	for _, e := range errs {
		b = AppendPos(b, e.Pos)
		b = AppendString(b, e.Msg)
		b = AppendString(b, e.Hint)
	}
	return b
}

// AppendTime appends a time.
func AppendTime(b []byte, t time.Time) []byte {
	mb, err := t.MarshalBinary()
	if err != nil {
		// A zone offset that is not a whole minute: keep the instant.
		mb, _ = t.UTC().MarshalBinary()
	}
	return AppendBytes(b, mb)
}

// Reader reads records. Once a read fails, Err is set and every later
// read returns a zero value, so a decoder reads on and checks Err once.
type Reader struct {
	b     []byte
	Err   error
	names map[string]string // the short strings read, by themselves
}

// NewReader reads data, which the values read may share: it must not
// change afterwards.
func NewReader(data []byte) *Reader {
	return &Reader{b: data, names: map[string]string{}}
}

func (r *Reader) fail() {
	if r.Err == nil {
		r.Err = ErrCorrupt
	}
	r.b = nil
}

// Next returns the next n bytes, shared with the data.
func (r *Reader) Next(n int) []byte {
	if n < 0 || n > len(r.b) {
		r.fail()
		return nil
	}
	out := r.b[:n:n]
	r.b = r.b[n:]
	return out
}

// Rest returns the bytes not read yet, shared with the data: what a
// value took is Rest before reading it less Rest after.
func (r *Reader) Rest() []byte { return r.b }

// Uvarint reads an unsigned varint.
func (r *Reader) Uvarint() uint64 {
	x, n := binary.Uvarint(r.b)
	if n <= 0 {
		r.fail()
		return 0
	}
	r.b = r.b[n:]
	return x
}

// Int reads a signed varint.
func (r *Reader) Int() int64 {
	x, n := binary.Varint(r.b)
	if n <= 0 {
		r.fail()
		return 0
	}
	r.b = r.b[n:]
	return x
}

// Hash reads 8 bytes.
func (r *Reader) Hash() uint64 {
	b := r.Next(8)
	if b == nil {
		return 0
	}
	return binary.LittleEndian.Uint64(b)
}

// Bool reads a boolean.
func (r *Reader) Bool() bool {
	b := r.Next(1)
	if b == nil || b[0] > 1 {
		r.fail()
		return false
	}
	return b[0] == 1
}

// Count reads what AppendCount wrote: ok is false for nil. A count
// larger than the bytes left is corrupt, as every item takes one.
func (r *Reader) Count() (n int, ok bool) {
	c := r.Uvarint()
	if c == 0 {
		return 0, false
	}
	if c-1 > uint64(len(r.b)) {
		r.fail()
		return 0, false
	}
	return int(c - 1), true
}

// Bytes reads a byte slice, shared with the data.
func (r *Reader) Bytes() []byte {
	n, ok := r.Count()
	if !ok {
		return nil
	}
	return r.Next(n)
}

// String reads a string. Short ones are kept once: the sections,
// languages, kinds, keys, tags and skills that many pages share.
func (r *Reader) String() string {
	n := r.Uvarint()
	if n > uint64(len(r.b)) {
		r.fail()
		return ""
	}
	b := r.Next(int(n))
	if n > 32 {
		return string(b)
	}
	if s, ok := r.names[string(b)]; ok {
		return s
	}
	s := string(b)
	r.names[s] = s
	return s
}

// Strings reads a string slice.
func (r *Reader) Strings() []string {
	n, ok := r.Count()
	if !ok {
		return nil
	}
	out := make([]string, n)
	for i := range out {
		out[i] = r.String()
	}
	return out
}

// ReadMap reads what AppendMap wrote, each value by readValue.
func ReadMap[V any](r *Reader, readValue func(*Reader) V) map[string]V {
	n, ok := r.Count()
	if !ok {
		return nil
	}
	m := make(map[string]V, n)
	for range n {
		k := r.String()
		m[k] = readValue(r)
	}
	return m
}

// Done returns the error of the reads, or ErrCorrupt when bytes are left
// over: a record is read whole or not at all.
func (r *Reader) Done() error {
	if r.Err == nil && len(r.b) > 0 {
		r.Err = ErrCorrupt
	}
	return r.Err
}

// Pos reads a position in a file.
func (r *Reader) Pos() source.Pos {
	return source.Pos{Path: r.String(), Line: int(r.Int()), Col: int(r.Int())}
}

// Errors reads what AppendErrors wrote.
func (r *Reader) Errors() []source.Error {
	n, ok := r.Count()
	if !ok {
		return nil
	}
	out := make([]source.Error, n)
	for i := range out {
		out[i] = source.Error{Pos: r.Pos(), Msg: r.String(), Hint: r.String()}
	}
	return out
}

// Time reads a time.
func (r *Reader) Time() time.Time {
	var t time.Time
	b := r.Bytes()
	if r.Err == nil {
		if err := t.UnmarshalBinary(b); err != nil {
			r.fail()
		}
	}
	return t
}
