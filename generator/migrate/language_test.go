package migrate

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestGuessLanguage(t *testing.T) {
	french := "Le binôme se retrouve chaque mois pour faire le point sur les objectifs. " +
		"Vous préparez la séance avec votre mentor et l'équipe des ressources humaines. "
	english := "The pair meets every month to review their goals. " +
		"You prepare the session with your mentor and the people team. "
	code := "```yaml\n" + strings.Repeat("the: and\nof: to\nfor: with\n", 40) + "```\n"
	for _, tc := range []struct {
		name  string
		pages map[string]string
		want  string
	}{
		{"french", map[string]string{"a.md": strings.Repeat(french, 3), "b/c.md": french}, "fr"},
		{"english", map[string]string{"a.md": strings.Repeat(english, 4)}, "en"},
		{"english under French code and keys", map[string]string{
			"a.md": "---\ntitle: Les objectifs et la charte des binômes\ntags: [le, la, les, des, du]\n---\n" + code + strings.Repeat(english, 4),
		}, "en"},
		{"french under English code", map[string]string{"a.md": code + strings.Repeat(french, 3)}, "fr"},
		{"half and half", map[string]string{"a.md": strings.Repeat(french, 3), "b.md": strings.Repeat(english, 3)}, ""},
		{"too few words", map[string]string{"a.md": "# Accueil\n\nLe guide."}, ""},
		{"no pages", map[string]string{"a.txt": strings.Repeat(french, 5)}, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			for name, text := range tc.pages {
				p := filepath.Join(dir, filepath.FromSlash(name))
				if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			if got := guessLanguage(dir); got != tc.want {
				t.Errorf("guessLanguage = %q, want %q", got, tc.want)
			}
		})
	}
}
