package generator

import (
	"encoding/json"
	"testing"
)

// A term's count is a method, so that reading it can be watched; jsonify
// still writes it, as it did when it was a field.
func TestTermJSONKeepsCount(t *testing.T) {
	tests := []struct {
		term Term
		want string
	}{
		{Term{Name: "Données", Slug: "donnees", URL: "/tags/donnees/", count: 3}, `{"Name":"Données","Slug":"donnees","URL":"/tags/donnees/","Count":3}`},
		{Term{Name: "a"}, `{"Name":"a","Slug":"","URL":"","Count":0}`},
	}
	for _, tc := range tests {
		b, err := json.Marshal(tc.term)
		if err != nil {
			t.Fatal(err)
		}
		if string(b) != tc.want {
			t.Errorf("json.Marshal(%+v) = %s, want %s", tc.term, b, tc.want)
		}
	}
}
