package search

import (
	"compress/gzip"
	"io"
	"math/rand/v2"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"testing/fstest"
	"time"
)

// syntheticDocs returns n French-like docs of about words words each, drawn
// from a Zipf-distributed vocabulary of real and made-up words, as a site's
// text is.
// It also returns the vocabulary, most frequent first.
func syntheticDocs(n, words int) ([]Doc, []string) {
	rng := rand.New(rand.NewPCG(1, 2))
	var vocab []string
	for _, d := range handbook("fr") {
		vocab = append(vocab, strings.Fields(d.Title+" "+d.Text)...)
	}
	syllables := strings.Fields("ma re ti on é quipe men tor at bi nô me for ta tion co la bo ra teur pro gram ne ment u dé vé lop pe ges tion chan ge nu mé ri que par ta ge")
	for len(vocab) < 40000 {
		var b strings.Builder
		for range 2 + rng.IntN(4) {
			b.WriteString(syllables[rng.IntN(len(syllables))])
		}
		suffix := []string{"", "s", "er", "ent", "ées", "ion", "ions"}[rng.IntN(7)]
		vocab = append(vocab, b.String()+suffix)
	}
	zipf := rand.NewZipf(rng, 1.1, 2, uint64(len(vocab)-1))
	docs := make([]Doc, n)
	for i := range docs {
		var text strings.Builder
		var heads []Heading
		for w := range words {
			if w%120 == 0 && w > 0 {
				h := vocab[zipf.Uint64()] + " " + vocab[zipf.Uint64()]
				heads = append(heads, Heading{ID: "h" + string(rune('a'+len(heads))), Text: h})
				text.WriteString(h + ". ")
			}
			text.WriteString(vocab[zipf.Uint64()])
			text.WriteByte(" . , ;"[rng.IntN(5)])
		}
		docs[i] = Doc{
			URL:      "/guides/page-" + strings.Repeat("x", i%7) + string(rune('a'+i%26)) + "-" + itoa(i) + "/",
			Title:    vocab[zipf.Uint64()] + " " + vocab[zipf.Uint64()] + " " + vocab[zipf.Uint64()],
			Section:  "Guides",
			Headings: heads,
			Text:     text.String(),
		}
	}
	return docs, vocab
}

func itoa(i int) string { return strconv.Itoa(i) }

// BenchmarkIndex indexes 10,000 docs of 800 words, as the build does (Add
// from all cores, then Files), and reports the index size and what a
// two-word query downloads.
func BenchmarkIndex(b *testing.B) {
	docs, vocab := syntheticDocs(10000, 800)
	var files []File
	for b.Loop() {
		ix := NewIndexer("fr")
		work := make(chan Doc)
		var wg sync.WaitGroup
		for range runtime.GOMAXPROCS(0) {
			wg.Go(func() {
				for d := range work {
					ix.Add(d)
				}
			})
		}
		for _, d := range docs {
			work <- d
		}
		close(work)
		wg.Wait()
		var err error
		if files, err = ix.Files("search/fr"); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()

	var shardBytes, shardGzip, fragBytes, maxShard, shards, over int
	fsys := fstest.MapFS{}
	for _, f := range files {
		fsys[f.Path] = &fstest.MapFile{Data: f.Body}
		if strings.Contains(f.Path, "/s/") {
			shards++
			shardBytes += len(f.Body)
			shardGzip += gzipSize(f.Body)
			maxShard = max(maxShard, len(f.Body))
			if len(f.Body) > shardBudget+shardBudget/4 {
				over++
			}
		} else if strings.Contains(f.Path, "/f/") {
			fragBytes += len(f.Body)
		}
	}
	b.ReportMetric(float64(len(files)), "files")
	b.ReportMetric(float64(shards), "shards")
	b.ReportMetric(float64(shardBytes)/1e6, "shard-MB")
	b.ReportMetric(float64(shardGzip)/1e6, "shard-gzip-MB")
	b.ReportMetric(float64(fragBytes)/1e6, "fragment-MB")
	b.ReportMetric(float64(maxShard)/1e3, "max-shard-kB")
	b.ReportMetric(float64(over), "shards>30kB")

	// A typical query: two words of middling frequency (ranks 300 and
	// 3000), the last one typed in full (no prefix expansion), then while
	// typing; and two of the most frequent words.
	a, c := vocab[300], []rune(vocab[3000])
	for _, q := range []string{a + " " + string(c) + " ", a + " " + string(c[:len(c)-2]), "rencontre programme "} {
		r, err := Open(fsys, "search/fr")
		if err != nil {
			b.Fatal(err)
		}
		res, err := r.Query(q)
		if err != nil {
			b.Fatal(err)
		}
		b.Logf("%q: %d hits, %d bytes loaded: %d of meta and shards, %d of fragments",
			q, res.Total, r.BytesLoaded(), r.BytesLoaded()-r.frag, r.frag)
		name := strings.ReplaceAll(strings.TrimSpace(q), " ", "+")
		b.ReportMetric(float64(r.BytesLoaded())/1e3, "kB/"+name)
		b.ReportMetric(float64(res.Total), "hits/"+name)
	}
}

func gzipSize(p []byte) int {
	var n countWriter
	w := gzip.NewWriter(&n)
	w.Write(p)
	w.Close()
	return int(n)
}

type countWriter int

func (c *countWriter) Write(p []byte) (int, error) { *c += countWriter(len(p)); return len(p), nil }

var _ io.Writer = new(countWriter)

// BenchmarkAdd indexes 10,000 docs of 800 words on one goroutine, then
// writes their files, and reports the CPU time per doc of each step:
// wall time means little on a shared machine. It also reports the heap
// the Indexer holds once the docs are added, which a build holds to its
// end.
func BenchmarkAdd(b *testing.B) { benchmarkAdd(b, false) }

// BenchmarkAddSpilled is BenchmarkAdd with the fragments in a file
// (SpillFragments).
func BenchmarkAddSpilled(b *testing.B) { benchmarkAdd(b, true) }

func benchmarkAdd(b *testing.B, spill bool) {
	docs, _ := syntheticDocs(10000, 800)
	var add, files time.Duration
	var before, held runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	first := true
	for b.Loop() {
		ix := NewIndexer("fr")
		if spill {
			if err := ix.SpillFragments(b.TempDir()); err != nil {
				b.Fatal(err)
			}
		}
		t0 := cpuTime()
		for _, d := range docs {
			ix.Add(d)
		}
		add += cpuTime() - t0
		if first {
			// Once, out of the timings: a collection costs what the
			// whole heap does.
			b.StopTimer()
			runtime.GC()
			runtime.ReadMemStats(&held)
			b.StartTimer()
			first = false
		}
		t1 := cpuTime()
		if _, err := ix.Files("search/fr"); err != nil {
			b.Fatal(err)
		}
		files += cpuTime() - t1
		if err := ix.Close(); err != nil {
			b.Fatal(err)
		}
	}
	n := float64(b.N * len(docs))
	b.ReportMetric(float64(add.Microseconds())/n, "add-cpu-µs/doc")
	b.ReportMetric(float64(files.Microseconds())/n, "files-cpu-µs/doc")
	b.ReportMetric(float64(int64(held.HeapAlloc)-int64(before.HeapAlloc))/1e6, "indexer-heap-MB")
}

// cpuTime returns the CPU time used by the process so far.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// BenchmarkSqueeze squeezes the white space of a page's text: the
// synthetic docs' words, in paragraphs of a few lines, as the Markdown
// renderer gives them.
func BenchmarkSqueeze(b *testing.B) {
	docs, _ := syntheticDocs(200, 800)
	texts := make([]string, len(docs))
	size := 0
	for i, d := range docs {
		texts[i] = strings.ReplaceAll(strings.ReplaceAll(d.Text, ". ", ".\n"), "; ", ";\n\n")
		size += len(texts[i])
	}
	var buf []byte
	b.SetBytes(int64(size))
	for b.Loop() {
		for _, t := range texts {
			squeezeIn(t, &buf)
		}
	}
}

// BenchmarkScore scores 10,000 docs of 800 words: what a warm build that
// writes the index again does before it makes any shard, on one core.
// scoredDocs returns a French Indexer of n synthetic docs of some words
// each, and its docs as score takes them.
func scoredDocs(n, words int) (*Indexer, []*entry) {
	docs, _ := syntheticDocs(n, words)
	ix := NewIndexer("fr")
	for _, d := range docs {
		ix.Add(d)
	}
	sorted, _ := ix.sortedDocs()
	return ix, sorted
}

func BenchmarkScore(b *testing.B) {
	ix, sorted := scoredDocs(10000, 800)
	b.ReportAllocs()
	for b.Loop() {
		score(sorted, len(ix.stems))
	}
}
