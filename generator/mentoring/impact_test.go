package mentoring

import (
	"reflect"
	"testing"
	"time"
)

func day(s string) time.Time {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return t
}

// programme is a small handcrafted programme: twelve people in IT,
// Marketing, Légal (spelled two ways) and nowhere, four duos.
func programme() ([]Profile, []Duo) {
	p := func(id, role, dept string, offered, sought []string) Profile {
		return Profile{ID: id, Role: role, Department: dept, Offered: offered, Sought: sought}
	}
	profiles := []Profile{
		p("a", "mentor", "IT", []string{"data"}, nil),
		p("b", "mentor", "IT", []string{"Podcasts"}, nil),
		p("c", "mentee", "IT", nil, []string{"data", "Excel"}),
		p("d", "both", "it", []string{"podcasts"}, nil),
		p("e", "mentee", "IT", nil, []string{"data"}),
		p("f", "mentor", "Marketing", []string{"podcasts"}, nil),
		p("g", "mentee", "Marketing", nil, []string{"data"}),
		p("h", "Mentee", "marketing", nil, []string{"DATA"}),
		p("i", "mentee", "Légal", nil, []string{"Podcasts"}),
		p("j", "mentor", "legal", []string{"IA"}, nil),
		p("k", "mentor", "", nil, []string{"ia"}),
		p("l", "", "IT", nil, nil), // no role: counted nowhere
	}
	duos := []Duo{
		{ID: "d1", Status: "active", Sessions: []Session{{day("2026-01-15"), 60, ""}, {day("2026-03-02"), 30, ""}}},
		{ID: "d2", Status: "paused", Sessions: []Session{{day("2026-01-20"), 45, ""}}},
		{ID: "d3", Status: "completed", Sessions: []Session{{day("2025-11-30"), 90, ""}, {time.Time{}, 15, "undated"}}},
		{ID: "d4", Status: "Completed"},
	}
	return profiles, duos
}

func TestComputeImpact(t *testing.T) {
	profiles, duos := programme()
	got := ComputeImpact(profiles, duos, 3)
	want := Impact{
		Mentors: 5, Mentees: 5, Both: 0,
		ActiveDuos: 1, PausedDuos: 1, CompletedDuos: 2,
		Sessions: 5, Minutes: 240,
		PerMonth: []MonthCount{
			{"2025-11", 1, 90}, {"2025-12", 0, 0}, {"2026-01", 2, 105}, {"2026-02", 0, 0}, {"2026-03", 1, 30},
		},
		Skills: []SkillCoverage{
			{Skill: "data", Offered: 1, Sought: 4, Gap: 3},
			{Skill: "Podcasts", Offered: 3, Sought: 1, Gap: -2},
			{Skill: OtherLabel, Offered: 1, Sought: 2, Gap: 1, Other: true}, // IA (j, k) and Excel (c)
		},
		Departments: []DepartmentCount{
			{Department: "IT", Mentors: 3, Mentees: 3, Total: 5},
			{Department: "Marketing", Mentors: 1, Mentees: 2, Total: 3},
			{Department: OtherLabel, Mentors: 2, Mentees: 1, Total: 3, Other: true}, // Légal (i, j) and k
		},
		Suppressed: []string{"both"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got\n%+v\nwant\n%+v", got, want)
	}
}

func TestComputeImpactDropsGroupsTooSmallEvenMerged(t *testing.T) {
	profiles := []Profile{
		{ID: "x", Role: "mentor", Department: "Legal", Offered: []string{"AI"}},
		{ID: "y", Role: "mentee", Department: "Legal", Sought: []string{"ai"}},
		{ID: "z", Role: "mentee", Sought: []string{"ai"}},
	}
	got := ComputeImpact(profiles, nil, 0)                                                         // 0: the default, 5
	want := Impact{Suppressed: []string{"mentors", "mentees", "departments: Legal", "skills: ai"}} // most common spelling
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got\n%+v\nwant\n%+v", got, want)
	}
}

func TestComputeImpactWithoutSessions(t *testing.T) {
	got := ComputeImpact(nil, []Duo{{Status: "active"}}, 5)
	if got.PerMonth != nil || got.Sessions != 0 || got.ActiveDuos != 1 {
		t.Errorf("got %+v", got)
	}
}

func TestComputeImpactIsTheSameInAnyOrder(t *testing.T) {
	profiles, duos := programme()
	want := ComputeImpact(profiles, duos, 2)
	for i := range profiles {
		j := (i*7 + 3) % len(profiles)
		profiles[i], profiles[j] = profiles[j], profiles[i]
	}
	duos[0], duos[3] = duos[3], duos[0]
	if got := ComputeImpact(profiles, duos, 2); !reflect.DeepEqual(got, want) {
		t.Errorf("got\n%+v\nwant\n%+v", got, want)
	}
}
