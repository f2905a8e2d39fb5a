package search

import (
	"bytes"
	"encoding/json"
	"fmt"
	"maps"
	"math/rand/v2"
	"path"
	"reflect"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
)

// handbook is a small French handbook and its English twin.
func handbook(lang string) []Doc {
	if lang == "en" {
		return []Doc{
			{URL: "/en/guides/first-meeting/", Title: "Your first meeting", Section: "Guides",
				Headings: []Heading{{"agenda", "Agenda"}, {"after", "After the meeting"}},
				Text:     "Prepare the first meeting with your mentee. Agenda Introduce yourselves, agree on goals and a rhythm. After the meeting Send a short summary to your mentor."},
			{URL: "/en/guides/mentoring/", Title: "What is reverse mentoring?", Section: "Guides",
				Text: "In reverse mentoring a junior colleague mentors a senior leader on digital skills. Mentors and mentees meet every month."},
			{URL: "/en/guides/remote-work/", Title: "Remote work", Section: "Guides",
				Headings: []Heading{{"tools", "Tools"}},
				Text:     "Meeting remotely works well. Tools Use the video tool of the company and share your screen."},
			{URL: "/en/stories/lea/", Title: "Léa and Marc", Section: "Stories",
				Text: "Léa taught Marc the basics of data visualisation; Marc's team now publishes its dashboards."},
			{URL: "/en/trainings/feedback/", Title: "Giving feedback", Section: "Trainings",
				Headings: []Heading{{"method", "The method"}},
				Text:     "Feedback helps the duo grow. The method Describe facts, their effect, and ask questions."},
		}
	}
	return []Doc{
		{URL: "/guides/premiere-rencontre/", Title: "Votre première rencontre", Section: "Guides",
			Headings: []Heading{{"ordre-du-jour", "Ordre du jour"}, {"apres", "Après la rencontre"}},
			Text:     "Préparez la première rencontre avec votre binôme. Ordre du jour Présentez-vous, fixez les objectifs et le rythme des réunions. Après la rencontre Envoyez un court compte rendu à l'équipe du programme."},
		{URL: "/guides/mentorat-inverse/", Title: "Qu'est-ce que le mentorat inversé ?", Section: "Guides",
			Headings: []Heading{{"principe", "Le principe"}, {"roles", "Les rôles"}},
			Text:     "Le principe Un collaborateur junior accompagne un dirigeant sur le numérique. Les rôles Le mentor partage ses compétences ; le mentoré apprend et transmet à son tour."},
		{URL: "/guides/teletravail/", Title: "Mentorer en télétravail", Section: "Guides",
			Headings: []Heading{{"outils", "Les outils"}},
			Text:     "Le télétravail n'empêche pas le mentorat. Les outils Utilisez la visioconférence de l'entreprise et partagez votre écran."},
		{URL: "/guides/confidentialite/", Title: "Confidentialité", Section: "Guides",
			Text: "Ce qui se dit entre mentor et mentoré reste confidentiel. L'équipe du programme ne demande aucun compte rendu détaillé."},
		{URL: "/formations/feedback/", Title: "Donner un feedback", Section: "Formations",
			Headings: []Heading{{"methode", "La méthode"}},
			Text:     "Un bon feedback fait grandir le binôme. La méthode Décrivez les faits, leurs effets, puis posez des questions ouvertes."},
		{URL: "/formations/outils-numeriques/", Title: "Les outils numériques", Section: "Formations",
			Headings: []Heading{{"messagerie", "Messagerie"}, {"tableaux", "Tableaux de bord"}},
			Text:     "Panorama des outils. Messagerie Les équipes échangent sur la messagerie instantanée. Tableaux de bord Construire un tableau de bord lisible pour son équipe."},
		{URL: "/histoires/lea-et-marc/", Title: "Léa et Marc", Section: "Histoires",
			Text: "Léa a appris à Marc les bases de la visualisation de données ; l'équipe de Marc publie désormais ses tableaux de bord. « Une rencontre qui a changé ma façon de diriger. »"},
		{URL: "/histoires/sofia-et-paul/", Title: "Sofia et Paul", Section: "Histoires",
			Text: "Sofia, alternante, a initié Paul aux réseaux sociaux. Leurs réunions du jeudi sont devenues un rendez-vous de toute l'équipe."},
		{URL: "/profils/amina/", Title: "Amina Diallo", Section: "Profils",
			Text: "Développeuse, Amina propose Python et l'analyse de données. Elle cherche à progresser en prise de parole."},
		{URL: "/a-propos/", Title: "À propos du programme", Section: "",
			Text: "Le programme Binôme rapproche les générations : chaque duo se rencontre une heure par mois pendant six mois. Œuvrer ensemble, c'est l'objectif."},
	}
}

// open indexes docs and opens the written files with a Reader.
func open(t testing.TB, lang string, docs []Doc) (*Reader, []File) {
	t.Helper()
	ix := NewIndexer(lang)
	for _, d := range docs {
		ix.Add(d)
	}
	files := indexFiles(t, ix, "search/"+lang)
	fsys := fstest.MapFS{}
	for _, f := range files {
		fsys[f.Path] = &fstest.MapFile{Data: f.Body}
	}
	r, err := Open(fsys, "search/"+lang)
	if err != nil {
		t.Fatal(err)
	}
	return r, files
}

// indexFiles returns ix.Files(dir), failing t on an error.
func indexFiles(t testing.TB, ix *Indexer, dir string) []File {
	t.Helper()
	files, err := ix.Files(dir)
	if err != nil {
		t.Fatal(err)
	}
	return files
}

func urls(res Results) []string {
	var out []string
	for _, h := range res.Hits {
		out = append(out, h.URL)
	}
	return out
}

func TestQueryFrench(t *testing.T) {
	r, _ := open(t, "fr", handbook("fr"))
	tests := []struct {
		name, q string
		first   string // URL of the first hit; "" when nothing must match
		total   int    // -1: not checked
		snippet string // a substring of the first snippet
	}{
		{"accent folded", "teletravail", "/guides/teletravail/", -1, "<mark>télétravail</mark>"},
		{"accent typed", "Télétravail", "/guides/teletravail/", -1, ""},
		{"stem through surface words", "équipes", "/formations/outils-numeriques/#messagerie", -1, "<mark>équipes</mark>"},
		{"elision in query", "l'équipe", "/formations/outils-numeriques/#messagerie", -1, ""},
		{"title boost", "confidentialité", "/guides/confidentialite/", 1, ""},
		{"heading anchor", "messagerie", "/formations/outils-numeriques/#messagerie", 1, "<mark>Messagerie</mark>"},
		{"and across words", "tableau bord marc", "/histoires/lea-et-marc/", 1, ""},
		{"or fallback", "python jeudi", "", 2, ""},
		{"prefix while typing", "visioconf", "/guides/teletravail/#outils", 1, "<mark>visioconférence</mark>"},
		{"no prefix after space", "visioconf ", "", 0, ""},
		{"typo", "confidentialte", "/guides/confidentialite/", 1, ""},
		{"plural by typo tolerance", "binômes", "/formations/feedback/", -1, ""},
		{"ligature", "oeuvrer", "/a-propos/", 1, "<mark>Œuvrer</mark>"},
		{"stop words only", "le la de", "", 0, ""},
		{"unknown word", "zzzz", "", 0, ""},
		{"empty", "  ", "", 0, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := r.Query(tt.q)
			if err != nil {
				t.Fatal(err)
			}
			if tt.total >= 0 && res.Total != tt.total {
				t.Errorf("Query(%q): %d results %q, want %d", tt.q, res.Total, urls(res), tt.total)
			}
			if tt.first == "" {
				return
			}
			if len(res.Hits) == 0 || res.Hits[0].URL != tt.first {
				t.Fatalf("Query(%q) = %q, want %s first", tt.q, urls(res), tt.first)
			}
			if !strings.Contains(res.Hits[0].Snippet, tt.snippet) {
				t.Errorf("Query(%q) snippet = %q, want it to contain %q", tt.q, res.Hits[0].Snippet, tt.snippet)
			}
		})
	}
}

func TestQueryEnglish(t *testing.T) {
	r, _ := open(t, "en", handbook("en"))
	tests := []struct{ q, first string }{
		{"mentoring", "/en/guides/mentoring/"}, // title and text: mentoring, mentors
		{"mentors", "/en/guides/mentoring/"},   // same stem
		{"meetings agenda goals", "/en/guides/first-meeting/#agenda"},
		{"Marc's dashboards", "/en/stories/lea/"},
		{"remot", "/en/guides/remote-work/"},
		{"feedbak", "/en/trainings/feedback/"},
	}
	for _, tt := range tests {
		t.Run(tt.q, func(t *testing.T) {
			res, err := r.Query(tt.q)
			if err != nil {
				t.Fatal(err)
			}
			if len(res.Hits) == 0 || res.Hits[0].URL != tt.first {
				t.Errorf("Query(%q) = %q, want %s first", tt.q, urls(res), tt.first)
			}
		})
	}
}

func TestSnippetEscapesHTML(t *testing.T) {
	r, _ := open(t, "en", []Doc{{URL: "/x/", Title: "X", Text: `Use <script> & "quotes" with care.`}})
	res, err := r.Query("script")
	if err != nil {
		t.Fatal(err)
	}
	want := `Use &lt;<mark>script</mark>&gt; &amp; &#34;quotes&#34; with care.`
	if len(res.Hits) != 1 || res.Hits[0].Snippet != want {
		t.Errorf("snippet = %+v, want %q", res.Hits, want)
	}
}

func TestFilesIgnoreAddOrder(t *testing.T) {
	docs := handbook("fr")
	want := NewIndexer("fr")
	for _, d := range docs {
		want.Add(d)
	}
	wantFiles := indexFiles(t, want, "search/fr")
	for seed := range uint64(5) {
		shuffled := append([]Doc(nil), docs...)
		rand.New(rand.NewPCG(seed, 1)).Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
		ix := NewIndexer("fr")
		var wg sync.WaitGroup
		for _, d := range shuffled {
			wg.Go(func() { ix.Add(d) })
		}
		wg.Wait()
		sameFiles(t, fmt.Sprintf("seed %d", seed), indexFiles(t, ix, "search/fr"), wantFiles)
	}
}

// sameFiles fails the test unless got and want are the same files, path
// and bytes, in the same order; what says which index got is.
func sameFiles(t *testing.T, what string, got, want []File) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%s: %d files, want %d", what, len(got), len(want))
	}
	for i := range got {
		if got[i].Path != want[i].Path || !bytes.Equal(got[i].Body, want[i].Body) {
			t.Fatalf("%s: %s differs", what, got[i].Path)
		}
	}
}

// An index made partly from prepared docs (the build cache's way) is the
// index Add makes, byte for byte, even when other docs were seen before.
func TestPreparedDocsMakeTheSameIndex(t *testing.T) {
	docs := handbook("fr")
	want := NewIndexer("fr")
	for _, d := range docs {
		want.Add(d)
	}
	wantFiles := indexFiles(t, want, "search/fr")

	// A first build indexes every doc plus one that is then deleted.
	first := NewIndexer("fr")
	for _, d := range docs {
		first.Add(d)
	}
	first.Add(Doc{URL: "/gone/", Title: "Disparu", Text: "motsuniquesdisparus seulement ici"})
	prepared := map[string]Prepared{}
	dict, all, err := first.Prepared()
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range all {
		prepared[p.URL] = p
	}
	// The next one adds half the docs from the cache, half anew: starting
	// with a prepared doc (the Indexer takes the Dict as its dictionary)
	// or with a new one (it maps the Dict's IDs to its own).
	for _, start := range []int{0, 1} {
		ix := NewIndexer("fr")
		for i, d := range docs {
			if i%2 == start {
				ix.AddPrepared(dict, prepared[d.URL])
			} else {
				ix.Add(d)
			}
		}
		sameFiles(t, fmt.Sprintf("start %d", start), indexFiles(t, ix, "search/fr"), wantFiles)
	}
}

func TestFilesLayout(t *testing.T) {
	r, files := open(t, "fr", handbook("fr"))
	var paths []string
	for _, f := range files {
		paths = append(paths, f.Path)
		if !bytes.HasPrefix(f.Body, []byte("window.__binomeSearch(")) {
			t.Errorf("%s does not register itself: %.40q", f.Path, f.Body)
		}
	}
	// The ten docs are in bucketsFor(10) buckets, each in files unless empty.
	var meta string
	for _, f := range files {
		if f.Path == "search/fr/meta.js" {
			meta = string(f.Body)
		}
	}
	if !strings.Contains(meta, `"root":"../../"`) {
		t.Errorf("meta.js: %s, want root ../../", meta)
	}
	if len(r.buckets) != bucketsFor(10) || r.meta.N != 10 {
		t.Errorf("meta.js: %s, want %d buckets of ten docs in all", meta, bucketsFor(10))
	}
	var want, got []string
	for _, at := range r.at {
		want = append(want, "search/fr/"+bundleName(at.bucket, at.k, r.meta.BundleDirs)+".js")
	}
	for _, k := range r.meta.Shards {
		want = append(want, "search/fr/"+ShardName(k, r.meta.ShardDirs)+".js")
	}
	for _, p := range paths {
		if strings.Contains(p, "/f/") || strings.Contains(p, "/s/") {
			got = append(got, p)
		}
	}
	slices.Sort(want)
	if !slices.Contains(paths, "search/fr/s/0/me.js") || !slices.Equal(got, want) {
		t.Errorf("files %q, want the shards and bundles %q", paths, want)
	}
}

// TestFragmentsCappedPerSection checks that a long page keeps at most
// maxFragment bytes of text, taken from the start of every section, and
// that bundles group docs up to their budget.
func TestFragmentsCappedPerSection(t *testing.T) {
	long := func(word string, n int) string { return strings.Repeat(word+" ", n) }
	docs := []Doc{{
		URL: "/long/", Title: "Long",
		Headings: []Heading{{"one", "One"}, {"two", "Two"}, {"three", "Three"}},
		Text:     "intro " + long("alpha", 2000) + "One " + long("bravo", 3000) + " tail1 Two short text Three " + long("charlie", 1000) + " tail3",
	}}
	for i := range 30 {
		docs = append(docs, Doc{URL: fmt.Sprintf("/small/%02d/", i), Title: "Small", Text: long("delta", 100)})
	}
	r, files := open(t, "en", docs)
	var f *fragment
	for i := 0; f == nil || f.U != "/long/"; i++ {
		var err error
		if f, err = r.fragment(i); err != nil {
			t.Fatal(err)
		}
	}
	total := 0
	for _, x := range f.BX {
		total += len(x)
	}
	if total > maxFragment || total < maxFragment-100 {
		t.Errorf("fragment keeps %d bytes, want about %d", total, maxFragment)
	}
	if want := []int{-1, 0, 1, 2}; !slices.Equal(f.BH, want) {
		t.Errorf("chunks under headings %v, want %v", f.BH, want)
	}
	if f.BX[2] != "Two short text" || !strings.HasPrefix(f.BX[0], "intro alpha") || !strings.HasPrefix(f.BX[3], "Three charlie") {
		t.Errorf("chunks %.40q, want each section's start", f.BX)
	}
	if strings.Contains(strings.Join(f.BX, " "), "tail") {
		t.Error("the end of long sections is kept")
	}
	// 31 docs in buckets, each in files of up to bundleBudget bytes.
	bundles := 0
	for _, f := range files {
		if strings.Contains(f.Path, "/f/") {
			bundles++
			if len(f.Body) > bundleBudget+1024 && !bytes.Contains(f.Body, []byte(`"u":"/long/"`)) {
				t.Errorf("%s: %d bytes, budget %d", f.Path, len(f.Body), bundleBudget)
			}
		}
	}
	small := len(appendFragment(nil, docs[1], new([]byte)))
	perBundle := min(maxBundle, bundleBudget/small)
	if n := bucketsFor(31); len(r.buckets) != n || bundles != len(r.at) || bundles > n+(30+perBundle-1)/perBundle {
		t.Errorf("%d bundle files for bundles %q", bundles, r.meta.Bundles)
	}
	res, err := r.Query("delta")
	if err != nil || res.Total != 30 || len(res.Hits) != maxHits {
		t.Errorf("Query(delta) = %+v, %v; want 30 docs", res, err)
	}
}

// TestStaleFileRejected checks that a file of another build than meta.js
// is an error, not mixed into results.
func TestStaleFileRejected(t *testing.T) {
	_, files := open(t, "fr", handbook("fr"))
	// A doc added renumbers the docs: the shards of the new build mean
	// other docs than meta.js's.
	other := append(handbook("fr"), Doc{URL: "/a/", Title: "Avant tout", Text: "Un texte de plus sur la rencontre."})
	_, newer := open(t, "fr", other)
	fsys := fstest.MapFS{}
	for _, f := range files {
		fsys[f.Path] = &fstest.MapFile{Data: f.Body}
	}
	for _, f := range newer {
		if f.Path != "search/fr/meta.js" {
			fsys[f.Path] = &fstest.MapFile{Data: f.Body}
		}
	}
	r, err := Open(fsys, "search/fr")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := r.Query("rencontre"); err == nil || !strings.Contains(err.Error(), "not of this index") {
		t.Errorf("Query on mixed files: %v, want a stale-file error", err)
	}
}

// TestSqueeze checks squeeze against strings.Fields, and squeezeIn with
// one buffer for all the cases, longest first, so later ones reuse it.
func TestSqueeze(t *testing.T) {
	var buf []byte
	for _, s := range []string{"a \n\t b ", "\u00a0x\u2003y\u3000", "", " ", "a", " a ", "a  b", "a\nb", "é  è", "a\u0085b", "\xc2 \xe2\x80", "ok text", "x "} {
		want := strings.Join(strings.Fields(s), " ")
		if got := squeeze(s); got != want {
			t.Errorf("squeeze(%q) = %q, want %q", s, got, want)
		}
		if got := squeezeIn(s, &buf); got != want {
			t.Errorf("squeezeIn(%q) = %q, want %q", s, got, want)
		}
	}
}

// squeeze takes eight bytes at a time where it can: random texts of
// words, spaces, line ends, controls and the bytes of white space and
// other characters beyond ASCII, long enough to cross those eight-byte
// windows in every way, squeeze as strings.Fields does.
func TestSqueezeLong(t *testing.T) {
	pieces := []string{"a", "mot", "longerword", " ", " ", "  ", "\n", "\t", "\r\n", "\x01", "\x1f", "\u00a0", "\u0085", "\u2003", "\u3000", "\u202f",
		"é", "«", "’", "\u1680", "\xc2", "\xe2\x80", "\xe0\xa0\x80", "\xff", ".", "9"}
	r := rand.New(rand.NewPCG(3, 5))
	var buf []byte
	for range 50000 {
		var b strings.Builder
		for range r.IntN(30) {
			b.WriteString(pieces[r.IntN(len(pieces))])
		}
		s := b.String()
		want := strings.Join(strings.Fields(s), " ")
		if got := squeeze(s); got != want {
			t.Fatalf("squeeze(%q) = %q, want %q", s, got, want)
		}
		if got := squeezeIn(s, &buf); got != want {
			t.Fatalf("squeezeIn(%q) = %q, want %q", s, got, want)
		}
	}
}

func FuzzSqueeze(f *testing.F) {
	f.Add("a \n b\u00a0c  ")
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := squeeze(s), strings.Join(strings.Fields(s), " "); got != want {
			t.Errorf("squeeze(%q) = %q, want %q", s, got, want)
		}
	})
}

// TestAppendString checks that appendString writes JSON that decodes to
// the string, as encoding/json would.
func TestAppendString(t *testing.T) {
	for _, s := range []string{"", "plain", `q"uo\te`, "tab\tnl\ncr\r\x00\x1f", "<b>&</b>", "é…\u2028\u2029", "bad\xffutf8", "𝄞"} {
		var got string
		if err := json.Unmarshal(appendString(nil, s), &got); err != nil {
			t.Errorf("appendString(%q): %v", s, err)
			continue
		}
		want := strings.ToValidUTF8(s, "\ufffd")
		if got != want {
			t.Errorf("appendString(%q) decodes to %q", s, got)
		}
	}
}

// TestShardSplitting checks that a shard past its budget is split by longer
// prefixes and that every word is still found.
func TestShardSplitting(t *testing.T) {
	sizes := map[string]int{}
	for i := range 200 {
		sizes[fmt.Sprintf("co%c%03d", 'a'+i%26, i)] = 100
	}
	sizes["co"] = 100
	sizes["zu"] = 100
	keys := shardKeys(sizes, 1000)
	if len(keys) < 20 {
		t.Errorf("keys = %q, want the co shard split", keys)
	}
	for s := range sizes {
		i := shardOf(keys, s)
		if i < 0 || !strings.HasPrefix(s, keys[i]) {
			t.Errorf("%s: no shard in %q", s, keys)
		}
	}
}

func TestOneEdit(t *testing.T) {
	tests := []struct {
		a, b string
		want bool
	}{
		{"reunion", "reunions", true},
		{"reunion", "reunoin", true},
		{"reunion", "reunian", true},
		{"reunion", "eunion", true},
		{"reunion", "reunion", false},
		{"reunion", "reuniones", false},
		{"reunion", "ruenino", false},
		{"équipe", "équipes", true},
	}
	for _, tt := range tests {
		if got := oneEdit(tt.a, tt.b); got != tt.want {
			t.Errorf("oneEdit(%q, %q) = %v, want %v", tt.a, tt.b, got, tt.want)
		}
	}
}

// TestStemLengths checks that a stem written as its length in UTF-16 code
// units (appendStem) reads back as the stem, and that a stem that is not a
// prefix of its word is written out.
func TestStemLengths(t *testing.T) {
	for _, tc := range []struct{ name, surface, stem, want string }{
		{"prefix", "equipes", "equip", `"equipes",5`},
		{"same", "binome", "binome", `"binome",6`},
		{"not a prefix", "recommence", "recomment", `"recommence","recomment"`},
		{"accented", "ελληνικα", "ελλην", `"ελληνικα",5`},
		{"outside the BMP", "𝔞𝔟c", "𝔞𝔟", `"𝔞𝔟c",4`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b := appendStem(append(appendString(nil, tc.surface), ','), tc.surface, tc.stem)
			if string(b) != tc.want {
				t.Errorf("written %s, want %s", b, tc.want)
			}
			var w []any
			if err := json.Unmarshal([]byte("["+string(b)+"]"), &w); err != nil {
				t.Fatal(err)
			}
			pairs, err := decodePairs(w)
			if err != nil || len(pairs) != 1 || pairs[0] != [2]string{tc.surface, tc.stem} {
				t.Errorf("read back %q, %v; want %q", pairs, err, [2]string{tc.surface, tc.stem})
			}
		})
	}
}

// When a line is added to one doc's text, the shards that hold none of
// its new words keep their bytes, so a warm build leaves their files
// alone: the docs' numbers, the keys of split shards and the average
// length are as they were, and the doc's own length rounds as before
// (lengthScale). A word of new first letters ("zyzomys") adds its own
// shard and file, and moves no other (files are named by key). meta.js
// changes: its "v" names the files' contents for browsers' caches.
func TestShardsOfUnchangedWordsKeepTheirBytes(t *testing.T) {
	words := strings.Fields("accueil binôme calendrier démarche écoute formation groupe habitude idée journal lecture méthode numérique objectif parcours question rencontre semaine talent usage valeur")
	var docs []Doc
	for i := range 60 {
		var text strings.Builder
		for j := range 400 {
			text.WriteString(words[(i*7+j*j)%len(words)] + " ")
		}
		docs = append(docs, Doc{URL: fmt.Sprintf("/guides/g%02d/", i), Title: fmt.Sprintf("Guide %d", i), Text: text.String()})
	}
	_, before := open(t, "fr", docs)
	docs[7].Text += " Une remarque calendaire." // new words, of shards that exist
	_, after := open(t, "fr", docs)
	shards, changed := changedFiles(before, after, "/s/")
	if shards < 10 || len(changed) > 3 {
		t.Errorf("%d shards, changed: %q; want only those of the new words", shards, changed)
	}
	if _, changed := changedFiles(before, after, "/meta.js"); len(changed) != 1 {
		t.Error("meta.js is as before")
	}

	docs[7].Text += " Un zyzomys, 4242 fois." // words of first letters no word had
	r, later := open(t, "fr", docs)
	if !slices.Contains(r.meta.Shards, "zy") || !slices.Contains(r.meta.Shards, "42") {
		t.Fatalf("shards %q: none for zy or 42", r.meta.Shards)
	}
	shards, changed = changedFiles(after, later, "/s/")
	if len(changed) > 5 {
		t.Errorf("%d shards, changed: %q; want the two new ones and those of fois, un", shards, changed)
	}
}

// ShardName gives each key a file of its own, whatever its characters, that
// no file system or server reads as another or refuses.
func TestShardName(t *testing.T) {
	for _, tc := range []struct{ key, want string }{
		{"mentor", "mentor"},
		{"42", "42"},
		{"ελ", "_3b5__3bb_"},
		{"𝔞b", "_1d51e_b"},
		{"con", "con_"},
		{"com1", "com1_"},
		{"coma", "coma"},
		{"lpt", "lpt"},
	} {
		got := ShardName(tc.key, 1)
		if got != "s/0/"+tc.want {
			t.Errorf("ShardName(%q) = %q, want s/0/%s", tc.key, got, tc.want)
		}
	}
	// Spread over folders, by a hash: keys of consecutive letters do
	// not all land in one folder.
	dirs := map[string]bool{}
	for _, k := range []string{"aa", "ab", "ac", "ad", "ae", "af", "ag", "ah"} {
		dirs[path.Dir(ShardName(k, 4))] = true
	}
	if len(dirs) < 3 {
		t.Errorf("8 keys over 4 folders went to %d folders", len(dirs))
	}
}

// changedFiles returns how many of the files after have a path that
// holds kind, and those whose bytes are not as before.
func changedFiles(before, after []File, kind string) (n int, changed []string) {
	old := map[string][]byte{}
	for _, f := range before {
		old[f.Path] = f.Body
	}
	for _, f := range after {
		if !strings.Contains(f.Path, kind) {
			continue
		}
		n++
		if !bytes.Equal(old[f.Path], f.Body) {
			changed = append(changed, f.Path)
		}
	}
	return n, changed
}

// When one doc's text changes, the bundles of the other docs keep their
// bytes, so a warm build leaves their files alone.
func TestBundlesOfUnchangedDocsKeepTheirBytes(t *testing.T) {
	var docs []Doc
	for i := range 40 {
		docs = append(docs, Doc{URL: fmt.Sprintf("/guides/g%02d/", i), Title: fmt.Sprintf("Guide %d", i),
			Text: strings.Repeat(fmt.Sprintf("Le binôme numéro %d se retrouve chaque semaine. ", i), 30)})
	}
	_, before := open(t, "fr", docs)
	docs[7].Text += " Une phrase de plus."
	_, after := open(t, "fr", docs)
	bundles, changed := changedFiles(before, after, "/f/")
	if bundles < 4 || len(changed) != 1 {
		t.Errorf("%d bundles, changed: %q; want only the edited doc's bundle", bundles, changed)
	}
}

// EachFileSince's keys change with the bytes of the bundle or shard
// they name: a build that keeps the files whose keys are as before
// writes the index a cold build writes.
func TestBundleKeysFollowTheirBytes(t *testing.T) {
	var docs []Doc
	for i := range 100 {
		docs = append(docs, Doc{URL: fmt.Sprintf("/guides/g%02d/", i), Title: fmt.Sprintf("Guide %d", i),
			Text: strings.Repeat(fmt.Sprintf("Le binôme numéro %d se retrouve chaque semaine. ", i), 30)})
	}
	// build indexes docs, giving EachFileSince the keys of an earlier
	// build (nil for none), and returns every file of the index, kept or
	// made, with the keys of this one, the bundles made and the number
	// of shards made.
	build := func(docs []Doc, prev map[string]uint64, old map[string][]byte) (map[string][]byte, map[string]uint64, []string, int) {
		t.Helper()
		ix := NewIndexer("fr")
		for _, d := range docs {
			ix.Add(d)
		}
		files, keys, made, shards := map[string][]byte{}, map[string]uint64{}, []string(nil), 0
		err := ix.EachFileSince("search/fr", func(path string, key uint64) bool {
			keys[path] = key
			if k, ok := prev[path]; ok && k == key {
				files[path] = old[path]
				return true
			}
			return false
		}, func(f File) error {
			switch {
			case strings.Contains(f.Path, "/f/"):
				made = append(made, f.Path)
			case strings.Contains(f.Path, "/s/"):
				shards++
			}
			files[f.Path] = f.Body
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		return files, keys, made, shards
	}
	files, keys, made, shards := build(docs, nil, nil)
	if len(made) < 8 || len(made)+shards != len(keys) {
		t.Fatalf("%d files keyed, %d bundles and %d shards made; want every file keyed, at least 8 bundles", len(keys), len(made), shards)
	}
	// An edit, or a doc added or removed, changes the bundles of its own
	// bucket (f/<d>/<i>.js and f/<d>/<i>-<k>.js), unless the site doubles
	// or halves and has twice or half as many buckets.
	all := func(made []string, bundles int) bool { return len(made) == bundles }
	oneBucket := func(made []string, _ int) bool {
		bucket := func(p string) string { b, _, _ := strings.Cut(path.Base(p), "-"); return strings.TrimSuffix(b, ".js") }
		for _, p := range made {
			if bucket(p) != bucket(made[0]) {
				return false
			}
		}
		return len(made) > 0
	}
	more := func(d []Doc, n int) []Doc {
		for i := range n {
			d = append(d, Doc{URL: fmt.Sprintf("/stories/s%02d/", i), Title: "Récit", Text: "Un de plus."})
		}
		return d
	}
	// Shards: an edit that keeps the docs and their rounded lengths
	// changes those of the words it adds or drops (their document
	// frequencies), a doc added or removed every shard (doc numbers).
	none := func(made, _ int) bool { return made == 0 }
	some := func(made, shards int) bool { return made > 0 && made*2 < shards }
	every := func(made, shards int) bool { return made == shards }
	edits := []struct {
		name   string
		edit   func([]Doc) []Doc
		made   func(made []string, bundles int) bool
		shards func(made, shards int) bool
	}{
		{"nothing", func(d []Doc) []Doc { return d }, func(made []string, _ int) bool { return len(made) == 0 }, none},
		{"one text", func(d []Doc) []Doc { d[7].Text += " Le guide 42."; return d }, oneBucket, some},
		{"a shorter text", func(d []Doc) []Doc {
			d[7].Text = strings.Repeat("Le binôme numéro 7 se retrouve chaque semaine. ", 10)
			return d
		}, oneBucket, some},
		{"one heading", func(d []Doc) []Doc { d[30].Headings = []Heading{{"n42", "Numéro 42"}}; return d }, oneBucket, some},
		{"one title", func(d []Doc) []Doc { d[12].Title = "Guide 42"; return d }, oneBucket, some},
		// A word of a prefix no other word has adds a shard, its own
		// file: the others keep theirs (named by key).
		{"a new prefix", func(d []Doc) []Doc { d[7].Text += " Zut."; return d }, oneBucket, func(made, shards int) bool { return made == 1 }},
		{"a doc added", func(d []Doc) []Doc { return more(d, 1) }, oneBucket, every},
		{"a doc removed", func(d []Doc) []Doc { return d[1:] }, oneBucket, every},
		{"docs added up to 128", func(d []Doc) []Doc { return more(d, 28) }, all, every},
	}
	for _, e := range edits {
		changed := e.edit(slices.Clone(docs))
		kept, _, made, madeShards := build(changed, keys, files)
		cold, _, _, _ := build(changed, nil, nil)
		bundles, shards := 0, 0
		for p := range cold {
			switch {
			case strings.Contains(p, "/f/"):
				bundles++
			case strings.Contains(p, "/s/"):
				shards++
			}
		}
		if !maps.EqualFunc(kept, cold, bytes.Equal) {
			t.Errorf("%s: the files kept by their keys differ from a cold index's", e.name)
		}
		if !e.made(made, bundles) {
			t.Errorf("%s: made %q of %d bundles", e.name, made, bundles)
		}
		if !e.shards(madeShards, shards) {
			t.Errorf("%s: made %d of %d shards", e.name, madeShards, shards)
		}
	}
}

// A bundle of another build is told apart, though bundles carry no "v":
// by the number of buckets when the site doubled, by the number of docs
// of its bucket when a doc was added to it.
func TestStaleBundleRejected(t *testing.T) {
	docs := handbook("fr")
	_, files := open(t, "fr", docs)
	r, err := Open(mapFS(files), "search/fr")
	if err != nil {
		t.Fatal(err)
	}
	res, err := r.Query("rencontre")
	if err != nil || len(res.Hits) == 0 {
		t.Fatalf("Query(rencontre) = %v, %v", res, err)
	}
	// A doc whose URL falls in the bucket of the first hit.
	hit := strings.TrimSuffix(strings.SplitN(res.Hits[0].URL, "#", 2)[0], "index.html")
	buckets := len(r.buckets)
	var same string
	for i := 0; same == ""; i++ {
		if u := fmt.Sprintf("/a/%d/", i); bucketOf(u, buckets) == bucketOf(hit, buckets) {
			same = u
		}
	}
	doubled := slices.Clone(docs)
	for i := range len(docs) {
		doubled = append(doubled, Doc{URL: fmt.Sprintf("/b/%d/", i), Title: "Autre", Text: "Un texte de plus."})
	}
	for name, newer := range map[string][]Doc{
		"a doc added to the bucket": append(slices.Clone(docs), Doc{URL: same, Title: "Avant tout", Text: "Un texte de plus."}),
		"twice the docs":            doubled,
	} {
		_, newFiles := open(t, "fr", newer)
		fsys := mapFS(files)
		for _, f := range newFiles {
			if strings.Contains(f.Path, "/f/") {
				fsys[f.Path] = &fstest.MapFile{Data: f.Body}
			}
		}
		r, err := Open(fsys, "search/fr")
		if err != nil {
			t.Fatal(err)
		}
		if _, err := r.Query("rencontre"); err == nil || !strings.Contains(err.Error(), "not of this index") {
			t.Errorf("%s: Query with bundles of another build: %v, want a stale-file error", name, err)
		}
	}
}

func mapFS(files []File) fstest.MapFS {
	fsys := fstest.MapFS{}
	for _, f := range files {
		fsys[f.Path] = &fstest.MapFile{Data: f.Body}
	}
	return fsys
}

// Kept docs make the same index whether their Dict is the Indexer's own,
// whose numbers they then share, or another's, whose numbers are mapped;
// and a kept doc that refers past its Dict is refused either way.
func TestAddKeptSharesOnlyWhatItMay(t *testing.T) {
	src := NewIndexer("fr")
	for _, d := range handbook("fr") {
		src.Add(d)
	}
	want := indexFiles(t, src, "search/fr")
	dict, docs, err := src.Prepared()
	if err != nil {
		t.Fatal(err)
	}
	own := NewIndexer("fr") // takes dict as its own dictionary
	other := NewIndexer("fr")
	other.Add(Doc{URL: "/first/", Title: "Tout autre chose", Text: "Des mots que le handbook n'a pas, zèbre et xylophone."})
	for _, p := range docs {
		own.AddKept(dict, p)
		other.AddKept(dict, p)
	}
	if got := indexFiles(t, own, "search/fr"); !reflect.DeepEqual(got, want) {
		t.Error("kept docs of the Indexer's own Dict make another index")
	}
	if ids := own.dicts[dict]; ids == nil || !ids.same {
		t.Fatal("the first Dict of an empty Indexer is not its own")
	}
	if ids := other.dicts[dict]; ids == nil || ids.same {
		t.Fatal("a Dict after another's is taken as the Indexer's own")
	}
	bad := docs[0]
	bad.Stems = append(slices.Clone(bad.Stems), int32(len(dict.Stems)))
	bad.TF = append(slices.Clone(bad.TF), 1)
	for name, ix := range map[string]*Indexer{"own": own, "other": other} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("%s: a kept doc past its Dict was taken", name)
				}
			}()
			ix.AddKept(dict, bad)
		}()
	}
}

// score gives the same postings and average, however many runs it shares
// the docs among.
func TestScoreSameOnAnyCores(t *testing.T) {
	ix, sorted := scoredDocs(9000, 300)
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))
	want, wantAvg := score(sorted, len(ix.stems))
	for _, procs := range []int{2, 3, 4} {
		runtime.GOMAXPROCS(procs)
		got, avg := score(sorted, len(ix.stems))
		if avg != wantAvg || !slices.EqualFunc(got, want, slices.Equal) {
			t.Fatalf("on %d cores the postings differ from one core's", procs)
		}
	}
}

// A writer that gives each body back once written (Recycle) gets the same
// files as one that keeps them: the bodies made later go into the given
// back ones, and none is given out twice at once.
func TestRecycledBodies(t *testing.T) {
	ix := NewIndexer("fr")
	for _, d := range handbook("fr") {
		ix.Add(d)
	}
	want := indexFiles(t, ix, "search/fr")
	var got []File
	var mu sync.Mutex
	if err := ix.EachFile("search/fr", func(f File) error {
		mu.Lock()
		got = append(got, File{f.Path, bytes.Clone(f.Body)})
		mu.Unlock()
		// Scribbled over, as a later file would: a body still in use
		// elsewhere would show it.
		for i := range f.Body {
			f.Body[i] = '#'
		}
		Recycle(f.Body)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	slices.SortFunc(got, func(a, b File) int { return strings.Compare(a.Path, b.Path) })
	if len(got) != len(want) {
		t.Fatalf("%d files, want %d", len(got), len(want))
	}
	for i := range want {
		if got[i].Path != want[i].Path || !bytes.Equal(got[i].Body, want[i].Body) {
			t.Errorf("%s: %.60q, want %s: %.60q", got[i].Path, got[i].Body, want[i].Path, want[i].Body)
		}
	}
}
