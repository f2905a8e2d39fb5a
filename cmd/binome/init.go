package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
)

// skeleton is the smallest useful site: binome new fills it from there.
var skeleton = map[string]string{
	"site.yaml": `title: Programme Binôme
baseURL: /
relativeURLs: true
defaultLanguage: fr
languages:
  fr: { title: Programme Binôme, weight: 1 }
  en: { title: Binôme programme, weight: 2 }
taxonomies: [tags, skills, departments]
menus:
  main: [guides, trainings, stories, profiles, duos]
`,
	"content/_index.md":            "---\ntitle: Programme Binôme\n---\n\nBienvenue dans le guide du programme de mentorat inversé.\n",
	"content/_index.en.md":         "---\ntitle: Binôme programme\n---\n\nWelcome to the reverse-mentoring programme handbook.\n",
	"content/guides/_index.md":     "---\ntitle: Guides\n---\n",
	"content/guides/_index.en.md":  "---\ntitle: Guides\n---\n",
	"content/guides/welcome.md":    "---\ntitle: Bienvenue\naudience: all\n---\n\nÉcrivez ici votre premier guide.\n",
	"content/guides/welcome.en.md": "---\ntitle: Welcome\naudience: all\n---\n\nWrite your first guide here.\n",
}

func runInit(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("init", stderr)
	pos, err := parse(fs, args)
	if err != nil {
		return exitUsage
	}
	if len(pos) != 1 {
		fmt.Fprintln(stderr, "usage: binome init DIR")
		return exitUsage
	}
	dir := pos[0]
	if _, err := os.Stat(filepath.Join(dir, "site.yaml")); err == nil {
		fmt.Fprintf(stderr, "error: %s already has a site.yaml; nothing was changed\n", dir)
		return exitErrors
	}
	for name, body := range skeleton {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			fmt.Fprintf(stderr, "error: %v\n", err)
			return exitErrors
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			fmt.Fprintf(stderr, "error: %v\n", err)
			return exitErrors
		}
	}
	fmt.Fprintf(stdout, "created a new site in %s: run `binome serve --source %s`\n", dir, dir)
	return exitOK
}
