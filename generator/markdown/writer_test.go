package markdown

import (
	"bufio"
	"bytes"
	"math/rand/v2"
	"testing"

	"github.com/yuin/goldmark/renderer/html"
)

// The text writer writes what goldmark's writes, on text mixing plain
// runs with escapes, entities, markup characters and NULs.
func TestTextWriterMatchesGoldmark(t *testing.T) {
	pieces := []string{"a", "mentor", " ", "é", "«", "\\", "\\*", "\\ ", "\\\\", "&", "&amp;", "&eacute;", "&bogus;", "&#x22;", "&#X41;", "&#123;", "&#;", "&#x;",
		"<", ">", "\"", "'", "\x00", ";", "#", "x", "9", "\n", "\xff"}
	write := func(f func(w *bufio.Writer)) string {
		var b bytes.Buffer
		w := bufio.NewWriter(&b)
		f(w)
		w.Flush()
		return b.String()
	}
	r := rand.New(rand.NewPCG(7, 11))
	for range 50000 {
		var src []byte
		for range r.IntN(10) {
			src = append(src, pieces[r.IntN(len(pieces))]...)
		}
		got := write(func(w *bufio.Writer) { fastText.Write(w, src) })
		want := write(func(w *bufio.Writer) { html.DefaultWriter.Write(w, src) })
		if got != want {
			t.Fatalf("Write(%q) = %q, goldmark writes %q", src, got, want)
		}
		got = write(func(w *bufio.Writer) { fastText.RawWrite(w, src) })
		want = write(func(w *bufio.Writer) { html.DefaultWriter.RawWrite(w, src) })
		if got != want {
			t.Fatalf("RawWrite(%q) = %q, goldmark writes %q", src, got, want)
		}
	}
}
