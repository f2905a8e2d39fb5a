package content

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"
	"html"
	"io"
	"io/fs"
	"math"
	"path"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync/atomic"
	"time"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"binome/generator/config"
	"binome/generator/internal/cores"
	"binome/generator/internal/fileid"
	"binome/generator/internal/wire"
	"binome/generator/source"
)

// Dir is the folder, under the site root, that holds the content.
const Dir = "content"

// gitbookDir is where GitBook keeps uploaded files; see Load.
const gitbookDir = Dir + "/.gitbook"

// MaxFileSize bounds one Markdown file. A 50 MB handbook page builds; a
// larger one is almost certainly a mistake (a log or an export) and would
// make every page that lists it slow.
const MaxFileSize = 64 << 20

// Options tune Load.
type Options struct {
	Drafts bool
	// Previous is the result of the last Load of the same site. Pages whose
	// file bytes did not change are reused as they are, so a rebuild
	// re-parses only what changed.
	Previous *Set
	// Changed, when not nil, lists the site-root-relative paths known to
	// have changed since Previous; files not in it are assumed unchanged
	// and are not read again. nil means unknown: read and compare all.
	Changed map[string]bool
	// Cached, when not nil, yields a Previous from a build cache that
	// the caller may still be decoding, or nil. Load takes every file's
	// size and modification time meanwhile; a file whose size and time
	// are those the cache recorded, well before that load (see
	// unchanged), is taken from the cache unread; the others are read,
	// and parsed again if the cache does not know their hash. It is
	// called once, after Previous is, which wins.
	Cached func() *Set
	// Lstat, when set, takes those sizes and times in place of fs.Stat
	// on the site's file system, by a path of its own. Through os.Root a
	// stat opens and closes every folder on the way to the file: five
	// system calls where one does, 40,000 more for a warm build of
	// 10,000 pages. A stat publishes nothing, and what it vouches for
	// was read through the site's file system before; a symbolic link,
	// not a regular file to lstat, is always read again.
	Lstat func(path string) (fs.FileInfo, error)
	// Open, when set, opens a file to read by a path of its own, and
	// fails on a symbolic link; Load then reads the file through the
	// site's file system, which follows the links that stay inside the
	// site and refuses the others. Loading lists the folders through
	// the site's file system, so none on the way is a link.
	Open func(path string) (fs.File, error)
	// DropBodies leaves Page.Body nil once what the site needs of a body
	// is taken from it (Lead, Words, Foreign): a build reads each text
	// again when it renders the page, so it never holds them all.
	DropBodies bool
	// Listed, when set, is called once the files are listed, before any
	// is read, with how many are Markdown pages.
	Listed func(pages int)
}

// Set is the loaded content of a site.
type Set struct {
	Pages    []*Page // sorted by Path
	Assets   []Asset
	Warnings []error
	Kinds    map[string]*Kind
	// BundleAssets lists, by page source path, the files of its bundle.
	BundleAssets map[string][]string
	// TOC is each page's place in the tables of contents (SUMMARY.md),
	// by source path, from 1: a folder without a section page of its
	// own comes where its first page does.
	TOC map[string]int
	// TOCDirs are the folders of the tables of contents that list pages:
	// a page under one that it does not list is left out of the
	// navigation, as MkDocs leaves out pages its nav does not name.
	TOCDirs []string
	// Reread counts the files this load read although the cache it
	// started from (Options.Cached) had their bytes: their size or time
	// had changed (a checkout, a touch), or was too recent when that
	// cache was made to vouch for them (files written just before a
	// first build). Each load reads them again until the cache is
	// written anew, which they are a reason to do.
	Reread int

	files map[string]fileEntry // every file seen, for Previous/Changed reuse
	paths []string             // the keys of files, sorted
	// loadedAt is when the Load began (Unix ns): a file whose time is
	// later may have changed after it was read, within one tick of the
	// file system's clock.
	loadedAt int64
}

type fileEntry struct {
	page  *Page // nil for assets and skipped files
	asset *Asset
	toc   []string // a table of contents: the source paths it lists
	// tocTitles are the texts of toc's links, one for each path.
	tocTitles []string
	hash      uint64
	err       error
	warns     []error
	stat      fileStat // taken before the file was read
}

// fileStat is a file's stamp (see package fileid); ok is false when it
// is not known.
type fileStat struct {
	fileid.Stamp
	ok bool
}

func statFile(fsys fs.FS, lstat func(string) (fs.FileInfo, error), p string) fileStat {
	var fi fs.FileInfo
	var err error
	if lstat != nil {
		fi, err = lstat(p)
	} else {
		fi, err = fs.Stat(fsys, p)
	}
	if err != nil {
		return fileStat{}
	}
	return statOf(fi)
}

// statOf is what fi says of a regular file; a file system that keeps no
// times (fstest.MapFS) vouches for nothing.
func statOf(fi fs.FileInfo) fileStat {
	if !fi.Mode().IsRegular() || fi.ModTime().IsZero() {
		return fileStat{}
	}
	return fileStat{Stamp: fileid.Of(fi), ok: true}
}

// racyWindow is how long before a cache's load a file's time must be for
// its size and time alone to vouch for its bytes: file systems keep
// times to a tick of their clock (up to 2 s on FAT), so a file saved in
// the same tick as it was read may keep both. Git's index has the same
// rule.
const racyWindow = int64(2 * time.Second)

// Load walks content/ in fsys (rooted at the site root) and decodes every
// page. All content errors are returned together, sorted.
func Load(fsys fs.FS, cfg config.Config, opt Options) (*Set, error) {
	start := time.Now()
	kinds := Kinds(cfg)
	paths, err := listFiles(fsys, cfg, opt)
	if err != nil {
		return nil, err
	}
	if opt.Listed != nil {
		n := 0
		for _, p := range paths {
			if isMarkdown(p) {
				n++
			}
		}
		opt.Listed(n)
	}
	set := &Set{Kinds: kinds, files: make(map[string]fileEntry, len(paths)), paths: paths, loadedAt: start.UnixNano()}
	l := loader{fsys: fsys, cfg: cfg, kinds: kinds, opt: opt, bySection: sectionKinds(kinds)}
	l.scanFolders(paths)
	entries := make([]fileEntry, len(paths))
	if opt.Previous == nil && opt.Cached != nil {
		// Sizes and times first, while the cache is decoded; then only
		// the files they do not vouch for are read, and parsed again if
		// the cache does not know their hash.
		stats := make([]fileStat, len(paths))
		parallel(len(paths), func(i int) { stats[i] = statFile(fsys, opt.Lstat, paths[i]) })
		l.opt.Previous = opt.Cached()
		var reread atomic.Int64
		parallel(len(paths), func(i int) {
			p := paths[i]
			if e, ok := l.unchanged(p, stats[i]); ok {
				entries[i] = e
				return
			}
			if l.isAsset(p) {
				entries[i] = l.asset(p)
				return
			}
			data, st, err := l.read(p)
			if err != nil {
				entries[i] = l.file(p) // which says what went wrong
				return
			}
			// Taken from the cache if it knows the hash, else parsed.
			entries[i] = l.parse(p, data)
			entries[i].stat = st
			if prev := l.opt.Previous; prev != nil && st.MTime <= set.loadedAt-racyWindow {
				if e, ok := prev.files[p]; ok && e.hash == entries[i].hash {
					reread.Add(1)
				}
			}
		})
		set.Reread = int(reread.Load())
	} else {
		parallel(len(paths), func(i int) { entries[i] = l.file(paths[i]) })
	}

	var errs source.List
	for i, e := range entries {
		set.files[paths[i]] = e
		errs.Add(e.err)
		set.Warnings = append(set.Warnings, e.warns...)
		if e.page != nil && (opt.Drafts || !e.page.Draft) {
			set.Pages = append(set.Pages, e.page)
		}
		if e.asset != nil {
			set.Assets = append(set.Assets, *e.asset)
		}
	}
	// With errors, the set still holds the pages that could be read, so
	// that the build can check them too and report every error at once.
	set.applyTOCs()
	set.BundleAssets = bundleAssets(set)
	source.Sort(set.Warnings)
	return set, errs.Err()
}

// Failed lists the files that could not be loaded for an error of
// their own, sorted.
func (s *Set) Failed() []string {
	var out []string
	for _, p := range s.paths {
		if s.files[p].err != nil {
			out = append(out, p)
		}
	}
	return out
}

// Key hashes the path and bytes of every file the Set was loaded from:
// equal keys mean the same content.
func (s *Set) Key() [32]byte {
	paths := make([]string, 0, len(s.files))
	for p := range s.files {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	h := sha256.New()
	var b [8]byte
	for _, p := range paths {
		h.Write([]byte(p))
		binary.LittleEndian.PutUint64(b[:], s.files[p].hash)
		h.Write(b[:])
	}
	var k [32]byte
	h.Sum(k[:0])
	return k
}

// listFiles returns the site-root-relative paths of every file under
// content/, sorted. With Changed and Previous it reuses the previous list
// when no file was added or removed.
func listFiles(fsys fs.FS, cfg config.Config, opt Options) ([]string, error) {
	if opt.Previous != nil && opt.Changed != nil {
		same := true
		for p := range opt.Changed {
			if !strings.HasPrefix(p, Dir+"/") {
				continue
			}
			if _, known := opt.Previous.files[p]; !known {
				same = false
				break
			}
			if _, err := fs.Stat(fsys, p); err != nil {
				same = false
				break
			}
		}
		if same {
			return opt.Previous.paths, nil // shared: never modified
		}
	}
	var paths []string
	var errs source.List
	err := fs.WalkDir(fsys, Dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if p == Dir && errors.Is(err, fs.ErrNotExist) {
				return fs.SkipAll
			}
			errs.Add(source.Errorf(source.Pos{Path: p}, "cannot read: %v", cleanFSError(err)).
				WithHint("check that the file or folder exists and that you may read it"))
			if d != nil && d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		name := d.Name()
		if rest, ok := strings.CutPrefix(p, gitbookDir); ok {
			// GitBook keeps a space's uploads in .gitbook/assets and its
			// pages link there: of the hidden folders, only that one is
			// content, and only as files to copy.
			switch {
			case rest == "":
				return nil
			case rest != "/assets" && !strings.HasPrefix(rest, "/assets/"):
				if d.IsDir() {
					return fs.SkipDir
				}
				return nil
			}
		}
		if p != Dir && strings.HasPrefix(name, "_") && !underscoreKept(p, name, d.IsDir(), cfg) {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if p != Dir && (strings.HasPrefix(name, ".") || strings.HasSuffix(name, "~") || strings.HasPrefix(name, "#")) {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.Type()&fs.ModeSymlink != 0 {
			info, serr := fs.Stat(fsys, p)
			if serr != nil {
				errs.Add(source.Errorf(source.Pos{Path: p}, "symbolic link cannot be followed: %v", cleanFSError(serr)).
					WithHint("links must point to a file inside the site folder; copy the file instead"))
				return nil
			}
			if info.IsDir() {
				errs.Add(source.Errorf(source.Pos{Path: p}, "symbolic link to a folder is not followed").
					WithHint("folder links can loop or leave the site; move or copy the folder into content/ instead"))
				return nil
			}
		}
		if !d.IsDir() {
			paths = append(paths, p)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	if err := errs.Err(); err != nil {
		return nil, err
	}
	return paths, nil
}

func cleanFSError(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

func sectionKinds(kinds map[string]*Kind) map[string]string {
	m := map[string]string{}
	for name, k := range kinds {
		m[k.Section] = name
	}
	return m
}

type loader struct {
	folders   folders
	fsys      fs.FS
	cfg       config.Config
	kinds     map[string]*Kind
	bySection map[string]string
	opt       Options
}

func isMarkdown(name string) bool {
	ext := strings.ToLower(path.Ext(name))
	return ext == ".md" || ext == ".markdown" || ext == ".mdx"
}

// parallel calls fn(0) … fn(n-1) on every core, two goroutines at least:
// reading files waits on the disk.
func parallel(n int, fn func(i int)) { cores.Each(n, 2, fn) }

// reuse returns the previous load's entry for a file with hash h, when
// there is one and the caller needs no body from it (DropBodies).
func (l *loader) reuse(p string, h uint64) (fileEntry, bool) {
	if prev := l.opt.Previous; prev != nil && l.opt.DropBodies {
		if e, ok := prev.files[p]; ok && e.hash == h && (e.page == nil || (e.page.Body == nil && l.placedAsNow(e.page))) {
			return e, true
		}
	}
	return fileEntry{}, false
}

// unchanged returns the cached entry of p when the file's size and time
// are those recorded when it was read, and that was at least racyWindow
// before the load that read it began. The bytes are then taken to be the
// ones hashed: a page rendered from them checks that again (ReadBody).
func (l *loader) unchanged(p string, st fileStat) (fileEntry, bool) {
	prev := l.opt.Previous
	if prev == nil || !l.opt.DropBodies || !st.ok {
		return fileEntry{}, false
	}
	e, ok := prev.files[p]
	if !ok || e.stat != st || st.MTime > prev.loadedAt-racyWindow {
		return fileEntry{}, false
	}
	return l.reuse(p, e.hash)
}

// file loads one path, reusing the previous result when allowed.
func (l *loader) file(p string) fileEntry {
	if prev := l.opt.Previous; prev != nil {
		if e, ok := prev.files[p]; ok && l.opt.Changed != nil && !l.opt.Changed[p] && (e.page == nil || l.placedAsNow(e.page)) {
			return e
		}
	}
	if l.isAsset(p) {
		return l.asset(p)
	}
	// The size and time are taken before the bytes are read: should the
	// file change in between, the next build sees a new time, and reads it.
	data, st, err := l.read(p)
	if err != nil {
		return fileEntry{err: source.Errorf(source.Pos{Path: p}, "cannot read: %v", cleanFSError(err)).
			WithHint("check the file's permissions (it must be readable by the user running binome)")}
	}
	e := l.parse(p, data)
	e.stat = st
	return e
}

// read reads the file at p: opened by Options.Open when it can, else
// through the site's file system.
func (l *loader) read(p string) ([]byte, fileStat, error) {
	if l.opt.Open != nil {
		if f, err := l.opt.Open(p); err == nil {
			return readOpened(f, nil)
		}
	}
	return readFileInto(l.fsys, p, nil)
}

// isAsset reports whether the file at p is published as it is, beside
// the pages: all the build needs of its bytes is their hash.
func (l *loader) isAsset(p string) bool {
	rel, _ := l.relLang(p)
	return !isTOC(rel) && (!isMarkdown(p) || strings.HasPrefix(p, gitbookDir+"/"))
}

// asset makes the entry of a file published as it is, hashing its bytes
// as they are read: a video beside a page is never held whole.
func (l *loader) asset(p string) fileEntry {
	f, err := l.fsys.Open(p)
	if err != nil {
		return fileEntry{err: source.Errorf(source.Pos{Path: p}, "cannot read: %v", cleanFSError(err)).
			WithHint("check the file's permissions (it must be readable by the user running binome)")}
	}
	defer f.Close()
	var st fileStat
	if fi, err := f.Stat(); err == nil {
		st = statOf(fi)
	}
	h := wire.NewHasher()
	if _, err := io.Copy(h, f); err != nil {
		return fileEntry{err: source.Errorf(source.Pos{Path: p}, "cannot read: %v", cleanFSError(err)).
			WithHint("check the file's permissions (it must be readable by the user running binome)")}
	}
	rel, lang := l.relLang(p)
	sum := h.Sum()
	return fileEntry{hash: sum, asset: &Asset{Path: p, Rel: rel, Lang: lang, Hash: sum}, stat: st}
}

// parse makes the entry of a file from its bytes, reusing the previous
// entry when they hash the same.
func (l *loader) parse(p string, data []byte) fileEntry {
	h := wire.Sum(data)
	if prev := l.opt.Previous; prev != nil {
		if e, ok := prev.files[p]; ok && e.hash == h && (e.page == nil || l.placedAsNow(e.page)) {
			if e.page != nil && e.page.Body == nil && !l.opt.DropBodies {
				// From the build cache, which keeps no bodies: the file
				// was just read, its body is here.
				if norm := normalize(data); e.page.bodyOffset <= len(norm) {
					e.page.Body = norm[e.page.bodyOffset:]
				}
			}
			return e
		}
	}
	rel, lang := l.relLang(p)
	if isTOC(rel) {
		toc, titles := ParseTOC(p, data)
		return fileEntry{hash: h, toc: toc, tocTitles: titles}
	}
	if !isMarkdown(p) || strings.HasPrefix(p, gitbookDir+"/") {
		return fileEntry{hash: h, asset: &Asset{Path: p, Rel: rel, Lang: lang, Hash: h}}
	}
	if len(data) > MaxFileSize {
		return fileEntry{hash: h, err: source.Errorf(source.Pos{Path: p}, "file is %d MB, the limit is %d MB", len(data)>>20, MaxFileSize>>20).
			WithHint("split it into several pages")}
	}
	page, warns, err := l.page(p, rel, lang, data)
	if page != nil {
		page.Hash = h
		page.compact()
		if l.opt.DropBodies {
			page.Body = nil
		}
	}
	return fileEntry{page: page, hash: h, err: err, warns: warns}
}

// relLang splits a content path into its path under content/ without a
// language folder, and the language of that folder ("" when none).
func (l *loader) relLang(p string) (rel, lang string) {
	rel = strings.TrimPrefix(p, Dir+"/")
	if i := strings.IndexByte(rel, '/'); i > 0 {
		if _, ok := l.cfg.Languages[rel[:i]]; ok {
			rel, lang = rel[i+1:], rel[:i]
		}
	}
	// A Jekyll collection (_posts) publishes as the section it names,
	// but for _pages, where Jekyll sites keep their plain pages, which
	// publish at the root.
	if pages, ok := strings.CutPrefix(rel, "_pages/"); ok {
		rel = pages
	} else if strings.HasPrefix(rel, "_") && strings.Contains(rel, "/") {
		rel = rel[1:]
	}
	return rel, lang
}

// page decodes one Markdown file.
func (l *loader) page(p, rel, folderLang string, data []byte) (*Page, []error, error) {
	var warns []error
	if i := bytes.IndexByte(data, 0); i >= 0 {
		line := bytes.Count(data[:i], []byte("\n")) + 1
		return nil, nil, source.Errorf(source.Pos{Path: p, Line: line}, "this is a binary file, not Markdown text").
			WithHint("move it out of content/ or rename it without the .md extension")
	}
	if !utf8.Valid(data) {
		data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
		line, col := InvalidUTF8At(data)
		return nil, nil, source.Errorf(source.Pos{Path: p, Line: line, Col: col}, "invalid UTF-8 text").
			WithHint("save the file as UTF-8 in your editor (it is probably Latin-1 or Windows-1252)")
	}
	data = normalize(data)
	c, fmLine, bodyLine, body, err := split(p, data)
	bodyOffset := len(data) - len(body)
	if err != nil {
		return nil, nil, err
	}
	front, err := decode(p, c, fmLine)
	if err != nil {
		return nil, nil, err
	}
	pg := &Page{
		Path: p, Front: front, FrontLine: fmLine, Body: body, BodyLine: bodyLine, bodyOffset: bodyOffset,
	}
	pg.FrontHash = wire.Sum(c.raw)
	pg.frontText = bytes.Clone(c.raw) // not a slice of data: that would keep the body
	pg.digest(body)
	warn, err := l.place(pg, rel, folderLang)
	if err != nil {
		return nil, nil, err
	}
	if warn != nil {
		warns = append(warns, warn)
	}
	if isDraft(pg.Front.Values) && !l.opt.Drafts {
		// A draft left out of the build is work in progress, such as a
		// page just made by binome new with its references still empty:
		// it is checked when it is built (--drafts, or once published).
		pg.Draft = true
		return pg, warns, nil
	}
	if err := validate(pg, l.kinds[pg.Kind]); err != nil {
		return nil, nil, err
	}
	if err := l.common(pg); err != nil {
		return nil, nil, err
	}
	if pg.Title == "" {
		if t := FirstHeading(body); t != "" {
			pg.Title, pg.TitleFromHeading = t, true
		} else if pg.Kind != "home" && pg.Kind != "section" {
			pg.Title, pg.TitleFromName = nameTitle(p, pg.Slug), true
			if name, _ := l.splitLang(path.Base(p)); name == strings.ToLower(name) {
				// A file named as a slug gives a poor title; one named as a
				// title ("Leave Policy.md", as Obsidian and wikis name
				// notes) is the title its author meant.
				warns = append(warns, source.Errorf(source.Pos{Path: p, Line: 1}, "page has no title").
					WithHint("add title: … to the frontmatter, or start the text with a # Heading"))
			}
		}
	}
	if len(bytes.TrimSpace(data)) == 0 {
		warns = append(warns, source.Errorf(source.Pos{Path: p, Line: 1}, "file is empty").
			WithHint("write some content or delete the file"))
	}
	return pg, warns, nil
}

// place decides the page's language, folder, section, slug and kind from
// its path and frontmatter. A slug written as a Docusaurus route is a
// warning: the page builds, named by the route's last part or its file.
func (l *loader) place(pg *Page, rel, folderLang string) (warn, err error) {
	dir, file := path.Split(rel)
	dir = strings.TrimSuffix(dir, "/")
	name, suffix := l.splitLang(file)
	lang := folderLang
	if suffix != "" {
		if folderLang != "" && folderLang != suffix {
			return nil, source.Errorf(source.Pos{Path: pg.Path}, "file suffix says %q but its folder says %q", suffix, folderLang).
				WithHint("keep one of the two ways of naming the language")
		}
		lang = suffix
	}
	if lang == "" {
		lang = l.cfg.DefaultLanguage
	}
	pg.Lang, pg.Dir = lang, dir
	pg.Section, _, _ = strings.Cut(dir, "/")
	switch {
	case name == "_index" || (name == "index" && (dir == "" || l.folders.withPages[path.Dir(pg.Path)])) ||
		(strings.EqualFold(name, "readme") && l.readmeIndex(pg.Path)):
		// GitBook writes README.md where Hugo writes _index.md, and
		// MkDocs and Jekyll a folder's index.md when the folder has
		// other pages (see folders).
		pg.Kind = "section"
		if dir == "" {
			pg.Kind = "home"
		}
		return nil, nil
	case name == "index":
		// A leaf bundle: the folder names the page.
		pg.Bundle = true
		var parent string
		parent, name = path.Split(dir)
		pg.Dir = strings.TrimSuffix(parent, "/")
		pg.Section, _, _ = strings.Cut(pg.Dir, "/")
	}
	pg.Kind = "page"
	if k, ok := l.bySection[pg.Section]; ok && pg.Section != "" {
		pg.Kind = k
	}
	if d, rest, ok := nameDate(name); ok {
		// Jekyll names posts 2024-01-15-title.md: the date is the
		// page's unless its frontmatter says otherwise, and the rest
		// names it, as Jekyll and Hugo's :filename do.
		pg.nameDate, name = d, rest
	}
	slug := Slugify(name)
	if id, ok := pg.Front.Values["id"].(string); ok && !l.strict(pg.Kind) && !isIndexName(l.baseName(pg.Path)) && CheckSlug(id) == nil && strings.ContainsFunc(id, unicode.IsLetter) {
		// Docusaurus names a doc by its id, when set: the last segment
		// of its URL, which the old links use; but a folder's index.md
		// is at the folder's URL whatever its id. Data kinds (profiles)
		// keep their file's name: an id there is an export's key.
		if s := Slugify(id); s != "" {
			slug = s
		}
	}
	if v, ok := pg.Front.Values["slug"]; ok {
		// scalarString, as the schema does: `slug: 2024` is a slug.
		s, _ := scalarString(v)
		if err := CheckSlug(s); err != nil {
			e := source.Errorf(pg.PosOf("slug"), "field \"slug\": %v", err)
			route := strings.Trim(s, "/")
			switch {
			case s == "/":
				// Docusaurus' way to make a doc its home page, in nearly
				// every docs-only site: the page builds, named by its
				// file, with a warning.
				warn = e.WithHint("a slug is one word, not a route as in Docusaurus: the page is named by its file; remove slug: /, and to make the page the home page, move its text to content/_index.md")
				s = ""
			case strings.HasPrefix(s, "/") && !strings.Contains(s, ".."):
				// Another route from the docs' root: binome keeps the
				// folders of the file's path.
				return nil, e.WithHint("a slug is one word, not a route as in Docusaurus: write slug: %s (binome keeps the folders of the file's path)", route[strings.LastIndexByte(route, '/')+1:])
			default:
				return nil, e.WithHint("a slug is one plain word or words-with-dashes, such as first-meeting")
			}
		}
		if s == "" {
			slug = Slugify(name)
		} else {
			slug = Slugify(s)
		}
		if slug == "" {
			return warn, source.Errorf(pg.PosOf("slug"), "field \"slug\": %q has no letter or digit to make a URL from", s).
				WithHint("a slug is one plain word or words-with-dashes, such as first-meeting")
		}
	}
	if slug == "" {
		return warn, source.Errorf(source.Pos{Path: pg.Path}, "cannot make a URL from the file name %q", file).
			WithHint("rename the file with letters or digits, or set slug: in the frontmatter")
	}
	pg.Slug = slug
	return warn, nil
}

// numberPrefix is the number a handbook's file or folder name starts
// with to order it: 010-welcome.md, 02_setup/, 3. Goals.md. At most three
// digits, so a year (2024-report.md) is not one.
var numberPrefix = regexp.MustCompile(`^(\d{1,3})[-_. ]`)

// FolderTitle names a folder that no page titles: its name without the
// number that orders it, with hyphens and underscores as spaces when it
// has none ("02_first-steps" is "First steps", "01 - Primary Categories"
// is "Primary Categories"), and a capital.
func FolderTitle(name string) string {
	if m := numberPrefix.FindStringIndex(name); m != nil {
		if rest := strings.TrimLeft(name[m[1]:], " -_.–"); rest != "" {
			name = rest
		}
	}
	name = nameWords(name)
	if name == "" {
		return name
	}
	r, n := utf8.DecodeRuneInString(name)
	return string(unicode.ToUpper(r)) + name[n:]
}

// nameWords reads a file or folder name as words: hyphens and
// underscores are spaces in a name without any ("first-steps"), and
// stay in one that has them ("Co-mentoring notes").
func nameWords(name string) string {
	if !strings.ContainsFunc(name, unicode.IsSpace) {
		name = strings.NewReplacer("-", " ", "_", " ").Replace(name)
	}
	return strings.Join(strings.Fields(name), " ")
}

// namePosition returns the order that the name of pg's file (its
// folder's, for a section's index or a bundle) gives, as a weight: the
// number plus one, so that 00- comes first too, weight 0 being none.
// Jekyll and GitBook sites name chapters so, and Docusaurus reads the
// number as the position.
func namePosition(pg *Page) (int, bool) {
	name := path.Base(pg.Path)
	if pg.Kind == "section" || pg.Kind == "home" || pg.Bundle {
		name = path.Base(path.Dir(pg.Path))
	}
	return NamePosition(name)
}

// NamePosition returns the order that a file or folder name starting
// with a number gives ("05-introduction" is 6), as namePosition does.
func NamePosition(name string) (int, bool) {
	m := numberPrefix.FindStringSubmatch(name)
	if m == nil {
		return 0, false
	}
	n, _ := strconv.Atoi(m[1])
	return n + 1, true
}

// nameDate splits a file name that starts with a date and a dash,
// "2024-01-15-first-duo", into the date and the rest. A name that is only
// a date, or whose date is not one, is not split.
func nameDate(name string) (time.Time, string, bool) {
	if len(name) < 12 || name[10] != '-' {
		return time.Time{}, "", false
	}
	d, err := time.Parse("2006-01-02", name[:10])
	if err != nil {
		return time.Time{}, "", false
	}
	return d, name[11:], true
}

// reserved are names that cannot be a file on some systems or collide
// with binome's own output.
var reserved = map[string]bool{
	"con": true, "prn": true, "aux": true, "nul": true,
	"com1": true, "com2": true, "com3": true, "com4": true, "com5": true, "com6": true, "com7": true, "com8": true, "com9": true,
	"lpt1": true, "lpt2": true, "lpt3": true, "lpt4": true, "lpt5": true, "lpt6": true, "lpt7": true, "lpt8": true, "lpt9": true,
	"__binome": true,
}

// CheckSlug refuses slugs that would write outside the page's folder or
// make a file some systems cannot hold.
func CheckSlug(s string) error {
	switch {
	case strings.TrimSpace(s) == "":
		return fmt.Errorf("is empty")
	case strings.ContainsRune(s, 0):
		return fmt.Errorf("contains a NUL character")
	case strings.Contains(s, ".."):
		return fmt.Errorf("%q contains \"..\", which would leave the page's folder", s)
	case strings.HasPrefix(s, "/"):
		return fmt.Errorf("%q is an absolute path", s)
	case strings.ContainsRune(s, '\\'):
		return fmt.Errorf("%q contains a backslash", s)
	case strings.ContainsRune(s, '/'):
		return fmt.Errorf("%q contains a slash", s)
	case strings.HasPrefix(s, "."):
		return fmt.Errorf("%q starts with a dot (a hidden file)", s)
	case reserved[strings.ToLower(strings.TrimSpace(s))]:
		return fmt.Errorf("%q is a reserved name", s)
	}
	for _, r := range s {
		if unicode.IsControl(r) {
			return fmt.Errorf("%q contains a control character", s)
		}
	}
	return nil
}

// Slugify turns a name into a URL segment: lower case, accents folded,
// runs of other characters made one dash.
func Slugify(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	dash := false
	// Bytes that are not UTF-8 separate words; left in, they stop NFD
	// from decomposing the letter after them (found by FuzzSlugify).
	s = strings.ToValidUTF8(s, " ")
	for _, r := range norm.NFD.String(s) {
		var out string
		switch {
		case unicode.Is(unicode.Mn, r):
			continue
		case r == 'œ' || r == 'Œ':
			out = "oe"
		case r == 'æ' || r == 'Æ':
			out = "ae"
		case r == 'ß' || r == 'ẞ':
			out = "ss"
		case unicode.IsLetter(r) || unicode.IsDigit(r) || r == '_':
			out = string(unicode.ToLower(r))
		default:
			dash = true
			continue
		}
		// The dash owed to the separator before goes in front of every
		// kind of letter, folded ligatures included.
		if dash && b.Len() > 0 {
			b.WriteByte('-')
		}
		dash = false
		b.WriteString(out)
	}
	return b.String()
}

// nameTitle titles a page that gives none by its file's name, as GitHub
// wikis and Obsidian do: "Getting-Started.md" is "Getting Started", and
// "FAQ.md" stays "FAQ"; a name in lower case gets a capital; hyphens are
// read as FolderTitle reads them (see nameWords). A slug that
// is not the file's name (a number prefix dropped, a slug: field) is
// humanized instead.
func nameTitle(file, slug string) string {
	name := path.Base(file)
	name, _, _ = strings.Cut(name, ".") // first-meeting.fr.md
	if Slugify(name) != slug {
		return humanize(slug)
	}
	name = nameWords(name)
	if name == strings.ToLower(name) {
		return humanize(name)
	}
	return name
}

var headingWikiLink = regexp.MustCompile(`\[\[[^\[\]]+\]\]`)

// isIndexName reports whether a file's base name (see baseName) makes it
// the page of its folder.
func isIndexName(name string) bool {
	return name == "index" || name == "_index" || name == "readme"
}

func humanize(slug string) string {
	s := strings.ReplaceAll(slug, "-", " ")
	if s == "" {
		return s
	}
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[n:]
}

// isDraft reports whether frontmatter marks a draft: draft: true, or
// Jekyll's published: false.
func isDraft(front map[string]any) bool {
	draft, _ := front["draft"].(bool)
	published, isBool := front["published"].(bool)
	return draft || (isBool && !published)
}

// common fills the fields every kind shares.
func (l *loader) common(pg *Page) error {
	pg.Title = strings.TrimSpace(pg.strings.at("title"))
	for _, k := range []string{"linkTitle", "linktitle", "sidebar_label", "menuTitle"} {
		if pg.LinkTitle = strings.TrimSpace(pg.strings.at(k)); pg.LinkTitle != "" {
			break
		}
	}
	pg.Summary = pg.strings.at("summary")
	if pg.Summary == "" {
		pg.Summary = pg.strings.at("description")
	}
	if strings.ContainsAny(pg.Summary, "*_`[&\\") {
		// Hugo and Docsy render a description as Markdown, and authors
		// write it so ("can be **bold** or _italic_", "&mdash;"): a
		// summary is plain text, as the one taken from the text is.
		pg.Summary = stripInline([]byte(pg.Summary))
	}
	pg.Date = pg.dates.at("date")
	if pg.Date.IsZero() {
		pg.Date = pg.nameDate
	}
	pg.Updated = pg.dates.at("updated")
	if pg.Updated.IsZero() {
		pg.Updated = pg.dates.at("lastmod")
	}
	pg.Draft = isDraft(pg.Front.Values)
	for _, k := range orderKeys {
		if w, ok := pg.ints.get(k); ok {
			pg.Weight = w
			if f, ok := pg.Front.Values[k].(float64); ok {
				pg.Suborder = int(math.Round((f - math.Floor(f)) * 1e6))
			}
			break
		}
	}
	if !pg.ordered() {
		if n, ok := namePosition(pg); ok {
			pg.Weight = n
		}
	}
	pg.Tags = pg.lists.at("tags")
	pg.Aliases = nil
	if a, ok := pg.Front.Values["alias"].(string); ok && strings.TrimSpace(a) != "" {
		pg.Names = append(pg.Names, strings.TrimSpace(a)) // Obsidian's older, singular key
	}
	for _, a := range pg.lists.at("aliases") {
		if isName(a) {
			pg.Names = append(pg.Names, a)
		} else {
			pg.Aliases = append(pg.Aliases, a)
		}
	}
	pg.Aliases = append(pg.Aliases, pg.lists.at("redirect_from")...)
	pg.Layout = pg.strings.at("layout")
	pg.TranslationKey = pg.strings.at("translationKey")
	pg.Owner = pg.strings.at("owner")
	pg.Reviewed = pg.dates.at("reviewed")
	pg.ReviewEvery = pg.strings.at("review_every")
	if pg.Layout != "" {
		if strings.Contains(pg.Layout, "..") || strings.HasPrefix(pg.Layout, "/") || strings.ContainsAny(pg.Layout, "\\\x00") {
			return source.Errorf(pg.PosOf("layout"), "field \"layout\": %q is not a layout name", pg.Layout).
				WithHint("name a file under layouts/, such as wide.html")
		}
	}
	for i, a := range pg.Aliases {
		if !sitePath(a) {
			key, pos := pg.AliasField(i)
			return source.Errorf(pos, "field %q: %q is not a site path", key, a).
				WithHint("write old URLs from the site root, such as /old/first-meeting/")
		}
	}
	for _, key := range []string{"url", "permalink"} {
		u := pg.strings.at(key)
		if u == "" || strings.Contains(u, ":") {
			continue // Jekyll's permalink patterns (/:title/) name no one page
		}
		if !strings.HasPrefix(u, "/") {
			u = "/" + u
		}
		if !sitePath(u) {
			return source.Errorf(pg.PosOf(key), "field %q: %q is not a site path", key, pg.strings.at(key)).
				WithHint("write the page's old URL from the site root, such as /old/first-meeting/")
		}
		// binome gives the page its own URL; the old one redirects there.
		pg.Aliases = append(slices.Clip(pg.Aliases), u)
	}
	return nil
}

// isName reports whether an alias is another name of the page, as
// Obsidian's are ("PTO", "Leave policy"), not an old URL: it holds no
// slash and no extension of a web page.
func isName(a string) bool {
	if a == "" || strings.HasPrefix(a, "/") || strings.HasSuffix(a, ".html") || strings.HasSuffix(a, ".htm") {
		return false
	}
	// A slash in a name ("CI/CD") comes with capitals or spaces; a
	// relative path, such as Hugo's, is a slug.
	return !strings.ContainsAny(a, "/\\") || strings.ToLower(a) != a || strings.Contains(a, " ")
}

// sitePath reports whether a is a path from the site root that stays in
// the site.
func sitePath(a string) bool {
	return strings.HasPrefix(a, "/") && !strings.Contains(a, "..") && !strings.ContainsAny(a, "\\\x00")
}

// FirstHeading returns the text of the first level-1 heading (# or ===)
// outside code fences, for pages written without frontmatter.
func FirstHeading(body []byte) string {
	fence := ""
	prev := ""
	for line := range bytes.Lines(body) {
		t := strings.TrimSpace(string(line))
		if fence != "" {
			if strings.HasPrefix(t, fence) {
				fence = ""
			}
			continue
		}
		if strings.HasPrefix(t, "```") || strings.HasPrefix(t, "~~~") {
			fence = t[:3]
			continue
		}
		if strings.HasPrefix(t, "# ") {
			return cleanHeading(t[2:])
		}
		if prev != "" && len(t) >= 2 && strings.Trim(t, "=") == "" {
			return cleanHeading(prev)
		}
		prev = t
	}
	return ""
}

func cleanHeading(s string) string {
	s = strings.TrimSpace(strings.TrimRight(s, "# "))
	// A wiki link in a heading, # [[Linking Content]], shows its label.
	s = headingWikiLink.ReplaceAllStringFunc(s, func(m string) string {
		m = strings.Trim(m, "[]")
		if _, label, ok := strings.Cut(m, "|"); ok {
			return label
		}
		m, _, _ = strings.Cut(m, "#")
		return m
	})
	if i := strings.Index(s, "{#"); i >= 0 && strings.HasSuffix(s, "}") {
		s = strings.TrimSpace(s[:i])
	}
	return html.UnescapeString(unescapeMarkdown(strings.NewReplacer("**", "", "__", "", "`", "").Replace(s)))
}

// InvalidUTF8At is the line and column, from 1, of the first byte of
// data that is not UTF-8; past the end when there is none.
func InvalidUTF8At(data []byte) (line, col int) {
	line, col = 1, 1
	for i := 0; i < len(data); {
		r, n := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && n <= 1 {
			return line, col
		}
		if r == '\n' {
			line, col = line+1, 1
		} else {
			col++
		}
		i += n
	}
	return line, col
}

// normalize drops a UTF-8 byte-order mark and makes every line end "\n".
func normalize(data []byte) []byte {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	if bytes.IndexByte(data, '\r') >= 0 {
		data = bytes.ReplaceAll(data, []byte("\r\n"), []byte("\n"))
		data = bytes.ReplaceAll(data, []byte("\r"), []byte("\n"))
	}
	return data
}

// bundleAssets maps each leaf bundle's source path to the assets in its
// folder. It is kept on the Set, not on the Pages, because pages are
// shared with the next Load when their bytes did not change.
func bundleAssets(set *Set) map[string][]string {
	dirs := map[string][]*Page{}
	for _, p := range set.Pages {
		if p.Bundle {
			d := path.Dir(p.Path)
			dirs[d] = append(dirs[d], p)
		}
	}
	out := map[string][]string{}
	for _, a := range set.Assets {
		for d := path.Dir(a.Path); d != "." && d != Dir && d != "/"; d = path.Dir(d) {
			if pages, ok := dirs[d]; ok {
				for _, p := range pages {
					out[p.Path] = append(out[p.Path], a.Path)
				}
				break
			}
		}
	}
	return out
}

// strict reports whether pages of a kind are data that refuse unknown
// fields (see Kind.Strict).
func (l *loader) strict(kind string) bool {
	k, ok := l.kinds[kind]
	return ok && k.Strict
}
