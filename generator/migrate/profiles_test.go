package migrate

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"binome/internal/testfs"
)

// importCSV writes a site and a CSV, imports it, and returns the site.
func importCSV(t *testing.T, dir, csv string, update bool) (ProfileReport, error) {
	t.Helper()
	testfs.Write(t, dir, map[string]string{"people.csv": csv})
	return ImportProfiles(filepath.Join(dir, "people.csv"), dir, update)
}

func newSite(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	testfs.Write(t, dir, map[string]string{"site.yaml": "title: T\n"})
	return dir
}

func profile(t *testing.T, dir, slug string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, "content", "profiles", slug+".md"))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// HR exports split names into first and last: both make the name, in
// French ("Prénom", "Nom") or English.
func TestImportProfilesJoinsFirstAndLastNames(t *testing.T) {
	for _, csv := range []string{
		"Nom;Prénom;Rôle\nMartin;Léa;Mentor\n",
		"First name,Last name,Role\nLéa,Martin,mentor\n",
	} {
		dir := newSite(t)
		if _, err := importCSV(t, dir, csv, false); err != nil {
			t.Fatal(err)
		}
		if p := profile(t, dir, "lea-martin"); !strings.Contains(p, `name: "Léa Martin"`) {
			t.Errorf("%q made:\n%s", csv, p)
		}
	}
}

// A person is known by email: a row added above does not give one
// person's profile to another on --update, a namesake gets a file of
// their own, and one email on two rows is an error at the second.
func TestImportProfilesKnowsPeopleByEmail(t *testing.T) {
	dir := newSite(t)
	first := "name,role,job,email\nAnne Roy,mentor,Dev,anne.roy@x.org\nAnne Roy,mentee,CFO,ANNE.ROY2@x.org\nAnne Roy 2,mentor,Ops,third@x.org\n"
	if _, err := importCSV(t, dir, first, false); err != nil {
		t.Fatal(err)
	}
	for slug, job := range map[string]string{"anne-roy": "Dev", "anne-roy-2": "CFO", "anne-roy-2-2": "Ops"} {
		if p := profile(t, dir, slug); !strings.Contains(p, `job: "`+job+`"`) {
			t.Errorf("%s:\n%s", slug, p)
		}
	}
	// A new Anne Roy comes first; the CFO's job changes.
	again := "name,role,job,email\nAnne Roy,mentor,Designer,new@x.org\nAnne Roy,mentor,Dev,anne.roy@x.org\nAnne Roy,mentee,CEO,anne.roy2@x.org\nAnne Roy 2,mentor,Ops,third@x.org\n"
	r, err := importCSV(t, dir, again, true)
	if err != nil {
		t.Fatal(err)
	}
	for slug, job := range map[string]string{"anne-roy": "Dev", "anne-roy-2": "CEO", "anne-roy-2-2": "Ops", "anne-roy-3": "Designer"} {
		if p := profile(t, dir, slug); !strings.Contains(p, `job: "`+job+`"`) {
			t.Errorf("after the update, %s:\n%s", slug, p)
		}
	}
	if len(r.Written) != 2 || r.Unchanged != 2 {
		t.Errorf("wrote %v, %d unchanged: want the new person and the CEO written, the others unchanged", r.Written, r.Unchanged)
	}
	_, err = importCSV(t, dir, "name,role,email\nA,mentor,a@x.org\nB,mentee,b@x.org\nA bis,mentor,A@x.org\n", false)
	if err == nil || !strings.Contains(err.Error(), "people.csv:4:") || !strings.Contains(err.Error(), "also on line 2") {
		t.Errorf("error %v, want one at line 4 naming line 2", err)
	}
}

// Errors give the line a row starts on, though cells before it hold line
// breaks; "UX / UI" is two skills and "CI/CD" one.
func TestImportProfilesLinesAndLists(t *testing.T) {
	dir := newSite(t)
	_, err := importCSV(t, dir, "name,role,bio\nLéa,mentor,\"A bio\non three\nlines\"\nZoé,boss,x\n", false)
	if err == nil || !strings.Contains(err.Error(), "people.csv:5:") {
		t.Errorf("error %v, want it at line 5", err)
	}
	// A line break without quotes cuts a row in two: the first part lacks
	// its last cells, and says so, at its line.
	_, err = importCSV(t, dir, "name,role,bio,email\nLéa,mentor,A bio\non two lines,lea@x.org\n", false)
	if err == nil || !strings.Contains(err.Error(), "people.csv:2: 3 cells, but the header names 4 columns") {
		t.Errorf("error %v, want one at line 2 for too few cells", err)
	}
	if _, err := importCSV(t, dir, "name,role,skills offered,,\nLéa,mentor,\"CI/CD, UX / UI\"\n", false); err != nil {
		t.Fatal(err)
	}
	if p := profile(t, dir, "lea"); !strings.Contains(p, `skills_offered: ["CI/CD", "UX", "UI"]`) {
		t.Errorf("skills:\n%s", p)
	}
}

// French forms write roles in inclusive spelling, and languages with how
// well they are spoken.
func TestImportProfilesReadsFormWords(t *testing.T) {
	dir := newSite(t)
	csv := "Nom;Rôle;Langues\nLéa;Mentor·e;Anglais courant, Wolof\nMarc;Mentoré(e);English (fluent) / hindi\n"
	if _, err := importCSV(t, dir, csv, false); err != nil {
		t.Fatal(err)
	}
	for slug, want := range map[string][]string{
		"lea":  {`role: "mentor"`, `languages: ["en", "wo"]`},
		"marc": {`role: "mentee"`, `languages: ["en", "hi"]`},
	} {
		p := profile(t, dir, slug)
		for _, w := range want {
			if !strings.Contains(p, w) {
				t.Errorf("%s has no %s:\n%s", slug, w, p)
			}
		}
	}
}

// A sheet that gains an email column updates the profiles it made before,
// rather than making everyone again under another name.
func TestImportProfilesAddingEmails(t *testing.T) {
	dir := newSite(t)
	if _, err := importCSV(t, dir, "name,role\nLéa,mentor\nMarc,mentee\n", false); err != nil {
		t.Fatal(err)
	}
	r, err := importCSV(t, dir, "name,role,email\nLéa,mentor,lea@x.org\nMarc,mentee,marc@x.org\n", true)
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Written) != 2 || !strings.Contains(profile(t, dir, "lea"), `email: "lea@x.org"`) {
		t.Errorf("wrote %v, want lea.md and marc.md updated with their emails", r.Written)
	}
}
