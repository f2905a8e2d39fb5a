// Package content is the load stage: it walks content/, splits and
// decodes frontmatter (YAML, TOML, JSON) with the line of every key,
// decides each file's language, section, slug and kind, and validates the
// frontmatter against the kind's schema. It produces Pages and assets; it
// knows nothing of URLs of other pages, templates or output.
package content

import (
	"bytes"
	"encoding/binary"
	"errors"
	"io"
	"io/fs"
	"maps"
	"reflect"
	"slices"
	"sync"
	"time"

	"binome/generator/internal/wire"
	"binome/generator/markdown"
	"binome/generator/source"
)

// Page is one Markdown file, decoded and validated.
type Page struct {
	Path    string // site-root-relative source path: content/guides/first-meeting.en.md
	Dir     string // folder under content/ (language folder removed): "guides" or "guides/advanced"; "" at the top
	Section string // first folder of Dir, "" for top-level pages and the home page
	Slug    string // last URL segment ("" for section and home pages)
	Lang    string
	Kind    string // a kind name, "section" for _index.md of a folder, "home" for content/_index.md
	Bundle  bool   // index.md of a leaf bundle: files beside it are its assets
	// Front is the decoded frontmatter while the file loads; afterwards
	// it keeps its Format alone (see Frontmatter).
	Front     Front
	FrontLine int // line where frontmatter keys start (for "missing field" errors)
	Body      []byte
	BodyLine  int    // line of the body's first byte in the file
	Hash      uint64 // of the file's bytes: lets serve and the build cache reuse work
	FrontHash uint64 // of the frontmatter alone: what other pages may show of this one

	Title            string
	LinkTitle        string // linkTitle or sidebar_label, "" when neither
	TitleFromHeading bool
	TitleFromName    bool // titled by its file's name, for want of any other
	Summary          string
	Date, Updated    time.Time
	Draft            bool
	Weight           int
	// Suborder orders pages of one Weight by the fraction of their order
	// (Just the Docs' nav_order: 4.5), in millionths: weights are whole.
	Suborder int
	// Math is set when the text may hold math (markdown.MayHaveMath).
	Math bool
	// Plain is set when markdown.Normalize leaves the text as it is (no
	// other tool's syntax to rewrite), so rendering need not look again.
	Plain   bool
	Tags    []string
	Aliases []string
	// Names are the other names Obsidian gives a note in its aliases
	// (any that is no path: "PTO"), by which a wiki link reaches it.
	Names          []string
	Layout         string
	TranslationKey string
	Owner          string
	Reviewed       time.Time
	ReviewEvery    string

	// Refs are references to other pages written in typed fields.
	Refs []Ref
	// Sessions are a duo's meetings.
	Sessions []Session

	// Taken from the body at load (see digest), so that they are known
	// without it.
	Lead    string         // the first paragraph as plain text, at most LeadLimit characters
	Words   int            // words of the body, for reading times
	Foreign []markdown.Tag // template tags of other generators, at lines of the body

	bodyOffset int       // where the body starts in the normalised file
	nameDate   time.Time // from a Jekyll file name, 2024-01-15-title.md, while loading

	// frontText is the frontmatter as written. A loaded page lets go of
	// its decoded values and positions, most of what it holds in memory
	// and of what the build cache decodes: what Resolve reads of them is
	// in the typed fields, and the rest (templates' .Params, errors at a
	// field) decode it again, once (lazy).
	frontText []byte
	lazy      *lazyFront
	// values are the decoded values, kept from the load (not from the
	// build cache) so that templates reading .Params do not decode the
	// frontmatter a second time.
	values map[string]any
	// untyped holds the string items of list fields no schema types, for
	// taxonomies of any name.
	untyped fields[[]string]
	keys    []string // every key written, sorted

	strings fields[string]
	ints    fields[int]
	lists   fields[[]string]
	dates   fields[time.Time]
}

// String returns a typed string field ("" when unset).
func (p *Page) String(field string) string { return p.strings.at(field) }

// Int returns a typed int field (0 when unset).
func (p *Page) Int(field string) int { return p.ints.at(field) }

// List returns a typed list field.
func (p *Page) List(field string) []string { return p.lists.at(field) }

// Date returns a typed date field.
func (p *Page) DateField(field string) time.Time { return p.dates.at(field) }

// PublishDate is when the page is first published: publishDate, or
// Hugo's other names for it, pubdate and published. Zero when it names
// none; unlike Hugo, date alone schedules nothing, as handbooks date
// events and sessions in the future.
func (p *Page) PublishDate() time.Time {
	return p.firstDate("publishDate", "publishdate", "pubdate", "published")
}

// ExpiryDate is when the page stops being published: expiryDate, or
// Hugo's expirydate and unpublishdate. Zero when it names none.
func (p *Page) ExpiryDate() time.Time {
	return p.firstDate("expiryDate", "expirydate", "unpublishdate")
}

func (p *Page) firstDate(fields ...string) time.Time {
	if len(p.dates) == 0 {
		return time.Time{}
	}
	for _, f := range fields {
		if t := p.dates.at(f); !t.IsZero() {
			return t
		}
	}
	return time.Time{}
}

// Strings returns the strings of a list field: a typed one, or the string
// items of one no schema types.
func (p *Page) Strings(field string) []string {
	if l, ok := p.lists.get(field); ok {
		return l
	}
	return p.untyped.at(field)
}

// Value returns one frontmatter value: a typed field's as its kind's
// schema types it, without decoding the frontmatter again; another's as
// written (see Frontmatter). ok is false when the page has no such key.
func (p *Page) Value(key string) (v any, ok bool) {
	if _, found := slices.BinarySearch(p.keys, key); !found && p.lazy != nil {
		// Not written: the typed fields hold only keys written, so no
		// need to look in each (a build asks every page for a dozen
		// keys most pages do not have, 50 ms at 50,000 pages).
		return nil, false
	}
	if v, ok := p.strings.get(key); ok {
		return v, true
	}
	if v, ok := p.lists.get(key); ok {
		return v, true
	}
	if v, ok := p.ints.get(key); ok {
		return v, true
	}
	if v, ok := p.dates.get(key); ok {
		return v, true
	}
	if v, ok := p.untyped.get(key); ok {
		return v, true
	}
	v, ok = p.Params()[key]
	return v, ok
}

// Params are the frontmatter values as written, for templates.
func (p *Page) Params() map[string]any {
	if p.values != nil {
		return p.values
	}
	return p.Frontmatter().Values
}

// PosOf returns where a field was written, or the frontmatter start.
func (p *Page) PosOf(field string) source.Pos {
	if pos, ok := p.Frontmatter().Pos[field]; ok {
		return pos
	}
	return source.Pos{Path: p.Path, Line: max(p.FrontLine, 1)}
}

// lazyFront is a loaded page's frontmatter, decoded again on first use.
type lazyFront struct {
	once sync.Once
	f    Front
}

// Frontmatter returns the page's decoded frontmatter: its values as
// written and where each key stands.
func (p *Page) Frontmatter() Front {
	if p.lazy == nil {
		return p.Front // still loading
	}
	p.lazy.once.Do(func() {
		f, err := decode(p.Path, capture{format: p.Front.Format, raw: p.frontText}, p.FrontLine)
		if err != nil {
			// It decoded when the file was loaded: only a changed decoder
			// could fail here, and a page without values is the safe side.
			f = Front{Format: p.Front.Format}
		}
		if f.Values == nil {
			f.Values = map[string]any{}
		}
		if f.Pos == nil {
			f.Pos = map[string]source.Pos{}
		}
		p.lazy.f = f
	})
	return p.lazy.f
}

// compact lets go of the decoded frontmatter once the page is loaded,
// keeping what Frontmatter needs to decode it again.
func (p *Page) compact() {
	p.keys = slices.Sorted(maps.Keys(p.Front.Values))
	// In the keys' order, as the typed fields are filled: a page loaded
	// again equals its decoded cache record (SameExceptBody).
	for _, k := range p.keys {
		if _, typed := p.lists.get(k); typed {
			continue
		}
		if items, ok := p.Front.Values[k].([]any); ok {
			var strs []string
			for _, x := range items {
				if t, ok := x.(string); ok {
					strs = append(strs, t)
				}
			}
			if strs != nil {
				p.untyped.set(k, strs)
			}
		}
	}
	p.values = p.Front.Values
	p.Front = Front{Format: p.Front.Format}
	p.lazy = &lazyFront{}
}

// IsList reports whether the page lists others (home and sections).
func (p *Page) IsList() bool { return p.Kind == "home" || p.Kind == "section" }

// Asset is a file under content/ that is not Markdown: a bundle's image,
// or any file outside bundles. It is copied to the output as is.
type Asset struct {
	Path string // site-root-relative source path
	Rel  string // path under content/, language folder removed
	Lang string // language of the folder it is in, "" for all
	Hash uint64
}

// SameExceptBody reports whether q is p with another body: every field
// decoded from the file, title and dates included, is equal. What the rest
// of the site shows of a page comes from those fields, so a change of body
// alone leaves every other page as it was, but for what was taken from
// the body (Lead, Words, Foreign), which the caller takes anew.
func (p *Page) SameExceptBody(q *Page) bool {
	a, b := *p, *q
	a.Body, b.Body = nil, nil
	a.Hash, b.Hash = 0, 0
	a.Lead, b.Lead = "", ""
	a.Words, b.Words = 0, 0
	a.Foreign, b.Foreign = nil, nil
	a.lazy, b.lazy = nil, nil // decoded or not, from equal frontText
	return reflect.DeepEqual(a, b)
}

// ErrStale is wrapped by ReadBody's error when the file's bytes are not
// those loaded: it changed during the build, or since the build cache took
// it to be unchanged by its size and time, which a build then stops
// trusting.
var ErrStale = errors.New("file changed since it was loaded")

// ReadBody reads the page's body again from its file, for a caller that
// let go of Body to save memory. The file must be the one loaded: a file
// changed since is an error, not another page's text.
func (p *Page) ReadBody(fsys fs.FS) ([]byte, error) {
	body, _, err := p.ReadBodyInto(fsys, nil)
	return body, err
}

// ReadBodyInto is ReadBody reading the file into buf, grown as needed,
// for a caller that reuses one buffer from page to page; it returns the
// buffer too. The body may be in buf.
func (p *Page) ReadBodyInto(fsys fs.FS, buf []byte) (body, grown []byte, err error) {
	data, _, err := readFileInto(fsys, p.Path, buf[:0])
	if err != nil {
		return nil, buf, source.Errorf(source.Pos{Path: p.Path}, "cannot read: %v", cleanFSError(err))
	}
	grown = data
	norm := normalize(data)
	if wire.Sum(data) != p.Hash || p.bodyOffset > len(norm) {
		e := source.Errorf(source.Pos{Path: p.Path}, "the file changed while the site was being built").
			WithHint("build again once the file is saved")
		e.Err = ErrStale
		return nil, grown, e
	}
	return norm[p.bodyOffset:], grown, nil
}

// readFileInto appends the file's bytes to buf, as fs.ReadFile reads them,
// and returns the file's size and time as they were before it was read.
func readFileInto(fsys fs.FS, name string, buf []byte) ([]byte, fileStat, error) {
	f, err := fsys.Open(name)
	if err != nil {
		return buf, fileStat{}, err
	}
	return readOpened(f, buf)
}

// readOpened is readFileInto of a file opened, which it closes.
func readOpened(f fs.File, buf []byte) ([]byte, fileStat, error) {
	defer f.Close()
	var st fileStat
	if fi, err := f.Stat(); err == nil {
		st = statOf(fi)
		if fi.Size() > 0 && fi.Size() < 1<<30 {
			buf = slices.Grow(buf, int(fi.Size())+1) // +1: EOF is seen without growing
		}
	}
	for {
		if len(buf) == cap(buf) {
			buf = slices.Grow(buf, 4096)
		}
		n, err := f.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+n]
		if err == io.EOF {
			return buf, st, nil
		}
		if err != nil {
			return buf, st, err
		}
	}
}

// titleKeys are the frontmatter fields a page's titles come from (see
// common), which NavHash leaves out.
var titleKeys = []string{"title", "linkTitle", "linktitle", "sidebar_label", "menuTitle"}

// WriteNav writes to w what FrontHash hashes, but the lines that give
// the page's titles: what other pages may show of this one but its
// titles, which the build cache follows page by page. Only top-level
// YAML and TOML lines are left out; a title written over several lines,
// or in JSON, stays in, which costs renderings, never a stale page.
func (p *Page) WriteNav(w io.Writer) {
	if p.Front.Format != "yaml" && p.Front.Format != "toml" {
		var b [8]byte
		binary.LittleEndian.PutUint64(b[:], p.FrontHash)
		w.Write(b[:])
		return
	}
	sep := byte(':')
	if p.Front.Format == "toml" {
		sep = '='
	}
	for line := range bytes.Lines(p.frontText) {
		if !isTitleLine(line, sep) {
			w.Write(line)
		}
	}
}

func isTitleLine(line []byte, sep byte) bool {
	for _, k := range titleKeys {
		if rest, ok := bytes.CutPrefix(line, []byte(k)); ok {
			rest = bytes.TrimLeft(rest, " \t")
			if len(rest) > 0 && rest[0] == sep {
				return true
			}
		}
	}
	return false
}
