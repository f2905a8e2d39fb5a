package generator

import (
	"bytes"
	"encoding/gob"
	"math/rand/v2"
	"reflect"
	"testing"

	"binome/generator/internal/wire/wiretest"
)

// Every exported field of the pages' memos comes back from build.gob as
// it went, through gob as loadCache reads it.
func TestPageMemosRoundTrip(t *testing.T) {
	r := rand.New(rand.NewPCG(11, 16))
	for i := range 200 {
		var c buildCache
		wiretest.Fill(r, reflect.ValueOf(&c.Pages).Elem())
		var buf bytes.Buffer
		if err := gob.NewEncoder(&buf).Encode(&c); err != nil {
			t.Fatal(err)
		}
		var got buildCache
		if err := gob.NewDecoder(&buf).Decode(&got); err != nil {
			t.Fatalf("case %d: %v", i, err)
		}
		if len(c.Pages) == 0 && len(got.Pages) == 0 {
			continue // gob leaves an empty map out, and it reads as nil
		}
		if !wiretest.Same(&c.Pages, &got.Pages) {
			t.Fatalf("case %d: the memos did not come back as they went:\n got %+v\nwant %+v", i, got.Pages, c.Pages)
		}
	}
}

// Damaged memos are an error, never a panic.
func TestPageMemosRefuseDamage(t *testing.T) {
	r := rand.New(rand.NewPCG(12, 16))
	var m pageMemos
	for len(m) < 3 {
		m = nil
		wiretest.Fill(r, reflect.ValueOf(&m).Elem())
	}
	data, _ := m.GobEncode()
	for n := range len(data) {
		var got pageMemos
		if err := got.GobDecode(data[:n]); err == nil {
			t.Fatalf("cut at %d of %d bytes: no error", n, len(data))
		}
	}
	for range 2000 {
		bad := bytes.Clone(data)
		bad[r.IntN(len(bad))] ^= byte(1 + r.IntN(255))
		var got pageMemos
		got.GobDecode(bad)
	}
}
