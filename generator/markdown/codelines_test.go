package markdown

import (
	"html"
	"reflect"
	"regexp"
	"strings"
	"testing"
)

func TestInfoLines(t *testing.T) {
	for _, tc := range []struct {
		info string
		want []int
	}{
		{"js", nil},
		{"js {1,4-6}", []int{1, 4, 5, 6}},
		{"jsx {2} title=\"App.jsx\"", []int{2}},
		{"{3}", []int{3}},
		{`py hl_lines="2 3-4"`, []int{2, 3, 4}},
		{`py title="x.py" hl_lines='5'`, []int{5}},
		{`go {hl_lines=[2,"4-5"],linenos=true}`, []int{2, 4, 5}},
		{`go {hl_lines="1 3"}`, []int{1, 3}},
		{`go {linenos=table,hl_lines=[8,"15-17"],linenostart=199}`, []int{8, 15, 16, 17}},
		{"js {.class #id}", nil},            // goldmark-style attributes, no lines
		{"js {5-3}", nil},                   // backwards: nothing
		{"js {0}", nil},                     // lines count from 1
		{"js title=\"{1}\"", nil},           // inside a title
		{"js{1}", nil},                      // Docusaurus wants a space
		{"hl_lines=99999999", nil},          // past the code
		{"js {19-99999999}", []int{19, 20}}, // to its last line
	} {
		got := infoLines(tc.info, 20)
		var lines []int
		for i := 1; i <= 20; i++ {
			if got[i] {
				lines = append(lines, i)
			}
		}
		if len(got) != len(lines) || !reflect.DeepEqual(lines, tc.want) {
			t.Errorf("infoLines(%q) = %v, want %v", tc.info, got, tc.want)
		}
	}
}

func TestMagicComment(t *testing.T) {
	for _, tc := range []struct {
		line string
		want magic
	}{
		{"// highlight-next-line\n", nextLine},
		{"    # highlight-start", blockStart},
		{"<!-- highlight-end -->", blockEnd},
		{"{/* highlight-next-line */}", nextLine},
		{"/* highlight-start */", blockStart},
		{"-- highlight-end", blockEnd},
		{"% highlight-next-line", nextLine},
		{";; highlight-next-line", nextLine},
		{"(* highlight-next-line *)", nextLine},
		{"//highlight-next-line", nextLine},
		{"x = 1 // highlight-next-line", notMagic}, // not alone on its line
		{"// highlight-next-lines", notMagic},
		{"// highlight-error-line", notMagic},
		{"echo highlight-start", notMagic},
		{"<!-- highlight-end", notMagic},
	} {
		if got := magicComment(tc.line); got != tc.want {
			t.Errorf("magicComment(%q) = %d, want %d", tc.line, got, tc.want)
		}
	}
}

func TestMarkLines(t *testing.T) {
	code := "a\n// highlight-next-line\nb\nc\n// highlight-start\nd\ne\n// highlight-end\nf\n"
	got, marked := markLines("js {6}", code)
	if want := "a\nb\nc\nd\ne\nf\n"; got != want {
		t.Errorf("code = %q, want %q", got, want)
	}
	if want := map[int]bool{2: true, 4: true, 5: true, 6: true}; !reflect.DeepEqual(marked, want) {
		t.Errorf("marked = %v, want %v", marked, want)
	}
	if got, marked := markLines("js", "x\n"); got != "x\n" || marked != nil {
		t.Errorf("plain block: %q %v", got, marked)
	}
	// An unclosed start marks to the end; a stray end is dropped.
	if got, marked := markLines("", "# highlight-end\n# highlight-start\nx\ny\n"); got != "x\ny\n" || !reflect.DeepEqual(marked, map[int]bool{1: true, 2: true}) {
		t.Errorf("unbalanced: %q %v", got, marked)
	}
}

func TestRenderMarkedLines(t *testing.T) {
	src := "```js {1}\nconst a = 1;\n// highlight-next-line\nconst b = 2;\nconst c = 3;\n```\n\n" +
		"```text hl_lines=\"2\"\n<one>\n<two>\n```\n"
	for _, hl := range []bool{false, true} {
		res, err := New(Config{Highlight: hl}).Render([]byte(src), Options{})
		if err != nil {
			t.Fatal(err)
		}
		html := string(res.HTML)
		if strings.Contains(html, "highlight-next-line") {
			t.Errorf("highlight %v: the magic comment is shown:\n%s", hl, html)
		}
		if n := strings.Count(html, markOpen); n != 3 || strings.Count(html, markClose) != 3 {
			t.Errorf("highlight %v: %d marked lines, want 3:\n%s", hl, n, html)
		}
		plain := textOf(html)
		for _, want := range []string{"const a = 1;\nconst b = 2;\nconst c = 3;\n", "<one>\n<two>\n"} {
			if !strings.Contains(plain, want) {
				t.Errorf("highlight %v: text %q lacks %q", hl, plain, want)
			}
		}
		var marks []string
		for rest := html; strings.Contains(rest, markOpen); {
			_, rest, _ = strings.Cut(rest, markOpen)
			var m string
			m, rest, _ = strings.Cut(rest, markClose)
			marks = append(marks, textOf(m))
		}
		if want := []string{"const a = 1;\n", "const b = 2;\n", "<two>\n"}; !reflect.DeepEqual(marks, want) {
			t.Errorf("highlight %v: marked %q, want %q", hl, marks, want)
		}
	}
}

// textOf is the text of an HTML fragment: its tags stripped, its
// entities decoded, its newlines kept.
func textOf(s string) string {
	return html.UnescapeString(tagRe.ReplaceAllString(s, ""))
}

var tagRe = regexp.MustCompile(`<[^>]*>`)
