package generator

import (
	"runtime"
	"runtime/debug"
	"sync"
)

// warmHeap is the heap a warm build grows to before its first garbage
// collection. A warm build of 1,000 pages allocates about 55 MB, nearly
// all of it live until it ends: collecting it as it went was a tenth of
// its wall time (a summary edit, 25 interleaved rounds: median 143 ms
// against 126 ms with no collection), and freed little. Larger builds
// reach it early and are then collected as usual, so their peak memory
// is the same.
const warmHeap = 128 << 20

// holdGC turns the collector off until the Go runtime's memory reaches
// limit, and returns the function that turns it back on as it was. The
// first collection, the one the limit starts, turns it back on too, so
// that a build that grows past limit is paced as usual from there on,
// its peak memory unchanged.
func holdGC(limit int64) (restore func()) {
	var once sync.Once
	percent := debug.SetGCPercent(-1)
	memLimit := debug.SetMemoryLimit(limit)
	restore = func() {
		once.Do(func() {
			debug.SetGCPercent(percent)
			debug.SetMemoryLimit(memLimit)
		})
	}
	// Finalized once a collection has found it unreachable: after the
	// first one. A pointer keeps it out of the tiny allocator, whose
	// blocks are freed (and finalized) only with their neighbours.
	sentinel := &struct{ p *int }{}
	runtime.SetFinalizer(sentinel, func(*struct{ p *int }) { restore() })
	return restore
}
