// Package cores runs a loop's iterations on several goroutines.
package cores

import (
	"runtime"
	"sync"
	"sync/atomic"
)

// Each calls fn(0) … fn(n-1) on as many goroutines as there are cores,
// and at least atLeast (a loop that waits on the disk wants more than
// one even on one core). Each goroutine takes the next index itself:
// handed out one at a time through a channel, each item waited for the
// goroutine sending them to get a core, and a cold load of 10,000 pages
// kept 1.5 of 2 cores busy.
func Each(n, atLeast int, fn func(i int)) {
	var (
		wg   sync.WaitGroup
		next atomic.Int64
	)
	for range min(max(runtime.GOMAXPROCS(0), atLeast), max(n, 1)) {
		wg.Go(func() {
			for i := int(next.Add(1) - 1); i < n; i = int(next.Add(1) - 1) {
				fn(i)
			}
		})
	}
	wg.Wait()
}
