package mentoring

import (
	"math"
	"slices"
)

// assignment is a maximum-weight assignment problem between rows and
// columns, rows no more than columns. Rows and columns stand for
// entities (people); several rows or columns may stand for the same
// entity (one per free place of a mentor), and weights are kept once per
// pair of entities, two bytes each.
type assignment struct {
	rowEnt []int32 // entity of each row
	colEnt []int32 // entity of each column
	nEnt   int     // number of column entities
	// pairs lists the column entities each row entity scores with.
	pairs pairs
	// dense returns w, where w[r*nEnt+c] is the weight between row
	// entity r and column entity c: never negative, zero meaning "no
	// pairing". solve calls it only when it needs shortest paths.
	dense func() []int16
	w     []int16
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

// solve returns, for each row, the column it gets, or -1 for a row left
// with only pairs of weight zero (rows ≤ columns); the caller drops pairs
// of weight zero too, which is what makes this a best matching rather
// than a perfect one.
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
// scan. Its cost does not depend on how fine the weights are, but it
// reads every pair's weight (assignment.dense). It is not needed when the
// threshold method ends with λ at 0: the rows still free then have u = 0,
// and by the duals no pair of positive weight left.
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
	for _, x := range a.pairs.w {
		top = max(top, x)
	}
	for i := range s.u {
		s.u[i] = int64(top)
	}
	if s.thresholds(int64(top), a.maxPhases) > 0 && slices.Contains(s.col4row, -1) {
		s.a.w = a.dense()
		s.shortestPaths()
	}
	return s.col4row
}

// pairs is, for each row entity, the column entities it has a positive
// weight with, highest weight first, ties by entity: the only pairs the
// threshold method looks at.
type pairs struct {
	start []int32 // row entity r's pairs are ent[start[r]:start[r+1]]
	ent   []int32
	w     []int16
}

// pairsOf lists the pairs of rows row entities: candidates gives each
// row's possible column entities (any order, repeats allowed), weight
// their weights.
func pairsOf(rows, cols int, weight func(r, c int) int16, candidates func(r int, visit func(c int))) pairs {
	p := pairs{start: make([]int32, rows+1)}
	seen := make([]int32, cols) // r+1 when listed for row r
	wrow := make([]int16, cols) // the weights of row r's candidates
	var (
		list  []int32
		count []int32
		keys  []uint64
	)
	for r := range rows {
		list = list[:0]
		var top int16
		candidates(r, func(c int) {
			if seen[c] == int32(r+1) {
				return
			}
			seen[c] = int32(r + 1)
			if x := weight(r, c); x > 0 {
				wrow[c] = x
				top = max(top, x)
				list = append(list, int32(c))
			}
		})
		if len(list) == 0 {
			p.start[r+1] = int32(len(p.ent))
			continue
		}
		n := len(p.ent)
		p.ent = slices.Grow(p.ent, len(list))[:n+len(list)]
		p.w = slices.Grow(p.w, len(list))[:n+len(list)]
		if top > 4096 {
			// Fine-grained weights: sorting the keys sorts by weight,
			// highest first, then by entity.
			keys = keys[:0]
			for _, c := range list {
				keys = append(keys, uint64(math.MaxInt16-wrow[c])<<32|uint64(c))
			}
			slices.Sort(keys)
			for i, k := range keys {
				p.ent[n+i] = int32(k & math.MaxUint32)
				p.w[n+i] = math.MaxInt16 - int16(k>>32)
			}
		} else {
			// Few weights, the usual case: the candidates in entity order,
			// then a counting sort by weight, which keeps that order.
			if len(list)*16 < cols {
				slices.Sort(list)
			} else {
				list = list[:0]
				for c, mark := range seen {
					if mark == int32(r+1) && wrow[c] > 0 {
						list = append(list, int32(c))
					}
				}
			}
			count = slices.Grow(count[:0], int(top)+2)[:int(top)+2]
			clear(count)
			for _, c := range list {
				count[top-wrow[c]+1]++
			}
			for k := 1; k < len(count); k++ {
				count[k] += count[k-1]
			}
			for _, c := range list {
				k := top - wrow[c]
				p.ent[n+int(count[k])] = c
				p.w[n+int(count[k])] = wrow[c]
				count[k]++
			}
		}
		for _, c := range list {
			wrow[c] = 0
		}
		p.start[r+1] = int32(len(p.ent))
	}
	return p
}

type state struct {
	a                assignment
	u, v             []int64
	col4row, row4col []int
	// Visit marks: a row or column is seen in the current round when
	// its mark equals stamp, so rounds need not clear them.
	rowSeen, colSeen []int32
	stamp            int32
}

func (s *state) row(i int) []int16 {
	e := int(s.a.rowEnt[i]) * s.a.nEnt
	return s.a.w[e : e+s.a.nEnt]
}

// rowPairs returns the column entities of row i's pairs and their
// weights, highest first, so scans for tight pairs stop at the first
// weight below u: u+v = w needs w ≥ u, as v ≥ 0.
func (s *state) rowPairs(i int) ([]int32, []int16) {
	e := s.a.rowEnt[i]
	from, to := s.a.pairs.start[e], s.a.pairs.start[e+1]
	return s.a.pairs.ent[from:to], s.a.pairs.w[from:to]
}

// thresholds runs the threshold method from λ = top for at most
// maxPhases phases, and returns λ: 0 when it ran to the end. Rows and
// columns keep u ≥ λ and v ≥ 0 throughout, so pairs of weight zero never
// become tight: the method needs only the pairs.
func (s *state) thresholds(lambda int64, maxPhases int) int64 {
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
			return lambda
		}
		// The last round saw every row and column reachable from the
		// free rows along tight pairs. Lower their duals until a pair
		// leaving that set becomes tight, or λ reaches 0.
		delta := lambda
		for i := range n {
			if s.rowSeen[i] != s.stamp {
				continue
			}
			ents, ws := s.rowPairs(i)
			ui := s.u[i]
			for k, e := range ents {
				x := int64(ws[k])
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
	return lambda
}

// augment looks for a path of tight pairs from row i to a free column
// through columns not yet seen this round, and flips it: Kuhn's
// depth-first search, trying a free column first.
func (s *state) augment(i int) bool {
	s.rowSeen[i] = s.stamp
	ents, ws := s.rowPairs(i)
	ui := s.u[i]
	for k, e := range ents {
		if int64(ws[k]) < ui {
			break
		}
		for j := s.a.colStart[e]; j < s.a.colStart[e+1]; j++ {
			if s.row4col[j] < 0 && s.colSeen[j] != s.stamp && int64(ws[k])-ui == s.v[j] {
				s.colSeen[j] = s.stamp
				s.row4col[j], s.col4row[i] = i, int(j)
				return true
			}
		}
	}
	for k, e := range ents {
		if int64(ws[k]) < ui {
			break
		}
		for j := s.a.colStart[e]; j < s.a.colStart[e+1]; j++ {
			if s.colSeen[j] != s.stamp && int64(ws[k])-ui == s.v[j] {
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
