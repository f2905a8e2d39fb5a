// Package mentoring holds the programme logic behind the matches and impact
// pages: who could mentor whom and why (Score, Match), what the programme
// has done (ComputeImpact), and how to show it (Chart, ImpactCharts).
//
// It is pure: profiles, duos and weights go in, suggestions, figures and
// chart bytes come out. Nothing here reads files or the clock, and the
// same data in any order gives the same result, so two builds publish the
// same pages.
package mentoring

import "time"

// Roles a profile may have. "both" is a mentor in some skills and a
// mentee in others.
const (
	RoleMentor = "mentor"
	RoleMentee = "mentee"
	RoleBoth   = "both"
)

// Statuses a duo may have. Active and paused duos still hold their
// people; completed ones free them.
const (
	StatusActive    = "active"
	StatusPaused    = "paused"
	StatusCompleted = "completed"
)

// Profile is one person of the programme as Match and ComputeImpact see
// them. Skills, languages, departments and availabilities compare after
// folding case and accents ("Équipe" = "equipe"), so authors need not
// agree on spelling details.
type Profile struct {
	ID           string // slug, unique
	Name         string
	Role         string // mentor, mentee or both
	Department   string
	Availability string
	Cohort       string
	Languages    []string
	Offered      []string // skills this person can teach
	Sought       []string // skills this person wants to learn
}

// Session is one meeting of a duo.
type Session struct {
	Date    time.Time
	Minutes int
	Topic   string
}

// Duo is a mentor and a mentee working together, named by profile IDs.
type Duo struct {
	ID       string
	Mentor   string
	Mentee   string
	Status   string // active, paused or completed
	Started  time.Time
	Sessions []Session
}

// isMentor and isMentee say which side of a pairing a role may take.
func isMentor(role string) bool {
	r := fold(role)
	return r == RoleMentor || r == RoleBoth
}

func isMentee(role string) bool {
	r := fold(role)
	return r == RoleMentee || r == RoleBoth
}

// holds reports whether a duo still occupies its people.
func holds(status string) bool {
	s := fold(status)
	return s == StatusActive || s == StatusPaused
}
