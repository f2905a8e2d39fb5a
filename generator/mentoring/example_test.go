package mentoring_test

import (
	"fmt"

	"binome/generator/mentoring"
)

func ExampleMatch() {
	profiles := []mentoring.Profile{
		{ID: "lea", Role: "mentor", Department: "IT", Languages: []string{"fr"}, Offered: []string{"Data", "Podcasts"}},
		{ID: "sam", Role: "mentee", Department: "Marketing", Languages: []string{"FR", "en"}, Sought: []string{"données", "data", "podcasts"}},
		{ID: "tom", Role: "mentee", Department: "IT", Sought: []string{"cuisine"}},
	}
	for _, s := range mentoring.Match(profiles, nil, mentoring.DefaultWeights(), 1) {
		fmt.Printf("%s → %s: %g\n", s.Mentor, s.Mentee, s.Score)
		for _, r := range s.Reasons {
			fmt.Println("  " + r.Text("en"))
		}
	}
	// Output:
	// lea → sam: 8
	//   Offers 2 skills the mentee seeks: data, podcasts (+6)
	//   Shared language: fr (+1)
	//   Different departments: IT → Marketing (+1)
}
