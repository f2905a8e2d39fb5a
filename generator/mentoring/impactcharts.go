package mentoring

import (
	"fmt"
	"time"
)

// ImpactCharts draws the figures of im as the impact page shows them,
// with titles, descriptions and labels in French for lang "fr" and in
// English otherwise: sessions per month ("sessions-per-month"), skills
// offered and sought ("skills"), and participation by department
// ("departments"). A chart with nothing to show is left out.
func ImpactCharts(im Impact, lang string) []Chart {
	fr := lang == "fr"
	tr := func(en, frText string) string {
		if fr {
			return frText
		}
		return en
	}
	var charts []Chart

	if len(im.PerMonth) > 0 {
		c := Chart{
			ID:     "sessions-per-month",
			Title:  tr("Sessions per month", "Séances par mois"),
			Series: []string{tr("Sessions", "Séances")},
			Unit:   tr("sessions", "séances"),
		}
		busiest := im.PerMonth[0]
		for _, m := range im.PerMonth {
			c.Bars = append(c.Bars, Bar{Label: monthName(m.Month, fr), Values: []float64{float64(m.Sessions)}})
			if m.Sessions > busiest.Sessions {
				busiest = m
			}
		}
		from, to := monthName(im.PerMonth[0].Month, fr), monthName(im.PerMonth[len(im.PerMonth)-1].Month, fr)
		c.Desc = fmt.Sprintf(tr(
			"Sessions held each month from %s to %s: %d in total, most in %s (%d).",
			"Séances tenues chaque mois de %s à %s\u00a0: %d en tout, le plus en %s (%d)."),
			from, to, sum(im.PerMonth), monthName(busiest.Month, fr), busiest.Sessions)
		charts = append(charts, c)
	}

	if len(im.Skills) > 0 {
		c := Chart{
			ID:     "skills",
			Title:  tr("Skills offered and sought", "Compétences proposées et recherchées"),
			Series: []string{tr("Offered by", "Proposée par"), tr("Sought by", "Recherchée par")},
			Unit:   tr("people", "personnes"),
		}
		for _, s := range im.Skills {
			label := s.Skill
			if s.Other {
				label = tr("Other skills", "Autres compétences")
			}
			c.Bars = append(c.Bars, Bar{Label: label, Values: []float64{float64(s.Offered), float64(s.Sought)}})
		}
		c.Desc = tr("People offering and seeking each skill, largest unmet demand first.",
			"Personnes qui proposent et qui recherchent chaque compétence, la demande la moins couverte d’abord.")
		if top := im.Skills[0]; top.Gap > 0 && !top.Other {
			c.Desc += fmt.Sprintf(tr(" Most lacking: %s, sought by %d and offered by %d.",
				" La plus manquante\u00a0: %s, recherchée par %d et proposée par %d."), top.Skill, top.Sought, top.Offered)
		}
		charts = append(charts, c)
	}

	if len(im.Departments) > 0 {
		c := Chart{
			ID:     "departments",
			Title:  tr("Participation by department", "Participation par département"),
			Series: []string{"Mentors", tr("Mentees", "Mentorés")},
			Unit:   tr("people", "personnes"),
			Desc: tr("Mentors and mentees in each department; small departments are grouped so that no one can be singled out.",
				"Mentors et mentorés de chaque département\u00a0; les petits départements sont regroupés pour que personne ne soit reconnaissable."),
		}
		for _, d := range im.Departments {
			label := d.Department
			if d.Other {
				label = tr("Other departments", "Autres départements")
			}
			c.Bars = append(c.Bars, Bar{Label: label, Values: []float64{float64(d.Mentors), float64(d.Mentees)}})
		}
		charts = append(charts, c)
	}
	return charts
}

func sum(months []MonthCount) int {
	n := 0
	for _, m := range months {
		n += m.Sessions
	}
	return n
}

// monthName writes "2026-03" as "March 2026" or "mars 2026".
func monthName(month string, fr bool) string {
	t, err := time.Parse("2006-01", month)
	if err != nil {
		return month
	}
	if !fr {
		return t.Format("January 2006")
	}
	names := [...]string{"janvier", "février", "mars", "avril", "mai", "juin",
		"juillet", "août", "septembre", "octobre", "novembre", "décembre"}
	return fmt.Sprintf("%s %d", names[t.Month()-1], t.Year())
}
