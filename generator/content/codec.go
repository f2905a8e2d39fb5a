package content

import (
	"errors"
	"fmt"
	"io"
	"sync"

	"binome/generator/internal/fileid"
	"binome/generator/internal/wire"
	"binome/generator/markdown"
)

// The parse cache's format: the fields of setRecord, fileRecord and
// pageRecord in the order they are declared, as package wire writes them.
// A change to the mirror types must come with one here and a new
// cacheVersion; TestCacheRecordRoundTrip fills every field of them and
// fails on any that does not come back.

var cacheMagic = []byte("binome parse cache\n")

func (g *setRecord) append(b []byte) []byte {
	g.write(func(p []byte) { b = append(b, p...) })
	return b
}

// writeTo writes to w what append appends, a part at a time: appended
// whole, the 12 MB of 10,000 pages were copied thrice more.
func (g *setRecord) writeTo(w io.Writer) error {
	var err error
	g.write(func(p []byte) {
		if err == nil {
			_, err = w.Write(p)
		}
	})
	return err
}

// write gives emit the record's bytes in order, in pieces it may not
// keep.
func (g *setRecord) write(emit func([]byte)) {
	b := append([]byte(nil), cacheMagic...)
	b = wire.AppendInt(b, int64(g.Version))
	b = append(b, g.Binary[:]...)
	b = wire.AppendInt(b, g.LoadedAt)
	if g.Files == nil {
		emit(wire.AppendCount(b, 0, true))
		return
	}
	// The files in filesParts parts, each a map of its own that a core
	// decodes: reading 10,000 pages' records was 60 ms on one core, at
	// the start of every warm build.
	parts := make([]map[string]fileRecord, filesParts)
	for i := range parts {
		parts[i] = make(map[string]fileRecord, len(g.Files)/filesParts+1)
	}
	i := 0
	for path, f := range g.Files {
		parts[i%filesParts][path] = f
		i++
	}
	emit(wire.AppendCount(b, filesParts, false))
	var part []byte
	for _, m := range parts {
		// As wire.AppendBytes writes it: never nil, as it holds the count.
		part = wire.AppendMap(part[:0], m, func(b []byte, f fileRecord) []byte { return f.append(b) })
		emit(wire.AppendCount(b[:0], len(part), false))
		emit(part)
	}
}

// filesParts is how many parts a Set's files are written in.
const filesParts = 4

func (f *fileRecord) append(b []byte) []byte {
	b = wire.AppendHash(b, f.Hash)
	b = wire.AppendInt(b, f.Size)
	b = wire.AppendInt(b, f.MTime)
	b = wire.AppendInt(b, int64(f.Ino))
	b = wire.AppendInt(b, f.CTime)
	b = wire.AppendCount(b, 0, f.Page == nil)
	if f.Page != nil {
		b = f.Page.append(b)
	}
	b = wire.AppendCount(b, 0, f.Asset == nil)
	if a := f.Asset; a != nil {
		b = wire.AppendString(b, a.Path)
		b = wire.AppendString(b, a.Rel)
		b = wire.AppendString(b, a.Lang)
		b = wire.AppendHash(b, a.Hash)
	}
	b = wire.AppendStrings(b, f.TOC)
	b = wire.AppendStrings(b, f.TOCTitles)
	return wire.AppendErrors(b, f.Warns)
}

func (p *pageRecord) append(b []byte) []byte {
	for _, s := range [...]string{p.Path, p.Dir, p.Section, p.Slug, p.Lang, p.Kind} {
		b = wire.AppendString(b, s)
	}
	b = wire.AppendBool(b, p.Bundle)
	b = wire.AppendString(b, p.FrontFormat)
	b = wire.AppendBytes(b, p.FrontText)
	b = appendFields(b, p.Untyped, wire.AppendStrings)
	b = wire.AppendStrings(b, p.Keys)
	b = wire.AppendInt(b, int64(p.FrontLine))
	b = wire.AppendInt(b, int64(p.BodyLine))
	b = wire.AppendInt(b, int64(p.BodyOffset))
	b = wire.AppendHash(b, p.Hash)
	b = wire.AppendHash(b, p.FrontHash)

	b = wire.AppendString(b, p.Title)
	b = wire.AppendString(b, p.LinkTitle)
	b = wire.AppendBool(b, p.TitleFromHeading)
	b = wire.AppendBool(b, p.TitleFromName)
	b = wire.AppendString(b, p.Summary)
	b = wire.AppendTime(b, p.Date)
	b = wire.AppendTime(b, p.Updated)
	b = wire.AppendBool(b, p.Draft)
	b = wire.AppendInt(b, int64(p.Weight))
	b = wire.AppendInt(b, int64(p.Suborder))
	b = wire.AppendBool(b, p.Math)
	b = wire.AppendBool(b, p.Plain)
	b = wire.AppendStrings(b, p.Tags)
	b = wire.AppendStrings(b, p.Aliases)
	b = wire.AppendStrings(b, p.Names)
	b = wire.AppendString(b, p.Layout)
	b = wire.AppendString(b, p.TranslationKey)
	b = wire.AppendString(b, p.Owner)
	b = wire.AppendTime(b, p.Reviewed)
	b = wire.AppendString(b, p.ReviewEvery)
	b = wire.AppendCount(b, len(p.Refs), p.Refs == nil)
	for _, r := range p.Refs {
		b = wire.AppendString(b, r.Field)
		b = wire.AppendString(b, r.Target)
		b = wire.AppendString(b, r.Kind)
		b = wire.AppendPos(b, r.Pos)
	}
	b = wire.AppendCount(b, len(p.Sessions), p.Sessions == nil)
	for _, s := range p.Sessions {
		b = wire.AppendTime(b, s.Date)
		b = wire.AppendInt(b, int64(s.Minutes))
		b = wire.AppendString(b, s.Topic)
	}
	b = wire.AppendString(b, p.Lead)
	b = wire.AppendInt(b, int64(p.Words))
	b = wire.AppendCount(b, len(p.Foreign), p.Foreign == nil)
	for _, t := range p.Foreign {
		b = wire.AppendInt(b, int64(t.Line))
		b = wire.AppendString(b, t.Text)
	}

	b = appendFields(b, p.Strings, wire.AppendString)
	b = appendFields(b, p.Ints, func(b []byte, v int) []byte { return wire.AppendInt(b, int64(v)) })
	b = appendFields(b, p.Lists, wire.AppendStrings)
	return appendFields(b, p.Dates, wire.AppendTime)
}

// decodeSetRecord reads what setRecord.append wrote. Any byte out of place
// makes it fail, never panic: the cache is then ignored.
func decodeSetRecord(data []byte) (g setRecord, err error) {
	if len(data) < len(cacheMagic) || string(data[:len(cacheMagic)]) != string(cacheMagic) {
		return g, wire.ErrCorrupt
	}
	r := wire.NewReader(data[len(cacheMagic):])
	g.Version = int(r.Int())
	if g.Version != cacheVersion {
		return g, fmt.Errorf("parse cache: version %d, want %d", g.Version, cacheVersion)
	}
	copy(g.Binary[:], r.Next(len(g.Binary)))
	g.LoadedAt = r.Int()
	n, ok := r.Count()
	if !ok || r.Err != nil {
		return g, r.Done()
	}
	parts := make([][]byte, n)
	for i := range parts {
		parts[i] = r.Bytes()
	}
	if err := r.Done(); err != nil {
		return g, err
	}
	maps := make([]map[string]fileRecord, n)
	errs := make([]error, n)
	var wg sync.WaitGroup
	for i, part := range parts {
		wg.Go(func() {
			r := wire.NewReader(part)
			maps[i] = wire.ReadMap(r, readFile)
			errs[i] = r.Done()
		})
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return g, err
	}
	size := 0
	for _, m := range maps {
		size += len(m)
	}
	g.Files = make(map[string]fileRecord, size)
	for _, m := range maps {
		for path, f := range m {
			if _, dup := g.Files[path]; dup {
				return g, wire.ErrCorrupt
			}
			g.Files[path] = f
		}
	}
	return g, nil
}

func readFile(r *wire.Reader) fileRecord {
	f := fileRecord{Hash: r.Hash(), Stamp: fileid.Stamp{Size: r.Int(), MTime: r.Int(), Ino: uint64(r.Int()), CTime: r.Int()}}
	if _, ok := r.Count(); ok {
		f.Page = readPage(r)
	}
	if _, ok := r.Count(); ok {
		f.Asset = &Asset{Path: r.String(), Rel: r.String(), Lang: r.String(), Hash: r.Hash()}
	}
	f.TOC = r.Strings()
	f.TOCTitles = r.Strings()
	f.Warns = r.Errors()
	return f
}

func readPage(r *wire.Reader) *pageRecord {
	p := &pageRecord{Path: r.String(), Dir: r.String(), Section: r.String(), Slug: r.String(), Lang: r.String(), Kind: r.String(),
		Bundle: r.Bool(), FrontFormat: r.String(), FrontText: r.Bytes(), Untyped: readFields(r, (*wire.Reader).Strings), Keys: r.Strings(),
		FrontLine: int(r.Int()), BodyLine: int(r.Int()), BodyOffset: int(r.Int()), Hash: r.Hash(), FrontHash: r.Hash()}

	p.Title = r.String()
	p.LinkTitle = r.String()
	p.TitleFromHeading = r.Bool()
	p.TitleFromName = r.Bool()
	p.Summary = r.String()
	p.Date = r.Time()
	p.Updated = r.Time()
	p.Draft = r.Bool()
	p.Weight = int(r.Int())
	p.Suborder = int(r.Int())
	p.Math = r.Bool()
	p.Plain = r.Bool()
	p.Tags = r.Strings()
	p.Aliases = r.Strings()
	p.Names = r.Strings()
	p.Layout = r.String()
	p.TranslationKey = r.String()
	p.Owner = r.String()
	p.Reviewed = r.Time()
	p.ReviewEvery = r.String()
	if n, ok := r.Count(); ok {
		p.Refs = make([]Ref, n)
		for i := range p.Refs {
			p.Refs[i] = Ref{Field: r.String(), Target: r.String(), Kind: r.String(), Pos: r.Pos()}
		}
	}
	if n, ok := r.Count(); ok {
		p.Sessions = make([]Session, n)
		for i := range p.Sessions {
			p.Sessions[i] = Session{Date: r.Time(), Minutes: int(r.Int()), Topic: r.String()}
		}
	}
	p.Lead = r.String()
	p.Words = int(r.Int())
	if n, ok := r.Count(); ok {
		p.Foreign = make([]markdown.Tag, n)
		for i := range p.Foreign {
			p.Foreign[i] = markdown.Tag{Line: int(r.Int()), Text: r.String()}
		}
	}

	p.Strings = readFields(r, (*wire.Reader).String)
	p.Ints = readFields(r, func(r *wire.Reader) int { return int(r.Int()) })
	p.Lists = readFields(r, (*wire.Reader).Strings)
	p.Dates = readFields(r, (*wire.Reader).Time)
	if r.Err != nil {
		return nil
	}
	return p
}
