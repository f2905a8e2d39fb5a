package generator

import (
	"bytes"
	"path"
	"regexp"
	"strings"

	"binome/generator/content"
	"binome/generator/markdown"
)

// hugoRef matches Hugo's ref and relref shortcodes, the way Hugo
// handbooks write links between pages: [x]({{< ref "guides/x.md" >}}).
var hugoRef = regexp.MustCompile(`^\{\{([<%])\s*(?:rel)?ref\s+(?:"([^"]*)"|'([^']*)'|([^\s"'>%]+))\s*([>%])\}\}$`)

// refPath returns the path a ref or relref shortcode names, or false when
// t is another tag.
func refPath(t markdown.Tag) (string, bool) {
	m := hugoRef.FindStringSubmatch(t.Text)
	if m == nil || (m[1] == "<") != (m[5] == ">") {
		return "", false
	}
	return m[2] + m[3] + m[4], true
}

// expandRefs replaces, on their lines of body, the ref and relref
// shortcodes found when the page loaded with the URL of the page each
// names, so Markdown links written for Hugo work. A ref to nothing is
// left as its path, which the link check then reports with its line.
func (s *Site) expandRefs(p *Page, body []byte) []byte {
	var out []byte
	done := 0 // body[:done] is in out
	lineStart, line := 0, 1
	for _, t := range p.src.Foreign {
		ref, ok := refPath(t)
		if !ok {
			continue
		}
		for line < t.Line && lineStart < len(body) {
			i := bytes.IndexByte(body[lineStart:], '\n')
			if i < 0 {
				lineStart = len(body)
				break
			}
			lineStart += i + 1
			line++
		}
		at := max(lineStart, done)
		end := len(body)
		if i := bytes.IndexByte(body[at:], '\n'); i >= 0 {
			end = at + i
		}
		i := bytes.Index(body[at:end], []byte(t.Text))
		if i < 0 {
			continue
		}
		out = append(out, body[done:at+i]...)
		out = append(out, s.refTarget(p, ref)...)
		done = at + i + len(t.Text)
	}
	if out == nil {
		return body
	}
	return append(out, body[done:]...)
}

// refTarget resolves a Hugo ref as Hugo does: from the page's folder,
// then from content/ (only from there when it starts with "/"), with or
// without the .md, to a folder's index or _index, or by file name alone
// when one page has it.
func (s *Site) refTarget(p *Page, ref string) string {
	file, frag, hasFrag := strings.Cut(ref, "#")
	if hasFrag {
		frag = "#" + frag
	}
	if file == "" {
		return frag
	}
	var bases []string
	if !strings.HasPrefix(file, "/") {
		bases = append(bases, path.Dir(p.src.Path))
	}
	bases = append(bases, content.Dir)
	for _, base := range bases {
		for _, variant := range []string{file, file + ".md", file + "/index.md", file + "/_index.md"} {
			if q := s.pageForSource(path.Join(base, variant), p.Lang); q != nil {
				return q.URL + frag
			}
		}
	}
	if !strings.Contains(file, "/") {
		if qs := s.bySlug[p.Lang][strings.TrimSuffix(file, path.Ext(file))]; len(qs) == 1 {
			return qs[0].URL + frag
		}
	}
	return ref
}
