package search

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
)

// scriptPath is search.js, the client that must agree with Reader.
const scriptPath = "../../themes/default/static/js/search.js"

// node returns the path of node, or skips the test.
func node(t *testing.T) string {
	t.Helper()
	p, err := exec.LookPath("node")
	if err != nil {
		t.Skip("node not installed")
	}
	return p
}

// runHarness sends req to testdata/harness.js and decodes its answer.
func runHarness(t *testing.T, req map[string]any, answer any) {
	t.Helper()
	script, err := filepath.Abs(scriptPath)
	if err != nil {
		t.Fatal(err)
	}
	req["script"] = script
	in, _ := json.Marshal(req)
	cmd := exec.Command(node(t), "testdata/harness.js")
	cmd.Stdin = bytes.NewReader(in)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("node harness: %v\n%s", err, stderr.String())
	}
	if err := json.Unmarshal(out, answer); err != nil {
		t.Fatal(err)
	}
}

func TestScriptParses(t *testing.T) {
	if out, err := exec.Command(node(t), "--check", scriptPath).CombinedOutput(); err != nil {
		t.Fatalf("node --check search.js: %v\n%s", err, out)
	}
}

// TestFoldMatchesJS checks that search.js folds like Fold, character by
// character, over the Latin, Greek, Cyrillic and ligature blocks.
func TestFoldMatchesJS(t *testing.T) {
	var in []string
	for r := rune(0x20); r < 0x530; r++ {
		if r < 0xD800 {
			in = append(in, string(r))
		}
	}
	for r := rune(0x1E00); r < 0x2030; r++ {
		in = append(in, string(r))
	}
	for r := rune(0xFB00); r < 0xFB07; r++ {
		in = append(in, string(r))
	}
	in = append(in, "L’Équipe ŒUVRE Straße İstanbul e\u0301te\u0301", "ΣΑΣ")
	var answer struct{ Fold []string }
	runHarness(t, map[string]any{"fold": in}, &answer)
	if len(answer.Fold) != len(in) {
		t.Fatalf("%d answers for %d strings", len(answer.Fold), len(in))
	}
	for i, s := range in {
		if got := Fold(s); got != answer.Fold[i] {
			t.Errorf("%q (%U): Fold %q, search.js %q", s, []rune(s), got, answer.Fold[i])
		}
	}
}

// TestShardNameMatchesJS checks that search.js names shard files as
// ShardName does: the client finds a shard by its key.
func TestShardNameMatchesJS(t *testing.T) {
	keys := []string{"mentor", "42", "ελ", "𝔞b", "con", "nul", "com1", "coma", "日本", "ça", "z"}
	var answer struct{ ShardNames []string }
	runHarness(t, map[string]any{"shardNames": keys, "dirs": 7}, &answer)
	if len(answer.ShardNames) != len(keys) {
		t.Fatalf("%d answers for %d keys", len(answer.ShardNames), len(keys))
	}
	for i, k := range keys {
		if want := ShardName(k, 7); answer.ShardNames[i] != want {
			t.Errorf("%q: ShardName %q, search.js %q", k, want, answer.ShardNames[i])
		}
	}
}

// TestReaderMatchesJS checks that search.js finds, ranks and cuts snippets
// exactly as Reader does.
func TestReaderMatchesJS(t *testing.T) {
	queries := map[string][]string{
		"fr": {"teletravail", "Télétravail", "équipes", "l'équipe", "confidentialité", "messagerie",
			"tableau bord marc", "python jeudi", "visioconf", "visioconf ", "confidentialte", "binômes",
			"oeuvrer", "le la de", "zzzz", "ré", "r", "mentor", "mentoré", "rencontre programme équipe",
			"outils numériques", "données", "« rencontre »", "compte rendu", "a b c d e f g h i j k"},
		"en": {"mentoring", "mentors", "meetings agenda goals", "Marc's dashboards", "remot", "feedbak",
			"the", "me", "meeting", "léa", "lea marc", "skills digital leader"},
	}
	// Long pages fill several bundles per bucket: the hits of "semaine"
	// are in the further bundles too.
	long := handbook("fr")
	for i := range 40 {
		long = append(long, Doc{URL: fmt.Sprintf("/guides/g%02d/", i), Title: fmt.Sprintf("Guide %d", i),
			Text: strings.Repeat(fmt.Sprintf("Le binôme numéro %d se retrouve chaque semaine %d. ", i, i%7), 60+i)})
	}
	queries["long"] = []string{"semaine", "binôme numéro", "semaine 3", "retrouve", "rencontre"}
	for lang, qs := range queries {
		t.Run(lang, func(t *testing.T) {
			docs, isLong := handbook(lang), lang == "long"
			if isLong {
				lang, docs = "fr", long
			}
			r, files := open(t, lang, docs)
			if isLong && !strings.ContainsAny(r.meta.Bundles, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") {
				t.Fatalf("bundles %q: none beyond the first of its bucket", r.meta.Bundles)
			}
			dir := writeIndex(t, files)
			var answer struct{ Results []Results }
			runHarness(t, map[string]any{"dir": filepath.Join(dir, "search", lang), "queries": qs}, &answer)
			sameResults(t, r, qs, answer.Results, "")
		})
	}
}

// writeIndex writes files to a new folder, and returns it.
func writeIndex(t *testing.T, files []File) string {
	t.Helper()
	dir := t.TempDir()
	for _, f := range files {
		p := filepath.Join(dir, filepath.FromSlash(f.Path))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, f.Body, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// sameResults checks that search.js's results for qs, from the harness,
// are r's; when says when they were asked, for the errors.
func sameResults(t *testing.T, r *Reader, qs []string, js []Results, when string) {
	t.Helper()
	if len(js) != len(qs) {
		t.Fatalf("%d results for %d queries%s", len(js), len(qs), when)
	}
	for i, q := range qs {
		want, err := r.Query(q)
		if err != nil {
			t.Fatal(err)
		}
		got := js[i]
		if got.Hits == nil {
			got.Hits = []Result{}
		}
		if want.Hits == nil {
			want.Hits = []Result{}
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("query %q%s:\n Go: %+v\n JS: %+v", q, when, want, got)
		}
	}
}

// TestJSStartsAgainWhenAShardIsGone checks that search.js, open on one
// build's meta.js, starts again from the next build's files when a shard
// it names is no longer there (its only word removed), instead of
// failing: it then answers as Reader does on the new build.
func TestJSStartsAgainWhenAShardIsGone(t *testing.T) {
	with := append(handbook("fr"), Doc{URL: "/z/", Title: "Zoologie", Text: "Le zyzomys est un rongeur."})
	without := append(handbook("fr"), Doc{URL: "/z/", Title: "Zoologie", Text: "Le rat est un rongeur."})
	r, newer := open(t, "fr", without)
	old, files := open(t, "fr", with)
	if !slices.Contains(old.meta.Shards, "zy") || slices.Contains(r.meta.Shards, "zy") {
		t.Fatalf("shards %q then %q: want zy in the first only", old.meta.Shards, r.meta.Shards)
	}
	before, after := writeIndex(t, files), writeIndex(t, newer)
	then := []string{"zyzomys", "rongeur"}
	var answer struct{ Results []Results }
	runHarness(t, map[string]any{
		"dir": filepath.Join(before, "search", "fr"), "queries": []string{"rencontre"},
		"then": map[string]any{"dir": filepath.Join(after, "search", "fr"), "queries": then},
	}, &answer)
	if len(answer.Results) != 3 {
		t.Fatalf("%d results for 3 queries", len(answer.Results))
	}
	sameResults(t, r, then, answer.Results[1:], " after the rebuild")
}

// TestScriptHasNoEval keeps search.js free of eval and Function, which a
// strict Content-Security-Policy forbids.
func TestScriptHasNoEval(t *testing.T) {
	src, err := os.ReadFile(scriptPath)
	if err != nil {
		t.Fatal(err)
	}
	for _, bad := range []string{"eval(", "new Function", "innerHTML"} {
		if strings.Contains(string(src), bad) {
			t.Errorf("search.js uses %s", bad)
		}
	}
}
