package search

import (
	"slices"
	"testing"
	"unicode/utf8"
)

func TestFold(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"accents", "Télétravail", "teletravail"},
		{"upper accents", "ÉQUIPE À L’ÉCOUTE", "equipe a l'ecoute"},
		{"ligatures", "Œuvre, cœur, Æsop, Straße", "oeuvre, coeur, aesop, strasse"},
		{"typographic ligature", "ﬁnance", "finance"},
		{"decomposed accent", "e\u0301quipe", "equipe"},
		{"cedilla", "Français", "francais"},
		{"apostrophes", "l’équipe d'accueil", "l'equipe d'accueil"},
		{"other scripts lower-cased only", "Ελλάδα Москва", "ελλάδα москва"},
		{"digits and punctuation", "Q3-2026 : 100 %", "q3-2026 : 100 %"},
		{"turkish dotted capital", "İstanbul", "istanbul"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Fold(tt.in); got != tt.want {
				t.Errorf("Fold(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestTokens(t *testing.T) {
	tests := []struct {
		name, lang, in string
		want           []string
	}{
		{"fr accents folded after stemming", "fr", "Télétravail", []string{"teletravail"}},
		{"fr unaccented same stem", "fr", "teletravail", []string{"teletravail"}},
		{"fr elisions dropped", "fr", "l'équipe d’accueil qu'Amina jusqu'ici", []string{"equip", "accueil", "amin", "ici"}},
		{"fr plural", "fr", "équipes Équipe", []string{"equip", "equip"}},
		{"fr stop words", "fr", "le rôle de la marraine et du parrain", []string{"rol", "marrain", "parrain"}},
		{"fr aujourd'hui", "fr", "aujourd'hui", []string{"aujourd", "hui"}},
		{"en stems", "en", "mentoring mentors mentor mentored", []string{"mentor", "mentor", "mentor", "mentor"}},
		{"en possessive", "en", "the mentor's notes don't", []string{"mentor", "note", "don"}},
		{"en stop words", "en", "What is a reverse mentoring programme?", []string{"revers", "mentor", "programm"}},
		{"en elision not dropped", "en", "l'équipe", []string{"l", "equip"}},
		{"digits", "en", "Q3 2026", []string{"q3", "2026"}},
		{"unknown language folds only", "de", "Straße Übung", []string{"strasse", "ubung"}},
		{"empty", "fr", " — ! ", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Tokens(tt.lang, tt.in); !slices.Equal(got, tt.want) {
				t.Errorf("Tokens(%q, %q) = %q, want %q", tt.lang, tt.in, got, tt.want)
			}
		})
	}
}

// FuzzTokens checks that tokenizing never panics and gives non-empty,
// valid UTF-8 tokens.
func FuzzTokens(f *testing.F) {
	for _, s := range []string{"L'équipe télétravaille", "mentor's", "e\u0301\u0301", "ﬃ Œ ß", "\xff\xfeab", "qu'", "'s"} {
		f.Add("fr", s)
		f.Add("en", s)
	}
	f.Fuzz(func(t *testing.T, lang, text string) {
		for _, tok := range Tokens(lang, text) {
			if tok == "" || !utf8.ValidString(tok) {
				t.Fatalf("Tokens(%q, %q): bad token %q", lang, text, tok)
			}
		}
	})
}
