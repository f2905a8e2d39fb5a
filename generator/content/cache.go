package content

import (
	"errors"
	"io"
	"sort"
	"time"

	"binome/generator/internal/binid"
	"binome/generator/internal/fileid"
	"binome/generator/markdown"
	"binome/generator/source"
)

// The build cache keeps a loaded Set between runs of `binome build`, so a
// build re-parses only the files whose bytes changed. Pages are written
// through the mirror types below, which spell out every field, unexported
// ones included, in a format of our own (codec.go): gob took 126 ms and
// 810,000 allocations to decode the 11 MB of a 10,000-page site, a tenth
// of a warm build, as it goes through reflect for every field.

// cacheVersion changes whenever the mirror types, the meaning of a field
// or the format change: an older cache is then ignored, never misread.
const cacheVersion = 21

type setRecord struct {
	Version  int
	Binary   [32]byte // binid.Key of the binome that wrote it
	Files    map[string]fileRecord
	LoadedAt int64 // Set.loadedAt
}

type fileRecord struct {
	Hash uint64
	// Stamp is the file's when it was read (MTime 0: unknown).
	fileid.Stamp
	Page      *pageRecord
	Asset     *Asset
	TOC       []string
	TOCTitles []string
	Warns     []source.Error
}

type pageRecord struct {
	Path, Dir, Section, Slug, Lang, Kind string
	Bundle                               bool
	FrontFormat                          string
	FrontText                            []byte
	Untyped                              fields[[]string]
	Keys                                 []string
	FrontLine, BodyLine                  int
	// BodyOffset stands for the body: the file is read again to check its
	// hash anyway, and keeping every body would double the cache.
	BodyOffset      int
	Hash, FrontHash uint64

	Title            string
	LinkTitle        string
	TitleFromHeading bool
	TitleFromName    bool
	Summary          string
	Date, Updated    time.Time
	Draft            bool
	Weight           int
	Suborder         int
	Math             bool
	Plain            bool
	Tags, Aliases    []string
	Names            []string
	Layout           string
	TranslationKey   string
	Owner            string
	Reviewed         time.Time
	ReviewEvery      string
	Refs             []Ref
	Sessions         []Session
	Lead             string
	Words            int
	Foreign          []markdown.Tag

	Strings fields[string]
	Ints    fields[int]
	Lists   fields[[]string]
	Dates   fields[time.Time]
}

// Encode writes the Set's parsed files for a later Load's Previous. Files
// that failed to load are left out: they are read again next time.
func (s *Set) Encode(w io.Writer) error {
	g := setRecord{Version: cacheVersion, Binary: binid.Key(), Files: make(map[string]fileRecord, len(s.files)), LoadedAt: s.loadedAt}
	for path, e := range s.files {
		if e.err != nil {
			continue
		}
		f := fileRecord{Hash: e.hash, Asset: e.asset, TOC: e.toc, TOCTitles: e.tocTitles}
		if e.stat.ok {
			f.Stamp = e.stat.Stamp
		}
		for _, w := range e.warns {
			var se *source.Error
			if errors.As(w, &se) {
				f.Warns = append(f.Warns, source.Error{Pos: se.Pos, Msg: se.Msg, Hint: se.Hint})
			}
		}
		if p := e.page; p != nil {
			f.Page = &pageRecord{
				Path: p.Path, Dir: p.Dir, Section: p.Section, Slug: p.Slug, Lang: p.Lang, Kind: p.Kind, Bundle: p.Bundle,
				FrontFormat: p.Front.Format, FrontText: p.frontText, Untyped: p.untyped, Keys: p.keys,
				FrontLine: p.FrontLine, BodyLine: p.BodyLine, BodyOffset: p.bodyOffset, Hash: p.Hash, FrontHash: p.FrontHash,
				Title: p.Title, LinkTitle: p.LinkTitle, TitleFromHeading: p.TitleFromHeading, TitleFromName: p.TitleFromName, Summary: p.Summary, Date: p.Date, Updated: p.Updated,
				Draft: p.Draft, Weight: p.Weight, Suborder: p.Suborder, Math: p.Math, Plain: p.Plain, Tags: p.Tags, Aliases: p.Aliases, Names: p.Names, Layout: p.Layout,
				TranslationKey: p.TranslationKey, Owner: p.Owner, Reviewed: p.Reviewed, ReviewEvery: p.ReviewEvery,
				Refs: p.Refs, Sessions: p.Sessions, Lead: p.Lead, Words: p.Words, Foreign: p.Foreign, Strings: p.strings, Ints: p.ints, Lists: p.lists, Dates: p.dates,
			}
		}
		g.Files[path] = f
	}
	return g.writeTo(w)
}

// DecodeSet reads what Encode wrote. The Set keeps parts of data: it
// must not change afterwards. The result is only good as a Load's
// Previous: Load compares every file's hash, or its size and time, before
// reusing it.
func DecodeSet(data []byte) (*Set, error) {
	g, err := decodeSetRecord(data)
	if err != nil {
		return nil, err
	}
	if g.Version != cacheVersion || g.Binary != binid.Key() {
		return nil, errors.New("cache written by another version of binome")
	}
	s := &Set{files: make(map[string]fileEntry, len(g.Files)), loadedAt: g.LoadedAt}
	for path, f := range g.Files {
		e := fileEntry{hash: f.Hash, asset: f.Asset, toc: f.TOC, tocTitles: f.TOCTitles, stat: fileStat{Stamp: f.Stamp, ok: f.MTime != 0}}
		for i := range f.Warns {
			w := f.Warns[i]
			e.warns = append(e.warns, &w)
		}
		if pg := f.Page; pg != nil {
			p := &Page{
				Path: pg.Path, Dir: pg.Dir, Section: pg.Section, Slug: pg.Slug, Lang: pg.Lang, Kind: pg.Kind, Bundle: pg.Bundle,
				Front: Front{Format: pg.FrontFormat}, frontText: pg.FrontText, untyped: pg.Untyped, keys: pg.Keys, lazy: &lazyFront{},
				FrontLine: pg.FrontLine, BodyLine: pg.BodyLine, bodyOffset: pg.BodyOffset, Hash: pg.Hash, FrontHash: pg.FrontHash,
				Title: pg.Title, LinkTitle: pg.LinkTitle, TitleFromHeading: pg.TitleFromHeading, TitleFromName: pg.TitleFromName, Summary: pg.Summary, Date: pg.Date, Updated: pg.Updated,
				Draft: pg.Draft, Weight: pg.Weight, Suborder: pg.Suborder, Math: pg.Math, Plain: pg.Plain, Tags: pg.Tags, Aliases: pg.Aliases, Names: pg.Names, Layout: pg.Layout,
				TranslationKey: pg.TranslationKey, Owner: pg.Owner, Reviewed: pg.Reviewed, ReviewEvery: pg.ReviewEvery,
				Refs: pg.Refs, Sessions: pg.Sessions, Lead: pg.Lead, Words: pg.Words, Foreign: pg.Foreign,
				strings: pg.Strings, ints: pg.Ints, lists: pg.Lists, dates: pg.Dates,
			}
			e.page = p
		}
		s.files[path] = e
		s.paths = append(s.paths, path)
	}
	sort.Strings(s.paths)
	return s, nil
}
