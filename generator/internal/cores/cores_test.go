package cores

import (
	"sync/atomic"
	"testing"
)

// Each calls fn once for every index, and not at all for none.
func TestEach(t *testing.T) {
	for _, n := range []int{0, 1, 2, 7, 1000} {
		for _, atLeast := range []int{1, 2, 16} {
			calls := make([]atomic.Int32, n)
			Each(n, atLeast, func(i int) { calls[i].Add(1) })
			for i := range calls {
				if c := calls[i].Load(); c != 1 {
					t.Fatalf("n %d, at least %d: fn(%d) called %d times", n, atLeast, i, c)
				}
			}
		}
	}
}
