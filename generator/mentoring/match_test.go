package mentoring

import (
	"fmt"
	"math"
	"math/rand/v2"
	"reflect"
	"runtime"
	"syscall"
	"testing"
	"time"
)

// randomProgramme builds n profiles drawn from small pools, so that
// skills, languages and departments overlap and scores tie often, as
// they do in a real programme. Spellings vary in case and accents.
func randomProgramme(rng *rand.Rand, n, skills int) []Profile {
	langs := []string{"fr", "en", "FR", "de", "es"}
	depts := []string{"IT", "Marketing", "Finance", "RH", "Légal", "", "it"}
	avs := []string{"mardi matin", "Mardi Matin", "jeudi", "", "vendredi après-midi"}
	roles := []string{RoleMentor, RoleMentee, RoleBoth, "Mentor"}
	skill := func() string {
		s := rng.IntN(skills)
		if s == 0 {
			return []string{"Données", "donnees", "DONNÉES"}[rng.IntN(3)]
		}
		return fmt.Sprintf("skill-%d", s)
	}
	pick := func(k int, f func() string) []string {
		var out []string
		for range rng.IntN(k + 1) {
			out = append(out, f())
		}
		return out
	}
	ps := make([]Profile, n)
	for i := range ps {
		ps[i] = Profile{
			ID:           fmt.Sprintf("p%04d", i),
			Name:         fmt.Sprintf("Person %d", i),
			Role:         roles[rng.IntN(len(roles))],
			Department:   depts[rng.IntN(len(depts))],
			Availability: avs[rng.IntN(len(avs))],
			Languages:    pick(2, func() string { return langs[rng.IntN(len(langs))] }),
			Offered:      pick(4, skill),
			Sought:       pick(3, skill),
		}
	}
	return ps
}

func randomDuos(rng *rand.Rand, ps []Profile, n int) []Duo {
	statuses := []string{StatusActive, StatusPaused, StatusCompleted, "Active"}
	var ds []Duo
	for i := range n {
		a, b := ps[rng.IntN(len(ps))], ps[rng.IntN(len(ps))]
		ds = append(ds, Duo{ID: fmt.Sprintf("d%d", i), Mentor: a.ID, Mentee: b.ID, Status: statuses[rng.IntN(len(statuses))]})
	}
	return ds
}

// bruteForce returns the best total score over every valid assignment,
// found by trying them all. It restates Match's rules on its own.
func bruteForce(ps []Profile, duos []Duo, w Weights, capacity int) float64 {
	if capacity < 1 {
		capacity = 1
	}
	held, heldMentee, load, met := map[string]bool{}, map[string]bool{}, map[string]int{}, map[[2]string]bool{}
	for _, d := range duos {
		met[[2]string{d.Mentor, d.Mentee}] = true
		if holds(d.Status) {
			held[d.Mentor], held[d.Mentee], heldMentee[d.Mentee] = true, true, true
			load[d.Mentor]++
		}
	}
	var mentors, mentees []Profile
	free := map[string]int{}
	for _, p := range ps {
		if isMentor(p.Role) && !heldMentee[p.ID] && capacity-load[p.ID] > 0 {
			mentors = append(mentors, p)
			free[p.ID] = capacity - load[p.ID]
		}
		if isMentee(p.Role) && !held[p.ID] {
			mentees = append(mentees, p)
		}
	}
	best := 0.0
	var try func(t int, total float64)
	try = func(t int, total float64) {
		if t == len(mentees) {
			best = math.Max(best, total)
			return
		}
		try(t+1, total) // no mentor
		for _, m := range mentors {
			if free[m.ID] == 0 || m.ID == mentees[t].ID || met[[2]string{m.ID, mentees[t].ID}] {
				continue
			}
			s, _ := Score(m, mentees[t], w)
			if s <= 0 {
				continue
			}
			free[m.ID]--
			try(t+1, total+s)
			free[m.ID]++
		}
	}
	try(0, 0)
	return best
}

// checkValid fails when suggestions break a rule of Match.
func checkValid(t *testing.T, ps []Profile, duos []Duo, w Weights, capacity int, got []Suggestion) {
	t.Helper()
	byID := map[string]Profile{}
	for _, p := range ps {
		byID[p.ID] = p
	}
	held := map[string]bool{}
	load := map[string]int{}
	for _, d := range duos {
		if holds(d.Status) {
			held[d.Mentor], held[d.Mentee] = true, true
			load[d.Mentor]++
		}
	}
	perMentor, perMentee := map[string]int{}, map[string]int{}
	for i, s := range got {
		m, e := byID[s.Mentor], byID[s.Mentee]
		if !isMentor(m.Role) || !isMentee(e.Role) || s.Mentor == s.Mentee || held[s.Mentee] {
			t.Errorf("invalid pair %s → %s (roles %s, %s)", s.Mentor, s.Mentee, m.Role, e.Role)
		}
		for _, d := range duos {
			if d.Mentor == s.Mentor && d.Mentee == s.Mentee {
				t.Errorf("pair %s → %s already had duo %s", s.Mentor, s.Mentee, d.ID)
			}
		}
		score, reasons := Score(m, e, w)
		if score <= 0 || score != s.Score || !reflect.DeepEqual(reasons, s.Reasons) {
			t.Errorf("pair %s → %s: score %v %v, want %v %v", s.Mentor, s.Mentee, s.Score, s.Reasons, score, reasons)
		}
		perMentor[s.Mentor]++
		perMentee[s.Mentee]++
		if i > 0 && (got[i-1].Mentor > s.Mentor || got[i-1].Mentor == s.Mentor && got[i-1].Mentee >= s.Mentee) {
			t.Errorf("not sorted at %d", i)
		}
	}
	c := max(capacity, 1)
	for id, n := range perMentor {
		if n+load[id] > c {
			t.Errorf("mentor %s has %d new + %d current mentees, capacity %d", id, n, load[id], c)
		}
	}
	for id, n := range perMentee {
		if n > 1 {
			t.Errorf("mentee %s has %d mentors", id, n)
		}
	}
}

func total(ss []Suggestion) float64 {
	s := 0.0
	for _, x := range ss {
		s += x.Score
	}
	return s
}

func TestMatchIsOptimalAgainstBruteForce(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	weights := []Weights{DefaultWeights(), {Skills: 1}, {Skills: 2.5, Languages: 0.5, OtherDepartment: 1, Availability: 0.1}, {Skills: 1, Languages: -2, OtherDepartment: 1},
		// Thousands of levels: pairsOf sorts rows by key, not by counting.
		{Skills: 2.345, Languages: 0.001, Availability: 0.5}}
	for n := range 600 {
		ps := randomProgramme(rng, 2+rng.IntN(5), 2+rng.IntN(5))
		duos := randomDuos(rng, ps, rng.IntN(3))
		w := weights[rng.IntN(len(weights))]
		capacity := rng.IntN(3) // 0 means 1
		want := bruteForce(ps, duos, w, capacity)
		// Shortest paths alone, thresholds alone, and the hand-over
		// from one to the other after a phase or two.
		// One pair listed per person at first makes solve list more
		// and solve again, all but always.
		for _, phases := range []int{0, 1, 2, defaultPhases, math.MaxInt} {
			got := match(ps, duos, w, capacity, phases, 1+n%2*defaultKeep)
			checkValid(t, ps, duos, w, capacity, got)
			if math.Abs(total(got)-want) > 1e-9 {
				t.Fatalf("instance %d (capacity %d, %+v, %d phases): total %v, brute force %v\nprofiles %+v\nduos %+v\ngot %+v",
					n, capacity, w, phases, total(got), want, ps, duos, got)
			}
		}
	}
}

// Listing a few pairs per person, and more when the solver cannot vouch
// for its run, gives the suggestions that listing every pair gives: not
// only as good, the same, as the solver takes the same steps.
func TestMatchListingFewPairsChangesNothing(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 10))
	weights := []Weights{DefaultWeights(), {Skills: 1}, {Skills: 2.5, Languages: 0.5, OtherDepartment: 1, Availability: 0.1},
		{Skills: 1, Languages: -2, OtherDepartment: 1}, {Skills: 2.345, Languages: 0.001, Availability: 0.5}, {Languages: 1, OtherDepartment: 2}}
	for n := range 150 {
		ps := randomProgramme(rng, 20+rng.IntN(200), 2+rng.IntN(30))
		duos := randomDuos(rng, ps, rng.IntN(20))
		w := weights[n%len(weights)]
		capacity := rng.IntN(4)
		for _, phases := range []int{0, 2, defaultPhases} {
			want := match(ps, duos, w, capacity, phases, math.MaxInt)
			for _, keep := range []int{1, 3, 10} {
				if got := match(ps, duos, w, capacity, phases, keep); !reflect.DeepEqual(got, want) {
					t.Fatalf("instance %d (%d profiles, capacity %d, %+v, %d phases), %d pairs listed at first:\ngot  %+v\nwant %+v",
						n, len(ps), capacity, w, phases, keep, got, want)
				}
			}
		}
	}
}

func TestMatchIsTheSameInAnyOrder(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for range 20 {
		ps := randomProgramme(rng, 40, 6)
		duos := randomDuos(rng, ps, 8)
		want := Match(ps, duos, DefaultWeights(), 2)
		for range 3 {
			rng.Shuffle(len(ps), func(i, j int) { ps[i], ps[j] = ps[j], ps[i] })
			rng.Shuffle(len(duos), func(i, j int) { duos[i], duos[j] = duos[j], duos[i] })
			if got := Match(ps, duos, DefaultWeights(), 2); !reflect.DeepEqual(got, want) {
				t.Fatalf("shuffled input changed the result:\n%+v\nwant\n%+v", got, want)
			}
		}
	}
}

func TestMatchRespectsCapacity(t *testing.T) {
	// One mentor everyone wants: capacity decides how many get them.
	ps := []Profile{{ID: "star", Role: RoleMentor, Offered: []string{"data"}}}
	for i := range 5 {
		ps = append(ps, Profile{ID: fmt.Sprintf("m%d", i), Role: RoleMentee, Sought: []string{"Data"}})
	}
	for _, c := range []int{-1, 0, 1, 2, 5, 9} {
		got := Match(ps, nil, DefaultWeights(), c)
		if want := min(max(c, 1), 5); len(got) != want {
			t.Errorf("capacity %d: %d suggestions, want %d", c, len(got), want)
		}
	}
}

func TestMatchLeavesBusyPeopleOut(t *testing.T) {
	p := func(id, role string) Profile {
		return Profile{ID: id, Role: role, Offered: []string{"go"}, Sought: []string{"go"}}
	}
	ps := []Profile{p("ana", RoleMentor), p("bob", RoleMentee), p("cat", RoleMentee), p("dan", RoleBoth), p("eve", RoleMentee)}
	tests := []struct {
		name     string
		duos     []Duo
		capacity int
		want     [][2]string
	}{
		{"nobody busy", nil, 1, [][2]string{{"ana", "bob"}, {"dan", "cat"}}},
		{"mentee in an active duo", []Duo{{Mentor: "x", Mentee: "bob", Status: "active"}}, 1,
			[][2]string{{"ana", "cat"}, {"dan", "eve"}}},
		{"mentor full", []Duo{{Mentor: "ana", Mentee: "zed", Status: "Paused"}}, 1,
			[][2]string{{"dan", "bob"}}},
		{"mentor with a place left", []Duo{{Mentor: "ana", Mentee: "zed", Status: "active"}}, 2,
			[][2]string{{"ana", "bob"}, {"dan", "cat"}, {"dan", "eve"}}},
		{"completed duos free people but are not suggested again", []Duo{{Mentor: "ana", Mentee: "bob", Status: "completed"}}, 1,
			[][2]string{{"ana", "cat"}, {"dan", "bob"}}},
		{"a mentee in a duo mentors nobody either", []Duo{{Mentor: "ana", Mentee: "dan", Status: "active"}}, 2,
			[][2]string{{"ana", "bob"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got [][2]string
			for _, s := range Match(ps, tt.duos, DefaultWeights(), tt.capacity) {
				got = append(got, [2]string{s.Mentor, s.Mentee})
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
}

func TestMatchNeverSuggestsZeroScores(t *testing.T) {
	ps := []Profile{
		{ID: "a", Role: RoleMentor, Department: "IT", Languages: []string{"fr"}},
		{ID: "b", Role: RoleMentee, Department: "it", Languages: []string{"en"}},
	}
	if got := Match(ps, nil, DefaultWeights(), 1); len(got) != 0 {
		t.Errorf("got %+v, want nothing", got)
	}
	// A shared language alone does not make a duo: there is nothing to
	// pass on.
	ps[1].Languages = []string{"FR"}
	if got := Match(ps, nil, DefaultWeights(), 1); len(got) != 0 {
		t.Errorf("got %+v, want nothing without a skill in common", got)
	}
	ps[0].Offered, ps[1].Sought = []string{"Data"}, []string{"data"}
	if got := Match(ps, nil, DefaultWeights(), 1); len(got) != 1 || got[0].Score != 4 {
		t.Errorf("got %+v, want one pair scoring 4 (skill 3 + language 1)", got)
	}
	// Nobody is suggested to a person who takes no new duo.
	ps[0].Availability = "none"
	if got := Match(ps, nil, DefaultWeights(), 1); len(got) != 0 {
		t.Errorf("got %+v, want nothing with availability none", got)
	}
}

// benchmarkMatch matches n mentors with n mentees and reports the peak
// heap seen by a sampler, beside testing's allocation counts.
func benchmarkMatch(b *testing.B, n int, w Weights, capacity int) {
	rng := rand.New(rand.NewPCG(5, 6))
	ps := randomProgramme(rng, 2*n, 60)
	for i := range ps {
		ps[i].Role = RoleMentor
		if i%2 == 1 {
			ps[i].Role = RoleMentee
		}
	}
	b.ReportAllocs()
	var peak uint64
	done := make(chan struct{})
	go func() {
		var ms runtime.MemStats
		for {
			runtime.ReadMemStats(&ms)
			peak = max(peak, ms.HeapInuse)
			select {
			case <-done:
				return
			case <-time.After(20 * time.Millisecond):
			}
		}
	}()
	var got []Suggestion
	cpu0 := cpuTime()
	for b.Loop() {
		got = Match(ps, nil, w, capacity)
	}
	close(done)
	// CPU seconds beside wall time: the machine is shared, so wall
	// time says more about the neighbours than about Match.
	b.ReportMetric((cpuTime()-cpu0).Seconds()/float64(b.N), "cpu-s/op")
	b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MB")
	b.ReportMetric(float64(len(got)), "pairs")
	b.ReportMetric(total(got), "total-score")
}

func BenchmarkMatch500(b *testing.B) { benchmarkMatch(b, 500, DefaultWeights(), 1) }

func BenchmarkMatch5000(b *testing.B) {
	if testing.Short() {
		b.Skip("slow; run without -short")
	}
	b.Run("default", func(b *testing.B) { benchmarkMatch(b, 5000, DefaultWeights(), 1) })
	b.Run("capacity2", func(b *testing.B) { benchmarkMatch(b, 5000, DefaultWeights(), 2) })
	fine := Weights{Skills: 2.5, Languages: 0.5, OtherDepartment: 1, Availability: 0.1}
	b.Run("fineweights", func(b *testing.B) { benchmarkMatch(b, 5000, fine, 1) })
}

func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// sides returns the indexes of ps's mentors and of its mentees, and the
// programme encoded under w, for the tests that look at each side's
// candidates.
func sides(ps []Profile, w Weights) (mentors, mentees []int, f features) {
	for i, p := range ps {
		if isMentor(p.Role) {
			mentors = append(mentors, i)
		}
		if isMentee(p.Role) {
			mentees = append(mentees, i)
		}
	}
	return mentors, mentees, encode(ps, mentors, mentees, w)
}

// checkListing calls list once for each side, mentees as rows then
// mentors, for the function that lists a row's candidates, and then, for
// each row it accepts, check with each person of the other side: k the
// mentor, m the mentee, and whether the row's listing visited them.
func checkListing(mentors, mentees []int, list func(menteeRows bool) func(r int, visit func(int)) bool, check func(k, m int, listed bool)) {
	for _, menteeRows := range []bool{true, false} {
		rows, cols := len(mentees), len(mentors)
		if !menteeRows {
			rows, cols = cols, rows
		}
		row := list(menteeRows)
		for r := range rows {
			listed := map[int]bool{}
			if !row(r, func(c int) { listed[c] = true }) {
				continue
			}
			for c := range cols {
				if menteeRows {
					check(c, r, listed[c])
				} else {
					check(r, c, listed[c])
				}
			}
		}
	}
}

// The narrow listing visits, for a row it accepts, every person of the
// other side who weighs more than the most it returns: the pairs it
// leaves out may be missing from a list cut above that.
func TestNarrowHoldsEveryPairAboveItsBound(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 12))
	weights := []Weights{DefaultWeights(), {Skills: 1}, {Skills: 2.5, Languages: 0.5, OtherDepartment: 1, Availability: 0.1},
		{Skills: 1, Languages: -2, Availability: 3}, {Skills: 0.5, Languages: 4, OtherDepartment: 2}}
	accepted := 0
	for n := range 80 {
		ps := randomProgramme(rng, 10+rng.IntN(120), 2+rng.IntN(70))
		// A few people with more skills than narrow indexes by pairs.
		for range rng.IntN(3) {
			p := &ps[rng.IntN(len(ps))]
			for s := range narrowSkills + rng.IntN(5) {
				p.Offered = append(p.Offered, fmt.Sprintf("skill-%d", s))
				p.Sought = append(p.Sought, fmt.Sprintf("skill-%d", s+1))
			}
		}
		w := weights[n%len(weights)]
		mentors, mentees, f := sides(ps, w)
		var most int16
		checkListing(mentors, mentees, func(menteeRows bool) func(int, func(int)) bool {
			narrow := f.narrow(menteeRows)
			return func(r int, visit func(int)) bool {
				var ok bool
				if most, ok = narrow(r, visit); ok {
					accepted++
				}
				return ok
			}
		}, func(k, m int, listed bool) {
			if x := f.weight(k, m); x > most && !listed {
				t.Fatalf("instance %d, %+v: mentor %s scores %d > %d with mentee %s but is not listed",
					n, w, ps[mentors[k]].ID, x, most, ps[mentees[m]].ID)
			}
		})
	}
	if accepted == 0 {
		t.Fatal("narrow accepted no row: the test tests nothing")
	}
}

// The index by skill lists, for each mentee and for each mentor, every
// person of the other side they score with: a pair it missed would never
// be suggested. With skills weighing nothing, everyone is listed.
func TestCandidatesHoldEveryScoringPair(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	weights := []Weights{DefaultWeights(), {Skills: 0, Languages: 1, OtherDepartment: 1}, {Skills: 1, Languages: -2, Availability: 3}}
	for n := range 60 {
		ps := randomProgramme(rng, 10+rng.IntN(120), 2+rng.IntN(70))
		w := weights[n%len(weights)]
		mentors, mentees, f := sides(ps, w)
		checkListing(mentors, mentees, func(menteeRows bool) func(int, func(int)) bool {
			list := f.candidates(menteeRows)
			return func(r int, visit func(int)) bool { list(r, visit); return true }
		}, func(k, m int, listed bool) {
			if f.weight(k, m) > 0 && !listed {
				t.Fatalf("instance %d, %+v: mentor %s scores %d with mentee %s but is not listed",
					n, w, ps[mentors[k]].ID, f.weight(k, m), ps[mentees[m]].ID)
			}
			if w.Skills <= 0 && !listed {
				t.Fatalf("instance %d, %+v: skills weigh nothing, yet mentor %s and mentee %s are not listed",
					n, w, ps[mentors[k]].ID, ps[mentees[m]].ID)
			}
		})
	}
}
