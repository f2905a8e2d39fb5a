package generator

import (
	"encoding/binary"
	"math"
	"math/bits"
	"slices"
	"sync"
	"sync/atomic"
)

// reads says what of other pages, beyond the skeleton, a page's rendering
// read (see buildCache): the summaries and titles of some pages, and any
// page's body.
type reads struct {
	// All is set for a page the cache has not seen rendered: it may read
	// any summary, title and body.
	All bool
	// summaries are the URLs of the pages whose summaries it read,
	// sorted; titles, the pages whose titles it read, by their place in
	// Site.pages (see Page.idx), for this build's renderings. A page
	// reads a hundred titles or more (its sidebar, lists, cards): as
	// URLs, they took 29 MB at 10,000 pages, as numbers a quarter.
	summaries []string
	titles    []int32
	// The cache file holds both as indices into buildCache.ReadURLs,
	// which the pages of a section share; titles stay so for the reads
	// of the last build (table is that build's ReadURLs), which
	// computeKeys hashes through one digest per URL of the table.
	SummaryRefs []int32
	TitleRefs   []byte // packed, see appendRef
	table       []string
	Bodies      bool
	// AllTitles is set for a rendering that compared every title (a
	// wiki link found by title) or shows titles the build copied for it
	// (the programme pages): any title edit renders it again.
	AllTitles bool
	// data are the pages whose data (Page.dataRead) it read, as titles
	// are kept, and DataRefs as TitleRefs; AllData is set for a
	// rendering that showed what the build drew from every page.
	data     []int32
	DataRefs []byte
	AllData  bool
	// heads are the lists it read the first pages of (Page.FirstPages),
	// each as the list's page index and how many, packed as in
	// headRead; HeadRefs packs them as pairs of a ref and a count.
	heads    []int64
	HeadRefs []byte
	// names are the names it looked a page or a file up by (see
	// linkName), sorted, each once, by their place in the log's table
	// (readLog.nameList): a link, a reference, a wiki link. A page or
	// file added or removed under such a name renders it again.
	// NameRefs packs them as TitleRefs does URLs.
	names    []int32
	NameRefs []byte
	// Today is set for a rendering that showed the build's day
	// (SiteView.BuildDate): the page renders again the next day.
	Today bool
}

// readLog records the templates' reads of other pages (see
// Page.summaryRead, titleRead, dataRead): every summary, title and data
// read, in order, and counts of the body reads and of the reads of
// everything. A rendering is said to have read what was recorded while
// it ran (Site.renderPage).
type readLog struct {
	// on is set before rendering by a build that keeps a cache: the dev
	// server renders page after page for hours, and keeps no log.
	on        bool
	mu        sync.Mutex
	summaries []*Page
	titles    []int32 // Page.idx
	data      []int32 // Page.idx
	heads     []int64 // Page.idx<<32 | how many pages
	// names are lookups by their names' places in nameList, as a
	// rendering makes fifty of them, most of the same few names.
	names     []int32
	nameIDs   map[string]int32
	nameList  []string
	bodies    atomic.Int64
	allTitles atomic.Int64
	allData   atomic.Int64
	today     atomic.Int64
}

// readMark is a point in a readLog.
type readMark struct {
	summaries, titles, data    int
	heads, names               int
	bodies, allTitles, allData int64
	today                      int64
}

func (l *readLog) summaryRead(p *Page) {
	if !l.on {
		return
	}
	l.mu.Lock()
	l.summaries = append(l.summaries, p)
	l.mu.Unlock()
}

// todayRead records a read of the build's day.
func (l *readLog) todayRead() {
	if l.on {
		l.today.Add(1)
	}
}

func (l *readLog) titleRead(p *Page) { l.pageRead(&l.titles, &l.allTitles, p) }

func (l *readLog) dataRead(p *Page) { l.pageRead(&l.data, &l.allData, p) }

// pageRead appends p's index to list, or counts the read in all when p
// is a page outside the site's list: which one cannot be kept.
func (l *readLog) pageRead(list *[]int32, all *atomic.Int64, p *Page) {
	if !l.on {
		return
	}
	if p.idx == 0 {
		all.Add(1)
		return
	}
	l.mu.Lock()
	*list = append(*list, p.idx)
	l.mu.Unlock()
}

// headRead records a read of the first n pages of p's list, and whether
// it holds more: a sidebar that shows the first pages of a section does
// not change when a page is added past them.
func (l *readLog) headRead(p *Page, n int) {
	if !l.on {
		return
	}
	if p.idx == 0 || n < 0 || n > math.MaxInt32 {
		l.allData.Add(1)
		return
	}
	l.mu.Lock()
	l.heads = append(l.heads, int64(p.idx)<<32|int64(n))
	l.mu.Unlock()
}

// lookup records a lookup of a page or a file by a path, a URL, a slug
// or a name that goes by the name n (see linkName).
func (l *readLog) lookup(n string) {
	if !l.on {
		return
	}
	l.mu.Lock()
	id, ok := l.nameIDs[n]
	if !ok {
		if l.nameIDs == nil {
			l.nameIDs = map[string]int32{}
		}
		id = int32(len(l.nameList))
		l.nameIDs[n] = id
		l.nameList = append(l.nameList, n)
	}
	l.names = append(l.names, id)
	l.mu.Unlock()
}

// nameTable is the table of names that reads.names refer to, as it is:
// it only grows, so what it holds stays.
func (l *readLog) nameTable() []string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.nameList
}

func (l *readLog) everyDataRead() {
	if l.on {
		l.allData.Add(1)
	}
}

// everyTitleRead records a rendering's comparison of every page's title.
func (l *readLog) everyTitleRead() {
	if l.on {
		l.allTitles.Add(1)
	}
}

func (l *readLog) mark() readMark {
	l.mu.Lock()
	defer l.mu.Unlock()
	return readMark{summaries: len(l.summaries), titles: len(l.titles), data: len(l.data), heads: len(l.heads), names: len(l.names),
		bodies: l.bodies.Load(), allTitles: l.allTitles.Load(), allData: l.allData.Load(), today: l.today.Load()}
}

// after is what was read after m, each page and name once, for a
// fragment that is shown again and again (see Replay).
func (l *readLog) after(m readMark) *fragmentReads {
	sc := readScratches.Get().(*readScratch)
	defer readScratches.Put(sc)
	l.copyAfter(m, sc)
	f := &fragmentReads{
		summaries: slices.Clone(sc.summaries),
		titles:    sc.set.sorted(sc.titles),
		data:      sc.set.sorted(sc.data),
		heads:     heads(slices.Clone(sc.heads)),
		names:     sc.set.sorted(sc.names),
	}
	f.bodies = l.bodies.Load() != m.bodies
	f.allTitles = l.allTitles.Load() != m.allTitles
	f.allData = l.allData.Load() != m.allData
	f.today = l.today.Load() != m.today
	return f
}

// copyAfter copies into sc what the log holds past m.
func (l *readLog) copyAfter(m readMark, sc *readScratch) {
	l.mu.Lock()
	sc.summaries = append(sc.summaries[:0], l.summaries[m.summaries:]...)
	sc.titles = append(sc.titles[:0], l.titles[m.titles:]...)
	sc.data = append(sc.data[:0], l.data[m.data:]...)
	sc.heads = append(sc.heads[:0], l.heads[m.heads:]...)
	sc.names = append(sc.names[:0], l.names[m.names:]...)
	l.mu.Unlock()
}

// since is what was read after m, as a page's cache record keeps it.
func (l *readLog) since(m readMark) reads {
	sc := readScratches.Get().(*readScratch)
	defer readScratches.Put(sc)
	l.copyAfter(m, sc)
	return reads{Bodies: l.bodies.Load() != m.bodies, AllTitles: l.allTitles.Load() != m.allTitles,
		AllData: l.allData.Load() != m.allData, Today: l.today.Load() != m.today, summaries: urls(sc.summaries),
		titles: sc.set.sorted(sc.titles), data: sc.set.sorted(sc.data), heads: heads(slices.Clone(sc.heads)), names: sc.set.sorted(sc.names)}
}

// readScratch holds what since and after copy out of the log, reused:
// a page's rendering reads hundreds of titles, most of them several
// times (its sidebar, its neighbours, its breadcrumbs).
type readScratch struct {
	summaries []*Page
	titles    []int32
	data      []int32
	heads     []int64
	names     []int32
	set       idSet
}

var readScratches = sync.Pool{New: func() any { return new(readScratch) }}

// idSet sorts small sets of non-negative numbers, page indices and name
// numbers, by setting their bits: sorting them, duplicates and all, was
// two thirds of since.
type idSet struct{ words []uint64 }

// sorted returns ids sorted, each once, in a slice of their own; nil for
// none. The set is left empty.
func (s *idSet) sorted(ids []int32) []int32 {
	if len(ids) == 0 {
		return nil
	}
	lo, hi, n := int(ids[0])>>6, 0, 0
	for _, id := range ids {
		w := int(id) >> 6
		if w >= len(s.words) {
			s.words = slices.Grow(s.words, w+1-len(s.words))[:w+1]
		}
		bit := uint64(1) << (uint(id) & 63)
		if s.words[w]&bit == 0 {
			s.words[w] |= bit
			n++
		}
		lo, hi = min(lo, w), max(hi, w)
	}
	out := make([]int32, 0, n)
	for w := lo; w <= hi; w++ {
		for x := s.words[w]; x != 0; x &= x - 1 {
			out = append(out, int32(w<<6+bits.TrailingZeros64(x)))
		}
		s.words[w] = 0
	}
	return out
}

// heads sorts head reads in place and keeps each once; nil for none.
func heads(hs []int64) []int64 {
	if len(hs) == 0 {
		return nil
	}
	slices.Sort(hs)
	return slices.Clip(slices.Compact(hs))
}

// urls are the pages' URLs, sorted, each once; nil for none.
func urls(pages []*Page) []string {
	if len(pages) == 0 {
		return nil
	}
	out := make([]string, len(pages))
	for i, p := range pages {
		out[i] = p.URL
	}
	slices.Sort(out)
	return slices.Clip(slices.Compact(out))
}

// fragmentReads is what a theme fragment's rendering read (see
// theme.ReadTracker): the pages whose summaries and titles it showed,
// and whether it showed a body or compared every title.
type fragmentReads struct {
	summaries []*Page
	titles    []int32
	data      []int32
	heads     []int64
	names     []int32
	bodies    bool
	allTitles bool
	allData   bool
	today     bool
}

// Mark, Since and Replay make the log a theme.ReadTracker: a fragment
// rendered once and shown on many pages (partialCached) is read again,
// in the log, by each page that shows it.
func (l *readLog) Mark() any { return l.mark() }

func (l *readLog) Since(mark any) any {
	f := l.after(mark.(readMark))
	if len(f.summaries) == 0 && len(f.titles) == 0 && len(f.data) == 0 && len(f.heads) == 0 && len(f.names) == 0 && !f.bodies && !f.allTitles && !f.allData && !f.today {
		return nil
	}
	return f
}

func (l *readLog) Replay(reads any) {
	f := reads.(*fragmentReads)
	if !l.on {
		return
	}
	l.mu.Lock()
	l.summaries = append(l.summaries, f.summaries...)
	l.titles = append(l.titles, f.titles...)
	l.data = append(l.data, f.data...)
	l.heads = append(l.heads, f.heads...)
	l.names = append(l.names, f.names...)
	l.mu.Unlock()
	if f.bodies {
		l.bodies.Add(1)
	}
	if f.allTitles {
		l.allTitles.Add(1)
	}
	if f.allData {
		l.allData.Add(1)
	}
	if f.today {
		l.today.Add(1)
	}
}

// packReads gives every page's reads their refs into one table of URLs,
// c.ReadURLs, for the cache file. The table starts as the last build's,
// prev, so the reads kept from it keep their refs as they are; it is
// made afresh once it holds more than twice as many URLs as the site has
// pages (pages removed, renamed).
func packReads(c *buildCache, prev []string, pages []*Page, names []string) {
	ids := make(map[string]int32, len(pages))
	reuse := len(prev) <= 2*len(pages)+1024
	c.ReadURLs = nil
	if reuse {
		c.ReadURLs = slices.Clone(prev)
		for i, u := range prev {
			if _, dup := ids[u]; !dup {
				ids[u] = int32(i)
			}
		}
	}
	id := func(u string) int32 {
		n, ok := ids[u]
		if !ok {
			n = int32(len(c.ReadURLs))
			ids[u] = n
			c.ReadURLs = append(c.ReadURLs, u)
		}
		return n
	}
	refs := func(urls []string) []int32 {
		if len(urls) == 0 {
			return nil
		}
		out := make([]int32, len(urls))
		for i, u := range urls {
			out[i] = id(u)
		}
		return out
	}
	// This build's reads name pages by index: once per page.
	pageRefs := make([]int32, len(pages)+1)
	for i := range pageRefs {
		pageRefs[i] = -1
	}
	pageRef := func(idx int32) int32 {
		if pageRefs[idx] < 0 {
			pageRefs[idx] = id(pages[idx-1].URL)
		}
		return pageRefs[idx]
	}
	// Without reuse, an old ref is made a new one once per URL.
	var renumber []int32
	if !reuse {
		renumber = make([]int32, len(prev))
		for i := range renumber {
			renumber[i] = -1
		}
	}
	again := func(r int32) int32 {
		if renumber[r] < 0 {
			renumber[r] = id(prev[r])
		}
		return renumber[r]
	}
	// keep gives the refs of a page kept from the last build their refs
	// in the new table: the same, unless it is made afresh.
	keep := func(kept []byte) []byte {
		if reuse {
			return kept
		}
		var packed []byte
		last := int32(0)
		eachRef(kept, func(r int32) { packed, last = appendRef(packed, last, again(r)) })
		return packed
	}
	// pack gives a page's reads of titles, data or names their refs:
	// this build's, made by ref (from a page index or a name's number),
	// or the last build's, kept.
	pack := func(reads []int32, ref func(int32) int32, kept []byte) []byte {
		if reads == nil && kept != nil {
			return keep(kept)
		}
		var packed []byte
		last := int32(0)
		for _, r := range reads {
			packed, last = appendRef(packed, last, ref(r))
		}
		return packed
	}
	nameRef := func(n int32) int32 { return id(names[n]) }
	// packHeads does as pack for head reads: each ref followed by how
	// many pages were read.
	packHeads := func(hs []int64, kept []byte) []byte {
		if hs == nil && kept != nil && reuse {
			return kept
		}
		var packed []byte
		last := int32(0)
		if hs == nil && kept != nil {
			eachHead(kept, func(r, n int32) {
				packed, last = appendRef(packed, last, again(r))
				packed = binary.AppendUvarint(packed, uint64(n))
			})
			return packed
		}
		for _, h := range hs {
			packed, last = appendRef(packed, last, pageRef(int32(h>>32)))
			packed = binary.AppendUvarint(packed, uint64(int32(h)))
		}
		return packed
	}
	for out, m := range c.Pages {
		if !reuse {
			m.raw = nil // its refs are renumbered
		}
		m.Reads.SummaryRefs = refs(m.Reads.summaries)
		m.Reads.TitleRefs = pack(m.Reads.titles, pageRef, m.Reads.TitleRefs)
		m.Reads.DataRefs = pack(m.Reads.data, pageRef, m.Reads.DataRefs)
		m.Reads.HeadRefs = packHeads(m.Reads.heads, m.Reads.HeadRefs)
		m.Reads.NameRefs = pack(m.Reads.names, nameRef, m.Reads.NameRefs)
		c.Pages[out] = m
	}
}

// unpackReads readies the reads of a cache file: summaries become URLs
// again, titles stay refs into c.ReadURLs (see reads.table). It reports
// false if a ref points nowhere.
func unpackReads(c *buildCache) bool {
	valid := func(refs []int32) bool {
		for _, id := range refs {
			if id < 0 || int(id) >= len(c.ReadURLs) {
				return false
			}
		}
		return true
	}
	for out, m := range c.Pages {
		if !valid(m.Reads.SummaryRefs) || !validRefs(m.Reads.TitleRefs, len(c.ReadURLs)) || !validRefs(m.Reads.DataRefs, len(c.ReadURLs)) ||
			!validHeads(m.Reads.HeadRefs, len(c.ReadURLs)) || !validRefs(m.Reads.NameRefs, len(c.ReadURLs)) {
			return false
		}
		if len(m.Reads.SummaryRefs) > 0 {
			m.Reads.summaries = make([]string, len(m.Reads.SummaryRefs))
			for i, id := range m.Reads.SummaryRefs {
				m.Reads.summaries[i] = c.ReadURLs[id]
			}
		}
		m.Reads.SummaryRefs = nil
		m.Reads.table = c.ReadURLs
		c.Pages[out] = m
	}
	return true
}

// appendRef packs a ref as the difference from the one before, a zigzag
// varint: a page reads titles numbered close together (its section's),
// so most take a byte, and the cache file holds a few bytes a page where
// gob wrote an int32 slice.
func appendRef(b []byte, last, ref int32) ([]byte, int32) {
	return binary.AppendVarint(b, int64(ref)-int64(last)), ref
}

// eachRef calls f with each ref packed in b.
func eachRef(b []byte, f func(int32)) {
	for last, ok := int64(0), true; len(b) > 0; {
		if last, b, ok = nextRef(b, last); !ok {
			return // validRefs refused such bytes when the cache was read
		}
		f(int32(last))
	}
}

// nextRef reads the ref that packed starts with, after last, and returns
// it with the rest; ok is false for bytes that hold no ref.
func nextRef(packed []byte, last int64) (ref int64, rest []byte, ok bool) {
	d, n := binary.Varint(packed)
	if n <= 0 {
		return 0, nil, false
	}
	return last + d, packed[n:], true
}

// validRefs reports whether b packs refs that are all below n.
func validRefs(b []byte, n int) bool {
	last := int64(0)
	for len(b) > 0 {
		d, k := binary.Varint(b)
		if k <= 0 {
			return false
		}
		last += d
		if last < 0 || last >= int64(n) {
			return false
		}
		b = b[k:]
	}
	return true
}

// decodeHeads walks the head reads packed in b (see packReads), a ref
// and a count each, calling f with each until it returns false. It
// reports whether b was well formed and f took every read.
func decodeHeads(b []byte, f func(ref int64, n uint64) bool) bool {
	last := int64(0)
	for len(b) > 0 {
		d, k := binary.Varint(b)
		if k <= 0 {
			return false
		}
		n, j := binary.Uvarint(b[k:])
		if j <= 0 {
			return false
		}
		last += d
		if !f(last, n) {
			return false
		}
		b = b[k+j:]
	}
	return true
}

// eachHead calls f with each ref and count packed in b; validHeads
// refused any other bytes when the cache was read.
func eachHead(b []byte, f func(ref, n int32)) {
	decodeHeads(b, func(ref int64, n uint64) bool { f(int32(ref), int32(n)); return true })
}

// validHeads reports whether b packs head reads whose refs are all below
// n and whose counts fit an int32.
func validHeads(b []byte, n int) bool {
	return decodeHeads(b, func(ref int64, c uint64) bool { return ref >= 0 && ref < int64(n) && c <= math.MaxInt32 })
}
