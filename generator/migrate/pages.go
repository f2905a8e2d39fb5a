package migrate

import (
	"cmp"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"gopkg.in/yaml.v3"
)

// awesomePages reads the .pages files of MkDocs' awesome-pages plugin
// under content, which title a folder (title: Outils) and order its
// pages and subfolders (nav:, or arrange: in older sites, where "..."
// stands for the others, and an entry may be titled: - Make: make.md),
// and removes them. A folder's title and place go to its section page
// as a Docusaurus category's do (placeCategory), a page's to its
// frontmatter (addFront). It returns what it could not carry over.
func awesomePages(content string) (left []string, err error) {
	type place struct {
		title    string
		position float64
	}
	folders := map[string]*place{} // folder → its title and its place in its parent
	folder := func(dir string) *place {
		if folders[dir] == nil {
			folders[dir] = &place{}
		}
		return folders[dir]
	}
	var files []string
	err = filepath.WalkDir(content, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || d.Name() != ".pages" {
			return err
		}
		files = append(files, p)
		return nil
	})
	if err != nil {
		return nil, err
	}
	slices.Sort(files)
	for _, file := range files {
		dir := filepath.Dir(file)
		rel, _ := filepath.Rel(filepath.Dir(content), file)
		rel = filepath.ToSlash(rel)
		data, err := os.ReadFile(file)
		if err != nil {
			return left, err
		}
		var c struct {
			Title   string `yaml:"title"`
			Nav     []any  `yaml:"nav"`
			Arrange []any  `yaml:"arrange"`
		}
		if err := yaml.Unmarshal(data, &c); err != nil {
			left = append(left, rel+": not read ("+err.Error()+")")
			continue
		}
		if c.Title != "" && dir != content {
			folder(dir).title = c.Title
		}
		after := 0.0 // entries after "..." come after the pages it stands for
		entries := c.Nav
		if entries == nil {
			entries = c.Arrange
		}
		for i, e := range entries {
			name, title := "", ""
			switch e := e.(type) {
			case string:
				name = e
			case map[string]any:
				for k, v := range e {
					title, _ = v.(string)
					name, title = title, k
				}
			}
			if name == "..." || strings.HasPrefix(name, "... ") {
				after = 1000
				continue
			}
			target := filepath.Join(dir, filepath.FromSlash(name))
			if name == "" || strings.Contains(name, "://") || !strings.HasPrefix(target, dir+string(filepath.Separator)) {
				continue // a link elsewhere: binome's sidebar lists pages
			}
			pos := after + float64(i+1)
			fi, err := os.Stat(target)
			switch {
			case err != nil:
				left = append(left, rel+": "+name+", which is not there")
				continue
			case fi.IsDir():
				f := folder(target)
				f.position, f.title = pos, cmp.Or(title, f.title)
				continue
			}
			if ok, err := addFront(target, title, pos); err != nil {
				return left, err
			} else if !ok {
				left = append(left, rel+": the place of "+name+" (its frontmatter is not YAML that binome could add it to)")
			}
		}
		if err := os.Remove(file); err != nil {
			return left, err
		}
	}
	for _, dir := range slices.Sorted(maps.Keys(folders)) {
		f := folders[dir]
		note, err := placeCategory(dir, f.title, category{Label: f.title, Position: f.position})
		if err != nil {
			return left, err
		}
		if note != "" {
			rel, _ := filepath.Rel(filepath.Dir(content), dir)
			left = append(left, filepath.ToSlash(rel)+": its title and place ("+note+")")
		}
	}
	return left, nil
}
