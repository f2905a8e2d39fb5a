package content

import (
	"path"
	"strings"

	"binome/generator/config"
)

// folders is what a file's place depends on beyond its own bytes, taken
// from the list of paths alone, so that a cached page whose siblings
// changed can be told from one placed as it still would be.
type folders struct {
	// withPages holds the folders with Markdown pages other than their
	// own index, at any depth: their index.md introduces a section, as
	// in MkDocs and Jekyll, instead of being a Hugo leaf bundle.
	withPages map[string]bool
	// withIndex holds the folders with an _index file, beside which a
	// README.md is a plain page.
	withIndex map[string]bool
	// readme names, by folder, the README that describes it: README.md
	// when a folder also holds a readme.md, which GitBook shows as a
	// page of its own.
	readme map[string]string
	// withIndexMD holds the folders with an index.md, which describes
	// the folder before a README.md does, as on GitHub Pages.
	withIndexMD map[string]bool
}

func (l *loader) scanFolders(paths []string) {
	l.folders = folders{withPages: map[string]bool{}, withIndex: map[string]bool{}, readme: map[string]string{}, withIndexMD: map[string]bool{}}
	for _, p := range paths {
		if !isMarkdown(p) || strings.HasPrefix(p, gitbookDir+"/") {
			continue
		}
		dir := path.Dir(p)
		switch l.baseName(p) {
		case "_index":
			l.folders.withIndex[dir] = true
			dir = path.Dir(dir)
		case "readme":
			name, _ := l.splitLang(path.Base(p))
			if had, ok := l.folders.readme[dir]; !ok || name == "README" || (had != "README" && name < had) {
				l.folders.readme[dir] = name
			}
			dir = path.Dir(dir)
		case "index":
			l.folders.withIndexMD[dir] = true
			dir = path.Dir(dir)
		}
		for ; dir != Dir && dir != "." && !l.folders.withPages[dir]; dir = path.Dir(dir) {
			l.folders.withPages[dir] = true
		}
	}
}

// baseName is a file's name without its extension and language suffix,
// in lower case when it is a README.
func (l *loader) baseName(p string) string {
	name, _ := l.splitLang(path.Base(p))
	if strings.EqualFold(name, "readme") {
		return "readme"
	}
	return name
}

// splitLang splits a file name into its name, without extension, and
// the language its suffix names (first-meeting.en.md), "" for none.
func (l *loader) splitLang(file string) (name, lang string) {
	name = strings.TrimSuffix(file, path.Ext(file))
	if i := strings.LastIndexByte(name, '.'); i > 0 {
		if _, ok := l.cfg.Languages[name[i+1:]]; ok {
			return name[:i], name[i+1:]
		}
	}
	return name, ""
}

// placedAsNow reports whether a page loaded earlier sits where its
// folder's current files would place it.
func (l *loader) placedAsNow(pg *Page) bool {
	dir := path.Dir(pg.Path)
	switch l.baseName(pg.Path) {
	case "index":
		if l.isRoot(dir) {
			return true
		}
		return pg.Bundle == !l.folders.withPages[dir]
	case "readme":
		index := pg.Kind == "section" || pg.Kind == "home"
		return index == l.readmeIndex(pg.Path)
	}
	return true
}

// isRoot reports whether dir is content/ or a language folder in it.
func (l *loader) isRoot(dir string) bool {
	if dir == Dir {
		return true
	}
	rest, ok := strings.CutPrefix(dir, Dir+"/")
	if !ok || strings.Contains(rest, "/") {
		return false
	}
	_, lang := l.cfg.Languages[rest]
	return lang
}

// jekyllOnly are the folders and files of a Jekyll site that steer Jekyll
// and are never pages or published files.
var jekyllOnly = map[string]bool{
	"_layouts": true, "_includes": true, "_sass": true, "_data": true,
	"_site": true, "_plugins": true, "_drafts": true,
}

// JekyllOnly reports whether a file or folder name is one of those that
// steer Jekyll (_layouts, _includes, _data…) and are never pages.
func JekyllOnly(name string) bool { return jekyllOnly[name] }

// underscoreKept reports whether a file or folder whose name starts with
// "_" is content. Jekyll and Docusaurus publish no such name: they hold
// layouts, includes, configuration (_config.yml), partials or category
// settings (_category_.json), which copied into content/ must not leak
// into the site. Kept are the _index files that describe sections, and
// at the top of content/ (or of a language folder) Jekyll's collections,
// such as _posts, which publish as the section they name (posts).
func underscoreKept(p, name string, dir bool, cfg config.Config) bool {
	if !dir {
		return strings.HasPrefix(name, "_index.") && isMarkdown(name)
	}
	if JekyllOnly(name) {
		return false
	}
	parent := path.Dir(p)
	if parent == Dir {
		return true
	}
	rest, _ := strings.CutPrefix(parent, Dir+"/")
	_, lang := cfg.Languages[rest]
	return lang
}

// readmeIndex reports whether a README file describes its folder: when
// the folder has no _index or index file, and it is the folder's README
// (see folders.readme).
func (l *loader) readmeIndex(p string) bool {
	dir := path.Dir(p)
	name, _ := l.splitLang(path.Base(p))
	return !l.folders.withIndex[dir] && !l.folders.withIndexMD[dir] && l.folders.readme[dir] == name
}
