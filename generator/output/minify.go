package output

import (
	"fmt"
	"path"
	"regexp"
	"strings"

	"github.com/tdewolff/minify/v2"
	"github.com/tdewolff/minify/v2/css"
	"github.com/tdewolff/minify/v2/html"
	"github.com/tdewolff/minify/v2/js"
	"github.com/tdewolff/minify/v2/json"
	"github.com/tdewolff/minify/v2/svg"
	"github.com/tdewolff/minify/v2/xml"
)

// Minifier minifies files by their extension. It is safe for concurrent
// use; build one per build, as building it compiles its tables.
type Minifier struct {
	m *minify.M
}

// mediaType returns the media type the minifiers are registered for, by
// file extension, or "" for files that pass through unchanged.
func mediaType(ext string) string {
	switch strings.ToLower(ext) {
	case ".html":
		return "text/html"
	case ".css":
		return "text/css"
	case ".js", ".mjs":
		return "application/javascript"
	case ".svg":
		return "image/svg+xml"
	case ".json":
		return "application/json"
	case ".xml":
		return "text/xml"
	case ".webmanifest":
		return "application/manifest+json"
	}
	return ""
}

// NewMinifier returns a Minifier for HTML, CSS, JS, SVG, JSON and XML
// (feeds and sitemaps included), and web manifests. Inline CSS, JS, SVG and
// JSON in HTML are minified too.
func NewMinifier() *Minifier {
	m := minify.New()
	m.Add("text/html", &html.Minifier{
		// <html lang> must stay for screen readers; the dev server injects
		// its reload script before </body>.
		KeepDocumentTags: true,
		KeepEndTags:      true,
		// Default attribute values (type="text"...) go; all others,
		// aria-*, role and alt among them, are kept by the minifier.
	})
	m.Add("text/css", &css.Minifier{})
	m.AddRegexp(regexp.MustCompile(`^(application|text)/(x-)?(java|ecma)script$|^module$`), &js.Minifier{})
	m.AddRegexp(regexp.MustCompile(`[/+]json$`), &json.Minifier{})
	m.Add("image/svg+xml", &svg.Minifier{})
	m.AddRegexp(regexp.MustCompile(`[/+]xml$`), &xml.Minifier{})
	return &Minifier{m: m}
}

// Minifies reports whether Minify changes files named like p, by their
// extension; the others are published as they are.
func Minifies(p string) bool { return mediaType(path.Ext(p)) != "" && !minified(p) }

// minified reports whether p is named as a file minified already,
// katex.min.js or, fingerprinted, katex.min.fa140498.js: minifying it
// again costs a build time and gains nothing.
func minified(p string) bool { return strings.Contains(path.Base(p), ".min.") }

// Minify returns body minified according to the extension of path, or body
// itself for other files. It does not modify body, even temporarily, so
// goroutines may minify the same bytes at once. The error names path and, when the minifier gives
// one, the line.
func (m *Minifier) Minify(p string, body []byte) ([]byte, error) {
	mt := mediaType(path.Ext(p))
	if mt == "" || minified(p) {
		return body, nil
	}
	// The parser writes a NUL in the byte past the end of its input when
	// there is capacity for it, and restores it afterwards: a race when two
	// goroutines minify one body, or a body sliced from a shared buffer. A
	// full slice makes it append to a copy instead.
	out, err := m.m.Bytes(mt, body[:len(body):len(body)])
	if err != nil {
		return nil, fmt.Errorf("minify %s: %w", p, err)
	}
	return out, nil
}

// Wrap returns a Sink that minifies each file before writing it to next.
func (m *Minifier) Wrap(next Sink) Sink {
	return SinkFunc(func(p string, body []byte) error {
		if err := CheckPath(p); err != nil {
			return err
		}
		out, err := m.Minify(p, body)
		if err != nil {
			return err
		}
		return next.Write(p, out)
	})
}

// TemplateMinifier minifies html/template sources, leaving {{ … }} actions
// as they are. Minifying a theme's layouts once, when they are loaded,
// gives minified pages without minifying each page: on a large site that
// is a fifth of the build. Markdown's own HTML is compact already.
type TemplateMinifier struct {
	m *minify.M
}

// NewTemplateMinifier returns a minifier for Go HTML templates.
func NewTemplateMinifier() *TemplateMinifier {
	m := minify.New()
	m.Add("text/html", &html.Minifier{
		KeepDocumentTags: true,
		KeepEndTags:      true,
		// html/template decides how to escape a value from its context;
		// unquoting an attribute would change that context.
		KeepQuotes:     true,
		TemplateDelims: html.GoTemplateDelims,
	})
	m.Add("text/css", &css.Minifier{})
	m.AddRegexp(regexp.MustCompile(`^(application|text)/(x-)?(java|ecma)script$`), &js.Minifier{})
	m.Add("image/svg+xml", &svg.Minifier{})
	return &TemplateMinifier{m: m}
}

// templateComment matches a template comment with its trim markers.
var templateComment = regexp.MustCompile(`(?s)\{\{(-?\s*)/\*.*?\*/(\s*-?)\}\}`)

// Minify minifies one template source; name is used in errors.
func (t *TemplateMinifier) Minify(name string, src []byte) ([]byte, error) {
	// The HTML minifier reads quotes inside actions as strings, and gives
	// the whole source back untouched when a comment holds an apostrophe
	// ("it's"). Comments write nothing: keep them empty, with their trim
	// markers, which do change the output.
	src = templateComment.ReplaceAll(src, []byte("{{${1}/**/${2}}}"))
	out, err := t.m.Bytes("text/html", src[:len(src):len(src)])
	if err != nil {
		return nil, fmt.Errorf("minify %s: %w", name, err)
	}
	return out, nil
}
