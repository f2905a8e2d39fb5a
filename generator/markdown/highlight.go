package markdown

import (
	"bytes"
	"sync"

	"github.com/alecthomas/chroma/v2"
	chromahtml "github.com/alecthomas/chroma/v2/formatters/html"
	"github.com/alecthomas/chroma/v2/lexers"
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
		style: classesOnly,
	}
}

// classesOnly is the style handed to chroma's formatter, which wants one:
// writing classes, it takes no colour from it. chroma's own styles are
// not imported, as their package parses all of them when binome starts
// (12 ms, every run).
var classesOnly = chroma.MustNewStyle("binome-classes", chroma.StyleEntries{})

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
