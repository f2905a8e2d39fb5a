package markdown

import (
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/util"
)

// textWriter is goldmark's HTML writer with the plain runs of text copied
// as they are. Most of a page's text has nothing to escape or resolve,
// and goldmark's writer looks at it a byte at a time, calling a function
// for each: a tenth of the render's time. A run without any of the bytes
// that writer acts on is written whole, < > " are escaped here as it
// escapes them, and from a backslash, an & or a NUL on, the rest of the
// text goes to it, so the output is the same (TestTextWriterMatchesGoldmark).
type textWriter struct{ html.Writer }

// writeStops are the bytes Write hands to goldmark or escapes; rawStops
// those RawWrite escapes.
var writeStops, rawStops = func() (w, r [256]bool) {
	for _, c := range []byte{'<', '>', '"', '&', '\\', 0} {
		w[c] = true
	}
	for _, c := range []byte{'<', '>', '"', '&', 0} {
		r[c] = true
	}
	return w, r
}()

// plainRun returns the length of the run of b before its first stop.
func plainRun(b []byte, stops *[256]bool) int {
	for i, c := range b {
		if stops[c] {
			return i
		}
	}
	return len(b)
}

// Write writes text with its backslash escapes and entities resolved.
func (t textWriter) Write(w util.BufWriter, src []byte) {
	for {
		i := plainRun(src, &writeStops)
		_, _ = w.Write(src[:i])
		if i == len(src) {
			return
		}
		switch c := src[i]; c {
		case '<', '>', '"':
			_, _ = w.Write(util.EscapeHTMLByte(c))
			src = src[i+1:]
		default:
			t.Writer.Write(w, src[i:])
			return
		}
	}
}

// RawWrite writes text escaped, its backslashes and entities as they are.
func (textWriter) RawWrite(w util.BufWriter, src []byte) {
	for {
		i := plainRun(src, &rawStops)
		_, _ = w.Write(src[:i])
		if i == len(src) {
			return
		}
		_, _ = w.Write(util.EscapeHTMLByte(src[i]))
		src = src[i+1:]
	}
}

// fastText is the writer binome's renderers write text with.
var fastText = textWriter{html.DefaultWriter}
