package content

import (
	"encoding/binary"
	"errors"
	"fmt"
	"time"

	"binome/generator/markdown"
	"binome/generator/source"
)

// The parse cache's format: the fields of setRecord, fileRecord and
// pageRecord in the order they are declared, each as
//   - an unsigned or signed varint: counts, lines, sizes, times in
//     seconds, booleans (0 or 1);
//   - 8 bytes, little-endian: hashes, which varints would lengthen;
//   - a count then the bytes: strings, byte slices, times (their
//     MarshalBinary, which keeps the zone's offset as gob does);
//   - for a slice, map or pointer, 0 when it is nil, else its length plus
//     one then its items, so that a value comes back as it went, nil or
//     empty.
//
// A change to the mirror types must come with one here and a new
// cacheVersion; TestCacheRecordRoundTrip fills every field of them and
// fails on any that does not come back.

var cacheMagic = []byte("binome parse cache\n")

var errCorruptCache = errors.New("parse cache: corrupt or truncated")

func (g *setRecord) append(b []byte) []byte {
	b = append(b, cacheMagic...)
	b = binary.AppendUvarint(b, uint64(g.Version))
	b = append(b, g.Binary[:]...)
	b = binary.AppendVarint(b, g.LoadedAt)
	b = appendCount(b, len(g.Files), g.Files == nil)
	for path, f := range g.Files {
		b = appendString(b, path)
		b = f.append(b)
	}
	return b
}

func (f *fileRecord) append(b []byte) []byte {
	b = binary.LittleEndian.AppendUint64(b, f.Hash)
	b = binary.AppendVarint(b, f.Size)
	b = binary.AppendVarint(b, f.MTime)
	b = appendCount(b, 0, f.Page == nil)
	if f.Page != nil {
		b = f.Page.append(b)
	}
	b = appendCount(b, 0, f.Asset == nil)
	if a := f.Asset; a != nil {
		b = appendString(b, a.Path)
		b = appendString(b, a.Rel)
		b = appendString(b, a.Lang)
		b = binary.LittleEndian.AppendUint64(b, a.Hash)
	}
	b = appendStrings(b, f.TOC)
	b = appendStrings(b, f.TOCTitles)
	b = appendCount(b, len(f.Warns), f.Warns == nil)
	for _, w := range f.Warns {
		b = appendPos(b, w.Pos)
		b = appendString(b, w.Msg)
		b = appendString(b, w.Hint)
	}
	return b
}

func (p *pageRecord) append(b []byte) []byte {
	for _, s := range [...]string{p.Path, p.Dir, p.Section, p.Slug, p.Lang, p.Kind} {
		b = appendString(b, s)
	}
	b = appendBool(b, p.Bundle)
	b = appendString(b, p.FrontFormat)
	b = appendCount(b, len(p.FrontText), p.FrontText == nil)
	b = append(b, p.FrontText...)
	b = appendLists(b, p.Untyped)
	b = appendStrings(b, p.Keys)
	b = binary.AppendVarint(b, int64(p.FrontLine))
	b = binary.AppendVarint(b, int64(p.BodyLine))
	b = binary.AppendVarint(b, int64(p.BodyOffset))
	b = binary.LittleEndian.AppendUint64(b, p.Hash)
	b = binary.LittleEndian.AppendUint64(b, p.FrontHash)

	b = appendString(b, p.Title)
	b = appendString(b, p.LinkTitle)
	b = appendBool(b, p.TitleFromHeading)
	b = appendBool(b, p.TitleFromName)
	b = appendString(b, p.Summary)
	b = appendTime(b, p.Date)
	b = appendTime(b, p.Updated)
	b = appendBool(b, p.Draft)
	b = binary.AppendVarint(b, int64(p.Weight))
	b = appendStrings(b, p.Tags)
	b = appendStrings(b, p.Aliases)
	b = appendStrings(b, p.Names)
	b = appendString(b, p.Layout)
	b = appendString(b, p.TranslationKey)
	b = appendString(b, p.Owner)
	b = appendTime(b, p.Reviewed)
	b = appendString(b, p.ReviewEvery)
	b = appendCount(b, len(p.Refs), p.Refs == nil)
	for _, r := range p.Refs {
		b = appendString(b, r.Field)
		b = appendString(b, r.Target)
		b = appendString(b, r.Kind)
		b = appendPos(b, r.Pos)
	}
	b = appendCount(b, len(p.Sessions), p.Sessions == nil)
	for _, s := range p.Sessions {
		b = appendTime(b, s.Date)
		b = binary.AppendVarint(b, int64(s.Minutes))
		b = appendString(b, s.Topic)
	}
	b = appendString(b, p.Lead)
	b = binary.AppendVarint(b, int64(p.Words))
	b = appendCount(b, len(p.Foreign), p.Foreign == nil)
	for _, t := range p.Foreign {
		b = binary.AppendVarint(b, int64(t.Line))
		b = appendString(b, t.Text)
	}

	b = appendCount(b, len(p.Strings), p.Strings == nil)
	for k, v := range p.Strings {
		b = appendString(b, k)
		b = appendString(b, v)
	}
	b = appendCount(b, len(p.Ints), p.Ints == nil)
	for k, v := range p.Ints {
		b = appendString(b, k)
		b = binary.AppendVarint(b, int64(v))
	}
	b = appendLists(b, p.Lists)
	b = appendCount(b, len(p.Dates), p.Dates == nil)
	for k, v := range p.Dates {
		b = appendString(b, k)
		b = appendTime(b, v)
	}
	return b
}

// appendCount appends 0 for a nil slice, map or pointer, else n+1.
func appendCount(b []byte, n int, isNil bool) []byte {
	if isNil {
		return append(b, 0)
	}
	return binary.AppendUvarint(b, uint64(n)+1)
}

func appendString(b []byte, s string) []byte {
	b = binary.AppendUvarint(b, uint64(len(s)))
	return append(b, s...)
}

func appendStrings(b []byte, list []string) []byte {
	b = appendCount(b, len(list), list == nil)
	for _, s := range list {
		b = appendString(b, s)
	}
	return b
}

func appendLists(b []byte, m map[string][]string) []byte {
	b = appendCount(b, len(m), m == nil)
	for k, v := range m {
		b = appendString(b, k)
		b = appendStrings(b, v)
	}
	return b
}

func appendBool(b []byte, v bool) []byte {
	if v {
		return append(b, 1)
	}
	return append(b, 0)
}

func appendPos(b []byte, p source.Pos) []byte {
	b = appendString(b, p.Path)
	b = binary.AppendVarint(b, int64(p.Line))
	return binary.AppendVarint(b, int64(p.Col))
}

func appendTime(b []byte, t time.Time) []byte {
	mb, err := t.MarshalBinary()
	if err != nil {
		// A zone offset that is not a whole minute: keep the instant.
		mb, _ = t.UTC().MarshalBinary()
	}
	b = binary.AppendUvarint(b, uint64(len(mb)))
	return append(b, mb...)
}

// decodeSetRecord reads what setRecord.append wrote. Any byte out of place
// makes it fail, never panic: the cache is then ignored.
func decodeSetRecord(data []byte) (g setRecord, err error) {
	if len(data) < len(cacheMagic) || string(data[:len(cacheMagic)]) != string(cacheMagic) {
		return g, errCorruptCache
	}
	r := &cacheReader{b: data[len(cacheMagic):], names: map[string]string{}}
	g.Version = int(r.uvarint())
	if g.Version != cacheVersion {
		return g, fmt.Errorf("parse cache: version %d, want %d", g.Version, cacheVersion)
	}
	copy(g.Binary[:], r.next(len(g.Binary)))
	g.LoadedAt = r.varint()
	if n, ok := r.count(); ok {
		g.Files = make(map[string]fileRecord, n)
		for range n {
			path := r.str()
			g.Files[path] = r.file()
		}
	}
	if r.err == nil && len(r.b) > 0 {
		r.err = errCorruptCache
	}
	return g, r.err
}

// cacheReader reads the parse cache's fields. Once a read fails, err is
// set and every later read returns a zero value.
type cacheReader struct {
	b     []byte
	err   error
	names map[string]string // the short strings read, by themselves
}

func (r *cacheReader) fail() {
	if r.err == nil {
		r.err = errCorruptCache
	}
	r.b = nil
}

func (r *cacheReader) next(n int) []byte {
	if n < 0 || n > len(r.b) {
		r.fail()
		return nil
	}
	out := r.b[:n:n]
	r.b = r.b[n:]
	return out
}

func (r *cacheReader) uvarint() uint64 {
	x, n := binary.Uvarint(r.b)
	if n <= 0 {
		r.fail()
		return 0
	}
	r.b = r.b[n:]
	return x
}

func (r *cacheReader) varint() int64 {
	x, n := binary.Varint(r.b)
	if n <= 0 {
		r.fail()
		return 0
	}
	r.b = r.b[n:]
	return x
}

func (r *cacheReader) int() int { return int(r.varint()) }

func (r *cacheReader) u64() uint64 {
	b := r.next(8)
	if b == nil {
		return 0
	}
	return binary.LittleEndian.Uint64(b)
}

func (r *cacheReader) bool() bool {
	b := r.next(1)
	if b == nil || b[0] > 1 {
		r.fail()
		return false
	}
	return b[0] == 1
}

// count reads what appendCount wrote: ok is false for nil. A count
// larger than the bytes left is corrupt, as every item takes one.
func (r *cacheReader) count() (n int, ok bool) {
	c := r.uvarint()
	if c == 0 {
		return 0, false
	}
	if c-1 > uint64(len(r.b)) {
		r.fail()
		return 0, false
	}
	return int(c - 1), true
}

// str reads a string. Short ones are kept once: the sections, languages,
// kinds, frontmatter keys, tags and skills that many pages share.
func (r *cacheReader) str() string {
	n := r.uvarint()
	if n > uint64(len(r.b)) {
		r.fail()
		return ""
	}
	b := r.next(int(n))
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

func (r *cacheReader) strs() []string {
	n, ok := r.count()
	if !ok {
		return nil
	}
	out := make([]string, n)
	for i := range out {
		out[i] = r.str()
	}
	return out
}

func (r *cacheReader) lists() map[string][]string {
	n, ok := r.count()
	if !ok {
		return nil
	}
	m := make(map[string][]string, n)
	for range n {
		k := r.str()
		m[k] = r.strs()
	}
	return m
}

func (r *cacheReader) time() time.Time {
	var t time.Time
	n := r.uvarint()
	if n > uint64(len(r.b)) {
		r.fail()
		return t
	}
	if err := t.UnmarshalBinary(r.next(int(n))); err != nil {
		r.fail()
	}
	return t
}

func (r *cacheReader) pos() source.Pos {
	return source.Pos{Path: r.str(), Line: r.int(), Col: r.int()}
}

func (r *cacheReader) file() fileRecord {
	f := fileRecord{Hash: r.u64(), Size: r.varint(), MTime: r.varint()}
	if _, ok := r.count(); ok {
		f.Page = r.page()
	}
	if _, ok := r.count(); ok {
		f.Asset = &Asset{Path: r.str(), Rel: r.str(), Lang: r.str(), Hash: r.u64()}
	}
	f.TOC = r.strs()
	f.TOCTitles = r.strs()
	if n, ok := r.count(); ok {
		f.Warns = make([]source.Error, n)
		for i := range f.Warns {
			f.Warns[i] = source.Error{Pos: r.pos(), Msg: r.str(), Hint: r.str()}
		}
	}
	return f
}

func (r *cacheReader) page() *pageRecord {
	p := &pageRecord{Path: r.str(), Dir: r.str(), Section: r.str(), Slug: r.str(), Lang: r.str(), Kind: r.str(),
		Bundle: r.bool(), FrontFormat: r.str()}
	if n, ok := r.count(); ok {
		p.FrontText = r.next(n)
	}
	p.Untyped = r.lists()
	p.Keys = r.strs()
	p.FrontLine, p.BodyLine, p.BodyOffset = r.int(), r.int(), r.int()
	p.Hash, p.FrontHash = r.u64(), r.u64()

	p.Title = r.str()
	p.LinkTitle = r.str()
	p.TitleFromHeading = r.bool()
	p.TitleFromName = r.bool()
	p.Summary = r.str()
	p.Date = r.time()
	p.Updated = r.time()
	p.Draft = r.bool()
	p.Weight = r.int()
	p.Tags = r.strs()
	p.Aliases = r.strs()
	p.Names = r.strs()
	p.Layout = r.str()
	p.TranslationKey = r.str()
	p.Owner = r.str()
	p.Reviewed = r.time()
	p.ReviewEvery = r.str()
	if n, ok := r.count(); ok {
		p.Refs = make([]Ref, n)
		for i := range p.Refs {
			p.Refs[i] = Ref{Field: r.str(), Target: r.str(), Kind: r.str(), Pos: r.pos()}
		}
	}
	if n, ok := r.count(); ok {
		p.Sessions = make([]Session, n)
		for i := range p.Sessions {
			p.Sessions[i] = Session{Date: r.time(), Minutes: r.int(), Topic: r.str()}
		}
	}
	p.Lead = r.str()
	p.Words = r.int()
	if n, ok := r.count(); ok {
		p.Foreign = make([]markdown.Tag, n)
		for i := range p.Foreign {
			p.Foreign[i] = markdown.Tag{Line: r.int(), Text: r.str()}
		}
	}

	if n, ok := r.count(); ok {
		p.Strings = make(map[string]string, n)
		for range n {
			k := r.str()
			p.Strings[k] = r.str()
		}
	}
	if n, ok := r.count(); ok {
		p.Ints = make(map[string]int, n)
		for range n {
			k := r.str()
			p.Ints[k] = r.int()
		}
	}
	p.Lists = r.lists()
	if n, ok := r.count(); ok {
		p.Dates = make(map[string]time.Time, n)
		for range n {
			k := r.str()
			p.Dates[k] = r.time()
		}
	}
	if r.err != nil {
		return nil
	}
	return p
}
