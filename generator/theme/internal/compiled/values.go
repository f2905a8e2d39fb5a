package compiled

import (
	"cmp"
	"fmt"
	"html/template"
	"reflect"
	"slices"
	"strconv"
	"sync/atomic"
	"text/template/parse"
	"time"
)

// print writes an action's value as text/template does.
func (s *state) print(v any) error {
	switch v := v.(type) {
	case string:
		s.w.WriteString(v)
	case nil:
		s.w.WriteString("<no value>")
	case int:
		s.w.WriteString(strconv.Itoa(v))
	case bool:
		s.w.WriteString(strconv.FormatBool(v))
	default:
		switch reflect.TypeOf(v).Kind() {
		case reflect.Pointer, reflect.Chan, reflect.Func, reflect.Interface:
			return ErrUnsupported
		}
		fmt.Fprint(s.w, v)
	}
	return nil
}

// truth is text/template's truth of a value: not the zero of its type.
// ok is false where text/template refuses the value.
func truth(v any) (t, ok bool) {
	switch v := v.(type) {
	case nil:
		return false, true
	case bool:
		return v, true
	case string:
		return v != "", true
	case int:
		return v != 0, true
	case template.HTML:
		return v != "", true
	case time.Time:
		return true, true
	case map[string]any:
		return len(v) > 0, true
	case []any:
		return len(v) > 0, true
	}
	rv := reflect.ValueOf(v)
	switch rv.Kind() {
	case reflect.Array, reflect.Map, reflect.Slice, reflect.String:
		return rv.Len() > 0, true
	case reflect.Bool:
		return rv.Bool(), true
	case reflect.Complex64, reflect.Complex128:
		return rv.Complex() != 0, true
	case reflect.Chan, reflect.Func, reflect.Pointer, reflect.UnsafePointer, reflect.Interface:
		return !rv.IsNil(), true
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return rv.Int() != 0, true
	case reflect.Float32, reflect.Float64:
		return rv.Float() != 0, true
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return rv.Uint() != 0, true
	case reflect.Struct:
		return true, true
	}
	return false, false
}

// iterate calls one for each element of v as {{ range }} does, and
// reports whether there was any. Slices, arrays, maps with string or
// integer keys and integers are ranged here; the rest is left to
// text/template.
func iterate(v any, twoVars bool, one func(index, elem any) error) (bool, error) {
	switch v := v.(type) {
	case nil:
		return false, nil
	case []any:
		for i, e := range v {
			if err := one(i, e); err != nil {
				return true, err
			}
		}
		return len(v) > 0, nil
	case []string:
		for i, e := range v {
			if err := one(i, e); err != nil {
				return true, err
			}
		}
		return len(v) > 0, nil
	case int:
		if twoVars {
			return false, ErrUnsupported
		}
		for i := range v {
			if err := one(nil, i); err != nil {
				return true, err
			}
		}
		return v > 0, nil
	}
	rv := reflect.ValueOf(v)
	for rv.Kind() == reflect.Pointer {
		if rv.IsNil() {
			return false, ErrUnsupported
		}
		rv = rv.Elem()
	}
	switch rv.Kind() {
	case reflect.Slice, reflect.Array:
		// text/template's elements are addressable and these are
		// copies: find leaves a method with a pointer receiver to it.
		n := rv.Len()
		for i := 0; i < n; i++ {
			if err := one(i, rv.Index(i).Interface()); err != nil {
				return true, err
			}
		}
		return n > 0, nil
	case reflect.Map:
		keys := rv.MapKeys()
		switch rv.Type().Key().Kind() {
		case reflect.String:
			slices.SortFunc(keys, func(a, b reflect.Value) int { return cmp.Compare(a.String(), b.String()) })
		case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
			slices.SortFunc(keys, func(a, b reflect.Value) int { return cmp.Compare(a.Int(), b.Int()) })
		default:
			return false, ErrUnsupported
		}
		for _, k := range keys {
			if err := one(k.Interface(), rv.MapIndex(k).Interface()); err != nil {
				return true, err
			}
		}
		return len(keys) > 0, nil
	}
	return false, ErrUnsupported
}

// fieldChain compiles .A.B.C on the value recv gives, the last name
// taking args and the pipeline's final value.
func (c *compiler) fieldChain(recv expr, names []string, args []parse.Node) (command, error) {
	steps := make([]*field, len(names))
	for i, name := range names {
		steps[i] = &field{name: name}
	}
	cargs, err := c.args(args)
	if err != nil {
		return nil, err
	}
	last := steps[len(steps)-1]
	return func(s *state, dot, final any, hasFinal bool) (any, error) {
		v, err := recv(s, dot)
		if err != nil {
			return nil, err
		}
		missing := true // an invalid value, not a nil interface
		for _, f := range steps[:len(steps)-1] {
			if v == nil && !missing {
				return nil, ErrUnsupported // text/template: nil pointer evaluating interface
			}
			if v, missing, err = f.get(s, dot, v, nil, nil, false); err != nil {
				return nil, err
			}
		}
		if v == nil && !missing {
			return nil, ErrUnsupported
		}
		v, _, err = last.get(s, dot, v, cargs, final, hasFinal)
		return v, err
	}, nil
}

func (c *compiler) args(nodes []parse.Node) ([]arg, error) {
	args := make([]arg, len(nodes))
	for i, n := range nodes {
		a, err := c.arg(n)
		if err != nil {
			return nil, err
		}
		args[i] = a
	}
	return args, nil
}

// field is one name of a chain, with the way to read it from the last
// type it met, found once.
type field struct {
	name  string
	cache atomic.Pointer[access]
}

// access reads one name from values of one type.
type access struct {
	typ    reflect.Type
	how    int
	method *fn   // how == byMethod
	index  []int // how == byField
}

const (
	byMethod = iota
	byField
	byMap   // maps with string keys (map[string]any is read before)
	notHere // left to text/template
)

// get reads the name from recv. missing reports an absent map key or an
// invalid receiver, which text/template lets through a chain where a nil
// interface stops it.
func (f *field) get(s *state, dot, recv any, args []arg, final any, hasFinal bool) (v any, missing bool, err error) {
	if recv == nil {
		if len(args) > 0 || hasFinal {
			return nil, false, ErrUnsupported
		}
		return nil, true, nil
	}
	if m, ok := recv.(map[string]any); ok {
		if len(args) > 0 || hasFinal {
			return nil, false, ErrUnsupported
		}
		v, ok := m[f.name]
		return v, !ok, nil
	}
	t := reflect.TypeOf(recv)
	a := f.cache.Load()
	if a == nil || a.typ != t {
		a = find(t, f.name)
		f.cache.Store(a)
	}
	switch a.how {
	case byMethod:
		v, err := a.method.call(s, dot, reflect.ValueOf(recv), args, final, hasFinal)
		return v, false, err
	case byField:
		if len(args) > 0 || hasFinal {
			return nil, false, ErrUnsupported
		}
		rv := reflect.ValueOf(recv)
		if rv.Kind() == reflect.Pointer {
			if rv.IsNil() {
				return nil, false, ErrUnsupported
			}
			rv = rv.Elem()
		}
		fv, err := rv.FieldByIndexErr(a.index)
		if err != nil {
			return nil, false, ErrUnsupported
		}
		if fv.Kind() == reflect.Interface {
			if fv.IsNil() {
				return nil, false, nil // a nil interface, not missing
			}
		}
		return fv.Interface(), false, nil
	case byMap:
		if len(args) > 0 || hasFinal {
			return nil, false, ErrUnsupported
		}
		mv := reflect.ValueOf(recv).MapIndex(reflect.ValueOf(f.name))
		if !mv.IsValid() {
			return nil, true, nil
		}
		return mv.Interface(), false, nil
	}
	return nil, false, ErrUnsupported
}

// newMethod returns the fn of method m of t, direct when t gives a
// function for it (see MethodTable).
func newMethod(t reflect.Type, m reflect.Method) *fn {
	f := newFn(m.Name, m.Func, true)
	if f != nil {
		f.directMethod = methodOf(t, m.Name)
	}
	return f
}

// find works out how text/template reads name from a value of type t,
// where that value is not addressable (or is a pointer).
func find(t reflect.Type, name string) *access {
	a := &access{typ: t, how: notHere}
	switch {
	case t.Kind() == reflect.Pointer && t.Elem().Kind() == reflect.Pointer:
		return a // text/template goes through every pointer
	case t.Kind() == reflect.Pointer:
		if m, ok := t.MethodByName(name); ok {
			a.how, a.method = byMethod, newMethod(t, m)
			return a
		}
	default:
		if m, ok := t.MethodByName(name); ok {
			a.how, a.method = byMethod, newMethod(t, m)
			return a
		}
		if _, ok := reflect.PointerTo(t).MethodByName(name); ok {
			return a // text/template would find it on an addressable value
		}
	}
	base := t
	if base.Kind() == reflect.Pointer {
		base = base.Elem()
	}
	switch base.Kind() {
	case reflect.Struct:
		if sf, ok := base.FieldByName(name); ok && sf.IsExported() {
			a.how, a.index = byField, sf.Index
		}
	case reflect.Map:
		if t.Kind() == reflect.Map && base.Key() == reflect.TypeFor[string]() {
			a.how = byMap
		}
	}
	return a
}
