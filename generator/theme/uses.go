package theme

import (
	"html/template"
	"text/template/parse"
)

// Paginates reports whether the first of candidates that exists takes its
// entries from the paginator, .Paginator.Pages or .Pages inside {{ with
// .Paginator }}, in its own file or in a partial that file calls by a
// written name. Reading a pager's number or links does not count, and
// baseof.html is not followed: a title or breadcrumb may say "page 2 of
// 5" in every layout without splitting every list.
func (s *Set) Paginates(candidates []string) bool {
	for _, name := range candidates {
		if _, ok := s.layouts[name]; ok {
			return s.paginates[name]
		}
	}
	return false
}

// takesPages reports whether any of the trees of own (a layout's file as
// parsed alone), or any template they reach by name in entry or, for the
// partials, in shared, takes entries from the paginator.
func takesPages(own, entry, shared *template.Template) bool {
	seen := map[string]bool{}
	var visit func(n parse.Node, inPager bool) bool
	follow := func(name string, inPager bool) bool {
		if seen[name] {
			return false
		}
		seen[name] = true
		t := entry.Lookup(name)
		if t == nil {
			t = shared.Lookup(name) // a partial the layout calls by function only
		}
		return t != nil && t.Tree != nil && visit(t.Tree.Root, inPager)
	}
	visit = func(n parse.Node, inPager bool) bool {
		switch n := n.(type) {
		case *parse.ListNode:
			if n == nil {
				return false
			}
			for _, c := range n.Nodes {
				if visit(c, inPager) {
					return true
				}
			}
		case *parse.ActionNode:
			return visit(n.Pipe, inPager)
		case *parse.IfNode:
			return visit(n.Pipe, inPager) || visit(n.List, inPager) || visit(n.ElseList, inPager)
		case *parse.RangeNode:
			return visit(n.Pipe, inPager) || visit(n.List, false) || visit(n.ElseList, inPager)
		case *parse.WithNode:
			return visit(n.Pipe, inPager) || visit(n.List, isPager(n.Pipe)) || visit(n.ElseList, inPager)
		case *parse.TemplateNode:
			// Followed as if outside any {{ with .Paginator }}: a template
			// handed the pager itself is missed (an approximation).
			return visit(n.Pipe, inPager) || follow(n.Name, false)
		case *parse.PipeNode:
			if n == nil {
				return false
			}
			for _, c := range n.Cmds {
				if visit(c, inPager) {
					return true
				}
			}
		case *parse.CommandNode:
			if len(n.Args) >= 2 {
				fn, isFn := n.Args[0].(*parse.IdentifierNode)
				name, isName := n.Args[1].(*parse.StringNode)
				if isFn && isName && (fn.Ident == "partial" || fn.Ident == "partialCached") && follow("partials/"+name.Text, false) {
					return true
				}
			}
			for _, a := range n.Args {
				if visit(a, inPager) {
					return true
				}
			}
		case *parse.FieldNode:
			return pagerPages(n.Ident) || (inPager && n.Ident[0] == "Pages")
		case *parse.ChainNode:
			return pagerPages(n.Field) || visit(n.Node, inPager)
		case *parse.VariableNode:
			return len(n.Ident) > 1 && pagerPages(n.Ident[1:])
		}
		return false
	}
	for _, t := range own.Templates() {
		if t.Tree != nil && !seen[t.Name()] {
			seen[t.Name()] = true
			if visit(t.Tree.Root, false) {
				return true
			}
		}
	}
	return false
}

// pagerPages reports whether a field chain reads Paginator.Pages.
func pagerPages(idents []string) bool {
	for i := 0; i+1 < len(idents); i++ {
		if idents[i] == "Paginator" && idents[i+1] == "Pages" {
			return true
		}
	}
	return false
}

// isPager reports whether a with's pipeline is the paginator itself.
func isPager(p *parse.PipeNode) bool {
	if p == nil || len(p.Cmds) != 1 || len(p.Cmds[0].Args) != 1 {
		return false
	}
	var idents []string
	switch a := p.Cmds[0].Args[0].(type) {
	case *parse.FieldNode:
		idents = a.Ident
	case *parse.VariableNode:
		idents = a.Ident[1:]
	}
	return len(idents) > 0 && idents[len(idents)-1] == "Paginator"
}

// templateRefs appends to out the names that n calls with {{ template }}
// (or defines and calls with {{ block }}), in order.
func templateRefs(n parse.Node, out []string) []string {
	switch n := n.(type) {
	case *parse.ListNode:
		if n != nil {
			for _, c := range n.Nodes {
				out = templateRefs(c, out)
			}
		}
	case *parse.IfNode:
		out = templateRefs(n.List, out)
		out = templateRefs(n.ElseList, out)
	case *parse.RangeNode:
		out = templateRefs(n.List, out)
		out = templateRefs(n.ElseList, out)
	case *parse.WithNode:
		out = templateRefs(n.List, out)
		out = templateRefs(n.ElseList, out)
	case *parse.TemplateNode:
		out = append(out, n.Name)
	}
	return out
}
