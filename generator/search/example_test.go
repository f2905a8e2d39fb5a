package search_test

import (
	"fmt"
	"testing/fstest"

	"binome/generator/search"
)

func ExampleIndexer() {
	ix := search.NewIndexer("fr")
	ix.Add(search.Doc{
		URL: "/guides/teletravail/", Title: "Mentorer en télétravail", Section: "Guides",
		Headings: []search.Heading{{ID: "outils", Text: "Les outils"}},
		Text:     "Le télétravail n'empêche pas le mentorat. Les outils Utilisez la visioconférence de l'équipe.",
	})
	files, err := ix.Files("search/fr")
	if err != nil {
		panic(err)
	}
	fsys := fstest.MapFS{}
	for _, f := range files {
		fsys[f.Path] = &fstest.MapFile{Data: f.Body}
	}
	r, err := search.Open(fsys, "search/fr")
	if err != nil {
		panic(err)
	}
	res, err := r.Query("equipes visio")
	if err != nil {
		panic(err)
	}
	for _, h := range res.Hits {
		fmt.Println(h.URL)
		fmt.Println(h.Snippet)
	}
	// Output:
	// /guides/teletravail/#outils
	// Les outils Utilisez la <mark>visioconférence</mark> de l&#39;<mark>équipe</mark>.
}
