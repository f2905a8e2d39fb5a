package theme

import (
	"testing"
	"testing/fstest"
)

func TestPaginates(t *testing.T) {
	fsys := fstest.MapFS{
		// The head reads .Paginator for its title; baseof is not followed,
		// so that alone splits no list.
		"layouts/baseof.html":          {Data: []byte(`{{ partial "head.html" . }}{{ block "main" . }}{{ end }}`)},
		"layouts/partials/head.html":   {Data: []byte(`{{ with .Paginator }}{{ .PageNumber }}{{ end }}`)},
		"layouts/partials/crumbs.html": {Data: []byte(`{{ with .Paginator }}{{ .PageNumber }}{{ .First.URL }}{{ end }}`)},
		"layouts/partials/list.html":   {Data: []byte(`{{ range .Paginator.Pages }}{{ .Title }}{{ end }}`)},
		"layouts/partials/nested.html": {Data: []byte(`{{ template "partials/list.html" . }}`)},
		"layouts/partials/plain.html":  {Data: []byte(`{{ range .Pages }}{{ .Title }}{{ end }}`)},
		"layouts/partials/loop.html":   {Data: []byte(`{{ if .Pages }}{{ template "partials/loop.html" .Parent }}{{ end }}`)},
		"layouts/field/list.html":      {Data: []byte(`{{ define "main" }}{{ range .Paginator.Pages }}x{{ end }}{{ end }}`)},
		"layouts/with/list.html":       {Data: []byte(`{{ define "main" }}{{ with .Paginator }}{{ range .Pages }}x{{ end }}{{ end }}{{ end }}`)},
		"layouts/dollar/list.html":     {Data: []byte(`{{ define "main" }}{{ with $.Paginator }}{{ len .Pages }}{{ end }}{{ end }}`)},
		"layouts/number/list.html":     {Data: []byte(`{{ define "main" }}{{ with .Paginator }}{{ .PageNumber }} {{ .Next.URL }}{{ end }}{{ range .Pages }}{{ end }}{{ end }}`)},
		"layouts/inner/list.html":      {Data: []byte(`{{ define "main" }}{{ with .Paginator }}{{ range .Pagers }}{{ .Pages }}{{ end }}{{ end }}{{ end }}`)},
		"layouts/variable/list.html":   {Data: []byte(`{{ define "main" }}{{ $p := . }}{{ len $p.Paginator.Pages }}{{ end }}`)},
		"layouts/chain/list.html":      {Data: []byte(`{{ define "main" }}{{ (.Site.Home).Paginator.Pages }}{{ end }}`)},
		"layouts/template/list.html":   {Data: []byte(`{{ define "main" }}{{ template "partials/nested.html" . }}{{ end }}`)},
		"layouts/partial/list.html":    {Data: []byte(`{{ define "main" }}{{ partial "list.html" . }}{{ end }}`)},
		"layouts/cached/list.html":     {Data: []byte(`{{ define "main" }}{{ partialCached "list.html" . .Site }}{{ end }}`)},
		"layouts/whole/list.html":      {Data: []byte(`<ul>{{ range .Paginator.Pages }}<li>{{ .Title }}{{ end }}</ul>`)},
		"layouts/plain/list.html":      {Data: []byte(`{{ define "main" }}{{ template "partials/plain.html" . }}{{ end }}`)},
		"layouts/loop/list.html":       {Data: []byte(`{{ define "main" }}{{ template "partials/loop.html" . }}{{ end }}`)},
		"layouts/computed/list.html":   {Data: []byte(`{{ define "main" }}{{ partial (print "li" "st.html") . }}{{ end }}`)},
		"layouts/head/list.html":       {Data: []byte(`{{ define "main" }}{{ template "partials/crumbs.html" . }}{{ .Title }}{{ end }}`)},
		"layouts/other/list.html":      {Data: []byte(`{{ define "main" }}{{ .Paginators.Pages }}{{ .Paginator }}{{ end }}`)},
	}
	s, err := Load([]Layer{{Name: "t", FS: fsys, Dir: "themes/t"}}, nil)
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		layout string
		want   bool
	}{
		{"field/list.html", true},
		{"with/list.html", true},
		{"dollar/list.html", true},
		// Reading a pager's number and links takes no entries.
		{"number/list.html", false},
		// Inside range, dot is no longer the pager (an approximation:
		// a pager's Pages there is missed).
		{"inner/list.html", false},
		{"variable/list.html", true},
		{"chain/list.html", true},
		{"template/list.html", true},
		{"partial/list.html", true},
		{"cached/list.html", true},
		{"whole/list.html", true},
		{"plain/list.html", false},
		{"loop/list.html", false},
		// A partial named at run time cannot be followed.
		{"computed/list.html", false},
		{"head/list.html", false},
		{"other/list.html", false},
		{"missing/list.html", false},
	}
	for _, c := range cases {
		if got := s.Paginates([]string{c.layout}); got != c.want {
			t.Errorf("Paginates(%s) = %t, want %t", c.layout, got, c.want)
		}
	}
	if !s.Paginates([]string{"missing/list.html", "field/list.html"}) {
		t.Error("Paginates does not look at the first layout that exists")
	}
	if s.Paginates([]string{"plain/list.html", "field/list.html"}) {
		t.Error("Paginates looks past the first layout that exists")
	}
}
