// Package theme is the template stage's input: it reads the layers of a
// theme (the site's own themes first, the embedded default theme last),
// parses every layout once, and renders pages with them.
//
// In go layers ([]Layer, each an fs.FS rooted at a theme folder holding
// layouts/, static/, i18n/, archetypes/ and theme.yaml) and the site-bound
// template functions (absURL, relLangURL, asset, markdownify); out comes a
// Set that executes a page view inside baseof.html, translates interface
// strings, and lists the static files and archetypes to use. For every
// file path the first layer that has the file wins, so a site theme can
// override one layout or one partial and take the rest from the default.
//
// A Set is safe for concurrent use, and immutable once loaded but for the
// cache of partialCached and the compiled form of each template: every
// layout is parsed, joined with baseof.html and the partials, and escaped
// at Load, so rendering thousands of pages in parallel does no parsing.
// Once escaped, a template is compiled to Go closures, which execute it
// (package compiled); html/template executes what they leave to it.
//
// # Partials
//
// A partial is reachable two ways. {{ partial "card.html" . }} takes its
// name as a value, so the name may be computed; each call is a separate
// execution whose output is copied and passed through the escaper again.
// {{ template "partials/card.html" . }} names it statically and runs it
// inside the page's own execution, which costs a fraction of that: the
// default theme uses this form everywhere. Either way the partial of the
// first layer that has the file wins, so a site theme overrides both.
//
// {{ partialCached "nav-tree.html" . .Site .Section }} renders a partial
// once per site view (a build makes new ones) and variants, for markup
// many pages share: the sidebar of a section, the footer, a page's card.
package theme

import (
	"bytes"
	"errors"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"os"
	"path"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	ttemplate "text/template"
	"text/template/parse"

	"gopkg.in/yaml.v3"

	"binome/generator/source"
	"binome/generator/theme/internal/compiled"
)

// Layer is one theme in the lookup chain.
type Layer struct {
	// Name identifies the theme ("default", "my-theme"); File.Layer
	// reports it.
	Name string
	// FS is rooted at the theme folder: it holds layouts/, static/,
	// i18n/, archetypes/ and theme.yaml, each optional.
	FS fs.FS
	// Dir prefixes paths in error messages and template names, so an
	// author reads "themes/default/layouts/baseof.html:12".
	Dir string
}

// File is a static file of the theme, to be copied to the output.
type File struct {
	Path  string // slash-separated, relative to static/: "css/main.css"
	Body  []byte
	Layer string // name of the layer it comes from
}

// MethodTable is implemented by the types whose methods templates call
// most (binome's pages): for a method's name, a function that calls it
// without reflection, or nil. See compiled.MethodTable for the contract;
// the compiled templates use it, html/template does not need it.
type MethodTable = compiled.MethodTable

// Set is a loaded theme: its layers' layouts ready to execute, its
// interface strings, static files and parameters.
type Set struct {
	layers   []Layer
	layouts  map[string]*template.Template // "guide/single.html" → entry template
	partials map[string]*template.Template // "header.html" → partial
	// paginates holds the layouts that read .Paginator (see Paginates).
	paginates map[string]bool
	i18n      map[string]map[string]string // lang → key → text
	static    []File
	params    map[string]any
	buffers   sync.Pool // *bytes.Buffer, reused by Execute and partial

	fragments fragments // partialCached's output

	// Every layout and partial, compiled to closures once escaped (see
	// run), with funcMap, the functions they were parsed with.
	funcMap   template.FuncMap
	programs  map[*template.Template]*program
	fallbacks atomic.Int64
}

// program is a template's compiled form, made on its first execution
// (or at Load, which escapes every template).
type program struct {
	compiling atomic.Bool
	tried     atomic.Bool       // prog is set
	prog      *compiled.Program // nil when the compiler leaves t to html/template
	err       error             // why, for tests
}

// sourceFile is one file of a layer, chosen as the winner for its path.
type sourceFile struct {
	rel     string // relative to the kind's folder: "_default/single.html"
	display string // shown in errors: "themes/default/layouts/_default/single.html"
	text    string
}

// Load reads every layer and prepares the set. extra holds the functions
// bound to a site (absURL, relLangURL, asset, markdownify); they are added
// after the generic ones, so they may also replace one. All template
// errors of all layers are returned together, each a *source.Error with
// the file and line.
//
// Each transform, when given, rewrites every layout's source before it is
// parsed: the generator passes a minifier, so pages come out minified
// without minifying each one.
func Load(layers []Layer, extra template.FuncMap, transforms ...Transform) (*Set, error) {
	return loadSet(layers, extra, true, transforms)
}

// LoadUnchecked is Load without escaping every template at once, which
// finds html/template's contextual-escaping mistakes at load time: for
// templates that a build already used without error, unchanged since.
// Each is escaped when first executed instead, as html/template does,
// and a mistake is then an error of Execute. It saves a warm build of
// 1,000 pages the tenth of its CPU that the check took.
func LoadUnchecked(layers []Layer, extra template.FuncMap, transforms ...Transform) (*Set, error) {
	return loadSet(layers, extra, false, transforms)
}

func loadSet(layers []Layer, extra template.FuncMap, check bool, transforms []Transform) (*Set, error) {
	s := &Set{
		layers:    layers,
		layouts:   map[string]*template.Template{},
		partials:  map[string]*template.Template{},
		paginates: map[string]bool{},
		i18n:      map[string]map[string]string{},
		params:    map[string]any{},
	}
	s.buffers.New = func() any { return new(bytes.Buffer) }

	var errs source.List
	layouts, err := collect(layers, "layouts")
	errs.Add(err)
	for i := range layouts {
		for _, t := range transforms {
			out, err := t(layouts[i].display, []byte(layouts[i].text))
			if err != nil {
				errs.Add(source.Errorf(source.Pos{Path: layouts[i].display}, "%v", err))
				continue
			}
			layouts[i].text = string(out)
		}
	}
	errs.Add(s.parse(layouts, extra, check))
	errs.Add(s.loadI18n())
	errs.Add(s.loadParams())
	errs.Add(s.loadStatic())
	if err := errs.Err(); err != nil {
		return nil, err
	}
	return s, nil
}

// Transform rewrites a layout's source (named by its display path) before
// it is parsed.
type Transform func(name string, src []byte) ([]byte, error)

// collect reads the files under dir of every layer, the first layer
// winning for each path, sorted by path.
func collect(layers []Layer, dir string) ([]sourceFile, error) {
	seen := map[string]bool{}
	var files []sourceFile
	var errs source.List
	for _, l := range layers {
		err := fs.WalkDir(l.FS, dir, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				if p == dir && errors.Is(err, fs.ErrNotExist) {
					return fs.SkipDir // the layer has no such folder
				}
				return err
			}
			if strings.HasPrefix(d.Name(), ".") && p != dir {
				if d.IsDir() {
					return fs.SkipDir
				}
				return nil // editor backups and .DS_Store
			}
			if d.IsDir() {
				return nil
			}
			rel := strings.TrimPrefix(p, dir+"/")
			if seen[rel] {
				return nil
			}
			seen[rel] = true
			b, err := fs.ReadFile(l.FS, p)
			if err != nil {
				return err
			}
			files = append(files, sourceFile{rel: rel, display: path.Join(l.Dir, p), text: string(b)})
			return nil
		})
		if err != nil {
			errs.Add(fmt.Errorf("theme %s: read %s: %w", l.Name, dir, err))
		}
	}
	sort.Slice(files, func(i, j int) bool { return files[i].rel < files[j].rel })
	return files, errs.Err()
}

// parse builds one executable template per layout: baseof.html with the
// layout's blocks and a copy of every partial, so Execute only executes.
func (s *Set) parse(files []sourceFile, extra template.FuncMap, check bool) error {
	funcs := s.funcs()
	for name, fn := range extra {
		funcs[name] = fn
	}
	s.funcMap = funcs
	var errs source.List

	// Partials share one namespace so they may {{ template }} each other;
	// the partial function executes them by file name.
	shared := template.New("").Funcs(funcs)
	var base *template.Template
	var pages []sourceFile
	for _, f := range files {
		switch {
		case strings.HasPrefix(f.rel, "partials/"):
			t, err := shared.New(f.display).Parse(f.text)
			if err != nil {
				errs.Add(parseError(err))
				continue
			}
			s.partials[strings.TrimPrefix(f.rel, "partials/")] = t
			// The stable name for {{ template }}: the display path
			// depends on the layer the file comes from. A copy, as
			// escaping rewrites a tree in place and must do it once.
			if _, err := shared.AddParseTree(f.rel, t.Tree.Copy()); err != nil {
				errs.Add(parseError(err))
			}
		case f.rel == "baseof.html" || f.rel == "_default/baseof.html":
			if base != nil {
				continue // baseof.html at the root wins over _default/
			}
			t, err := template.New(f.display).Funcs(funcs).Parse(f.text)
			if err != nil {
				errs.Add(parseError(err))
				continue
			}
			base = t
		default:
			pages = append(pages, f)
		}
	}

	for _, f := range pages {
		own, err := template.New(f.display).Funcs(funcs).Parse(f.text)
		if err != nil {
			errs.Add(parseError(err))
			continue
		}
		entry := own
		if base != nil && own.Lookup("main") != nil {
			if entry, err = base.Clone(); err != nil {
				errs.Add(fmt.Errorf("%s: %w", f.display, err))
				continue
			}
			for _, t := range own.Templates() {
				if t.Tree == nil {
					continue
				}
				tree := t.Tree
				if parse.IsEmptyTree(tree.Root) {
					// text/template keeps the old body when a new one is
					// empty; here an empty define means "nothing", as in
					// Hugo: {{ define "sidebar" }}{{ end }} removes it.
					tree = nothing(t.Name())
				}
				if _, err := entry.AddParseTree(t.Name(), tree); err != nil {
					errs.Add(parseError(err))
				}
			}
		}
		// The escaper rewrites trees in place, so each layout gets its
		// own copy of the partials' trees: of those it calls, directly or
		// through each other. Copying every partial into every layout was
		// a third of loading the default theme, and loading the theme a
		// fifth of a warm build of 1,000 pages.
		var calls []string
		for _, t := range entry.Templates() {
			if t.Tree != nil {
				calls = templateRefs(t.Tree.Root, calls)
			}
		}
		for len(calls) > 0 {
			name := calls[len(calls)-1]
			calls = calls[:len(calls)-1]
			t := shared.Lookup(name)
			if t == nil || t.Tree == nil || entry.Lookup(name) != nil {
				continue
			}
			if _, err := entry.AddParseTree(name, t.Tree.Copy()); err != nil {
				errs.Add(parseError(err))
				continue
			}
			calls = templateRefs(t.Tree.Root, calls)
		}
		s.layouts[f.rel] = entry
		s.paginates[f.rel] = takesPages(own, entry, shared)
	}

	s.programs = map[*template.Template]*program{}
	for _, t := range s.partials {
		s.programs[t] = &program{}
	}
	for _, t := range s.layouts {
		s.programs[t] = &program{}
	}

	// Escaping happens on first execution; doing it now, with no data,
	// reports contextual-escaping mistakes at load time with their place
	// and leaves Execute nothing to lock for. Errors of execution proper
	// (nil data) are expected and ignored.
	if !check {
		return errs.Err()
	}
	for _, name := range sortedKeys(s.partials) {
		errs.Add(escapeError(s.partials[name].Execute(io.Discard, nil)))
	}
	for _, name := range sortedKeys(s.layouts) {
		errs.Add(escapeError(s.layouts[name].Execute(io.Discard, nil)))
	}
	if err := errs.Err(); err != nil {
		return err
	}
	for t, p := range s.programs {
		p.compile(t, s.funcMap)
	}
	return nil
}

// compile makes the program of t, escaped already, once. With
// BINOME_TEMPLATES=std, html/template alone executes templates: to rule
// the compiler out when a page looks wrong.
func (p *program) compile(t *template.Template, funcs template.FuncMap) {
	prog, err := compiled.Compile(t, funcs)
	if err == nil && os.Getenv("BINOME_TEMPLATES") != "std" {
		p.prog = prog
	}
	p.err = err
	p.tried.Store(true)
}

// run executes t with data, appending to buf: with its compiled program
// when there is one, and with html/template when there is none or when
// the program leaves this execution to it (see package compiled). Both
// write the same bytes; errors always come from html/template.
func (s *Set) run(t *template.Template, buf *bytes.Buffer, data any) error {
	p := s.programs[t]
	if p == nil {
		return t.Execute(buf, data)
	}
	if !p.tried.Load() {
		// html/template escapes t and the templates it calls on its
		// first execution; the program is made from the escaped trees.
		// Executions that meet t while it is compiled go through
		// html/template.
		if !p.compiling.CompareAndSwap(false, true) {
			return t.Execute(buf, data)
		}
		// The first one stops at its first write, which is enough to
		// escape t, and then runs the program: a warm build renders few
		// pages, often each the first of its layout, and text/template's
		// reflection took 17 ms of a page-added build of 10,000 pages.
		// What the template does before its first write is done twice:
		// reading the page (the read log counts a read once) or filling
		// a fragment cache.
		if err := t.Execute(stopWriter{}, data); err != errFirstWrite {
			// It failed before writing (an escaping error, say), or wrote
			// nothing: html/template says why, or writes nothing.
			err := t.Execute(buf, data)
			p.compile(t, s.funcMap)
			return err
		}
		p.compile(t, s.funcMap)
	}
	if p.prog != nil {
		n := buf.Len()
		err := p.prog.Execute(buf, data)
		if err == nil {
			return nil
		}
		buf.Truncate(n)
		s.fallbacks.Add(1)
	}
	return t.Execute(buf, data)
}

// stopWriter fails every write, so that an execution stops at its
// first: see Set.run.
type stopWriter struct{}

var errFirstWrite = errors.New("theme: stopped at the first write")

func (stopWriter) Write([]byte) (int, error) { return 0, errFirstWrite }

// Fallbacks counts the executions a compiled program left to
// html/template: for tests and benchmarks, which expect none from the
// default theme.
func (s *Set) Fallbacks() int64 { return s.fallbacks.Load() }

// nothing returns a template body that writes nothing but does not count
// as empty.
func nothing(name string) *parse.Tree {
	return template.Must(template.New(name).Parse(`{{ "" }}`)).Tree
}

// escapeError keeps err only when it is html/template's escaping error.
func escapeError(err error) error {
	var exec ttemplate.ExecError
	var esc *template.Error
	if err == nil || errors.As(err, &exec) || !errors.As(err, &esc) {
		return nil
	}
	return parseError(err)
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// Has reports whether a layout exists, by its path under layouts/
// ("training/single.html").
func (s *Set) Has(layout string) bool {
	_, ok := s.layouts[layout]
	return ok
}

// Execute renders data with the first of candidates that exists. A layout
// that defines "main" runs inside baseof.html; one that does not is a
// whole document and runs alone. Nothing is written to w when execution
// fails; the error is a *source.Error at the template's file and line.
//
// A *bytes.Buffer is written to directly and cut back on failure; any
// other writer gets the page in one Write from a pooled buffer.
func (s *Set) Execute(w io.Writer, candidates []string, data any) error {
	for _, name := range candidates {
		t, ok := s.layouts[name]
		if !ok {
			continue
		}
		if buf, ok := w.(*bytes.Buffer); ok {
			n := buf.Len()
			if err := s.run(t, buf, data); err != nil {
				buf.Truncate(n)
				return execError(err, s.partialNames())
			}
			return nil
		}
		buf := s.buffers.Get().(*bytes.Buffer)
		defer s.putBuffer(buf)
		buf.Reset()
		if err := s.run(t, buf, data); err != nil {
			return execError(err, s.partialNames())
		}
		_, err := w.Write(buf.Bytes())
		return err
	}
	return &source.Error{
		Msg:  fmt.Sprintf("no layout found among %s", strings.Join(candidates, ", ")),
		Hint: "add one of them under layouts/ in a theme, or fix the page's layout field",
	}
}

// putBuffer returns buf to the pool unless it grew unusually large, so
// one huge page does not pin its memory for the rest of the build.
func (s *Set) putBuffer(buf *bytes.Buffer) {
	if buf.Cap() <= 4<<20 {
		s.buffers.Put(buf)
	}
}

// partial executes layouts/partials/<name> with data and returns its
// output, for the template function of the same name, whose name may be
// computed; a layout that knows the name calls {{ template
// "partials/<name>" }} instead, in its own execution.
func (s *Set) partial(name string, data ...any) (template.HTML, error) {
	t, ok := s.partials[name]
	if !ok {
		t, ok = s.partials[name+".html"]
	}
	if !ok {
		return "", fmt.Errorf("partial %q not found", name)
	}
	var dot any
	switch len(data) {
	case 0:
	case 1:
		dot = data[0]
	default:
		return "", fmt.Errorf("partial %q: want one data argument, got %d", name, len(data))
	}
	buf := s.buffers.Get().(*bytes.Buffer)
	defer s.putBuffer(buf)
	buf.Reset()
	if err := s.run(t, buf, dot); err != nil {
		return "", err
	}
	return template.HTML(buf.String()), nil
}

func (s *Set) partialNames() []string { return sortedKeys(s.partials) }

// Translate returns the interface string key in lang, falling back to
// English, then to the key itself so a missing string shows rather than
// vanishes. With args the text is a fmt format ("%d min read"); a text
// without a verb takes the count only to choose its form ("séance",
// "séances").
//
// When the first argument is a count that the language writes in the
// singular (1, and 0 in French), the key with "_one" appended is tried
// first: "page_count_one" gives "1 page" where "page_count" gives "%d pages".
func (s *Set) Translate(lang, key string, args ...any) string {
	text, ok := "", false
	if len(args) > 0 && singular(lang, args[0]) {
		text, ok = s.lookup(lang, key+"_one")
	}
	if !ok {
		if text, ok = s.lookup(lang, key); !ok {
			text = key
		}
	}
	if len(args) > 0 && strings.Contains(text, "%") {
		return sprintf(text, args...)
	}
	return text
}

// Label is the interface string prefix+value in lang ("role_mentor" gives
// "Mentor"), or value humanized when no layer has that string, so a site
// may add roles, levels or taxonomies without touching i18n.
func (s *Set) Label(lang, prefix string, value any) string {
	v := toString(value)
	if text, ok := s.lookup(lang, prefix+v); ok {
		return text
	}
	return humanize(v)
}

// sprintf is fmt.Sprintf for what interface strings hold, %d and %s or %v
// with an int or a string, without fmt's reflection: T runs several times
// on every page. Any other verb or argument goes to fmt.
func sprintf(format string, args ...any) string {
	b := make([]byte, 0, len(format)+16)
	n := 0
	for i := 0; i < len(format); i++ {
		c := format[i]
		if c != '%' {
			b = append(b, c)
			continue
		}
		if i+1 < len(format) && format[i+1] == '%' {
			b = append(b, '%')
			i++
			continue
		}
		if i+1 >= len(format) || n >= len(args) {
			return fmt.Sprintf(format, args...)
		}
		switch v, verb := args[n], format[i+1]; {
		case verb == 'd' || verb == 'v':
			if k, ok := v.(int); ok {
				b = strconv.AppendInt(b, int64(k), 10)
				break
			}
			if str, ok := v.(string); ok && verb == 'v' {
				b = append(b, str...)
				break
			}
			return fmt.Sprintf(format, args...)
		case verb == 's':
			str, ok := v.(string)
			if !ok {
				return fmt.Sprintf(format, args...)
			}
			b = append(b, str...)
		default:
			return fmt.Sprintf(format, args...)
		}
		n++
		i++
	}
	if n != len(args) {
		return fmt.Sprintf(format, args...) // fmt says which are extra
	}
	return string(b)
}

// lookup finds key in lang, then in English.
func (s *Set) lookup(lang, key string) (string, bool) {
	if text, ok := s.i18n[lang][key]; ok {
		return text, true
	}
	text, ok := s.i18n["en"][key]
	return text, ok
}

// singular reports whether lang writes the count n in the singular:
// French for 0 and 1, other languages for 1 alone (CLDR's "one").
func singular(lang string, n any) bool {
	i, _, isInt, ok := number(n)
	if !ok || !isInt {
		return false
	}
	if base(lang) == "fr" {
		return i == 0 || i == 1
	}
	return i == 1
}

// Static returns the theme's static files sorted by path, the first
// layer winning for each path.
func (s *Set) Static() []File { return s.static }

// Params returns the params of every theme.yaml, merged key by key: a key
// of an earlier layer overrides the same key of a later one.
func (s *Set) Params() map[string]any { return s.params }

// Archetype returns the skeleton `binome new` writes for a page of kind
// name in lang: archetypes/<name>.<lang>.md, then archetypes/<name>.md,
// then archetypes/default.md. Each candidate is looked for in every layer
// before the next is tried, so a site theme's generic default.md does not
// hide the default theme's schema-aware guide.md.
func (s *Set) Archetype(name, lang string) ([]byte, bool) {
	for _, file := range []string{name + "." + lang + ".md", name + ".md", "default.md"} {
		for _, l := range s.layers {
			if b, err := fs.ReadFile(l.FS, "archetypes/"+file); err == nil {
				return b, true
			}
		}
	}
	return nil, false
}

func (s *Set) loadStatic() error {
	var errs source.List
	seen := map[string]bool{}
	for _, l := range s.layers {
		err := fs.WalkDir(l.FS, "static", func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				if p == "static" && errors.Is(err, fs.ErrNotExist) {
					return fs.SkipDir
				}
				return err
			}
			if d.IsDir() || strings.HasPrefix(d.Name(), ".") {
				return nil
			}
			rel := strings.TrimPrefix(p, "static/")
			if seen[rel] {
				return nil
			}
			seen[rel] = true
			b, err := fs.ReadFile(l.FS, p)
			if err != nil {
				return err
			}
			s.static = append(s.static, File{Path: rel, Body: b, Layer: l.Name})
			return nil
		})
		if err != nil {
			errs.Add(fmt.Errorf("theme %s: read static: %w", l.Name, err))
		}
	}
	sort.Slice(s.static, func(i, j int) bool { return s.static[i].Path < s.static[j].Path })
	return errs.Err()
}

// loadI18n reads i18n/<lang>.yaml of every layer, flat maps of strings;
// a key of an earlier layer wins, so a site theme may reword one string.
func (s *Set) loadI18n() error {
	var errs source.List
	for _, l := range s.layers {
		entries, err := fs.ReadDir(l.FS, "i18n")
		if err != nil {
			if !errors.Is(err, fs.ErrNotExist) {
				errs.Add(fmt.Errorf("theme %s: read i18n: %w", l.Name, err))
			}
			continue
		}
		for _, e := range entries {
			lang, ok := strings.CutSuffix(e.Name(), ".yaml")
			if !ok || e.IsDir() {
				continue
			}
			p := "i18n/" + e.Name()
			b, err := fs.ReadFile(l.FS, p)
			if err != nil {
				errs.Add(err)
				continue
			}
			var strs map[string]string
			if err := yaml.Unmarshal(b, &strs); err != nil {
				errs.Add(yamlError(path.Join(l.Dir, p), err).
					WithHint("i18n files are flat maps of quoted strings: key: \"text\""))
				continue
			}
			if s.i18n[lang] == nil {
				s.i18n[lang] = map[string]string{}
			}
			for k, v := range strs {
				if _, ok := s.i18n[lang][k]; !ok {
					s.i18n[lang][k] = v
				}
			}
		}
	}
	return errs.Err()
}

// themeFile is theme.yaml. Only params reach templates; the rest
// describes the theme to people.
type themeFile struct {
	Name        string         `yaml:"name"`
	Description string         `yaml:"description"`
	Author      string         `yaml:"author"`
	License     string         `yaml:"license"`
	Homepage    string         `yaml:"homepage"`
	Params      map[string]any `yaml:"params"`
}

func (s *Set) loadParams() error {
	var errs source.List
	for _, l := range s.layers {
		b, err := fs.ReadFile(l.FS, "theme.yaml")
		if err != nil {
			if !errors.Is(err, fs.ErrNotExist) {
				errs.Add(fmt.Errorf("theme %s: %w", l.Name, err))
			}
			continue
		}
		var tf themeFile
		dec := yaml.NewDecoder(bytes.NewReader(b))
		dec.KnownFields(true)
		if err := dec.Decode(&tf); err != nil && !errors.Is(err, io.EOF) {
			errs.Add(yamlError(path.Join(l.Dir, "theme.yaml"), err).
				WithHint("theme.yaml knows name, description, author, license, homepage and params"))
			continue
		}
		for k, v := range tf.Params {
			if _, ok := s.params[k]; !ok {
				s.params[k] = v
			}
		}
	}
	return errs.Err()
}
