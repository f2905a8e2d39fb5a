package mentoring

import (
	"sort"
	"strings"
	"time"
)

// DefaultMinGroup is the smallest group an aggregate may describe when
// site.yaml does not say (privacy.min_group).
const DefaultMinGroup = 5

// OtherLabel names the row that gathers small departments or skills.
// Its Other field is set too, so a theme can translate it.
const OtherLabel = "Other"

// Impact is what the programme has done, for the impact page: people,
// duos, sessions over time, skills coverage, departments.
type Impact struct {
	Mentors, Mentees, Both int // people by role
	ActiveDuos             int
	PausedDuos             int
	CompletedDuos          int
	Sessions, Minutes      int // all sessions of all duos
	PerMonth               []MonthCount
	Skills                 []SkillCoverage
	Departments            []DepartmentCount
	// Suppressed names the figures left out for privacy, such as
	// "mentors" or "departments: Legal", so the page can say so.
	Suppressed []string
}

// MonthCount is the sessions held in one month, "2026-03".
type MonthCount struct {
	Month    string
	Sessions int
	Minutes  int
}

// SkillCoverage is how many people offer and seek a skill; Gap is
// Sought - Offered, the unmet demand when positive.
type SkillCoverage struct {
	Skill   string
	Offered int
	Sought  int
	Gap     int
	Other   bool // the row of skills too rare to show alone
}

// DepartmentCount is how many people of a department take part. A
// person with role both counts as a mentor and as a mentee, once in
// Total.
type DepartmentCount struct {
	Department string
	Mentors    int
	Mentees    int
	Total      int
	Other      bool // the row of small departments and people without one
}

// ComputeImpact sums up the programme from the profiles the caller may
// show and all duos. Names are compared folded (case, accents) and shown
// in their most common spelling.
//
// # Privacy
//
// No figure about a group of fewer than minGroup people is published
// (minGroup < 1 means DefaultMinGroup). A group is the people a figure
// is about:
//   - Mentors, Mentees, Both: the people of that role. A count from 1 to
//     minGroup-1 is set to 0 and named in Suppressed ("mentors"); a true
//     0 describes nobody and is shown.
//   - Departments: the people of the department. Departments with fewer
//     are merged into one Other row, together with people who gave no
//     department; if Other is still too small it is dropped and each
//     department in it is named in Suppressed ("departments: Legal").
//     The split by role of a published department is shown as is: the
//     directory already publishes who is in which department.
//   - Skills: the people who offer or seek the skill, counted once.
//     Rarer skills are merged into an Other row counting the people
//     who offer or seek any of them; if those are still too few the
//     row is dropped and each skill named in Suppressed ("skills: AI").
//
// Duo, session and monthly figures describe the programme's activity,
// not a group of people, and are always shown.
//
// Rows are sorted: skills by Gap, largest first, then name; departments
// by Total, largest first, then name; Other last.
func ComputeImpact(profiles []Profile, duos []Duo, minGroup int) Impact {
	if minGroup < 1 {
		minGroup = DefaultMinGroup
	}
	var im Impact
	for _, p := range profiles {
		switch fold(p.Role) {
		case RoleMentor:
			im.Mentors++
		case RoleMentee:
			im.Mentees++
		case RoleBoth:
			im.Both++
		}
	}
	for _, c := range []struct {
		n    *int
		name string
	}{{&im.Mentors, "mentors"}, {&im.Mentees, "mentees"}, {&im.Both, "both"}} {
		if *c.n > 0 && *c.n < minGroup {
			*c.n = 0
			im.Suppressed = append(im.Suppressed, c.name)
		}
	}

	months := map[string]*MonthCount{}
	var first, last time.Time
	for _, d := range duos {
		switch fold(d.Status) {
		case StatusActive:
			im.ActiveDuos++
		case StatusPaused:
			im.PausedDuos++
		case StatusCompleted:
			im.CompletedDuos++
		}
		for _, s := range d.Sessions {
			im.Sessions++
			im.Minutes += s.Minutes
			if s.Date.IsZero() {
				continue
			}
			m := monthOf(s.Date)
			if first.IsZero() || m.Before(first) {
				first = m
			}
			if m.After(last) {
				last = m
			}
			k := m.Format("2006-01")
			if months[k] == nil {
				months[k] = &MonthCount{Month: k}
			}
			months[k].Sessions++
			months[k].Minutes += s.Minutes
		}
	}
	for m := first; !first.IsZero() && !m.After(last); m = m.AddDate(0, 1, 0) {
		k := m.Format("2006-01")
		if c := months[k]; c != nil {
			im.PerMonth = append(im.PerMonth, *c)
		} else {
			im.PerMonth = append(im.PerMonth, MonthCount{Month: k})
		}
	}

	var suppressed []string
	im.Departments, suppressed = departments(profiles, minGroup)
	im.Suppressed = append(im.Suppressed, suppressed...)
	im.Skills, suppressed = skills(profiles, minGroup)
	im.Suppressed = append(im.Suppressed, suppressed...)
	return im
}

// monthOf returns the first day of t's month, in t's own calendar.
func monthOf(t time.Time) time.Time {
	return time.Date(t.Year(), t.Month(), 1, 0, 0, 0, 0, time.UTC)
}

// group gathers the people behind one department or skill.
type group struct {
	spellings map[string]int
	a, b      map[int]bool // mentors and mentees, or offering and seeking
	all       map[int]bool
}

func newGroup() *group {
	return &group{spellings: map[string]int{}, a: map[int]bool{}, b: map[int]bool{}, all: map[int]bool{}}
}

func (g *group) add(spelling string, person int, a, b bool) {
	g.spellings[strings.TrimSpace(spelling)]++
	if a {
		g.a[person] = true
	}
	if b {
		g.b[person] = true
	}
	if a || b {
		g.all[person] = true
	}
}

func (g *group) merge(h *group) {
	for p := range h.a {
		g.a[p] = true
	}
	for p := range h.b {
		g.b[p] = true
	}
	for p := range h.all {
		g.all[p] = true
	}
}

// name is the most common spelling, the first in byte order on a tie.
func (g *group) name() string {
	best, n := "", 0
	for s, c := range g.spellings {
		if c > n || c == n && s < best {
			best, n = s, c
		}
	}
	return best
}

// byKey returns the keys of groups in order, so results never depend on
// map order.
func byKey(groups map[string]*group) []string {
	keys := make([]string, 0, len(groups))
	for k := range groups {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

func departments(profiles []Profile, minGroup int) ([]DepartmentCount, []string) {
	groups := map[string]*group{}
	other := newGroup()
	for i, p := range profiles {
		mentor, mentee := isMentor(p.Role), isMentee(p.Role)
		k := fold(p.Department)
		if k == "" {
			other.add("", i, mentor, mentee)
			continue
		}
		if groups[k] == nil {
			groups[k] = newGroup()
		}
		groups[k].add(p.Department, i, mentor, mentee)
	}
	var rows []DepartmentCount
	var merged []string
	for _, k := range byKey(groups) {
		g := groups[k]
		if len(g.all) == 0 {
			continue
		}
		if len(g.all) < minGroup {
			other.merge(g)
			merged = append(merged, "departments: "+g.name())
			continue
		}
		rows = append(rows, DepartmentCount{Department: g.name(), Mentors: len(g.a), Mentees: len(g.b), Total: len(g.all)})
	}
	sort.SliceStable(rows, func(i, j int) bool { return rows[i].Total > rows[j].Total })
	var suppressed []string
	switch n := len(other.all); {
	case n >= minGroup:
		rows = append(rows, DepartmentCount{Department: OtherLabel, Mentors: len(other.a), Mentees: len(other.b), Total: n, Other: true})
	case n > 0:
		suppressed = merged
		if len(merged) == 0 {
			suppressed = []string{"departments: " + OtherLabel}
		}
	}
	return rows, suppressed
}

func skills(profiles []Profile, minGroup int) ([]SkillCoverage, []string) {
	groups := map[string]*group{}
	add := func(list []string, person int, offered bool) {
		for _, s := range list {
			k := fold(s)
			if k == "" {
				continue
			}
			if groups[k] == nil {
				groups[k] = newGroup()
			}
			groups[k].add(s, person, offered, !offered)
		}
	}
	for i, p := range profiles {
		add(p.Offered, i, true)
		add(p.Sought, i, false)
	}
	var rows []SkillCoverage
	var merged []string
	other := newGroup()
	for _, k := range byKey(groups) {
		g := groups[k]
		if len(g.all) < minGroup {
			other.merge(g)
			merged = append(merged, "skills: "+g.name())
			continue
		}
		off, sou := len(g.a), len(g.b)
		rows = append(rows, SkillCoverage{Skill: g.name(), Offered: off, Sought: sou, Gap: sou - off})
	}
	sort.SliceStable(rows, func(i, j int) bool { return rows[i].Gap > rows[j].Gap })
	var suppressed []string
	switch n := len(other.all); {
	case n >= minGroup:
		off, sou := len(other.a), len(other.b)
		rows = append(rows, SkillCoverage{Skill: OtherLabel, Offered: off, Sought: sou, Gap: sou - off, Other: true})
	case n > 0:
		suppressed = merged
	}
	return rows, suppressed
}
