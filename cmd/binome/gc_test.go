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
