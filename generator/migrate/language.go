package migrate

import (
	"bytes"
	"io"
	"io/fs"
	"os"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Words of each language binome's theme speaks that are frequent in any
// text of it and rare in the other's. Words both share ("a", "on", "in",
// "as", "est", "de") and those of names ("de la Tour") are left out.
var languageWords = map[string]map[string]bool{
	"fr": setOf("le", "la", "les", "des", "du", "une", "et", "pour", "dans", "vous", "nous", "avec",
		"sur", "pas", "que", "qui", "au", "aux", "cette", "ces", "sont", "être", "par", "il", "elle",
		"ou", "à", "votre", "vos", "leur", "mais", "plus", "comme", "aussi", "chaque", "où"),
	"en": setOf("the", "and", "of", "to", "is", "for", "with", "you", "we", "that", "this", "are",
		"be", "it", "your", "not", "by", "or", "from", "they", "their", "will", "can", "have",
		"each", "what", "how", "when", "our", "which"),
}

func setOf(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}

// guessBudget bounds the text read to guess a site's language: a few
// pages of it are plenty, and a large site must not be read twice.
const guessBudget = 1 << 20

// guessLanguage returns the language, "fr" or "en", that the pages under
// content are written in, or "" when their text does not say clearly:
// a site whose configuration names no language is most often in the
// language of its writers, and a French handbook shown with an English
// interface and searched with English stems is a poor first build.
func guessLanguage(content string) string {
	counts := map[string]int{}
	budget := guessBudget
	eachPage(content, func(p, _ string) error {
		if budget <= 0 {
			return fs.SkipAll
		}
		f, err := os.Open(p)
		if err != nil {
			return nil
		}
		defer f.Close()
		text, _ := io.ReadAll(io.LimitReader(f, int64(min(budget, 64<<10))))
		budget -= len(text)
		countLanguageWords(proseOf(text), counts)
		return nil
	})
	fr, en := counts["fr"], counts["en"]
	switch {
	case fr >= 20 && fr > 2*en:
		return "fr"
	case en >= 20 && en > 2*fr:
		return "en"
	}
	return ""
}

// proseOf returns text without its frontmatter and fenced code, whose
// words (keys, identifiers) are no language's.
func proseOf(text []byte) []byte {
	text = bytes.TrimPrefix(text, []byte("\xef\xbb\xbf"))
	if front := frontOf(text); front != nil {
		text = text[len("---")+len(front)+len("---"):]
	}
	var out []byte
	inFence := false
	for line := range bytes.Lines(text) {
		if t := bytes.TrimSpace(line); bytes.HasPrefix(t, []byte("```")) || bytes.HasPrefix(t, []byte("~~~")) {
			inFence = !inFence
			continue
		}
		if !inFence {
			out = append(out, line...)
		}
	}
	return out
}

// countLanguageWords adds to counts, by language, the words of text that
// are among that language's languageWords.
func countLanguageWords(text []byte, counts map[string]int) {
	isLetter := func(r rune) bool { return unicode.IsLetter(r) || r == '\'' || r == '’' }
	for len(text) > 0 {
		r, n := utf8.DecodeRune(text)
		if !isLetter(r) {
			text = text[n:]
			continue
		}
		end := bytes.IndexFunc(text, func(r rune) bool { return !isLetter(r) })
		if end < 0 {
			end = len(text)
		}
		w := strings.ToLower(string(text[:end]))
		// "l'équipe", "d'un": the article before the apostrophe.
		if i := strings.IndexAny(w, "'’"); i > 0 {
			if head := w[:i]; head == "l" || head == "d" || head == "qu" {
				counts["fr"]++
			}
			w = w[:i]
		}
		for lang, words := range languageWords {
			if words[w] {
				counts[lang]++
			}
		}
		text = text[end:]
	}
}
