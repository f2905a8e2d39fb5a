package mentoring

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"hash/fnv"
	"math"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Bar is one category of a chart, with one value per series.
type Bar struct {
	Label  string
	Values []float64
}

// Chart is a grouped bar chart, drawn at build time as SVG (no script,
// no web font) and given as CSV beside it, so the numbers stay
// available to people and programs that cannot read the picture.
type Chart struct {
	// ID names the chart's elements (ID-title, ID-desc) and, for the
	// caller, its files. Empty means one derived from the content.
	ID     string
	Title  string
	Desc   string // what the chart shows, read by screen readers
	Series []string
	Bars   []Bar
	Unit   string // of the values, written under the axis
}

// palette holds one colour per series, each with a contrast of at
// least 3:1 on white and on near-black (#121212), so the bars read in
// light and dark themes alike. Themes may restyle .bar.s0 and so on.
func palette(k int) string {
	colours := [...]string{"#3a78c2", "#c2571a", "#2e8540", "#9b59b6", "#1f7a8c", "#b8860b"}
	return colours[k%len(colours)]
}

// Layout of the SVG, in its user units (px at scale 1).
const (
	chartWidth = 640
	fontSize   = 12
	charWidth  = 7 // average glyph width at fontSize, for sizing labels
	barHeight  = 16
	groupGap   = 12
	legendH    = 28
	axisH      = 44
	valueRoom  = 56 // right of the longest bar, for its value
)

// SVG draws the chart as horizontal grouped bars, one group per Bar, one
// bar per series, each value written at the end of its bar. The picture
// is an image to assistive technology (role="img") named by its title
// and described by its desc; each bar also has a <title> tooltip. It
// has a viewBox and no size, so it scales to its container. Text takes
// the surrounding colour (currentColor); bars have classes "bar s0",
// "bar s1"… and a fill attribute as default. Labels too long for the
// margin are shortened with "…", in full in the bar's tooltip. Negative
// values are drawn as empty bars.
func (c Chart) SVG() []byte {
	id := c.ID
	if id == "" {
		h := fnv.New32a()
		fmt.Fprintf(h, "%q %q %q %v %q", c.Title, c.Desc, c.Series, c.Bars, c.Unit)
		id = fmt.Sprintf("chart-%08x", h.Sum32())
	}
	id = safeID(id)

	series := len(c.Series)
	for _, b := range c.Bars {
		series = max(series, len(b.Values))
	}
	maxLabel := 0
	top := 0.0
	for _, b := range c.Bars {
		maxLabel = max(maxLabel, utf8.RuneCountInString(b.Label))
		for _, v := range b.Values {
			if !math.IsNaN(v) {
				top = math.Max(top, v)
			}
		}
	}
	labelW := min(max(maxLabel*charWidth+12, 48), 200)
	x0 := float64(labelW)
	plotW := float64(chartWidth-valueRoom) - x0
	step, axisMax := ticks(top)
	scale := plotW / axisMax

	y0 := float64(legendH)
	if len(c.Series) == 0 {
		y0 = 8
	}
	groupH := float64(max(series, 1)*barHeight + groupGap)
	plotH := groupH * float64(len(c.Bars))
	height := y0 + plotH + axisH

	var b bytes.Buffer
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 %d %s" role="img" aria-labelledby="%s-title %s-desc" class="chart" font-family="system-ui, sans-serif" font-size="%d">`,
		chartWidth, num(height), id, id, fontSize)
	fmt.Fprintf(&b, "\n"+`<title id="%s-title">%s</title>`, id, esc(c.Title))
	fmt.Fprintf(&b, "\n"+`<desc id="%s-desc">%s</desc>`, id, esc(c.Desc))

	// Legend: a swatch and the name of each series.
	if len(c.Series) > 0 {
		b.WriteString("\n" + `<g class="legend">`)
		x := x0
		for k, s := range c.Series {
			fmt.Fprintf(&b, "\n"+`<path class="swatch s%d" fill="%s" d="M%s 8h12v12h-12z"/>`, k, palette(k), num(x))
			fmt.Fprintf(&b, `<text x="%s" y="18" fill="currentColor">%s</text>`, num(x+16), esc(s))
			x += float64(16+utf8.RuneCountInString(s)*charWidth) + 16
		}
		b.WriteString("</g>")
	}

	// Grid and value axis.
	b.WriteString("\n" + `<g class="axis">`)
	for i := range int(math.Round(axisMax/step)) + 1 {
		v := float64(i) * step
		x := x0 + v*scale
		fmt.Fprintf(&b, "\n"+`<line x1="%s" y1="%s" x2="%s" y2="%s" stroke="currentColor" stroke-opacity="%s"/>`,
			num(x), num(y0), num(x), num(y0+plotH), gridOpacity(v))
		fmt.Fprintf(&b, `<text x="%s" y="%s" text-anchor="middle" fill="currentColor">%s</text>`,
			num(x), num(y0+plotH+16), esc(num(v)))
	}
	if c.Unit != "" {
		fmt.Fprintf(&b, "\n"+`<text x="%s" y="%s" text-anchor="middle" fill="currentColor">%s</text>`,
			num(x0+plotW/2), num(y0+plotH+36), esc(c.Unit))
	}
	b.WriteString("</g>")

	// Bars, one group per category.
	for i, bar := range c.Bars {
		gy := y0 + float64(i)*groupH + groupGap/2
		fmt.Fprintf(&b, "\n"+`<g class="group"><text x="%s" y="%s" text-anchor="end" dominant-baseline="middle" fill="currentColor">%s</text>`,
			num(x0-6), num(gy+float64(len(bar.Values)*barHeight)/2), esc(shorten(bar.Label, (labelW-12)/charWidth)))
		for k, v := range bar.Values {
			if math.IsNaN(v) {
				continue
			}
			y := gy + float64(k*barHeight)
			w := math.Max(v, 0) * scale
			// The tooltip: "data — Offered by — 4", punctuation that
			// reads the same in French and English.
			name := bar.Label
			if k < len(c.Series) {
				name += " — " + c.Series[k]
			}
			fmt.Fprintf(&b, "\n"+`<rect class="bar s%d" fill="%s" x="%s" y="%s" width="%s" height="%d"><title>%s — %s</title></rect>`,
				k, palette(k), num(x0), num(y), num(w), barHeight-2, esc(name), esc(num(v)))
			fmt.Fprintf(&b, `<text x="%s" y="%s" dominant-baseline="middle" fill="currentColor">%s</text>`,
				num(x0+w+4), num(y+float64(barHeight-2)/2), esc(num(v)))
		}
		b.WriteString("</g>")
	}
	b.WriteString("\n</svg>\n")
	return b.Bytes()
}

// CSV returns the chart's numbers as RFC 4180 CSV: a header "label,"
// then the series, one line per bar, CRLF line ends. A cell that a
// spreadsheet would take for a formula (=, +, -, @ first) gets a leading
// apostrophe, so an author's label cannot run code on a reader's
// machine; numbers are left alone.
func (c Chart) CSV() []byte {
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	w.UseCRLF = true
	header := []string{"label"}
	for _, s := range c.Series {
		header = append(header, inert(s))
	}
	w.Write(header)
	for _, bar := range c.Bars {
		row := []string{inert(bar.Label)}
		for _, v := range bar.Values {
			if math.IsNaN(v) {
				row = append(row, "")
			} else {
				row = append(row, num(v))
			}
		}
		w.Write(row)
	}
	w.Flush() // writes to a bytes.Buffer cannot fail
	return b.Bytes()
}

// inert defuses a text cell a spreadsheet would evaluate.
func inert(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

// ticks chooses a round step (1, 2 or 5 times a power of ten) giving
// about five grid lines, and the axis end, a multiple of it, at or past
// top.
func ticks(top float64) (step, end float64) {
	if top <= 0 {
		return 1, 1
	}
	raw := top / 5
	p := math.Pow(10, math.Floor(math.Log10(raw)))
	step = 10 * p
	for _, f := range []float64{1, 2, 5} {
		if f*p >= raw {
			step = f * p
			break
		}
	}
	if step < 1 && top >= 1 {
		step = 1
	}
	return step, math.Ceil(top/step-1e-9) * step
}

func gridOpacity(v float64) string {
	if v == 0 {
		return "0.8"
	}
	return "0.15"
}

// num writes a number with at most two decimals and no trailing zeros.
func num(v float64) string {
	v = math.Round(v*100) / 100
	if v == 0 {
		v = 0 // no "-0"
	}
	return strconv.FormatFloat(v, 'f', -1, 64)
}

// shorten cuts s to n characters, the last being "…".
func shorten(s string, n int) string {
	if n < 1 || utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n-1]) + "…"
}

// esc escapes text for XML content and attributes and drops characters
// XML cannot hold at all (most control characters), which would make
// the document unreadable rather than merely odd.
func esc(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '&':
			b.WriteString("&amp;")
		case r == '<':
			b.WriteString("&lt;")
		case r == '>':
			b.WriteString("&gt;")
		case r == '"':
			b.WriteString("&#34;")
		case r == '\'':
			b.WriteString("&#39;")
		case r == '\t' || r == '\n' || r == '\r' || r >= 0x20 && r < 0xD800 ||
			r >= 0xE000 && r <= 0xFFFD || r >= 0x10000 && r <= 0x10FFFF:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// safeID keeps the letters, digits, - and _ of id, so it is a valid XML
// id and needs no escaping; it starts with a letter.
func safeID(id string) string {
	var b strings.Builder
	for _, r := range id {
		if r < 0x80 && (r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '_') {
			b.WriteRune(r)
		} else {
			b.WriteByte('-')
		}
	}
	s := b.String()
	if s == "" || !(s[0] >= 'a' && s[0] <= 'z' || s[0] >= 'A' && s[0] <= 'Z') {
		s = "chart-" + s
	}
	return s
}
