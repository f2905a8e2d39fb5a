package markdown

import "github.com/yuin/goldmark/extension"

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
