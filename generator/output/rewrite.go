package output

import (
	"bytes"
	"strings"
)

// RewriteURLs rewrites the site-root-relative URLs of an HTML page, those
// starting with "/" but not "//", so the site works where it is published.
// The theme contract has templates and Markdown emit such URLs only.
//
// With relative, each URL becomes relative to the directory of pagePath, the
// page's output path: from "guides/x/index.html", "/guides/y/" becomes
// "../y/", "/" becomes "../../", "/guides/x/#top" becomes "./#top". The
// output then works under any sub-path and from file://. Otherwise each URL
// is prefixed with basePath, the path of the base URL: "/mentoring/" turns
// "/guides/y/" into "/mentoring/guides/y/".
//
// The attributes rewritten are href, src, srcset and imagesrcset (every
// candidate), action, formaction, poster, xlink:href and data-*; quoted with
// either quote or unquoted. Query strings and fragments are kept. Text,
// comments and the contents of script, style and other raw-text elements are
// left alone, as are inline style url()s.
//
// It is one pass over the bytes, not an HTML parse, as it runs on every page
// of the site; the result may share memory with html, and is html itself when
// nothing changed. Run it once per page: it does not recognise a URL it has
// already prefixed.
func RewriteURLs(html []byte, pagePath string, relative bool, basePath string) []byte {
	return RewriteURLsInto(nil, html, pagePath, relative, basePath)
}

// RewriteURLsInto is RewriteURLs writing its result, when anything
// changes, over spare from its start if its capacity is enough (else
// into a fresh array): a caller that renders page after page into one
// buffer rewrites into that buffer's free tail instead of allocating a
// page-sized copy each time. spare must not overlap html.
func RewriteURLsInto(spare, html []byte, pagePath string, relative bool, basePath string) []byte {
	r := rewriter{src: html, relative: relative, dst: spare[:0]}
	if relative {
		pagePath = strings.TrimPrefix(pagePath, "/")
		r.pageDir = pagePath[:strings.LastIndexByte(pagePath, '/')+1]
	} else {
		r.base = strings.TrimSuffix(basePath, "/")
		if r.base == "" {
			return html // the site is at the root of its host: nothing to do
		}
		if r.base[0] != '/' && !strings.Contains(r.base, "://") {
			r.base = "/" + r.base
		}
	}
	return r.run()
}

// rewriter holds one page's rewrite. out is nil until the first change, so a
// page without URLs to rewrite costs no copy.
type rewriter struct {
	src      []byte
	dst      []byte // where out goes when it has room
	out      []byte
	last     int // src[:last] is already in out
	relative bool
	pageDir  string // "guides/x/", or "" for a page at the root
	base     string // "/mentoring", without its final slash
}

func (r *rewriter) run() []byte {
	s := r.src
	i := 0
	for {
		j := bytes.IndexByte(s[i:], '<')
		if j < 0 || i+j+1 >= len(s) {
			break
		}
		i += j
		switch c := s[i+1]; {
		case c == '!':
			i = skipMarkupDecl(s, i)
		case c == '/' || c == '?':
			i = skipPast(s, i+2, '>')
		case isLetter(c):
			var raw bool
			var name []byte
			i, name, raw = r.startTag(i + 1)
			if raw {
				i = skipRawText(s, i, name)
			}
		default:
			i++ // a lone "<" in text
		}
	}
	if r.out == nil {
		return s
	}
	return append(r.out, s[r.last:]...)
}

// startTag reads a start tag from its name at i, rewriting its URL
// attributes, and returns the index after it, its name, and whether its
// contents are raw text that must be skipped.
func (r *rewriter) startTag(i int) (int, []byte, bool) {
	s := r.src
	n := len(s)
	ns := i
	for i < n && !isSpace(s[i]) && s[i] != '/' && s[i] != '>' {
		i++
	}
	name := s[ns:i]
	for i < n {
		c := s[i]
		if isSpace(c) || c == '/' {
			i++
			continue
		}
		if c == '>' {
			return i + 1, name, isRawText(name)
		}
		as := i
		i++ // a name may start with "=", as HTML allows
		for i < n && !isSpace(s[i]) && s[i] != '/' && s[i] != '>' && s[i] != '=' {
			i++
		}
		attr := s[as:i]
		for i < n && isSpace(s[i]) {
			i++
		}
		if i >= n || s[i] != '=' {
			continue // no value
		}
		i++
		for i < n && isSpace(s[i]) {
			i++
		}
		if i >= n {
			break
		}
		var vs, ve int
		if q := s[i]; q == '"' || q == '\'' {
			vs = i + 1
			k := bytes.IndexByte(s[vs:], q)
			if k < 0 {
				return n, nil, false // unterminated: leave the rest alone
			}
			ve = vs + k
			i = ve + 1
		} else {
			vs = i
			for i < n && !isSpace(s[i]) && s[i] != '>' {
				i++
			}
			ve = i
		}
		switch urlAttrKind(attr) {
		case oneURL:
			r.rewriteURL(vs, ve)
		case srcsetURLs:
			r.rewriteSrcset(vs, ve)
		}
	}
	return n, nil, false
}

// rewriteSrcset rewrites each candidate URL of a srcset value in s[vs:ve],
// following the HTML parsing rules: candidates are split by commas, a URL
// runs to whitespace, and commas ending a URL end its candidate.
func (r *rewriter) rewriteSrcset(vs, ve int) {
	s := r.src
	i := vs
	for i < ve {
		for i < ve && (isSpace(s[i]) || s[i] == ',') {
			i++
		}
		us := i
		for i < ve && !isSpace(s[i]) {
			i++
		}
		ue := i
		comma := false
		for ue > us && s[ue-1] == ',' {
			ue--
			comma = true
		}
		r.rewriteURL(us, ue)
		if !comma {
			for i < ve && s[i] != ',' { // descriptors: "2x", "480w"
				i++
			}
		}
	}
}

// rewriteURL rewrites the URL in s[vs:ve] if it is site-root-relative.
// Surrounding whitespace, which browsers ignore, is kept as it was.
func (r *rewriter) rewriteURL(vs, ve int) {
	s := r.src
	for vs < ve && isSpace(s[vs]) {
		vs++
	}
	for ve > vs && isSpace(s[ve-1]) {
		ve--
	}
	if vs >= ve || s[vs] != '/' {
		return
	}
	if vs+1 < ve && (s[vs+1] == '/' || s[vs+1] == '\\') {
		return // protocol-relative: another host (browsers read "/\" as "//")
	}
	r.copyTo(vs)
	if !r.relative {
		r.out = append(r.out, r.base...)
		r.last = vs // keep the URL, leading slash included
		return
	}
	url := s[vs+1 : ve]
	p := 0
	for p < len(url) && url[p] != '?' && url[p] != '#' {
		p++
	}
	path := url[:p]
	dir := r.pageDir
	n := 0
	for n < len(path) && n < len(dir) && path[n] == dir[n] {
		n++
	}
	cut := strings.LastIndexByte(dir[:n], '/') + 1 // shared directories
	ups := strings.Count(dir[cut:], "/")
	rest := path[cut:]
	for range ups {
		r.out = append(r.out, "../"...)
	}
	if ups == 0 {
		seg := rest
		if k := bytes.IndexByte(seg, '/'); k >= 0 {
			seg = seg[:k]
		}
		// "" is the page's own directory; "a:b/" would read as a scheme.
		if len(rest) == 0 || bytes.IndexByte(seg, ':') >= 0 {
			r.out = append(r.out, "./"...)
		}
	}
	r.out = append(r.out, rest...)
	r.last = vs + 1 + p // the query and fragment follow unchanged
}

// copyTo appends the unchanged bytes up to i to the output.
func (r *rewriter) copyTo(i int) {
	if r.out == nil {
		if need := len(r.src) + len(r.src)/8; cap(r.dst) >= need {
			r.out = r.dst[:0]
		} else {
			r.out = make([]byte, 0, need)
		}
	}
	r.out = append(r.out, r.src[r.last:i]...)
	r.last = i
}

const (
	notURL = iota
	oneURL
	srcsetURLs
)

// urlAttrKind says whether an attribute (any case) holds a URL, a srcset, or
// neither.
func urlAttrKind(name []byte) int {
	switch len(name) {
	case 3:
		if eqFold(name, "src") {
			return oneURL
		}
	case 4:
		if eqFold(name, "href") {
			return oneURL
		}
	case 6:
		if eqFold(name, "action") || eqFold(name, "poster") {
			return oneURL
		}
		if eqFold(name, "srcset") {
			return srcsetURLs
		}
	case 10:
		if eqFold(name, "formaction") || eqFold(name, "xlink:href") {
			return oneURL
		}
	case 11:
		if eqFold(name, "imagesrcset") {
			return srcsetURLs
		}
	}
	if len(name) > 5 && eqFold(name[:5], "data-") {
		return oneURL
	}
	return notURL
}

// isRawText reports whether an element's contents are text the HTML parser
// does not read as tags (a "<a href" inside a script is not a link).
func isRawText(name []byte) bool {
	switch len(name) {
	case 3:
		return eqFold(name, "xmp")
	case 5:
		return eqFold(name, "style") || eqFold(name, "title")
	case 6:
		return eqFold(name, "script") || eqFold(name, "iframe")
	case 7:
		return eqFold(name, "noembed")
	case 8:
		return eqFold(name, "textarea") || eqFold(name, "noframes")
	case 9:
		return eqFold(name, "plaintext")
	}
	return false
}

// skipRawText returns the index of the end tag "</name" closing the raw text
// that starts at i, or len(s) when there is none.
func skipRawText(s []byte, i int, name []byte) int {
	for {
		k := bytes.Index(s[i:], []byte("</"))
		if k < 0 {
			return len(s)
		}
		i += k
		e := i + 2 + len(name)
		if e <= len(s) && bytes.EqualFold(s[i+2:e], name) &&
			(e == len(s) || isSpace(s[e]) || s[e] == '/' || s[e] == '>') {
			return i
		}
		i += 2
	}
}

// skipMarkupDecl returns the index after a comment, CDATA section or
// doctype starting with "<!" at i.
func skipMarkupDecl(s []byte, i int) int {
	rest := s[i:]
	switch {
	case bytes.HasPrefix(rest, []byte("<!--")):
		j := i + 4
		// "<!-->" and "<!--->" are whole comments to an HTML parser.
		if bytes.HasPrefix(s[j:], []byte(">")) {
			return j + 1
		}
		if bytes.HasPrefix(s[j:], []byte("->")) {
			return j + 2
		}
		if k := bytes.Index(s[j:], []byte("-->")); k >= 0 {
			return j + k + 3
		}
		return len(s)
	case bytes.HasPrefix(rest, []byte("<![CDATA[")):
		if k := bytes.Index(s[i+9:], []byte("]]>")); k >= 0 {
			return i + 9 + k + 3
		}
		return len(s)
	}
	return skipPast(s, i+2, '>')
}

// skipPast returns the index after the first c at or after i, or len(s).
func skipPast(s []byte, i int, c byte) int {
	if k := bytes.IndexByte(s[i:], c); k >= 0 {
		return i + k + 1
	}
	return len(s)
}

func isSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'
}

// eqFold reports whether b equals the lower-case ASCII word s in any case.
func eqFold(b []byte, s string) bool {
	if len(b) != len(s) {
		return false
	}
	for i := range len(b) {
		c := b[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != s[i] {
			return false
		}
	}
	return true
}
