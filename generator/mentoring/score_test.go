package mentoring

import (
	"reflect"
	"testing"
)

func TestScore(t *testing.T) {
	lea := Profile{ID: "lea", Department: "Marketing", Availability: "Mardi matin",
		Languages: []string{"fr", "en"}, Offered: []string{"Podcasts", "data", "Réseaux sociaux"}}
	tests := []struct {
		name   string
		mentee Profile
		w      Weights
		score  float64
		want   []Reason
	}{
		{"nothing in common", Profile{Department: "marketing", Languages: []string{"de"}}, DefaultWeights(), 0, nil},
		{"skills, case and accents folded, mentee's spelling, sorted",
			Profile{Sought: []string{"reseaux SOCIAUX", "Data", "data ", "cuisine"}}, DefaultWeights(), 6,
			[]Reason{{ReasonSkills, []string{"Data", "reseaux SOCIAUX"}, 6}}},
		{"every reason",
			Profile{Department: "IT", Availability: "mardi  matin", Languages: []string{"EN", "Fr"}, Sought: []string{"podcasts"}},
			DefaultWeights(), 6, []Reason{
				{ReasonSkills, []string{"podcasts"}, 3},
				{ReasonLanguages, []string{"en", "fr"}, 1},
				{ReasonOtherDepartment, []string{"Marketing", "IT"}, 1},
				{ReasonAvailability, []string{"mardi  matin"}, 1},
			}},
		{"zero weights leave their reasons out",
			Profile{Department: "IT", Languages: []string{"fr"}, Sought: []string{"data"}},
			Weights{Skills: 2.5}, 2.5, []Reason{{ReasonSkills, []string{"data"}, 2.5}}},
		{"blank department is not another department", Profile{Sought: []string{"data"}}, DefaultWeights(), 3,
			[]Reason{{ReasonSkills, []string{"data"}, 3}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			score, reasons := Score(lea, tt.mentee, tt.w)
			if score != tt.score || !reflect.DeepEqual(reasons, tt.want) {
				t.Errorf("Score = %v %+v, want %v %+v", score, reasons, tt.score, tt.want)
			}
		})
	}
}

func TestReasonText(t *testing.T) {
	tests := []struct {
		r      Reason
		en, fr string
	}{
		{Reason{ReasonSkills, []string{"data", "podcasts"}, 6},
			"Offers 2 skills the mentee seeks: data, podcasts (+6)",
			"Propose 2 compétences recherchées\u00a0: data, podcasts (+6)"},
		{Reason{ReasonSkills, []string{"data"}, 1.5},
			"Offers 1 skill the mentee seeks: data (+1.5)",
			"Propose 1 compétence recherchée\u00a0: data (+1,5)"},
		{Reason{ReasonLanguages, []string{"fr"}, 1},
			"Shared language: fr (+1)", "Langue commune\u00a0: fr (+1)"},
		{Reason{ReasonLanguages, []string{"en", "fr"}, 1},
			"2 shared languages: en, fr (+1)", "2 langues communes\u00a0: en, fr (+1)"},
		{Reason{ReasonOtherDepartment, []string{"IT", "RH"}, 1},
			"Different departments: IT → RH (+1)", "Autre département\u00a0: IT → RH (+1)"},
		{Reason{ReasonAvailability, []string{"jeudi"}, 0.333333},
			"Same availability: jeudi (+0.33)", "Même disponibilité\u00a0: jeudi (+0,33)"},
		{Reason{"cohort", []string{"2026"}, -1}, "cohort: 2026 (-1)", "cohort\u00a0: 2026 (-1)"},
	}
	for _, tt := range tests {
		t.Run(tt.r.Code, func(t *testing.T) {
			if got := tt.r.Text("en"); got != tt.en {
				t.Errorf("en: %q, want %q", got, tt.en)
			}
			if got := tt.r.Text("fr"); got != tt.fr {
				t.Errorf("fr: %q, want %q", got, tt.fr)
			}
		})
	}
}

func TestFold(t *testing.T) {
	for in, want := range map[string]string{
		"  Prise de\tPAROLE ": "prise de parole",
		"Équipe":              "equipe",
		"Œuvre à Noël":        "oeuvre a noel",
		"l’IA":                "l'ia",
		"データ":                 "データ",
	} {
		if got := fold(in); got != want {
			t.Errorf("fold(%q) = %q, want %q", in, got, want)
		}
	}
}
