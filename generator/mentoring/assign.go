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
	// lister lists the column entities each row entity scores with,
	// into pairs; keep is how many pairs it lists at first (see solve).
	lister *lister
	keep   int
	pairs  pairs
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

// defaultKeep is how many pairs solve lists for each person at first,
// in whole levels of weight. On the shared corpus's 25,000 profiles
// (11,300 × 13,700, 31 million pairs sharing a skill), 32 lists 1.7
// million pairs, and a second round lists 2,000 more; 8 needs three
// rounds, 256 lists four times as many pairs.
const defaultKeep = 32

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
//
// The threshold method reads a row's pairs only down to its dual u, and
// most rows end with u near their best pairs. So solve lists each row's
// best keep pairs (whole levels of weight) rather than every pair, and
// then checks that the run was the one every pair would have given (see
// lowered); if not, it lists more of the rows it cannot vouch for and
// solves again. Listing every pair costs 6 bytes a pair and grows with
// mentors × mentees: 190 MB at 25,000 profiles.
func (a assignment) solve() []int {
	a.pairs = a.lister.all(a.keep)
	var top int16
	for _, x := range a.pairs.w {
		top = max(top, x)
	}
	for round := 0; ; round++ {
		s := a.start(top)
		lambda := s.thresholds(int64(top), a.maxPhases)
		if floor := s.lowered(round); floor != nil {
			a.pairs = a.lister.lower(a.pairs, floor)
			continue
		}
		if lambda > 0 && slices.Contains(s.col4row, -1) {
			s.a.w = a.dense()
			s.shortestPaths()
		}
		return s.col4row
	}
}

// start returns the solver's state before the first phase: nothing
// assigned, u = top and v = 0.
func (a assignment) start(top int16) *state {
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
	for i := range s.u {
		s.u[i] = int64(top)
	}
	return s
}

// lowered checks that the threshold method, which saw only each row's
// pairs down to its floor, ran as it would have with every pair, and
// returns nil when it did; otherwise, lower floors for the rows it
// cannot vouch for, to list and solve again.
//
// A row's dual u only decreases. While u ≥ floor, the method reads none
// of the row's missing pairs: a tight pair needs w ≥ u, and a missing
// pair, weighing less than floor, has more slack than the step that
// brought u down. So the run was the full one if every row ends with
// u ≥ floor. A row that ended below gets its floor lowered by twice the
// shortfall, and more each round, so that few rounds are needed even
// with fine weights.
func (s *state) lowered(round int) []int16 {
	var floor []int16
	for i, ui := range s.u {
		e := s.a.rowEnt[i]
		f := int64(s.a.pairs.floor[e])
		if ui >= f {
			continue
		}
		if floor == nil {
			floor = slices.Clone(s.a.pairs.floor)
		}
		lower := max(0, ui-(f-ui)<<min(round, 15))
		floor[e] = min(floor[e], int16(lower))
	}
	return floor
}

// pairs is, for each row entity, some of the column entities it has a
// positive weight with, highest weight first, ties by entity: the only
// pairs the threshold method looks at. A row entity's list holds every
// pair down to its floor: the pairs left out all weigh less.
type pairs struct {
	start []int32 // row entity r's pairs are ent[start[r]:start[r+1]]
	ent   []int32
	w     []int16
	floor []int16 // the lowest weight listed for each row entity; 0 when all are
}

// lister lists row entities' pairs: candidates gives each row's
// possible column entities (any order, repeats allowed), weight their
// weights.
type lister struct {
	rows, cols int
	weight     func(r, c int) int16
	candidates func(r int, visit func(c int))
	// narrow, when set, lists fewer candidates for some rows: it returns
	// false for the others, and otherwise visits every candidate
	// weighing more than most (and maybe some others).
	narrow func(r int, visit func(c int)) (most int16, ok bool)

	// The current row's candidates, weights and order.
	seen  []int32 // stamp when listed for the current row
	stamp int32
	wrow  []int16
	list  []int32
	top   int16
	count []int32  // candidates by level below top, when weights are few
	keys  []uint64 // candidates by weight then entity, when they are many
	kept  []int32
}

func newLister(rows, cols int, weight func(r, c int) int16, candidates func(r int, visit func(c int))) *lister {
	return &lister{rows: rows, cols: cols, weight: weight, candidates: candidates,
		seen: make([]int32, cols), wrow: make([]int16, cols)}
}

// all lists every row with keep pairs or more each: whole levels of
// weight, from the highest down, until they hold keep pairs.
func (l *lister) all(keep int) pairs {
	p := pairs{start: make([]int32, l.rows+1), floor: make([]int16, l.rows)}
	for r := range l.rows {
		p.floor[r] = l.row(&p, r, 0, keep)
		p.start[r+1] = int32(len(p.ent))
	}
	return p
}

// lower lists again the rows whose floor is lower in floor than in old,
// down to that floor, and keeps the others' lists.
func (l *lister) lower(old pairs, floor []int16) pairs {
	p := pairs{start: make([]int32, l.rows+1), floor: floor,
		ent: make([]int32, 0, len(old.ent)), w: make([]int16, 0, len(old.w))}
	for r := range l.rows {
		if floor[r] < old.floor[r] {
			l.row(&p, r, floor[r], 0)
		} else {
			from, to := old.start[r], old.start[r+1]
			p.ent = append(p.ent, old.ent[from:to]...)
			p.w = append(p.w, old.w[from:to]...)
		}
		p.start[r+1] = int32(len(p.ent))
	}
	return p
}

// row appends row r's pairs weighing floor or more to p, highest first,
// then by entity. When keep > 0 it picks the floor instead: the highest
// weight that lists at least keep pairs with the levels above it, or 0
// when the row has fewer. It returns the floor.
//
// It tries the narrow candidates first, and visits every candidate only
// when the pairs it needs may be among the others.
func (l *lister) row(p *pairs, r int, floor int16, keep int) int16 {
	defer l.clear()
	narrowed := false
	if l.narrow != nil {
		most, ok := l.gather(r, l.narrow)
		narrowed = ok && (keep > 0 && l.above(most) >= keep || keep == 0 && floor > most)
		if !narrowed {
			l.clear()
		}
	}
	if !narrowed {
		l.gather(r, func(r int, visit func(int)) (int16, bool) {
			l.candidates(r, visit)
			return 0, true
		})
	}
	switch {
	case keep > 0 && (narrowed || len(l.list) > keep):
		// A narrowed row lists not all its candidates: never floor 0.
		floor = l.pick(keep)
	case keep > 0:
		floor = 0 // all of them
	}
	l.emit(p, floor)
	return floor
}

// gather weighs row r's candidates that list visits, and orders them.
func (l *lister) gather(r int, list func(int, func(int)) (int16, bool)) (int16, bool) {
	l.stamp++
	l.top = 0
	most, ok := list(r, func(c int) {
		if l.seen[c] == l.stamp {
			return
		}
		l.seen[c] = l.stamp
		if x := l.weight(r, c); x > 0 {
			l.wrow[c] = x
			l.top = max(l.top, x)
			l.list = append(l.list, int32(c))
		}
	})
	if !ok || len(l.list) == 0 {
		return most, ok
	}
	if l.top > 4096 {
		// Fine-grained weights: sorting the keys sorts by weight,
		// highest first, then by entity.
		for _, c := range l.list {
			l.keys = append(l.keys, uint64(math.MaxInt16-l.wrow[c])<<32|uint64(c))
		}
		slices.Sort(l.keys)
		return most, ok
	}
	// Few weights, the usual case: count them by level below the top,
	// for a counting sort.
	l.count = slices.Grow(l.count[:0], int(l.top)+2)[:int(l.top)+2]
	clear(l.count)
	for _, c := range l.list {
		l.count[l.top-l.wrow[c]+1]++
	}
	return most, ok
}

// clear forgets the row gathered.
func (l *lister) clear() {
	for _, c := range l.list {
		l.wrow[c] = 0
	}
	l.list, l.keys = l.list[:0], l.keys[:0]
}

// above counts the candidates gathered that weigh more than most.
func (l *lister) above(most int16) int {
	if l.top > 4096 {
		n, _ := slices.BinarySearch(l.keys, uint64(math.MaxInt16-most)<<32)
		return n
	}
	n := 0
	for k := 1; k < len(l.count) && l.top-int16(k-1) > most; k++ {
		n += int(l.count[k])
	}
	return n
}

// pick returns the highest weight that, with the levels above it, has
// keep candidates gathered, at least keep being gathered.
func (l *lister) pick(keep int) int16 {
	if l.top > 4096 {
		return math.MaxInt16 - int16(l.keys[keep-1]>>32)
	}
	n := 0
	for k := 1; ; k++ {
		if n += int(l.count[k]); n >= keep {
			return l.top - int16(k-1)
		}
	}
}

// emit appends the candidates gathered weighing floor or more to p.
func (l *lister) emit(p *pairs, floor int16) {
	if len(l.list) == 0 {
		return
	}
	if l.top > 4096 {
		for _, k := range l.keys {
			x := math.MaxInt16 - int16(k>>32)
			if x < floor {
				break
			}
			p.ent = append(p.ent, int32(k&math.MaxUint32))
			p.w = append(p.w, x)
		}
		return
	}
	// The candidates listed, in entity order, then a counting sort by
	// weight, which keeps that order.
	low := max(floor, 1)
	kept := l.kept[:0]
	if len(l.list)*16 < l.cols {
		for _, c := range l.list {
			if l.wrow[c] >= low {
				kept = append(kept, c)
			}
		}
		slices.Sort(kept)
	} else {
		for c, mark := range l.seen {
			if mark == l.stamp && l.wrow[c] >= low {
				kept = append(kept, int32(c))
			}
		}
	}
	l.kept = kept
	count := l.count
	for k := 1; k < len(count); k++ {
		count[k] += count[k-1]
	}
	n := len(p.ent)
	p.ent = slices.Grow(p.ent, len(kept))[:n+len(kept)]
	p.w = slices.Grow(p.w, len(kept))[:n+len(kept)]
	for _, c := range kept {
		k := l.top - l.wrow[c]
		p.ent[n+int(count[k])] = c
		p.w[n+int(count[k])] = l.wrow[c]
		count[k]++
	}
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
