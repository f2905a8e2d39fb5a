// Package diagram draws Mermaid diagrams as SVG while the site is
// built. MkDocs Material, Docusaurus, GitBook and Obsidian draw a
// ```mermaid block in the reader's browser with mermaid.js, a script of
// several megabytes loaded from another host; a binome site loads nothing
// from elsewhere and works without script, so the handbook's process
// diagrams (apply, match, meet, review) are laid out here, once, into
// markup the theme styles in light and dark. Flowcharts, pie charts and
// timelines only: other kinds of diagram (sequence, Gantt…) are reported
// as unsupported, and their source is shown as code.
package diagram

import (
	"errors"
	"fmt"
	"html"
	"iter"
	"regexp"
	"strings"
	"unicode"
)

// Error is a problem in a diagram's source, at a line of the diagram
// (the first line of the fenced block's content is 1).
type Error struct {
	Line int
	Msg  string
}

func (e *Error) Error() string { return fmt.Sprintf("line %d of the diagram: %s", e.Line, e.Msg) }

// ErrUnsupported is wrapped by the error for a kind of diagram binome
// does not draw.
var ErrUnsupported = errors.New("binome draws flowcharts, pie charts and timelines only")

type shape int

const (
	rect shape = iota
	round
	stadium
	subroutine
	cylinder
	circle
	asymmetric
	diamond
	hexagon
	leanRight
	leanLeft
	trapezoid
	trapezoidAlt
)

type node struct {
	id      string
	lines   []string
	shape   shape
	dummy   bool
	cluster int // innermost subgraph, -1 for none
	// Layout: the rank (layer) and order within it, the size, and the
	// centre.
	rank, order int
	w, h        float64
	x, y        float64
}

type edgeStyle int

const (
	solid edgeStyle = iota
	dotted
	thick
)

type edge struct {
	from, to         int
	label            []string
	style            edgeStyle
	arrowStart, head bool
	// Layout: whether the edge runs against the ranks (it closed a
	// cycle), and the nodes it passes, dummies included, from the lower
	// rank to the higher.
	reversed bool
	chain    []int
}

type graph struct {
	dir   string // TD, BT, LR or RL
	title string // accTitle, for the reader of a screen reader
	desc  string // accDescr
	nodes []*node
	byID  map[string]int
	edges []*edge
	// clusters are the subgraphs, in order; open is the stack of those
	// being read, innermost last.
	clusters []*cluster
	open     []int
}

// cluster is a subgraph: a titled frame around its boxes, drawn when it
// can be without covering others (see frames).
type cluster struct {
	id, title string
	parent    int // index in graph.clusters, -1 at the top
	// Layout: the frame, when drawn.
	drawn      bool
	x, y, w, h float64
}

// maxNodes and maxEdges bound a diagram: beyond, a reader cannot follow
// it either, and layout time grows with the square of its arrows.
const (
	maxNodes = 300
	maxEdges = 600
)

// parse reads a Mermaid flowchart.
func parse(src string) (*graph, error) {
	g := &graph{byID: map[string]int{}}
	header := false
	depth := 0 // of subgraphs
	var groups []string
	for lineNo, line := range statements(src) {
		for _, stmt := range splitStatements(line) {
			stmt = strings.TrimSpace(stmt)
			if stmt == "" || strings.HasPrefix(stmt, "%%") {
				continue
			}
			if !header {
				fields := strings.Fields(stmt)
				switch fields[0] {
				case "graph", "flowchart", "flowchart-elk":
				default:
					kind := strings.TrimSuffix(fields[0], ":")
					return nil, &Error{lineNo, fmt.Sprintf("%q diagrams are not drawn: %v (graph TD, flowchart LR, pie, timeline)", kind, ErrUnsupported)}
				}
				g.dir = "TD"
				if len(fields) > 1 {
					switch d := strings.ToUpper(fields[1]); d {
					case "TD", "TB":
						g.dir = "TD"
					case "BT", "LR", "RL":
						g.dir = d
					default:
						return nil, &Error{lineNo, fmt.Sprintf("unknown direction %q: write TD, BT, LR or RL", fields[1])}
					}
				}
				header = true
				continue
			}
			word, rest, _ := strings.Cut(stmt, " ")
			switch word {
			case "subgraph":
				depth++
				// Its id, which arrows may name to join whole groups, and
				// its title: subgraph ops [Opérations], or subgraph Title.
				rest = strings.TrimSpace(rest)
				id, title := rest, rest
				if i := strings.IndexAny(rest, "[ "); i >= 0 {
					id = rest[:i]
					if t, ok := strings.CutPrefix(strings.TrimSpace(rest[i:]), "["); ok {
						title = strings.Trim(strings.TrimSpace(strings.TrimSuffix(t, "]")), `"`)
					}
				}
				if id != "" {
					groups = append(groups, id)
				}
				parent := -1
				if len(g.open) > 0 {
					parent = g.open[len(g.open)-1]
				}
				g.clusters = append(g.clusters, &cluster{id: id, title: strings.Join(label(title), " "), parent: parent})
				g.open = append(g.open, len(g.clusters)-1)
				continue
			case "end":
				if depth > 0 {
					depth--
					g.open = g.open[:len(g.open)-1]
					continue
				}
			case "direction", "classDef", "class", "style", "linkStyle", "click", "call", "href":
				continue // styling and interaction: the theme's, or none
			}
			if t, ok := strings.CutPrefix(stmt, "accTitle:"); ok {
				g.title = strings.TrimSpace(t)
				continue
			}
			if d, ok := strings.CutPrefix(stmt, "accDescr:"); ok {
				g.desc = strings.TrimSpace(d)
				continue
			}
			if err := g.chain(stmt, lineNo); err != nil {
				return nil, err
			}
			if len(g.nodes) > maxNodes || len(g.edges) > maxEdges {
				return nil, &Error{lineNo, fmt.Sprintf("more than %d boxes or %d arrows: split the diagram", maxNodes, maxEdges)}
			}
		}
	}
	if !header {
		return nil, &Error{1, "the diagram is empty: it starts with graph TD or flowchart LR"}
	}
	g.dropGroups(groups)
	if len(g.nodes) == 0 {
		return nil, &Error{1, "the flowchart has no box"}
	}
	return g, nil
}

// dropGroups leaves out the subgraphs that arrows named as boxes (one
// --> two joins two groups in Mermaid): binome's layout joins boxes, not
// frames, and they would be boxes of their own that the diagram does not
// have. The arrows to them go too.
func (g *graph) dropGroups(groups []string) {
	drop := map[int]bool{}
	for _, id := range groups {
		if k, ok := g.byID[id]; ok {
			drop[k] = true
		}
	}
	if len(drop) == 0 {
		return
	}
	renum := make([]int, len(g.nodes))
	var nodes []*node
	for k, n := range g.nodes {
		renum[k] = len(nodes)
		if !drop[k] {
			nodes = append(nodes, n)
		}
	}
	var edges []*edge
	for _, e := range g.edges {
		if !drop[e.from] && !drop[e.to] {
			e.from, e.to = renum[e.from], renum[e.to]
			edges = append(edges, e)
		}
	}
	g.nodes, g.edges = nodes, edges
	g.byID = map[string]int{}
	for k, n := range nodes {
		g.byID[n.id] = k
	}
}

// statements yields the lines of a diagram that say something, trimmed,
// with their line numbers: not blank, not a %% comment.
func statements(src string) iter.Seq2[int, string] {
	return func(yield func(int, string) bool) {
		for n, line := range strings.Split(src, "\n") {
			t := strings.TrimSpace(line)
			if t == "" || strings.HasPrefix(t, "%%") {
				continue
			}
			if !yield(n+1, t) {
				return
			}
		}
	}
}

// splitStatements cuts a line at the semicolons outside quotes and
// brackets.
func splitStatements(line string) []string {
	var out []string
	depth, quote, start := 0, false, 0
	for i := 0; i < len(line); i++ {
		switch c := line[i]; {
		case c == '"':
			quote = !quote
		case quote:
		case c == '[' || c == '(' || c == '{':
			depth++
		case (c == ']' || c == ')' || c == '}') && depth > 0:
			depth--
		case c == ';' && depth == 0:
			out = append(out, line[start:i])
			start = i + 1
		}
	}
	return append(out, line[start:])
}

// chain reads a statement of boxes joined by arrows: A --> B & C -->|x| D.
func (g *graph) chain(s string, line int) error {
	i := 0
	left, err := g.group(s, &i, line)
	if err != nil {
		return err
	}
	for {
		skipSpace(s, &i)
		if i >= len(s) {
			return nil
		}
		e, ok := parseEdge(s, &i)
		if !ok {
			return &Error{line, fmt.Sprintf("expected an arrow (-->) or the end of the line at %q", clip(s[i:]))}
		}
		right, err := g.group(s, &i, line)
		if err != nil {
			return err
		}
		if len(left)*len(right) > maxEdges {
			return &Error{line, fmt.Sprintf("more than %d arrows: split the diagram", maxEdges)}
		}
		for _, a := range left {
			for _, b := range right {
				ed := e
				ed.from, ed.to = a, b
				g.edges = append(g.edges, &ed)
			}
		}
		left = right
	}
}

// group reads boxes joined by &.
func (g *graph) group(s string, i *int, line int) ([]int, error) {
	var out []int
	for {
		skipSpace(s, i)
		n, err := g.node(s, i, line)
		if err != nil {
			return nil, err
		}
		out = append(out, n)
		j := *i
		skipSpace(s, &j)
		if j < len(s) && s[j] == '&' {
			*i = j + 1
			continue
		}
		return out, nil
	}
}

// shapes maps a box's opening and closing delimiters to its shape.
var shapes = map[[2]string]shape{
	{"(((", ")))"}: circle, {"((", "))"}: circle, {"([", "])"}: stadium, {"[[", "]]"}: subroutine,
	{"[(", ")]"}: cylinder, {"{{", "}}"}: hexagon, {"[/", "/]"}: leanRight, {`[\`, `\]`}: leanLeft,
	{"[/", `\]`}: trapezoid, {`[\`, "/]"}: trapezoidAlt,
	{"[", "]"}: rect, {"(", ")"}: round, {"{", "}"}: diamond, {">", "]"}: asymmetric,
}

// node reads a box: its id, and its shape and text the first time they
// are given.
func (g *graph) node(s string, i *int, line int) (int, error) {
	start := *i
	for *i < len(s) {
		r := rune(s[*i])
		if r >= 0x80 || unicode.IsLetter(r) || unicode.IsDigit(r) || r == '_' {
			*i++
			continue
		}
		// A - or . inside a name (step-1), not an arrow's start.
		if (r == '-' || r == '.') && *i+1 < len(s) && *i > start && isNameByte(s[*i+1]) {
			*i++
			continue
		}
		break
	}
	id := s[start:*i]
	if id == "" {
		return 0, &Error{line, fmt.Sprintf("expected the name of a box at %q", clip(s[start:]))}
	}
	k, seen := g.byID[id]
	if !seen {
		k = len(g.nodes)
		g.byID[id] = k
		g.nodes = append(g.nodes, &node{id: id, lines: []string{id}, cluster: -1})
	}
	if n := g.nodes[k]; n.cluster < 0 && len(g.open) > 0 {
		// A box is in the subgraph it is first named inside.
		n.cluster = g.open[len(g.open)-1]
	}
	if *i < len(s) && strings.IndexByte("([{>", s[*i]) >= 0 {
		text, sh, width, err := box(s[*i:])
		if err != nil {
			return 0, &Error{line, fmt.Sprintf("box %s: %s", id, err)}
		}
		*i += width
		g.nodes[k].lines, g.nodes[k].shape = label(text), sh
	}
	// A class given in passing, A:::warn, is styling.
	if strings.HasPrefix(s[*i:], ":::") {
		*i += 3
		for *i < len(s) && isNameByte(s[*i]) {
			*i++
		}
	}
	return k, nil
}

// box reads a box's delimiters and text at the start of s: the text runs
// to the first closing bracket (or the closing quote, quoted), and the
// brackets there close it.
func box(s string) (text string, sh shape, width int, err error) {
	open := 1
	switch s[0] {
	case '(':
		for open < 3 && open < len(s) && s[open] == '(' {
			open++
		}
		if open == 1 && len(s) > 1 && s[1] == '[' {
			open = 2
		}
	case '[':
		if len(s) > 1 && strings.IndexByte(`[(/\`, s[1]) >= 0 {
			open = 2
		}
	case '{':
		if len(s) > 1 && s[1] == '{' {
			open = 2
		}
	}
	slanted := s[open-1] == '/' || s[open-1] == '\\'
	i := open
	for i < len(s) && s[i] == ' ' {
		i++
	}
	var end int // where the closing delimiter starts
	if i < len(s) && s[i] == '"' {
		q := strings.IndexByte(s[i+1:], '"')
		if q < 0 {
			return "", 0, 0, errors.New("its quoted text has no closing quote")
		}
		text = s[i+1 : i+1+q]
		end = i + 1 + q + 1
		for end < len(s) && s[end] == ' ' {
			end++
		}
	} else {
		end = i
		for end < len(s) && strings.IndexByte(")]}", s[end]) < 0 {
			end++
		}
		if slanted && end > open && (s[end-1] == '/' || s[end-1] == '\\') {
			end-- // [/text/]: the slash before the bracket closes the box
		}
		text = s[open:end]
	}
	stop := end
	if slanted && stop < len(s) && (s[stop] == '/' || s[stop] == '\\') {
		stop++
	}
	for stop < len(s) && stop-end < 3 && strings.IndexByte(")]}", s[stop]) >= 0 {
		stop++
	}
	opening, closing := s[:open], s[end:stop]
	// The longest closing run that matches the opening: ))) for (((, but
	// ] alone for [ when a ) follows (A[x]) is no box of its own).
	for c := len(closing); c > 0; c-- {
		if sh, ok := shapes[[2]string{opening, closing[:c]}]; ok {
			return text, sh, end + c, nil
		}
	}
	if end >= len(s) {
		return "", 0, 0, fmt.Errorf("%q is never closed", opening)
	}
	return "", 0, 0, fmt.Errorf("opened with %q and closed with %q", opening, closing)
}

func isNameByte(c byte) bool {
	return c >= 0x80 || c == '_' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}

func skipSpace(s string, i *int) {
	for *i < len(s) && (s[*i] == ' ' || s[*i] == '\t') {
		*i++
	}
}

var (
	// plainEdge is an arrow without text in its stroke: --> --- -.-> ==>
	// --o --x <-->; its text may follow between bars, -->|yes|.
	plainEdge = regexp.MustCompile(`^(<)?(-{2,}>|={2,}>|-\.+->|-{3,}|={3,}|-\.+-|-{2,}[ox]|={2,}[ox])`)
	pipeLabel = regexp.MustCompile(`^\s*\|([^|]*)\|`)
	// textEdge is an arrow with its text in the stroke: -- yes --> or
	// -. maybe .-> or == sure ==>.
	textEdge = regexp.MustCompile(`^(<)?(--|==|-\.)\s*([^\s>|-][^|]*?)\s*(-{2,}>|={2,}>|\.-+>|-{3,}|={3,}|\.-+|-{2,}[ox])`)
)

// parseEdge reads the arrow at s[*i:].
func parseEdge(s string, i *int) (edge, bool) {
	var e edge
	rest := s[*i:]
	stroke, text := "", ""
	if m := plainEdge.FindStringSubmatch(rest); m != nil {
		e.arrowStart, stroke = m[1] != "", m[2]
		*i += len(m[0])
		if l := pipeLabel.FindStringSubmatch(s[*i:]); l != nil {
			text = l[1]
			*i += len(l[0])
		}
	} else if m := textEdge.FindStringSubmatch(rest); m != nil {
		e.arrowStart, stroke, text = m[1] != "", m[2]+m[4], m[3]
		*i += len(m[0])
	} else {
		return e, false
	}
	switch {
	case strings.Contains(stroke, "."):
		e.style = dotted
	case strings.HasPrefix(stroke, "="):
		e.style = thick
	}
	last := stroke[len(stroke)-1]
	e.head = last == '>' || last == 'o' || last == 'x'
	if strings.TrimSpace(text) != "" {
		e.label = label(strings.Trim(strings.TrimSpace(text), `"`))
	}
	return e, true
}

var (
	lineBreak = regexp.MustCompile(`(?i)<br\s*/?>|\\n`)
	anyTag    = regexp.MustCompile(`<[^>]*>`)
	entity    = regexp.MustCompile(`#(\w+);`)
	// fontIcon is a Font Awesome icon, fa:fa-car, which binome has no
	// font for.
	fontIcon = regexp.MustCompile(`\bfa[bsrl]?:fa-[\w-]+\s*`)
)

// label returns a box's or an arrow's text as lines: <br> breaks a line,
// other tags and Markdown's marks go, and Mermaid's #quot; entities are
// the characters they name.
func label(text string) []string {
	text = strings.Trim(strings.TrimSpace(text), "`")
	text = entity.ReplaceAllStringFunc(text, func(e string) string {
		name := e[1 : len(e)-1]
		if n, err := fmt.Sscanf(name, "%d", new(int)); err == nil && n == 1 {
			var code int
			fmt.Sscanf(name, "%d", &code)
			return string(rune(code))
		}
		if u := html.UnescapeString("&" + name + ";"); u != "&"+name+";" {
			return u
		}
		return e
	})
	text = fontIcon.ReplaceAllString(text, "")
	var out []string
	for _, l := range lineBreak.Split(text, -1) {
		l = anyTag.ReplaceAllString(l, "")
		l = strings.NewReplacer("**", "", "__", "").Replace(l)
		out = append(out, strings.TrimSpace(html.UnescapeString(l)))
	}
	return out
}

func clip(s string) string {
	if len(s) > 30 {
		return s[:30] + "…"
	}
	return s
}
