package mentoring

import (
	"bytes"
	"encoding/csv"
	"encoding/xml"
	"flag"
	"io"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// parseSVG checks that svg is well-formed XML and returns its <rect>
// count, its character data and the text of its first <title>.
func parseSVG(t *testing.T, svg []byte) (rects int, text, title string) {
	t.Helper()
	d := xml.NewDecoder(bytes.NewReader(svg))
	var sb strings.Builder
	inTitle := false
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("not well-formed: %v\n%s", err, svg)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			if tok.Name.Local == "rect" {
				rects++
			}
			inTitle = tok.Name.Local == "title" && title == ""
		case xml.EndElement:
			inTitle = false
		case xml.CharData:
			sb.Write(tok)
			if inTitle {
				title = string(tok)
			}
		}
	}
	return rects, sb.String(), title
}

func TestChartSVG(t *testing.T) {
	hostile := `<script>alert("x")</script> & 'co'` + "\x00\x1b"
	tests := []struct {
		name  string
		chart Chart
		rects int
	}{
		{"grouped", Chart{Title: "Skills", Desc: "d", Series: []string{"Offered", "Sought"}, Unit: "people",
			Bars: []Bar{{"data", []float64{1, 4}}, {"podcasts", []float64{3, 1}}}}, 4},
		{"hostile text everywhere", Chart{ID: `a"b<c`, Title: hostile, Desc: hostile, Series: []string{hostile}, Unit: hostile,
			Bars: []Bar{{hostile, []float64{2}}}}, 1},
		{"empty", Chart{Title: "Nothing"}, 0},
		{"zeros, fractions, negatives and a missing value", Chart{Title: "Odd", Series: []string{"a", "b"},
			Bars: []Bar{{"x", []float64{0, 0.125}}, {"y", []float64{-3, math.NaN()}}}}, 3},
		{"a very long label", Chart{Title: "Long", Bars: []Bar{{strings.Repeat("compétence ", 40), []float64{12345}}}}, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			svg := tt.chart.SVG()
			rects, text, title := parseSVG(t, svg)
			if rects != tt.rects {
				t.Errorf("%d rects, want %d", rects, tt.rects)
			}
			if want := strings.Map(func(r rune) rune {
				if r < 0x20 {
					return -1
				}
				return r
			}, tt.chart.Title); title != want {
				t.Errorf("title %q, want %q", title, want)
			}
			if bytes.Contains(svg, []byte("<script")) {
				t.Errorf("unescaped markup:\n%s", svg)
			}
			if tt.chart.Desc != "" && !strings.Contains(text, strings.TrimRight(tt.chart.Desc, "\x00\x1b")) {
				t.Errorf("desc %q missing", tt.chart.Desc)
			}
			for _, want := range []string{`role="img"`, `aria-labelledby="`, `viewBox="0 0 640 `} {
				if !bytes.Contains(svg, []byte(want)) {
					t.Errorf("missing %s", want)
				}
			}
			if !bytes.Equal(svg, tt.chart.SVG()) {
				t.Error("two calls differ")
			}
		})
	}
}

func TestChartCSV(t *testing.T) {
	c := Chart{Series: []string{"Offered, by", `Sought "by"`}, Bars: []Bar{
		{"data", []float64{1, 4}},
		{"=HYPERLINK(\"http://evil\")", []float64{0.5, -2}},
		{"line\nbreak", []float64{3, math.NaN()}},
	}}
	got := string(c.CSV())
	want := "label,\"Offered, by\",\"Sought \"\"by\"\"\"\r\n" +
		"data,1,4\r\n" +
		"\"'=HYPERLINK(\"\"http://evil\"\")\",0.5,-2\r\n" +
		"\"line\r\nbreak\",3,\r\n" // UseCRLF applies inside quotes too
	if got != want {
		t.Errorf("got\n%q\nwant\n%q", got, want)
	}
	rows, err := csv.NewReader(strings.NewReader(got)).ReadAll()
	if err != nil || len(rows) != 4 || rows[3][0] != "line\nbreak" {
		t.Errorf("does not read back: %v %q", err, rows)
	}
}

func TestImpactCharts(t *testing.T) {
	profiles, duos := programme()
	im := ComputeImpact(profiles, duos, 3)
	for _, tt := range []struct {
		lang   string
		titles []string
		other  string
	}{
		{"en", []string{"Sessions per month", "Skills offered and sought", "Participation by department"}, "Other skills"},
		{"fr", []string{"Séances par mois", "Compétences proposées et recherchées", "Participation par département"}, "Autres compétences"},
	} {
		t.Run(tt.lang, func(t *testing.T) {
			charts := ImpactCharts(im, tt.lang)
			if len(charts) != 3 {
				t.Fatalf("%d charts, want 3", len(charts))
			}
			for i, c := range charts {
				if c.Title != tt.titles[i] {
					t.Errorf("title %q, want %q", c.Title, tt.titles[i])
				}
				rects, _, _ := parseSVG(t, c.SVG())
				if want := len(c.Bars) * len(c.Series); rects != want {
					t.Errorf("%s: %d rects, want %d", c.ID, rects, want)
				}
			}
			months := charts[0]
			if len(months.Bars) != 5 || months.Bars[2].Values[0] != 2 {
				t.Errorf("months: %+v", months.Bars)
			}
			if got := charts[1].Bars[2].Label; got != tt.other {
				t.Errorf("other skills row %q, want %q", got, tt.other)
			}
		})
	}
	if got := ImpactCharts(Impact{}, "en"); len(got) != 0 {
		t.Errorf("charts of nothing: %+v", got)
	}
}

// TestImpactChartGolden keeps one chart's exact bytes in
// testdata/skills.golden: the SVG, then the CSV, after marker lines.
// Run with -update after a deliberate change and read the diff.
func TestImpactChartGolden(t *testing.T) {
	profiles, duos := programme()
	c := ImpactCharts(ComputeImpact(profiles, duos, 3), "fr")[1]
	got := "-- skills.svg --\n" + string(c.SVG()) + "-- skills.csv --\n" + string(c.CSV())
	path := filepath.Join("testdata", "skills.golden")
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if got != string(want) {
		t.Errorf("%s differs; got\n%s", path, got)
	}
}
