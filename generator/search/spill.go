package search

import (
	"errors"
	"fmt"
	"os"
	"slices"
	"sync"
)

// spillBuffer is how many bytes of fragments a spill file gathers before
// writing them: one write per few dozen docs rather than one system call
// per doc, which Add would feel; a fraction of a percent of what it saves
// in memory.
const spillBuffer = 256 << 10

// errSpillClosed is what reading a fragment returns after Close.
var errSpillClosed = errors.New("search: fragments read after Close")

// SpillFragments keeps the fragments of the docs added from now on in a
// temporary file in dir (the default temporary directory if dir is ""),
// instead of in memory, until Close. A fragment, the text a doc shows in
// its snippets, is most of what an Indexer holds per doc, about 4 KB: 40 MB
// at 10,000 pages, 150 MB at 50,000, held from Add to the end of the build
// although only EachFile and EachPrepared read them back, each once. The
// files they make are the same, byte for byte.
//
// The file has no name from the start where an open file can be removed
// (Unix): a killed build leaves nothing behind. Elsewhere Close removes
// it. The fragments of docs added before the call stay in memory: moving
// them would race with a reader. It fails if called twice.
func (ix *Indexer) SpillFragments(dir string) error {
	f, err := os.CreateTemp(dir, "binome-search-*")
	if err != nil {
		return fmt.Errorf("search: spill fragments: %w", err)
	}
	sp := &spill{f: f, buf: make([]byte, 0, spillBuffer+maxFragment)}
	if os.Remove(f.Name()) != nil {
		sp.name = f.Name()
	}
	if !ix.spill.CompareAndSwap(nil, sp) {
		sp.close()
		return errors.New("search: fragments spilled already")
	}
	return nil
}

// Close removes the file of SpillFragments: the fragments it held are
// gone, and EachFile, Files, EachPrepared and Prepared fail after it if
// there were any. Without SpillFragments it does nothing; a second Close
// neither.
func (ix *Indexer) Close() error {
	if sp := ix.spill.Load(); sp != nil {
		return sp.close()
	}
	return nil
}

// spill is the file of SpillFragments: the fragments one after another,
// in the order of Add.
type spill struct {
	f    *os.File
	name string // to remove at close: it could not be at once; else ""

	mu     sync.Mutex
	buf    []byte // the fragments after size, not written yet
	size   int64  // bytes written to f
	err    error  // the first failure: every read after it fails too
	closed bool
}

// add appends a fragment and returns where it is and its length. It is
// safe for concurrent use. A write error is kept for the readers, which
// Add has no way to return it to.
func (sp *spill) add(frag []byte) (at, n int64) {
	sp.mu.Lock()
	defer sp.mu.Unlock()
	at, n = sp.size+int64(len(sp.buf)), int64(len(frag))
	if sp.err != nil {
		// Nothing will be read again: count the bytes but drop them.
		sp.size += n
		return at, n
	}
	sp.buf = append(sp.buf, frag...)
	if len(sp.buf) >= spillBuffer {
		sp.flush()
	}
	return at, n
}

// flush writes buf. The caller holds sp.mu.
func (sp *spill) flush() {
	if sp.err == nil && len(sp.buf) > 0 {
		if _, err := sp.f.WriteAt(sp.buf, sp.size); err != nil {
			sp.err = fmt.Errorf("search: spill fragments: %w", err)
		}
	}
	sp.size += int64(len(sp.buf))
	sp.buf = sp.buf[:0]
}

// read appends to b the n bytes at offset at, which add returned. It is
// safe for concurrent use, with add too.
func (sp *spill) read(b []byte, at, n int64) ([]byte, error) {
	sp.mu.Lock()
	if at+n > sp.size {
		// Still in buf: written now, so that reads have one path. A
		// reader comes after the docs are added, and flushes once.
		sp.flush()
	}
	err := sp.err
	sp.mu.Unlock()
	if err != nil {
		return b, err
	}
	b = slices.Grow(b, int(n))
	if _, err := sp.f.ReadAt(b[len(b):len(b)+int(n)], at); err != nil {
		// ReadAt fails whenever it reads fewer than n bytes.
		return b, fmt.Errorf("search: read spilled fragment: %w", err)
	}
	return b[:len(b)+int(n)], nil
}

// close closes and removes the file; later reads fail.
func (sp *spill) close() error {
	sp.mu.Lock()
	defer sp.mu.Unlock()
	if sp.closed {
		return nil
	}
	sp.closed, sp.buf = true, nil
	if sp.err == nil {
		sp.err = errSpillClosed
	}
	err := sp.f.Close()
	if sp.name != "" {
		if rerr := os.Remove(sp.name); err == nil {
			err = rerr
		}
	}
	return err
}
