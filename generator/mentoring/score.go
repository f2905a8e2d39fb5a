package mentoring

import (
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"
)

// Weights says how much each reason adds to a pairing's score. A zero
// weight turns its reason off; DefaultWeights is what site.yaml starts
// from.
type Weights struct {
	Skills          float64 // per skill the mentor offers and the mentee seeks
	Languages       float64 // once, when the two share at least one language
	OtherDepartment float64 // once, when their departments differ
	Availability    float64 // once, when their availabilities are the same
}

// DefaultWeights returns the weights of an empty site.yaml: skills count
// three times as much as anything else, because a duo exists to pass on
// a skill.
func DefaultWeights() Weights {
	return Weights{Skills: 3, Languages: 1, OtherDepartment: 1, Availability: 1}
}

// Reason codes, in the order Score lists them.
const (
	ReasonSkills          = "skills"
	ReasonLanguages       = "languages"
	ReasonOtherDepartment = "other_department"
	ReasonAvailability    = "availability"
)

// Reason is one criterion that added points to a pairing, with what made
// it hold: the shared skills or languages, the two departments, the
// common availability.
type Reason struct {
	Code   string
	Items  []string
	Points float64
}

// Text says the reason in plain words, in French for lang "fr" and in
// English otherwise: "Offers 2 skills the mentee seeks: data, podcasts
// (+6)". French text puts a no-break space before the colon, as French
// typography wants.
func (r Reason) Text(lang string) string {
	fr := lang == "fr"
	items := strings.Join(r.Items, ", ")
	pts := formatPoints(r.Points, fr)
	n := len(r.Items)
	switch {
	case r.Code == ReasonSkills && fr:
		if n == 1 {
			return fmt.Sprintf("Propose 1 compétence recherchée\u00a0: %s (%s)", items, pts)
		}
		return fmt.Sprintf("Propose %d compétences recherchées\u00a0: %s (%s)", n, items, pts)
	case r.Code == ReasonSkills:
		if n == 1 {
			return fmt.Sprintf("Offers 1 skill the mentee seeks: %s (%s)", items, pts)
		}
		return fmt.Sprintf("Offers %d skills the mentee seeks: %s (%s)", n, items, pts)
	case r.Code == ReasonLanguages && fr:
		if n == 1 {
			return fmt.Sprintf("Langue commune\u00a0: %s (%s)", items, pts)
		}
		return fmt.Sprintf("%d langues communes\u00a0: %s (%s)", n, items, pts)
	case r.Code == ReasonLanguages:
		if n == 1 {
			return fmt.Sprintf("Shared language: %s (%s)", items, pts)
		}
		return fmt.Sprintf("%d shared languages: %s (%s)", n, items, pts)
	case r.Code == ReasonOtherDepartment && fr:
		return fmt.Sprintf("Autre département\u00a0: %s (%s)", strings.Join(r.Items, " → "), pts)
	case r.Code == ReasonOtherDepartment:
		return fmt.Sprintf("Different departments: %s (%s)", strings.Join(r.Items, " → "), pts)
	case r.Code == ReasonAvailability && fr:
		return fmt.Sprintf("Même disponibilité\u00a0: %s (%s)", items, pts)
	case r.Code == ReasonAvailability:
		return fmt.Sprintf("Same availability: %s (%s)", items, pts)
	}
	if fr {
		return fmt.Sprintf("%s\u00a0: %s (%s)", r.Code, items, pts)
	}
	return fmt.Sprintf("%s: %s (%s)", r.Code, items, pts)
}

// formatPoints writes points with their sign and at most two decimals,
// with a decimal comma in French: "+6", "+1,5".
func formatPoints(p float64, fr bool) string {
	s := strconv.FormatFloat(math.Round(p*100)/100, 'f', -1, 64)
	if fr {
		s = strings.Replace(s, ".", ",", 1)
	}
	if p > 0 {
		s = "+" + s
	}
	return s
}

// Score says how well mentor would suit mentee and why. Reasons that add
// nothing (a zero weight, nothing in common) are left out; the score is
// the sum of the reasons' points. Score looks at the pair only: roles,
// busy people and self-pairing are Match's business.
//
// Skills listed are the mentee's spelling of each skill the mentor
// offers; languages are the mentor's; lists are sorted alphabetically.
//
// A pair with no skill to pass on scores nothing when skills count at all
// (a positive skills weight): sharing a language or an availability does
// not make a mentoring duo.
func Score(mentor, mentee Profile, w Weights) (float64, []Reason) {
	var reasons []Reason
	skills := common(mentee.Sought, mentor.Offered)
	if len(skills) == 0 && w.Skills > 0 {
		return 0, nil
	}
	if len(skills) > 0 && w.Skills != 0 {
		reasons = append(reasons, Reason{ReasonSkills, skills, w.Skills * float64(len(skills))})
	}
	if langs := common(mentor.Languages, mentee.Languages); len(langs) > 0 && w.Languages != 0 {
		reasons = append(reasons, Reason{ReasonLanguages, langs, w.Languages})
	}
	a, b := fold(mentor.Department), fold(mentee.Department)
	if a != "" && b != "" && a != b && w.OtherDepartment != 0 {
		items := []string{strings.TrimSpace(mentor.Department), strings.TrimSpace(mentee.Department)}
		reasons = append(reasons, Reason{ReasonOtherDepartment, items, w.OtherDepartment})
	}
	a, b = fold(mentor.Availability), fold(mentee.Availability)
	if a != "" && a == b && w.Availability != 0 {
		items := []string{strings.TrimSpace(mentee.Availability)}
		reasons = append(reasons, Reason{ReasonAvailability, items, w.Availability})
	}
	total := 0.0
	for _, r := range reasons {
		total += r.Points
	}
	return total, reasons
}

// common returns the words of a that b also has, compared folded, once
// each, in a's spelling, sorted by their folded form.
func common(a, b []string) []string {
	in := make(map[string]bool, len(b))
	for _, s := range b {
		if k := fold(s); k != "" {
			in[k] = true
		}
	}
	type word struct{ key, text string }
	var words []word
	for _, s := range a {
		k := fold(s)
		if in[k] {
			words = append(words, word{k, strings.TrimSpace(s)})
			delete(in, k) // once each
		}
	}
	sort.Slice(words, func(i, j int) bool { return words[i].key < words[j].key })
	out := make([]string, len(words))
	for i, w := range words {
		out[i] = w.text
	}
	return out
}
