package main

import (
	"os"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"sync"
	"sync/atomic"
)

// A build keeps its pages' metadata live (about 130 MB at 10,000 pages)
// and allocates ten to twenty times that, short-lived, while rendering.
// With Go's default (GOGC=100) the heap may double between collections,
// and its peak memory is that plus what the runtime has freed and not yet
// given back: 410 MB at 10,000 pages, three times the live heap. A memory
// limit has the runtime give memory back as it goes, so tuneGC sets one
// at liveFactor times the live heap, after each collection, and lets it
// decide when to collect. Measured on a cold build of 10,000 pages, in
// pairs (GODEBUG=gctrace=1): peak RSS 360 MB against 410-430, 35
// collections against 42, their CPU 2.9-3.2 s against 3.3-3.5; at
// 50,000 pages, 1.8 GB against 2.1, 43 collections against 51, 15.5 s of
// their CPU against 17.7. A factor of 3 saved a third of the collections'
// CPU but took peak memory to 450 MB, near a quarter of Hugo's (480 MB);
// 2 saved a quarter of the memory but cost half as much CPU again.
const (
	liveFactor = 2.5
	minLimit   = 64 << 20 // small sites: no collection every few MB
)

// Past bigHeap of live heap, the limit grows by bigFactor times what the
// live heap grows, not liveFactor: the collector's CPU per byte allocated
// depends on the headroom's ratio to the live heap, the same whatever
// the site's size, but the memory it saves grows with the site. A cold
// build of 50,000 pages, whose live heap ends near 880 MB, peaked at
// 1,836 MB against 2,104 MB with liveFactor throughout, in 17.14 s
// against 17.04 s, CPU 32.4 s against 32.3 (3 interleaved rounds,
// 2026-12-01; 2 times the whole live heap: 1,774 MB). At 10,000 pages
// (live heap under 200 MB) 2 times saved 16 MB for 1 % more CPU: small
// sites keep liveFactor.
const (
	bigHeap   = 256 << 20
	bigFactor = 2.0
)

// limitFor returns the memory limit for a live heap of live bytes, once
// the site's pages are counted into floor.
func limitFor(live, floor int64) int64 {
	l := float64(live)
	return max(minLimit, floor, int64(min(liveFactor*l, liveFactor*bigHeap+bigFactor*(l-bigHeap))))
}

// A cold build's live heap grows from nothing as it loads the pages to
// some 17 KB a page once it has rendered them (180 MB at 10,000 pages,
// GODEBUG=gctrace=1), and the limit above follows it: ten collections
// while loading, of a heap too small for them to free much, and one
// every 170 MB allocated at the start of rendering, where the end of it
// allows 270. As the limit ends near liveFactor times that anyway,
// sizeGC makes perPage a page the limit from the moment the pages are
// counted. Measured on cold builds, interleaved (2026-12-01): at 10,000
// pages, 3.28 s against 3.45 s, CPU 6.21 s against 6.51, peak RSS 407
// MB against 422 (7 rounds; Hugo's peak: 1,878 MB); at 50,000 pages,
// 17.3 s against 19.6 s, peak RSS 2,087 MB against 2,163 (2 rounds;
// Hugo's: 9,030 MB). 40 KB a page took 2,248 to 2,267 MB there.
const perPage = 36 << 10

// floor is perPage times the pages of the site being built, once known.
var floor atomic.Int64

// held is set while holdGC holds the collector.
var held atomic.Bool

// tuneGC sets the collector as said above, unless GOGC or GOMEMLIMIT is
// set: whoever sets them knows better. After stop, the limit stays as
// it was last set.
func tuneGC() (stop func()) {
	var stopped atomic.Bool
	if os.Getenv("GOGC") != "" || os.Getenv("GOMEMLIMIT") != "" {
		return func() {}
	}
	// The limit decides; this only bounds the heap should the limit
	// ever lag far behind the live heap.
	debug.SetGCPercent(int(liveFactor * 200))
	debug.SetMemoryLimit(minLimit)
	afterNextGC(&stopped)
	return func() { stopped.Store(true) }
}

// sizeGC raises the memory limit to perPage for each of the pages of
// the site (see perPage), unless GOGC or GOMEMLIMIT is set, or the
// collector is held (holdGC): it then applies from the first collection.
func sizeGC(pages int) {
	if os.Getenv("GOGC") != "" || os.Getenv("GOMEMLIMIT") != "" {
		return
	}
	f := int64(pages) * perPage
	floor.Store(f)
	if !held.Load() && debug.SetMemoryLimit(-1) < f {
		debug.SetMemoryLimit(f)
	}
}

// gcSentinel is allocated only to become garbage: its cleanup runs after
// the collection that finds it so. The pointer keeps it out of the tiny
// allocator, whose blocks may outlive it.
type gcSentinel struct{ _ *byte }

// afterNextGC sets the memory limit from the live heap after the next
// collection, and again after each one.
func afterNextGC(stopped *atomic.Bool) {
	runtime.AddCleanup(new(gcSentinel), func(struct{}) {
		if stopped.Load() {
			return
		}
		s := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
		metrics.Read(s)
		if s[0].Value.Kind() == metrics.KindUint64 {
			debug.SetMemoryLimit(limitFor(int64(s[0].Value.Uint64()), floor.Load()))
		}
		afterNextGC(stopped)
	}, struct{}{})
}

// warmHeap is the memory a warm build grows to before its first garbage
// collection. A warm build of 1,000 pages allocates about 55 MB, nearly
// all of it live until it ends: collecting it as it went, from minLimit
// on, was a twentieth of its wall time and freed little (a summary edit,
// 25 interleaved rounds: median 131 ms against 124 ms held, 143 against
// 126 ms with GOGC=off in another run). One of 10,000 pages allocates
// some 350 MB: held until 128 MB, its collections were a tenth of its
// CPU; held until 384 MB, a text edit took 0.84 s against 0.96 s (median
// of 7 interleaved rounds, 2026-11-30) and 404 MB at its peak against
// 334, still below a cold build's 450. Larger builds reach it early and
// are then collected as tuneGC says, so their peak memory is the same. A
// cold build is not held: it gained no time, and would have kept 60 MB
// more at 1,000 pages.
const warmHeap = 384 << 20

// warmPerCacheByte scales warmHeap with the site, whose build cache's page
// records (generator.CacheSize) are some 1.9 KB a page: a warm build
// allocates some 35 KB a page, and at 50,000 pages passed 384 MiB while
// still loading, to be collected five times over a live heap of 0.3 to
// 0.9 GB. Held until 1.9 GB, a text edit at 50,000 pages took 4.69 s
// against 5.22 s and 6.7 s of CPU against 7.5 (medians of five
// interleaved rounds, 2026-11-30), and peaked at 1.77 to 1.85 GB against
// 1.57, below the 2.0 to 2.2 GB of a cold build. 20 bytes a byte of
// cache is 384 MiB at 10,000 pages, the hold measured there.
const warmPerCacheByte = 20

// warmHold is how much memory a warm build of a site whose cache records
// take cacheSize bytes may grow to before its first collection.
func warmHold(cacheSize int64) int64 {
	return max(warmHeap, warmPerCacheByte*cacheSize)
}

// holdGC turns the collector off until the runtime's memory reaches
// limit, unless GOGC or GOMEMLIMIT is set, and returns the function that
// turns it back on as it was. The first collection, the one the limit
// starts, turns it back on too, so that a build that grows past limit is
// paced by tuneGC from there on. What tuneGC set meanwhile is left.
func holdGC(limit int64) (restore func()) {
	if os.Getenv("GOGC") != "" || os.Getenv("GOMEMLIMIT") != "" {
		return func() {}
	}
	var once sync.Once
	held.Store(true)
	percent := debug.SetGCPercent(-1)
	memLimit := debug.SetMemoryLimit(limit)
	restore = func() {
		once.Do(func() {
			if debug.SetMemoryLimit(-1) == limit {
				debug.SetMemoryLimit(max(memLimit, floor.Load()))
			}
			debug.SetGCPercent(percent)
			held.Store(false)
		})
	}
	runtime.AddCleanup(new(gcSentinel), func(struct{}) { restore() }, struct{}{})
	return restore
}
