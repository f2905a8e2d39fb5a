package diagram

import (
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
)

// The flowchart syntax handbooks write: boxes of every shape, arrows of
// every kind with their text in bars or in the stroke, chains and &,
// statements on one line with ;, and what only styles the diagram.
func TestParse(t *testing.T) {
	g, err := parse(`%% the programme
flowchart LR
    accTitle: Le parcours
    A[Candidature] --> B{"Sélection<br>du jury"}
    B -->|retenu| C([Binôme formé]) -.-> D((Bilan))
    B -- liste d'attente --> W[/Attente/] ==> A
    C & W --- E[(Fichier)]; E --> F>fa:fa-car Note] --> G{{Relance}} --> H[\Fin/]
    subgraph Suivi
      step-1[[Point mensuel]] <--> C
    end
    subgraph other [Autre]
      X
    end
    Suivi --> other
    classDef warn fill:#f96;
    class W warn
    click A "https://example.org"
    H:::warn --o A
`)
	if err != nil {
		t.Fatal(err)
	}
	if g.dir != "LR" || g.title != "Le parcours" {
		t.Errorf("direction %q, title %q", g.dir, g.title)
	}
	shapes := map[string]shape{}
	texts := map[string]string{}
	for _, n := range g.nodes {
		shapes[n.id], texts[n.id] = n.shape, strings.Join(n.lines, "|")
	}
	wantShapes := map[string]shape{"A": rect, "B": diamond, "C": stadium, "D": circle, "W": leanRight, "E": cylinder, "F": asymmetric, "G": hexagon, "H": trapezoidAlt, "step-1": subroutine, "X": rect}
	if !reflect.DeepEqual(shapes, wantShapes) {
		t.Errorf("shapes %v, want %v", shapes, wantShapes)
	}
	if texts["B"] != "Sélection|du jury" || texts["W"] != "Attente" || texts["H"] != "Fin" || texts["F"] != "Note" {
		t.Errorf("texts %q", texts)
	}
	var edges []string
	for _, e := range g.edges {
		s := g.nodes[e.from].id + ">" + g.nodes[e.to].id
		if len(e.label) > 0 {
			s += ":" + strings.Join(e.label, " ")
		}
		s += fmt.Sprintf("/%d", e.style)
		if !e.head {
			s += "/open"
		}
		if e.arrowStart {
			s += "/both"
		}
		edges = append(edges, s)
	}
	want := []string{"A>B/0", "B>C:retenu/0", "C>D/1", "B>W:liste d'attente/0", "W>A/2", "C>E/0/open", "W>E/0/open", "E>F/0", "F>G/0", "G>H/0", "step-1>C/0/both", "H>A/0"}
	if !reflect.DeepEqual(edges, want) {
		t.Errorf("edges\n%q\nwant\n%q", edges, want)
	}
}

// A mistake is reported at its line of the diagram; another kind of
// diagram is unsupported, not a mistake.
func TestParseErrors(t *testing.T) {
	tests := []struct {
		src, want   string
		line        int
		unsupported bool
	}{
		{"sequenceDiagram\n  A->>B: hi", `"sequenceDiagram" diagrams are not drawn`, 1, true},
		{"\n%% c\ngantt\n", `"gantt" diagrams are not drawn`, 3, true},
		{"graph XY\nA-->B", `unknown direction "XY"`, 1, false},
		{"graph TD\nA-->B\nA[open --> C", `box A: "[" is never closed`, 3, false},
		{"graph TD\nA(text] --> B", `box A: opened with "(" and closed with "]"`, 2, false},
		{"graph TD\nA -> B", `expected an arrow (-->)`, 2, false},
		{"graph TD\nA --> ", `expected the name of a box`, 2, false},
		{"", "the diagram is empty", 1, false},
		{"graph TD\n%% nothing\n", "the flowchart has no box", 1, false},
	}
	for _, tt := range tests {
		_, err := Draw(tt.src, Options{ID: "x"})
		var de *Error
		if !errors.As(err, &de) {
			t.Errorf("%q: error %v, want an *Error", tt.src, err)
			continue
		}
		if !strings.Contains(de.Msg, tt.want) || de.Line != tt.line {
			t.Errorf("%q: line %d %q, want line %d %q", tt.src, de.Line, de.Msg, tt.line, tt.want)
		}
		if got := strings.Contains(de.Msg, ErrUnsupported.Error()); got != tt.unsupported {
			t.Errorf("%q: unsupported %v, want %v", tt.src, got, tt.unsupported)
		}
	}
}

// What a diagram must be, whatever its graph: well-formed SVG with a
// title and a description, no two boxes of a rank overlapping, ranks
// apart, every arrow following the flow but those closing a cycle, and
// ending on the outline of its boxes.
func TestLayoutInvariants(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 2026))
	for iter := range 300 {
		n := 1 + r.IntN(14)
		dir := []string{"TD", "BT", "LR", "RL"}[iter%4]
		var b strings.Builder
		fmt.Fprintf(&b, "graph %s\n", dir)
		shapesSrc := []string{"[%s]", "(%s)", "{%s}", "((%s))", "([%s])", "{{%s}}", "[/%s/]", ">%s]"}
		for i := range n {
			text := strings.Repeat("mot ", 1+r.IntN(4))
			fmt.Fprintf(&b, "n%d"+shapesSrc[r.IntN(len(shapesSrc))]+"\n", i, strings.TrimSpace(text))
		}
		for range r.IntN(2 * n) {
			arrow := []string{"-->", "---", "-.->", "==>", "-->|oui|"}[r.IntN(5)]
			fmt.Fprintf(&b, "n%d %s n%d\n", r.IntN(n), arrow, r.IntN(n))
		}
		// Some boxes in subgraphs, one within another at times.
		for k := range r.IntN(3) {
			fmt.Fprintf(&b, "subgraph g%d [Groupe %d]\n", k, k)
			for range 1 + r.IntN(3) {
				fmt.Fprintf(&b, "  n%d\n", r.IntN(n))
			}
			if r.IntN(3) == 0 {
				fmt.Fprintf(&b, "  subgraph h%d\n    n%d\n  end\n", k, r.IntN(n))
			}
			b.WriteString("end\n")
		}
		src := b.String()
		g, err := parse(src)
		if err != nil {
			t.Fatalf("%s: %v", src, err)
		}
		g.layout()
		across := dir == "LR" || dir == "RL"
		real := g.nodes[:len(g.nodes)-dummies(g)]
		for i, a := range real {
			for _, c := range real[i+1:] {
				if a.rank == c.rank && overlap(a, c) {
					t.Fatalf("%s: boxes %s and %s overlap", src, a.id, c.id)
				}
			}
		}
		for _, e := range g.edges {
			if e.from == e.to {
				continue
			}
			ka, kc := e.ranked()
			a, c := g.nodes[ka], g.nodes[kc]
			if c.rank <= a.rank {
				t.Fatalf("%s: arrow %s→%s does not go down the ranks", src, a.id, c.id)
			}
			flowA, flowC := a.y, c.y
			if across {
				flowA, flowC = a.x, c.x
			}
			if down := dir == "TD" || dir == "LR"; (flowC > flowA) != down {
				t.Fatalf("%s: arrow %s→%s drawn against the direction %s", src, a.id, c.id, dir)
			}
		}
		// A frame holds its boxes and covers no other; two frames nest
		// or stay apart.
		for c, cl := range g.clusters {
			if !cl.drawn {
				continue
			}
			for v, nd := range real {
				in := nd.x-nd.w/2 >= cl.x && nd.x+nd.w/2 <= cl.x+cl.w && nd.y-nd.h/2 >= cl.y && nd.y+nd.h/2 <= cl.y+cl.h
				apart := nd.x+nd.w/2 <= cl.x || nd.x-nd.w/2 >= cl.x+cl.w || nd.y+nd.h/2 <= cl.y || nd.y-nd.h/2 >= cl.y+cl.h
				if g.inside(v, c) && !in || !g.inside(v, c) && !apart {
					t.Fatalf("%s: frame %s and box %s", src, cl.id, nd.id)
				}
			}
			for d, other := range g.clusters {
				if d == c || !other.drawn || g.within(d, c) || g.within(c, d) {
					continue
				}
				if cl.x < other.x+other.w && other.x < cl.x+cl.w && cl.y < other.y+other.h && other.y < cl.y+cl.h {
					t.Fatalf("%s: frames %s and %s cross", src, cl.id, other.id)
				}
			}
		}
		d := Diagram{SVG: g.svg("t"), Text: g.text()}
		if err := wellFormed(d.SVG); err != nil {
			t.Fatalf("%s: %v\n%s", src, err, d.SVG)
		}
		if !strings.Contains(d.SVG, `<title id="t-t">Diagram</title><desc id="t-d">`) || strings.Count(d.SVG, `class="diagram-node"`) != len(real) {
			t.Fatalf("%s: title, description or boxes missing\n%s", src, d.SVG)
		}
	}
}

func overlap(a, b *node) bool {
	return math.Abs(a.x-b.x) < (a.w+b.w)/2 && math.Abs(a.y-b.y) < (a.h+b.h)/2
}

func wellFormed(svg string) error {
	_, err := attrValues(svg)
	return err
}

// attrValues parses svg and returns its attribute values: the place a
// computed number lands, where a label's own text never does.
func attrValues(svg string) ([]string, error) {
	dec := xml.NewDecoder(strings.NewReader(svg))
	var vals []string
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			return vals, nil
		}
		if err != nil {
			return nil, err
		}
		if el, ok := tok.(xml.StartElement); ok {
			for _, a := range el.Attr {
				vals = append(vals, a.Value)
			}
		}
	}
}

// An arrow leaves and enters its boxes at their outline, not their
// centre, whatever their shape.
func TestClipTo(t *testing.T) {
	for _, sh := range []shape{rect, diamond, circle} {
		n := &node{shape: sh, w: 100, h: 40, x: 0, y: 0}
		if sh == circle {
			n.h = 100
		}
		p := clipTo(n, point{0, 0}, point{300, 200})
		var on float64
		switch sh {
		case diamond:
			on = math.Abs(p.x)/50 + math.Abs(p.y)/20
		case circle:
			on = math.Hypot(p.x, p.y) / 50
		default:
			on = max(math.Abs(p.x)/50, math.Abs(p.y)/20)
		}
		if math.Abs(on-1) > 1e-9 {
			t.Errorf("shape %d: %v is not on the outline (%v)", sh, p, on)
		}
	}
}

// Text is escaped, and the description says the diagram in words.
func TestSVGText(t *testing.T) {
	d, err := Draw("graph TD\n  A[\"<script>x</script> & co\"] -->|oui & non| B[Fin]\n  C", Options{ID: "q", Title: "Diagramme"})
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(d.SVG, "<script") || !strings.Contains(d.SVG, "x &amp; co") {
		t.Errorf("text not escaped:\n%s", d.SVG)
	}
	if !strings.Contains(d.SVG, `<title id="q-t">Diagramme</title><desc id="q-d">x &amp; co → Fin (oui &amp; non); C</desc>`) {
		t.Errorf("description:\n%s", d.SVG)
	}
	if d.Text != "x & co\nFin\nC\noui & non\n" {
		t.Errorf("search text %q", d.Text)
	}
}

func FuzzFlowchart(f *testing.F) {
	f.Add("graph TD\nA[Start] --> B{Ok?}\nB -->|yes| C((End))\nB -- no --> A")
	f.Add("flowchart LR; a & b --> c -.-> d ==> a")
	f.Add("graph RL\nx[/a\\] --- y[\\b/] --o z>c]\nsubgraph s\nq\nend")
	f.Add("pie showData title T\n\"a\" : 1\n\"b\" : 2.5")
	f.Add("timeline\n title T\n section S\n 2024 : a : b\n      : c\n 2025 : d")
	f.Fuzz(func(t *testing.T, src string) {
		d, err := Draw(src, Options{ID: "f"})
		if err != nil {
			var de *Error
			if !errors.As(err, &de) || de.Line < 1 {
				t.Fatalf("error %v is not an *Error with a line", err)
			}
			return
		}
		vals, err := attrValues(d.SVG)
		if err != nil {
			t.Fatalf("%v\n%s", err, d.SVG)
		}
		// A label may say NaN; a coordinate may not.
		for _, v := range vals {
			if strings.Contains(v, "NaN") || strings.Contains(v, "Inf") {
				t.Fatalf("bad number %q in\n%s", v, d.SVG)
			}
		}
	})
}

// A pie chart: its slices in order with their shares, its title in the
// SVG and for screen readers, showData adding the values; a line that is
// no slice is a mistake at its line.
func TestPie(t *testing.T) {
	d, err := Draw("%% impact\npie showData\n    title Binômes par direction\n    \"Marketing\" : 12\n    \"Finance & co\" : 6.5\n    \"Vide\" : 0\n", Options{ID: "p", Title: "Diagramme", DecimalComma: true})
	if err != nil {
		t.Fatal(err)
	}
	if err := wellFormed(d.SVG); err != nil {
		t.Fatalf("%v\n%s", err, d.SVG)
	}
	for _, want := range []string{
		`<title id="p-t">Binômes par direction</title>`,
		"<desc id=\"p-d\">Marketing — 64,9\u00a0% (12); Finance &amp; co — 35,1\u00a0% (6,5); Vide — 0\u00a0% (0)</desc>",
		`class="diagram-slice s0"`, `class="diagram-slice s1"`,
	} {
		if !strings.Contains(d.SVG, want) {
			t.Errorf("no %s in\n%s", want, d.SVG)
		}
	}
	if strings.Count(d.SVG, "<path") != 2 {
		t.Errorf("want two slices drawn (the empty one is not):\n%s", d.SVG)
	}
	if d.Text != "Binômes par direction\nMarketing\nFinance & co\nVide\n" {
		t.Errorf("search text %q", d.Text)
	}
	one, err := Draw("pie\n\"Tout\" : 3", Options{ID: "q"})
	if err != nil || !strings.Contains(one.SVG, "<circle") {
		t.Errorf("a single slice is a whole circle: %v\n%s", err, one.SVG)
	}
	for src, want := range map[string]string{
		"pie\n  \"a\" : 1\n  b : 2":   `line 3 of the diagram: expected a slice, "Label" : 42, at "b : 2"`,
		"pie\n  \"a\" : -1":           `line 2 of the diagram: "-1" is no positive number`,
		"pie title Rien\n  \"a\" : 0": "line 1 of the diagram: the pie chart has no slice with a value",
	} {
		if _, err := Draw(src, Options{ID: "e"}); err == nil || err.Error() != want {
			t.Errorf("%q: error %v, want %s", src, err, want)
		}
	}
}

// A timeline: periods in order with their events, ": more" lines adding
// events to the period above, sections grouping periods; said in words
// for screen readers, its text searchable.
func TestTimeline(t *testing.T) {
	src := "timeline\n    title Une promotion\n    section Préparation\n      Décembre : Appel à candidatures\n      Janvier : Entretiens : Formation des binômes\n    section Année\n      Février : Premières rencontres\n              : Formations\n      Octobre : Clôture\n"
	d, err := Draw(src, Options{ID: "t"})
	if err != nil {
		t.Fatal(err)
	}
	if err := wellFormed(d.SVG); err != nil {
		t.Fatalf("%v\n%s", err, d.SVG)
	}
	for _, want := range []string{
		`<title id="t-t">Une promotion</title>`,
		`<desc id="t-d">Décembre: Appel à candidatures; Janvier: Entretiens, Formation des binômes; Février: Premières rencontres, Formations; Octobre: Clôture</desc>`,
		`class="diagram-section s0"`, `class="diagram-section s1"`, `class="diagram-period s1"`,
	} {
		if !strings.Contains(d.SVG, want) {
			t.Errorf("no %s in\n%s", want, d.SVG)
		}
	}
	if n := strings.Count(d.SVG, `class="diagram-node"`); n != 6 {
		t.Errorf("%d events drawn, want 6", n)
	}
	if !strings.HasPrefix(d.Text, "Une promotion\nDécembre\nAppel à candidatures\nJanvier\n") {
		t.Errorf("search text %q", d.Text)
	}
	if _, err := Draw("timeline\n  : orphan", Options{}); err == nil || err.Error() != "line 2 of the diagram: an event with no period before it: write Period : Event" {
		t.Errorf("orphan event: %v", err)
	}
	if _, err := Draw("timeline\n  title Rien", Options{}); err == nil {
		t.Errorf("a timeline without periods drew")
	}
	// A long event wraps to the column's width.
	if got := wrap("Cérémonie de clôture et publication des histoires de binômes", 190); len(got) < 2 {
		t.Errorf("wrap = %q", got)
	}
}

func dummies(g *graph) int {
	n := 0
	for _, nd := range g.nodes {
		if nd.dummy {
			n++
		}
	}
	return n
}

// Subgraphs are framed, titled, the inner one within the outer; the
// description names the groups.
func TestSubgraphFrames(t *testing.T) {
	d, err := Draw("graph TD\n  subgraph outer [Programme]\n    subgraph inner [Binôme]\n      M[Mentor] <--> N[Mentoré]\n    end\n    S[Sponsor] --> M\n  end\n  RH[Équipe RH] --> S", Options{ID: "s"})
	if err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(d.SVG, `<g class="diagram-cluster">`); n != 2 {
		t.Errorf("%d frames, want 2:\n%s", n, d.SVG)
	}
	for _, want := range []string{">Programme</text>", ">Binôme</text>", "Programme: Mentor, Mentoré, Sponsor; Binôme: Mentor, Mentoré</desc>"} {
		if !strings.Contains(d.SVG, want) {
			t.Errorf("no %s in\n%s", want, d.SVG)
		}
	}
}
