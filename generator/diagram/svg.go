package diagram

import (
	"cmp"
	"fmt"
	"hash/fnv"
	"html"
	"math"
	"slices"
	"strconv"
	"strings"
)

// Diagram is a drawn diagram.
type Diagram struct {
	SVG string
	// Text is what its boxes, arrows, slices or events say, a line
	// each, for the search index.
	Text string
	// Name is its accessible name: its own title, or Options.Title.
	Name string
	// Wide is set when it is too wide to shrink into a text column (see
	// wideAt): the page lets it scroll, and must let a keyboard reach it
	// to scroll it.
	Wide bool
}

// Options are what a diagram takes from the page it is in.
type Options struct {
	// ID makes the SVG's ids unique in a page that holds several (see
	// the function ID).
	ID string
	// Title names the drawing for screen readers when the diagram has no
	// title of its own: a word in the page's language, "Diagramme".
	Title string
	// DecimalComma writes numbers as French does: 37,5 %.
	DecimalComma bool
}

// Draw draws the Mermaid diagram src, a flowchart, a pie chart or a
// timeline, as an inline SVG. An error is an *Error: a diagram it cannot
// read, or another kind of diagram (wrapping ErrUnsupported).
func Draw(src string, opt Options) (Diagram, error) {
	d, own, err := draw(strings.ToValidUTF8(src, "\uFFFD"), opt)
	if err != nil {
		return Diagram{}, err
	}
	d.Name = cmp.Or(own, opt.Title, "Diagram")
	tag := d.SVG[:strings.IndexByte(d.SVG, '>')]
	d.Wide = strings.Contains(tag, " diagram-wide")
	return d, nil
}

// draw draws src by its kind, and returns the title it gives itself.
func draw(src string, opt Options) (d Diagram, title string, err error) {
	for _, t := range statements(src) {
		switch w, _, _ := strings.Cut(t, " "); w {
		case "pie":
			p, err := parsePie(src)
			if err != nil {
				return d, "", err
			}
			return Diagram{SVG: p.svg(opt.ID, opt.Title, opt.DecimalComma), Text: p.text()}, p.title, nil
		case "timeline":
			tl, err := parseTimeline(src)
			if err != nil {
				return d, "", err
			}
			return Diagram{SVG: tl.svg(opt.ID, opt.Title), Text: tl.text()}, tl.title, nil
		}
		break
	}
	g, err := parse(src)
	if err != nil {
		return d, "", err
	}
	own := g.title
	g.layout()
	g.title = cmp.Or(g.title, opt.Title)
	return Diagram{SVG: g.svg(opt.ID), Text: g.text()}, own, nil
}

// ID returns an id for the diagram of src at offset pos of its page
// (Options.ID).
func ID(src string, pos int) string {
	h := fnv.New32a()
	h.Write([]byte(src))
	return fmt.Sprintf("dg%x-%d", h.Sum32(), pos)
}

type point struct{ x, y float64 }

// wideAt is the width beyond which a diagram gets the class diagram-wide:
// shrunk to a text column's width (46rem in the default theme), its text
// would be too small to read, so the theme lets it scroll instead.
const wideAt = 980

func (g *graph) text() string {
	var b strings.Builder
	for _, n := range g.nodes {
		if !n.dummy {
			b.WriteString(strings.Join(n.lines, " "))
			b.WriteByte('\n')
		}
	}
	for _, e := range g.edges {
		if len(e.label) > 0 {
			b.WriteString(strings.Join(e.label, " "))
			b.WriteByte('\n')
		}
	}
	return b.String()
}

// description says the diagram in words, arrow by arrow, for those who
// cannot see it: "Application → Interview (accepted)".
func (g *graph) description() string {
	if g.desc != "" {
		return g.desc
	}
	name := func(k int) string { return strings.Join(g.nodes[k].lines, " ") }
	var parts []string
	linked := make([]bool, len(g.nodes))
	for _, e := range g.edges {
		arrow := " → "
		if !e.head {
			arrow = " — "
		}
		if e.arrowStart && e.head {
			arrow = " ↔ "
		}
		p := name(e.from) + arrow + name(e.to)
		if len(e.label) > 0 {
			p += " (" + strings.Join(e.label, " ") + ")"
		}
		parts = append(parts, p)
		linked[e.from], linked[e.to] = true, true
	}
	for k, n := range g.nodes {
		if !n.dummy && !linked[k] {
			parts = append(parts, name(k))
		}
	}
	// The groups, which the frames show.
	for c, cl := range g.clusters {
		var members []string
		for k, n := range g.nodes {
			if !n.dummy && g.inside(k, c) {
				members = append(members, name(k))
			}
		}
		if len(members) > 0 && cl.title != "" {
			parts = append(parts, cl.title+": "+strings.Join(members, ", "))
		}
	}
	return strings.Join(parts, "; ")
}

func f(v float64) string { return strconv.FormatFloat(math.Round(v*10)/10, 'f', -1, 64) }

// svg writes the laid out graph. Colours come from the theme's classes;
// the attributes are what shows where no stylesheet applies (a feed).
func (g *graph) svg(id string) string {
	// Arrows first: their points decide the bounds too.
	type drawn struct {
		e     *edge
		pts   []point
		label point
	}
	var arrows []drawn
	minX, minY, maxX, maxY := math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
	grow := func(x0, y0, x1, y1 float64) {
		minX, minY, maxX, maxY = min(minX, x0), min(minY, y0), max(maxX, x1), max(maxY, y1)
	}
	for _, n := range g.nodes {
		if !n.dummy {
			grow(n.x-n.w/2, n.y-n.h/2, n.x+n.w/2, n.y+n.h/2)
		}
	}
	for _, c := range g.clusters {
		if c.drawn {
			grow(c.x, c.y, c.x+c.w, c.y+c.h)
		}
	}
	// Arrows between the same two boxes, either way (a step and the way
	// back to it), are drawn side by side rather than over each other.
	pairs := map[[2]int][]*edge{}
	for _, e := range g.edges {
		if len(e.chain) == 2 {
			k := [2]int{min(e.from, e.to), max(e.from, e.to)}
			pairs[k] = append(pairs[k], e)
		}
	}
	across := g.dir == "LR" || g.dir == "RL"
	offset := func(e *edge) (dx, dy float64) {
		same := pairs[[2]int{min(e.from, e.to), max(e.from, e.to)}]
		if len(same) < 2 {
			return 0, 0
		}
		k := slices.Index(same, e)
		o := (float64(k) - float64(len(same)-1)/2) * 16
		if across {
			return 0, o
		}
		return o, 0
	}
	for _, e := range g.edges {
		d := drawn{e: e}
		if e.from == e.to {
			n := g.nodes[e.from]
			r := n.x + n.w/2
			d.pts = []point{{r, n.y - 8}, {r + 26, n.y - 20}, {r + 26, n.y + 20}, {r, n.y + 8}}
			d.label = point{r + 30, n.y}
			grow(r, n.y-20, r+30, n.y+20)
		} else {
			ox, oy := offset(e)
			for _, k := range e.chain {
				d.pts = append(d.pts, point{g.nodes[k].x + ox, g.nodes[k].y + oy})
			}
			first, last := g.nodes[e.chain[0]], g.nodes[e.chain[len(e.chain)-1]]
			d.pts[0] = clipFrom(first, d.pts[0], d.pts[1])
			d.pts[len(d.pts)-1] = clipFrom(last, d.pts[len(d.pts)-1], d.pts[len(d.pts)-2])
			if e.reversed {
				for i, j := 0, len(d.pts)-1; i < j; i, j = i+1, j-1 {
					d.pts[i], d.pts[j] = d.pts[j], d.pts[i]
				}
			}
			mid := len(d.pts) / 2
			if len(d.pts)%2 == 0 {
				a, b := d.pts[mid-1], d.pts[mid]
				d.label = point{(a.x + b.x) / 2, (a.y + b.y) / 2}
			} else {
				d.label = d.pts[mid]
			}
		}
		if len(e.label) > 0 {
			w, h := linesSize(e.label)
			grow(d.label.x-w/2-4, d.label.y-h/2-2, d.label.x+w/2+4, d.label.y+h/2+2)
		}
		arrows = append(arrows, d)
	}
	dx, dy := margin-minX, margin-minY
	width, height := maxX-minX+2*margin, maxY-minY+2*margin

	var b strings.Builder
	openSVG(&b, "", width, height, id)
	title := cmp.Or(g.title, "Diagram")
	fmt.Fprintf(&b, `<title id="%s-t">%s</title><desc id="%s-d">%s</desc>`, id, esc(title), id, esc(g.description()))
	fmt.Fprintf(&b, `<defs><marker id="%s-a" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="8" markerHeight="8" orient="auto-start-reverse"><path class="diagram-arrow" d="M0 0L10 5L0 10z" fill="#57606a"/></marker></defs>`, id)
	for _, c := range g.clusters {
		if !c.drawn {
			continue
		}
		fmt.Fprintf(&b, `<g class="diagram-cluster"><rect x="%s" y="%s" width="%s" height="%s" rx="8" fill="#eef1f5" stroke="#d8dee4"/>`, f(c.x+dx), f(c.y+dy), f(c.w), f(c.h))
		fmt.Fprintf(&b, `<text x="%s" y="%s" font-weight="600" dominant-baseline="central" fill="#57606a">%s</text></g>`, f(c.x+dx+framePad), f(c.y+dy+framePad/2+frameTitle/2), esc(c.title))
	}
	b.WriteString(`<g class="diagram-edges">`)
	for _, d := range arrows {
		class := "diagram-edge"
		switch d.e.style {
		case dotted:
			class += " diagram-edge-dotted"
		case thick:
			class += " diagram-edge-thick"
		}
		fmt.Fprintf(&b, `<path class="%s" d="%s" fill="none" stroke="#57606a"`, class, pathData(d.pts, dx, dy, d.e.from == d.e.to))
		if d.e.head {
			fmt.Fprintf(&b, ` marker-end="url(#%s-a)"`, id)
		}
		if d.e.arrowStart {
			fmt.Fprintf(&b, ` marker-start="url(#%s-a)"`, id)
		}
		b.WriteString(`/>`)
	}
	b.WriteString(`</g>`)
	for _, d := range arrows {
		if len(d.e.label) == 0 {
			continue
		}
		w, h := linesSize(d.e.label)
		x, y := d.label.x+dx, d.label.y+dy
		fmt.Fprintf(&b, `<g class="diagram-edge-label"><rect x="%s" y="%s" width="%s" height="%s" rx="3" fill="#ffffff"/>`, f(x-w/2-4), f(y-h/2-2), f(w+8), f(h+4))
		writeText(&b, d.e.label, x, y)
		b.WriteString(`</g>`)
	}
	for _, n := range g.nodes {
		if n.dummy {
			continue
		}
		fmt.Fprintf(&b, `<g class="diagram-node">%s`, shapeMarkup(n, n.x+dx, n.y+dy))
		writeText(&b, n.lines, n.x+dx, n.y+dy)
		b.WriteString(`</g>`)
	}
	b.WriteString(`</svg>`)
	return b.String()
}

// openSVG writes the <svg> tag of a drawing of the given size: an image
// to assistive technology, named and described by its <title> and
// <desc> (id-t, id-d), and of class diagram-wide when too wide to shrink
// into a text column and stay legible (see wideAt). kind adds a class:
// diagram-pie.
func openSVG(b *strings.Builder, kind string, width, height float64, id string) {
	class := "diagram-svg"
	if kind != "" {
		class += " " + kind
	}
	if width > wideAt {
		class += " diagram-wide"
	}
	fmt.Fprintf(b, `<svg xmlns="http://www.w3.org/2000/svg" class="%s" viewBox="0 0 %s %s" width="%s" height="%s" role="img" aria-labelledby="%s-t %s-d" font-size="14" font-family="system-ui, sans-serif">`,
		class, f(width), f(height), f(width), f(height), id, id)
}

// esc escapes text for the SVG, leaving out what XML cannot hold
// (control characters).
func esc(s string) string {
	return html.EscapeString(strings.Map(func(r rune) rune {
		if r < 0x20 && r != '\t' || r == 0xFFFE || r == 0xFFFF {
			return -1
		}
		return r
	}, s))
}

// writeText writes lines centred on x, y.
func writeText(b *strings.Builder, lines []string, x, y float64) {
	top := y - float64(len(lines)-1)*lineHeight/2
	fmt.Fprintf(b, `<text text-anchor="middle" dominant-baseline="central" fill="#1c2128">`)
	for i, l := range lines {
		fmt.Fprintf(b, `<tspan x="%s" y="%s">%s</tspan>`, f(x), f(top+float64(i)*lineHeight), esc(l))
	}
	b.WriteString(`</text>`)
}

// pathData draws an arrow through its points: straight between two,
// else a smooth curve through the passing points; a loop back to its own
// box is a curve.
func pathData(pts []point, dx, dy float64, loop bool) string {
	var b strings.Builder
	fmt.Fprintf(&b, "M%s %s", f(pts[0].x+dx), f(pts[0].y+dy))
	switch {
	case loop:
		fmt.Fprintf(&b, "C%s %s %s %s %s %s", f(pts[1].x+dx), f(pts[1].y+dy), f(pts[2].x+dx), f(pts[2].y+dy), f(pts[3].x+dx), f(pts[3].y+dy))
	case len(pts) == 2:
		fmt.Fprintf(&b, "L%s %s", f(pts[1].x+dx), f(pts[1].y+dy))
	default:
		// Through the midpoints, with the points as controls.
		for i := 1; i < len(pts)-1; i++ {
			mx, my := (pts[i].x+pts[i+1].x)/2, (pts[i].y+pts[i+1].y)/2
			if i == len(pts)-2 {
				mx, my = pts[i+1].x, pts[i+1].y
			}
			fmt.Fprintf(&b, "Q%s %s %s %s", f(pts[i].x+dx), f(pts[i].y+dy), f(mx+dx), f(my+dy))
		}
	}
	return b.String()
}

// clipFrom moves from, a point inside box n (its centre, or beside it
// for side-by-side arrows), to where the line towards to leaves the box.
func clipFrom(n *node, from, to point) point {
	c := point{n.x, n.y}
	p := clipTo(n, point{from.x - c.x, from.y - c.y}, point{to.x - c.x, to.y - c.y})
	return point{p.x + c.x, p.y + c.y}
}

// clipTo moves from, inside a box like n centred on the origin, to where
// the line towards to leaves the box's outline.
func clipTo(n *node, from, to point) point {
	vx, vy := to.x-from.x, to.y-from.y
	if vx == 0 && vy == 0 {
		return from
	}
	hw, hh := n.w/2, n.h/2
	sign := func(v, fallback float64) float64 {
		if v < 0 || v == 0 && fallback < 0 {
			return -1
		}
		return 1
	}
	var t float64
	switch n.shape {
	case diamond:
		sx, sy := sign(vx, from.x), sign(vy, from.y)
		t = (1 - sx*from.x/hw - sy*from.y/hh) / (sx*vx/hw + sy*vy/hh)
	case circle:
		a, b, c := vx*vx+vy*vy, 2*(from.x*vx+from.y*vy), from.x*from.x+from.y*from.y-hw*hw
		t = (-b + math.Sqrt(max(b*b-4*a*c, 0))) / (2 * a)
	default:
		t = math.Inf(1)
		if vx != 0 {
			t = (sign(vx, 0)*hw - from.x) / vx
		}
		if vy != 0 {
			t = min(t, (sign(vy, 0)*hh-from.y)/vy)
		}
	}
	t = min(max(t, 0), 1)
	return point{from.x + vx*t, from.y + vy*t}
}

// shapeMarkup draws a box's outline centred on x, y.
func shapeMarkup(n *node, x, y float64) string {
	l, r, t, bm := x-n.w/2, x+n.w/2, y-n.h/2, y+n.h/2
	const attrs = `class="diagram-box" fill="#f6f8fa" stroke="#7d8590"`
	poly := func(pts ...float64) string {
		var s []string
		for i := 0; i+1 < len(pts); i += 2 {
			s = append(s, f(pts[i])+","+f(pts[i+1]))
		}
		return fmt.Sprintf(`<polygon %s points="%s"/>`, attrs, strings.Join(s, " "))
	}
	rectangle := func(rx float64) string {
		return fmt.Sprintf(`<rect %s x="%s" y="%s" width="%s" height="%s" rx="%s"/>`, attrs, f(l), f(t), f(n.w), f(n.h), f(rx))
	}
	s := n.h / 2 // a slant's run
	switch n.shape {
	case round:
		return rectangle(10)
	case stadium:
		return rectangle(n.h / 2)
	case subroutine:
		return rectangle(0) + fmt.Sprintf(`<path class="diagram-box-line" d="M%s %sV%sM%s %sV%s" stroke="#7d8590" fill="none"/>`, f(l+7), f(t), f(bm), f(r-7), f(t), f(bm))
	case cylinder:
		ry := 6.0
		return fmt.Sprintf(`<path %s d="M%s %sA%s %s 0 0 1 %s %sV%sA%s %s 0 0 1 %s %sZ"/><path class="diagram-box-line" d="M%s %sA%s %s 0 0 0 %s %s" stroke="#7d8590" fill="none"/>`,
			attrs, f(l), f(t+ry), f(n.w/2), f(ry), f(r), f(t+ry), f(bm-ry), f(n.w/2), f(ry), f(l), f(bm-ry),
			f(l), f(t+ry), f(n.w/2), f(ry), f(r), f(t+ry))
	case circle:
		return fmt.Sprintf(`<circle %s cx="%s" cy="%s" r="%s"/>`, attrs, f(x), f(y), f(n.w/2))
	case diamond:
		return poly(x, t, r, y, x, bm, l, y)
	case hexagon:
		return poly(l, y, l+s/2, t, r-s/2, t, r, y, r-s/2, bm, l+s/2, bm)
	case leanRight:
		return poly(l+s, t, r, t, r-s, bm, l, bm)
	case leanLeft:
		return poly(l, t, r-s, t, r, bm, l+s, bm)
	case trapezoid:
		return poly(l+s, t, r-s, t, r, bm, l, bm)
	case trapezoidAlt:
		return poly(l, t, r, t, r-s, bm, l+s, bm)
	case asymmetric:
		return poly(l, t, r, t, r, bm, l, bm, l+s/2, y)
	}
	return rectangle(4)
}
