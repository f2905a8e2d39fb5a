package markdown

import (
	"unicode"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// locale holds what changes with the page's language: typography, the
// words Markdown adds to the page, and whether French spacing applies.
type locale struct {
	french     bool
	typography map[extension.TypographicPunctuation]string
	// calloutTitles holds the default titles by callout kind.
	calloutTitles map[string]string
	// anchorLabel prefixes the heading text in the anchor's aria-label.
	anchorLabel string
	// taskLabels name a task-list box: to do, then done. A checkbox with
	// no name is an accessibility error.
	taskLabels [2]string
	// tableLabel names the scrolling region a table sits in.
	tableLabel string
}

// englishLocale is used for every language but French.
// substitutions are the typographer's, but for its apostrophe rule: it
// takes a quote before a word that starts with t, e, n or l for an
// apostrophe ('twas, 'em), so 'norming' opened with ’. Without it a quote
// between letters (hasn’t, l’équipe) is still a right quote, the same
// character, and one before a word a left quote; decades ('90s) are
// decadeParser's.
func (l *locale) substitutions() map[extension.TypographicPunctuation][]byte {
	m := map[extension.TypographicPunctuation][]byte{extension.Apostrophe: nil}
	for k, v := range l.typography {
		if k != extension.Apostrophe {
			m[k] = []byte(v)
		}
	}
	return m
}

func englishLocale() *locale {
	return &locale{
		typography: map[extension.TypographicPunctuation]string{
			extension.LeftSingleQuote:  "‘",
			extension.RightSingleQuote: "’",
			extension.LeftDoubleQuote:  "“",
			extension.RightDoubleQuote: "”",
			extension.EnDash:           "–",
			extension.EmDash:           "—",
			extension.Ellipsis:         "…",
			extension.LeftAngleQuote:   "«",
			extension.RightAngleQuote:  "»",
			extension.Apostrophe:       "’",
		},
		calloutTitles: map[string]string{
			"note":      "Note",
			"tip":       "Tip",
			"warning":   "Warning",
			"important": "Important",
			"caution":   "Caution",
		},
		anchorLabel: "Link to this section: ",
		taskLabels:  [2]string{"To do", "Done"},
		tableLabel:  "Table",
	}
}

func frenchLocale() *locale {
	return &locale{
		french: true,
		typography: map[extension.TypographicPunctuation]string{
			// Nested quotations in French take English double quotes; single
			// quotes are nearly always apostrophes.
			extension.LeftSingleQuote:  "‘",
			extension.RightSingleQuote: "’",
			extension.LeftDoubleQuote:  "«\u202F",
			extension.RightDoubleQuote: "\u202F»",
			extension.EnDash:           "–",
			extension.EmDash:           "—",
			extension.Ellipsis:         "…",
			extension.LeftAngleQuote:   "«",
			extension.RightAngleQuote:  "»",
			extension.Apostrophe:       "’",
		},
		calloutTitles: map[string]string{
			"note":      "Remarque",
			"tip":       "Astuce",
			"warning":   "Attention",
			"important": "Important",
			"caution":   "Prudence",
		},
		anchorLabel: "Lien vers cette section\u00A0: ",
		taskLabels:  [2]string{"À faire", "Fait"},
		tableLabel:  "Tableau",
	}
}

// decadeParser writes the apostrophe of a decade, '90s, which the
// typographer does only with its apostrophe rule (see substitutions).
type decadeParser struct{ apostrophe []byte }

func (decadeParser) Trigger() []byte { return []byte{'\''} }

func (d decadeParser) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	line, _ := block.PeekLine()
	before := block.PrecendingCharacter()
	if len(line) < 4 || !util.IsNumeric(line[1]) || !util.IsNumeric(line[2]) || line[3] != 's' ||
		!(before == '\n' || unicode.IsSpace(before) || unicode.IsPunct(before)) {
		return nil
	}
	if len(line) > 4 && !util.IsSpace(line[4]) && !util.IsPunct(line[4]) {
		return nil
	}
	n := ast.NewString(d.apostrophe)
	n.SetCode(true)
	block.Advance(1)
	return n
}
