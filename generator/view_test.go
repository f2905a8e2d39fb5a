package generator

import (
	"cmp"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

	"binome/generator/content"
)

// sortPages sorts copies of the fields it compares; the order must be
// the one a stable sort by those fields of the pages gives, ties and all.
func TestSortPagesIsTheStableOrderOfItsFields(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	base := time.Date(2025, 3, 1, 10, 0, 0, 0, time.UTC)
	stable := func(ps []*Page) {
		slices.SortStableFunc(ps, func(a, b *Page) int {
			aw, bw := a.weight != 0 || a.suborder() != 0, b.weight != 0 || b.suborder() != 0
			if aw != bw {
				if aw {
					return -1
				}
				return 1
			}
			return cmp.Or(cmp.Compare(a.weight, b.weight), cmp.Compare(a.suborder(), b.suborder()),
				b.date.Compare(a.date), strings.Compare(a.titleKey, b.titleKey), strings.Compare(a.URL, b.URL))
		})
	}
	for n := range 300 {
		ps := make([]*Page, rng.IntN(60))
		for i := range ps {
			p := &Page{
				URL:      fmt.Sprintf("/p/%d/", rng.IntN(8)), // repeats: ties to the end
				weight:   rng.IntN(3) - 1,
				titleKey: fmt.Sprintf("t%d", rng.IntN(4)),
				date:     base.Add(time.Duration(rng.IntN(3)) * time.Hour).Add(time.Duration(rng.IntN(3))),
			}
			if rng.IntN(4) == 0 {
				p.date = time.Time{}
			}
			if rng.IntN(3) == 0 {
				p.src = &content.Page{Suborder: rng.IntN(3)}
			}
			ps[i] = p
		}
		want := slices.Clone(ps)
		stable(want)
		sortPages(ps)
		for i := range ps {
			if ps[i] != want[i] {
				t.Fatalf("case %d: place %d holds %+v, want %+v", n, i, *ps[i], *want[i])
			}
		}
	}
}
