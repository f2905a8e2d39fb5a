// Package compiled runs html/template's templates as trees of Go closures,
// after html/template has escaped them, so that a page's hundreds of
// actions cost a closure call each instead of text/template's reflective
// walk: no method looked up by name on every call, no argument slice
// built for every escaper.
//
// It is an accelerator, not a second template language. A theme is
// parsed, checked and escaped by html/template as always; Compile then
// reads the escaped trees, whose every action already ends in the
// escaping functions html/template chose for its context, and builds the
// closures. Whatever the compiler does not know (a builtin it lacks, an
// escaper for a context it does not handle, a template html/template
// derived for another context) makes Compile fail, and the caller keeps
// executing that template with html/template. Whatever the closures meet
// at run time that they are not sure to do exactly as text/template does
// (a nil pointer, a value whose addressability would matter, an error of
// any kind) makes Execute return ErrUnsupported, and the caller executes
// the same template with html/template, which writes the same page or
// reports the error with its own words. Tests hold the two to the same
// bytes, on the default theme and on generated templates.
//
// Templates are assumed to use the default missingkey option.
package compiled

import (
	"bytes"
	"errors"
	"fmt"
	"html/template"
	"reflect"
	"slices"
	"sync"
	"text/template/parse"
)

// ErrUnsupported is returned by Execute when the template met something
// that only html/template may decide; the caller executes the template
// with html/template instead. What was written is to be discarded.
var ErrUnsupported = errors.New("compiled: left to html/template")

// maxDepth bounds nested {{ template }} calls; deeper recursion is left to
// text/template, which reports it.
const maxDepth = 1000

// Program is one entry template and the templates it calls, compiled.
type Program struct {
	main *proc
}

// proc is one compiled template body.
type proc struct {
	name  string
	body  stmt
	slots int // variables it may hold at once, $ included
}

// state is one execution.
type state struct {
	w     *bytes.Buffer
	vars  []any // the variables of every template being executed
	base  int   // where the current template's variables start
	depth int
	stack []any // arguments of the calls being made
}

// drop pops the stack back to n.
func (s *state) drop(n int) {
	clear(s.stack[n:])
	s.stack = s.stack[:n]
}

type (
	// stmt writes a node's output.
	stmt func(s *state, dot any) error
	// expr evaluates a pipeline or an argument.
	expr func(s *state, dot any) (any, error)
)

var states = sync.Pool{New: func() any { return &state{vars: make([]any, 0, 64)} }}

// Execute runs the program with data as dot, appending to w. On any error
// the caller should cut w back and execute with html/template.
func (p *Program) Execute(w *bytes.Buffer, data any) error {
	s := states.Get().(*state)
	s.w = w
	s.base, s.depth = 0, 0
	s.vars = grow(s.vars[:0], p.main.slots)
	s.vars[0] = data
	err := p.main.body(s, data)
	clear(s.vars[:cap(s.vars)])
	s.drop(0)
	s.w = nil
	states.Put(s)
	if err != nil && err != ErrUnsupported {
		return fmt.Errorf("%w: %w", ErrUnsupported, err)
	}
	return err
}

func grow(v []any, n int) []any {
	return slices.Grow(v, n)[:len(v)+n]
}

// call runs proc with dot in a frame of its own: a template sees no
// variables of its caller.
func (s *state) call(p *proc, dot any) error {
	if s.depth >= maxDepth {
		return ErrUnsupported
	}
	base, n := s.base, len(s.vars)
	s.vars = grow(s.vars, p.slots)
	s.base = n
	s.vars[n] = dot
	s.depth++
	err := p.body(s, dot)
	s.depth--
	clear(s.vars[n:])
	s.vars = s.vars[:n]
	s.base = base
	return err
}

// Compile compiles the template t, already escaped by html/template (it
// has been executed once, or its set checked), with the functions funcs
// it was parsed with. Every template t calls is found with t.Lookup.
func Compile(t *template.Template, funcs template.FuncMap) (*Program, error) {
	c := &compiler{
		funcs:  funcs,
		lookup: t.Lookup,
		procs:  map[string]*proc{},
	}
	main, err := c.proc(t.Name(), t.Tree)
	if err != nil {
		return nil, err
	}
	return &Program{main: main}, nil
}

// compiler holds what compiling one program needs.
type compiler struct {
	funcs  template.FuncMap
	lookup func(name string) *template.Template
	procs  map[string]*proc

	// The variables in scope at the node being compiled, innermost
	// last; a variable's index here is its slot in the frame.
	vars  []string
	slots int
}

func (c *compiler) proc(name string, tree *parse.Tree) (*proc, error) {
	if p, ok := c.procs[name]; ok {
		return p, nil
	}
	if tree == nil || tree.Root == nil {
		return nil, fmt.Errorf("template %q: no tree", name)
	}
	p := &proc{name: name}
	c.procs[name] = p // before its body, for recursion
	vars, slots := c.vars, c.slots
	c.vars, c.slots = []string{"$"}, 1
	body, err := c.list(tree.Root)
	p.body, p.slots = body, c.slots
	c.vars, c.slots = vars, slots
	if err != nil {
		return nil, fmt.Errorf("template %q: %w", name, err)
	}
	return p, nil
}

// push declares a variable and returns its slot.
func (c *compiler) push(name string) int {
	c.vars = append(c.vars, name)
	c.slots = max(c.slots, len(c.vars))
	return len(c.vars) - 1
}

// slot finds the innermost variable of that name.
func (c *compiler) slot(name string) (int, error) {
	for i := len(c.vars) - 1; i >= 0; i-- {
		if c.vars[i] == name {
			return i, nil
		}
	}
	return 0, fmt.Errorf("undefined variable %s", name)
}

// unsupported makes a node fail the compilation.
func unsupported(n parse.Node) error {
	return fmt.Errorf("%s: not compiled: %s", nodeKind(n), n)
}

func nodeKind(n parse.Node) string {
	return reflect.TypeOf(n).Elem().Name()
}
