package migrate

import (
	"bytes"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"gopkg.in/yaml.v3"
)

// inlineTag is an Obsidian tag in a note's text: # after a space or at a
// line's start, then letters, digits, _, - or / (nested tags), at least
// one of them no digit (#2024 is no tag, as in Obsidian). What follows a
// letter or a bracket (a link's #anchor, C#) is none.
var inlineTag = regexp.MustCompile(`(?:^|\s)#([\p{L}\p{N}_/-]+)`)

// listItem matches the start of a list item: a nested one is indented
// as code is.
var listItem = regexp.MustCompile(`^(?:[-*+]|\d{1,9}[.)])(?:\s|$)`)

// noteTags returns the tags written in a note's text, in order, each
// once: not in code (fenced, indented after a blank line, or in a span),
// nor in an HTML comment or an Obsidian one (%%…%%) on one line.
func noteTags(body []byte) []string {
	var tags []string
	fence, prevBlank, inCode := "", true, false
	for line := range strings.Lines(string(body)) {
		trimmed := strings.TrimLeft(line, " \t")
		blank := strings.TrimSpace(line) == ""
		if fence != "" {
			if strings.HasPrefix(trimmed, fence) {
				fence = ""
			}
			continue
		}
		if strings.HasPrefix(trimmed, "```") || strings.HasPrefix(trimmed, "~~~") {
			fence = trimmed[:3]
			continue
		}
		// Indented code: an indented line after a blank one, and the
		// lines after it, that is no nested list item.
		indented := strings.HasPrefix(line, "    ") || strings.HasPrefix(line, "\t")
		inCode = indented && !blank && (inCode || prevBlank) && !listItem.MatchString(trimmed)
		prevBlank = blank
		if inCode {
			continue
		}
		for _, m := range inlineTag.FindAllStringSubmatch(stripSpans(line), -1) {
			tag := strings.Trim(m[1], "/-")
			if strings.Trim(tag, "0123456789/-_") == "" || slices.Contains(tags, tag) {
				continue
			}
			tags = append(tags, tag)
		}
	}
	return tags
}

// stripSpans blanks a line's code spans and one-line comments, where a #
// is no tag.
func stripSpans(line string) string {
	for _, d := range [...][2]string{{"`", "`"}, {"<!--", "-->"}, {"%%", "%%"}} {
		for {
			i := strings.Index(line, d[0])
			if i < 0 {
				break
			}
			j := strings.Index(line[i+len(d[0]):], d[1])
			if j < 0 {
				break
			}
			end := i + len(d[0]) + j + len(d[1])
			line = line[:i] + strings.Repeat(" ", end-i) + line[end:]
		}
	}
	return line
}

// obsidianTags puts the tags written in the notes' text under content
// into their frontmatter's tags, where binome reads them: Obsidian lists
// a note under both, and binome's tag pages are made from the field. The
// text keeps them as written. It returns how many notes it changed; a
// note whose frontmatter it cannot read (not YAML, or broken) is left
// as it is and named in left.
func obsidianTags(content string) (changed int, left []string, err error) {
	err = eachPage(content, func(p, rel string) error {
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		front, body, hasFront := cutYAMLFront(data)
		tags := noteTags(body)
		if len(tags) == 0 {
			return nil
		}
		out, ok := withList(front, hasFront, "tags", tags)
		if !ok {
			left = append(left, path.Join(filepath.Base(content), rel))
			return nil
		}
		if out == nil {
			return nil // every tag was in the frontmatter already
		}
		changed++
		return os.WriteFile(p, append(out, body...), 0o644)
	})
	return changed, left, err
}

// withField returns the frontmatter block (--- lines included) with the
// field key, which it does not have, added as one line: the rest stays
// as written.
func withField(front []byte, key string, v any) ([]byte, bool) {
	line, err := yaml.Marshal(map[string]any{key: v})
	if err != nil {
		return nil, false
	}
	var b bytes.Buffer
	b.WriteString("---\n")
	b.Write(front)
	b.Write(line)
	b.WriteString("---\n")
	return b.Bytes(), true
}

// rewriteFronts calls fn with the YAML frontmatter (--- lines left out,
// empty for a page without any), the text and the path relative to dir
// of each page under dir whose frontmatter is YAML or missing, and
// writes the page again when fn returns its new frontmatter block (---
// lines included). It returns how many pages it wrote.
func rewriteFronts(dir string, fn func(rel string, front, body []byte) ([]byte, bool)) (int, error) {
	changed := 0
	err := eachPage(dir, func(p, rel string) error {
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		front, body, hasFront := cutYAMLFront(data)
		if hasFront && front == nil {
			return nil // TOML or JSON
		}
		out, ok := fn(rel, front, body)
		if !ok {
			return nil
		}
		changed++
		return os.WriteFile(p, append(out, body...), 0o644)
	})
	return changed, err
}

// cutYAMLFront splits a note into its YAML frontmatter (without the ---
// lines) and its text. A note with other frontmatter (TOML, JSON) has
// front nil and hasFront true: it is not rewritten.
func cutYAMLFront(data []byte) (front, body []byte, hasFront bool) {
	text := bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	if bytes.HasPrefix(text, []byte("+++")) || bytes.HasPrefix(text, []byte("{")) {
		return nil, data, true
	}
	for _, open := range []string{"---\n", "---\r\n"} {
		if rest, ok := bytes.CutPrefix(text, []byte(open)); ok {
			if bytes.HasPrefix(rest, []byte("---")) {
				return []byte{}, rest[bytes.IndexByte(rest, '\n')+1:], true
			}
			for _, close := range []string{"\n---\n", "\n---\r\n", "\r\n---\r\n"} {
				if i := bytes.Index(rest, []byte(close)); i >= 0 {
					return rest[:i+1], rest[i+len(close):], true
				}
			}
		}
	}
	return nil, data, false
}

// withList returns the frontmatter block (--- lines included) with items
// added to its list field key, nil when it has them all, and false when
// the frontmatter cannot be read.
func withList(front []byte, hasFront bool, key string, items []string) ([]byte, bool) {
	if hasFront && front == nil {
		return nil, false
	}
	var doc yaml.Node
	if len(bytes.TrimSpace(front)) > 0 {
		if err := yaml.Unmarshal(front, &doc); err != nil || len(doc.Content) == 0 || doc.Content[0].Kind != yaml.MappingNode {
			return nil, false
		}
	}
	var m *yaml.Node
	if len(doc.Content) > 0 {
		m = doc.Content[0]
	}
	var list *yaml.Node
	if m != nil {
		for i := 0; i+1 < len(m.Content); i += 2 {
			if m.Content[i].Value == key {
				list = m.Content[i+1]
			}
		}
	}
	if list == nil {
		return withField(front, key, flowList(items))
	}
	var have []string
	switch list.Kind {
	case yaml.SequenceNode:
		for _, n := range list.Content {
			have = append(have, strings.TrimPrefix(n.Value, "#"))
		}
	case yaml.ScalarNode:
		for t := range strings.SplitSeq(list.Value, ",") {
			if t = strings.TrimPrefix(strings.TrimSpace(t), "#"); t != "" {
				have = append(have, t)
			}
		}
	default:
		return nil, false
	}
	all := have
	for _, t := range items {
		if !slices.Contains(all, t) {
			all = append(all, t)
		}
	}
	if len(all) == len(have) && list.Kind == yaml.SequenceNode {
		return nil, true
	}
	list.Kind, list.Tag, list.Value, list.Style, list.Content = yaml.SequenceNode, "!!seq", "", list.Style&yaml.FlowStyle, nil
	for _, t := range all {
		list.Content = append(list.Content, &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: t})
	}
	var b bytes.Buffer
	enc := yaml.NewEncoder(&b)
	enc.SetIndent(2)
	if err := enc.Encode(&doc); err != nil {
		return nil, false
	}
	return append(append([]byte("---\n"), b.Bytes()...), "---\n"...), true
}

// flowList marshals as [a, b], the way a list is written by hand.
type flowList []string

// MarshalYAML writes the list in flow style.
func (l flowList) MarshalYAML() (any, error) {
	n := &yaml.Node{Kind: yaml.SequenceNode, Style: yaml.FlowStyle}
	for _, s := range l {
		n.Content = append(n.Content, &yaml.Node{Kind: yaml.ScalarNode, Value: s})
	}
	return n, nil
}
