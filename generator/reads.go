package generator

import (
	"slices"
	"sync"
	"sync/atomic"
)

// reads says what of other pages, beyond the skeleton, a page's rendering
// read (see buildCache): the summaries of some pages, and any page's body.
type reads struct {
	// All is set for a page the cache has not seen rendered: it may read
	// any summary and any body.
	All       bool
	Summaries []string // the URLs of the pages whose summaries it read, sorted
	Bodies    bool
}

// readLog records the templates' reads of other pages (see
// Page.summaryRead): every summary read, in order, and a count of the
// body reads. A rendering is said to have read what was recorded while it
// ran (Site.renderPage).
type readLog struct {
	// on is set before rendering by a build that keeps a cache: the dev
	// server renders page after page for hours, and keeps no log.
	on        bool
	mu        sync.Mutex
	summaries []*Page
	bodies    atomic.Int64
}

// readMark is a point in a readLog.
type readMark struct {
	summaries int
	bodies    int64
}

func (l *readLog) summaryRead(p *Page) {
	if !l.on {
		return
	}
	l.mu.Lock()
	l.summaries = append(l.summaries, p)
	l.mu.Unlock()
}

func (l *readLog) mark() readMark {
	l.mu.Lock()
	defer l.mu.Unlock()
	return readMark{summaries: len(l.summaries), bodies: l.bodies.Load()}
}

// after returns the pages whose summaries were read after m, and whether
// a body was.
func (l *readLog) after(m readMark) ([]*Page, bool) {
	l.mu.Lock()
	pages := slices.Clone(l.summaries[m.summaries:])
	l.mu.Unlock()
	return pages, l.bodies.Load() != m.bodies
}

// since is what was read after m, as a page's cache record keeps it.
func (l *readLog) since(m readMark) reads {
	pages, bodies := l.after(m)
	r := reads{Bodies: bodies}
	if len(pages) > 0 {
		r.Summaries = make([]string, len(pages))
		for i, p := range pages {
			r.Summaries[i] = p.URL
		}
		slices.Sort(r.Summaries)
		r.Summaries = slices.Compact(r.Summaries)
	}
	return r
}

// fragmentReads is what a theme fragment's rendering read (see
// theme.ReadTracker): the pages whose summaries it showed, and whether
// it showed a body.
type fragmentReads struct {
	summaries []*Page
	bodies    bool
}

// Mark, Since and Replay make the log a theme.ReadTracker: a fragment
// rendered once and shown on many pages (partialCached) is read again,
// in the log, by each page that shows it.
func (l *readLog) Mark() any { return l.mark() }

func (l *readLog) Since(mark any) any {
	pages, bodies := l.after(mark.(readMark))
	if len(pages) == 0 && !bodies {
		return nil
	}
	return &fragmentReads{summaries: pages, bodies: bodies}
}

func (l *readLog) Replay(reads any) {
	f := reads.(*fragmentReads)
	if !l.on {
		return
	}
	l.mu.Lock()
	l.summaries = append(l.summaries, f.summaries...)
	l.mu.Unlock()
	if f.bodies {
		l.bodies.Add(1)
	}
}
