package generator

import (
	"math/bits"
	"sync/atomic"
)

// reads says what of other pages, beyond the skeleton, a page's rendering
// read (see buildCache): the summaries of pages of some sections, and
// any page's body.
type reads struct {
	Summaries uint64 // a bit for each summary group (see Site.skeletons)
	Bodies    bool
}

// readsAll is what a page rendered for the first time may read.
var readsAll = reads{Summaries: ^uint64(0), Bodies: true}

// maxGroups bounds the summary groups: the sections past the last but one
// share the last group.
const maxGroups = 64

// readCounter counts the reads of other pages' summaries, by group, and
// of their bodies (see Page.summaryRead).
type readCounter struct {
	summaries [maxGroups]atomic.Int64
	bodies    atomic.Int64
	groups    int // in use
}

// readCounts is a readCounter at one time.
type readCounts struct {
	summaries [maxGroups]int64
	bodies    int64
}

func (c *readCounter) now() readCounts {
	var n readCounts
	for i := range c.groups {
		n.summaries[i] = c.summaries[i].Load()
	}
	n.bodies = c.bodies.Load()
	return n
}

// since is what was read after before was taken.
func (c *readCounter) since(before readCounts) reads {
	var r reads
	for i := range c.groups {
		if c.summaries[i].Load() != before.summaries[i] {
			r.Summaries |= 1 << i
		}
	}
	r.Bodies = c.bodies.Load() != before.bodies
	return r
}

// groupOf numbers a section among those of the site, sorted.
func groupOf(i int) uint8 {
	return uint8(min(i, maxGroups-1))
}

// each calls fn with the number of every group r reads, up to n.
func (r reads) each(n int, fn func(i int)) {
	for m := r.Summaries; m != 0; m &= m - 1 {
		i := bits.TrailingZeros64(m)
		if i >= n {
			return
		}
		fn(i)
	}
}
