package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"binome/generator/config"
	"binome/generator/content"
	"binome/generator/migrate"
	"binome/generator/source"
)

// checkSite says what a build of src would silently get wrong, before it
// runs. binome reads its pages from content/ beside a site.yaml, which is
// optional: without either, a build makes an empty site and says nothing,
// which is what a newcomer trying binome on a handbook written for
// another tool (an MkDocs docs/ folder, a GitBook) would see. So:
//   - with site.yaml, nothing is said;
//   - without content/ either, it is an error, naming the tool the folder
//     was written for when binome import knows it, with the command that
//     makes a binome site of it;
//   - with content/ (a Hugo site) the build goes on with binome's
//     defaults, and a warning says that the old configuration was not
//     read and what imports it.
func checkSite(src string) (warn, err error) {
	if _, err := os.Stat(filepath.Join(src, config.File)); !errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	hasContent := false
	if st, err := os.Stat(filepath.Join(src, content.Dir)); err == nil && st.IsDir() {
		hasContent = true
	}
	tool := ""
	// A configuration Detect cannot read is reported by binome import;
	// here it only leaves the tool unnamed.
	if old, err := migrate.Detect(src); err == nil && old.Tool != "Markdown" {
		tool = old.Tool
	}
	importHint := fmt.Sprintf("binome import %s NEW_FOLDER makes a binome site of it (the old one is only read), then build that one with binome build --source NEW_FOLDER", src)
	pos := source.Pos{Path: src}
	switch {
	case hasContent && tool == "":
		return nil, nil
	case hasContent:
		return source.Errorf(pos, "no %s: this %s site is built with binome's defaults (title, languages, menus); its own configuration is not read", config.File, tool).
			WithHint("%s; or write a %s by hand (the README's section of that name says what it holds)", importHint, config.File), nil
	case tool != "":
		return nil, source.Errorf(pos, "this is a %s site, not a binome one: binome builds the pages of content/ beside a %s, and this folder has neither", tool, config.File).
			WithHint("%s", importHint)
	default:
		return nil, source.Errorf(pos, "nothing to build: no %s and no %s/ folder", config.File, content.Dir).
			WithHint("give --source the folder that holds content/; binome init FOLDER starts a new site, and if this folder holds Markdown pages, %s", importHint)
	}
}
