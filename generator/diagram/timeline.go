package diagram

import (
	"cmp"
	"fmt"
	"strings"
)

// A timeline, as Mermaid writes it: periods in order, each with its
// events, grouped in sections (a programme's calendar, a cohort's year).
//
//	timeline
//	    title Une promotion
//	    section Préparation
//	      Décembre : Appel à candidatures
//	      Janvier : Entretiens : Formation des binômes
//	    section Année
//	      Février : Premières rencontres
//	              : Formations
type timeline struct {
	title   string
	periods []period
	// sections names the groups of periods, in order; a period's
	// section is an index into it, -1 before the first.
	sections []string
}

type period struct {
	label   string
	events  []string
	section int
}

// parseTimeline reads a Mermaid timeline.
func parseTimeline(src string) (*timeline, error) {
	t := &timeline{}
	header := false
	section := -1
	for lineNo, s := range statements(src) {
		if !header {
			header = true // timeline, with or without a direction
			continue
		}
		word, rest, _ := strings.Cut(s, " ")
		switch {
		case word == "title":
			t.title = strings.TrimSpace(rest)
			continue
		case word == "section":
			t.sections = append(t.sections, strings.TrimSpace(rest))
			section = len(t.sections) - 1
			continue
		case strings.HasPrefix(s, "accTitle:"):
			t.title = cmp.Or(t.title, strings.TrimSpace(strings.TrimPrefix(s, "accTitle:")))
			continue
		case strings.HasPrefix(s, "accDescr:"):
			continue
		}
		parts := strings.Split(s, ":")
		for i := range parts {
			parts[i] = strings.Join(label(parts[i]), " ")
		}
		if parts[0] == "" {
			// ": another event" continues the period above.
			if len(t.periods) == 0 {
				return nil, &Error{lineNo, "an event with no period before it: write Period : Event"}
			}
			last := &t.periods[len(t.periods)-1]
			last.events = append(last.events, nonEmpty(parts[1:])...)
			continue
		}
		if len(t.periods) == maxNodes {
			return nil, &Error{lineNo, fmt.Sprintf("more than %d periods: split the timeline", maxNodes)}
		}
		t.periods = append(t.periods, period{label: parts[0], events: nonEmpty(parts[1:]), section: section})
	}
	if len(t.periods) == 0 {
		return nil, &Error{1, "the timeline has no period: write Period : Event"}
	}
	return t, nil
}

func nonEmpty(items []string) []string {
	var out []string
	for _, s := range items {
		if s != "" {
			out = append(out, s)
		}
	}
	return out
}

// wrap cuts text into lines no wider than width, at spaces.
func wrap(text string, width float64) []string {
	var lines []string
	line := ""
	for _, w := range strings.Fields(text) {
		if line != "" && textWidth(line+" "+w) > width {
			lines = append(lines, line)
			line = w
			continue
		}
		line = strings.TrimSpace(line + " " + w)
	}
	return append(lines, line)
}

// svg draws the periods left to right, each over its events, its
// section's name above them and its section's colour on its box.
func (t *timeline) svg(id, name string) string {
	const (
		colMax, colMin = 190.0, 96.0 // a column's text width
		colGap, evGap  = 14.0, 10.0
		sectionH       = 30.0
	)
	type column struct {
		x, w   float64
		label  []string
		events [][]string
	}
	cols := make([]column, len(t.periods))
	x := margin
	for i, p := range t.periods {
		w := colMin
		for _, s := range append([]string{p.label}, p.events...) {
			w = max(w, min(textWidth(s), colMax))
		}
		c := column{x: x, w: w + 2*padX, label: wrap(p.label, w)}
		for _, e := range p.events {
			c.events = append(c.events, wrap(e, w))
		}
		cols[i] = c
		x += c.w + colGap
	}
	width := x - colGap + margin
	top := margin
	if t.title != "" {
		top += 30
		width = max(width, textWidth(t.title)+2*margin)
	}
	if len(t.sections) > 0 {
		top += sectionH + 6
	}
	periodH := 0.0
	for _, c := range cols {
		periodH = max(periodH, float64(len(c.label))*lineHeight+2*padY)
	}
	height := 0.0
	for _, c := range cols {
		h := top + periodH + 2*evGap
		for _, e := range c.events {
			h += float64(len(e))*lineHeight + 2*padY + evGap
		}
		height = max(height, h)
	}
	height += margin

	var b strings.Builder
	openSVG(&b, "diagram-timeline", width, height, id)
	fmt.Fprintf(&b, `<title id="%s-t">%s</title><desc id="%s-d">%s</desc>`, id, esc(cmp.Or(t.title, name, "Diagram")), id, esc(t.description()))
	if t.title != "" {
		// At the start, not the middle: a long timeline scrolls, and its
		// title must show where it begins.
		fmt.Fprintf(&b, `<text class="diagram-title" x="%s" y="%s" font-weight="600" fill="#1c2128">%s</text>`, f(margin), f(margin+12), esc(t.title))
	}
	// Section bands over their periods.
	for k, name := range t.sections {
		first, last := -1, -1
		for i, p := range t.periods {
			if p.section == k {
				if first < 0 {
					first = i
				}
				last = i
			}
		}
		if first < 0 {
			continue
		}
		l, r := cols[first].x, cols[last].x+cols[last].w
		colour := slicePalette[k%len(slicePalette)]
		y := top - sectionH - 6
		fmt.Fprintf(&b, `<g class="diagram-section s%d"><rect x="%s" y="%s" width="%s" height="%s" rx="4" fill="%s" fill-opacity="0.18" stroke="%s"/>`, k%len(slicePalette), f(l), f(y), f(r-l), f(sectionH), colour, colour)
		writeText(&b, []string{name}, (l+r)/2, y+sectionH/2)
		b.WriteString(`</g>`)
	}
	axis := top + periodH + evGap
	fmt.Fprintf(&b, `<path class="diagram-edge" d="M%s %sH%s" fill="none" stroke="#57606a"/>`, f(margin), f(axis), f(width-margin))
	for i, c := range cols {
		p := t.periods[i]
		colour := "#6b7a8f"
		class := "diagram-period"
		if p.section >= 0 {
			colour = slicePalette[p.section%len(slicePalette)]
			class += fmt.Sprintf(" s%d", p.section%len(slicePalette))
		}
		cx := c.x + c.w/2
		fmt.Fprintf(&b, `<g class="%s"><rect x="%s" y="%s" width="%s" height="%s" rx="6" fill="%s" fill-opacity="0.28" stroke="%s"/>`, class, f(c.x), f(top), f(c.w), f(periodH), colour, colour)
		writeText(&b, c.label, cx, top+periodH/2)
		b.WriteString(`</g>`)
		y := axis + evGap
		if len(c.events) > 0 {
			fmt.Fprintf(&b, `<path class="diagram-edge" d="M%s %sV%s" fill="none" stroke="#57606a"/>`, f(cx), f(top+periodH), f(y))
		}
		for _, e := range c.events {
			h := float64(len(e))*lineHeight + 2*padY
			fmt.Fprintf(&b, `<g class="diagram-node"><rect class="diagram-box" fill="#f6f8fa" stroke="#7d8590" x="%s" y="%s" width="%s" height="%s" rx="4"/>`, f(c.x), f(y), f(c.w), f(h))
			writeText(&b, e, cx, y+h/2)
			b.WriteString(`</g>`)
			y += h + evGap
		}
	}
	b.WriteString(`</svg>`)
	return b.String()
}

// description says the timeline in words: "Décembre: Appel à
// candidatures; Janvier: Entretiens, Formation des binômes".
func (t *timeline) description() string {
	var parts []string
	for _, p := range t.periods {
		s := p.label
		if len(p.events) > 0 {
			s += ": " + strings.Join(p.events, ", ")
		}
		parts = append(parts, s)
	}
	return strings.Join(parts, "; ")
}

func (t *timeline) text() string {
	var b strings.Builder
	if t.title != "" {
		b.WriteString(t.title + "\n")
	}
	for _, p := range t.periods {
		b.WriteString(p.label + "\n")
		for _, e := range p.events {
			b.WriteString(e + "\n")
		}
	}
	return b.String()
}
