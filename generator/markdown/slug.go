package markdown

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"binome/generator/fold"
)

// Slugify turns heading text into an ID: lower case, accents and
// ligatures folded to ASCII by fold.Latin, the rule search uses too (é→e,
// ç→c, œ→oe, ﬁ→fi), every run of spaces and hyphens turned into one '-',
// other punctuation and symbols dropped, and no '-' at either end.
// "Première rencontre : l'ordre du jour" gives
// "premiere-rencontre-lordre-du-jour", as MkDocs does, and as GitHub,
// Hugo and kramdown do but for accents and runs: a French heading's
// apostrophe is dropped by all of them, so the links of a handbook
// written for them keep finding their headings. '_' is kept, as all of
// them keep it.
//
// Page URLs have their own rule, content.Slugify, which keeps '_' and
// letters such as ø: changing either would change every existing link.
//
// Letters of scripts that have no ASCII spelling (Greek, Cyrillic, CJK…)
// are kept, lower-cased, rather than dropped: a heading in such a script
// would otherwise get an empty ID. Combining accents (text in decomposed
// form, as some file systems store it) are dropped, so "e\u0301" gives "e".
// The result is "" when s has no letter or digit.
func Slugify(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	dash := false // a separator is pending: written before the next letter
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			i++
			switch {
			case 'a' <= c && c <= 'z', '0' <= c && c <= '9', c == '_':
			case 'A' <= c && c <= 'Z':
				c += 'a' - 'A'
			case c == ' ' || c == '-' || c == '\t' || c == '\n':
				dash = true
				continue
			default:
				continue // punctuation: dropped, l'ordre is lordre
			}
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteByte(c)
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		if unicode.Is(unicode.Mn, r) {
			continue // a combining accent: folded away with its letter
		}
		r = unicode.ToLower(r)
		ascii := fold.Latin(r)
		if ascii == "" && !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			// A space of French typography, an en dash between spaces
			// already, separates; ’, «, —, °, an emoji are dropped.
			if unicode.IsSpace(r) || r == '\u202F' || unicode.Is(unicode.Pd, r) {
				dash = true
			}
			continue
		}
		if dash && b.Len() > 0 {
			b.WriteByte('-')
		}
		dash = false
		if ascii != "" {
			b.WriteString(ascii)
		} else {
			b.WriteRune(r)
		}
	}
	return b.String()
}
