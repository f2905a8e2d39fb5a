package mentoring

import "math"

// assignment is a maximum-weight assignment problem between rows and
// columns, rows no more than columns. Rows and columns stand for
// entities (people); several rows or columns may stand for the same
// entity (one per free place of a mentor), and weights are kept once per
// pair of entities, two bytes each.
type assignment struct {
	rowEnt []int32 // entity of each row
	colEnt []int32 // entity of each column
	nEnt   int     // number of column entities
	// w[r*nEnt+c] is the weight between row entity r and column
	// entity c: never negative, zero meaning "no pairing".
	w []int16
	// colStart[e] is the first column of entity e; an entity's
	// columns are contiguous and colStart[nEnt] is the column count.
	colStart []int32
	// maxPhases bounds the first method of solve (see there); tests
	// set it to 0 or to many to check each method alone.
	maxPhases int
}

// defaultPhases lets the threshold method run to the end with weights
// of a few dozen levels, the usual case, and hands over to shortest
// paths when fine-grained weights would make it crawl.
const defaultPhases = 64

// solve returns, for each row, the column it gets. Every row gets one
// (rows ≤ columns); the caller drops pairs of weight zero, which is what
// makes this a best matching rather than a perfect one.
//
// Both methods below keep dual values u (rows) and v (columns) with
// u[i]+v[j] ≥ w(i,j) for every pair and equality on assigned pairs; the
// assignment is optimal when, in addition, unassigned rows have u = 0.
// The weights are integers, so the optimum is exact, and every step
// depends only on the order of rows and columns.
//
// First, the threshold method (Kuhn's Hungarian method for weighted
// matching): every unassigned row has the same dual λ, starting at the
// largest weight. Each phase assigns as many rows as possible along
// tight pairs (u+v = w) with augmenting paths, then lowers λ by the
// smallest slack that lets a new pair become tight. Ties make it fast:
// one phase assigns every row whose best pairs score the same. Phases
// number at most the distinct levels λ passes, a few dozen with the
// default weights.
//
// Then, for rows still unassigned (none, usually), shortest augmenting
// paths (Jonker–Volgenant): each row in turn finds the cheapest way,
// under reduced costs u+v-w ≥ 0, to a free column with a Dijkstra-like
// scan. Its cost does not depend on how fine the weights are.
func (a assignment) solve() []int {
	n, m := len(a.rowEnt), len(a.colEnt)
	s := &state{
		a:       a,
		u:       make([]int64, n),
		v:       make([]int64, m),
		col4row: make([]int, n),
		row4col: make([]int, m),
	}
	for i := range s.col4row {
		s.col4row[i] = -1
	}
	for j := range s.row4col {
		s.row4col[j] = -1
	}
	var top int16
	for _, x := range a.w {
		top = max(top, x)
	}
	for i := range s.u {
		s.u[i] = int64(top)
	}
	if a.nEnt <= math.MaxUint16+1 {
		s.order = sortRows(a.w, a.nEnt, top)
		s.thresholds(int64(top), a.maxPhases)
	}
	s.shortestPaths()
	return s.col4row
}

type state struct {
	a                assignment
	u, v             []int64
	col4row, row4col []int
	// Visit marks: a row or column is seen in the current round when
	// its mark equals stamp, so rounds need not clear them.
	rowSeen, colSeen []int32
	stamp            int32
	// order[r*nEnt:] lists the column entities of row entity r by
	// weight, highest first, so scans for tight pairs stop at the
	// first weight below u: u+v = w needs w ≥ u, as v ≥ 0.
	order []uint16
}

func (s *state) row(i int) []int16 {
	e := int(s.a.rowEnt[i]) * s.a.nEnt
	return s.a.w[e : e+s.a.nEnt]
}

// thresholds runs the threshold method from λ = top for at most
// maxPhases phases.
func (s *state) thresholds(lambda int64, maxPhases int) {
	n, m := len(s.u), len(s.v)
	s.rowSeen, s.colSeen = make([]int32, n), make([]int32, m)
	for phase := 0; lambda > 0 && phase < maxPhases; phase++ {
		free := 0
		for { // rounds of augmenting paths, until one finds none
			s.stamp++
			found := false
			free = 0
			for i, j := range s.col4row {
				if j < 0 {
					if s.augment(i) {
						found = true
					} else {
						free++
					}
				}
			}
			if !found {
				break
			}
		}
		if free == 0 {
			return
		}
		// The last round saw every row and column reachable from the
		// free rows along tight pairs. Lower their duals until a pair
		// leaving that set becomes tight, or λ reaches 0.
		delta := lambda
		for i := range n {
			if s.rowSeen[i] != s.stamp {
				continue
			}
			w, ui := s.row(i), s.u[i]
			for _, e := range s.rowOrder(i) {
				x := int64(w[e])
				if ui-x >= delta {
					break // v ≥ 0: no later pair has less slack
				}
				for j := s.a.colStart[e]; j < s.a.colStart[e+1]; j++ {
					if s.colSeen[j] != s.stamp {
						delta = min(delta, ui+s.v[j]-x)
					}
				}
			}
		}
		for i := range n {
			if s.rowSeen[i] == s.stamp {
				s.u[i] -= delta
			}
		}
		for j := range m {
			if s.colSeen[j] == s.stamp {
				s.v[j] += delta
			}
		}
		lambda -= delta
	}
}

// augment looks for a path of tight pairs from row i to a free column
// through columns not yet seen this round, and flips it: Kuhn's
// depth-first search, trying a free column first.
func (s *state) augment(i int) bool {
	s.rowSeen[i] = s.stamp
	w, ord, ui := s.row(i), s.rowOrder(i), s.u[i]
	for _, e := range ord {
		if int64(w[e]) < ui {
			break
		}
		for j := s.a.colStart[e]; j < s.a.colStart[e+1]; j++ {
			if s.row4col[j] < 0 && s.colSeen[j] != s.stamp && int64(w[e])-ui == s.v[j] {
				s.colSeen[j] = s.stamp
				s.row4col[j], s.col4row[i] = i, int(j)
				return true
			}
		}
	}
	for _, e := range ord {
		if int64(w[e]) < ui {
			break
		}
		for j := s.a.colStart[e]; j < s.a.colStart[e+1]; j++ {
			if s.colSeen[j] != s.stamp && int64(w[e])-ui == s.v[j] {
				s.colSeen[j] = s.stamp
				if s.augment(s.row4col[j]) {
					s.row4col[j], s.col4row[i] = i, int(j)
					return true
				}
			}
		}
	}
	return false
}

func (s *state) rowOrder(i int) []uint16 {
	e := int(s.a.rowEnt[i]) * s.a.nEnt
	return s.order[e : e+s.a.nEnt]
}

// sortRows orders each row's column entities by weight, highest first,
// ties by entity: a counting sort, weights being small integers.
func sortRows(w []int16, nEnt int, top int16) []uint16 {
	order := make([]uint16, len(w))
	count := make([]int, int(top)+2)
	for r := 0; r < len(w); r += nEnt {
		row, out := w[r:r+nEnt], order[r:r+nEnt]
		clear(count)
		for _, x := range row {
			count[int(top-x)+1]++
		}
		for k := 1; k < len(count); k++ {
			count[k] += count[k-1]
		}
		for e, x := range row {
			k := int(top - x)
			out[count[k]] = uint16(e)
			count[k]++
		}
	}
	return order
}

// shortestPaths assigns the rows still free, one shortest augmenting
// path each.
func (s *state) shortestPaths() {
	m := len(s.v)
	dist := make([]int64, m)
	path := make([]int, m)
	remaining := make([]int, m)
	var visitedRows, visitedCols []int
	for start, j := range s.col4row {
		if j >= 0 {
			continue
		}
		remaining = remaining[:m]
		for j := range remaining {
			remaining[j] = m - 1 - j
			dist[j] = math.MaxInt64
		}
		visitedRows, visitedCols = visitedRows[:0], visitedCols[:0]
		var minVal int64
		i, sink := start, -1
		for sink < 0 {
			visitedRows = append(visitedRows, i)
			w, ui := s.row(i), s.u[i]
			lowest, index := int64(math.MaxInt64), -1
			for it, j := range remaining {
				if r := minVal + ui + s.v[j] - int64(w[s.a.colEnt[j]]); r < dist[j] {
					path[j] = i
					dist[j] = r
				}
				// On a tie prefer a free column: the search ends there.
				if dist[j] < lowest || dist[j] == lowest && s.row4col[j] < 0 {
					lowest, index = dist[j], it
				}
			}
			minVal = lowest
			j := remaining[index]
			visitedCols = append(visitedCols, j)
			last := len(remaining) - 1
			remaining[index] = remaining[last]
			remaining = remaining[:last]
			if s.row4col[j] < 0 {
				sink = j
			} else {
				i = s.row4col[j]
			}
		}
		// Shift the duals of what the search settled by how far inside
		// the shortest-path tree it was, keeping reduced costs ≥ 0.
		s.u[start] -= minVal
		for _, r := range visitedRows[1:] {
			s.u[r] -= minVal - dist[s.col4row[r]]
		}
		for _, j := range visitedCols {
			s.v[j] += minVal - dist[j]
		}
		for j := sink; ; { // flip the path from the sink back to start
			r := path[j]
			s.row4col[j] = r
			s.col4row[r], j = j, s.col4row[r]
			if r == start {
				break
			}
		}
	}
}
