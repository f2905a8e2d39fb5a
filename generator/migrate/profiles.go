package migrate

import (
	"bytes"
	"cmp"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"binome/generator/content"
	"binome/generator/fold"
	"binome/generator/source"
)

// profileColumns maps the headers a programme team's spreadsheet or form
// export uses, in French or English, folded to lower-case ASCII words, to
// the profile field they fill. "bio" fills the page's text.
var profileColumns = func() map[string]string {
	m := map[string]string{}
	for field, names := range map[string][]string{
		"name": {"name", "nom", "full name", "nom complet", "prenom nom", "participant", "participante"},
		// HR exports split names: "Prénom" and "Nom" make the name.
		"first_name":     {"prenom", "first name", "firstname", "given name"},
		"last_name":      {"nom de famille", "last name", "lastname", "surname", "family name"},
		"role":           {"role", "profil", "type", "je suis", "i am", "mentor ou mentore"},
		"job":            {"job", "job title", "poste", "intitule de poste", "fonction", "title", "metier"},
		"department":     {"department", "departement", "direction", "service", "team", "equipe", "business unit", "entite"},
		"location":       {"location", "site", "lieu", "ville", "city", "office", "bureau"},
		"languages":      {"languages", "langues", "language", "langue", "spoken languages", "langues parlees"},
		"skills_offered": {"skills offered", "skills_offered", "competences offertes", "je peux partager", "i can share", "expertise", "competences", "skills"},
		"skills_sought":  {"skills sought", "skills_sought", "competences recherchees", "je souhaite apprendre", "i want to learn", "besoins", "centres d interet", "interests"},
		"availability":   {"availability", "disponibilite", "disponibilites", "available"},
		"cohort":         {"cohort", "cohorte", "promotion", "promo", "edition", "vague"},
		"email":          {"email", "e mail", "mail", "courriel", "adresse e mail", "adresse mail", "email address"},
		"photo":          {"photo", "picture", "avatar", "image"},
		"visibility":     {"visibility", "visibilite", "annuaire", "directory"},
		"slug":           {"slug", "id", "identifiant"},
		"bio":            {"bio", "biography", "biographie", "presentation", "about", "a propos", "description", "motivation"},
	} {
		for _, n := range names {
			m[n] = field
		}
	}
	return m
}()

// roleWords maps the values forms use for a role to binome's.
var roleWords = map[string]string{
	"mentor": "mentor", "mentors": "mentor", "mentore": "mentee", "mentoree": "mentee",
	"mentee": "mentee", "mentees": "mentee", "mentores": "mentee", "both": "both",
	"les deux": "both", "mentor et mentore": "both", "mentor and mentee": "both",
	"jeune mentor": "mentor", "dirigeant": "mentee", "dirigeante": "mentee",
	"reverse mentor": "mentor", "executive": "mentee",
	// Inclusive French, folded: "Mentoré(e)", "Mentor·e", "mentoré·es".
	"mentore e": "mentee", "mentore es": "mentee", "mentor e": "mentor", "mentor es": "mentor",
	"mentoree s": "mentee", "dirigeant e": "mentee",
}

// visibilityWords maps the values forms use for visibility to binome's.
var visibilityWords = map[string]string{
	"public": "public", "publique": "public", "oui": "public", "yes": "public",
	"internal": "internal", "interne": "internal", "hidden": "hidden", "masque": "hidden",
	"masquee": "hidden", "cache": "hidden", "non": "hidden", "no": "hidden",
}

// ProfileReport says what ImportProfiles did.
type ProfileReport struct {
	Written, Kept []string // paths under the site, written and left as they were
	Unchanged     int      // of Kept, those --update found as they would be written
	Ignored       []string // columns that fill no field
	Notes         []string // what the import read otherwise than written
}

// ImportProfiles reads a CSV file of participants (a spreadsheet or a
// form's export, comma or semicolon separated, with a header row) and
// writes a profile page for each row into the site in dir, under
// content/profiles/. A row whose page exists is left as it is unless
// update is set. Nothing is written when any row has a problem: the
// errors name the file, the row's line and the column.
func ImportProfiles(file, dir string, update bool) (ProfileReport, error) {
	var r ProfileReport
	if _, err := os.Stat(filepath.Join(dir, "site.yaml")); err != nil {
		return r, fmt.Errorf("%s has no site.yaml: import profiles into a binome site (binome init or binome import makes one)", dir)
	}
	data, err := os.ReadFile(file)
	if err != nil {
		return r, err
	}
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	if !utf8.Valid(data) {
		if hasMultibyte(data) {
			// Mostly UTF-8, with a few bytes of another encoding: pasted
			// from elsewhere, or two files joined.
			line, _ := content.InvalidUTF8At(data)
			return r, source.Errorf(source.Pos{Path: file, Line: line}, "not UTF-8 text: this line holds a character of another encoding").
				WithHint(`retype the accented letters of this line, or export the sheet again as "CSV UTF-8"`)
		}
		// No UTF-8 at all: Excel's plain "CSV" on Windows writes
		// Windows-1252, whose every byte is a character.
		data = windows1252(data)
		r.Notes = append(r.Notes, file+` is not UTF-8: read as Windows-1252, as Excel's "CSV" writes on Windows (export as "CSV UTF-8" to avoid the guess)`)
	}
	rd := csv.NewReader(bytes.NewReader(data))
	rd.Comma = sniffComma(data)
	rd.FieldsPerRecord = -1
	// Records are read one by one for the line each starts on: a cell
	// may hold line breaks, and the record's number is not its line.
	var rows [][]string
	var lines []int
	for {
		row, err := rd.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				return r, source.Errorf(source.Pos{Path: file, Line: pe.Line}, "%v", pe.Err).
					WithHint("check the quotes on this line: a field with a quote inside must double it")
			}
			return r, err
		}
		line, _ := rd.FieldPos(0)
		rows, lines = append(rows, row), append(lines, line)
	}
	if len(rows) < 2 {
		return r, source.Errorf(source.Pos{Path: file, Line: 1}, "no participants: the file needs a header row and one row per person")
	}
	// Columns up to the last one with a name: a row may leave out the
	// unnamed ones after it.
	named := len(rows[0])
	for named > 0 && strings.TrimSpace(rows[0][named-1]) == "" {
		named--
	}
	fields := make([]string, len(rows[0]))
	have := map[string]bool{}
	for i, h := range rows[0] {
		key := strings.Join(strings.Fields(strings.Map(foldHeader, strings.ToLower(strings.TrimSpace(h)))), " ")
		if f, ok := profileColumns[key]; ok && !have[f] {
			fields[i], have[f] = f, true
		} else if strings.TrimSpace(h) != "" {
			r.Ignored = append(r.Ignored, h)
		}
	}
	var errs source.List
	if have["first_name"] || have["last_name"] {
		have["name"] = true
	}
	for _, need := range []string{"name", "role"} {
		if !have[need] {
			errs.Add(source.Errorf(source.Pos{Path: file, Line: 1}, "no column for %q", need).
				WithHint("name a column %q (or %s); the columns found are: %s", need, strings.Join(columnNames(need), ", "), strings.Join(rows[0], ", ")))
		}
	}
	if err := errs.Err(); err != nil {
		return r, err
	}

	type page struct{ path, text string }
	var pages []page
	// A person is known by email when the row has one: a profile already
	// written for that email is the person's, whatever its file is
	// called, and a file of the same name for another email is another
	// person's. Without email, the file name (the slug) says who it is.
	existing := profileEmails(filepath.Join(dir, "content", "profiles"))
	used := map[string]bool{}
	emailLine := map[string]int{}
	for n, row := range rows[1:] {
		line := lines[n+1]
		if len(strings.Join(row, "")) == 0 {
			continue
		}
		if len(row) > len(fields) {
			errs.Add(source.Errorf(source.Pos{Path: file, Line: line}, "%d cells, but the header names %d columns", len(row), len(fields)).
				WithHint("a cell that holds the separator %q must be in double quotes; or separate list items with another character", string(rd.Comma)))
			continue
		}
		if len(row) < named {
			// A cell's line break without quotes cuts its row in two:
			// the first part would lose its last cells unseen.
			errs.Add(source.Errorf(source.Pos{Path: file, Line: line}, "%d cells, but the header names %d columns", len(row), named).
				WithHint("a cell that holds a line break must be in double quotes; if the last cells are empty, end the row with a separator %q for each", string(rd.Comma)))
			continue
		}
		p := map[string]string{}
		for i, v := range row {
			if i < len(fields) && fields[i] != "" {
				p[fields[i]] = strings.TrimSpace(v)
			}
		}
		if first, last := p["first_name"], cmp.Or(p["last_name"], p["name"]); first != "" || p["last_name"] != "" {
			p["name"] = strings.TrimSpace(first + " " + last)
		}
		delete(p, "first_name")
		delete(p, "last_name")
		pos := source.Pos{Path: file, Line: line}
		if p["name"] == "" {
			errs.Add(source.Errorf(pos, "column %q: empty", header(rows[0], fields, "name")).WithHint("every participant needs a name; delete the row if it is not one"))
			continue
		}
		role, ok := roleWords[foldValue(p["role"])]
		if !ok {
			errs.Add(source.Errorf(pos, "column %q: %q, for %s, is not mentor, mentee or both", header(rows[0], fields, "role"), p["role"], p["name"]).
				WithHint("write mentor, mentee (mentoré) or both (les deux)"))
			continue
		}
		p["role"] = role
		if v := p["visibility"]; v != "" {
			if p["visibility"], ok = visibilityWords[foldValue(v)]; !ok {
				errs.Add(source.Errorf(pos, "column %q: %q, for %s, is not public, internal or hidden", header(rows[0], fields, "visibility"), v, p["name"]).
					WithHint("write public, internal (interne) or hidden (masqué)"))
				continue
			}
		}
		email := strings.ToLower(p["email"])
		if email != "" {
			if first, dup := emailLine[email]; dup {
				errs.Add(source.Errorf(pos, "%s, %s, is also on line %d", p["name"], p["email"], first).
					WithHint("one person, one row: delete one of the two, or merge them"))
				continue
			}
			emailLine[email] = line
		}
		base := content.Slugify(cmp.Or(p["slug"], p["name"]))
		if base == "" {
			errs.Add(source.Errorf(pos, "%q makes no file name", p["name"]).WithHint("add a slug column with a name in Latin letters"))
			continue
		}
		slug := base
		if known, ok := existing.byEmail[email]; ok && email != "" && !used[known] {
			slug = known
		} else {
			for k := 2; used[slug] || existing.other(slug, email); k++ {
				slug = base + "-" + strconv.Itoa(k)
			}
		}
		used[slug] = true
		pages = append(pages, page{path: filepath.Join("content", "profiles", slug+".md"), text: profilePage(p)})
	}
	if err := errs.Err(); err != nil {
		return r, err
	}
	for _, pg := range pages {
		full := filepath.Join(dir, pg.path)
		if old, err := os.ReadFile(full); err == nil && (!update || string(old) == pg.text) {
			r.Kept = append(r.Kept, filepath.ToSlash(pg.path))
			if update {
				r.Unchanged++
			}
			continue
		}
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			return r, err
		}
		if err := os.WriteFile(full, []byte(pg.text), 0o644); err != nil {
			return r, err
		}
		r.Written = append(r.Written, filepath.ToSlash(pg.path))
	}
	return r, nil
}

// knownProfiles are the profiles a site has: the email of each that has
// one, and every file's slug.
type knownProfiles struct {
	byEmail map[string]string // lower-case email → slug
	emailOf map[string]string // slug → lower-case email, "" for none
}

// other reports whether the profile named slug is another person's than
// this email's: both have an email, and not the same. A file without one
// may be this person's, written before the sheet had an email column.
func (k knownProfiles) other(slug, email string) bool {
	had := k.emailOf[slug]
	return had != "" && email != "" && had != email
}

// emailLineRe finds a profile's email in its frontmatter.
var emailLineRe = regexp.MustCompile(`(?m)^email:\s*"?([^"\s]+)"?\s*$`)

// profileEmails reads the profiles in dir for their emails.
func profileEmails(dir string) knownProfiles {
	k := knownProfiles{byEmail: map[string]string{}, emailOf: map[string]string{}}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		slug, ok := strings.CutSuffix(e.Name(), ".md")
		if !ok || e.IsDir() {
			continue
		}
		email := ""
		if b, err := os.ReadFile(filepath.Join(dir, e.Name())); err == nil {
			front := b[:min(len(b), 4096)]
			if m := emailLineRe.FindSubmatch(front); m != nil {
				email = strings.ToLower(string(m[1]))
				k.byEmail[email] = slug
			}
		}
		k.emailOf[slug] = email
	}
	return k
}

// hasMultibyte reports whether data holds a valid UTF-8 sequence of more
// than one byte: text that is UTF-8 in part.
func hasMultibyte(data []byte) bool {
	for i := 0; i < len(data); {
		r, n := utf8.DecodeRune(data[i:])
		if n > 1 && r != utf8.RuneError {
			return true
		}
		i += n
	}
	return false
}

// cp1252 are the characters of Windows-1252's bytes 0x80 to 0x9F; its
// other bytes are Latin-1's, the same code points.
var cp1252 = [32]rune{
	'€', 0x81, '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', 0x8D, 'Ž', 0x8F,
	0x90, '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', 0x9D, 'ž', 'Ÿ',
}

// windows1252 decodes Windows-1252 text into UTF-8.
func windows1252(data []byte) []byte {
	out := make([]byte, 0, len(data)+len(data)/8)
	for _, c := range data {
		switch {
		case c < 0x80:
			out = append(out, c)
		case c < 0xA0:
			out = utf8.AppendRune(out, cp1252[c-0x80])
		default:
			out = utf8.AppendRune(out, rune(c))
		}
	}
	return out
}

// profilePage writes one profile's Markdown: frontmatter in the order
// the example site uses, lists as YAML flow lists, and the bio as text.
func profilePage(p map[string]string) string {
	var b strings.Builder
	b.WriteString("---\n")
	fmt.Fprintf(&b, "title: %s\n", quote(p["name"]))
	fmt.Fprintf(&b, "name: %s\n", quote(p["name"]))
	for _, f := range []string{"role", "job", "department", "location", "languages", "skills_offered", "skills_sought", "availability", "cohort", "email", "photo", "visibility"} {
		v := p[f]
		if v == "" {
			continue
		}
		switch f {
		case "languages", "skills_offered", "skills_sought":
			items := splitList(v, f == "languages")
			quoted := make([]string, len(items))
			for i, it := range items {
				quoted[i] = quote(it)
			}
			fmt.Fprintf(&b, "%s: [%s]\n", f, strings.Join(quoted, ", "))
		default:
			fmt.Fprintf(&b, "%s: %s\n", f, quote(v))
		}
	}
	b.WriteString("---\n")
	if bio := strings.TrimSpace(p["bio"]); bio != "" {
		b.WriteString("\n" + bio + "\n")
	}
	return b.String()
}

// splitList splits a cell that holds several values: "a, b; c" or one
// per line. Languages are written as codes in lower case.
func splitList(v string, languages bool) []string {
	// "UX / UI" is two, "CI/CD" one.
	v = strings.ReplaceAll(v, " / ", ";")
	parts := strings.FieldsFunc(v, func(r rune) bool { return r == ',' || r == ';' || r == '|' || r == '\n' })
	var out []string
	seen := map[string]bool{}
	for _, it := range parts {
		it = strings.TrimSpace(it)
		if languages {
			it = languageCode(it)
		}
		if it != "" && !seen[strings.ToLower(it)] {
			seen[strings.ToLower(it)] = true
			out = append(out, it)
		}
	}
	return out
}

// languageNames maps language names, as a form lists them, to codes.
var languageNames = map[string]string{
	"francais": "fr", "french": "fr", "anglais": "en", "english": "en",
	"allemand": "de", "german": "de", "deutsch": "de", "espagnol": "es", "spanish": "es",
	"italien": "it", "italian": "it", "portugais": "pt", "portuguese": "pt",
	"neerlandais": "nl", "dutch": "nl", "arabe": "ar", "arabic": "ar",
	"chinois": "zh", "chinese": "zh", "mandarin": "zh", "japonais": "ja", "japanese": "ja",
	"polonais": "pl", "polish": "pl", "russe": "ru", "russian": "ru",
	"turc": "tr", "turkish": "tr", "hindi": "hi", "ourdou": "ur", "urdu": "ur",
	"roumain": "ro", "romanian": "ro", "grec": "el", "greek": "el", "suedois": "sv", "swedish": "sv",
	"coreen": "ko", "korean": "ko", "vietnamien": "vi", "vietnamese": "vi", "hebreu": "he", "hebrew": "he",
	"wolof": "wo", "bambara": "bm", "swahili": "sw", "berbere": "ber", "tamazight": "ber",
	"ukrainien": "uk", "ukrainian": "uk", "tcheque": "cs", "czech": "cs", "hongrois": "hu", "hungarian": "hu",
	"catalan": "ca", "basque": "eu", "breton": "br", "lsf": "fsl", "langue des signes": "fsl",
}

// levelWords are what forms write after a language to say how well:
// "anglais courant" is English.
var levelWords = map[string]bool{
	"courant": true, "natif": true, "native": true, "bilingue": true, "fluent": true, "notions": true,
	"basic": true, "intermediate": true, "intermediaire": true, "debutant": true, "beginner": true,
	"professionnel": true, "professional": true, "maternelle": true, "langue": true, "lu": true,
	"ecrit": true, "parle": true, "scolaire": true, "c1": true, "c2": true, "b1": true, "b2": true, "a1": true, "a2": true,
}

func languageCode(s string) string {
	f := foldValue(s)
	if c, ok := languageNames[f]; ok {
		return c
	}
	// Without its level ("anglais courant", "English (fluent)").
	words := strings.Fields(f)
	kept := words[:0]
	for _, w := range words {
		if !levelWords[w] {
			kept = append(kept, w)
		}
	}
	if c, ok := languageNames[strings.Join(kept, " ")]; ok {
		return c
	}
	return f
}

// foldHeader turns the punctuation of a header into spaces and folds
// accents, so "Compétences offertes :" reads "competences offertes".
func foldHeader(r rune) rune {
	if a := fold.Latin(r); len(a) == 1 {
		return rune(a[0])
	}
	if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '_' {
		return r
	}
	return ' '
}

func foldValue(s string) string {
	return strings.Join(strings.Fields(strings.Map(foldHeader, strings.ToLower(s))), " ")
}

// quote writes a YAML scalar that reads back as s.
func quote(s string) string {
	return strconv.Quote(s)
}

// sniffComma picks the separator of the header row: French spreadsheets
// write semicolons, since the comma is their decimal mark.
func sniffComma(data []byte) rune {
	header, _, _ := bytes.Cut(data, []byte("\n"))
	if bytes.Count(header, []byte(";")) > bytes.Count(header, []byte(",")) {
		return ';'
	}
	if bytes.Count(header, []byte("\t")) > bytes.Count(header, []byte(",")) {
		return '\t'
	}
	return ','
}

// header is the header of the column that fills field.
func header(headers, fields []string, field string) string {
	for i, f := range fields {
		if f == field {
			return strings.TrimSpace(headers[i])
		}
	}
	return field
}

// columnNames lists, sorted, the headers that fill field.
func columnNames(field string) []string {
	var out []string
	for name, f := range profileColumns {
		if f == field {
			out = append(out, strconv.Quote(name))
		}
	}
	sort.Strings(out)
	return out
}
