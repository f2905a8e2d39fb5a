package generator

import (
	"runtime"
	"runtime/debug"
	"testing"
	"time"
)

func gcPercent() int {
	p := debug.SetGCPercent(-1)
	debug.SetGCPercent(p)
	return p
}

func memoryLimit() int64 { return debug.SetMemoryLimit(-1) }

// holdGC holds the collector until its restore or the first collection,
// whichever comes first, and then leaves it as it was.
func TestHoldGC(t *testing.T) {
	percent, limit := gcPercent(), memoryLimit()
	restore := holdGC(1 << 40)
	if p, l := gcPercent(), memoryLimit(); p != -1 || l != 1<<40 {
		t.Errorf("held: GC percent %d, memory limit %d; want off, 1 TiB", p, l)
	}
	restore()
	restore()
	if p, l := gcPercent(), memoryLimit(); p != percent || l != limit {
		t.Errorf("restored: GC percent %d, memory limit %d; want %d, %d", p, l, percent, limit)
	}

	holdGC(1 << 40)
	runtime.GC() // as the limit would start it
	deadline := time.Now().Add(10 * time.Second)
	for gcPercent() != percent && time.Now().Before(deadline) {
		runtime.GC() // the finalizer runs after the collection that found the sentinel
		time.Sleep(time.Millisecond)
	}
	if p, l := gcPercent(), memoryLimit(); p != percent || l != limit {
		t.Errorf("after a collection: GC percent %d, memory limit %d; want %d, %d", p, l, percent, limit)
	}
}
