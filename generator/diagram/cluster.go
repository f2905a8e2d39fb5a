package diagram

import (
	"cmp"
	"slices"
)

// path returns the subgraphs a box is in, outermost first.
func (g *graph) path(v int) []int {
	var p []int
	for c := g.nodes[v].cluster; c >= 0; c = g.clusters[c].parent {
		p = append(p, c)
	}
	slices.Reverse(p)
	return p
}

// keepTogether reorders a rank so that the boxes of a subgraph stand
// side by side, where its frame can hold them: each group of boxes (a
// subgraph at each depth, or a box of no subgraph) takes the mean place
// of its boxes, and the rank is sorted by those, level by level, the
// boxes' own places last.
func (g *graph) keepTogether(l []int) {
	if len(g.clusters) == 0 {
		return
	}
	paths := make(map[int][]int, len(l))
	mean := map[int]float64{} // subgraph → mean place of its boxes here
	count := map[int]int{}
	for i, v := range l {
		paths[v] = g.path(v)
		for _, c := range paths[v] {
			mean[c] += float64(i)
			count[c]++
		}
	}
	for c := range mean {
		mean[c] /= float64(count[c])
	}
	place := make(map[int]float64, len(l))
	for i, v := range l {
		place[v] = float64(i)
	}
	slices.SortStableFunc(l, func(a, b int) int {
		pa, pb := paths[a], paths[b]
		for k := 0; ; k++ {
			ka, kb := place[a], place[b]
			ca, cb := -1, -1
			if k < len(pa) {
				ka, ca = mean[pa[k]], pa[k]
			}
			if k < len(pb) {
				kb, cb = mean[pb[k]], pb[k]
			}
			if ca >= 0 && ca == cb {
				continue // the same subgraph at this depth: look deeper
			}
			if c := cmp.Compare(ka, kb); c != 0 {
				return c
			}
			return cmp.Compare(ca, cb)
		}
	})
}

// frames sets each subgraph's frame around its boxes and the frames of
// the subgraphs within it, with its title on top; it draws one only
// where the frame covers no other box and crosses no other frame, so
// that a layout that could not keep a subgraph together shows its boxes
// unframed, as Mermaid source without subgraphs would be.
func (g *graph) frames() {
	type rect struct{ x0, y0, x1, y1 float64 }
	boxes := make([]rect, len(g.clusters))
	has := make([]bool, len(g.clusters))
	for _, n := range g.nodes {
		if n.dummy || n.cluster < 0 {
			continue
		}
		for c := n.cluster; c >= 0; c = g.clusters[c].parent {
			r := rect{n.x - n.w/2, n.y - n.h/2, n.x + n.w/2, n.y + n.h/2}
			if !has[c] {
				boxes[c], has[c] = r, true
				continue
			}
			b := &boxes[c]
			b.x0, b.y0, b.x1, b.y1 = min(b.x0, r.x0), min(b.y0, r.y0), max(b.x1, r.x1), max(b.y1, r.y1)
		}
	}
	// Innermost first: a frame holds the frames within it.
	depth := func(c int) int {
		d := 0
		for ; g.clusters[c].parent >= 0; c = g.clusters[c].parent {
			d++
		}
		return d
	}
	order := make([]int, 0, len(g.clusters))
	for c := range g.clusters {
		if has[c] {
			order = append(order, c)
		}
	}
	slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(depth(b), depth(a)) })
	frame := make([]rect, len(g.clusters))
	for _, c := range order {
		b := boxes[c]
		for _, d := range order {
			if g.clusters[d].parent == c && g.clusters[d].drawn {
				f := frame[d]
				b.x0, b.y0, b.x1, b.y1 = min(b.x0, f.x0), min(b.y0, f.y0), max(b.x1, f.x1), max(b.y1, f.y1)
			}
		}
		f := rect{b.x0 - framePad, b.y0 - framePad - frameTitle, b.x1 + framePad, b.y1 + framePad}
		f.x1 = max(f.x1, f.x0+textWidth(g.clusters[c].title)+2*framePad)
		overlaps := func(a, b rect) bool { return a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1 }
		ok := true
		for v, n := range g.nodes {
			if n.dummy || g.inside(v, c) {
				continue
			}
			if overlaps(f, rect{n.x - n.w/2, n.y - n.h/2, n.x + n.w/2, n.y + n.h/2}) {
				ok = false
				break
			}
		}
		for _, d := range order {
			if !ok || d == c || !g.clusters[d].drawn || g.within(d, c) {
				continue
			}
			if overlaps(f, frame[d]) {
				ok = false
			}
		}
		if ok {
			frame[c] = f
			cl := g.clusters[c]
			cl.drawn, cl.x, cl.y, cl.w, cl.h = true, f.x0, f.y0, f.x1-f.x0, f.y1-f.y0
		}
	}
}

// inside reports whether box v is in subgraph c, or in one within it.
func (g *graph) inside(v, c int) bool { return g.within(g.nodes[v].cluster, c) }

// within reports whether subgraph d is c or inside it (false for -1,
// no subgraph).
func (g *graph) within(d, c int) bool {
	for ; d >= 0; d = g.clusters[d].parent {
		if d == c {
			return true
		}
	}
	return false
}
