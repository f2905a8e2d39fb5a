package generator

import (
	"bytes"
	"encoding/binary"
	"encoding/gob"
	"errors"
	"fmt"
	"io"
	"reflect"
	"sync"
	"testing"

	"binome/generator/internal/wire"
)

// buildFile is the build cache's file. It holds the buildCache's fields
// but its maps through gob, then each map through package wire, as its
// length and bytes. Through gob, each map's bytes were copied into gob's
// buffer as it grew (35 ms at the end of a 10,000-page warm build), and
// read on one core; each is now encoded and decoded on its own.
const buildFile = "build.bin"

var buildMagic = []byte("binome build cache\n")

// wireMap is a map of the build cache that goes outside gob.
type wireMap interface {
	GobEncode() ([]byte, error)
	decode([]byte) error
}

// wireMaps are the maps of c that go outside gob, in the file's order.
func (c *buildCache) wireMaps() []wireMap {
	return []wireMap{&c.Pages, &c.Outputs, &c.ContentSaved, &c.SearchSums, &c.SearchKeys, &c.ExtraSums, &c.StaticStats}
}

// encodeBuildCache writes c as buildFile holds it.
func encodeBuildCache(w io.Writer, c *buildCache) error {
	maps := c.wireMaps()
	parts := make([][]byte, len(maps))
	var wg sync.WaitGroup
	for i, m := range maps {
		wg.Go(func() { parts[i], _ = m.GobEncode() })
	}
	rest := *c
	for _, m := range rest.wireMaps() {
		reflect.ValueOf(m).Elem().SetZero() // in the parts, not in gob's
	}
	var head bytes.Buffer
	err := gob.NewEncoder(&head).Encode(&rest)
	wg.Wait()
	if err != nil {
		return err
	}
	b := append(bytes.Clone(buildMagic), binary.AppendUvarint(nil, uint64(head.Len()))...)
	if _, err := w.Write(append(b, head.Bytes()...)); err != nil {
		return err
	}
	for _, part := range parts {
		if _, err := w.Write(binary.AppendUvarint(nil, uint64(len(part)))); err != nil {
			return err
		}
		if _, err := w.Write(part); err != nil {
			return err
		}
	}
	return nil
}

// decodeBuildCache reads what encodeBuildCache wrote. The cache keeps
// parts of data.
func decodeBuildCache(data []byte) (*buildCache, error) {
	rest, ok := bytes.CutPrefix(data, buildMagic)
	if !ok {
		return nil, errors.New("not a build cache")
	}
	next := func() []byte {
		n, k := binary.Uvarint(rest)
		if k <= 0 || n > uint64(len(rest)-k) {
			return nil
		}
		part := rest[k : k+int(n)]
		rest = rest[k+int(n):]
		return part
	}
	head := next()
	if head == nil {
		return nil, wire.ErrCorrupt
	}
	var c buildCache
	if err := gob.NewDecoder(bytes.NewReader(head)).Decode(&c); err != nil {
		return nil, err
	}
	maps := c.wireMaps()
	parts := make([][]byte, len(maps))
	for i := range parts {
		if parts[i] = next(); parts[i] == nil {
			return nil, wire.ErrCorrupt
		}
	}
	if len(rest) > 0 {
		return nil, wire.ErrCorrupt
	}
	errs := make([]error, len(maps))
	var wg sync.WaitGroup
	for i, m := range maps {
		wg.Go(func() { errs[i] = m.decode(parts[i]) })
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	return &c, nil
}

// pageMemos are the pages' memos in the build cache, by output path: at 10,000
// pages, 10,700 of them, most of the file's 7 MB. gob wrote and read them
// field by field through reflect (70 ms to read, on a warm build's
// critical path); they go through package wire instead, as one byte
// slice that gob copies. Every exported field is written, in declaration
// order; TestBuildCacheRecordsRoundTrip fills them all and fails on any
// that does not come back.
type pageMemos map[string]pageMemo

// GobEncode implements gob.GobEncoder.
func (m pageMemos) GobEncode() ([]byte, error) {
	// Sized for the memos kept as read, and for the others as a memo of
	// the benchmark handbook: 630 bytes on average. Sized for their URLs
	// only, the buffer of a cold build's 53,000 memos grew four times,
	// 80 MB allocated at the end of the build for 34.
	size := 0
	for _, p := range m {
		size += len(p.raw) + len(p.URL) + 64
		if p.raw == nil {
			size += 576
		}
	}
	return wire.AppendMap(make([]byte, 0, size), m, appendPageMemo), nil
}

// GobDecode implements gob.GobDecoder.
func (m *pageMemos) GobDecode(data []byte) error {
	// data is gob's buffer, and the memos keep slices of what they read.
	return m.decode(bytes.Clone(data))
}

// decode reads what GobEncode wrote; the memos keep slices of data.
func (m *pageMemos) decode(data []byte) error {
	r := wire.NewReader(data)
	*m = wire.ReadMap(r, readPageMemo)
	return r.Done()
}

// checkRawMemos has appendPageMemo check, in tests, that a memo written
// from the bytes it was read from encodes to those bytes.
var checkRawMemos = testing.Testing()

// appendPageMemo appends a memo. One kept from the last build as it was
// read is its bytes again: at 10,000 pages, encoding every memo was
// 30 ms at the end of a warm build, which keeps nearly all of them.
func appendPageMemo(b []byte, p pageMemo) []byte {
	if raw := p.raw; raw != nil {
		if checkRawMemos {
			p.raw = nil
			if fresh := appendPageMemo(nil, p); !bytes.Equal(fresh, raw) {
				panic(fmt.Sprintf("the memo of %s changed since it was read, and would be written as read", p.URL))
			}
		}
		return append(b, raw...)
	}
	b = append(b, p.Key[:]...)
	rd := &p.Reads
	b = wire.AppendBool(b, rd.All)
	b = wire.AppendCount(b, len(rd.SummaryRefs), rd.SummaryRefs == nil)
	for _, id := range rd.SummaryRefs {
		b = wire.AppendInt(b, int64(id))
	}
	b = wire.AppendBytes(b, rd.TitleRefs)
	b = wire.AppendBool(b, rd.Bodies)
	b = wire.AppendBool(b, rd.AllTitles)
	b = wire.AppendBytes(b, rd.DataRefs)
	b = wire.AppendBool(b, rd.AllData)
	b = wire.AppendBytes(b, rd.HeadRefs)
	b = wire.AppendBytes(b, rd.NameRefs)
	b = wire.AppendBool(b, rd.Today)
	b = wire.AppendString(b, p.URL)
	b = wire.AppendStrings(b, p.Headings)
	b = wire.AppendCount(b, len(p.Anchors), p.Anchors == nil)
	for _, a := range p.Anchors {
		b = wire.AppendPos(b, a.Pos)
		b = wire.AppendString(b, a.URL)
		b = wire.AppendString(b, a.ID)
		b = wire.AppendString(b, a.Original)
	}
	b = wire.AppendErrors(b, p.Warnings)
	return wire.AppendBool(b, p.Indexed)
}

func readPageMemo(r *wire.Reader) pageMemo {
	var p pageMemo
	start := r.Rest()
	copy(p.Key[:], r.Next(len(p.Key)))
	rd := &p.Reads
	rd.All = r.Bool()
	if n, ok := r.Count(); ok {
		rd.SummaryRefs = make([]int32, n)
		for i := range rd.SummaryRefs {
			rd.SummaryRefs[i] = int32(r.Int())
		}
	}
	rd.TitleRefs = r.Bytes()
	rd.Bodies = r.Bool()
	rd.AllTitles = r.Bool()
	rd.DataRefs = r.Bytes()
	rd.AllData = r.Bool()
	rd.HeadRefs = r.Bytes()
	rd.NameRefs = r.Bytes()
	rd.Today = r.Bool()
	p.URL = r.String()
	p.Headings = r.Strings()
	if n, ok := r.Count(); ok {
		p.Anchors = make([]anchorMemo, n)
		for i := range p.Anchors {
			p.Anchors[i] = anchorMemo{Pos: r.Pos(), URL: r.String(), ID: r.String(), Original: r.String()}
		}
	}
	p.Warnings = r.Errors()
	p.Indexed = r.Bool()
	if r.Err == nil {
		n := len(start) - len(r.Rest())
		p.raw = start[:n:n]
	}
	return p
}

// fileSizes and fileSums are the build cache's maps by file path: the
// output's files (16,400 at 10,000 pages) and their sizes, and the
// content's and search index's files and their hashes. They go through
// package wire too, as gob sets each entry of a map through reflect.
type (
	fileSizes map[string]int64
	fileSums  map[string]uint64
)

// GobEncode implements gob.GobEncoder.
func (m fileSizes) GobEncode() ([]byte, error) {
	return wire.AppendMap(nil, m, wire.AppendInt), nil
}

// decode reads what GobEncode wrote; it keeps no part of data.
func (m *fileSizes) decode(data []byte) error { return m.GobDecode(data) }

// GobDecode implements gob.GobDecoder.
func (m *fileSizes) GobDecode(data []byte) error {
	r := wire.NewReader(data)
	*m = wire.ReadMap(r, (*wire.Reader).Int)
	return r.Done()
}

// GobEncode implements gob.GobEncoder.
func (m fileSums) GobEncode() ([]byte, error) {
	return wire.AppendMap(nil, m, wire.AppendHash), nil
}

// decode reads what GobEncode wrote; it keeps no part of data.
func (m *fileSums) decode(data []byte) error { return m.GobDecode(data) }

// GobDecode implements gob.GobDecoder.
func (m *fileSums) GobDecode(data []byte) error {
	r := wire.NewReader(data)
	*m = wire.ReadMap(r, (*wire.Reader).Hash)
	return r.Done()
}

// GobEncode implements gob.GobEncoder.
func (m fileStats) GobEncode() ([]byte, error) {
	return wire.AppendMap(nil, m, func(b []byte, st fileStat) []byte {
		b = wire.AppendInt(wire.AppendInt(b, st.Size), st.MTime)
		return wire.AppendInt(wire.AppendInt(b, int64(st.Ino)), st.CTime)
	}), nil
}

// decode reads what GobEncode wrote; it keeps no part of data.
func (m *fileStats) decode(data []byte) error { return m.GobDecode(data) }

// GobDecode implements gob.GobDecoder.
func (m *fileStats) GobDecode(data []byte) error {
	r := wire.NewReader(data)
	*m = wire.ReadMap(r, func(r *wire.Reader) fileStat {
		return fileStat{Size: r.Int(), MTime: r.Int(), Ino: uint64(r.Int()), CTime: r.Int()}
	})
	return r.Done()
}
