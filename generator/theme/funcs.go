package theme

import (
	"encoding/json"
	"errors"
	"fmt"
	"html"
	"html/template"
	"reflect"
	"sort"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"

	"binome/generator/fold"
)

// funcs returns the generic template functions: the ones that need no
// site. The site-bound ones (absURL, relLangURL, asset, markdownify) come
// from Load's caller.
func (s *Set) funcs() template.FuncMap {
	return template.FuncMap{
		"partial":       s.partial,
		"partialCached": s.partialCached,
		"T":             s.Translate,
		"i18n":          s.Translate,
		"label":         s.Label,

		"dateFormat":    dateFormat,
		"dateLocal":     dateLocal,
		"numberLocal":   numberLocal,
		"durationLocal": durationLocal,

		"where":  where,
		"sortBy": sortBy,
		"first":  first,
		"last":   last,
		"dict":   dict,
		"slice":  func(items ...any) []any { return items },
		"in":     in,
		"seq":    seq,

		"default":   defaultValue,
		"join":      join,
		"lower":     func(v any) string { return strings.ToLower(toString(v)) },
		"upper":     func(v any) string { return strings.ToUpper(toString(v)) },
		"title":     title,
		"humanize":  humanize,
		"urlize":    urlize,
		"initials":  initials,
		"hasPrefix": func(s, prefix any) bool { return strings.HasPrefix(toString(s), toString(prefix)) },
		"replace":   func(s, old, new any) string { return strings.ReplaceAll(toString(s), toString(old), toString(new)) },
		"safeHTML":  func(v any) template.HTML { return template.HTML(toString(v)) },
		"plainify":  plainify,
		"truncate":  truncate,
		"jsonify":   jsonify,
		"relURL":    relURL,

		"add": func(a, b any) (any, error) { return arith('+', a, b) },
		"sub": func(a, b any) (any, error) { return arith('-', a, b) },
		"mul": func(a, b any) (any, error) { return arith('*', a, b) },
		"div": func(a, b any) (any, error) { return arith('/', a, b) },
		"mod": func(a, b any) (any, error) { return arith('%', a, b) },
	}
}

// toString reads strings and string types (template.HTML, …) as they are
// and formats anything else with fmt.
func toString(v any) string {
	if v == nil {
		return ""
	}
	if s, ok := v.(string); ok {
		return s
	}
	rv := reflect.ValueOf(v)
	if rv.Kind() == reflect.String {
		return rv.String()
	}
	return fmt.Sprint(v)
}

// toTime accepts time.Time, *time.Time and RFC 3339 or YYYY-MM-DD strings.
func toTime(v any) (time.Time, bool) {
	switch t := v.(type) {
	case time.Time:
		return t, true
	case *time.Time:
		if t != nil {
			return *t, true
		}
	case string:
		for _, layout := range []string{time.RFC3339, time.DateOnly} {
			if d, err := time.Parse(layout, t); err == nil {
				return d, true
			}
		}
	}
	return time.Time{}, false
}

// dateFormat formats date with a Go layout; an unset date gives "".
func dateFormat(layout string, date any) string {
	t, ok := toTime(date)
	if !ok || t.IsZero() {
		return ""
	}
	return t.Format(layout)
}

// list returns v as a reflect slice value, dereferencing pointers.
func list(v any) (reflect.Value, error) {
	rv := reflect.ValueOf(v)
	for rv.Kind() == reflect.Pointer || rv.Kind() == reflect.Interface {
		if rv.IsNil() {
			return reflect.Value{}, nil
		}
		rv = rv.Elem()
	}
	switch rv.Kind() {
	case reflect.Slice, reflect.Array:
		return rv, nil
	case reflect.Invalid:
		return reflect.Value{}, nil
	}
	return reflect.Value{}, fmt.Errorf("want a list, got %T", v)
}

// field reads a dotted path ("Params.audience", "Profile.Role") in item:
// struct fields, methods without arguments, and map keys.
func field(item any, path string) (any, bool) {
	v, ok := fieldValue(reflect.ValueOf(item), strings.Split(path, "."))
	if !ok || !v.CanInterface() {
		return nil, false
	}
	return v.Interface(), true
}

// fieldValue is field on a reflect.Value with the path already split, for
// the loops of where and sortBy.
func fieldValue(v reflect.Value, path []string) (reflect.Value, bool) {
	for _, name := range path {
		if name == "" {
			continue
		}
		for v.IsValid() && v.Kind() == reflect.Interface && !v.IsNil() {
			v = v.Elem()
		}
		if !v.IsValid() || (v.Kind() == reflect.Pointer || v.Kind() == reflect.Interface) && v.IsNil() {
			return reflect.Value{}, false
		}
		m := memberOf(v.Type(), name)
		if m.method >= 0 {
			v = v.Method(m.method).Call(nil)[0]
			continue
		}
		for v.Kind() == reflect.Pointer {
			if v.IsNil() {
				return reflect.Value{}, false
			}
			v = v.Elem()
		}
		switch {
		case m.field != nil:
			f, err := v.FieldByIndexErr(m.field)
			if err != nil {
				return reflect.Value{}, false // through a nil embedded pointer
			}
			v = f
		case v.Kind() == reflect.Map && v.Type().Key().Kind() == reflect.String:
			v = v.MapIndex(reflect.ValueOf(name).Convert(v.Type().Key()))
		default:
			return reflect.Value{}, false
		}
	}
	// A map value or a method result held in an interface is read as
	// what it holds.
	for v.IsValid() && v.Kind() == reflect.Interface && !v.IsNil() {
		v = v.Elem()
	}
	return v, v.IsValid()
}

// member is how fieldValue reads a name on a type: a method without
// arguments (its index), else a struct field, through pointers (its
// index path), else neither.
type member struct {
	method int
	field  []int
}

type memberKey struct {
	t    reflect.Type
	name string
}

// members caches memberOf: where and sortBy read the same name on every
// item of a list, on every page, and reflect's MethodByName and
// FieldByName search the type each time.
var members sync.Map // memberKey → member

func memberOf(t reflect.Type, name string) member {
	key := memberKey{t, name}
	if m, ok := members.Load(key); ok {
		return m.(member)
	}
	m := member{method: -1}
	if mt, ok := t.MethodByName(name); ok && mt.Type.NumIn() == 1 && mt.Type.NumOut() >= 1 {
		m.method = mt.Index // NumIn counts the receiver
	} else {
		st := t
		for st.Kind() == reflect.Pointer {
			st = st.Elem()
		}
		if st.Kind() == reflect.Struct {
			if f, ok := st.FieldByName(name); ok {
				m.field = f.Index
			}
		}
	}
	members.Store(key, m)
	return m
}

// number reads v as an int64 when it is an integer, else as a float64.
func number(v any) (i int64, f float64, isInt, ok bool) {
	rv := reflect.ValueOf(v)
	switch rv.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return rv.Int(), float64(rv.Int()), true, true
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return int64(rv.Uint()), float64(rv.Uint()), true, true
	case reflect.Float32, reflect.Float64:
		return int64(rv.Float()), rv.Float(), false, true
	}
	return 0, 0, false, false
}

// compare orders two values of the same nature: numbers, strings, times,
// booleans. ok is false when they cannot be ordered.
func compare(a, b any) (c int, ok bool) {
	if _, fa, _, oka := number(a); oka {
		if _, fb, _, okb := number(b); okb {
			switch {
			case fa < fb:
				return -1, true
			case fa > fb:
				return 1, true
			}
			return 0, true
		}
	}
	if ta, oka := a.(time.Time); oka {
		if tb, okb := b.(time.Time); okb {
			return ta.Compare(tb), true
		}
	}
	if ba, oka := a.(bool); oka {
		if bb, okb := b.(bool); okb {
			switch {
			case ba == bb:
				return 0, true
			case bb:
				return -1, true
			}
			return 1, true
		}
	}
	ra, rb := reflect.ValueOf(a), reflect.ValueOf(b)
	if ra.Kind() == reflect.String && rb.Kind() == reflect.String {
		return strings.Compare(ra.String(), rb.String()), true
	}
	return 0, false
}

func equal(a, b any) bool {
	if c, ok := compare(a, b); ok {
		return c == 0
	}
	return reflect.DeepEqual(a, b)
}

// where keeps the items of list whose field matches: `where list "Kind"
// "guide"` or, with an operator, `where list "Weight" ">" 2`. Operators:
// = == != < <= > >= in "not in".
func where(items any, path string, args ...any) (any, error) {
	op, want := "==", any(nil)
	switch len(args) {
	case 1:
		want = args[0]
	case 2:
		op, want = toString(args[0]), args[1]
	default:
		return nil, fmt.Errorf("where: want a value or an operator and a value, got %d arguments", len(args))
	}
	rv, err := list(items)
	if err != nil || !rv.IsValid() {
		return []any{}, err // nil in, empty out: len and range work on it
	}
	out := reflect.MakeSlice(reflect.SliceOf(rv.Type().Elem()), 0, rv.Len())
	names := strings.Split(path, ".")
	wantString, isString := want.(string)
	for i := range rv.Len() {
		v, ok := fieldValue(rv.Index(i), names)
		if isString && ok && v.Kind() == reflect.String && (op == "==" || op == "=" || op == "eq") {
			// The common `where .Pages "URL" $.URL`, without boxing
			// every item's value.
			if v.String() == wantString {
				out = reflect.Append(out, rv.Index(i))
			}
			continue
		}
		var got any
		if ok && v.CanInterface() {
			got = v.Interface()
		}
		keep, err := match(op, got, want)
		if err != nil {
			return nil, fmt.Errorf("where: %w", err)
		}
		if keep {
			out = reflect.Append(out, rv.Index(i))
		}
	}
	return out.Interface(), nil
}

func match(op string, got, want any) (bool, error) {
	switch op {
	case "=", "==", "eq":
		return equal(got, want), nil
	case "!=", "<>", "ne":
		return !equal(got, want), nil
	case "in":
		return in(want, got), nil
	case "not in":
		return !in(want, got), nil
	case "<", "<=", ">", ">=", "lt", "le", "gt", "ge":
		c, ok := compare(got, want)
		if !ok {
			return false, nil
		}
		switch op {
		case "<", "lt":
			return c < 0, nil
		case "<=", "le":
			return c <= 0, nil
		case ">", "gt":
			return c > 0, nil
		}
		return c >= 0, nil
	}
	return false, fmt.Errorf("unknown operator %q", op)
}

// sortBy returns a sorted copy of list, ordered by field ("Title",
// "Date", "Params.weight"), ascending unless the last argument is "desc".
// The sort is stable, so equal items keep their order.
func sortBy(items any, path string, order ...string) (any, error) {
	desc := len(order) > 0 && strings.EqualFold(order[0], "desc")
	rv, err := list(items)
	if err != nil || !rv.IsValid() {
		return []any{}, err // nil in, empty out: len and range work on it
	}
	out := reflect.MakeSlice(reflect.SliceOf(rv.Type().Elem()), rv.Len(), rv.Len())
	reflect.Copy(out, rv)
	keys := make([]any, out.Len())
	names := strings.Split(path, ".")
	for i := range keys {
		if v, ok := fieldValue(out.Index(i), names); ok && v.CanInterface() {
			keys[i] = v.Interface()
		}
	}
	idx := make([]int, out.Len())
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(i, j int) bool {
		c, _ := compare(keys[idx[i]], keys[idx[j]])
		if desc {
			return c > 0
		}
		return c < 0
	})
	sorted := reflect.MakeSlice(out.Type(), out.Len(), out.Len())
	for i, k := range idx {
		sorted.Index(i).Set(out.Index(k))
	}
	return sorted.Interface(), nil
}

// first returns the first n items of list (all of them when fewer).
func first(n any, items any) (any, error) { return cut(n, items, false) }

// last returns the last n items of list.
func last(n any, items any) (any, error) { return cut(n, items, true) }

func cut(n any, items any, fromEnd bool) (any, error) {
	k, _, isInt, ok := number(n)
	if !ok || !isInt || k < 0 {
		return nil, fmt.Errorf("want a count of items, got %v", n)
	}
	rv, err := list(items)
	if err != nil || !rv.IsValid() {
		return []any{}, err // nil in, empty out: len and range work on it
	}
	size := min(int(k), rv.Len())
	if fromEnd {
		return rv.Slice(rv.Len()-size, rv.Len()).Interface(), nil
	}
	return rv.Slice(0, size).Interface(), nil
}

// dict builds a map from key, value pairs, to pass several values to a
// partial.
func dict(pairs ...any) (map[string]any, error) {
	if len(pairs)%2 != 0 {
		return nil, errors.New("dict: want key, value pairs")
	}
	m := make(map[string]any, len(pairs)/2)
	for i := 0; i < len(pairs); i += 2 {
		k, ok := pairs[i].(string)
		if !ok {
			return nil, fmt.Errorf("dict: key %v is not a string", pairs[i])
		}
		m[k] = pairs[i+1]
	}
	return m, nil
}

// in reports whether list holds v, a map has the key v, or a string
// contains v.
func in(items any, v any) bool {
	rv := reflect.ValueOf(items)
	switch rv.Kind() {
	case reflect.String:
		return strings.Contains(rv.String(), toString(v))
	case reflect.Slice, reflect.Array:
		for i := range rv.Len() {
			if equal(rv.Index(i).Interface(), v) {
				return true
			}
		}
	case reflect.Map:
		if k := reflect.ValueOf(v); k.IsValid() && k.Type().ConvertibleTo(rv.Type().Key()) {
			return rv.MapIndex(k.Convert(rv.Type().Key())).IsValid()
		}
	}
	return false
}

// seq returns 1..n, or a..b (descending when b < a).
func seq(bounds ...int) ([]int, error) {
	lo, hi := 1, 0
	switch len(bounds) {
	case 1:
		hi = bounds[0]
	case 2:
		lo, hi = bounds[0], bounds[1]
	default:
		return nil, errors.New("seq: want seq N or seq FROM TO")
	}
	step, n := 1, hi-lo+1
	if hi < lo && len(bounds) == 2 {
		step, n = -1, lo-hi+1
	}
	if n <= 0 {
		return []int{}, nil
	}
	if n > 1e5 {
		return nil, fmt.Errorf("seq: %d items is too many", n)
	}
	out := make([]int, n)
	for i := range out {
		out[i] = lo + i*step
	}
	return out, nil
}

// defaultValue returns v, or def when v is empty (false, 0, "", nil, empty
// list), so `{{ .Params.icon | default "book" }}` reads naturally.
func defaultValue(def, v any) any {
	if truth, ok := template.IsTrue(v); ok && truth {
		return v
	}
	return def
}

// join writes the items of list separated by sep: `join ", " .Tags`.
func join(sep string, items any) (string, error) {
	if s, ok := items.(string); ok {
		return s, nil
	}
	rv, err := list(items)
	if err != nil || !rv.IsValid() {
		return "", err
	}
	parts := make([]string, rv.Len())
	for i := range parts {
		parts[i] = toString(rv.Index(i).Interface())
	}
	return strings.Join(parts, sep), nil
}

// title upper-cases the first letter of every word.
func title(v any) string {
	up := true
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) || r == '-' {
			up = true
			return r
		}
		if up {
			up = false
			return unicode.ToTitle(r)
		}
		return r
	}, toString(v))
}

// humanize turns an identifier into words: "skills_offered" gives
// "Skills offered", "first-meeting" gives "First meeting".
func humanize(v any) string {
	s := strings.Join(strings.FieldsFunc(toString(v), func(r rune) bool {
		return r == '_' || r == '-' || unicode.IsSpace(r)
	}), " ")
	r, size := utf8.DecodeRuneInString(s)
	if size == 0 {
		return ""
	}
	return string(unicode.ToUpper(r)) + s[size:]
}

// initials returns the upper-cased first letters of the first and last
// words of a name, for an avatar without a photo: "Léa Martin" gives "LM".
func initials(v any) string {
	words := strings.Fields(toString(v))
	var b strings.Builder
	for i, w := range words {
		if i == 0 || i == len(words)-1 {
			r, _ := utf8.DecodeRuneInString(w)
			b.WriteRune(unicode.ToUpper(r))
		}
	}
	return b.String()
}

// urlize makes a URL slug: lower case, accents folded to ASCII, every run
// of other characters one '-': "Prise de parole en réunion" gives
// "prise-de-parole-en-reunion". Letters without an ASCII spelling are kept.
func urlize(v any) string {
	var b strings.Builder
	dash := false
	for _, r := range toString(v) {
		r = unicode.ToLower(r)
		var word string
		switch {
		case r < utf8.RuneSelf && (r >= 'a' && r <= 'z' || r >= '0' && r <= '9'):
			word = string(r)
		case r >= utf8.RuneSelf && unicode.Is(unicode.Mn, r):
			continue // a combining accent goes with its letter
		case r >= utf8.RuneSelf && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			if word = fold.Latin(r); word == "" {
				word = string(r)
			}
		default:
			dash = true
			continue
		}
		if dash && b.Len() > 0 {
			b.WriteByte('-')
		}
		dash = false
		b.WriteString(word)
	}
	return b.String()
}

// plainify removes HTML tags and decodes entities, for a summary in a
// meta description or a title attribute.
func plainify(v any) string {
	s := toString(v)
	if plain(s) {
		return s // the common case: a summary is already plain text
	}
	var b strings.Builder
	inTag := false
	for _, r := range s {
		switch {
		case r == '<':
			inTag = true
		case r == '>' && inTag:
			inTag = false
		case !inTag:
			b.WriteRune(r)
		}
	}
	return strings.Join(strings.Fields(html.UnescapeString(b.String())), " ")
}

// plain reports whether plainify would return s unchanged: no tag, no
// entity, no run of spaces or other white space.
func plain(s string) bool {
	if s != strings.TrimSpace(s) {
		return false
	}
	space := false
	for _, r := range s {
		switch {
		case r == '<' || r == '&':
			return false
		case r == ' ':
			if space {
				return false
			}
			space = true
		case unicode.IsSpace(r):
			return false
		default:
			space = false
		}
	}
	return true
}

// truncate shortens text to at most n characters, cutting at a word
// boundary and adding "…": `truncate 140 .Summary`, or with a custom
// ellipsis `truncate 140 " →" .Summary`. HTML is flattened to text first.
func truncate(n int, args ...any) (string, error) {
	ellipsis := "…"
	switch len(args) {
	case 1:
	case 2:
		ellipsis = toString(args[0])
	default:
		return "", errors.New("truncate: want truncate N TEXT or truncate N ELLIPSIS TEXT")
	}
	text := toString(args[len(args)-1])
	if _, isHTML := args[len(args)-1].(template.HTML); isHTML {
		text = plainify(text)
	}
	if utf8.RuneCountInString(text) <= n {
		return text, nil
	}
	runes := []rune(text)[:n]
	cut := len(runes)
	for i := len(runes) - 1; i > n/2; i-- {
		if unicode.IsSpace(runes[i]) {
			cut = i
			break
		}
	}
	return strings.TrimRightFunc(string(runes[:cut]), func(r rune) bool {
		return unicode.IsSpace(r) || unicode.IsPunct(r)
	}) + ellipsis, nil
}

// jsonify encodes v as JSON. The result is typed template.JS so it goes
// into a <script> as is, and is escaped like any text elsewhere.
func jsonify(v any) (template.JS, error) {
	b, err := json.Marshal(v)
	if err != nil {
		return "", fmt.Errorf("jsonify: %w", err)
	}
	return template.JS(b), nil
}

// relURL makes a path site-root-relative ("css/a.css" gives "/css/a.css")
// for the output stage to rewrite; absolute URLs and fragments are kept.
func relURL(v any) string {
	s := toString(v)
	if s == "" || strings.HasPrefix(s, "/") || strings.HasPrefix(s, "#") || strings.Contains(s, "://") ||
		strings.HasPrefix(s, "mailto:") || strings.HasPrefix(s, "tel:") {
		if s == "" {
			return "/"
		}
		return s
	}
	return "/" + s
}

// arith computes a op b, in integers when both are integers.
func arith(op rune, a, b any) (any, error) {
	ia, fa, inta, oka := number(a)
	ib, fb, intb, okb := number(b)
	if !oka || !okb {
		return nil, fmt.Errorf("want numbers, got %v and %v", a, b)
	}
	if (op == '/' || op == '%') && fb == 0 {
		return nil, errors.New("division by zero")
	}
	if inta && intb {
		switch op {
		case '+':
			return int(ia + ib), nil
		case '-':
			return int(ia - ib), nil
		case '*':
			return int(ia * ib), nil
		case '/':
			return int(ia / ib), nil
		}
		return int(ia % ib), nil
	}
	switch op {
	case '+':
		return fa + fb, nil
	case '-':
		return fa - fb, nil
	case '*':
		return fa * fb, nil
	case '/':
		return fa / fb, nil
	}
	return nil, errors.New("mod wants integers")
}
