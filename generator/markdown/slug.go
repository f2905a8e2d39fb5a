package markdown

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// latinFold maps U+00C0..U+017F to the ASCII letter it is read as once its
// accent is removed. '*' marks letters that fold to two letters (foldRune
// handles them first) and '-' the two symbols of the block (× and ÷).
// A string constant keeps the table immutable without package state.
const latinFold = "" +
	"aaaaaa*ceeeeiiiidnooooo-ouuuuy**" + // U+00C0
	"aaaaaa*ceeeeiiiidnooooo-ouuuuy*y" + // U+00E0
	"aaaaaaccccccccddddeeeeeeeeeegggg" + // U+0100
	"gggghhhhiiiiiiiiii**jjkkklllllll" + // U+0120
	"lllnnnnnnnnnoooooo**rrrrrrssssss" + // U+0140
	"ssttttttuuuuuuuuuuuuwwyyyzzzzzzs" //   U+0160

// foldRune returns the ASCII spelling of a lower-cased Latin letter with
// an accent, "" when r is not one.
func foldRune(r rune) string {
	switch r {
	case 'æ':
		return "ae"
	case 'œ':
		return "oe"
	case 'ß':
		return "ss"
	case 'þ':
		return "th"
	case 'ĳ':
		return "ij"
	}
	if r >= 0xC0 && r < 0x180 {
		if c := latinFold[r-0xC0]; c >= 'a' && c <= 'z' {
			return latinFold[r-0xC0 : r-0xC0+1]
		}
	}
	return ""
}

// Slugify turns heading text into an ID, the rule page URLs use as well:
// lower case, accents folded to ASCII (é→e, ç→c, œ→oe, æ→ae, ß→ss), every
// run of other characters turned into one '-', and no '-' at either end.
// "Liste de contrôle" gives "liste-de-controle".
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
			case 'a' <= c && c <= 'z', '0' <= c && c <= '9':
			case 'A' <= c && c <= 'Z':
				c += 'a' - 'A'
			default:
				dash = true
				continue
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
		ascii := foldRune(r)
		if ascii == "" && !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			dash = true
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
