package serve_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"

	"binome/generator/serve"
)

// pages is a site held in a map: path → body.
type pages map[string]string

func (p pages) Open(path string) ([]byte, bool) {
	body, ok := p[path]
	return []byte(body), ok
}

// ExampleNew wires a Builder to the server. In `binome serve` the Builder
// calls the generator with the changed paths and returns its in-memory
// site with the pages and stylesheets those paths touched.
func ExampleNew() {
	root, _ := os.MkdirTemp("", "site")
	defer os.RemoveAll(root)
	os.MkdirAll(filepath.Join(root, "content"), 0o755)
	os.WriteFile(filepath.Join(root, "site.yaml"), []byte("title: Binôme\n"), 0o644)

	build := serve.BuilderFunc(func(ctx context.Context, changed []string) (*serve.Update, error) {
		// changed is nil on the first call (build everything), then lists
		// paths such as "content/guides/first-meeting.md".
		site := pages{"index.html": "<html><body>Bonjour</body></html>"}
		return &serve.Update{Site: site}, nil
	})
	s, err := serve.New(build, serve.Options{
		Port:  0, // any free port; the command line passes serve.DefaultPort
		Root:  root,
		Roots: []string{filepath.Join(root, "content"), filepath.Join(root, "site.yaml")},
		Ignore: func(path string) bool {
			return strings.HasPrefix(path, filepath.Join(root, "public"))
		},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error)
	go func() { done <- s.Run(ctx) }()

	if resp, err := http.Get(s.URL()); err != nil {
		fmt.Println(err)
	} else {
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		page, script, _ := strings.Cut(string(body), "<script")
		fmt.Println(resp.Status)
		fmt.Println(page)
		fmt.Println(strings.Contains(script, `src="/__binome/reload.js"`))
	}

	cancel() // stop serving: streams, watcher and listener are closed
	fmt.Println(<-done)
	// Output:
	// 200 OK
	// <html><body>Bonjour
	// true
	// <nil>
}
