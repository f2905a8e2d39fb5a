package main

import (
	"runtime"
	"runtime/debug"
	"testing"
	"time"
)

// TestTuneGCFollowsTheLiveHeap checks that after a collection the memory
// limit is liveFactor times the live heap, so a large build is never held
// to the small sites' limit.
func TestTuneGCFollowsTheLiveHeap(t *testing.T) {
	t.Setenv("GOGC", "")
	t.Setenv("GOMEMLIMIT", "")
	defer debug.SetGCPercent(debug.SetGCPercent(100))
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(-1))
	defer tuneGC()()
	if got := debug.SetMemoryLimit(-1); got != minLimit {
		t.Fatalf("limit before any collection = %d, want %d", got, minLimit)
	}
	live := make([][]byte, 0, 64)
	for range 64 {
		live = append(live, make([]byte, 1<<20)) // 64 MB: 3× is past minLimit
	}
	want := int64(liveFactor * (64 << 20))
	deadline := time.Now().Add(5 * time.Second)
	for {
		runtime.GC()
		got := debug.SetMemoryLimit(-1)
		if got >= want {
			if got > 2*want {
				t.Fatalf("limit = %d MB with 64 MB live, want about %d MB", got>>20, want>>20)
			}
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("limit = %d MB with 64 MB live after collections, want at least %d MB", got>>20, want>>20)
		}
		time.Sleep(10 * time.Millisecond)
	}
	runtime.KeepAlive(live)
}

// The limit is liveFactor times the live heap up to bigHeap, and grows
// by bigFactor past it, never below minLimit or the pages' floor.
func TestLimitFor(t *testing.T) {
	const mb = 1 << 20
	for _, tc := range []struct{ live, floor, want int64 }{
		{0, 0, minLimit},
		{100 * mb, 0, 250 * mb},
		{256 * mb, 0, 640 * mb},
		{876 * mb, 0, 640*mb + 2*620*mb},
		{876 * mb, 1800 * mb, 1880 * mb},
		{100 * mb, 360 * mb, 360 * mb},
	} {
		if got := limitFor(tc.live, tc.floor); got != tc.want {
			t.Errorf("limitFor(%d MB, %d MB) = %d MB, want %d MB", tc.live/mb, tc.floor/mb, got/mb, tc.want/mb)
		}
	}
}

func gcPercent() int {
	p := debug.SetGCPercent(-1)
	debug.SetGCPercent(p)
	return p
}

// holdGC holds the collector until its restore or the first collection,
// whichever comes first, and then leaves it as it was, but for what
// tuneGC set meanwhile.
func TestHoldGC(t *testing.T) {
	t.Setenv("GOGC", "")
	t.Setenv("GOMEMLIMIT", "")
	defer debug.SetGCPercent(debug.SetGCPercent(100))
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(-1))
	percent, limit := gcPercent(), debug.SetMemoryLimit(-1)
	restore := holdGC(1 << 40)
	if p, l := gcPercent(), debug.SetMemoryLimit(-1); p != -1 || l != 1<<40 {
		t.Errorf("held: GC percent %d, memory limit %d; want off, 1 TiB", p, l)
	}
	restore()
	restore()
	if p, l := gcPercent(), debug.SetMemoryLimit(-1); p != percent || l != limit {
		t.Errorf("restored: GC percent %d, memory limit %d; want %d, %d", p, l, percent, limit)
	}

	holdGC(1 << 40)
	deadline := time.Now().Add(10 * time.Second)
	for gcPercent() != percent && time.Now().Before(deadline) {
		runtime.GC() // as the limit would start it; the cleanup runs after
		time.Sleep(time.Millisecond)
	}
	if p, l := gcPercent(), debug.SetMemoryLimit(-1); p != percent || l != limit {
		t.Errorf("after a collection: GC percent %d, memory limit %d; want %d, %d", p, l, percent, limit)
	}

	// A limit tuneGC set from the live heap after that collection stays.
	restore = holdGC(1 << 40)
	debug.SetMemoryLimit(300 << 20)
	restore()
	if l := debug.SetMemoryLimit(-1); l != 300<<20 {
		t.Errorf("restored over a limit set meanwhile: %d, want it kept (300 MiB)", l)
	}
	if p := gcPercent(); p != percent {
		t.Errorf("restored: GC percent %d, want %d", p, percent)
	}
}

// sizeGC raises the limit to perPage a page at once, and it stays after
// collections; while the collector is held it waits for the hold's end.
func TestSizeGC(t *testing.T) {
	t.Setenv("GOGC", "")
	t.Setenv("GOMEMLIMIT", "")
	defer debug.SetGCPercent(debug.SetGCPercent(100))
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(-1))
	defer floor.Store(0)
	defer tuneGC()()
	const pages = 10_000
	want := int64(pages * perPage)
	sizeGC(pages)
	if got := debug.SetMemoryLimit(-1); got != want {
		t.Fatalf("limit once sized = %d MB, want %d MB", got>>20, want>>20)
	}
	for range 3 {
		runtime.GC()
		time.Sleep(10 * time.Millisecond) // the cleanup runs after
	}
	if got := debug.SetMemoryLimit(-1); got != want {
		t.Errorf("limit after collections = %d MB, want %d MB", got>>20, want>>20)
	}

	floor.Store(0)
	debug.SetMemoryLimit(minLimit)
	restore := holdGC(1 << 40)
	sizeGC(pages)
	if got := debug.SetMemoryLimit(-1); got != 1<<40 {
		t.Errorf("held, then sized: limit %d, want the hold's", got)
	}
	restore()
	if got := debug.SetMemoryLimit(-1); got != want {
		t.Errorf("hold ended: limit %d MB, want %d MB", got>>20, want>>20)
	}
}
