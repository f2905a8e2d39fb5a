package generator

import (
	"fmt"
	"strconv"
)

// Pager is one page of a list split by pagination.pagerSize: what a
// template gets from .Paginator. The first pager is the list page itself;
// the others are pages of their own at <list URL><path>/<n>/, as in Hugo,
// with the same layout, title and breadcrumbs, and without the list's own
// text, which only the first shows.
type Pager struct {
	number int // from 1
	all    *pagination
}

type pagination struct {
	list  *Page // the list page, whose data digest holds the whole list
	pages []*Page
	size  int
	urls  []string // of each pager, by number - 1
	pager []*Pager
}

// PageNumber is the number of this pager, from 1.
func (p *Pager) PageNumber() int { return p.number }

// TotalPages is how many pagers the list has, at least 1.
func (p *Pager) TotalPages() int { return len(p.all.pager) }

// PagerSize is the most entries a pager holds.
func (p *Pager) PagerSize() int { return p.all.size }

// TotalNumberOfElements is the length of the whole list. A later pager's
// page is keyed on its own entries (Page.dataDigest): this reads the
// list page's.
func (p *Pager) TotalNumberOfElements() int {
	if p.all.list != nil {
		p.all.list.dataRead()
	}
	return len(p.all.pages)
}

// NumberOfElements is how many entries this pager holds.
func (p *Pager) NumberOfElements() int { return len(p.Pages()) }

// Pages are this pager's entries.
func (p *Pager) Pages() []*Page {
	lo := (p.number - 1) * p.all.size
	hi := min(lo+p.all.size, len(p.all.pages))
	return p.all.pages[lo:hi]
}

// URL is the site-root-relative URL of this pager's page.
func (p *Pager) URL() string { return p.all.urls[p.number-1] }

// HasPrev reports whether a pager comes before this one.
func (p *Pager) HasPrev() bool { return p.number > 1 }

// HasNext reports whether a pager comes after this one.
func (p *Pager) HasNext() bool { return p.number < len(p.all.pager) }

// Prev is the pager before this one, nil on the first.
func (p *Pager) Prev() *Pager {
	if !p.HasPrev() {
		return nil
	}
	return p.all.pager[p.number-2]
}

// Next is the pager after this one, nil on the last.
func (p *Pager) Next() *Pager {
	if !p.HasNext() {
		return nil
	}
	return p.all.pager[p.number]
}

// First is the list's first pager.
func (p *Pager) First() *Pager { return p.all.pager[0] }

// Last is the list's last pager.
func (p *Pager) Last() *Pager { return p.all.pager[len(p.all.pager)-1] }

// Pagers are all the list's pagers, in order.
func (p *Pager) Pagers() []*Pager { return p.all.pager }

// Around is what a pagination bar shows: the first pager, the last, and
// those within n of this one, in order, with a nil where pagers are
// left out. A bar stays the same size on a list of any length.
func (p *Pager) Around(n int) []*Pager {
	var out []*Pager
	gap := false
	for _, q := range p.all.pager {
		if q.number == 1 || q.number == len(p.all.pager) || (q.number >= p.number-n && q.number <= p.number+n) {
			out = append(out, q)
			gap = false
		} else if !gap {
			out = append(out, nil)
			gap = true
		}
	}
	return out
}

// Paginator is the page's pager: on a list whose layout takes its entries
// from .Paginator (theme.Set.Paginates), the pager this page shows, the
// first on the list page itself; nil on any other page.
func (p *Page) Paginator() *Pager { return p.pager }

// paginate splits every list whose layout takes its entries from
// .Paginator into pagers of pagination.pagerSize pages, adding a page for
// each pager after the first. It runs once every list holds its pages,
// before index gives pages their output paths.
func (s *Site) paginate() {
	size := s.Config.Pagination.PagerSize
	lists := make([]*Page, 0, len(s.views)*8)
	for _, p := range s.pages {
		if p.IsList && p.pagerOf == nil && s.theme.Paginates(layouts(p)) {
			lists = append(lists, p)
		}
	}
	for _, p := range lists {
		all := &pagination{list: p, pages: p.pages, size: size}
		n := 1
		if size > 0 {
			n = max(1, (len(p.pages)+size-1)/size)
		} else {
			all.size = max(1, len(p.pages)) // one pager holds the whole list
		}
		for i := 1; i <= n; i++ {
			u := p.URL
			if i > 1 {
				u = s.pagerURL(p.URL, i)
			}
			all.urls = append(all.urls, u)
			all.pager = append(all.pager, &Pager{number: i, all: all})
		}
		p.pager = all.pager[0]
		for _, pg := range all.pager[1:] {
			q := &Page{title: p.title, Kind: p.Kind, IsList: true, Section: p.Section, Slug: p.Slug, Lang: p.Lang,
				URL: pg.URL(), date: p.date, updated: p.updated, weight: p.weight,
				pages: p.pages, parent: p.parent, ancestors: p.ancestors, translations: p.translations,
				terms: p.terms, TermList: p.TermList, EditURL: p.EditURL, SourcePath: p.SourcePath, owner: p.owner,
				Fallback: p.Fallback, Site: p.Site, titleKey: p.titleKey,
				params: p.Params(), noEmail: p.noEmail,
				pager: pg, pagerOf: p, noIndex: true}
			s.addPage(q)
		}
	}
}

// pagerURL is the URL of the nth pager of the list at list.
func (s *Site) pagerURL(list string, n int) string {
	return list + s.Config.Pagination.Path + "/" + strconv.Itoa(n) + "/"
}

// describePager names a generated pager page in errors.
func describePager(p *Page) string {
	return fmt.Sprintf("page %d of the list %s", p.pager.number, p.pagerOf.URL)
}
