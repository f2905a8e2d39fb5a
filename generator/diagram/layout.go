package diagram

import (
	"math"
	"slices"
	"unicode/utf8"
)

// The layout is layered, as dagre and Graphviz's dot lay out flowcharts:
// arrows that close a cycle are turned round, each box gets a rank (its
// longest path from a box nothing points to), an arrow spanning several
// ranks passes through a point on each, the boxes of a rank are ordered
// to cross few arrows (barycentres, swept down and up), and ranks are
// drawn as rows (TD, BT) or columns (LR, RL).

// Sizes, in pixels at the theme's 14px text.
const (
	fontSize   = 14.0
	lineHeight = 19.0
	padX, padY = 14.0, 9.0
	nodeGap    = 28.0 // between boxes of a rank
	dummyGap   = 14.0 // beside an arrow's passing point
	rankGap    = 46.0 // between ranks
	labelGap   = 22.0 // more between ranks that an arrow's text sits in
	framePad   = 12.0 // inside a subgraph's frame, around its boxes
	frameTitle = 20.0 // the frame's title, over its boxes
	margin     = 8.0
)

// textWidth estimates the width of a line of text in the theme's sans
// serif: wide enough for most fonts, as no font is measured here.
func textWidth(s string) float64 {
	w := 0.0
	for _, r := range s {
		switch {
		case r == ' ':
			w += 0.30
		case r == 'i' || r == 'l' || r == 'j' || r == 't' || r == 'f' || r == 'I' || r == '.' || r == ',' || r == ':' || r == ';' || r == '\'' || r == '!' || r == '|' || r == '(' || r == ')':
			w += 0.32
		case r == 'm' || r == 'w' || r == 'M' || r == 'W':
			w += 0.85
		case r >= 'A' && r <= 'Z':
			w += 0.66
		case r >= '0' && r <= '9':
			w += 0.56
		case r < utf8.RuneSelf:
			w += 0.53
		case r >= 0x2E80:
			w += 1.0 // CJK and emoji: a square each
		default:
			w += 0.56
		}
	}
	return w * fontSize
}

func linesSize(lines []string) (w, h float64) {
	for _, l := range lines {
		w = max(w, textWidth(l))
	}
	return w, float64(len(lines)) * lineHeight
}

// size gives each box its width and height from its text and shape.
func (g *graph) size() {
	for _, n := range g.nodes {
		tw, th := linesSize(n.lines)
		n.w, n.h = tw+2*padX, th+2*padY
		switch n.shape {
		case diamond:
			// The text fits in the diamond's middle.
			n.w, n.h = tw*1.5+2*padX, th*1.5+2*padY
			n.w, n.h = max(n.w, n.h*1.2), max(n.h, 44)
		case circle:
			d := math.Hypot(tw, th) + 2*padY
			n.w, n.h = d, d
		case hexagon, leanRight, leanLeft, trapezoid, trapezoidAlt:
			n.w += n.h
		case asymmetric:
			n.w += n.h / 2
		case stadium:
			n.w += n.h / 2
		case cylinder:
			n.h += 12
		}
		n.w = max(n.w, 44)
	}
}

// layout places the boxes and routes the arrows.
func (g *graph) layout() {
	g.size()
	real := len(g.nodes)
	out := make([][]int, real) // layout edges, by index into g.edges
	for k, e := range g.edges {
		if e.from != e.to {
			out[e.from] = append(out[e.from], k)
		}
	}
	g.breakCycles(out)
	g.rank()
	// Passing points, so that no arrow spans more than one rank.
	for _, e := range g.edges {
		if e.from == e.to {
			continue
		}
		a, b := e.ranked()
		e.chain = []int{a}
		for r := g.nodes[a].rank + 1; r < g.nodes[b].rank; r++ {
			d := &node{dummy: true, cluster: -1, rank: r, w: dummyGap, h: dummyGap}
			if len(e.label) > 0 && r == (g.nodes[a].rank+g.nodes[b].rank)/2 {
				// The arrow's text is drawn at this point: room for it.
				d.w, d.h = linesSize(e.label)
				d.w += 8
			}
			e.chain = append(e.chain, len(g.nodes))
			g.nodes = append(g.nodes, d)
		}
		e.chain = append(e.chain, b)
	}
	layers := g.order()
	g.place(layers)
	g.frames()
}

// ranked returns the arrow's ends in the order of the ranks: turned
// round when it closes a cycle.
func (e *edge) ranked() (a, b int) {
	if e.reversed {
		return e.to, e.from
	}
	return e.from, e.to
}

// breakCycles turns round the arrows that close a cycle, found by a depth
// first walk from the boxes in the order they were written.
func (g *graph) breakCycles(out [][]int) {
	const (
		unseen = iota
		open
		done
	)
	state := make([]int, len(g.nodes))
	var visit func(v int)
	visit = func(v int) {
		state[v] = open
		for _, k := range out[v] {
			w := g.edges[k].to
			switch state[w] {
			case open:
				g.edges[k].reversed = true
			case unseen:
				visit(w)
			}
		}
		state[v] = done
	}
	for v := range g.nodes {
		if state[v] == unseen {
			visit(v)
		}
	}
}

// rank gives every box the length of its longest path from a box with
// no arrow in.
func (g *graph) rank() {
	n := len(g.nodes)
	indeg := make([]int, n)
	succ := make([][]int, n)
	for _, e := range g.edges {
		if e.from == e.to {
			continue
		}
		a, b := e.ranked()
		succ[a] = append(succ[a], b)
		indeg[b]++
	}
	var queue []int
	for v := range n {
		if indeg[v] == 0 {
			queue = append(queue, v)
		}
	}
	for len(queue) > 0 {
		v := queue[0]
		queue = queue[1:]
		for _, w := range succ[v] {
			g.nodes[w].rank = max(g.nodes[w].rank, g.nodes[v].rank+1)
			if indeg[w]--; indeg[w] == 0 {
				queue = append(queue, w)
			}
		}
	}
}

// order sorts each rank's boxes to cross few arrows, and returns the
// ranks.
func (g *graph) order() [][]int {
	maxRank := 0
	for _, n := range g.nodes {
		maxRank = max(maxRank, n.rank)
	}
	layers := make([][]int, maxRank+1)
	// First in the order written, passing points after the boxes.
	for v, n := range g.nodes {
		layers[n.rank] = append(layers[n.rank], v)
	}
	up := make([][]int, len(g.nodes))   // neighbours one rank above
	down := make([][]int, len(g.nodes)) // and below
	for _, e := range g.edges {
		for i := 1; i < len(e.chain); i++ {
			a, b := e.chain[i-1], e.chain[i]
			down[a] = append(down[a], b)
			up[b] = append(up[b], a)
		}
	}
	pos := make([]float64, len(g.nodes))
	renumber := func(layer []int) {
		for i, v := range layer {
			pos[v] = float64(i)
			g.nodes[v].order = i
		}
	}
	for _, l := range layers {
		g.keepTogether(l)
		renumber(l)
	}
	best, bestCross := cloneLayers(layers), g.crossings(layers, down)
	sweep := func(l []int, adj [][]int) {
		bary := make(map[int]float64, len(l))
		for _, v := range l {
			if len(adj[v]) == 0 {
				bary[v] = pos[v]
				continue
			}
			sum := 0.0
			for _, w := range adj[v] {
				sum += pos[w]
			}
			bary[v] = sum / float64(len(adj[v]))
		}
		slices.SortStableFunc(l, func(a, b int) int {
			switch {
			case bary[a] < bary[b]:
				return -1
			case bary[a] > bary[b]:
				return 1
			}
			return 0
		})
		renumber(l)
		g.keepTogether(l)
		renumber(l)
	}
	for iter := range 8 {
		if iter%2 == 0 {
			for r := 1; r < len(layers); r++ {
				sweep(layers[r], up)
			}
		} else {
			for r := len(layers) - 2; r >= 0; r-- {
				sweep(layers[r], down)
			}
		}
		if c := g.crossings(layers, down); c < bestCross {
			best, bestCross = cloneLayers(layers), c
		}
	}
	for _, l := range best {
		for i, v := range l {
			g.nodes[v].order = i
		}
	}
	return best
}

func cloneLayers(layers [][]int) [][]int {
	out := make([][]int, len(layers))
	for i, l := range layers {
		out[i] = slices.Clone(l)
	}
	return out
}

// crossings counts the pairs of arrow segments that cross between
// neighbouring ranks, in the order the layers give.
func (g *graph) crossings(layers [][]int, down [][]int) int {
	pos := make([]int, len(g.nodes))
	for _, l := range layers {
		for i, v := range l {
			pos[v] = i
		}
	}
	total := 0
	for r := 0; r+1 < len(layers); r++ {
		var segs [][2]int
		for _, a := range layers[r] {
			for _, b := range down[a] {
				segs = append(segs, [2]int{pos[a], pos[b]})
			}
		}
		for i := range segs {
			for j := i + 1; j < len(segs); j++ {
				if (segs[i][0]-segs[j][0])*(segs[i][1]-segs[j][1]) < 0 {
					total++
				}
			}
		}
	}
	return total
}

// place gives every box its centre: ranks at increasing depth along the
// flow, the boxes of a rank side by side, each rank centred on the
// widest, then nudged towards the boxes it links to.
func (g *graph) place(layers [][]int) {
	across := g.dir == "LR" || g.dir == "RL"
	breadth := func(n *node) float64 { // along a rank
		if across {
			return n.h
		}
		return n.w
	}
	depth := func(n *node) float64 { // along the flow
		if across {
			return n.w
		}
		return n.h
	}
	gap := func(a, b *node) float64 {
		d := nodeGap
		if a.dummy || b.dummy {
			d = dummyGap
		}
		if a.cluster != b.cluster {
			// Room for a subgraph's frame between them.
			d += framePad
		}
		return d
	}
	// Along a rank: side by side, then centred.
	side := make([]float64, len(g.nodes))
	widest := 0.0
	spans := make([]float64, len(layers))
	for r, l := range layers {
		at := 0.0
		for i, v := range l {
			n := g.nodes[v]
			if i > 0 {
				at += gap(g.nodes[l[i-1]], n)
			}
			side[v] = at + breadth(n)/2
			at += breadth(n)
		}
		spans[r] = at
		widest = max(widest, at)
	}
	for r, l := range layers {
		shift := (widest - spans[r]) / 2
		for _, v := range l {
			side[v] += shift
		}
	}
	g.straighten(layers, side, breadth, gap)
	// Along the flow: each rank as deep as its deepest box, and more
	// room where an arrow's text sits between two ranks.
	labelled := make([]bool, len(layers))
	for _, e := range g.edges {
		if len(e.label) > 0 && len(e.chain) == 2 {
			labelled[g.nodes[e.chain[0]].rank] = true
		}
	}
	flow := make([]float64, len(layers))
	at := 0.0
	step := rankGap
	if len(g.clusters) > 0 {
		step += framePad // room for frames and their titles between ranks
	}
	for r, l := range layers {
		d := 0.0
		for _, v := range l {
			d = max(d, depth(g.nodes[v]))
		}
		flow[r] = at + d/2
		at += d + step
		if labelled[r] {
			at += labelGap
		}
	}
	last := at - step
	for v, n := range g.nodes {
		f := flow[n.rank]
		if g.dir == "BT" || g.dir == "RL" {
			f = last - f
		}
		if across {
			n.x, n.y = f, side[v]
		} else {
			n.x, n.y = side[v], f
		}
	}
}

// straighten moves boxes along their rank towards the mean of their
// neighbours', keeping the rank's order and gaps: a chain of boxes stands
// in a line, and a box under two others sits between them.
func (g *graph) straighten(layers [][]int, side []float64, breadth func(*node) float64, gap func(a, b *node) float64) {
	adj := make([][]int, len(g.nodes))
	for _, e := range g.edges {
		for i := 1; i < len(e.chain); i++ {
			a, b := e.chain[i-1], e.chain[i]
			adj[a] = append(adj[a], b)
			adj[b] = append(adj[b], a)
		}
	}
	for range 6 {
		for _, l := range layers {
			for i, v := range l {
				if len(adj[v]) == 0 {
					continue
				}
				want := 0.0
				for _, w := range adj[v] {
					want += side[w]
				}
				want /= float64(len(adj[v]))
				n := g.nodes[v]
				lo, hi := math.Inf(-1), math.Inf(1)
				if i > 0 {
					p := g.nodes[l[i-1]]
					lo = side[l[i-1]] + breadth(p)/2 + gap(p, n) + breadth(n)/2
				}
				if i+1 < len(l) {
					q := g.nodes[l[i+1]]
					hi = side[l[i+1]] - breadth(q)/2 - gap(n, q) - breadth(n)/2
				}
				if lo <= hi {
					side[v] = min(max(want, lo), hi)
				}
			}
		}
	}
	// Nothing left of zero.
	least := math.Inf(1)
	for v, n := range g.nodes {
		least = min(least, side[v]-breadth(n)/2)
	}
	for v := range side {
		side[v] -= least
	}
}
