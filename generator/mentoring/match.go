package mentoring

import (
	"math"
	"math/bits"
	"slices"
	"sort"
)

// Suggestion is a pairing Match proposes, with the score and reasons
// Score gives it.
type Suggestion struct {
	Mentor, Mentee string // profile IDs
	Score          float64
	Reasons        []Reason
}

// Match suggests duos: the assignment of mentors to mentees with the
// highest total Score. Each mentee gets at most one mentor and each
// mentor at most capacity mentees (capacity < 1 means 1). The result is
// sorted by mentor, then mentee.
//
// Who takes part:
//   - mentors are profiles with role mentor or both, mentees those with
//     role mentee or both; nobody is paired with themself;
//   - an active or paused duo holds its people: its mentee, and its
//     mentor too, are not offered a new mentor, and its mentee is not
//     offered mentees either; a mentor in k such duos has capacity-k
//     places left;
//   - two people who already formed a duo, whatever its status, are not
//     suggested again;
//   - pairs scoring zero or less are never suggested, so some people may
//     stay unmatched.
//
// # Optimality and ties
//
// The assignment is optimal, not greedy: no other choice of pairs has a
// higher total (see assignment.solve). Scores are compared as integers,
// weights being taken to six decimal places (and, should the best
// possible score pass 32,767 at that scale, rounded to 32,767 levels).
// When several assignments
// reach the best total, which one is returned depends only on the
// profiles' IDs, as Match sorts its input first: the same profiles and
// duos in any order give the same suggestions.
//
// # Cost
//
// Match scores only the pairs that can score: with a weight on skills,
// those who share a skill, found through an index by skill. Those pairs
// are a share of all pairs, so their number grows with mentors ×
// mentees: 31 million among the shared corpus's 25,000 profiles. The
// solver needs far fewer, each person's best (see assignment.solve), and
// for most people those share two skills or more: an index by pair of
// skills finds them without visiting the others (see features.narrow).
// On that corpus, matching takes 0.5 s of CPU and allocates 100 MB,
// against 2.6 s and 1 GB when it listed every pair. When fine-grained
// weights make the solver hand over to shortest paths, every pair's
// score is kept too, 2 bytes each: 50 MB for 5,000 mentors × 5,000
// mentees (BenchmarkMatch5000).
func Match(profiles []Profile, duos []Duo, w Weights, capacity int) []Suggestion {
	return match(profiles, duos, w, capacity, defaultPhases, defaultKeep)
}

// match is Match with the solver's phase bound and the number of pairs
// it lists for each person at first, which tests vary.
func match(profiles []Profile, duos []Duo, w Weights, capacity, maxPhases, keep int) []Suggestion {
	if capacity < 1 {
		capacity = 1
	}
	ps := append([]Profile(nil), profiles...)
	sort.SliceStable(ps, func(i, j int) bool { return ps[i].ID < ps[j].ID })

	held := map[string]bool{}       // in an active or paused duo
	heldMentee := map[string]bool{} // mentee of one
	load := map[string]int{}        // active or paused duos as mentor
	met := map[[2]string]bool{}     // mentor, mentee who had a duo
	for _, d := range duos {
		met[[2]string{d.Mentor, d.Mentee}] = true
		if holds(d.Status) {
			held[d.Mentor], held[d.Mentee] = true, true
			heldMentee[d.Mentee] = true
			load[d.Mentor]++
		}
	}

	var mentors, mentees []int // indexes into ps
	var places []int           // free places of each mentor
	for i, p := range ps {
		if unavailable(p.Availability) {
			continue
		}
		if left := capacity - load[p.ID]; isMentor(p.Role) && !heldMentee[p.ID] && left > 0 {
			mentors = append(mentors, i)
			places = append(places, left)
		}
		if isMentee(p.Role) && !held[p.ID] {
			mentees = append(mentees, i)
		}
	}
	if len(mentors) == 0 || len(mentees) == 0 {
		return nil
	}

	f := encode(ps, mentors, mentees, w)
	// Pairs that may not be suggested: self and old duos, listed both
	// ways so filling a row of weights from either side is cheap.
	byMentee := make([][]int32, len(mentees))
	byMentor := make([][]int32, len(mentors))
	ban := func(k, t int) {
		if !slices.Contains(byMentee[t], int32(k)) {
			byMentee[t] = append(byMentee[t], int32(k))
			byMentor[k] = append(byMentor[k], int32(t))
		}
	}
	mentorOf := make(map[string]int, len(mentors))
	for k, i := range mentors {
		mentorOf[ps[i].ID] = k
	}
	for t, i := range mentees {
		if k, ok := mentorOf[ps[i].ID]; ok {
			ban(k, t)
		}
	}
	menteeOf := make(map[string]int, len(mentees))
	for t, i := range mentees {
		menteeOf[ps[i].ID] = t
	}
	for pair := range met {
		k, ok1 := mentorOf[pair[0]]
		t, ok2 := menteeOf[pair[1]]
		if ok1 && ok2 {
			ban(k, t)
		}
	}

	var slots []int32 // one column or row per free place, naming its mentor
	for k, n := range places {
		for range n {
			slots = append(slots, int32(k))
		}
	}
	menteeEnt := make([]int32, len(mentees))
	for t := range menteeEnt {
		menteeEnt[t] = int32(t)
	}

	a := assignment{maxPhases: maxPhases, keep: keep}
	menteesAreRows := len(mentees) <= len(slots)
	if menteesAreRows {
		a.rowEnt, a.colEnt, a.nEnt = menteeEnt, slots, len(mentors)
	} else {
		a.rowEnt, a.colEnt, a.nEnt = slots, menteeEnt, len(mentees)
	}
	a.colStart = make([]int32, a.nEnt+1)
	for _, e := range a.colEnt {
		a.colStart[e+1]++
	}
	for e := range a.nEnt {
		a.colStart[e+1] += a.colStart[e]
	}
	// score is a pair's weight, zero for a pair that may not be
	// suggested; pair names the mentor and mentee of a row and column
	// entity.
	score := func(k, t int) int16 {
		if slices.Contains(byMentee[t], int32(k)) {
			return 0
		}
		return f.weight(k, t)
	}
	rows, cols := len(mentees), len(mentors)
	pair := func(r, c int) (int, int) { return c, r }
	if !menteesAreRows {
		rows, cols = cols, rows
		pair = func(r, c int) (int, int) { return r, c }
	}
	a.lister = newLister(rows, cols, func(r, c int) int16 { return score(pair(r, c)) }, f.candidates(menteesAreRows))
	a.lister.narrow = f.narrow(menteesAreRows)
	a.dense = func() []int16 {
		// Every pair's weight, two bytes each (50 MB for 5,000 × 5,000),
		// for the shortest paths: they scan whole rows. Filled row by
		// row, so the writes stay sequential.
		w := make([]int16, rows*cols)
		for r := range rows {
			for c := range cols {
				w[r*cols+c] = score(pair(r, c))
			}
		}
		return w
	}

	var out []Suggestion
	for r, c := range a.solve() {
		if c < 0 {
			continue
		}
		k, t := a.colEnt[c], a.rowEnt[r] // mentor, mentee
		if !menteesAreRows {
			k, t = t, k
		}
		if score(int(k), int(t)) <= 0 {
			continue
		}
		mentor, mentee := ps[mentors[k]], ps[mentees[t]]
		score, reasons := Score(mentor, mentee, w)
		out = append(out, Suggestion{Mentor: mentor.ID, Mentee: mentee.ID, Score: score, Reasons: reasons})
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Mentor != out[j].Mentor {
			return out[i].Mentor < out[j].Mentor
		}
		return out[i].Mentee < out[j].Mentee
	})
	return out
}

// features is the programme encoded for fast scoring: skills and
// languages as bit sets, departments and availabilities as small
// integers (-1 when blank), weights as integers. weight(k, t) must agree
// with Score(mentor k, mentee t): the brute-force tests check it does.
type features struct {
	skills     int      // how many skills
	words      int      // uint64 words per skill set
	offered    []uint64 // mentor k's skills at [k*words:]
	sought     []uint64 // mentee t's skills at [t*words:]
	lwords     int
	mentorLang []uint64
	menteeLang []uint64
	mentorDept []int32
	menteeDept []int32
	mentorAv   []int32
	menteeAv   []int32
	ws, wl     int64 // integer weights
	wd, wa     int64
}

func encode(ps []Profile, mentors, mentees []int, w Weights) features {
	skills, langs, depts, avs := ids{}, ids{}, ids{}, ids{}
	for _, i := range mentors {
		skills.add(ps[i].Offered...)
	}
	for _, i := range mentees {
		skills.add(ps[i].Sought...)
	}
	for _, p := range ps {
		langs.add(p.Languages...)
	}
	f := features{skills: len(skills), words: (len(skills) + 63) / 64, lwords: (len(langs) + 63) / 64}
	f.offered = make([]uint64, len(mentors)*f.words)
	f.mentorLang = make([]uint64, len(mentors)*f.lwords)
	for k, i := range mentors {
		skills.set(f.offered[k*f.words:(k+1)*f.words], ps[i].Offered)
		langs.set(f.mentorLang[k*f.lwords:(k+1)*f.lwords], ps[i].Languages)
		f.mentorDept = append(f.mentorDept, depts.id(ps[i].Department))
		f.mentorAv = append(f.mentorAv, avs.id(ps[i].Availability))
	}
	f.sought = make([]uint64, len(mentees)*f.words)
	f.menteeLang = make([]uint64, len(mentees)*f.lwords)
	maxSought := 0
	for t, i := range mentees {
		skills.set(f.sought[t*f.words:(t+1)*f.words], ps[i].Sought)
		langs.set(f.menteeLang[t*f.lwords:(t+1)*f.lwords], ps[i].Languages)
		f.menteeDept = append(f.menteeDept, depts.id(ps[i].Department))
		f.menteeAv = append(f.menteeAv, avs.id(ps[i].Availability))
		maxSought = max(maxSought, len(ps[i].Sought))
	}
	f.ws, f.wl, f.wd, f.wa = integerWeights(w, maxSought)
	return f
}

// integerWeights scales the weights to integers, by the smallest power
// of ten up to a million that makes them whole, provided the largest
// possible score stays within int16; beyond, scores are rounded to
// 32,767 levels, which only absurd weights need.
func integerWeights(w Weights, maxSkills int) (ws, wl, wd, wa int64) {
	all := []float64{w.Skills, w.Languages, w.OtherDepartment, w.Availability}
	scale := 1.0
	for ; scale < 1e6; scale *= 10 {
		whole := true
		for _, x := range all {
			if math.Abs(x*scale-math.Round(x*scale)) > 1e-9*scale {
				whole = false
			}
		}
		if whole {
			break
		}
	}
	top := max(w.Skills, 0)*float64(maxSkills) + max(w.Languages, 0) +
		max(w.OtherDepartment, 0) + max(w.Availability, 0)
	if top*scale > math.MaxInt16 {
		scale = math.MaxInt16 / top
	}
	round := func(x float64) int64 { return int64(math.Round(x * scale)) }
	return round(w.Skills), round(w.Languages), round(w.OtherDepartment), round(w.Availability)
}

// weight is the integer score of mentor k with mentee t, zero when not
// positive.
func (f *features) weight(k, t int) int16 {
	n := 0
	off, sou := f.offered[k*f.words:(k+1)*f.words], f.sought[t*f.words:(t+1)*f.words]
	for i := range off {
		n += bits.OnesCount64(off[i] & sou[i])
	}
	if n == 0 && f.ws > 0 {
		return 0 // nothing to pass on: see Score
	}
	s := f.ws * int64(n)
	ml, tl := f.mentorLang[k*f.lwords:(k+1)*f.lwords], f.menteeLang[t*f.lwords:(t+1)*f.lwords]
	for i := range ml {
		if ml[i]&tl[i] != 0 {
			s += f.wl
			break
		}
	}
	if a, b := f.mentorDept[k], f.menteeDept[t]; a >= 0 && b >= 0 && a != b {
		s += f.wd
	}
	if a, b := f.mentorAv[k], f.menteeAv[t]; a >= 0 && a == b {
		s += f.wa
	}
	if s <= 0 {
		return 0
	}
	return int16(min(s, math.MaxInt16))
}

// candidates returns, for the lister, a function listing the other side's
// people who may score with a mentee (menteeRows) or with a mentor: when
// skills weigh, only a shared skill makes a pair score (see weight), so
// those who offer one of the mentee's sought skills, or seek one of the
// mentor's, found through an index by skill; otherwise everyone. Some
// may be listed twice.
func (f *features) candidates(menteeRows bool) func(row int, visit func(int)) {
	rowSkills, colSkills, cols := f.sought, f.offered, len(f.mentorDept)
	if !menteeRows {
		rowSkills, colSkills, cols = f.offered, f.sought, len(f.menteeDept)
	}
	if f.ws <= 0 {
		return func(_ int, visit func(int)) {
			for c := range cols {
				visit(c)
			}
		}
	}
	by := make([][]int32, f.words*64) // skill → the columns that have it
	for c := range cols {
		for i, word := range colSkills[c*f.words : (c+1)*f.words] {
			for ; word != 0; word &= word - 1 {
				sk := i*64 + bits.TrailingZeros64(word)
				by[sk] = append(by[sk], int32(c))
			}
		}
	}
	return func(r int, visit func(int)) {
		for i, word := range rowSkills[r*f.words : (r+1)*f.words] {
			for ; word != 0; word &= word - 1 {
				for _, c := range by[i*64+bits.TrailingZeros64(word)] {
					visit(int(c))
				}
			}
		}
	}
}

// narrowSkills is the most skills a person may have for narrow to index
// their pairs of skills: 32 skills make 496 pairs. People with more are
// visited for every row.
const narrowSkills = 32

// narrow returns, for the lister, a function listing the other side's
// people who share two skills or more with a mentee (menteeRows) or a
// mentor, found through an index by pair of skills, and the most a pair
// sharing one skill can weigh: the skills weight plus the bonuses the
// row can earn. A row with enough pairs above that needs no other
// candidate. It returns false for rows with fewer than two skills or
// more than narrowSkills, and narrow returns nil when skills do not
// weigh.
func (f *features) narrow(menteeRows bool) func(r int, visit func(int)) (int16, bool) {
	if f.ws <= 0 || f.skills > 1<<16 {
		return nil
	}
	rowSkills, colSkills, cols := f.sought, f.offered, len(f.mentorDept)
	rowLang, rowDept, rowAv := f.menteeLang, f.menteeDept, f.menteeAv
	if !menteeRows {
		rowSkills, colSkills, cols = f.offered, f.sought, len(f.menteeDept)
		rowLang, rowDept, rowAv = f.mentorLang, f.mentorDept, f.mentorAv
	}
	skillsOf := func(dst []int32, set []uint64) []int32 {
		dst = dst[:0]
		for i, word := range set {
			for ; word != 0; word &= word - 1 {
				dst = append(dst, int32(i*64+bits.TrailingZeros64(word)))
			}
		}
		return dst
	}
	pairKey := func(a, b int32) uint64 { return uint64(a)<<16 | uint64(b) }
	var (
		index []uint64 // pair of skills << 32 | column, sorted
		wide  []int32  // columns with more than narrowSkills skills
		sk    []int32
	)
	for c := range cols {
		sk = skillsOf(sk, colSkills[c*f.words:(c+1)*f.words])
		if len(sk) > narrowSkills {
			wide = append(wide, int32(c))
			continue
		}
		for i, a := range sk {
			for _, b := range sk[i+1:] {
				index = append(index, pairKey(a, b)<<32|uint64(c))
			}
		}
	}
	slices.Sort(index)
	return func(r int, visit func(int)) (int16, bool) {
		sk = skillsOf(sk, rowSkills[r*f.words:(r+1)*f.words])
		if len(sk) < 2 || len(sk) > narrowSkills {
			return 0, false
		}
		for i, a := range sk {
			for _, b := range sk[i+1:] {
				key := pairKey(a, b)
				at, _ := slices.BinarySearch(index, key<<32)
				for ; at < len(index) && index[at]>>32 == key; at++ {
					visit(int(uint32(index[at])))
				}
			}
		}
		for _, c := range wide {
			visit(int(c))
		}
		most := f.ws
		if f.wl > 0 && slices.ContainsFunc(rowLang[r*f.lwords:(r+1)*f.lwords], func(w uint64) bool { return w != 0 }) {
			most += f.wl
		}
		if f.wd > 0 && rowDept[r] >= 0 {
			most += f.wd
		}
		if f.wa > 0 && rowAv[r] >= 0 {
			most += f.wa
		}
		return int16(min(most, math.MaxInt16)), true
	}
}

// ids numbers folded words in the order first seen.
type ids map[string]int32

func (m ids) add(words ...string) {
	for _, w := range words {
		m.id(w)
	}
}

// id returns the number of w, -1 for a blank word.
func (m ids) id(w string) int32 {
	k := fold(w)
	if k == "" {
		return -1
	}
	n, ok := m[k]
	if !ok {
		n = int32(len(m))
		m[k] = n
	}
	return n
}

// set sets the bits of words in dst.
func (m ids) set(dst []uint64, words []string) {
	for _, w := range words {
		if n, ok := m[fold(w)]; ok {
			dst[n/64] |= 1 << (n % 64)
		}
	}
}

// unavailable reports an availability that says the person takes no new
// duo for now.
func unavailable(a string) bool {
	switch fold(a) {
	case "none", "no", "unavailable", "aucune", "indisponible", "non":
		return true
	}
	return false
}
