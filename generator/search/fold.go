package search

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/kljensen/snowball/english"
	"github.com/kljensen/snowball/french"

	"binome/generator/fold"
)

// maxWordRunes bounds the words worth indexing: longer runs are hashes,
// URLs run together or base64, which nobody types.
const maxWordRunes = 40

// Fold returns s in lower case with accents removed and ligatures expanded
// ("Œuvre" → "oeuvre", "Straße" → "strasse"), and typographic apostrophes
// (’ ʼ) turned into "'". Word boundaries are unchanged, so folding a text then
// splitting it into words gives the words of the text, folded:
// "L’Équipe" → "l'equipe", whose words are "l" and "equipe". Tokens drops the
// French elision ("l").
//
// search.js folds queries with the same table; TestFoldMatchesJS checks that
// both agree over the Latin, Greek and Cyrillic blocks.
func Fold(s string) string {
	// Most words of a text are lower-case ASCII already: no copy then.
	upper := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 0x80 {
			return foldSlow(s)
		}
		upper = upper || 'A' <= c && c <= 'Z'
	}
	if !upper {
		return s
	}
	b := []byte(s)
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}

// foldSlow is Fold for text that is not all ASCII.
func foldSlow(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		r = unicode.ToLower(r)
		switch {
		case isCombining(r):
			// The accent of a decomposed letter ("e\u0301").
		case r == '’' || r == 'ʼ':
			b.WriteByte('\'')
		case r < 0xC0:
			b.WriteRune(r)
		default:
			if f := fold.Latin(r); f != "" {
				b.WriteString(f)
			} else {
				b.WriteRune(r)
			}
		}
	}
	return b.String()
}

// isCombining reports whether r is a combining diacritical mark, dropped by Fold.
func isCombining(r rune) bool {
	return r >= 0x300 && r <= 0x36F || r >= 0x1AB0 && r <= 0x1AFF ||
		r >= 0x1DC0 && r <= 0x1DFF || r >= 0x20D0 && r <= 0x20FF || r >= 0xFE20 && r <= 0xFE2F
}

// isWordRune reports whether r belongs to a word; search.js uses [\p{L}\p{N}\p{M}].
func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsNumber(r) || unicode.IsMark(r)
}

func isApostrophe(r rune) bool { return r == '\'' || r == '’' || r == 'ʼ' }

// isElision reports whether the folded word w, written just before an
// apostrophe, is a French elided article or pronoun ("l'équipe", "qu'il").
func isElision(w string) bool {
	switch w {
	case "l", "d", "j", "m", "n", "s", "t", "c", "qu", "jusqu", "lorsqu", "puisqu", "quoiqu":
		return true
	}
	return false
}

// isClitic reports whether the folded word w, written just after an
// apostrophe, is an English contraction or possessive ("mentor's", "don't").
func isClitic(w string) bool {
	switch w {
	case "s", "t", "d", "m", "ll", "re", "ve":
		return true
	}
	return false
}

// stopWords lists, per language, the folded words left out of the index:
// they are in nearly every page, so their postings would be the largest
// shards and rank nothing. The list is written into meta.js so that the
// client drops them from queries too.
func stopWords(lang string) []string {
	switch lang {
	case "fr":
		return strings.Fields(`a au aux avec c ce ces cet cette d dans de des du elle elles en et
			eux il ils j je l la le les leur leurs lui m ma mais me mes moi mon n ne nos notre nous
			on ou par pas pour qu que qui s sa se ses son sont sur t ta te tes toi ton tu un une
			vos votre vous y est ont`)
	case "en":
		return strings.Fields(`a an and are as at be been but by do does for from had has have he
			her his i if in into is it its me my no not of on or our she so than that the their
			them then there these they this those to was we were what when where which who will
			with you your`)
	}
	return nil
}

// stemmer returns the Snowball stemmer of lang, or nil when there is none.
// Snowball expects lower-case words with their accents: "équipes" → "équip";
// the stem is folded afterwards.
func stemmer(lang string) func(string) string {
	switch lang {
	case "fr":
		return func(w string) string { return french.Stem(w, true) }
	case "en":
		return func(w string) string { return english.Stem(w, true) }
	}
	return nil
}

// scanner splits texts into indexable words, the same way at index time (Go)
// and at query time (search.js: words()).
type scanner struct {
	lang string
	stop map[string]bool
}

func newScanner(lang string, stop []string) scanner {
	m := make(map[string]bool, len(stop))
	for _, w := range stop {
		m[w] = true
	}
	return scanner{lang: lang, stop: m}
}

// scan calls fn with each word of text, as written, except French elisions
// and English clitics; last tells whether the word ends the text with no
// separator after it (the query word still being typed). term then says
// whether the word is indexed.
func (s scanner) scan(text string, fn func(word string, last bool)) {
	for i := 0; ; {
		start, end := nextWord(text, i)
		if start == end {
			return
		}
		i = end
		if s.skip(text, start, end) {
			continue
		}
		fn(text[start:end], end == len(text))
	}
}

// nextWord returns the bounds of the first word of text at or after byte
// i; start == end when there is none. ASCII, nearly all of the bytes of a
// French or English text, is tested without decoding runes.
func nextWord(text string, i int) (start, end int) {
	for i < len(text) {
		if c := text[i]; c < utf8.RuneSelf {
			if isASCIIWord(c) {
				break
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(text[i:])
		if isWordRune(r) {
			break
		}
		i += n
	}
	start = i
	for i < len(text) {
		if c := text[i]; c < utf8.RuneSelf {
			if !isASCIIWord(c) {
				break
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(text[i:])
		if !isWordRune(r) {
			break
		}
		i += n
	}
	return start, i
}

// isASCIIWord is isWordRune for an ASCII byte.
func isASCIIWord(c byte) bool {
	return 'a' <= c|0x20 && c|0x20 <= 'z' || '0' <= c && c <= '9'
}

// skip reports whether the word text[start:end] is a French elision or an
// English clitic, left out whatever its spelling.
func (s scanner) skip(text string, start, end int) bool {
	switch s.lang {
	case "fr":
		return apostropheBetween(text, end) && isElision(Fold(text[start:end]))
	case "en":
		if start == 0 {
			return false
		}
		_, n := utf8.DecodeLastRuneInString(text[:start])
		return apostropheBetween(text, start-n) && isClitic(Fold(text[start:end]))
	}
	return false
}

// term returns the folded word, unless it is not indexed: a stop word, or
// longer than maxWordRunes.
func (s scanner) term(word string) (string, bool) {
	folded := Fold(word)
	ok := folded != "" && utf8.RuneCountInString(folded) <= maxWordRunes && !s.stop[folded]
	return folded, ok
}

// apostropheBetween reports whether text[i:] starts with an apostrophe
// followed by a word rune, and a word rune ends text[:i].
func apostropheBetween(text string, i int) bool {
	// First bytes of ' ’ ʼ: most words are not followed by one.
	if i >= len(text) || text[i] != '\'' && text[i] != 0xE2 && text[i] != 0xCA {
		return false
	}
	before, _ := utf8.DecodeLastRuneInString(text[:i])
	if i == 0 || !isWordRune(before) {
		return false
	}
	r, n := utf8.DecodeRuneInString(text[i:])
	if !isApostrophe(r) {
		return false
	}
	after, _ := utf8.DecodeRuneInString(text[i+n:])
	return i+n < len(text) && isWordRune(after)
}

// Tokens returns the index terms of text in language lang ("fr", "en"; any
// other language is folded but not stemmed): each word stemmed, then folded.
// French elisions ("l'", "qu'"), English clitics ("'s") and stop words are
// left out. "L'équipe télétravaille" → ["equip", "teletravail"].
func Tokens(lang, text string) []string {
	stem := stemmer(lang)
	sc := newScanner(lang, stopWords(lang))
	var out []string
	sc.scan(text, func(word string, _ bool) {
		if folded, ok := sc.term(word); ok {
			out = append(out, stemFold(stem, strings.ToLower(word), folded))
		}
	})
	return out
}

// stemFold stems a lower-case word and folds the stem; a stem that folds to
// nothing (never seen, but Snowball is not ours) falls back to the word.
func stemFold(stem func(string) string, lower, folded string) string {
	if stem == nil {
		return folded
	}
	if s := Fold(stem(lower)); s != "" {
		return s
	}
	return folded
}
