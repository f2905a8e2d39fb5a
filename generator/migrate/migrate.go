// Package migrate turns a site written for another generator (Hugo,
// Jekyll, MkDocs, Docusaurus, GitBook, or a plain folder of Markdown) into
// a binome site: it finds the pages, the static files, the title and the
// languages, copies the files where binome reads them, and writes
// site.yaml. Syntax inside the pages is left as written: loading and
// rendering read the other tools' syntax (see markdown.Normalize), so the
// author's files stay diffable against the old site. Includes are the
// exception: import puts the files they name into the pages (see
// includer).
package migrate

import (
	"bytes"
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"html"
	"io"
	"io/fs"
	"maps"
	"math"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/BurntSushi/toml"
	"gopkg.in/yaml.v3"

	"binome/generator/config"
	"binome/generator/content"
)

// Site is what Detect found in the old site.
type Site struct {
	Tool      string   // Hugo, Jekyll, MkDocs, Docusaurus, GitBook, Markdown
	Config    string   // the configuration file read, "" for none
	Title     string   // "" when the configuration names none
	Languages []string // the default first; empty when the configuration says none
	// LanguageGuessed is set when the configuration named no language
	// and Import took the pages' text to be in Languages[0].
	LanguageGuessed bool
	// LanguageTitles are the titles of the languages that have their own
	// (Hugo's languages.<lang>.title), by code.
	LanguageTitles map[string]string
	// Content maps folders of the old site (slash-separated, relative to
	// it) to folders under the new site's content/.
	Content map[string]string
	// Static lists folders of the old site copied to static/.
	Static []string
	// Order is MkDocs' nav or Docusaurus' sidebars: page paths under
	// content/ in reading order, written as content/SUMMARY.md, which
	// binome reads as order; OrderFrom names where it comes from, for
	// that file's comment ("" for MkDocs' nav).
	Order     []string
	OrderFrom string
	// Params are the old site's own variables (Jekyll's _config.yml but
	// its settings), which its pages show as {{ site.name }}: site.yaml's
	// params, where binome reads them.
	Params map[string]any
	// EditURL is where a page of content/ is edited, when the old
	// configuration says (Just the Docs' gh_edit_repository, MkDocs'
	// repo_url and edit_uri): site.yaml's editURL.
	EditURL string
	// Menu is the old site's main menu, when its configuration has one:
	// paths of pages under content/, in order.
	Menu []string
	// Titles are the nav's titles of the pages of Order, by path: the
	// sidebar's, which SUMMARY.md carries.
	Titles map[string]string
	// Groups are the titles of the nav's groups ("- Protocols: [...]")
	// by the folder that holds all of the group's pages, relative to the
	// docs folder: binome's sections are folders, and the group's title
	// names the section where its folder has no page of its own.
	Groups map[string]navGroup
	// Left names what binome does not carry over, for the report.
	Left []string
	// Exclude lists paths of the old site, relative to it, that its tool
	// does not publish (Jekyll's exclude:): a file, a folder, or a glob.
	Exclude []string
	// IncludeBases are the folders, relative to the old site, that
	// MkDocs' snippets name files from (pymdownx.snippets' base_path).
	IncludeBases []string
	// HTMLURLs is set when the old tool published a page at its path
	// with .html (GitBook, mdBook, MkDocs without directory URLs): each
	// page gets that URL as an alias (see htmlAliases).
	HTMLURLs bool
	// Permalinks are Hugo's URL patterns, by section (see hugoURL).
	Permalinks map[string]string
	// Permalink is Jekyll's permalink style or pattern (date by
	// default), by which its pages' old URLs are known (see
	// jekyllAliases).
	Permalink string
	// Collections are the Jekyll collections the site outputs, but
	// posts, each with its permalink pattern ("" for Jekyll's default),
	// by which their documents' old URLs are known (see jekyllURL).
	Collections map[string]string
	// Taxonomies are the taxonomies the old site's configuration names
	// (Hugo's [taxonomies]); nil when it names none, and the pages'
	// fields say (see taxonomies).
	Taxonomies []string
	// BaseURL is the site's public address when the configuration gives
	// one (Hugo's baseURL, Jekyll's url and baseurl, MkDocs' site_url,
	// Docusaurus' url and baseUrl): feeds and the sitemap need it.
	BaseURL string
}

// skipDirs are folders that hold tools, output or history, never pages.
var skipDirs = map[string]bool{
	".git": true, ".github": true, ".gitlab": true, ".hg": true, ".svn": true,
	"node_modules": true, "vendor": true, ".bundle": true, ".sass-cache": true,
	".jekyll-cache": true, ".docusaurus": true, ".cache": true, ".idea": true, ".vscode": true,
	"_site": true, ".binome-cache": true, ".obsidian": true, ".trash": true, ".foam": true,
	".vitepress": true, ".vuepress": true,
	// Jekyll's templates and data: binome has its own theme contract.
	"_layouts": true, "_includes": true, "_sass": true, "_data": true, "_plugins": true,
}

// skipFiles are files of the tools themselves, at any depth.
var skipFiles = map[string]bool{
	"Gemfile": true, "Gemfile.lock": true, "package.json": true, "package-lock.json": true,
	"yarn.lock": true, "pnpm-lock.yaml": true, "netlify.toml": true, "vercel.json": true,
	".gitignore": true, ".gitattributes": true, ".DS_Store": true, "Thumbs.db": true,
	"mkdocs.yml": true, "mkdocs.yaml": true, ".gitbook.yaml": true, "book.json": true,
	"CNAME": true, "LICENSE": true, "Makefile": true, "Dockerfile": true,
}

// Detect reads the old site in dir and says how to import it.
func Detect(dir string) (*Site, error) {
	info, err := os.Stat(dir)
	if err != nil {
		return nil, err
	}
	if !info.IsDir() {
		return nil, fmt.Errorf("%s is not a folder", dir)
	}
	has := func(name string) bool { _, err := os.Stat(filepath.Join(dir, name)); return err == nil }
	first := func(names ...string) string {
		for _, n := range names {
			if has(n) {
				return n
			}
		}
		return ""
	}
	if has("site.yaml") {
		return nil, fmt.Errorf("%s is a binome site already (it has a site.yaml): build it with binome build --source %s", dir, dir)
	}
	if cfg := first("docusaurus.config.js", "docusaurus.config.ts", "docusaurus.config.mjs"); cfg != "" {
		return docusaurus(dir, cfg)
	}
	if cfg := first("mkdocs.yml", "mkdocs.yaml"); cfg != "" {
		return mkdocs(dir, cfg)
	}
	for _, root := range []string{".", "docs"} {
		for _, tool := range []string{"VitePress", "VuePress"} {
			conf := path.Join(root, "."+strings.ToLower(tool), "config")
			if cfg := first(conf+".js", conf+".ts", conf+".mjs", conf+".mts", conf+".cjs"); cfg != "" {
				return vitepress(dir, root, cfg, tool)
			}
		}
	}
	hugoConfigs := []string{"hugo.toml", "hugo.yaml", "hugo.yml", "hugo.json", "config.toml", "config.yaml", "config.yml", "config.json"}
	for _, c := range hugoConfigs[:8] {
		// Hugo's configuration folder (Docsy's sites use it).
		hugoConfigs = append(hugoConfigs, "config/_default/"+c)
	}
	if cfg := first(hugoConfigs...); cfg != "" && (has("content") || strings.HasPrefix(path.Base(cfg), "hugo.")) {
		return hugo(dir, cfg)
	}
	if cfg := first("_config.yml", "_config.yaml", "_config.toml"); cfg != "" {
		return jekyll(dir, cfg)
	}
	if has("book.toml") {
		return mdbook(dir)
	}
	if has("SUMMARY.md") || has(".gitbook.yaml") || has("book.json") || has("LANGS.md") {
		return gitbook(dir)
	}
	if has(".obsidian") {
		// A vault: notes anywhere, linked by [[name]], which binome reads.
		s := &Site{Tool: "Obsidian", Content: map[string]string{".": ""},
			Left: []string{"the vault's settings and plugins (.obsidian/)", "embedded notes (![[Note]]), which become links"}}
		// The folders of note templates (core Templates, Templater) hold
		// no notes: their placeholders would be published as text.
		for _, f := range []struct{ file, key string }{{"templates.json", "folder"}, {"plugins/templater-obsidian/data.json", "templates_folder"}} {
			var c map[string]any
			if decodeConfig(filepath.Join(dir, ".obsidian", filepath.FromSlash(f.file)), &c) == nil {
				if d, _ := c[f.key].(string); d != "" && !strings.Contains(d, "..") {
					d = strings.Trim(path.Clean("/"+d), "/")
					if d != "" && !slices.Contains(s.Exclude, d) {
						s.Exclude = append(s.Exclude, d)
						s.Left = append(s.Left, d+"/, the vault's note templates")
					}
				}
			}
		}
		return s, nil
	}
	if has("content") {
		return &Site{Tool: "Markdown", Content: map[string]string{"content": ""}, Static: []string{"static"}}, nil
	}
	return &Site{Tool: "Markdown", Content: map[string]string{".": ""}}, nil
}

func hugo(dir, cfg string) (*Site, error) {
	var c struct {
		Title                  string `toml:"title" yaml:"title" json:"title"`
		BaseURL                string `toml:"baseURL" yaml:"baseURL" json:"baseURL"`
		ContentDir             string `toml:"contentDir" yaml:"contentDir" json:"contentDir"`
		StaticDir              any    `toml:"staticDir" yaml:"staticDir" json:"staticDir"`
		DefaultContentLanguage string `toml:"defaultContentLanguage" yaml:"defaultContentLanguage" json:"defaultContentLanguage"`
		LanguageCode           string `toml:"languageCode" yaml:"languageCode" json:"languageCode"`
		Languages              map[string]struct {
			Weight       int    `toml:"weight" yaml:"weight" json:"weight"`
			ContentDir   string `toml:"contentDir" yaml:"contentDir" json:"contentDir"`
			Title        string `toml:"title" yaml:"title" json:"title"`
			LanguageName string `toml:"languageName" yaml:"languageName" json:"languageName"`
		} `toml:"languages" yaml:"languages" json:"languages"`
		Menu  hugoMenus `toml:"menu" yaml:"menu" json:"menu"`
		Menus hugoMenus `toml:"menus" yaml:"menus" json:"menus"`
		// Taxonomies maps singular names to the plural ones that are
		// both the front matter field and the URL: tag = "tags".
		Taxonomies map[string]string `toml:"taxonomies" yaml:"taxonomies" json:"taxonomies"`
		// Permalinks maps sections to URL patterns: posts =
		// "/:year/:month/:title/" (or, since Hugo 0.115, page.posts).
		Permalinks map[string]any `toml:"permalinks" yaml:"permalinks" json:"permalinks"`
		// Params are the site's own variables, which pages show through
		// {{< param "name" >}} and which binome reads in site.yaml's
		// params.
		Params map[string]any `toml:"params" yaml:"params" json:"params"`
	}
	if err := decodeConfig(filepath.Join(dir, cfg), &c); err != nil {
		return nil, err
	}
	menus := c.Menu
	if len(menus) == 0 {
		menus = c.Menus
	}
	if d := path.Dir(cfg); d != "." {
		// Hugo's configuration folder may give the menus, the languages
		// and the params files of their own (config/_default/menus.toml).
		for name, v := range map[string]any{"menus": &menus, "languages": &c.Languages, "params": &c.Params} {
			for _, ext := range []string{".toml", ".yaml", ".yml", ".json"} {
				if f := filepath.Join(dir, d, name+ext); fileExists(f) {
					if err := decodeConfig(f, v); err != nil {
						return nil, err
					}
					break
				}
			}
		}
	}
	s := &Site{Tool: "Hugo", Config: cfg, Title: c.Title, Content: map[string]string{}, BaseURL: publicURL(c.BaseURL, ""), Params: c.Params}
	for section, v := range c.Permalinks {
		switch v := v.(type) {
		case string:
			s.addPermalink(section, v)
		case map[string]any:
			if section == "page" {
				for sec, p := range v {
					if p, ok := p.(string); ok {
						s.addPermalink(sec, p)
					}
				}
			}
		}
	}
	if c.Taxonomies != nil {
		// Given, they replace Hugo's default ones (tags, categories).
		s.Taxonomies = []string{}
		for _, plural := range c.Taxonomies {
			if plural = strings.TrimSpace(plural); plural != "" && !slices.Contains(s.Taxonomies, plural) {
				s.Taxonomies = append(s.Taxonomies, plural)
			}
		}
		slices.Sort(s.Taxonomies)
	}
	s.Content[path.Clean(orDefault(c.ContentDir, "content"))] = ""
	// Hugo orders languages as binome does: by weight, then code.
	lc := config.Config{DefaultLanguage: c.DefaultContentLanguage, Languages: map[string]config.Language{}}
	for l, v := range c.Languages {
		lc.Languages[l] = config.Language{Weight: v.Weight}
	}
	langs := lc.LanguageCodes()
	def := c.DefaultContentLanguage
	if def == "" && len(langs) > 0 {
		def = langs[0]
	}
	if def == "" {
		// A site in one language says which in languageCode ("fr-fr").
		def, _, _ = strings.Cut(strings.ReplaceAll(c.LanguageCode, "_", "-"), "-")
	}
	s.Languages = defaultFirst(def, langs)
	s.LanguageTitles = map[string]string{}
	named := false
	// Hugo can give each language its own content folder; binome reads
	// content/<lang>/. A language without one has the site's: when it is
	// the only such language, that folder is its own (docsy-example's
	// contentDir: content/en beside the other languages' content/no and
	// content/fa); when several share it, their files' suffixes say.
	top := path.Clean(orDefault(c.ContentDir, "content"))
	var shared []string
	for _, l := range langs {
		if d := c.Languages[l].ContentDir; d != "" {
			s.Content[path.Clean(d)] = l
		} else {
			shared = append(shared, l)
		}
	}
	switch {
	case len(shared) == len(langs):
	case len(shared) == 0:
		delete(s.Content, top)
	case len(shared) == 1 && s.Content[top] == "":
		s.Content[top] = shared[0]
	}
	for _, l := range langs {
		if t := strings.TrimSpace(c.Languages[l].Title); t != "" {
			s.LanguageTitles[l] = t
		}
		named = named || c.Languages[l].LanguageName != ""
	}
	if s.Title == "" {
		// The site's own title is the default language's, else the
		// first a language gives.
		s.Title = s.LanguageTitles[def]
		for _, l := range langs {
			s.Title = cmp.Or(s.Title, s.LanguageTitles[l])
		}
	}
	switch v := c.StaticDir.(type) {
	case string:
		s.Static = []string{v}
	case []any:
		for _, d := range v {
			if d, ok := d.(string); ok {
				s.Static = append(s.Static, d)
			}
		}
	default:
		s.Static = []string{"static"}
	}
	s.Left = []string{"layouts/ and themes/ (binome has its own theme contract)", "shortcodes binome does not know (they warn at their line)"}
	if named {
		s.Left = append(s.Left, "the languages' languageName (binome's theme names a language itself, as Français or English, else by its code)")
	}
	for _, from := range slices.Sorted(maps.Keys(s.Content)) {
		if lang := s.Content[from]; lang == "" || lang == def {
			if menus == nil {
				menus = hugoMenus{}
			}
			menus["main"] = append(menus["main"], frontMenus(filepath.Join(dir, filepath.FromSlash(from)))...)
		}
	}
	var outside []string
	s.Menu, outside = menus.main()
	if len(outside) > 0 {
		s.Left = append(s.Left, "the main menu's entries that are no page of the site (binome's menus list pages): "+strings.Join(outside, ", "))
	}
	return s, nil
}

// hugoMenus are a Hugo configuration's menus, by name.
type hugoMenus map[string][]hugoMenuEntry

// hugoMenuEntry is what binome reads of an entry of a Hugo menu.
type hugoMenuEntry struct {
	Name       string  `toml:"name" yaml:"name" json:"name"`
	URL        string  `toml:"url" yaml:"url" json:"url"`
	PageRef    string  `toml:"pageRef" yaml:"pageRef" json:"pageRef"`
	Weight     float64 `toml:"weight" yaml:"weight" json:"weight"`
	Parent     string  `toml:"parent" yaml:"parent" json:"parent"`
	Identifier string  `toml:"identifier" yaml:"identifier" json:"identifier"`
}

// main lists the top entries of the main menu as binome's menus take
// them, paths of pages under content/, in Hugo's order (weight, then
// name); and names those that link elsewhere (another site, a search
// box a theme draws), which a binome menu cannot hold.
func (m hugoMenus) main() (paths, outside []string) {
	entries := slices.Clone(m["main"])
	slices.SortStableFunc(entries, func(a, b hugoMenuEntry) int {
		// Hugo puts entries without a weight last.
		wa, wb := cmp.Or(a.Weight, math.MaxFloat64), cmp.Or(b.Weight, math.MaxFloat64)
		return cmp.Or(cmp.Compare(wa, wb), cmp.Compare(a.Name, b.Name), cmp.Compare(a.PageRef, b.PageRef))
	})
	for _, e := range entries {
		if e.Parent != "" {
			continue
		}
		ref := cmp.Or(e.PageRef, e.URL)
		if p := pagePath(ref); p != "" {
			paths = append(paths, p)
		} else if ref != "/" {
			outside = append(outside, cmp.Or(e.Name, e.Identifier, ref))
		}
	}
	return paths, outside
}

// frontMenus are the entries that the pages under dir, a content folder,
// put in the main menu from their frontmatter, as Docsy sites do:
// menu: {main: {weight: 20}}, menu: main or menu: [main].
func frontMenus(dir string) []hugoMenuEntry {
	var out []hugoMenuEntry
	eachPage(dir, func(p, rel string) error {
		data, err := os.ReadFile(p)
		if err != nil {
			return nil
		}
		data = bytes.TrimLeft(bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")), " \t\r\n")
		front := frontOf(data)
		if !bytes.Contains(front, []byte("menu")) {
			return nil
		}
		var fm map[string]any
		if bytes.HasPrefix(data, []byte("+++")) {
			err = toml.Unmarshal(front, &fm)
		} else {
			err = yaml.Unmarshal(front, &fm)
		}
		if err != nil {
			return nil // the build says where
		}
		// Hugo names an entry by its page's title, and orders entries of
		// one weight by their names.
		title, _ := cmp.Or(fm["linkTitle"], fm["title"]).(string)
		e := hugoMenuEntry{PageRef: rel, Name: title}
		main := false
		switch v := cmp.Or(fm["menu"], fm["menus"]).(type) {
		case string:
			main = v == "main"
		case []any:
			main = slices.Contains(v, any("main"))
		case map[string]any:
			var m any
			m, main = v["main"]
			if m, ok := m.(map[string]any); ok {
				if name, ok := m["name"].(string); ok && name != "" {
					e.Name = name
				}
				e.Parent, _ = m["parent"].(string)
				switch w := m["weight"].(type) {
				case int:
					e.Weight = float64(w)
				case int64:
					e.Weight = float64(w)
				case float64:
					e.Weight = w
				}
			}
		}
		if main {
			out = append(out, e)
		}
		return nil
	})
	return out
}

// pagePath turns a menu's link to a page of the site ("/docs/",
// "docs/_index.md", "/about") into a path under content/, as binome's
// menus take it; "" for any other link or the home page.
func pagePath(ref string) string {
	if ref == "" || strings.Contains(ref, "://") || strings.HasPrefix(ref, "#") || strings.HasPrefix(ref, "mailto:") || strings.HasPrefix(ref, "{{") {
		return ""
	}
	ref, _, _ = strings.Cut(ref, "#")
	ref, _, _ = strings.Cut(ref, "?")
	ref = strings.TrimSuffix(ref, ".md")
	ref = strings.TrimSuffix(strings.TrimSuffix(ref, "_index"), "index")
	return strings.Trim(path.Clean("/"+ref), "/")
}

func isDir(d string) bool {
	fi, err := os.Stat(d)
	return err == nil && fi.IsDir()
}

func fileExists(f string) bool {
	_, err := os.Stat(f)
	return err == nil
}

func jekyll(dir, cfg string) (*Site, error) {
	var c struct {
		Title  string   `yaml:"title" toml:"title"`
		Lang   string   `yaml:"lang" toml:"lang"`
		Locale string   `yaml:"locale" toml:"locale"`
		Source string   `yaml:"source" toml:"source"`
		Dest   string   `yaml:"destination" toml:"destination"`
		Langs  []string `yaml:"languages" toml:"languages"`
		URL    string   `yaml:"url" toml:"url"`
		Base   string   `yaml:"baseurl" toml:"baseurl"`
		// Jekyll publishes a README.md at the root unless told not to, so
		// sites often exclude it: importing it anyway gave two home pages.
		Exclude     []string `yaml:"exclude" toml:"exclude"`
		Include     []string `yaml:"include" toml:"include"`
		Collections any      `yaml:"collections" toml:"collections"`
		Permalink   string   `yaml:"permalink" toml:"permalink"`
		// Just the Docs' "Edit this page on GitHub".
		EditRepo   string `yaml:"gh_edit_repository" toml:"gh_edit_repository"`
		EditBranch string `yaml:"gh_edit_branch" toml:"gh_edit_branch"`
		EditSource string `yaml:"gh_edit_source" toml:"gh_edit_source"`
	}
	if err := decodeConfig(filepath.Join(dir, cfg), &c); err != nil {
		return nil, err
	}
	// Folders whose names start with _ are no pages to Jekyll unless they
	// are a collection it outputs, or the configuration includes them:
	// binome would publish _news/ as /news/.
	published := map[string]bool{"_posts": true}
	for _, name := range c.Include {
		published[strings.Trim(name, "/")] = true
	}
	collections := map[string]string{}
	switch cols := c.Collections.(type) {
	case map[string]any:
		for name, v := range cols {
			if m, ok := v.(map[string]any); ok && m["output"] == true {
				published["_"+name] = true
				if name != "posts" {
					collections[name], _ = m["permalink"].(string)
				}
			}
		}
	}
	var hidden []string
	if entries, err := os.ReadDir(filepath.Join(dir, orDefault(c.Source, "."))); err == nil {
		for _, e := range entries {
			if name := e.Name(); e.IsDir() && strings.HasPrefix(name, "_") && !published[name] && !content.JekyllOnly(name) {
				hidden = append(hidden, name)
			}
		}
	}
	c.Exclude = append(c.Exclude, hidden...)
	s := &Site{Tool: "Jekyll", Config: cfg, Title: c.Title, Content: map[string]string{orDefault(c.Source, "."): ""}, Exclude: c.Exclude,
		BaseURL: publicURL(c.URL, c.Base), Permalink: orDefault(c.Permalink, "date"), Collections: collections}
	if repo := strings.TrimSuffix(c.EditRepo, "/"); strings.HasPrefix(repo, "http") {
		// Just the Docs links a page's file under gh_edit_source, which
		// is the site's source: content/ once imported.
		parts := []string{repo, "edit", orDefault(c.EditBranch, "main")}
		if src := strings.Trim(path.Join(c.EditSource, c.Source), "/."); src != "" {
			parts = append(parts, src)
		}
		s.EditURL = strings.Join(parts, "/") + "/"
	}
	lang := cmp.Or(c.Lang, strings.SplitN(strings.ReplaceAll(c.Locale, "_", "-"), "-", 2)[0])
	s.Languages = defaultFirst(lang, c.Langs)
	s.Left = []string{"_layouts, _includes and _sass (binome has its own theme contract)", "Liquid tags binome does not know, such as {% include %} (they warn at their line)"}
	if n := len(c.Exclude) - len(hidden); n > 0 {
		s.Left = append(s.Left, "what "+cfg+" excludes: "+strings.Join(c.Exclude[:n], ", "))
	}
	if len(hidden) > 0 {
		s.Left = append(s.Left, strings.Join(hidden, ", ")+" (no collection that "+cfg+" outputs, so Jekyll published none of it)")
	}
	// The site's own variables, which pages show as {{ site.repo.name }}:
	// binome reads them from site.yaml's params.
	var all map[string]any
	if decodeConfig(filepath.Join(dir, cfg), &all) == nil {
		for k, v := range all {
			if !jekyllSettings[k] && v != nil {
				if s.Params == nil {
					s.Params = map[string]any{}
				}
				s.Params[k] = v
			}
		}
	}
	return s, nil
}

// jekyllSettings are the keys of _config.yml that steer Jekyll, its
// plugins and its usual themes, rather than name something pages show.
var jekyllSettings = func() map[string]bool {
	m := map[string]bool{}
	for _, k := range strings.Fields(`title url baseurl source destination collections_dir plugins_dir
		layouts_dir data_dir includes_dir sass collections safe include exclude keep_files encoding
		markdown_ext strict_front_matter show_drafts limit_posts future unpublished whitelist plugins
		gems markdown highlighter lsi excerpt_separator incremental profile permalink paginate
		paginate_path timezone quiet verbose defaults liquid kramdown theme remote_theme port host
		livereload lang locale languages color_scheme search_enabled search heading_anchors
		aux_links aux_links_new_tab nav_external_links nav_sort back_to_top back_to_top_text
		footer_content last_edit_timestamp last_edit_time_format gh_edit_link gh_edit_link_text
		gh_edit_repository gh_edit_branch gh_edit_source gh_edit_view_mode callouts callouts_level
		ga_tracking ga_tracking_anonymize_ip enable_copy_code_button mermaid logo favicon_ico
		just_the_docs compress_html jekyll-archives feed sitemap seo social twitter
		google_analytics analytics minimal_mistakes_skin breadcrumbs words_per_minute`) {
		m[k] = true
	}
	return m
}()

// vitepress reads a VitePress or VuePress site, whose pages are the
// folder that holds .vitepress/ (or .vuepress/), often docs/, and whose
// files to copy as they are are in its public/ (.vuepress/public/). Its
// configuration is JavaScript: binome reads the first title and lang it
// sets, and leaves the rest (nav, sidebar, theme) behind.
func vitepress(dir, root, cfg, tool string) (*Site, error) {
	data, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(cfg)))
	if err != nil {
		return nil, err
	}
	s := &Site{Tool: tool, Config: cfg, Content: map[string]string{root: ""}}
	if m := jsTitle.FindSubmatch(data); m != nil {
		s.Title = string(m[1])
	}
	if m := jsLang.FindSubmatch(data); m != nil {
		lang, _, _ := strings.Cut(strings.ReplaceAll(string(m[1]), "_", "-"), "-")
		s.Languages = []string{strings.ToLower(lang)}
	}
	public := path.Join(root, "public")
	if tool == "VuePress" {
		public = path.Join(root, ".vuepress", "public")
	}
	s.Static = []string{public}
	s.Left = []string{path.Dir(cfg) + "/ (the configuration, its nav and sidebar, and the theme)",
		"<<< @/file code imports and Vue components (they warn at their line)"}
	return s, nil
}

var (
	jsTitle = regexp.MustCompile(`(?m)^\s*title\s*:\s*['"\x60]([^'"\x60\n]+)['"\x60]`)
	jsLang  = regexp.MustCompile(`(?m)^\s*lang\s*:\s*['"]([A-Za-z]{2,3}(?:[-_][A-Za-z0-9]+)?)['"]`)
)

func mkdocs(dir, cfg string) (*Site, error) {
	data, err := os.ReadFile(filepath.Join(dir, cfg))
	if err != nil {
		return nil, err
	}
	// mkdocs.yml may hold Python tags (!!python/name:…, !ENV) that a
	// plain YAML reader refuses: read what binome needs and skip them.
	var c struct {
		SiteName string    `yaml:"site_name"`
		SiteURL  string    `yaml:"site_url"`
		DocsDir  string    `yaml:"docs_dir"`
		Nav      yaml.Node `yaml:"nav"`
		DirURLs  *bool     `yaml:"use_directory_urls"`
		Theme    yaml.Node `yaml:"theme"`
		Ext      yaml.Node `yaml:"markdown_extensions"`
		RepoURL  string    `yaml:"repo_url"`
		EditURI  string    `yaml:"edit_uri"`
	}
	if err := yaml.Unmarshal(stripYAMLTags(data), &c); err != nil {
		return nil, fmt.Errorf("%s: %w", cfg, err)
	}
	docs := orDefault(c.DocsDir, "docs")
	s := &Site{Tool: "MkDocs", Config: cfg, Title: c.SiteName, Content: map[string]string{docs: ""}, BaseURL: publicURL(c.SiteURL, ""),
		HTMLURLs: c.DirURLs != nil && !*c.DirURLs}
	var theme struct {
		Language string `yaml:"language"`
	}
	if c.Theme.Kind == yaml.MappingNode && c.Theme.Decode(&theme) == nil {
		s.Languages = defaultFirst(theme.Language, nil)
	}
	// A page's edit link is repo_url, then edit_uri (MkDocs' default on
	// GitHub and GitLab: edit/master/docs/), then its path in docs_dir.
	repo, edit := strings.TrimSuffix(c.RepoURL, "/"), c.EditURI
	if edit == "" && (strings.Contains(repo, "://github.com/") || strings.Contains(repo, "://gitlab.com/")) {
		edit = "edit/master/docs/"
	}
	switch {
	case strings.HasPrefix(edit, "http"):
		s.EditURL = strings.TrimSuffix(edit, "/") + "/"
	case edit != "" && strings.HasPrefix(repo, "http"):
		s.EditURL = repo + "/" + strings.Trim(edit, "/") + "/"
	}
	s.Order, s.Titles, s.Groups = navPaths(&c.Nav)
	s.IncludeBases = snippetBases(&c.Ext)
	s.Left = []string{"the theme's options and plugins (binome has its own theme and search)"}
	// MkDocs warns of a nav entry whose file is missing; so does import.
	var missing []string
	for _, p := range s.Order {
		if _, err := os.Stat(filepath.Join(dir, docs, filepath.FromSlash(p))); err != nil {
			missing = append(missing, p)
		}
	}
	if len(missing) > 0 {
		s.Left = append(s.Left, "the nav's entries whose file is not in "+docs+"/: "+strings.Join(missing, ", "))
	}
	return s, nil
}

// snippetBases reads pymdownx.snippets' base_path among MkDocs'
// markdown_extensions (a list of names, or of one-key maps of options):
// one folder or a list, "." when unset.
func snippetBases(ext *yaml.Node) []string {
	if ext.Kind != yaml.SequenceNode {
		return nil
	}
	for _, e := range ext.Content {
		if e.Kind != yaml.MappingNode || len(e.Content) != 2 || e.Content[0].Value != "pymdownx.snippets" {
			continue
		}
		var opts struct {
			BasePath yaml.Node `yaml:"base_path"`
		}
		if e.Content[1].Decode(&opts) != nil {
			return nil
		}
		switch b := &opts.BasePath; b.Kind {
		case yaml.ScalarNode:
			return []string{b.Value}
		case yaml.SequenceNode:
			var out []string
			for _, x := range b.Content {
				out = append(out, x.Value)
			}
			return out
		}
	}
	return nil
}

// navPaths lists the local pages of an MkDocs nav, in order, their
// titles, and the titles of the groups whose pages share a folder (see
// Site.Groups); the outer group wins a folder.
func navPaths(n *yaml.Node) (paths []string, titles map[string]string, groups map[string]navGroup) {
	titles, groups = map[string]string{}, map[string]navGroup{}
	var walk func(n *yaml.Node, title string)
	walk = func(n *yaml.Node, title string) {
		switch n.Kind {
		case yaml.SequenceNode, yaml.DocumentNode:
			from := len(paths)
			for _, c := range n.Content {
				walk(c, "")
			}
			if dir := commonDir(paths[from:]); title != "" && dir != "" {
				groups[dir] = navGroup{title, from + 1} // the inner groups came first
			}
		case yaml.MappingNode:
			for i := 1; i < len(n.Content); i += 2 {
				walk(n.Content[i], n.Content[i-1].Value)
			}
		case yaml.ScalarNode:
			v := n.Value
			if strings.HasSuffix(v, ".md") && !strings.Contains(v, "://") {
				paths = append(paths, v)
				if title != "" {
					titles[v] = title // "- DNA Extraction: wet-lab/extraction.md"
				}
			}
		}
	}
	walk(n, "")
	return paths, titles, groups
}

// commonDir is the deepest folder holding all of paths, "" for the root
// or none.
func commonDir(paths []string) string {
	if len(paths) == 0 {
		return ""
	}
	dir := path.Dir(strings.TrimPrefix(paths[0], "/"))
	for _, p := range paths[1:] {
		for dir != "." && !strings.HasPrefix(strings.TrimPrefix(p, "/"), dir+"/") {
			dir = path.Dir(dir)
		}
	}
	if dir == "." {
		return ""
	}
	return dir
}

// navGroup is a group of MkDocs' nav or a part of a SUMMARY.md: its title,
// and its place, that of its first page in the table.
type navGroup struct {
	Title  string
	Weight int
}

// writeGroups gives the folders of MkDocs' nav groups that have no page
// of their own (an index.md or README.md, whose title would name the
// section) an _index.md titled as the group, in its place: a section
// page of its own, it would otherwise lose the place its first page
// gave the folder. A folder whose page the table of contents does not
// list (a GitBook part's README.md of one heading, its folder's name)
// gets the group's title and place in its frontmatter instead, as
// GitBook names the part.
func writeGroups(contentDir string, groups map[string]navGroup) error {
	listed := map[string]bool{}
	if data, err := os.ReadFile(filepath.Join(contentDir, content.TOCName)); err == nil {
		paths, _ := content.ParseTOC(content.Dir+"/"+content.TOCName, data)
		for _, p := range paths {
			listed[strings.TrimPrefix(p, content.Dir+"/")] = true
		}
	}
	for _, dir := range slices.Sorted(maps.Keys(groups)) {
		g := groups[dir]
		folder := filepath.Join(contentDir, filepath.FromSlash(dir))
		if fi, err := os.Stat(folder); err != nil || !fi.IsDir() {
			continue
		}
		if hasIndex(folder) {
			if page, index := categoryPage(folder, ""); index && !listed[path.Join(dir, page)] {
				if _, err := addFront(filepath.Join(folder, page), g.Title, float64(g.Weight)); err != nil {
					return err
				}
			}
			continue
		}
		if err := os.WriteFile(filepath.Join(folder, "_index.md"), []byte(categoryIndex(g.Title, float64(g.Weight))), 0o644); err != nil {
			return err
		}
	}
	return nil
}

// hasIndex reports whether a folder has the page that introduces it.
func hasIndex(dir string) bool {
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		switch strings.ToLower(e.Name()) {
		case "_index.md", "index.md", "readme.md", "index.mdx", "_index.markdown", "index.markdown":
			return true
		}
	}
	return false
}

// docsRoute is the folder of content/ where a Docusaurus site's docs go:
// the path its docs are served under, its routeBasePath ("docs" unless
// it says otherwise; "" for a site whose docs are the whole site, "/"),
// so that their URLs stay what they were.
func docsRoute(config []byte) string {
	// The docs plugin's options: from "docs:" to the next plugin's.
	at := docuDocs.FindIndex(config)
	if at == nil {
		return "docs"
	}
	opts := config[at[1]:]
	if end := docuOtherPlugin.FindIndex(opts); end != nil {
		opts = opts[:end[0]]
	}
	m := docuRouteBase.FindSubmatch(opts)
	if m == nil {
		return "docs"
	}
	route := strings.Trim(path.Clean("/"+string(m[1])), "/")
	if strings.Contains(route, "..") {
		return "docs"
	}
	return route
}

// The literals of a Docusaurus configuration binome reads.
var (
	docuTitle         = regexp.MustCompile(`\btitle\s*:\s*['"]([^'"]+)['"]`)
	docuLocales       = regexp.MustCompile(`locales:\s*\[([^\]]*)\]`)
	docuQuoted        = regexp.MustCompile(`['"]([\w-]+)['"]`)
	docuDefaultLocale = regexp.MustCompile(`defaultLocale:\s*['"]([\w-]+)['"]`)
	docuURL           = regexp.MustCompile(`\burl\s*:\s*['"](https?://[^'"]+)['"]`)
	docuDocs          = regexp.MustCompile(`\bdocs\s*:\s*\{`)
	docuOtherPlugin   = regexp.MustCompile(`\b(?:blog|theme|pages|sitemap|gtag)\s*:\s*[{\[]`)
	docuRouteBase     = regexp.MustCompile(`routeBasePath\s*:\s*['"]([^'"]*)['"]`)
	docuBaseURL       = regexp.MustCompile(`(?m)^\s*baseUrl:\s*['"]([^'"]*)['"]`)
)

func docusaurus(dir, cfg string) (*Site, error) {
	data, err := os.ReadFile(filepath.Join(dir, cfg))
	if err != nil {
		return nil, err
	}
	// The configuration is a JavaScript program; the title and locales
	// are literals in nearly every one.
	s := &Site{Tool: "Docusaurus", Config: cfg, Content: map[string]string{}}
	if m := docuTitle.FindSubmatch(data); m != nil {
		s.Title = string(m[1])
	}
	if m := docuURL.FindSubmatch(data); m != nil {
		base := ""
		if b := docuBaseURL.FindSubmatch(data); b != nil {
			base = string(b[1])
		}
		s.BaseURL = publicURL(string(m[1]), base)
	}
	var locales []string
	if m := docuLocales.FindSubmatch(data); m != nil {
		for _, l := range docuQuoted.FindAllSubmatch(m[1], -1) {
			locales = append(locales, string(l[1]))
		}
	}
	def := ""
	if m := docuDefaultLocale.FindSubmatch(data); m != nil {
		def = string(m[1])
	}
	s.Languages = defaultFirst(def, locales)
	docsURL := docsRoute(data)
	for _, d := range []string{"docs", "blog"} {
		if fi, err := os.Stat(filepath.Join(dir, d)); err == nil && fi.IsDir() {
			s.Content[d] = d
		}
	}
	if _, ok := s.Content["docs"]; ok {
		s.Content["docs"] = docsURL
	}
	if len(s.Content) == 0 {
		s.Content["."] = ""
	}
	// Translations live under i18n/<locale>/, by plugin; binome reads
	// them from content/<lang>/.
	for _, l := range s.Languages[min(1, len(s.Languages)):] {
		for from, to := range map[string]string{
			"docusaurus-plugin-content-docs/current": docsURL,
			"docusaurus-plugin-content-blog":         "blog",
		} {
			d := path.Join("i18n", l, from)
			if fi, err := os.Stat(filepath.Join(dir, filepath.FromSlash(d))); err == nil && fi.IsDir() {
				s.Content[d] = path.Join(l, to)
			}
		}
	}
	if target, ok := s.Content["docs"]; ok {
		paths, titles, groups, file, err := sidebarsOrder(dir, "docs")
		switch {
		case err != nil:
			s.Left = append(s.Left, fmt.Sprintf("the order of %v (the docs keep their sidebar_position and _category_ order)", err))
		case len(paths) > 0:
			// Paths under docs/ become paths under content/.
			s.OrderFrom, s.Titles, s.Groups = file, map[string]string{}, map[string]navGroup{}
			for _, p := range paths {
				to := path.Join(target, p)
				s.Order = append(s.Order, to)
				if t, ok := titles[p]; ok {
					s.Titles[to] = t
				}
			}
			for d, g := range groups {
				s.Groups[path.Join(target, d)] = g
			}
		}
	}
	s.Static = []string{"static"}
	// The report names what this site has and binome leaves, not what a
	// Docusaurus site may have.
	if fi, err := os.Stat(filepath.Join(dir, "src", "pages")); err == nil && fi.IsDir() {
		s.Left = append(s.Left, "React pages in src/pages/")
	}
	s.Left = append(s.Left, "MDX components binome cannot stand in for (they show as text, each with a warning)")
	if codes, _ := filepath.Glob(filepath.Join(dir, "i18n", "*", "code.json")); len(codes) > 0 {
		s.Left = append(s.Left, "the interface strings of i18n/<locale>/code.json (binome's theme has its own)")
	}
	return s, nil
}

// gitbook reads a GitBook: its pages are the folder .gitbook.yaml's root
// names, else the book's own, its title is book.json's, and a LANGS.md
// there makes it a book in several languages, one folder each.
func gitbook(dir string) (*Site, error) {
	// _book/ is the output of GitBook's own build, as _site/ is
	// Jekyll's: its old HTML would publish at /book/.
	s := &Site{Tool: "GitBook", Content: map[string]string{".": ""}, Exclude: []string{"_book"}, HTMLURLs: true}
	root := "."
	var c struct {
		Root string `yaml:"root"`
	}
	if data, err := os.ReadFile(filepath.Join(dir, ".gitbook.yaml")); err == nil {
		s.Config = ".gitbook.yaml"
		if err := yaml.Unmarshal(data, &c); err != nil {
			return nil, fmt.Errorf(".gitbook.yaml: %w", err)
		}
		if c.Root != "" {
			root = path.Clean(c.Root)
			s.Content = map[string]string{root: ""}
		}
	}
	var book struct {
		Title string `json:"title"`
	}
	if err := decodeConfig(filepath.Join(dir, "book.json"), &book); err == nil {
		s.Config = cmp.Or(s.Config, "book.json")
		s.Title = strings.TrimSpace(book.Title)
	} else if !errors.Is(err, fs.ErrNotExist) {
		return nil, err
	}
	s.Left = []string{"GitBook integrations and variants"}
	if isDir(filepath.Join(dir, "_book")) {
		s.Left = append(s.Left, "_book/, the output of GitBook's own build")
	}
	if data, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(root), "LANGS.md")); err == nil {
		gitbookLanguages(dir, root, data, s)
	}
	s.Left = append(s.Left, missingEntries(dir, s.Content)...)
	s.Groups = summaryParts(dir, s.Content)
	return s, nil
}

// mdbook reads an mdBook: book.toml's title and language, and its
// source folder (src/ by default), whose SUMMARY.md binome reads as
// GitBook's.
func mdbook(dir string) (*Site, error) {
	var c struct {
		Book struct {
			Title    string `toml:"title"`
			Language string `toml:"language"`
			Src      string `toml:"src"`
		} `toml:"book"`
	}
	if err := decodeConfig(filepath.Join(dir, "book.toml"), &c); err != nil {
		return nil, err
	}
	src := path.Clean(orDefault(c.Book.Src, "src"))
	if strings.HasPrefix(src, "..") || path.IsAbs(src) {
		src = "src"
	}
	s := &Site{Tool: "mdBook", Config: "book.toml", Title: strings.TrimSpace(c.Book.Title), Content: map[string]string{src: ""}, HTMLURLs: true}
	if c.Book.Language != "" {
		s.Languages = defaultFirst(strings.ToLower(strings.SplitN(strings.ReplaceAll(c.Book.Language, "_", "-"), "-", 2)[0]), nil)
	}
	s.Left = []string{"the theme/ folder and book.toml's preprocessors and outputs", "{{#include}} and mdBook's other tags (they warn at their line)"}
	s.Left = append(s.Left, missingEntries(dir, s.Content)...)
	s.Groups = summaryParts(dir, s.Content)
	return s, nil
}

// summaryParts reads the parts of each content folder's SUMMARY.md (its
// "## People & Operations" headings, which GitBook's sidebar shows over
// their pages) as import reads MkDocs' nav groups (see Site.Groups): by
// the folder that holds all of a part's pages, relative to content/.
func summaryParts(dir string, folders map[string]string) map[string]navGroup {
	groups := map[string]navGroup{}
	for from, to := range folders {
		data, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(path.Join(from, content.TOCName))))
		if err != nil {
			continue
		}
		title, chunk, entries, seen := "", []byte(nil), false, 0
		flush := func() {
			paths, _ := content.ParseTOC(content.Dir+"/"+content.TOCName, chunk)
			var inFolders []string // the home page (README.md) may open a part
			for _, p := range paths {
				if p = strings.TrimPrefix(p, content.Dir+"/"); !strings.EqualFold(p, "README.md") && !strings.EqualFold(p, "index.md") {
					inFolders = append(inFolders, p)
				}
			}
			if d := commonDir(inFolders); title != "" && d != "" {
				groups[path.Join(to, d)] = navGroup{title, seen + 1}
			}
			seen += len(paths)
		}
		for line := range bytes.Lines(data) {
			// A level-1 heading before any entry is the table's own
			// title ("# Summary"); after one, mdBook's part.
			if h, level := partHeading(line); level > 1 || level == 1 && entries {
				flush()
				title, chunk = h, nil
				continue
			}
			if t := bytes.TrimSpace(line); len(t) >= 3 && len(bytes.Trim(t, "-")) == 0 {
				// mdBook's separator: the chapters after it are in no part.
				flush()
				title, chunk = "", nil
				continue
			}
			if bytes.Contains(line, []byte("](")) {
				entries = true
			}
			chunk = append(chunk, line...)
		}
		flush()
	}
	return groups
}

// partHeading is the text and level of a SUMMARY.md heading, level 0
// for a line that is none.
func partHeading(line []byte) (string, int) {
	t := strings.TrimSpace(string(line))
	level := len(t) - len(strings.TrimLeft(t, "#"))
	if level == 0 || level > 6 || !strings.HasPrefix(t[level:], " ") {
		return "", 0
	}
	// GitBook writes an anchor in it: ## <a href="#people" id="people"></a> People
	t = strings.TrimSpace(html.UnescapeString(htmlTagRe.ReplaceAllString(t[level:], "")))
	if t == "" {
		return "", 0
	}
	return t, level
}

var htmlTagRe = regexp.MustCompile(`<[^>]*>`)

// missingEntries names, for the report, the entries of the SUMMARY.md of
// each content folder (the book's, a language's) whose file is missing,
// as import does for MkDocs' nav: GitBook made an empty page of such an
// entry, binome has none to order.
// maxNamed is how many files of one kind a line of the report names.
const maxNamed = 10

func missingEntries(dir string, folders map[string]string) []string {
	froms := slices.Sorted(maps.Keys(folders))
	var left []string
	for _, from := range froms {
		toc := path.Join(from, content.TOCName)
		data, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(toc)))
		if err != nil {
			continue
		}
		// Read as binome reads the table once it is content/SUMMARY.md.
		paths, _ := content.ParseTOC(content.Dir+"/"+content.TOCName, data)
		var missing []string
		for _, p := range paths {
			rel := strings.TrimPrefix(p, content.Dir+"/")
			if !fileExists(filepath.Join(dir, filepath.FromSlash(from), filepath.FromSlash(rel))) {
				missing = append(missing, rel)
			}
		}
		if n := len(missing); n > maxNamed {
			// A book exported without its slides or attachments misses
			// a hundred: the report names some, and counts the rest.
			missing = append(missing[:maxNamed], fmt.Sprintf("and %d more", n-maxNamed))
		}
		if len(missing) > 0 {
			left = append(left, "the entries of "+toc+" whose file is missing: "+strings.Join(missing, ", "))
		}
	}
	return left
}

// langLink matches a list item of GitBook's LANGS.md: "* [English](en/)".
var langLink = regexp.MustCompile(`(?m)^\s*[*+-]\s+\[[^\]]*\]\(\s*<?([^)<>\s]+)>?\s*\)`)

// gitbookLanguages reads a GitBook's LANGS.md, in its root: each link
// names a language's folder, the first the default's. binome reads a
// language's pages, and its SUMMARY.md, from content/<lang>/, named by
// the language's code, which the folder's name is as GitBook has them
// ("en", "pt_BR" for pt-br). LANGS.md is left out, and so is the root's
// README.md, where GitBook showed the choice of language: it would be a
// second home page.
func gitbookLanguages(dir, root string, data []byte, s *Site) {
	s.Exclude = append(s.Exclude, path.Join(root, "LANGS.md"))
	var langs, others []string
	for _, m := range langLink.FindAllSubmatch(data, -1) {
		folder := path.Clean(strings.Trim(string(m[1]), "/"))
		if path.Ext(folder) != "" {
			folder = path.Dir(folder) // [English](en/OS.md): the book's first page
		}
		if strings.HasPrefix(folder, "..") || folder == "." || !isDir(filepath.Join(dir, filepath.FromSlash(root), filepath.FromSlash(folder))) {
			continue
		}
		code := strings.ToLower(strings.ReplaceAll(path.Base(folder), "_", "-"))
		if !languageTag.MatchString(code) || slices.Contains(langs, code) {
			others = append(others, folder+"/")
			continue
		}
		langs = append(langs, code)
		s.Content[path.Join(root, folder)] = code
	}
	if len(langs) == 0 {
		return
	}
	s.Languages = langs
	s.Exclude = append(s.Exclude, path.Join(root, "README.md"))
	if len(others) > 0 {
		s.Left = append(s.Left, "the languages of LANGS.md whose folder is named by no language code (binome's are such as en, fr or pt-br), imported as folders of "+langs[0]+": "+strings.Join(others, ", "))
	}
}

// decodeConfig reads a TOML, YAML or JSON configuration by its extension.
func decodeConfig(file string, v any) error {
	data, err := os.ReadFile(file)
	if err != nil {
		return err
	}
	switch filepath.Ext(file) {
	case ".toml":
		_, err = toml.Decode(string(data), v)
	case ".json":
		err = json.Unmarshal(data, v)
	default:
		err = yaml.Unmarshal(stripYAMLTags(data), v)
	}
	if err != nil {
		return fmt.Errorf("%s: %w", filepath.Base(file), err)
	}
	return nil
}

// yamlTag matches a custom YAML tag such as !!python/name:x or !ENV.
var yamlTag = regexp.MustCompile(`(:\s*|-\s+)!{1,2}[\w/:.-]+(\s|$)`)

// envList matches MkDocs' !ENV [NAME, …, default] on one line.
var envList = regexp.MustCompile(`!ENV\s*\[(?:[^\]\n]*?,)?\s*("[^"\n]*"|'[^'\n]*'|[^,\]\n]*?)\s*\]`)

// stripYAMLTags drops the tags of a YAML configuration that a plain
// reader refuses. MkDocs' !ENV [DOCS, docs], the first of the variables
// that is set, else the last item, reads as its default, docs: the
// variables are those of the old site's build, not of this machine's.
func stripYAMLTags(data []byte) []byte {
	data = envList.ReplaceAll(data, []byte("$1"))
	return yamlTag.ReplaceAll(data, []byte("$1$2"))
}

// Report says what Import did.
type Report struct {
	Pages, Files int
	// Inlined counts the include directives whose files import put
	// into the pages (see includer); IncludesLeft names, by page and
	// line, those it left as written, and why.
	Inlined      int
	IncludesLeft []string
	// Templates are the old tool's own pages in HTML or XML with
	// frontmatter (a Jekyll feed.xml, 404.html, a home page listing
	// posts), not copied: binome makes its own.
	Templates []string
	// HTMLPages are the pages the old site wrote in HTML with no
	// template logic, imported as Markdown pages (see
	// htmlPageAsMarkdown).
	HTMLPages []string
	// Tagged counts the Obsidian notes whose #tags in the text were
	// added to their frontmatter's tags; TagsLeft names those whose
	// frontmatter could not be read to do so.
	Tagged   int
	TagsLeft []string
	// OldURLs counts the pages given their old URL as an alias (Jekyll's
	// /2024/01/15/first-duo.html, /about.html), which binome redirects.
	OldURLs int
	// Titled counts the Jekyll documents given the title Jekyll made of
	// their file name (see jekyllTitles).
	Titled int
	// Nested counts the pages moved into their parent's folder, as Just
	// the Docs' parent: nests them (see nestParents); ParentsLeft says
	// which parents could not be found or followed, and why.
	Nested      int
	ParentsLeft []string
}

// Import copies the old site in src into a new binome site in dst, which
// must not hold a site.yaml, and writes its site.yaml.
func Import(src, dst string, s *Site) (Report, error) {
	var r Report
	if _, err := os.Stat(filepath.Join(dst, "site.yaml")); err == nil {
		return r, fmt.Errorf("%s already has a site.yaml; import into a new folder", dst)
	}
	absSrc, _ := filepath.Abs(src)
	absDst, _ := filepath.Abs(dst)
	if rel, err := filepath.Rel(absSrc, absDst); err == nil && !strings.HasPrefix(rel, "..") {
		return r, fmt.Errorf("%s is inside %s; import into a folder outside the old site", dst, src)
	}
	inc := &includer{root: src, bases: s.IncludeBases, wordLists: s.Tool == "Jekyll"}
	froms := make([]string, 0, len(s.Content))
	for from := range s.Content {
		froms = append(froms, from)
	}
	sort.Strings(froms)
	for _, from := range froms {
		to := filepath.Join(dst, "content", filepath.FromSlash(s.Content[from]))
		// The other content folders, output folders and the config are
		// not pages of this one.
		skip := map[string]bool{}
		for _, other := range froms {
			if other != from {
				skip[filepath.Join(src, filepath.FromSlash(other))] = true
			}
		}
		if from == "." {
			// The site's own root: its output folders are not pages.
			for _, d := range []string{"public", "site", "build"} {
				skip[filepath.Join(src, d)] = true
			}
		}
		// Nor are the static folders, wherever they are (VitePress'
		// docs/public/).
		for _, d := range s.Static {
			skip[filepath.Join(src, filepath.FromSlash(d))] = true
		}
		if s.Config != "" {
			skip[filepath.Join(src, s.Config)] = true
		}
		skipped := func(p string) bool {
			if skip[p] {
				return true
			}
			rel, err := filepath.Rel(src, p)
			return err == nil && excluded(s.Exclude, filepath.ToSlash(rel))
		}
		if err := copyTree(filepath.Join(src, filepath.FromSlash(from)), to, skipped, inc, &r); err != nil {
			return r, err
		}
	}
	r.Inlined, r.IncludesLeft = inc.inlined, inc.left
	for _, d := range s.Static {
		from := filepath.Join(src, filepath.FromSlash(d))
		if fi, err := os.Stat(from); err == nil && fi.IsDir() {
			var static Report
			if err := copyTree(from, filepath.Join(dst, "static"), nil, nil, &static); err != nil {
				return r, err
			}
			r.Files += static.Files + static.Pages
		}
	}
	if len(s.Order) > 0 {
		if err := writeOrder(dst, s); err != nil {
			return r, err
		}
	}
	if err := writeGroups(filepath.Join(dst, "content"), s.Groups); err != nil {
		return r, err
	}
	left, err := categories(filepath.Join(dst, "content"))
	s.Left = append(s.Left, left...)
	if err != nil {
		return r, err
	}
	if s.Tool == "MkDocs" {
		left, err := awesomePages(filepath.Join(dst, "content"))
		s.Left = append(s.Left, left...)
		if err != nil {
			return r, err
		}
	}
	if s.Tool == "Docusaurus" && len(s.Languages) > 1 {
		left, err := translatedCategories(src, filepath.Join(dst, "content"), s.Content["docs"], s.Languages)
		s.Left = append(s.Left, left...)
		if err != nil {
			return r, err
		}
	}
	if s.Tool == "Docusaurus" {
		roots := slices.Collect(maps.Values(s.Content))
		n, err := routeSlugs(filepath.Join(dst, "content"), roots)
		if err != nil {
			return r, err
		}
		r.OldURLs += n
		if _, err := headingTitles(filepath.Join(dst, "content")); err != nil {
			return r, err
		}
	}
	if s.Tool == "Jekyll" || s.Tool == "Docusaurus" || s.HTMLURLs || len(s.Permalinks) > 0 {
		old := func(rel string, fm map[string]any) string { return jekyllURL(rel, s.Permalink, s.Collections, fm) }
		switch {
		case s.HTMLURLs:
			old = htmlURL
		case s.Tool == "Docusaurus":
			old = docusaurusURL
		case s.Tool == "Hugo":
			old = func(rel string, fm map[string]any) string { return hugoURL(rel, fm, s.Permalinks, s.Languages) }
		}
		n, err := oldURLAliases(filepath.Join(dst, "content"), old)
		if err != nil {
			return r, err
		}
		r.OldURLs += n
	}
	if s.Tool == "Jekyll" {
		n, err := jekyllTitles(filepath.Join(dst, "content"))
		if err != nil {
			return r, err
		}
		r.Titled = n
		// After the old URLs, which Jekyll made from where pages were.
		if r.Nested, r.ParentsLeft, err = nestParents(filepath.Join(dst, "content")); err != nil {
			return r, err
		}
	}
	if s.Tool == "Obsidian" {
		n, left, err := obsidianTags(filepath.Join(dst, "content"))
		if err != nil {
			return r, err
		}
		r.Tagged, r.TagsLeft = n, left
	}
	if len(s.Languages) == 0 {
		if l := guessLanguage(filepath.Join(dst, "content")); l != "" {
			s.Languages, s.LanguageGuessed = []string{l}, true
		}
	}
	if s.Title == "" {
		s.Title = homeTitle(filepath.Join(dst, "content"))
	}
	if s.Title == "" && len(s.Languages) > 0 && !s.LanguageGuessed {
		// A book in language folders: the default language's home.
		s.Title = homeTitle(filepath.Join(dst, "content", s.Languages[0]))
	}
	s.Title = orDefault(s.Title, "Handbook") // as site.yaml says, and the report
	return r, os.WriteFile(filepath.Join(dst, "site.yaml"), []byte(siteYAML(s, dst)), 0o644)
}

// excluded reports whether rel, a slash-separated path relative to the
// old site, is one of its tool's exclusions: the path itself, a folder
// holding it, or a glob matching it. As in Jekyll (Ruby's fnmatch
// without FNM_PATHNAME), a * also matches across folders: "*.txt"
// excludes docs/notes.txt.
func excluded(patterns []string, rel string) bool {
	for _, pat := range patterns {
		pat = strings.Trim(filepath.ToSlash(pat), "/")
		if pat == "" {
			continue
		}
		if rel == pat || strings.HasPrefix(rel, pat+"/") {
			return true
		}
		// path.Match stops a * at a slash: with the slashes of both made
		// another byte, it does not.
		if ok, _ := path.Match(strings.ReplaceAll(pat, "/", "\x00"), strings.ReplaceAll(rel, "/", "\x00")); ok {
			return true
		}
	}
	return false
}

// copyTree copies the files under from into to, leaving out what skip
// (when not nil) says and the folders and files of tools; it counts
// pages and files. Pages get their includes put in when inc is not nil.
func copyTree(from, to string, skip func(path string) bool, inc *includer, r *Report) error {
	return filepath.WalkDir(from, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if p == from && errors.Is(err, fs.ErrNotExist) {
				return fs.SkipAll
			}
			return err
		}
		if skip != nil && skip(p) {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			if p != from && skipDirs[d.Name()] {
				return fs.SkipDir
			}
			return nil
		}
		if skipFiles[d.Name()] || !d.Type().IsRegular() {
			return nil
		}
		rel, err := filepath.Rel(from, p)
		if err != nil {
			return err
		}
		if isTemplate(p) {
			if md, ok := htmlPageAsMarkdown(p); ok {
				// A page written in HTML rather than Markdown (a Jekyll
				// home page, a Hugo .html content file): a Markdown page
				// of the same name, unless the old site has one.
				mdRel := strings.TrimSuffix(rel, filepath.Ext(rel)) + ".md"
				if _, err := os.Stat(filepath.Join(from, mdRel)); errors.Is(err, fs.ErrNotExist) {
					target := filepath.Join(to, mdRel)
					if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
						return err
					}
					if err := os.WriteFile(target, md, 0o644); err != nil {
						return err
					}
					r.Pages++
					r.HTMLPages = append(r.HTMLPages, filepath.ToSlash(rel))
					return nil
				}
			}
			r.Templates = append(r.Templates, filepath.ToSlash(rel))
			return nil
		}
		target := filepath.Join(to, rel)
		if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
			return err
		}
		if err := copyPage(p, target, inc); err != nil {
			return err
		}
		switch strings.ToLower(filepath.Ext(p)) {
		case ".md", ".markdown", ".mdx":
			r.Pages++
		default:
			r.Files++
		}
		return nil
	})
}

// isTemplate reports whether p is a page of the old tool that is not
// Markdown but has frontmatter: a Liquid template, which copied as it is
// would publish its tags.
func isTemplate(p string) bool {
	switch strings.ToLower(filepath.Ext(p)) {
	case ".html", ".htm", ".xml", ".txt", ".json", ".liquid":
	default:
		return false
	}
	f, err := os.Open(p)
	if err != nil {
		return false
	}
	defer f.Close()
	head := make([]byte, 4)
	n, _ := io.ReadFull(f, head)
	return string(head[:n]) == "---\n" || (n == 4 && string(head[:4]) == "---\r")
}

// htmlPageAsMarkdown returns the HTML page at p (frontmatter, then HTML)
// as a Markdown page of the same text, when its body holds nothing but
// HTML and the Liquid binome reads: Jekyll's and Hugo's HTML pages are
// pages, not templates, unless they loop, branch, include or show
// variables of their tool's own. Markdown leaves HTML alone inside an
// HTML block, which a blank line ends, so the blank lines go and a <div>
// holds the whole; a <pre>, whose blank lines are its text, keeps the
// page a template. A page of another tool's feed or sitemap is none.
func htmlPageAsMarkdown(p string) ([]byte, bool) {
	switch strings.ToLower(filepath.Ext(p)) {
	case ".html", ".htm":
	default:
		return nil, false
	}
	data, err := os.ReadFile(p)
	if err != nil || !utf8.Valid(data) {
		return nil, false
	}
	text := strings.ReplaceAll(string(data), "\r\n", "\n")
	fm, body, ok := strings.Cut(strings.TrimPrefix(text, "---\n"), "\n---\n")
	if !ok || strings.TrimSpace(body) == "" || strings.Contains(strings.ToLower(body), "<pre") {
		return nil, false
	}
	for _, m := range liquidTag.FindAllStringSubmatch(body, -1) {
		if !pageLiquid[m[1]] {
			return nil, false
		}
	}
	for _, m := range liquidOutput.FindAllStringSubmatch(body, -1) {
		if m[1] != "site" && m[1] != "page" {
			return nil, false
		}
	}
	var b strings.Builder
	b.WriteString("---\n" + fm + "\n---\n<div>\n")
	for line := range strings.Lines(body) {
		if strings.TrimSpace(line) != "" {
			b.WriteString(strings.TrimRight(line, " \t\n") + "\n")
		}
	}
	b.WriteString("</div>\n")
	return []byte(b.String()), true
}

// liquidTag and liquidOutput find Liquid's tags by name and its outputs
// by their first variable; pageLiquid are the tags binome reads in a page.
var (
	liquidTag    = regexp.MustCompile(`\{%-?\s*(#|[a-z_]+)`)
	liquidOutput = regexp.MustCompile(`\{\{-?\s*([A-Za-z_]*)`)
	pageLiquid   = map[string]bool{"comment": true, "endcomment": true, "#": true, "raw": true, "endraw": true, "link": true, "post_url": true}
)

// wordListField is a tags or categories line of YAML frontmatter whose
// value is text, not a list.
var wordListField = regexp.MustCompile(`(?m)^(tags|categories)([ \t]*:[ \t]*)([^\s\[{|>#"'][^\n]*?|"[^"\n]*"|'[^'\n]*')[ \t]*\r?$`)

// plainWord needs no quotes in a YAML flow list.
var plainWord = regexp.MustCompile(`^[\p{L}\p{N}][\p{L}\p{N}_.-]*$`)

// wordListFields rewrites, in a page's YAML frontmatter, tags and
// categories written as text into lists of its words: Jekyll reads
// "tags: mentoring remote" as two tags, where binome would read one (or,
// with commas, one per part). Text with a comma is left as binome reads
// it; so is a field of one word.
func wordListFields(text []byte) ([]byte, bool) {
	front := frontOf(text)
	if front == nil || !bytes.HasPrefix(bytes.TrimPrefix(text, []byte("\xef\xbb\xbf")), []byte("---")) {
		return text, false
	}
	start := bytes.Index(text, front)
	changed := false
	fixed := wordListField.ReplaceAllFunc(front, func(line []byte) []byte {
		m := wordListField.FindSubmatch(line)
		value := strings.Trim(string(m[3]), `"'`)
		words := strings.Fields(value)
		if len(words) < 2 || strings.Contains(value, ",") || strings.Contains(value, " #") {
			return line
		}
		for i, w := range words {
			if !plainWord.MatchString(w) {
				words[i] = strconv.Quote(w)
			}
		}
		changed = true
		eol := ""
		if bytes.HasSuffix(line, []byte("\r")) {
			eol = "\r"
		}
		return []byte(string(m[1]) + string(m[2]) + "[" + strings.Join(words, ", ") + "]" + eol)
	})
	if !changed {
		return text, false
	}
	out := append([]byte{}, text[:start]...)
	out = append(out, fixed...)
	return append(out, text[start+len(front):]...), true
}

// copyPage copies a file, a page with its includes put in.
func copyPage(from, to string, inc *includer) error {
	switch strings.ToLower(filepath.Ext(from)) {
	case ".md", ".markdown", ".mdx":
		if inc == nil {
			break
		}
		data, err := os.ReadFile(from)
		if err != nil {
			return err
		}
		text, changed := inc.page(from, data)
		if inc.wordLists {
			if t, ok := wordListFields(text); ok {
				text, changed = t, true
			}
		}
		if changed {
			return os.WriteFile(to, text, 0o644)
		}
	}
	return copyFile(from, to)
}

func copyFile(from, to string) error {
	in, err := os.Open(from)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(to, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

// eachPage calls fn with the path of every Markdown page under dir (.md,
// .markdown, .mdx) and that path relative to dir, slash-separated. An
// error from fn stops the walk, and is returned; fs.SkipAll stops it
// quietly.
func eachPage(dir string, fn func(p, rel string) error) error {
	return filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		switch strings.ToLower(filepath.Ext(p)) {
		case ".md", ".markdown", ".mdx":
		default:
			return nil
		}
		rel, err := filepath.Rel(dir, p)
		if err != nil {
			return err
		}
		return fn(p, filepath.ToSlash(rel))
	})
}

// writeOrder writes MkDocs' nav or Docusaurus' sidebars as
// content/SUMMARY.md, the table of contents binome reads the order of
// pages from. Translations in language folders get one of their own,
// with the pages they have and their own titles.
func writeOrder(dst string, s *Site) error {
	write := func(dir string, titled bool) error {
		var b strings.Builder
		fmt.Fprintf(&b, "# Table of contents\n\n<!-- Written by binome import from %s: the order of the pages. -->\n\n", cmp.Or(s.OrderFrom, "the nav of mkdocs.yml"))
		n := 0
		for _, p := range s.Order {
			if _, err := os.Stat(filepath.Join(dir, filepath.FromSlash(p))); err != nil && !titled {
				continue
			}
			title := ""
			if titled {
				title = s.Titles[p]
			}
			// No title, no text: the page's own title shows then.
			fmt.Fprintf(&b, "* [%s](<%s>)\n", strings.NewReplacer("[", `\[`, "]", `\]`).Replace(title), p)
			n++
			if s.OrderFrom != "" {
				// Docusaurus orders by the sidebar it is given, not by
				// the docs' sidebar_position, which binome would follow
				// before the table's order.
				if err := dropFrontLine(filepath.Join(dir, filepath.FromSlash(p)), "sidebar_position"); err != nil {
					return err
				}
			}
		}
		if n == 0 {
			return nil
		}
		return os.WriteFile(filepath.Join(dir, "SUMMARY.md"), []byte(b.String()), 0o644)
	}
	if err := write(filepath.Join(dst, "content"), true); err != nil {
		return err
	}
	if s.Tool != "Docusaurus" {
		return nil
	}
	for _, l := range s.Languages[min(1, len(s.Languages)):] {
		if dir := filepath.Join(dst, "content", l); isDir(dir) {
			if err := write(dir, false); err != nil {
				return err
			}
		}
	}
	return nil
}

// categories turns Docusaurus' _category_.json files, which binome leaves
// out, into the title and order of their folders' sections (see
// placeCategory), and returns what it could not carry, for the report.
func categories(content string) (left []string, err error) {
	err = filepath.WalkDir(content, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !isCategoryFile(d.Name()) {
			return err
		}
		var c category
		if err := decodeConfig(p, &c); err != nil {
			return err
		}
		note, err := placeCategory(filepath.Dir(p), c.Label, c)
		if note != "" {
			left = append(left, categoryNote(content, p, c.Label, c, note))
		}
		return err
	})
	return left, err
}

// translatedCategories gives the translated docs folders the titles
// Docusaurus translates in i18n/<locale>/docusaurus-plugin-content-docs/
// current.json ("sidebar.<sidebar>.category.<label>"), since a translation
// has no _category_.json of its own: each folder of content/<locale>/docs
// whose category has a translated label gets it, and the category's
// order, as categories gives them (see placeCategory). Without it the
// section is titled by its folder. It returns what it could not carry.
func translatedCategories(src, content, docsDir string, langs []string) (left []string, err error) {
	for _, l := range langs[1:] {
		file := filepath.Join(src, "i18n", l, "docusaurus-plugin-content-docs", "current.json")
		var msgs map[string]struct {
			Message string `json:"message"`
		}
		// Without current.json, or a category it does not translate, the
		// category shows its own label, as Docusaurus shows it.
		if err := decodeConfig(file, &msgs); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return left, err
		}
		labels := map[string]string{}
		for k, m := range msgs {
			_, label, ok := strings.Cut(k, ".category.")
			if ok && strings.HasPrefix(k, "sidebar.") && !strings.Contains(label, ".link.") && m.Message != "" {
				labels[label] = m.Message
			}
		}
		docs := filepath.Join(content, filepath.FromSlash(docsDir))
		err := filepath.WalkDir(docs, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || !isCategoryFile(d.Name()) {
				return err
			}
			var c category
			if err := decodeConfig(p, &c); err != nil {
				return err
			}
			rel, _ := filepath.Rel(docs, filepath.Dir(p))
			dir := filepath.Join(content, l, filepath.FromSlash(docsDir), rel)
			title, ok := labels[c.Label]
			if !ok {
				title = c.Label
			}
			if fi, err := os.Stat(dir); err != nil || !fi.IsDir() {
				return nil // not translated: the folder falls back whole
			}
			note, err := placeCategory(dir, title, c)
			if note != "" {
				left = append(left, categoryNote(content, filepath.Join(dir, d.Name()), title, c, note))
			}
			return err
		})
		if err != nil && !errors.Is(err, fs.ErrNotExist) {
			return left, err
		}
	}
	return left, nil
}

// placeCategory gives the folder dir its category's title and order. A
// folder without a page of its own gets an _index.md with them. A folder
// with one, which Docusaurus shows as the category (index.md, README.md,
// or the doc link.id names), keeps it as the section's page, since a
// second index would claim its URL: the page takes the label as its
// sidebar title (linkTitle) and the position as its weight, over the
// doc's own, as in Docusaurus' sidebar the category's win. It returns,
// for the report, why what it could not carry is left; "" when all is.
func placeCategory(dir, title string, c category) (string, error) {
	if fileExists(filepath.Join(dir, "_index.md")) {
		return "", nil
	}
	page, index := categoryPage(dir, c.Link.ID)
	switch {
	case page == "":
		return "", os.WriteFile(filepath.Join(dir, "_index.md"), []byte(categoryIndex(title, c.Position)), 0o644)
	case !index:
		return "Docusaurus showed " + page + " as the category; binome titles a section by its index.md or README.md, else by its folder's name", nil
	}
	ok, err := addFront(filepath.Join(dir, page), title, c.Position)
	if err != nil || ok {
		return "", err
	}
	return page + "'s frontmatter is not YAML that binome could add them to", nil
}

// categoryNote says, for the report, what of a category at file was not
// carried and why.
func categoryNote(content, file, title string, c category, why string) string {
	rel, _ := filepath.Rel(filepath.Dir(content), file)
	var what []string
	if title != "" {
		what = append(what, fmt.Sprintf("label %q", title))
	}
	if c.Position != 0 {
		what = append(what, fmt.Sprintf("position %d", int(c.Position)))
	}
	return fmt.Sprintf("%s: its %s (%s)", filepath.ToSlash(rel), strings.Join(what, " and "), why)
}

// categoryPage names the page of the folder dir that Docusaurus shows as
// its category, "" for none: the doc link.id names, else an index.md or
// README.md (.mdx too), which Docusaurus makes the category's page by
// their name. index says whether binome reads that page as the folder's
// section page too.
func categoryPage(dir, linkID string) (page string, index bool) {
	entries, _ := os.ReadDir(dir)
	byName := map[string]string{}
	for _, e := range entries {
		name := e.Name()
		ext := strings.ToLower(path.Ext(name))
		if e.IsDir() || (ext != ".md" && ext != ".mdx") {
			continue
		}
		base := strings.ToLower(strings.TrimSuffix(name, path.Ext(name)))
		if base == "index" || base == "readme" {
			byName[base] = cmp.Or(byName[base], name)
		}
		if linkID != "" && docID(filepath.Join(dir, name)) == path.Base(linkID) {
			page = name
		}
	}
	// binome reads index.md as the section's page before README.md.
	if index := cmp.Or(byName["index"], byName["readme"]); index != "" && (page == "" || page == index) {
		return index, true
	}
	return page, false
}

// docID is a Docusaurus doc's own id, the last part of its full id: its
// frontmatter's id, else its file name without extension.
func docID(file string) string {
	name := filepath.Base(file)
	id := strings.TrimSuffix(name, filepath.Ext(name))
	data, err := os.ReadFile(file)
	if err != nil {
		return id
	}
	if front, _, ok := yamlFront(string(data)); ok {
		var f struct {
			ID string `yaml:"id"`
		}
		if yaml.Unmarshal([]byte(front), &f) == nil && f.ID != "" {
			return f.ID
		}
	}
	return id
}

// yamlFront splits a page into its YAML frontmatter, without the lines
// that fence it, and the rest from the closing line on; ok is false when
// the page has none or it is never closed.
func yamlFront(text string) (front, rest string, ok bool) {
	open, found := strings.CutPrefix(text, "---\n")
	if !found {
		if open, found = strings.CutPrefix(text, "---\r\n"); !found {
			return "", "", false
		}
	}
	for at := 0; at < len(open); {
		line, _, _ := strings.Cut(open[at:], "\n")
		if l := strings.TrimRight(line, "\r"); l == "---" || l == "..." {
			return open[:at], open[at:], true
		}
		at += len(line) + 1
	}
	return "", "", false
}

// addFront gives the page at file a linkTitle, unless it is the page's
// title already, and a weight from a category's position, unless the
// page sets them itself. They go after the author's own fields, so that
// those keep their lines; a page without frontmatter gets one. It
// reports false, and leaves the page, when its frontmatter does not read
// as YAML.
func addFront(file, linkTitle string, position float64) (bool, error) {
	data, err := os.ReadFile(file)
	if err != nil {
		return false, err
	}
	text := string(data)
	front, rest, fenced := yamlFront(text)
	if !fenced && strings.HasPrefix(text, "---") {
		return false, nil // never closed: the build says where
	}
	var fields map[string]any
	if err := yaml.Unmarshal([]byte(front), &fields); err != nil {
		return false, nil
	}
	body := text
	if fenced {
		body = rest
	}
	title, _ := fields["title"].(string)
	if title == "" {
		// Docusaurus and binome title a page by its first heading then.
		for _, line := range strings.Split(body, "\n") {
			if t, ok := strings.CutPrefix(strings.TrimSpace(line), "# "); ok {
				title = strings.TrimSpace(t)
				break
			}
		}
	}
	var add strings.Builder
	_, hasLinkTitle := fields["linkTitle"]
	if _, ok := fields["linktitle"]; ok {
		hasLinkTitle = true
	}
	// The category's label is the sidebar's, over the doc's own
	// sidebar_label ("Overview"), which would name the section otherwise.
	label, _ := fields["sidebar_label"].(string)
	if linkTitle != "" && !hasLinkTitle && (!strings.EqualFold(linkTitle, strings.TrimSpace(title)) || label != "" && !strings.EqualFold(linkTitle, label)) {
		fmt.Fprintf(&add, "linkTitle: %q\n", linkTitle)
	}
	if _, ok := fields["weight"]; !ok && position != 0 {
		// weight orders before sidebar_position, as the category did.
		fmt.Fprintf(&add, "weight: %d\n", int(position))
	}
	switch {
	case add.Len() == 0:
		return true, nil
	case fenced:
		text = text[:len(text)-len(rest)] + add.String() + rest
	default:
		text = "---\n" + add.String() + "---\n" + text
	}
	return true, os.WriteFile(file, []byte(text), 0o644)
}

// dropFrontLine removes the line of key from the YAML frontmatter of the
// page at file, if it has one.
func dropFrontLine(file, key string) error {
	data, err := os.ReadFile(file)
	if err != nil {
		return nil // listed, and missing: the report says so
	}
	front, body, _ := cutYAMLFront(data)
	if front == nil {
		return nil
	}
	line := regexp.MustCompile(`(?m)^` + regexp.QuoteMeta(key) + `[ \t]*:.*\n`)
	if !line.Match(front) {
		return nil
	}
	out := append([]byte("---\n"), line.ReplaceAll(front, nil)...)
	out = append(append(out, "---\n"...), body...)
	return os.WriteFile(file, out, 0o644)
}

// isCategoryFile reports whether a file is a Docusaurus category's
// settings: _category_.json, or .yml or .yaml.
func isCategoryFile(name string) bool {
	return name == "_category_.json" || name == "_category_.yml" || name == "_category_.yaml"
}

// category is what binome takes of a Docusaurus _category_.json.
type category struct {
	Label    string  `json:"label" yaml:"label"`
	Position float64 `json:"position" yaml:"position"`
	Link     struct {
		ID string `json:"id" yaml:"id"` // the doc that is the category's page
	} `json:"link" yaml:"link"`
}

// categoryIndex is the _index.md of a category's folder.
func categoryIndex(title string, position float64) string {
	var b strings.Builder
	b.WriteString("---\n")
	if title != "" {
		fmt.Fprintf(&b, "title: %q\n", title)
	}
	if position != 0 {
		fmt.Fprintf(&b, "weight: %d\n", int(position))
	}
	b.WriteString("---\n")
	return b.String()
}

// publicURL joins a site's address and its path, "https://x.org" and
// "/handbook", into a base URL ending in a slash; "" unless the address
// is an absolute http(s) URL.
func publicURL(addr, base string) string {
	u, err := url.Parse(strings.TrimSpace(addr))
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
		return ""
	}
	u.Path = path.Join("/", u.Path, base)
	if !strings.HasSuffix(u.Path, "/") {
		u.Path += "/"
	}
	u.RawQuery, u.Fragment = "", ""
	return u.String()
}

// siteYAML writes the new site's configuration: what the old one said,
// and the top-level folders of pages as the main menu.
func siteYAML(s *Site, dst string) string {
	title := orDefault(s.Title, "Handbook")
	langs := s.Languages
	if len(langs) == 0 {
		langs = []string{"en"}
	}
	var b strings.Builder
	fmt.Fprintf(&b, "# Imported from a %s site by binome import.\n", s.Tool)
	fmt.Fprintf(&b, "title: %q\nbaseURL: %q\nrelativeURLs: true\n", title, orDefault(s.BaseURL, "/"))
	fmt.Fprintf(&b, "defaultLanguage: %s\nlanguages:\n", langs[0])
	for i, l := range langs {
		fmt.Fprintf(&b, "  %s: { title: %q, weight: %d }\n", l, orDefault(s.LanguageTitles[l], title), i+1)
	}
	fmt.Fprintf(&b, "taxonomies: [%s]\n", strings.Join(taxonomies(s, filepath.Join(dst, "content")), ", "))
	if s.EditURL != "" {
		fmt.Fprintf(&b, "editURL: %q\n", s.EditURL)
	}
	menu := s.Menu
	if len(menu) == 0 {
		menu = sections(filepath.Join(dst, "content"), langs)
	}
	if len(s.Params) > 0 {
		if y, err := yaml.Marshal(map[string]any{"params": s.Params}); err == nil {
			b.Write(y)
		}
	}
	if len(menu) > 0 {
		quoted := make([]string, len(menu))
		for i, m := range menu {
			quoted[i] = strconv.Quote(m) // a folder may be named "Q&A: FAQ"
		}
		fmt.Fprintf(&b, "menus:\n  main: [%s]\n", strings.Join(quoted, ", "))
	}
	return b.String()
}

// taxonomies returns the new site's taxonomies: tags, and those the old
// configuration names, or, when it names none, the categories that
// Jekyll and Hugo make of every page's categories field, if a page has
// one. binome reads a taxonomy's terms from the field of its name.
func taxonomies(s *Site, content string) []string {
	out := []string{"tags"}
	for _, t := range s.Taxonomies {
		if validTaxonomy.MatchString(t) && !slices.Contains(out, t) {
			out = append(out, t)
		}
	}
	if s.Taxonomies == nil && hasField(content, "categories") {
		out = append(out, "categories")
	}
	return out
}

// validTaxonomy is a name site.yaml accepts, which is also a URL's folder.
var validTaxonomy = regexp.MustCompile(`^[a-z0-9][a-z0-9_-]*$`)

// hasField reports whether a page under content has the top-level
// frontmatter field name (YAML or TOML).
func hasField(content, name string) bool {
	field := regexp.MustCompile(`(?m)^` + regexp.QuoteMeta(name) + `\s*[:=]`)
	found := false
	eachPage(content, func(p, _ string) error {
		if data, err := os.ReadFile(p); err == nil && field.Match(frontOf(data)) {
			found = true
			return fs.SkipAll
		}
		return nil
	})
	return found
}

// frontOf returns a page's YAML or TOML frontmatter, without its fences;
// nil when it has none.
func frontOf(data []byte) []byte {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	for _, fence := range []string{"---", "+++"} {
		rest, ok := bytes.CutPrefix(data, []byte(fence))
		if !ok || len(rest) == 0 || (rest[0] != '\n' && rest[0] != '\r') {
			continue
		}
		if i := bytes.Index(rest, []byte("\n"+fence)); i >= 0 {
			return rest[:i+1]
		}
	}
	return nil
}

// sections lists the top-level folders of content that hold pages, at
// most six, for the main menu: in the order of the weights their section
// pages give (Hugo's _index.md), else of the numbers their names start
// with, else of their names.
func sections(content string, langs []string) []string {
	entries, err := os.ReadDir(content)
	if err != nil {
		return nil
	}
	isLang := map[string]bool{}
	for _, l := range langs {
		isLang[l] = true
	}
	type section struct {
		name   string
		weight int
	}
	toc := tocOrder(filepath.Join(content, "SUMMARY.md"))
	var found []section
	for _, e := range entries {
		name := e.Name()
		if !e.IsDir() || isLang[name] || strings.HasPrefix(name, ".") || (strings.HasPrefix(name, "_") && name != "_posts") {
			continue
		}
		if hasPage(filepath.Join(content, name)) {
			w := sectionWeight(filepath.Join(content, name))
			if len(toc) > 0 {
				w = math.MaxInt32
				if at, ok := toc[name]; ok {
					w = at
				}
			}
			found = append(found, section{strings.TrimPrefix(name, "_"), w})
		}
	}
	slices.SortStableFunc(found, func(a, b section) int { return cmp.Compare(a.weight, b.weight) })
	var out []string
	for _, f := range found[:min(len(found), 6)] {
		out = append(out, f.name)
	}
	return out
}

// tocOrder reads a table of contents (GitBook's SUMMARY.md, or the one
// import writes from MkDocs' nav), as content reads it: each top
// folder's place, from 1, as where its first page is listed. None when
// there is no such file.
func tocOrder(file string) map[string]int {
	b, err := os.ReadFile(file)
	if err != nil {
		return nil
	}
	order := map[string]int{}
	paths, _ := content.ParseTOC(content.Dir+"/"+content.TOCName, b)
	for i, p := range paths {
		rel := strings.TrimPrefix(p, content.Dir+"/")
		top, _, ok := strings.Cut(rel, "/")
		if _, seen := order[top]; ok && !seen {
			order[top] = i + 1
		}
	}
	return order
}

// weightLine is a weight in a section page's YAML or TOML frontmatter.
var weightLine = regexp.MustCompile(`(?m)^(?:weight|sidebar_position|nav_order)\s*[:=]\s*(-?\d+)\s*$`)

// sectionWeight orders a folder in the menu: the weight of its section
// page, or the number its name starts with, as binome orders it (see
// content's numberPrefix); folders with neither come last.
func sectionWeight(dir string) int {
	for _, name := range []string{"_index.md", "index.md", "README.md"} {
		b, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			continue
		}
		front := b[:min(len(b), 2048)]
		if m := weightLine.FindSubmatch(front); m != nil {
			if w, err := strconv.Atoi(string(m[1])); err == nil {
				return w
			}
		}
		break
	}
	base := filepath.Base(dir)
	n := 0
	for n < len(base) && n < 3 && base[n] >= '0' && base[n] <= '9' {
		n++
	}
	if n > 0 && n < len(base) && (base[n] == '-' || base[n] == '_' || base[n] == '.' || base[n] == ' ') {
		w, _ := strconv.Atoi(base[:n])
		return w + 1
	}
	return math.MaxInt32
}

func hasPage(dir string) bool {
	found := false
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(strings.ToLower(p), ".md") {
			found = true
			return fs.SkipAll
		}
		return nil
	})
	return found
}

// homeTitle is the first heading of the home page, for a site whose
// configuration names no title (GitBook's README.md, a folder of
// Markdown); "" when there is none.
func homeTitle(content string) string {
	for _, name := range []string{"README.md", "index.md", "_index.md"} {
		data, err := os.ReadFile(filepath.Join(content, name))
		if err != nil {
			continue
		}
		for _, line := range strings.Split(string(data), "\n") {
			if t, ok := strings.CutPrefix(strings.TrimSpace(line), "# "); ok {
				return strings.TrimSpace(t)
			}
			if t, ok := strings.CutPrefix(strings.TrimSpace(line), "title:"); ok {
				return strings.Trim(strings.TrimSpace(t), `"'`)
			}
		}
	}
	return ""
}

// languageTag matches the language codes site.yaml takes (see config's
// langCode), in lower case: fr, en, pt-br.
var languageTag = regexp.MustCompile(`^[a-z]{2,3}(-[a-z0-9]{2,8})?$`)

// defaultFirst returns the languages with def first, lower case, each
// once; empty when nothing is known.
func defaultFirst(def string, langs []string) []string {
	var out []string
	seen := map[string]bool{}
	for _, l := range append([]string{def}, langs...) {
		l = strings.ToLower(strings.TrimSpace(l))
		if l == "" || seen[l] || !languageTag.MatchString(l) {
			continue
		}
		seen[l] = true
		out = append(out, l)
	}
	return out
}

func orDefault(s, def string) string {
	if strings.TrimSpace(s) == "" {
		return def
	}
	return s
}
