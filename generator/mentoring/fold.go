package mentoring

import (
	"strings"
	"unicode"

	latin "binome/generator/fold"
)

// fold returns the key two spellings of the same word share: lower case,
// accents removed, inner spaces collapsed, ends trimmed. "  Prise de
// PAROLE " and "prise de parole" fold alike, as do "Équipe" and "equipe".
//
// Accents are folded by fold.Latin, the rule search and URLs use too.
func fold(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range strings.TrimSpace(s) {
		if unicode.IsSpace(r) {
			space = true
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		r = unicode.ToLower(r)
		if r < 0x80 {
			b.WriteRune(r)
			continue
		}
		if r == '\u2019' { // typographic apostrophe, common in French
			b.WriteByte('\'')
			continue
		}
		if p := latin.Latin(r); p != "" {
			b.WriteString(p)
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}
