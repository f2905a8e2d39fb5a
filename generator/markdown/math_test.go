package markdown

import (
	"math/rand/v2"
	"strings"
	"testing"
)

// Math between dollars is kept as TeX, escaped, in an element of class
// math; money is not math.
func TestMath(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"inline", `Euler: $e^{i\pi} + 1 = 0$.`, `<p>Euler: <span class="math">e^{i\pi} + 1 = 0</span>.</p>`},
		{"no markdown inside", `$a_1*b_2* < c$ and *d*`, `<p><span class="math">a_1*b_2* &lt; c</span> and <em>d</em></p>`},
		{"money", `It costs $5 and $10, or $HOME and $PATH.`, `<p>It costs $5 and $10, or $HOME and $PATH.</p>`},
		{"no digit after the closing dollar", `$x$5`, `<p>$x$5</p>`},
		{"escaped dollar inside", `$\$x$`, `<p><span class="math">\$x</span></p>`},
		{"display in a line", `So $$x^2$$ here.`, `<p>So <span class="math math-display">x^2</span> here.</p>`},
		{"display block", "$$\n\\sum_{i=1}^n i\n$$", "<div class=\"math math-display\">\\sum_{i=1}^n i\n</div>"},
		{"display block closed on its last line", "$$ a\n< b $$", `<div class="math math-display"> a` + "\n&lt; b </div>"},
		{"never closed", "$$ x\n\ny $$ z", "<p>$$ x</p>\n<p>y $$ z</p>"},
		{"tags in TeX are TeX", `$\frac{{a}}{b}$`, `<p><span class="math">\frac{{a}}{b}</span></p>`},
		{"code", "`$x$`", "<p><code>$x$</code></p>"},
	}
	r := New(Config{})
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := Normalize([]byte(tt.in), false)
			res, err := r.Render(src, Options{Lang: "fr"})
			if err != nil {
				t.Fatal(err)
			}
			if got := strings.TrimSpace(string(res.HTML)); got != tt.want {
				t.Errorf("got  %q\nwant %q", got, tt.want)
			}
			if strings.Contains(tt.want, `class="math`) && !MayHaveMath([]byte(tt.in)) {
				t.Error("MayHaveMath says no")
			}
			if tags := ForeignTags(src, false); len(tags) > 0 {
				t.Errorf("TeX taken for tags: %v", tags)
			}
		})
	}
	res, err := New(Config{NoMath: true}).Render([]byte(`$x$`), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if got := string(res.HTML); got != "<p>$x$</p>\n" {
		t.Errorf("with NoMath: %q", got)
	}
}

// MayHaveMath never says no to a page that has math, whatever the page:
// the theme loads KaTeX only where it says yes.
func TestMayHaveMathFindsAllMath(t *testing.T) {
	pieces := []string{"$", "$$", "x", " ", "\n", "\n\n", "`", "\\", "5", "*", "_{a}", "{{", "}}", "# ", "> ", "- "}
	r := New(Config{})
	rng := rand.New(rand.NewPCG(5, 8))
	for range 20000 {
		var b strings.Builder
		for range rng.IntN(10) {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		src := []byte(b.String())
		res, err := r.Render(Normalize(src, false), Options{})
		if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(string(res.HTML), `class="math`) && !MayHaveMath(src) {
			t.Fatalf("MayHaveMath(%q) = false, but it renders math:\n%s", src, res.HTML)
		}
	}
}
