package search

import (
	"bytes"
	"cmp"
	"encoding/json"
	"fmt"
	"html"
	"io/fs"
	"math/bits"
	"path"
	"slices"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// Query limits and weights, the same in search.js.
const (
	maxQueryWords = 8
	maxHits       = 10
	maxPrefixKeys = 8 // longer shard keys a typed prefix may load
	weightExact   = 100
	weightPrefix  = 80
	weightTypo    = 50
	minTypoRunes  = 5
	snippetWords  = 30
	snippetBefore = 6 // words shown before the first hit
)

// Reader answers queries from the files of an index the way search.js does,
// loading only the files a query needs. It is how the tests check the format
// and the ranking; search.js must give the same results.
type Reader struct {
	fsys    fs.FS
	dir     string
	meta    meta
	scanner scanner
	shards  map[int]*shard
	bundles map[int]*bundle
	first   []int      // first doc of each bundle, and the number of docs
	at      []bundleAt // where each bundle is
	buckets []int      // docs per bucket
	loaded  int
	frag    int // of loaded: fragments
}

// Results are the answer to a query.
type Results struct {
	Total int      // docs matched
	Hits  []Result // the best maxHits of them
}

// Result is a matched doc.
type Result struct {
	URL     string // the doc's URL, with the anchor of the heading above the snippet
	Title   string
	Section string
	Snippet string // HTML: escaped text, query words in <mark>
	Score   int    // the sum over query words of weight × score
}

// Open reads the meta file of the index in directory dir of fsys.
func Open(fsys fs.FS, dir string) (*Reader, error) {
	r := &Reader{fsys: fsys, dir: path.Clean(dir), shards: map[int]*shard{}, bundles: map[int]*bundle{}}
	if err := r.load("meta", &r.meta); err != nil {
		return nil, err
	}
	if r.meta.Format != format {
		return nil, fmt.Errorf("search index %s: format %d, want %d", dir, r.meta.Format, format)
	}
	if r.meta.ShardDirs < 1 || r.meta.BundleDirs < 1 {
		return nil, fmt.Errorf("search index %s: meta.js gives no folders for its files", dir)
	}
	r.first = []int{0}
	k := 0
	for _, c := range []byte(r.meta.Bundles) {
		var n int
		switch {
		case c >= 'A' && c <= 'Z' && len(r.buckets) > 0 && r.buckets[len(r.buckets)-1] > 0:
			n, k = int(c-'A')+1, k+1
		case c >= '0' && c <= '9' || c >= 'a' && c <= 'z':
			d, _ := strconv.ParseInt(string(c), 36, 0)
			n, k = int(d), 0
			r.buckets = append(r.buckets, 0)
		default:
			return nil, fmt.Errorf("search index %s: meta.js: bundle size %q", dir, c)
		}
		if n > 0 {
			r.buckets[len(r.buckets)-1] += n
			r.at = append(r.at, bundleAt{len(r.buckets) - 1, k})
			r.first = append(r.first, r.first[len(r.first)-1]+n)
		}
	}
	if r.first[len(r.first)-1] != r.meta.N {
		return nil, fmt.Errorf("search index %s: bundles hold %d docs, want %d", dir, r.first[len(r.first)-1], r.meta.N)
	}
	r.scanner = newScanner(r.meta.Lang, r.meta.Stop)
	return r, nil
}

// BytesLoaded returns the bytes of all the files read so far: what a browser
// would have downloaded.
func (r *Reader) BytesLoaded() int { return r.loaded }

// load reads the script name and decodes its data into v.
func (r *Reader) load(name string, v any) error {
	body, err := fs.ReadFile(r.fsys, path.Join(r.dir, name+".js"))
	if err != nil {
		return err
	}
	r.loaded += len(body)
	q, _ := json.Marshal(name)
	prefix := []byte("window.__binomeSearch(" + string(q) + ",")
	data, ok := bytes.CutPrefix(body, prefix)
	if ok {
		data, ok = bytes.CutSuffix(data, []byte(");\n"))
	}
	if !ok {
		return fmt.Errorf("search index %s: %s.js is not a search script", r.dir, name)
	}
	if err := json.Unmarshal(data, v); err != nil {
		return fmt.Errorf("search index %s: %s.js: %w", r.dir, name, err)
	}
	return nil
}

func (r *Reader) shard(i int) (*shard, error) {
	if s, ok := r.shards[i]; ok {
		return s, nil
	}
	s := new(shard)
	name := ShardName(r.meta.Shards[i], r.meta.ShardDirs)
	if err := r.load(name, s); err != nil {
		return nil, err
	}
	if s.V != r.meta.SV {
		return nil, fmt.Errorf("search index %s: %s.js is not of this index", r.dir, name)
	}
	pairs, err := decodePairs(s.W)
	if err != nil {
		return nil, fmt.Errorf("search index %s: s/%d.js: %w", r.dir, i, err)
	}
	s.pairs = pairs
	r.shards[i] = s
	return s, nil
}

// bundleAt is where a bundle is: its bucket and its place among the
// bucket's bundles.
type bundleAt struct{ bucket, k int }

// fragment returns the fragment of doc, from its bundle.
func (r *Reader) fragment(doc int) (*fragment, error) {
	i, _ := slices.BinarySearch(r.first, doc+1)
	i-- // the last bundle whose first doc is at most doc
	if i < 0 || i >= len(r.first)-1 {
		return nil, fmt.Errorf("search index %s: no doc %d", r.dir, doc)
	}
	b, ok := r.bundles[i]
	if !ok {
		b = new(bundle)
		before := r.loaded
		at := r.at[i]
		name := bundleName(at.bucket, at.k, r.meta.BundleDirs)
		if err := r.load(name, b); err != nil {
			return nil, err
		}
		if b.B != len(r.buckets) || b.C != r.buckets[at.bucket] || len(b.F) != r.first[i+1]-r.first[i] {
			return nil, fmt.Errorf("search index %s: %s.js is not of this index", r.dir, name)
		}
		r.frag += r.loaded - before
		r.bundles[i] = b
	}
	return &b.F[doc-r.first[i]], nil
}

// queryWord is a folded query word; prefix when it is still being typed.
type queryWord struct {
	text   string
	prefix bool
}

// words splits a query.
func (r *Reader) words(q string) []queryWord {
	var ws []queryWord
	r.scanner.scan(q, func(word string, last bool) {
		folded, ok := r.scanner.term(word)
		if !ok || len(ws) == maxQueryWords || slices.ContainsFunc(ws, func(w queryWord) bool { return w.text == folded }) {
			return
		}
		ws = append(ws, queryWord{folded, last && utf8.RuneCountInString(folded) >= 2})
	})
	return ws
}

// shardsFor returns the shards a word needs: the shard of its longest key,
// and for a prefix the shards of the longer keys it starts, unless there
// are more than maxPrefixKeys.
func (r *Reader) shardsFor(w queryWord) []int {
	var out []int
	if i := shardOf(r.meta.Shards, w.text); i >= 0 {
		out = append(out, i)
	}
	if w.prefix {
		var longer []int
		for i, k := range r.meta.Shards {
			if len(k) > len(w.text) && strings.HasPrefix(k, w.text) {
				longer = append(longer, i)
			}
		}
		if len(longer) <= maxPrefixKeys {
			out = append(out, longer...)
		}
	}
	return out
}

// Query returns the docs matching q, best first, the top ones with snippets.
func (r *Reader) Query(q string) (Results, error) {
	words := r.words(q)
	if len(words) == 0 {
		return Results{}, nil
	}

	// Words → stems, from the surface words of the words' shards.
	used := map[int]bool{}
	matches := make([]map[string]int, len(words))
	for i, w := range words {
		matches[i] = map[string]int{}
		shards := r.shardsFor(w)
		for _, si := range shards {
			used[si] = true
			s, err := r.shard(si)
			if err != nil {
				return Results{}, err
			}
			eachPair(s, func(surface, stem string) {
				switch {
				case surface == w.text:
					raise(matches[i], stem, weightExact)
				case w.prefix && strings.HasPrefix(surface, w.text):
					raise(matches[i], stem, weightPrefix)
				}
			})
		}
		if len(matches[i]) > 0 || utf8.RuneCountInString(w.text) < minTypoRunes {
			continue
		}
		for _, si := range shards {
			eachPair(r.shards[si], func(surface, stem string) {
				if oneEdit(surface, w.text) {
					raise(matches[i], stem, weightTypo)
				}
			})
		}
	}

	// Stems → docs.
	docScores := make([]map[int]int, len(words))
	for i := range words {
		docScores[i] = map[int]int{}
		for _, stem := range sortedKeys(matches[i]) {
			si := shardOf(r.meta.Shards, stem)
			if si < 0 {
				continue
			}
			used[si] = true
			s, err := r.shard(si)
			if err != nil {
				return Results{}, err
			}
			ps := s.P[stem]
			doc := 0
			for j := 0; j+1 < len(ps); j += 2 {
				doc += ps[j]
				raise(docScores[i], doc, matches[i][stem]*ps[j+1])
			}
		}
	}
	type ranked struct{ doc, words, score int }
	rank := func(all bool) []ranked {
		var out []ranked
		seen := map[int]*ranked{}
		for _, ds := range docScores {
			for doc, sc := range ds {
				x := seen[doc]
				if x == nil {
					x = &ranked{doc: doc}
					seen[doc] = x
				}
				x.words++
				x.score += sc
			}
		}
		for _, x := range seen {
			if !all || x.words == len(words) {
				out = append(out, *x)
			}
		}
		return out
	}
	found := rank(true)
	if len(found) == 0 {
		found = rank(false)
	}
	slices.SortFunc(found, func(a, b ranked) int {
		return cmp.Or(cmp.Compare(b.words, a.words), cmp.Compare(b.score, a.score), cmp.Compare(a.doc, b.doc))
	})

	// Snippets: the words of the used shards whose stems matched.
	marks := map[string]uint{}
	for _, si := range sortedKeys(used) {
		eachPair(r.shards[si], func(surface, stem string) {
			for i := range words {
				if _, ok := matches[i][stem]; ok {
					marks[surface] |= 1 << i
				}
			}
		})
	}
	res := Results{Total: len(found)}
	for _, x := range found[:min(len(found), maxHits)] {
		f, err := r.fragment(x.doc)
		if err != nil {
			return Results{}, err
		}
		hit := Result{URL: f.U, Title: f.T, Section: f.S, Score: x.score}
		var anchor string
		hit.Snippet, anchor = snippet(f, marks)
		if anchor != "" {
			hit.URL += "#" + anchor
		}
		res.Hits = append(res.Hits, hit)
	}
	return res, nil
}

// raise sets m[k] to v if that is more.
func raise[K comparable](m map[K]int, k K, v int) {
	if old, ok := m[k]; !ok || v > old {
		m[k] = v
	}
}

func sortedKeys[K cmp.Ordered, V any](m map[K]V) []K {
	keys := make([]K, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// eachPair calls fn with the surface words of s and their stems.
func eachPair(s *shard, fn func(surface, stem string)) {
	for _, p := range s.pairs {
		fn(p[0], p[1])
	}
}

// decodePairs returns the surface words and stems of a shard's "w":
// pairs of a surface word and its stem, or the stem's length when it is
// a prefix of the word (appendStem).
func decodePairs(w []any) ([][2]string, error) {
	pairs := make([][2]string, 0, len(w)/2)
	for i := 0; i+1 < len(w); i += 2 {
		surface, ok := w[i].(string)
		if !ok {
			return nil, fmt.Errorf("word %d is not a string", i/2)
		}
		switch stem := w[i+1].(type) {
		case string:
			pairs = append(pairs, [2]string{surface, stem})
		case float64:
			n, end := int(stem), 0
			for _, r := range surface {
				if n <= 0 {
					break
				}
				n -= utf16.RuneLen(r)
				end += utf8.RuneLen(r)
			}
			if n != 0 || stem != float64(int(stem)) {
				return nil, fmt.Errorf("stem length %v of %q", stem, surface)
			}
			pairs = append(pairs, [2]string{surface, surface[:end]})
		default:
			return nil, fmt.Errorf("stem %d is neither a string nor a length", i/2)
		}
	}
	return pairs, nil
}

// oneEdit reports whether a and b are one edit apart: a rune inserted,
// deleted, replaced, or two adjacent runes swapped.
func oneEdit(a, b string) bool {
	x, y := []rune(a), []rune(b)
	if len(x) < len(y) {
		x, y = y, x
	}
	if len(x)-len(y) > 1 {
		return false
	}
	i := 0
	for i < len(y) && x[i] == y[i] {
		i++
	}
	if len(x) != len(y) {
		return slices.Equal(x[i+1:], y[i:])
	}
	if i == len(x) {
		return false // equal
	}
	if slices.Equal(x[i+1:], y[i+1:]) {
		return true
	}
	return i+1 < len(x) && x[i] == y[i+1] && x[i+1] == y[i] && slices.Equal(x[i+2:], y[i+2:])
}

// wordSpan is a word of a text: its bytes [start, end), and the query words
// it matches as a bit set.
type wordSpan struct {
	start, end int
	mask       uint
}

// spans returns the words of text.
func spans(text string, marks map[string]uint) []wordSpan {
	var out []wordSpan
	for i := 0; i < len(text); {
		r, n := utf8.DecodeRuneInString(text[i:])
		if !isWordRune(r) {
			i += n
			continue
		}
		start := i
		for i < len(text) {
			r, n := utf8.DecodeRuneInString(text[i:])
			if !isWordRune(r) {
				break
			}
			i += n
		}
		out = append(out, wordSpan{start, i, marks[Fold(text[start:i])]})
	}
	return out
}

// snippet returns the HTML snippet of f for the marked words, and the ID of
// the heading of its chunk ("" when nothing matched in the text).
func snippet(f *fragment, marks map[string]uint) (string, string) {
	best, bestWords, bestHits := 0, 0, 0
	var bestSpans []wordSpan
	for c, text := range f.BX {
		ss := spans(text, marks)
		var all uint
		hits := 0
		for _, s := range ss {
			if s.mask != 0 {
				all |= s.mask
				hits++
			}
		}
		n := bits.OnesCount(all)
		if c == 0 || n > bestWords || n == bestWords && hits > bestHits {
			best, bestWords, bestHits, bestSpans = c, n, hits, ss
		}
	}
	if len(f.BX) == 0 {
		return "", ""
	}
	text, ss := f.BX[best], bestSpans
	first := slices.IndexFunc(ss, func(s wordSpan) bool { return s.mask != 0 })
	from := max(0, first-snippetBefore)
	to := min(len(ss), from+snippetWords)
	var b strings.Builder
	pos := 0
	if from > 0 {
		b.WriteString("… ")
		pos = ss[from].start
	}
	for _, s := range ss[from:to] {
		b.WriteString(html.EscapeString(text[pos:s.start]))
		if s.mask != 0 {
			b.WriteString("<mark>" + html.EscapeString(text[s.start:s.end]) + "</mark>")
		} else {
			b.WriteString(html.EscapeString(text[s.start:s.end]))
		}
		pos = s.end
	}
	if to < len(ss) {
		b.WriteString(" …")
	} else {
		b.WriteString(html.EscapeString(text[pos:]))
	}
	anchor := ""
	if h := f.BH[best]; first >= 0 && h >= 0 && h < len(f.H) {
		anchor = f.H[h]
	}
	return b.String(), anchor
}
