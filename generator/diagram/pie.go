package diagram

import (
	"cmp"
	"fmt"
	"math"
	"strconv"
	"strings"
)

// A pie chart, as Mermaid writes it:
//
//	pie showData
//	    title Binômes par direction
//	    "Marketing" : 12
//	    "Finance" : 7
type pie struct {
	title    string
	showData bool
	slices   []slice
}

type slice struct {
	label string
	value float64
}

// parsePie reads a Mermaid pie chart.
func parsePie(src string) (*pie, error) {
	p := &pie{}
	header := false
	for lineNo, t := range statements(src) {
		if !header {
			// pie [showData] [title …]
			rest := strings.TrimSpace(strings.TrimPrefix(t, "pie"))
			if r, ok := strings.CutPrefix(rest, "showData"); ok {
				p.showData, rest = true, strings.TrimSpace(r)
			}
			if r, ok := strings.CutPrefix(rest, "title"); ok {
				p.title = strings.TrimSpace(r)
			}
			header = true
			continue
		}
		if r, ok := strings.CutPrefix(t, "title"); ok && (r == "" || r[0] == ' ') {
			p.title = strings.TrimSpace(r)
			continue
		}
		if r, ok := strings.CutPrefix(t, "accTitle:"); ok {
			p.title = cmp.Or(p.title, strings.TrimSpace(r))
			continue
		}
		if strings.HasPrefix(t, "accDescr:") || t == "showData" {
			p.showData = p.showData || t == "showData"
			continue
		}
		name, value, ok := strings.Cut(t, ":")
		name = strings.TrimSpace(name)
		if !ok || len(name) < 2 || name[0] != '"' || name[len(name)-1] != '"' {
			return nil, &Error{lineNo, fmt.Sprintf(`expected a slice, "Label" : 42, at %q`, clip(t))}
		}
		v, err := strconv.ParseFloat(strings.TrimSpace(value), 64)
		if err != nil || v < 0 || math.IsInf(v, 0) || math.IsNaN(v) {
			return nil, &Error{lineNo, fmt.Sprintf("%q is no positive number", strings.TrimSpace(value))}
		}
		if len(p.slices) == maxNodes {
			return nil, &Error{lineNo, fmt.Sprintf("more than %d slices: split the chart", maxNodes)}
		}
		p.slices = append(p.slices, slice{strings.Join(label(name[1:len(name)-1]), " "), v})
	}
	total := 0.0
	for _, s := range p.slices {
		total += s.value
	}
	if total == 0 {
		return nil, &Error{1, "the pie chart has no slice with a value"}
	}
	return p, nil
}

// slicePalette holds mid-tone colours that read on light and dark
// backgrounds alike, as the impact page's bars do; the theme may restyle
// .diagram-slice.s0 and the rest.
var slicePalette = [...]string{"#3a78c2", "#c2571a", "#2e8540", "#9b59b6", "#1f7a8c", "#b8860b", "#c23a5a", "#6b7a8f"}

// svg draws the pie with its legend: each slice's label, share and, with
// showData, value.
func (p *pie) svg(id, name string, comma bool) string {
	const r, cx, cy, legendX, row = 110.0, 120.0, 120.0, 260.0, 22.0
	total := 0.0
	for _, s := range p.slices {
		total += s.value
	}
	number := func(v float64) string {
		n := strconv.FormatFloat(v, 'f', -1, 64)
		if comma {
			n = strings.Replace(n, ".", ",", 1)
		}
		return n
	}
	share := func(v float64) string { return number(math.Round(v/total*1000)/10) + "\u00a0%" }
	legend := make([]string, len(p.slices))
	width := legendX
	for i, s := range p.slices {
		legend[i] = s.label + " — " + share(s.value)
		if p.showData {
			legend[i] += " (" + number(s.value) + ")"
		}
		// Room to spare: the width of text is guessed (see textWidth).
		width = max(width, legendX+20+textWidth(legend[i])*1.15+margin)
	}
	top := 0.0
	if p.title != "" {
		top = 30
		width = max(width, textWidth(p.title)+2*margin)
	}
	height := max(2*cy, float64(len(p.slices))*row+20) + top

	var b strings.Builder
	openSVG(&b, "diagram-pie", width, height, id)
	fmt.Fprintf(&b, `<title id="%s-t">%s</title><desc id="%s-d">%s</desc>`, id, esc(cmp.Or(p.title, name, "Diagram")), id, esc(strings.Join(legend, "; ")))
	if p.title != "" {
		fmt.Fprintf(&b, `<text class="diagram-title" x="%s" y="18" text-anchor="middle" font-weight="600" fill="#1c2128">%s</text>`, f(width/2), esc(p.title))
	}
	angle := -math.Pi / 2 // from twelve o'clock, clockwise
	for i, s := range p.slices {
		colour := fmt.Sprintf(`class="diagram-slice s%d" fill="%s" stroke="#ffffff" stroke-width="1.5"`, i%len(slicePalette), slicePalette[i%len(slicePalette)])
		sweep := s.value / total * 2 * math.Pi
		switch {
		case sweep == 0:
		case sweep >= 2*math.Pi-1e-9:
			fmt.Fprintf(&b, `<circle %s cx="%s" cy="%s" r="%s"/>`, colour, f(cx), f(cy+top), f(r))
		default:
			x0, y0 := cx+r*math.Cos(angle), cy+top+r*math.Sin(angle)
			x1, y1 := cx+r*math.Cos(angle+sweep), cy+top+r*math.Sin(angle+sweep)
			large := 0
			if sweep > math.Pi {
				large = 1
			}
			fmt.Fprintf(&b, `<path %s d="M%s %sL%s %sA%s %s 0 %d 1 %s %sZ"/>`, colour, f(cx), f(cy+top), f(x0), f(y0), f(r), f(r), large, f(x1), f(y1))
		}
		angle += sweep
	}
	for i := range p.slices {
		y := top + 20 + float64(i)*row
		fmt.Fprintf(&b, `<rect class="diagram-swatch s%d" x="%s" y="%s" width="12" height="12" rx="2" fill="%s"/>`, i%len(slicePalette), f(legendX), f(y-6), slicePalette[i%len(slicePalette)])
		fmt.Fprintf(&b, `<text x="%s" y="%s" dominant-baseline="central" fill="#1c2128">%s</text>`, f(legendX+20), f(y), esc(legend[i]))
	}
	b.WriteString(`</svg>`)
	return b.String()
}

func (p *pie) text() string {
	var b strings.Builder
	if p.title != "" {
		b.WriteString(p.title + "\n")
	}
	for _, s := range p.slices {
		b.WriteString(s.label + "\n")
	}
	return b.String()
}
