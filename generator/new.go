package generator

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"text/template"
	"time"

	"binome/generator/content"
)

// NewPage writes a new content file for kind from the theme's archetype
// and returns its path. It refuses to overwrite an existing file.
func NewPage(opt Options, kind, title, lang string) (string, error) {
	s, err := Load(opt, nil)
	if err != nil {
		return "", err
	}
	if lang == "" {
		lang = s.Config.DefaultLanguage
	}
	if _, ok := s.Config.Languages[lang]; !ok {
		return "", fmt.Errorf("language %q is not in site.yaml (languages: %v)", lang, s.Config.LanguageCodes())
	}
	arch, ok := s.theme.Archetype(kind, lang)
	if !ok {
		return "", fmt.Errorf("no archetype %q in the themes: add archetypes/%s.md to your theme", kind, kind)
	}
	section := kind
	if k, ok := s.Content.Kinds[kind]; ok {
		section = k.Section
	} else {
		switch kind {
		case "session-agenda", "agreement":
			section = "guides"
		}
	}
	slug := content.Slugify(title)
	if slug == "" {
		return "", fmt.Errorf("cannot make a file name from %q", title)
	}
	name := slug + ".md"
	if lang != s.Config.DefaultLanguage {
		name = slug + "." + lang + ".md"
	}
	rel := filepath.Join(content.Dir, section, name)
	// yaml quotes a value for frontmatter: titles hold quotes, colons and
	// backslashes that would otherwise break it.
	funcs := template.FuncMap{"yaml": func(v string) string {
		b, _ := json.Marshal(v)
		return string(b)
	}}
	t, err := template.New(kind).Funcs(funcs).Parse(string(arch))
	if err != nil {
		return "", fmt.Errorf("archetype %s: %w", kind, err)
	}
	var b bytes.Buffer
	data := map[string]string{"Title": title, "Slug": slug, "Date": time.Now().Format("2006-01-02"), "Lang": lang, "Kind": kind}
	if err := t.Execute(&b, data); err != nil {
		return "", fmt.Errorf("archetype %s: %w", kind, err)
	}
	full := filepath.Join(opt.Source, rel)
	if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
		return "", err
	}
	f, err := os.OpenFile(full, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		if os.IsExist(err) {
			return "", fmt.Errorf("%s already exists: choose another title or edit that file", rel)
		}
		return "", err
	}
	defer f.Close()
	if _, err := f.Write(b.Bytes()); err != nil {
		return "", err
	}
	return rel, f.Close()
}
