package markdown

import (
	"bytes"
	"strings"
	"sync"

	"github.com/alecthomas/chroma/v2"
	chromahtml "github.com/alecthomas/chroma/v2/formatters/html"
	"github.com/alecthomas/chroma/v2/lexers"
	"github.com/alecthomas/chroma/v2/styles"
	"github.com/yuin/goldmark/util"
)

// classPrefix starts every class chroma writes, so that its short names
// ("k", "s", "nf"…) cannot clash with the theme's.
const classPrefix = "hl-"

// highlighter colours fenced code with chroma, writing CSS classes only.
type highlighter struct {
	formatter *chromahtml.Formatter
	style     *chroma.Style // unused for colours: classes carry them
	// lexers caches the lexer of each language name (nil when chroma has
	// none): chroma's lookup of an unknown name tries every lexer's file
	// patterns, too slow to repeat for each block of each page.
	lexers sync.Map // string → chroma.Lexer

	// cache keeps highlighted blocks by language and code: handbooks
	// repeat the same snippets across pages and translations, and
	// chroma's tokeniser is most of a page's render time when it has
	// code. It is bounded so a site of unique snippets cannot grow it
	// without end.
	mu    sync.Mutex
	cache map[cacheKey][]byte
	size  int
}

type cacheKey struct{ lang, code string }

// maxCache bounds the bytes of highlighted HTML kept.
const maxCache = 16 << 20

func newHighlighter() *highlighter {
	return &highlighter{
		formatter: chromahtml.New(
			chromahtml.WithClasses(true),
			chromahtml.ClassPrefix(classPrefix),
			// We write <pre class="hl"><code class="language-x"> ourselves,
			// so the page says the language; this also drops chroma's
			// per-line spans, which only line highlighting would need.
			chromahtml.PreventSurroundingPre(true),
		),
		style: styles.Fallback,
	}
}

func (h *highlighter) lexer(lang string) chroma.Lexer {
	if l, ok := h.lexers.Load(lang); ok {
		lexer, _ := l.(chroma.Lexer)
		return lexer
	}
	lexer := lexers.Get(lang)
	if lexer != nil {
		lexer = chroma.Coalesce(lexer)
	}
	h.lexers.Store(lang, lexer)
	return lexer
}

// write writes code highlighted as lang, with the lines marked (by
// number, from 1; nil for none) in <mark>, and reports whether it did; it
// writes nothing when chroma does not know lang or fails on the code.
func (h *highlighter) write(w util.BufWriter, lang []byte, code string, marked map[int]bool) bool {
	var html []byte
	if marked != nil {
		// Blocks with marked lines are rare: they are not cached.
		var ok bool
		if html, ok = h.format(string(lang), code, marked); !ok {
			return false
		}
	} else {
		key := cacheKey{string(lang), code}
		h.mu.Lock()
		cached, ok := h.cache[key]
		h.mu.Unlock()
		if html = cached; !ok {
			if html, ok = h.format(key.lang, code, nil); !ok {
				return false
			}
			h.mu.Lock()
			if h.size+len(html) <= maxCache {
				if h.cache == nil {
					h.cache = map[cacheKey][]byte{}
				}
				h.cache[key] = html
				h.size += len(html) + len(code)
			}
			h.mu.Unlock()
		}
	}
	_, _ = w.WriteString(`<pre class="hl" tabindex="0"><code class="language-`)
	_, _ = w.Write(util.EscapeHTML(lang))
	_, _ = w.WriteString(`">`)
	_, _ = w.Write(html)
	_, _ = w.WriteString("</code></pre>\n")
	return true
}

// format highlights code as lang, with the lines marked in <mark>; ok is
// false when chroma does not know lang or fails on the code. Marked lines
// are formatted one by one, chroma having cut its tokens at each newline.
func (h *highlighter) format(lang, code string, marked map[int]bool) (html []byte, ok bool) {
	lexer := h.lexer(lang)
	if lexer == nil {
		return nil, false
	}
	it, err := lexer.Tokenise(nil, code)
	if err != nil {
		return nil, false
	}
	var body bytes.Buffer
	body.Grow(len(code) * 3)
	if marked == nil {
		if err := h.formatter.Format(&body, h.style, it); err != nil {
			return nil, false
		}
		return body.Bytes(), true
	}
	for i, line := range chroma.SplitTokensIntoLines(it.Tokens()) {
		if marked[i+1] {
			body.WriteString(markOpen)
		}
		if err := h.formatter.Format(&body, h.style, chroma.Literator(line...)); err != nil {
			return nil, false
		}
		if marked[i+1] {
			body.WriteString(markClose)
		}
	}
	return body.Bytes(), true
}

// HighlightCSS returns the stylesheet for highlighted code in one of
// chroma's styles: "github" for light pages, "github-dark" for dark ones
// (an unknown name gives chroma's fallback style). Rules are scoped to
// `.hl`, the class of highlighted <pre> elements; wrap the dark one in
// `@media (prefers-color-scheme: dark) { … }`, or use HighlightStylesheet.
func HighlightCSS(style string) []byte {
	f := chromahtml.New(chromahtml.WithClasses(true), chromahtml.ClassPrefix(classPrefix))
	var b bytes.Buffer
	if err := f.WriteCSS(&b, styles.Get(style)); err != nil {
		return nil // WriteCSS fails only when its writer does; a Buffer does not
	}
	// chroma scopes its rules to the class of its own <pre>; ours is "hl".
	return bytes.ReplaceAll(b.Bytes(), []byte("."+classPrefix+"chroma"), []byte(".hl"))
}

// HighlightStylesheet returns a complete stylesheet for highlighted code:
// the "github" style, and "github-dark" when the reader prefers dark.
func HighlightStylesheet() []byte {
	var b bytes.Buffer
	b.WriteString("/* Syntax highlighting, generated by binome from chroma's github styles. */\n")
	b.Write(HighlightCSS("github"))
	b.WriteString("@media (prefers-color-scheme: dark) {\n")
	for line := range strings.Lines(string(HighlightCSS("github-dark"))) {
		b.WriteString("  ")
		b.WriteString(line)
	}
	b.WriteString("}\n")
	return b.Bytes()
}
