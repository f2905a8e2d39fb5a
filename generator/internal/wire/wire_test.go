package wire

import (
	"reflect"
	"strings"
	"testing"
	"time"

	"binome/generator/source"
)

// Each value comes back as it went, nil and empty apart, and a record
// cut anywhere is an error.
func TestRoundTrip(t *testing.T) {
	at := time.Date(2026, 11, 30, 6, 0, 0, 5, time.FixedZone("", 3600))
	errs := []source.Error{{Pos: source.Pos{Path: "content/a.md", Line: 3, Col: -1}, Msg: "m", Hint: "h"}}
	var b []byte
	b = AppendCount(b, 0, true)
	b = AppendBytes(b, nil)
	b = AppendBytes(b, []byte{})
	b = AppendBytes(b, []byte("front"))
	b = AppendString(b, "")
	b = AppendString(b, "une chaîne bien plus longue que trente-deux octets")
	b = AppendStrings(b, nil)
	b = AppendStrings(b, []string{})
	b = AppendStrings(b, []string{"fr", "fr", "guides"})
	b = AppendBool(b, true)
	b = AppendHash(b, 1<<63|7)
	b = AppendInt(b, -1<<40)
	b = AppendErrors(b, errs)
	b = AppendTime(b, at)
	b = AppendTime(b, time.Time{})

	read := func(data []byte) ([]any, error) {
		r := NewReader(data)
		_, nilOK := r.Count()
		got := []any{nilOK, r.Bytes(), r.Bytes(), r.Bytes(), r.String(), r.String(), r.Strings(), r.Strings(), r.Strings(),
			r.Bool(), r.Hash(), r.Int(), r.Errors(), r.Time(), r.Time()}
		return got, r.Done()
	}
	got, err := read(b)
	if err != nil {
		t.Fatal(err)
	}
	want := []any{false, []byte(nil), []byte{}, []byte("front"), "", "une chaîne bien plus longue que trente-deux octets",
		[]string(nil), []string{}, []string{"fr", "fr", "guides"}, true, uint64(1<<63 | 7), int64(-1 << 40), errs, at, time.Time{}}
	for i := range want {
		w, g := want[i], got[i]
		if wt, ok := w.(time.Time); ok {
			gt := g.(time.Time)
			_, wo := wt.Zone()
			_, gotOff := gt.Zone()
			if !gt.Equal(wt) || wo != gotOff {
				t.Errorf("value %d: %v, want %v", i, gt, wt)
			}
			continue
		}
		if !reflect.DeepEqual(g, w) {
			t.Errorf("value %d: %#v, want %#v", i, g, w)
		}
	}
	for n := range len(b) {
		if _, err := read(b[:n]); err == nil {
			t.Fatalf("cut at %d of %d bytes: no error", n, len(b))
		}
	}
}

// A Hasher fed in pieces gives the Sum of the whole.
func TestHasherIsSum(t *testing.T) {
	data := []byte(strings.Repeat("binôme, mentor et mentoré. ", 5000))
	for _, piece := range []int{1, 7, 4096, len(data)} {
		h := NewHasher()
		for b := data; len(b) > 0; {
			n := min(piece, len(b))
			h.Write(b[:n])
			b = b[n:]
		}
		if got, want := h.Sum(), Sum(data); got != want {
			t.Errorf("in pieces of %d: %x, want %x", piece, got, want)
		}
	}
}
