package compiled

import (
	"fmt"
	"html/template"
	"reflect"
	"strings"
	"text/template/parse"
	"time"
)

// fn is a Go function a template calls: a function of the FuncMap, or a
// method, whose receiver is then its first parameter.
type fn struct {
	name     string
	v        reflect.Value
	in       []reflect.Type // parameters, receiver excluded; the variadic one as its element
	variadic bool
	method   bool
	// direct calls the function without reflection, for the shapes of
	// signature it knows; vals hold the arguments, each of its
	// parameter's exact type, the variadic ones last.
	direct func(vals []any) (any, error)
	// directMethod calls the method on recv without reflection, when its
	// type gives a function for it (see MethodTable).
	directMethod func(recv any, vals []any) (any, error)
}

// MethodTable is implemented by the types that give templates a direct
// function for some of their methods: text/template calls methods by
// reflection, 0.3 to 0.6 µs a call, and a handbook page calls some
// hundred (its title, its parent's, its section's pages' dates). For
// the name of one of its methods, TemplateMethod returns a function
// that calls it on recv, a value of the type, with args of the exact
// types of its parameters (the variadic ones last, in a slice the
// function must not keep) and returns its result, or nil to leave the
// method to reflection. An error returned makes the template run under
// html/template, which reports it in its own words. It is called on the
// type's zero value, once for each place of a template that reads the
// method and each type that place meets, not at every call.
type MethodTable interface {
	TemplateMethod(name string) func(recv any, args []any) (any, error)
}

var methodTableType = reflect.TypeFor[MethodTable]()

// methodOf returns the direct function for method name of t, if t (or,
// for time.Time, binome) gives one.
func methodOf(t reflect.Type, name string) func(recv any, args []any) (any, error) {
	if t == reflect.TypeFor[time.Time]() {
		return timeMethods[name]
	}
	if !t.Implements(methodTableType) {
		return nil
	}
	return reflect.Zero(t).Interface().(MethodTable).TemplateMethod(name)
}

// timeMethods are the methods of time.Time themes call most.
var timeMethods = map[string]func(recv any, args []any) (any, error){
	"IsZero": func(r any, _ []any) (any, error) { return r.(time.Time).IsZero(), nil },
	"Year":   func(r any, _ []any) (any, error) { return r.(time.Time).Year(), nil },
	"Format": func(r any, a []any) (any, error) { return r.(time.Time).Format(a[0].(string)), nil },
	"Unix":   func(r any, _ []any) (any, error) { return r.(time.Time).Unix(), nil },
}

func newFn(name string, v reflect.Value, method bool) *fn {
	t := v.Type()
	f := &fn{name: name, v: v, variadic: t.IsVariadic(), method: method}
	first := 0
	if method {
		first = 1
	}
	for i := first; i < t.NumIn(); i++ {
		p := t.In(i)
		if f.variadic && i == t.NumIn()-1 {
			p = p.Elem()
		}
		f.in = append(f.in, p)
	}
	switch {
	case t.NumOut() == 1:
	case t.NumOut() == 2 && t.Out(1) == reflect.TypeFor[error]():
	default:
		return nil // text/template refuses it, with its own message
	}
	if !method {
		f.direct = direct(v.Interface())
	}
	return f
}

// call evaluates args (and final, the pipeline's previous value, when
// hasFinal) as text/template does for the parameters, and calls f.
func (f *fn) call(s *state, dot any, recv reflect.Value, args []arg, final any, hasFinal bool) (any, error) {
	if f == nil {
		return nil, ErrUnsupported
	}
	n := len(args)
	if hasFinal {
		n++
	}
	fixed := len(f.in)
	if f.variadic {
		fixed--
		if n < fixed {
			return nil, ErrUnsupported
		}
	} else if n != fixed {
		return nil, ErrUnsupported
	}
	// The arguments go on the state's stack: a call inside an argument
	// uses the stack above them and leaves it as it found it.
	start := len(s.stack)
	defer s.drop(start)
	for i := range args {
		v, err := args[i].eval(s, dot)
		if err != nil && !args[i].isNil {
			return nil, err
		}
		if v, err = convert(&args[i], v, f.param(i)); err != nil {
			return nil, err
		}
		s.stack = append(s.stack, v)
	}
	if hasFinal {
		v, err := convert(nil, final, f.param(n-1))
		if err != nil {
			return nil, err
		}
		s.stack = append(s.stack, v)
	}
	if f.direct != nil {
		return f.direct(s.stack[start:])
	}
	if f.directMethod != nil {
		return f.callMethod(recv, s.stack[start:])
	}
	return f.reflectCall(recv, s.stack[start:])
}

// rest is the variadic arguments of a direct call, copied: vals is
// reused, and a function may keep its variadic slice (slice does).
func rest(v []any) []any {
	out := make([]any, len(v))
	copy(out, v)
	return out
}

func (f *fn) param(i int) reflect.Type {
	if i >= len(f.in)-1 && f.variadic {
		return f.in[len(f.in)-1]
	}
	return f.in[i]
}

// callMethod calls f.directMethod as reflectCall calls the method: a
// panic (a nil receiver, say) or an error leaves the template to
// html/template.
func (f *fn) callMethod(recv reflect.Value, vals []any) (v any, err error) {
	defer func() {
		if recover() != nil {
			v, err = nil, ErrUnsupported
		}
	}()
	if v, err = f.directMethod(recv.Interface(), vals); err != nil {
		return nil, ErrUnsupported
	}
	return v, nil
}

func (f *fn) reflectCall(recv reflect.Value, vals []any) (v any, err error) {
	argv := make([]reflect.Value, 0, len(vals)+1)
	if f.method {
		argv = append(argv, recv)
	}
	for i, a := range vals {
		if a == nil {
			argv = append(argv, reflect.Zero(f.param(i)))
			continue
		}
		argv = append(argv, reflect.ValueOf(a))
	}
	defer func() {
		if recover() != nil {
			v, err = nil, ErrUnsupported
		}
	}()
	out := f.v.Call(argv)
	if len(out) == 2 && !out[1].IsNil() {
		return nil, ErrUnsupported
	}
	if out[0].Type() == reflect.TypeFor[reflect.Value]() {
		return nil, ErrUnsupported
	}
	return out[0].Interface(), nil
}

// convert gives v (or the constant of a) the parameter type t, as
// text/template's validateType and evalArg do; what they would refuse is
// left to them.
func convert(a *arg, v any, t reflect.Type) (any, error) {
	if a != nil && a.konst != nil {
		return convertConstant(a, t)
	}
	if v == nil {
		if canBeNil(t) {
			return zero(t), nil
		}
		return nil, ErrUnsupported
	}
	vt := reflect.TypeOf(v)
	if vt == t || vt.AssignableTo(t) {
		if t.Kind() != reflect.Interface && vt != t {
			return reflect.ValueOf(v).Convert(t).Interface(), nil
		}
		return v, nil
	}
	if vt.Kind() == reflect.Pointer && vt.Elem().AssignableTo(t) {
		rv := reflect.ValueOf(v)
		if rv.IsNil() {
			return nil, ErrUnsupported
		}
		return convert(nil, rv.Elem().Interface(), t)
	}
	return nil, ErrUnsupported
}

func convertConstant(a *arg, t reflect.Type) (any, error) {
	if a.isNil {
		if canBeNil(t) {
			return zero(t), nil
		}
		return nil, ErrUnsupported
	}
	if t.Kind() == reflect.Interface {
		if t.NumMethod() == 0 {
			return a.value, nil
		}
		return nil, ErrUnsupported
	}
	nv := reflect.New(t).Elem()
	switch n := a.konst.(type) {
	case *parse.BoolNode:
		if t.Kind() != reflect.Bool {
			return nil, ErrUnsupported
		}
		nv.SetBool(n.True)
	case *parse.StringNode:
		if t.Kind() != reflect.String {
			return nil, ErrUnsupported
		}
		if t == reflect.TypeFor[string]() {
			return n.Text, nil
		}
		nv.SetString(n.Text)
	case *parse.NumberNode:
		switch t.Kind() {
		case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
			if !n.IsInt {
				return nil, ErrUnsupported
			}
			if t == reflect.TypeFor[int]() {
				return int(n.Int64), nil
			}
			nv.SetInt(n.Int64)
		case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
			if !n.IsUint {
				return nil, ErrUnsupported
			}
			nv.SetUint(n.Uint64)
		case reflect.Float32, reflect.Float64:
			if !n.IsFloat {
				return nil, ErrUnsupported
			}
			nv.SetFloat(n.Float64)
		default:
			return nil, ErrUnsupported
		}
	default:
		return nil, ErrUnsupported
	}
	return nv.Interface(), nil
}

func canBeNil(t reflect.Type) bool {
	switch t.Kind() {
	case reflect.Chan, reflect.Func, reflect.Interface, reflect.Map, reflect.Pointer, reflect.Slice:
		return true
	}
	return false
}

func zero(t reflect.Type) any {
	if t.Kind() == reflect.Interface {
		return nil
	}
	return reflect.Zero(t).Interface()
}

// function compiles a call of a function by name: the FuncMap's first,
// then html/template's escapers and text/template's builtins.
func (c *compiler) function(name string, nodes []parse.Node) (command, error) {
	args, err := c.args(nodes)
	if err != nil {
		return nil, err
	}
	if strings.HasPrefix(name, "_html_template_") {
		esc, ok := escapers[name]
		if !ok {
			esc, ok = borrowed()[name]
		}
		if !ok {
			return nil, fmt.Errorf("escaper %s not compiled", name)
		}
		// Their arguments are evaluated as a builtin's: all of
		// them, a constant as its syntax says, nil as nil.
		return values(esc)(args)
	}
	if v, ok := c.funcs[name]; ok {
		rv := reflect.ValueOf(v)
		if rv.Kind() != reflect.Func {
			return nil, fmt.Errorf("%s is not a function", name)
		}
		f := newFn(name, rv, false)
		if f == nil {
			return nil, fmt.Errorf("%s: signature not compiled", name)
		}
		return func(s *state, dot, final any, hasFinal bool) (any, error) {
			return f.call(s, dot, reflect.Value{}, args, final, hasFinal)
		}, nil
	}
	if b, ok := builtins[name]; ok {
		return b(args)
	}
	return nil, fmt.Errorf("function %s not compiled", name)
}

// direct returns a caller without reflection for the shapes of function
// that templates call most, or nil.
func direct(f any) func([]any) (any, error) {
	switch f := f.(type) {
	case func(any) string:
		return func(v []any) (any, error) { return f(v[0]), nil }
	case func(any) bool:
		return func(v []any) (any, error) { return f(v[0]), nil }
	case func(any) any:
		return func(v []any) (any, error) { return f(v[0]), nil }
	case func(any) template.HTML:
		return func(v []any) (any, error) { return f(v[0]), nil }
	case func(any, any) bool:
		return func(v []any) (any, error) { return f(v[0], v[1]), nil }
	case func(any, any) any:
		return func(v []any) (any, error) { return f(v[0], v[1]), nil }
	case func(any, any) (any, error):
		return func(v []any) (any, error) { return result(f(v[0], v[1])) }
	case func(any, any, any) string:
		return func(v []any) (any, error) { return f(v[0], v[1], v[2]), nil }
	case func(string) string:
		return func(v []any) (any, error) { return f(v[0].(string)), nil }
	case func(string) template.HTML:
		return func(v []any) (any, error) { return f(v[0].(string)), nil }
	case func(string) (string, error):
		return func(v []any) (any, error) { return result(f(v[0].(string))) }
	case func(string, string) string:
		return func(v []any) (any, error) { return f(v[0].(string), v[1].(string)), nil }
	case func(string, any) string:
		return func(v []any) (any, error) { return f(v[0].(string), v[1]), nil }
	case func(string, any) (string, error):
		return func(v []any) (any, error) { return result(f(v[0].(string), v[1])) }
	case func(string, string, any) string:
		return func(v []any) (any, error) { return f(v[0].(string), v[1].(string), v[2]), nil }
	case func(string, string, ...any) string:
		return func(v []any) (any, error) { return f(v[0].(string), v[1].(string), rest(v[2:])...), nil }
	case func(string, ...any) (template.HTML, error):
		return func(v []any) (any, error) { return result(f(v[0].(string), rest(v[1:])...)) }
	case func(string, any, any, ...any) (template.HTML, error):
		return func(v []any) (any, error) { return result(f(v[0].(string), v[1], v[2], rest(v[3:])...)) }
	case func(any, string, ...any) (any, error):
		return func(v []any) (any, error) { return result(f(v[0], v[1].(string), rest(v[2:])...)) }
	case func(int, ...any) (string, error):
		return func(v []any) (any, error) { return result(f(v[0].(int), rest(v[1:])...)) }
	case func(...any) (map[string]any, error):
		return func(v []any) (any, error) { return result(f(rest(v)...)) }
	case func(...any) []any:
		return func(v []any) (any, error) { return f(rest(v)...), nil }
	case func(any) (template.JS, error):
		return func(v []any) (any, error) { return result(f(v[0])) }
	}
	return nil
}

func result[T any](v T, err error) (any, error) {
	if err != nil {
		return nil, ErrUnsupported
	}
	return v, nil
}
