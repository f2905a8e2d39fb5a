package compiled

import (
	"bytes"
	"errors"
	"fmt"
	"html/template"
	"math/rand/v2"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// item is the data of the generated templates: fields, value and pointer
// methods, methods with arguments and errors, maps, slices and nils.
type item struct {
	Name  string
	N     int
	Tags  []string
	Sub   *item
	Subs  []*item
	Vals  []item
	M     map[string]any
	Page  template.HTML
	Link  template.URL
	Score float64
	Any   any
}

func (i *item) Title() string                       { return strings.ToUpper(i.Name) }
func (i item) Plain() string                        { return "plain:" + i.Name }
func (i *item) Greet(s string) string               { return s + ", " + i.Name }
func (i *item) Times(n int) int                     { return n * i.N }
func (i *item) Fail() (string, error)               { return "", errors.New("failed") }
func (i *item) Maybe() (string, error)              { return "maybe " + i.Name, nil }
func (i *item) Nothing() *item                      { return nil }
func (i *item) Value() any                          { return i.Any }
func (i *item) Join(sep string, more ...any) string { return i.Name + sep + fmt.Sprint(more...) }

// item gives direct functions for some of its methods (MethodTable), as
// binome's pages do; the others are called by reflection. directCalls
// counts the calls of the direct ones.
func (*item) TemplateMethod(name string) func(recv any, args []any) (any, error) {
	f := itemMethods[name]
	if f == nil {
		return nil
	}
	return func(recv any, args []any) (any, error) {
		directCalls.Add(1)
		return f(recv.(*item), args)
	}
}

var directCalls atomic.Int64

var itemMethods = map[string]func(i *item, args []any) (any, error){
	"Title": func(i *item, _ []any) (any, error) { return i.Title(), nil },
	"Greet": func(i *item, a []any) (any, error) { return i.Greet(a[0].(string)), nil },
	"Times": func(i *item, a []any) (any, error) { return i.Times(a[0].(int)), nil },
	"Fail":  func(i *item, _ []any) (any, error) { return i.Fail() },
	"Join":  func(i *item, a []any) (any, error) { return i.Join(a[0].(string), slices.Clone(a[1:])...), nil },
}

// TestDirectMethods runs templates calling direct methods, of item and of
// time.Time, and wants html/template's bytes and the direct functions
// called; an error, or a nil receiver, leaves the execution to
// html/template.
func TestDirectMethods(t *testing.T) {
	type data struct {
		I    *item
		Nil  *item
		When time.Time
		Zero time.Time
	}
	d := data{I: &item{Name: "lea", N: 3}, When: time.Date(2026, 11, 30, 9, 0, 0, 0, time.UTC)}
	for _, tc := range []struct {
		src         string
		unsupported bool
	}{
		{`{{.I.Title}} {{.I.Greet "bonjour"}} {{.I.Times 4}} {{.I.Join "-" 1 "a" 2.5}} {{.I.Join "+"}}`, false},
		{`{{.When.IsZero}} {{.Zero.IsZero}} {{.When.Year}} {{.When.Format "2006-01-02"}} {{.When.Unix}}`, false},
		{`{{.I.Fail}}`, true},
		{`{{.Nil.Title}}`, true},
	} {
		tmpl := template.Must(template.New("t").Parse(tc.src))
		var want bytes.Buffer
		wantErr := tmpl.Execute(&want, d)
		prog, err := Compile(tmpl, nil)
		if err != nil {
			t.Fatal(err)
		}
		before := directCalls.Load()
		var got bytes.Buffer
		err = prog.Execute(&got, d)
		if tc.unsupported {
			if !errors.Is(err, ErrUnsupported) || wantErr == nil {
				t.Errorf("%s: %v (html/template: %v), want it left to html/template", tc.src, err, wantErr)
			}
			continue
		}
		if err != nil || wantErr != nil || got.String() != want.String() {
			t.Errorf("%s: %q, %v; html/template: %q, %v", tc.src, got.String(), err, want.String(), wantErr)
		}
		if strings.Contains(tc.src, ".I.") && directCalls.Load()-before != 5 {
			t.Errorf("%s: %d direct calls, want 5", tc.src, directCalls.Load()-before)
		}
	}
}

var testFuncs = template.FuncMap{
	"up":  func(v any) string { return strings.ToUpper(fmt.Sprint(v)) },
	"cat": func(a, b string) string { return a + b },
	"add": func(a, b any) (any, error) {
		x, ok1 := a.(int)
		y, ok2 := b.(int)
		if !ok1 || !ok2 {
			return nil, errors.New("not ints")
		}
		return x + y, nil
	},
	"list":  func(v ...any) []any { return v },
	"safe":  func(v any) template.HTML { return template.HTML(fmt.Sprint(v)) },
	"count": func(n int, v ...string) int { return n + len(v) },
	"ptr":   func(i *item) string { return "ptr:" + i.Name },
	"deref": func(i item) string { return "val:" + i.Name },
	"boom":  func() (string, error) { return "", errors.New("boom") },
	"dict": func(kv ...any) (map[string]any, error) {
		m := map[string]any{}
		for i := 0; i+1 < len(kv); i += 2 {
			k, ok := kv[i].(string)
			if !ok {
				return nil, errors.New("key")
			}
			m[k] = kv[i+1]
		}
		return m, nil
	},
}

// TestGeneratedTemplates executes random templates over random data with
// html/template and with their compiled programs. Where the program does
// not leave the execution to html/template, it must write the same bytes,
// and html/template must not have failed.
func TestGeneratedTemplates(t *testing.T) {
	n := 4000
	if testing.Short() {
		n = 500
	}
	rng := rand.New(rand.NewPCG(1, 2))
	compiled, succeeded, ran, same, shown := 0, 0, 0, 0, 0
	for i := 0; i < n; i++ {
		g := &gen{rng: rng}
		src := g.snippets(1+rng.IntN(3), 0)
		if rng.IntN(3) == 0 {
			// A template called with a value of the page, and one
			// calling itself while it has something to go down to.
			src += `{{define "d"}}` + (&gen{rng: rng}).snippets(1, 2) + `{{end}}` +
				`{{define "rec"}}<u>{{.Name}}</u>{{with .Sub}}{{template "rec" .}}{{end}}{{end}}` +
				`{{template "d" ` + g.pick(".", ".Sub", "$", ".M", "") + `}}{{template "rec" .}}`
		}
		tmpl, err := template.New("t").Funcs(testFuncs).Parse(src)
		if err != nil {
			t.Fatalf("generated template does not parse: %v\n%s", err, src)
		}
		data := randomItem(rng, 2)
		var want bytes.Buffer
		wantErr := tmpl.Execute(&want, data)
		var esc *template.Error
		if errors.As(wantErr, &esc) {
			continue // html/template refuses the context: nothing to compile
		}
		prog, err := Compile(tmpl, testFuncs)
		if err != nil {
			continue
		}
		compiled++
		for round := 0; round < 3; round++ {
			if round > 0 {
				data = randomItem(rng, 2)
				want.Reset()
				wantErr = tmpl.Execute(&want, data)
			}
			if wantErr == nil {
				succeeded++
			}
			var got bytes.Buffer
			got.WriteString("kept:")
			err := prog.Execute(&got, data)
			if err != nil {
				if !errors.Is(err, ErrUnsupported) {
					t.Fatalf("error not wrapping ErrUnsupported: %v", err)
				}
				if wantErr == nil && testing.Verbose() && shown < 15 {
					shown++
					t.Logf("left to html/template: %s", src)
				}
				continue
			}
			ran++
			if wantErr != nil {
				t.Fatalf("compiled ran where html/template failed (%v)\ntemplate: %s\ndata: %+v", wantErr, src, data)
			}
			if got.String() != "kept:"+want.String() {
				t.Fatalf("outputs differ\ntemplate: %s\ndata: %+v\ncompiled:      %q\nhtml/template: %q", src, data, got.String(), want.String())
			}
			same++
		}
	}
	t.Logf("%d templates, %d compiled; of their executions, %d succeeded with html/template, %d ran compiled, all the same", n, compiled, succeeded, same)
	// The comparison means something only if most templates compile
	// and most executions that can succeed run compiled.
	if compiled < n*9/10 || ran < succeeded*8/10 {
		t.Errorf("only %d of %d templates compiled, %d of %d executions ran", compiled, n, ran, succeeded)
	}
}

type gen struct {
	rng  *rand.Rand
	vars []string
}

func (g *gen) pick(s ...string) string { return s[g.rng.IntN(len(s))] }

// snippets writes n pieces of markup, each with actions in one context.
func (g *gen) snippets(n, depth int) string {
	var b strings.Builder
	for i := 0; i < n; i++ {
		b.WriteString(g.snippet(depth))
	}
	return b.String()
}

func (g *gen) snippet(depth int) string {
	k := g.rng.IntN(14)
	if depth > 2 && k >= 7 {
		k = g.rng.IntN(7)
	}
	switch k {
	case 0:
		return "<p>" + g.action() + "</p>"
	case 1:
		return `<a href="` + g.action() + `">x</a>`
	case 2:
		return `<a href="/q?x=` + g.action() + `&amp;y=1">x</a>`
	case 3:
		return `<span title="` + g.action() + `">t</span>`
	case 4:
		return "<title>" + g.action() + "</title>"
	case 5:
		return " text & " + g.action() + " "
	case 6:
		return `<img alt="x" src="/i/` + g.action() + `.png">`
	case 7:
		return "{{if " + g.expr(1) + "}}" + g.block(depth) + "{{else}}" + g.block(depth) + "{{end}}"
	case 8:
		return "{{with " + g.expr(1) + "}}" + g.block(depth) + "{{else}}" + g.block(depth) + "{{end}}"
	case 9:
		coll := g.pick(".Tags", ".Subs", ".Vals", ".M", "(list 1 2 3)", ".Nothing", ".N", "$", "(dict \"a\" 1 \"b\" .Name)")
		mark := len(g.vars)
		head := "{{range " + coll + "}}"
		switch g.rng.IntN(3) {
		case 1:
			v := g.newVar()
			head = "{{range " + v + " := " + coll + "}}"
		case 2:
			i, e := g.newVar(), g.newVar()
			head = "{{range " + i + ", " + e + " := " + coll + "}}"
		}
		body := g.block(depth)
		if g.rng.IntN(4) == 0 {
			body += "{{if " + g.expr(1) + "}}{{break}}{{end}}"
		}
		if g.rng.IntN(4) == 0 {
			body = "{{if " + g.expr(1) + "}}{{continue}}{{end}}" + body
		}
		g.vars = g.vars[:mark]
		s := head + body
		if g.rng.IntN(2) == 0 {
			s += "{{else}}" + g.block(depth)
		}
		return s + "{{end}}"
	case 10:
		v := g.newVar()
		return "{{" + v + " := " + g.expr(1) + "}}" + g.snippet(depth+1)
	case 11:
		if len(g.vars) > 0 {
			return "{{" + g.vars[g.rng.IntN(len(g.vars))] + " = " + g.expr(1) + "}}" + g.snippet(depth+1)
		}
		return "<b>" + g.action() + "</b>"
	case 12:
		return "{{/* a comment */}}<i>" + g.action() + "</i>" + g.pick("",
			"<script>var x = "+g.action()+";</script>", `<a onclick="f(`+g.action()+`)">o</a>`,
			`<style>p { color: `+g.action()+` }</style>`, "<a title="+g.action()+">u</a>", `<script>var s = "`+g.action()+`";</script>`)
	default:
		return "{{- " + g.expr(1) + " -}}"
	}
}

// block opens a scope: its variables end with it.
func (g *gen) block(depth int) string {
	mark := len(g.vars)
	s := g.snippets(1+g.rng.IntN(2), depth+1)
	g.vars = g.vars[:mark]
	return s
}

func (g *gen) newVar() string {
	v := fmt.Sprintf("$v%d", g.rng.IntN(4))
	g.vars = append(g.vars, v)
	return v
}

func (g *gen) action() string { return "{{" + g.expr(1) + "}}" }

func (g *gen) expr(depth int) string {
	if depth > 2 {
		return g.operand()
	}
	switch g.rng.IntN(20) {
	case 0:
		return "eq " + g.operand() + " " + g.operand()
	case 1:
		return "ne " + g.operand() + " " + g.operand()
	case 2:
		return g.pick("lt", "le", "gt", "ge") + " " + g.operand() + " " + g.operand()
	case 3:
		return g.pick("and", "or") + " " + g.operand() + " " + g.operand()
	case 4:
		return "not " + g.operand()
	case 5:
		return "len " + g.operand()
	case 6:
		return "index " + g.operand() + " " + g.pick("0", "1", `"a"`, `"k"`, ".N")
	case 7:
		return g.pick("print", "println") + " " + g.operand() + " " + g.operand()
	case 8:
		return `printf "%v-%d" ` + g.operand() + " " + g.operand()
	case 9:
		return g.pick("up", "safe") + " " + g.operand()
	case 10:
		return "cat " + g.operand() + " " + g.operand()
	case 11:
		return "add " + g.operand() + " " + g.operand()
	case 12:
		return g.operand() + " | " + g.pick("up", "len", "not", "printf \"%v\"", "print", "eq 3", "cat \"x\"", "safe")
	case 13:
		return g.pick(".Greet", ".Join") + " " + g.operand()
	case 14:
		return ".Times " + g.pick("2", ".N", `"x"`, "1.5")
	case 15:
		return "count " + g.pick("1", ".N") + " " + g.operand()
	case 16:
		return g.pick("ptr", "deref") + " " + g.pick(".", ".Sub", "$", ".Nothing")
	case 17:
		return "(" + g.expr(depth+1) + ")" + g.pick("", ".Name", ".Title")
	}
	return g.operand()
}

func (g *gen) operand() string {
	if g.rng.IntN(12) == 0 {
		// Operands that fail with some data or in some places.
		return g.pick(".Sub.Sub.N", ".M.k.x", ".Any.Name", ".Fail", ".Nothing.Name", ".Value.N", "nil", "boom",
			"(index .Vals 0).Name", ".Sub.Title", ".Sub.Plain")
	}
	ops := []string{".Name", ".N", ".Tags", ".Sub", ".Sub.Name", ".M", ".M.a", ".M.k", ".M.missing.x",
		".Page", ".Link", ".Score", ".Any", ".Title", ".Plain", ".Maybe",
		".Nothing", ".Value", "$", "$.Name", ".", `"s<&>'\"+"`, `"javascript:x"`, "3", "0", "-1",
		"1.5", "true", "false", ".Vals", ".Subs", "(list 1 \"a\")"}
	for _, v := range g.vars {
		ops = append(ops, v, v+".Name")
	}
	return g.pick(ops...)
}

var texts = []string{"", "Léa", "<b>x</b>", `a"b'c`, "a&b+c", "javascript:alert(1)", "https://x.org/a b?c=d&e=%zz%41",
	"mailto:a@b", "/path/é", "\x00nul", "\xff\xfe", "line\nbreak", "tab\there", "%41%4", "data:x", "HTTP:ok", "a:b/c"}

func randomItem(rng *rand.Rand, depth int) *item {
	pick := func() string { return texts[rng.IntN(len(texts))] }
	it := &item{Name: pick(), N: rng.IntN(5) - 1, Score: float64(rng.IntN(4)) / 2}
	for range rng.IntN(3) {
		it.Tags = append(it.Tags, pick())
	}
	if rng.IntN(3) > 0 {
		it.M = map[string]any{"a": pick(), "k": map[string]any{"x": rng.IntN(3)}}
		if rng.IntN(2) == 0 {
			it.M["k"] = nil
		}
	}
	it.Page = template.HTML(pick())
	it.Link = template.URL(pick())
	switch rng.IntN(4) {
	case 1:
		it.Any = pick()
	case 2:
		it.Any = rng.IntN(3)
	case 3:
		it.Any = &item{Name: pick()}
	}
	if depth > 0 {
		if rng.IntN(3) > 0 {
			it.Sub = randomItem(rng, depth-1)
		}
		for range rng.IntN(3) {
			it.Subs = append(it.Subs, randomItem(rng, depth-1))
		}
		for range rng.IntN(3) {
			it.Vals = append(it.Vals, *randomItem(rng, 0))
		}
	}
	return it
}

// TestEscapersMatch sets values in each context the escapers cover and
// wants html/template's bytes.
func TestEscapersMatch(t *testing.T) {
	if n := len(borrowed()); n != len(borrowedSources) {
		t.Errorf("%d of %d escapers borrowed from html/template", n, len(borrowedSources))
	}
	contexts := []string{`<p>{{.}}</p>`, `<a title="{{.}}">`, `<a href="{{.}}">`, `<a href="/x?q={{.}}">`,
		`<title>{{.}}</title>`, `<a href='{{.}}'>`, `<a href="/{{.}}/{{.}}">`,
		// The escapers html/template lends: scripts, styles, unquoted
		// attributes and attribute names.
		`<script>var x = {{.}};</script>`, `<script>var s = "{{.}}";</script>`, `<script>var r = /{{.}}/;</script>`,
		"<script>var t = `{{.}}`;</script>", `<style>p { color: {{.}} }</style>`, `<style>p { content: "a{{.}}" }</style>`,
		`<a onclick="f({{.}})">`, `<a title={{.}}>`, `<a {{.}}="1">`, `<p style="color: {{.}}">`}
	values := []any{nil, 7, true, 1.5, template.HTML("<b>é</b>&amp;"), template.URL("javascript:x y"), template.CSS("a<b"),
		template.JS("a</script>"), template.JSStr(`a"b`), template.HTMLAttr(`x="y"`), []string{"a", "</script>"},
		map[string]any{"k": 1}, &item{Name: "p"}, item{Name: "v"}}
	for _, s := range texts {
		values = append(values, s)
	}
	rng := rand.New(rand.NewPCG(3, 4))
	for range 300 {
		b := make([]byte, rng.IntN(12))
		for i := range b {
			const alphabet = "aZ9 <>&\"'+%:/?#=\x00\xc3\xa9\xff-._~!$*,;@[]()"
			b[i] = alphabet[rng.IntN(len(alphabet))]
		}
		values = append(values, string(b))
	}
	for _, ctx := range contexts {
		tmpl := template.Must(template.New("t").Parse(ctx))
		var first bytes.Buffer
		if err := tmpl.Execute(&first, ""); err != nil {
			t.Fatal(err)
		}
		prog, err := Compile(tmpl, nil)
		if err != nil {
			t.Fatalf("%s: %v", ctx, err)
		}
		for _, v := range values {
			var want, got bytes.Buffer
			if err := tmpl.Execute(&want, v); err != nil {
				t.Fatal(err)
			}
			if err := prog.Execute(&got, v); err != nil {
				if errors.Is(err, ErrUnsupported) {
					continue
				}
				t.Fatal(err)
			}
			if got.String() != want.String() {
				t.Errorf("%s with %#v:\ncompiled:      %q\nhtml/template: %q", ctx, v, got.String(), want.String())
			}
		}
	}
}

// FuzzEscapers gives any text, as a string and as HTML, to every context
// the escapers cover and wants html/template's bytes.
func FuzzEscapers(f *testing.F) {
	for _, s := range texts {
		f.Add(s)
	}
	contexts := []string{`<p>{{.}}</p>`, `<a title="{{.}}">`, `<a href="{{.}}">`, `<a href="/x?q={{.}}">`, `<title>{{.}}</title>`,
		`<script>var x = {{.}};</script>`, `<script>var s = "{{.}}";</script>`, `<style>p { color: {{.}} }</style>`,
		`<a onclick="f({{.}})">`, `<a title={{.}}>`, `<a {{.}}="1">`}
	type pair struct {
		tmpl *template.Template
		prog *Program
	}
	var pairs []pair
	for _, ctx := range contexts {
		tmpl := template.Must(template.New("t").Parse(ctx))
		if err := tmpl.Execute(&bytes.Buffer{}, ""); err != nil {
			f.Fatal(err)
		}
		prog, err := Compile(tmpl, nil)
		if err != nil {
			f.Fatal(err)
		}
		pairs = append(pairs, pair{tmpl, prog})
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, v := range []any{s, template.HTML(s), template.URL(s), template.JS(s), template.CSS(s)} {
			for _, p := range pairs {
				var want, got bytes.Buffer
				if err := p.tmpl.Execute(&want, v); err != nil {
					t.Fatal(err)
				}
				if err := p.prog.Execute(&got, v); err != nil {
					continue
				}
				if got.String() != want.String() {
					t.Errorf("%s with %#v: compiled %q, html/template %q", p.tmpl.Tree.Root, v, got.String(), want.String())
				}
			}
		}
	})
}
