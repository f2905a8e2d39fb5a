package generator

import (
	"slices"

	"binome/generator/theme"
)

// Templates call a page's methods some hundred times a page (its title,
// its parent's, the dates and titles of the pages its lists show), and
// text/template calls each by reflection: at 10,000 pages, 700,000 calls
// and 0.4 s of CPU. The tables below give the compiled templates a
// direct function for each method instead (theme.MethodTable); html/template,
// which a template falls back to, still calls them by reflection.
// TestMethodTablesCoverTheMethods keeps them whole.

var (
	_ theme.MethodTable = (*Page)(nil)
	_ theme.MethodTable = (*Pager)(nil)
)

// methodFunc is a direct call of a method: args have the exact types of
// its parameters, the variadic ones last, in a slice it must not keep.
type methodFunc[T any] func(recv T, args []any) (any, error)

// TemplateMethod returns a direct function for the method name of a
// page, for compiled templates; nil for a name it does not know.
func (*Page) TemplateMethod(name string) func(recv any, args []any) (any, error) {
	return lookupMethod(pageMethods, name)
}

// TemplateMethod returns a direct function for the method name of a
// pager, for compiled templates; nil for a name it does not know.
func (*Pager) TemplateMethod(name string) func(recv any, args []any) (any, error) {
	return lookupMethod(pagerMethods, name)
}

func lookupMethod[T any](table map[string]methodFunc[T], name string) func(recv any, args []any) (any, error) {
	f := table[name]
	if f == nil {
		return nil
	}
	return func(recv any, args []any) (any, error) { return f(recv.(T), args) }
}

// value wraps a method's result that cannot fail.
func value[V any](v V) (any, error) { return v, nil }

// result wraps a method's result and its error.
func result[V any](v V, err error) (any, error) { return v, err }

var pageMethods = map[string]methodFunc[*Page]{
	"Title":        func(p *Page, _ []any) (any, error) { return value(p.Title()) },
	"LinkTitle":    func(p *Page, _ []any) (any, error) { return value(p.LinkTitle()) },
	"Summary":      func(p *Page, _ []any) (any, error) { return value(p.Summary()) },
	"Param":        func(p *Page, a []any) (any, error) { return value(p.Param(a[0].(string))) },
	"Params":       func(p *Page, _ []any) (any, error) { return value(p.Params()) },
	"Pages":        func(p *Page, _ []any) (any, error) { return value(p.Pages()) },
	"Date":         func(p *Page, _ []any) (any, error) { return value(p.Date()) },
	"Updated":      func(p *Page, _ []any) (any, error) { return value(p.Updated()) },
	"HasMath":      func(p *Page, _ []any) (any, error) { return value(p.HasMath()) },
	"Direction":    func(p *Page, _ []any) (any, error) { return value(p.Direction()) },
	"Weight":       func(p *Page, _ []any) (any, error) { return value(p.Weight()) },
	"Parent":       func(p *Page, _ []any) (any, error) { return value(p.Parent()) },
	"Ancestors":    func(p *Page, _ []any) (any, error) { return value(p.Ancestors()) },
	"Prev":         func(p *Page, _ []any) (any, error) { return value(p.Prev()) },
	"Next":         func(p *Page, _ []any) (any, error) { return value(p.Next()) },
	"FirstPages":   func(p *Page, a []any) (any, error) { return value(p.FirstPages(a[0].(int))) },
	"MorePages":    func(p *Page, a []any) (any, error) { return value(p.MorePages(a[0].(int))) },
	"Translations": func(p *Page, _ []any) (any, error) { return value(p.Translations()) },
	"Alternates":   func(p *Page, _ []any) (any, error) { return value(p.Alternates()) },
	"Terms":        func(p *Page, _ []any) (any, error) { return value(p.Terms()) },
	"Owner":        func(p *Page, _ []any) (any, error) { return value(p.Owner()) },
	"Reviewed":     func(p *Page, _ []any) (any, error) { return value(p.Reviewed()) },
	"ReviewNext":   func(p *Page, _ []any) (any, error) { return value(p.ReviewNext()) },
	"ReviewDue":    func(p *Page, _ []any) (any, error) { return value(p.ReviewDue()) },
	"Profile":      func(p *Page, _ []any) (any, error) { return value(p.Profile()) },
	"Duo":          func(p *Page, _ []any) (any, error) { return value(p.Duo()) },
	"Training":     func(p *Page, _ []any) (any, error) { return value(p.Training()) },
	"Story":        func(p *Page, _ []any) (any, error) { return value(p.Story()) },
	"Duos":         func(p *Page, _ []any) (any, error) { return value(p.Duos()) },
	"Stories":      func(p *Page, _ []any) (any, error) { return value(p.Stories()) },
	"Directory":    func(p *Page, _ []any) (any, error) { return value(p.Directory()) },
	"Matches":      func(p *Page, _ []any) (any, error) { return value(p.Matches()) },
	"Impact":       func(p *Page, _ []any) (any, error) { return value(p.Impact()) },
	"T": func(p *Page, a []any) (any, error) {
		return value(p.T(a[0].(string), slices.Clone(a[1:])...))
	},
	"Content":     func(p *Page, _ []any) (any, error) { return result(p.Content()) },
	"TOC":         func(p *Page, _ []any) (any, error) { return result(p.TOC()) },
	"WordCount":   func(p *Page, _ []any) (any, error) { return value(p.WordCount()) },
	"ReadingTime": func(p *Page, _ []any) (any, error) { return value(p.ReadingTime()) },
	"Paginator":   func(p *Page, _ []any) (any, error) { return value(p.Paginator()) },
}

var pagerMethods = map[string]methodFunc[*Pager]{
	"PageNumber":            func(p *Pager, _ []any) (any, error) { return value(p.PageNumber()) },
	"TotalPages":            func(p *Pager, _ []any) (any, error) { return value(p.TotalPages()) },
	"PagerSize":             func(p *Pager, _ []any) (any, error) { return value(p.PagerSize()) },
	"TotalNumberOfElements": func(p *Pager, _ []any) (any, error) { return value(p.TotalNumberOfElements()) },
	"NumberOfElements":      func(p *Pager, _ []any) (any, error) { return value(p.NumberOfElements()) },
	"Pages":                 func(p *Pager, _ []any) (any, error) { return value(p.Pages()) },
	"URL":                   func(p *Pager, _ []any) (any, error) { return value(p.URL()) },
	"HasPrev":               func(p *Pager, _ []any) (any, error) { return value(p.HasPrev()) },
	"HasNext":               func(p *Pager, _ []any) (any, error) { return value(p.HasNext()) },
	"Prev":                  func(p *Pager, _ []any) (any, error) { return value(p.Prev()) },
	"Next":                  func(p *Pager, _ []any) (any, error) { return value(p.Next()) },
	"First":                 func(p *Pager, _ []any) (any, error) { return value(p.First()) },
	"Last":                  func(p *Pager, _ []any) (any, error) { return value(p.Last()) },
	"Pagers":                func(p *Pager, _ []any) (any, error) { return value(p.Pagers()) },
	"Around":                func(p *Pager, a []any) (any, error) { return value(p.Around(a[0].(int))) },
}
