package generator

import (
	"reflect"
	"slices"
	"testing"
)

// TestMethodTablesCoverTheMethods checks that the direct functions of
// pages and pagers name their methods, every one, and return what the
// methods return when called by reflection, as html/template calls them,
// on every page and pager of the example site.
func TestMethodTablesCoverTheMethods(t *testing.T) {
	check := func(typ reflect.Type, names []string) {
		t.Helper()
		var methods []string
		for m := range typ.Methods() {
			if m.Name != "TemplateMethod" {
				methods = append(methods, m.Name)
			}
		}
		slices.Sort(names)
		if !slices.Equal(methods, names) {
			t.Errorf("%s: methods %q, direct functions for %q", typ, methods, names)
		}
	}
	var pageNames, pagerNames []string
	for n := range pageMethods {
		pageNames = append(pageNames, n)
	}
	for n := range pagerMethods {
		pagerNames = append(pagerNames, n)
	}
	check(reflect.TypeFor[*Page](), pageNames)
	check(reflect.TypeFor[*Pager](), pagerNames)

	s, err := Load(Options{Source: ".."}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Resolve(); err != nil {
		t.Fatal(err)
	}
	// Arguments for the methods that take some.
	args := map[string][]any{"Param": {"title"}, "FirstPages": {3}, "MorePages": {3}, "Around": {2}, "T": {"search.placeholder"}}
	same := func(recv any, name string) {
		t.Helper()
		fn := recv.(interface {
			TemplateMethod(string) func(any, []any) (any, error)
		}).TemplateMethod(name)
		a := args[name]
		in := []reflect.Value{}
		for _, v := range a {
			in = append(in, reflect.ValueOf(v))
		}
		out := reflect.ValueOf(recv).MethodByName(name).Call(in)
		got, err := fn(recv, a)
		if len(out) == 2 && !out[1].IsNil() {
			if err == nil {
				t.Errorf("%T.%s: no error, want %v", recv, name, out[1])
			}
			return
		}
		if err != nil || !reflect.DeepEqual(got, out[0].Interface()) {
			t.Errorf("%T.%s = %#v, %v; by reflection %#v", recv, name, got, err, out[0].Interface())
		}
	}
	pagers := 0
	for _, p := range s.pages {
		for _, name := range pageNames {
			if name != "Content" && name != "TOC" { // rendered in a build, beside the site's other pages
				same(p, name)
			}
		}
		if pg := p.Paginator(); pg != nil {
			pagers++
			for _, name := range pagerNames {
				same(pg, name)
			}
		}
	}
	if len(s.pages) < 100 || pagers == 0 {
		t.Errorf("%d pages, %d pagers: the example site is not what this test needs", len(s.pages), pagers)
	}
}
