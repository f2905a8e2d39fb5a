package search

import (
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"math"
	"path"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

const (
	format = 1 // meta.js "format": bumped when the files change shape

	// shardBudget is the size past which a two-letter shard is split by
	// longer prefixes. A single stem's postings cannot be split, so a stem in
	// most pages of a large site makes a larger shard.
	shardBudget = 24 << 10

	// maxFragment caps a doc's fragment text: snippets come from its first
	// maxFragment bytes; the terms of the whole text are indexed.
	maxFragment = 16 << 10

	scoreScale = 10 // scores are written as integers: BM25 × scoreScale
	bm25K1     = 1.2
	bm25B      = 0.75
)

// meta is meta.js.
type meta struct {
	Format int      `json:"format"`
	Lang   string   `json:"lang"`
	N      int      `json:"n"`
	V      string   `json:"v"`
	Root   string   `json:"root"`
	Stop   []string `json:"stop"`
	Shards []string `json:"shards"`
}

// shard is s/<i>.js.
type shard struct {
	W []string         `json:"w"`
	P map[string][]int `json:"p"`
}

// fragment is f/<doc>.js.
type fragment struct {
	U  string   `json:"u"`
	T  string   `json:"t"`
	S  string   `json:"s"`
	H  []string `json:"h"`
	BH []int    `json:"bh"`
	BX []string `json:"bx"`
}

// Files returns the index files under dir (e.g. "search/fr"), sorted by path.
// The bytes depend only on the docs added, not on their order.
func (ix *Indexer) Files(dir string) []File {
	dir = path.Clean(dir)
	docs := ix.sortedDocs()
	postings := score(docs)

	// sizes estimates each string's share of its shard: its surface pairs
	// and, for a stem, its postings.
	pairs := map[[2]string]bool{}
	ix.termsMu.RLock()
	for _, t := range ix.terms {
		if t != nil {
			pairs[[2]string{t.surface, t.stem}] = true
		}
	}
	ix.termsMu.RUnlock()
	sizes := map[string]int{}
	for p := range pairs {
		sizes[p[0]] += len(p[0]) + len(p[1]) + 6
	}
	for stem, ps := range postings {
		sizes[stem] += len(stem) + 5 + len(ps)*4
	}
	keys := shardKeys(sizes, shardBudget)

	shards := make([]shard, len(keys))
	for i := range shards {
		shards[i].P = map[string][]int{}
	}
	sortedPairs := make([][2]string, 0, len(pairs))
	for p := range pairs {
		sortedPairs = append(sortedPairs, p)
	}
	slices.SortFunc(sortedPairs, func(a, b [2]string) int {
		return cmp.Or(strings.Compare(a[0], b[0]), strings.Compare(a[1], b[1]))
	})
	for _, p := range sortedPairs {
		s := &shards[shardOf(keys, p[0])]
		stem := p[1]
		if stem == p[0] {
			stem = ""
		}
		s.W = append(s.W, p[0], stem)
	}
	for stem, ps := range postings {
		shards[shardOf(keys, stem)].P[stem] = deltas(ps)
	}

	var files []File
	for i, s := range shards {
		if s.W == nil {
			s.W = []string{}
		}
		name := "s/" + strconv.Itoa(i)
		files = append(files, File{path.Join(dir, name+".js"), script(name, encode(s))})
	}
	for id, e := range docs {
		name := "f/" + strconv.Itoa(id)
		files = append(files, File{path.Join(dir, name+".js"), script(name, e.fragment)})
	}
	h := sha256.New()
	for _, f := range files {
		h.Write([]byte(f.Path))
		h.Write(f.Body)
	}
	m := meta{
		Format: format,
		Lang:   ix.lang,
		N:      len(docs),
		V:      hex.EncodeToString(h.Sum(nil)[:6]),
		Root:   rootFrom(dir),
		Stop:   stopWords(ix.lang),
		Shards: keys,
	}
	if m.Stop == nil {
		m.Stop = []string{}
	}
	files = append(files, File{path.Join(dir, "meta.js"), script("meta", encode(m))})
	slices.SortFunc(files, func(a, b File) int { return strings.Compare(a.Path, b.Path) })
	return files
}

// score returns the postings of each stem: flat pairs doc, BM25 × scoreScale,
// by doc number.
func score(docs []*entry) map[string][]int {
	df := map[string]int{}
	total := 0
	for _, e := range docs {
		total += e.length
		for stem := range e.tf {
			df[stem]++
		}
	}
	n := float64(len(docs))
	avg := float64(total) / max(n, 1)
	if avg == 0 {
		avg = 1
	}
	idf := make(map[string]float64, len(df))
	for stem, d := range df {
		idf[stem] = math.Log(1 + (n-float64(d)+0.5)/(float64(d)+0.5))
	}
	postings := make(map[string][]int, len(df))
	for id, e := range docs {
		norm := float64(bm25K1 * float64(1-bm25B+float64(bm25B*float64(e.length)/avg)))
		for stem, tf := range e.tf {
			idf := idf[stem]
			f := float64(tf)
			// The float64 conversions round each product, so that no
			// platform fuses them (FMA) into different bits.
			bm := float64(idf*float64(f*(bm25K1+1))) / (f + norm)
			postings[stem] = append(postings[stem], id, max(1, int(math.Round(bm*scoreScale))))
		}
	}
	return postings
}

// deltas rewrites flat doc, score pairs with each doc number but the first
// as the difference from the previous one: smaller numbers, fewer bytes.
func deltas(ps []int) []int {
	out := slices.Clone(ps)
	for i := len(out) - 2; i >= 2; i -= 2 {
		out[i] -= out[i-2]
	}
	return out
}

// shardKeys chooses the shard keys for strings of the given sizes: the first
// two runes of each string (the string itself if shorter), and, where a shard
// would pass budget, longer prefixes for its largest parts. Sorted.
func shardKeys(sizes map[string]int, budget int) []string {
	strs := make([]string, 0, len(sizes))
	for s := range sizes {
		strs = append(strs, s)
	}
	slices.Sort(strs)

	var keys []string
	var split func(key string, strs []string)
	split = func(key string, strs []string) {
		total := 0
		for _, s := range strs {
			total += sizes[s]
		}
		if total <= budget {
			keys = append(keys, key)
			return
		}
		type part struct {
			key  string
			strs []string
			size int
		}
		var parts []part
		rest := 0 // strings equal to key stay in its shard
		for _, s := range strs {
			if len(s) == len(key) {
				rest++
				continue
			}
			_, n := utf8.DecodeRuneInString(s[len(key):])
			sub := s[:len(key)+n]
			if len(parts) == 0 || parts[len(parts)-1].key != sub {
				parts = append(parts, part{key: sub})
			}
			p := &parts[len(parts)-1]
			p.strs = append(p.strs, s)
			p.size += sizes[s]
		}
		slices.SortStableFunc(parts, func(a, b part) int { return cmp.Compare(b.size, a.size) })
		for _, p := range parts {
			if total <= budget {
				rest += len(p.strs)
				continue
			}
			total -= p.size
			split(p.key, p.strs)
		}
		if rest > 0 {
			keys = append(keys, key)
		}
	}
	for i := 0; i < len(strs); {
		key := firstRunes(strs[i], 2)
		j := i
		for j < len(strs) && firstRunes(strs[j], 2) == key {
			j++
		}
		split(key, strs[i:j])
		i = j
	}
	slices.Sort(keys)
	return keys
}

// firstRunes returns the first n runes of s.
func firstRunes(s string, n int) string {
	for i := range s {
		if n == 0 {
			return s[:i]
		}
		n--
	}
	return s
}

// shardOf returns the index in keys (sorted) of the longest key that is a
// prefix of w, or -1.
func shardOf(keys []string, w string) int {
	for end := len(w); end > 0; {
		if i, ok := slices.BinarySearch(keys, w[:end]); ok {
			return i
		}
		_, n := utf8.DecodeLastRuneInString(w[:end])
		end -= n
	}
	return -1
}

// newFragment cuts d's text into chunks at its headings, for snippets.
func newFragment(d Doc) fragment {
	text := strings.Join(strings.Fields(d.Text), " ")
	if len(text) > maxFragment {
		cut := strings.LastIndexByte(text[:maxFragment], ' ')
		if cut <= 0 {
			cut = maxFragment
			for !utf8.RuneStart(text[cut]) {
				cut--
			}
		}
		text = text[:cut]
	}
	f := fragment{U: d.URL, T: d.Title, S: d.Section, H: []string{}, BH: []int{}, BX: []string{}}
	chunk := func(h int, s string) {
		if s = strings.TrimSpace(s); s != "" {
			f.BH = append(f.BH, h)
			f.BX = append(f.BX, s)
		}
	}
	start, pos, cur := 0, 0, -1
	for _, h := range d.Headings {
		f.H = append(f.H, h.ID)
		ht := strings.Join(strings.Fields(h.Text), " ")
		if ht == "" {
			continue
		}
		i := strings.Index(text[pos:], ht)
		if i < 0 {
			continue
		}
		chunk(cur, text[start:pos+i])
		start, pos, cur = pos+i, pos+i+len(ht), len(f.H)-1
	}
	chunk(cur, text[start:])
	return f
}

// rootFrom returns the relative path from dir back to the site root.
func rootFrom(dir string) string {
	if dir == "." || dir == "/" || dir == "" {
		return ""
	}
	return strings.Repeat("../", strings.Count(strings.Trim(dir, "/"), "/")+1)
}

// encode returns the JSON of v, one of the file types above.
func encode(v any) []byte {
	data, err := json.Marshal(v)
	if err != nil {
		panic(fmt.Sprintf("search: encode %T: %v", v, err)) // strings, ints and slices of them only
	}
	return data
}

// script wraps the JSON data as a script that hands it to the client.
func script(name string, data []byte) []byte {
	q, _ := json.Marshal(name)
	return fmt.Appendf(nil, "window.__binomeSearch(%s,%s);\n", q, data)
}
