package compiled

import (
	"fmt"
	"reflect"
)

// builtins are text/template's predefined functions that the compiler
// knows; html, js, urlquery, call and slice are left to text/template.
var builtins map[string]func(args []arg) (command, error)

func init() {
	builtins = map[string]func(args []arg) (command, error){
		"and": func(args []arg) (command, error) { return andOr(args, false), nil },
		"or":  func(args []arg) (command, error) { return andOr(args, true), nil },
		"not": values(func(v []any) (any, error) {
			if len(v) != 1 {
				return nil, ErrUnsupported
			}
			t, _ := truth(v[0])
			return !t, nil
		}),
		"len":   values(length),
		"index": values(index),
		"eq": values(func(v []any) (any, error) {
			if len(v) < 2 {
				return nil, ErrUnsupported
			}
			return eq(v[0], v[1:])
		}),
		"ne": values(func(v []any) (any, error) {
			if len(v) != 2 {
				return nil, ErrUnsupported
			}
			t, err := eq(v[0], v[1:])
			return !t, err
		}),
		"lt": compare(func(lt, eq bool) bool { return lt }),
		"le": compare(func(lt, eq bool) bool { return lt || eq }),
		"gt": compare(func(lt, eq bool) bool { return !lt && !eq }),
		"ge": compare(func(lt, eq bool) bool { return !lt }),
		"print": values(func(v []any) (any, error) {
			return fmt.Sprint(v...), nil
		}),
		"println": values(func(v []any) (any, error) {
			return fmt.Sprintln(v...), nil
		}),
		"printf": values(func(v []any) (any, error) {
			if len(v) < 1 {
				return nil, ErrUnsupported
			}
			format, ok := v[0].(string)
			if !ok {
				return nil, ErrUnsupported
			}
			return fmt.Sprintf(format, v[1:]...), nil
		}),
	}
}

// values makes a builtin whose arguments are all evaluated first, as
// text/template evaluates them for parameters of type reflect.Value or
// any: a constant number takes the type its syntax gives, nil is nil.
func values(do func(v []any) (any, error)) func(args []arg) (command, error) {
	return func(args []arg) (command, error) {
		return func(s *state, dot, final any, hasFinal bool) (any, error) {
			start := len(s.stack)
			defer s.drop(start)
			for i := range args {
				v, err := builtinArg(s, dot, &args[i])
				if err != nil {
					return nil, err
				}
				s.stack = append(s.stack, v)
			}
			if hasFinal {
				s.stack = append(s.stack, final)
			}
			return do(s.stack[start:])
		}, nil
	}
}

func builtinArg(s *state, dot any, a *arg) (any, error) {
	if a.isNil {
		return nil, nil
	}
	return a.eval(s, dot)
}

// andOr returns the first argument whose truth stops it (false for and,
// true for or), evaluating no further, or the last one.
func andOr(args []arg, or bool) command {
	return func(s *state, dot, final any, hasFinal bool) (any, error) {
		if len(args) == 0 && !hasFinal {
			return nil, ErrUnsupported
		}
		var v any
		for i := range args {
			var err error
			if v, err = builtinArg(s, dot, &args[i]); err != nil {
				return nil, err
			}
			if t, _ := truth(v); t == or {
				return v, nil
			}
		}
		if hasFinal {
			v = final
		}
		return v, nil
	}
}

func length(v []any) (any, error) {
	if len(v) != 1 {
		return nil, ErrUnsupported
	}
	switch x := v[0].(type) {
	case string:
		return len(x), nil
	case []any:
		return len(x), nil
	case map[string]any:
		return len(x), nil
	case nil:
		return nil, ErrUnsupported
	}
	rv := reflect.ValueOf(v[0])
	for rv.Kind() == reflect.Pointer {
		if rv.IsNil() {
			return nil, ErrUnsupported
		}
		rv = rv.Elem()
	}
	switch rv.Kind() {
	case reflect.Array, reflect.Chan, reflect.Map, reflect.Slice, reflect.String:
		return rv.Len(), nil
	}
	return nil, ErrUnsupported
}

func index(v []any) (any, error) {
	if len(v) < 1 || v[0] == nil {
		return nil, ErrUnsupported
	}
	item := reflect.ValueOf(v[0])
	for _, key := range v[1:] {
		if m, ok := item.Interface().(map[string]any); ok {
			if k, ok := key.(string); ok {
				x := m[k]
				if x == nil {
					item = reflect.Zero(reflect.TypeFor[any]())
					continue
				}
				item = reflect.ValueOf(x)
				continue
			}
		}
		for item.Kind() == reflect.Pointer || item.Kind() == reflect.Interface {
			if item.IsNil() {
				return nil, ErrUnsupported
			}
			item = item.Elem()
		}
		switch item.Kind() {
		case reflect.Array, reflect.Slice, reflect.String:
			i, ok := key.(int)
			if !ok || i < 0 || i >= item.Len() {
				return nil, ErrUnsupported
			}
			item = item.Index(i)
		case reflect.Map:
			if key == nil || reflect.TypeOf(key) != item.Type().Key() {
				return nil, ErrUnsupported
			}
			if x := item.MapIndex(reflect.ValueOf(key)); x.IsValid() {
				item = x
			} else {
				item = reflect.Zero(item.Type().Elem())
			}
		default:
			return nil, ErrUnsupported
		}
	}
	if item.Kind() == reflect.Interface && item.IsNil() {
		return nil, nil
	}
	return item.Interface(), nil
}

// kind is the class of a value for comparison, as text/template has it.
type kind int

const (
	badKind kind = iota
	boolKind
	intKind
	uintKind
	floatKind
	stringKind
	complexKind
)

func basicKind(v reflect.Value) kind {
	switch v.Kind() {
	case reflect.Bool:
		return boolKind
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return intKind
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return uintKind
	case reflect.Float32, reflect.Float64:
		return floatKind
	case reflect.Complex64, reflect.Complex128:
		return complexKind
	case reflect.String:
		return stringKind
	}
	return badKind
}

// eq reports whether a equals any of bs, by text/template's rules: basic
// kinds compare by value whatever their named type, other values with ==
// when both are of one kind, and nil equals nil. Comparisons across
// signedness are left to text/template.
func eq(a any, bs []any) (bool, error) {
	ra := reflect.ValueOf(a)
	ka := basicKind(ra)
	for _, b := range bs {
		if x, ok := a.(string); ok {
			if y, ok := b.(string); ok {
				if x == y {
					return true, nil
				}
				continue
			}
		}
		rb := reflect.ValueOf(b)
		kb := basicKind(rb)
		var t bool
		switch {
		case ka != kb:
			if ka == intKind && kb == uintKind || ka == uintKind && kb == intKind || ra.IsValid() && rb.IsValid() {
				return false, ErrUnsupported
			}
		case ka == boolKind:
			t = ra.Bool() == rb.Bool()
		case ka == intKind:
			t = ra.Int() == rb.Int()
		case ka == uintKind:
			t = ra.Uint() == rb.Uint()
		case ka == floatKind:
			t = ra.Float() == rb.Float()
		case ka == complexKind:
			t = ra.Complex() == rb.Complex()
		case ka == stringKind:
			t = ra.String() == rb.String()
		default:
			if ra.Kind() != rb.Kind() && ra.IsValid() && rb.IsValid() {
				return false, ErrUnsupported
			}
			if isNil(ra) || isNil(rb) {
				t = isNil(ra) == isNil(rb)
			} else {
				if !rb.Type().Comparable() || !ra.Type().Comparable() {
					return false, ErrUnsupported
				}
				t = a == b
			}
		}
		if t {
			return true, nil
		}
	}
	return false, nil
}

func isNil(v reflect.Value) bool {
	if !v.IsValid() {
		return true
	}
	switch v.Kind() {
	case reflect.Chan, reflect.Func, reflect.Interface, reflect.Map, reflect.Pointer, reflect.Slice:
		return v.IsNil()
	}
	return false
}

// compare makes lt, le, gt and ge from whether a < b and a == b.
func compare(op func(lt, eq bool) bool) func(args []arg) (command, error) {
	return values(func(v []any) (any, error) {
		if len(v) != 2 {
			return nil, ErrUnsupported
		}
		ra, rb := reflect.ValueOf(v[0]), reflect.ValueOf(v[1])
		ka, kb := basicKind(ra), basicKind(rb)
		if ka != kb {
			return nil, ErrUnsupported
		}
		var lt, eq bool
		switch ka {
		case intKind:
			lt, eq = ra.Int() < rb.Int(), ra.Int() == rb.Int()
		case uintKind:
			lt, eq = ra.Uint() < rb.Uint(), ra.Uint() == rb.Uint()
		case floatKind:
			lt, eq = ra.Float() < rb.Float(), ra.Float() == rb.Float()
		case stringKind:
			lt, eq = ra.String() < rb.String(), ra.String() == rb.String()
		default:
			return nil, ErrUnsupported
		}
		return op(lt, eq), nil
	})
}
