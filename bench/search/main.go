// Command search compares binome's search with Pagefind on the same built
// site: index build time, index size, bytes a typical query downloads, time
// to the first result in headless Chromium, and result quality on the
// queries of queries.json (top 3 and MRR). It prints a Markdown table and
// writes it to -out. compare.sh builds the site and installs Pagefind, then
// runs it; see README.md.
package main

import (
	"bytes"
	"cmp"
	"compress/gzip"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"html"
	"io/fs"
	"log"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"time"

	"binome/generator/search"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
)

var (
	verbose  = flag.Bool("v", false, "log each file the cold query loads and each warm time")
	warmRuns = flag.Int("warm-runs", 3, "passes over the queries for the warm times, each in a new tab with an empty cache")
)

// query is a line of queries.json.
type query struct {
	Lang   string   `json:"lang"`
	Q      string   `json:"q"`
	Expect []string `json:"expect"` // site-root-relative URLs, any of them counts
	Note   string   `json:"note"`
}

// engine is what one search engine got on the site.
type engine struct {
	name       string
	indexTime  time.Duration // building the index
	indexNote  string
	files      int
	bytes      int64
	coldMS     []float64 // first query on a fresh page, no cache
	coldBytes  int64     // downloaded by the first query (raw)
	coldGzip   int64     // the same files gzipped, as a compressing server sends them
	warmMS     []float64 // each query once the index is loaded
	ranks      []int     // rank (1-based) of the first expected page in the top 10; 0 when absent
	topURLs    [][]string
	firstError string
}

func main() {
	site := flag.String("site", "", "the site built by binome (required)")
	queriesFile := flag.String("queries", "bench/search/queries.json", "queries with expected pages")
	pagefind := flag.String("pagefind", "bench/search/node_modules/.bin/pagefind", "the pagefind command")
	chrome := flag.String("chromium", "/usr/bin/chromium", "Chromium")
	out := flag.String("out", "bench/search/results.md", "where to write the Markdown results")
	buildTime := flag.Duration("build-time", 0, "the binome build's wall time, for the table")
	typical := flag.String("typical", "première rencontre", "the typical French query whose download is measured")
	flag.Parse()
	if *site == "" {
		log.Fatal("-site is required")
	}
	var queries []query
	data, err := os.ReadFile(*queriesFile)
	if err != nil {
		log.Fatal(err)
	}
	if err := json.Unmarshal(data, &queries); err != nil {
		log.Fatalf("%s: %v", *queriesFile, err)
	}

	b := &engine{name: "binome"}
	p := &engine{name: "Pagefind"}
	if err := binomeIndex(*site, b); err != nil {
		log.Fatal(err)
	}
	if err := binomeQuality(*site, queries, b); err != nil {
		log.Fatal(err)
	}
	pagefindOK := true
	if err := runPagefind(*pagefind, *site, p); err != nil {
		log.Printf("pagefind: %v", err)
		p.firstError = err.Error()
		pagefindOK = false
	}

	m := &meter{}
	srv := httptest.NewUnstartedServer(m.handler(http.FileServer(http.Dir(*site))))
	m.listener = srv.Listener
	srv.Listener = m
	srv.Start()
	defer srv.Close()
	if err := writePages(*site); err != nil {
		log.Fatal(err)
	}
	if err := browse(*chrome, m, srv.URL, *site, queries, *typical, b, p, pagefindOK); err != nil {
		log.Fatal(err)
	}

	md := table(queries, *typical, *buildTime, b, p)
	fmt.Print(md)
	if err := os.WriteFile(*out, []byte(md), 0o644); err != nil {
		log.Fatal(err)
	}
}

// langOf returns the language of a page path: English under en/.
func langOf(rel string) string {
	if strings.HasPrefix(rel, "en/") {
		return "en"
	}
	return "fr"
}

var (
	reTitle   = regexp.MustCompile(`(?s)<title>(.*?)</title>`)
	reMain    = regexp.MustCompile(`(?s)<main\b[^>]*>(.*)</main>`)
	reHeading = regexp.MustCompile(`(?s)<h[2-4]\b[^>]*\bid="([^"]*)"[^>]*>(.*?)</h[2-4]>`)
	reTag     = regexp.MustCompile(`(?s)<script\b.*?</script>|<style\b.*?</style>|<[^>]*>`)
)

// text returns the text of an HTML fragment.
func text(h string) string {
	return strings.Join(strings.Fields(html.UnescapeString(reTag.ReplaceAllString(h, " "))), " ")
}

// binomeIndex times binome's indexing of the built pages: the text of each
// page's <main>, as the build gives it to the search package (Add, then
// Files), best of five; and measures the index the build wrote.
func binomeIndex(site string, e *engine) error {
	docs := map[string][]search.Doc{}
	err := filepath.WalkDir(site, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") {
			return err
		}
		rel, _ := filepath.Rel(site, p)
		rel = filepath.ToSlash(rel)
		if strings.HasPrefix(rel, "pagefind") || strings.HasPrefix(rel, "bench-") {
			return nil
		}
		body, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		m := reMain.FindSubmatch(body)
		if m == nil {
			return nil
		}
		doc := search.Doc{URL: "/" + strings.TrimSuffix(rel, "index.html"), Text: text(string(m[1]))}
		if t := reTitle.FindSubmatch(body); t != nil {
			doc.Title = text(string(t[1]))
		}
		for _, h := range reHeading.FindAllSubmatch(m[1], -1) {
			doc.Headings = append(doc.Headings, search.Heading{ID: string(h[1]), Text: text(string(h[2]))})
		}
		docs[langOf(rel)] = append(docs[langOf(rel)], doc)
		return nil
	})
	if err != nil {
		return err
	}
	n := 0
	for _, ds := range docs {
		n += len(ds)
	}
	best := time.Duration(1 << 62)
	for range 5 {
		start := time.Now()
		for lang, ds := range docs {
			ix := search.NewIndexer(lang)
			for _, d := range ds {
				ix.Add(d)
			}
			if _, err := ix.Files("search/" + lang); err != nil {
				return err
			}
		}
		best = min(best, time.Since(start))
	}
	e.indexTime = best
	e.indexNote = fmt.Sprintf("Add + Files of %d pages, in memory", n)
	e.files, e.bytes, err = dirSize(filepath.Join(site, "search"))
	return err
}

// dirSize returns the number and total size of the files under dir.
func dirSize(dir string) (int, int64, error) {
	n, size := 0, int64(0)
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		n++
		size += info.Size()
		return nil
	})
	return n, size, err
}

// binomeQuality runs the queries with search.Reader, which gives the same
// results as search.js (TestReaderMatchesJS).
func binomeQuality(site string, queries []query, e *engine) error {
	readers := map[string]*search.Reader{}
	for _, q := range queries {
		r := readers[q.Lang]
		if r == nil {
			var err error
			if r, err = search.Open(os.DirFS(site), "search/"+q.Lang); err != nil {
				return err
			}
			readers[q.Lang] = r
		}
		res, err := r.Query(q.Q)
		if err != nil {
			return err
		}
		var urls []string
		for _, h := range res.Hits {
			u, _, _ := strings.Cut(h.URL, "#")
			urls = append(urls, u)
		}
		e.topURLs = append(e.topURLs, urls)
		e.ranks = append(e.ranks, rank(urls, q.Expect))
	}
	return nil
}

// rank returns the 1-based rank of the first expected URL in urls, or 0.
func rank(urls, expect []string) int {
	for i, u := range urls {
		if slices.Contains(expect, u) {
			return i + 1
		}
	}
	return 0
}

// runPagefind indexes the site with Pagefind, best of three.
func runPagefind(cmd, site string, e *engine) error {
	if _, err := os.Stat(cmd); err != nil {
		return fmt.Errorf("%s: %w (run compare.sh, which installs it)", cmd, err)
	}
	best := time.Duration(1 << 62)
	for range 3 {
		os.RemoveAll(filepath.Join(site, "pagefind"))
		start := time.Now()
		out, err := exec.Command(cmd, "--site", site).CombinedOutput()
		if err != nil {
			return fmt.Errorf("pagefind --site: %v\n%s", err, out)
		}
		best = min(best, time.Since(start))
	}
	e.indexTime = best
	e.indexNote = "`pagefind --site`: reads and parses the HTML, indexes, writes"
	var err error
	e.files, e.bytes, err = dirSize(filepath.Join(site, "pagefind"))
	return err
}

// The test pages: each defines benchRun(q), which loads its engine on the
// first call, runs q and resolves to {ms, urls} once the first result is
// in the DOM (ms from the call), and benchTop(q), the URLs of the top 10.
// binome's is the theme's own form and search.js; Pagefind's uses its JS
// API, as its docs show, with the five results a page of its UI shows.
// Once loaded, both get the same head start: search.js loads the shards
// of the words typed during its 100 ms debounce, Pagefind's page calls
// preload(q) (its docs' advice for a debounced input) and searches 100 ms
// later; the caller subtracts the 100 ms from both.
const binomePage = `<!doctype html><html lang="%[1]s"><meta charset="utf-8"><title>binome search bench</title>
<form role="search" data-search-index="search/%[1]s/"><input type="search" name="q"><div data-search-results></div></form>
<script>
var loaded = false;
function benchRun(q) {
  return new Promise(function (resolve) {
    var out = document.querySelector("[data-search-results]"), input = document.querySelector("input");
    var t0 = performance.now();
    var obs = new MutationObserver(function () { // the first result, or "No results"
      if (!out.querySelector(".search-result, .search-status")) return;
      obs.disconnect();
      resolve({ms: performance.now() - t0, urls: Array.from(out.querySelectorAll(".search-result a")).map(function (a) { return a.getAttribute("href"); })});
    });
    obs.observe(out, {childList: true, subtree: true});
    out.textContent = "";
    input.value = q;
    if (!loaded) { // search.js searches at once for an input filled before it ran
      loaded = true;
      var s = document.createElement("script");
      s.src = %[2]q;
      document.head.appendChild(s);
    } else {
      input.dispatchEvent(new Event("input")); // 100 ms debounce: subtracted by the caller
    }
  });
}
</script>`

const pagefindPage = `<!doctype html><html lang="%[1]s"><meta charset="utf-8"><title>Pagefind search bench</title>
<ol id="out"></ol>
<script>
var pf = null;
async function benchRun(q) {
  var t0 = performance.now();
  if (!pf) pf = await import("/pagefind/pagefind.js");
  else { // as a UI debounced like search.js: preload while typing, search 100 ms later
    pf.preload(q);
    await new Promise(function (resolve) { setTimeout(resolve, 100); });
  }
  var res = await pf.search(q);
  var out = document.getElementById("out");
  out.textContent = "";
  var shown = res.results.slice(0, 5);
  var first = shown.length ? await shown[0].data() : null;
  if (first) {
    var li = document.createElement("li");
    li.textContent = first.meta.title + " " + first.excerpt.replace(/<[^>]*>/g, "");
    out.appendChild(li);
  }
  var ms = performance.now() - t0;
  var rest = await Promise.all(shown.slice(1).map(function (r) { return r.data(); }));
  return {ms: ms, urls: (first ? [first] : []).concat(rest).map(function (d) { return d.url; })};
}
async function benchTop(q) {
  if (!pf) pf = await import("/pagefind/pagefind.js");
  var res = await pf.search(q);
  var data = await Promise.all(res.results.slice(0, 10).map(function (r) { return r.data(); }));
  return data.map(function (d) { return d.url; });
}
</script>`

// writePages writes the test pages into the site.
func writePages(site string) error {
	js, err := filepath.Glob(filepath.Join(site, "js", "search*.js"))
	if err != nil || len(js) != 1 {
		return fmt.Errorf("search.js in %s/js: %v %v", site, js, err)
	}
	for _, lang := range []string{"fr", "en"} {
		pages := map[string]string{
			"bench-binome-" + lang + ".html":   fmt.Sprintf(binomePage, lang, "js/"+filepath.Base(js[0])),
			"bench-pagefind-" + lang + ".html": fmt.Sprintf(pagefindPage, lang),
		}
		for name, body := range pages {
			if err := os.WriteFile(filepath.Join(site, name), []byte(body), 0o644); err != nil {
				return err
			}
		}
	}
	return nil
}

// result is what benchRun resolves to.
type result struct {
	MS   float64  `json:"ms"`
	URLs []string `json:"urls"`
}

// browse measures both engines in headless Chromium.
func browse(chrome string, m *meter, base, site string, queries []query, typical string, b, p *engine, pagefind bool) error {
	if _, err := os.Stat(chrome); err != nil {
		return fmt.Errorf("chromium: %w", err)
	}
	dir, err := os.MkdirTemp("", "search-bench-chrome")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	alloc, cancel := chromedp.NewExecAllocator(context.Background(),
		chromedp.ExecPath(chrome), chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU,
		chromedp.UserDataDir(dir), chromedp.NoFirstRun, chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-background-networking", true), chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true))
	defer cancel()
	browser, cancelBrowser := chromedp.NewContext(alloc)
	defer cancelBrowser()
	if err := chromedp.Do(browser); err != nil {
		return err
	}

	engines := []*engine{b}
	if pagefind {
		engines = append(engines, p)
	}
	for _, e := range engines {
		page := "bench-binome-"
		if e == p {
			page = "bench-pagefind-"
		}
		// Cold: a fresh tab with the cache off, the typical query first;
		// median of five.
		for i := range 5 {
			ms, raw, gz, err := cold(browser, m, base+"/"+page+"fr.html", site, typical)
			if err != nil {
				return fmt.Errorf("%s cold: %w", e.name, err)
			}
			e.coldMS = append(e.coldMS, ms)
			if i == 0 {
				e.coldBytes, e.coldGzip = raw, gz
			}
		}
		// Warm: every query of a language in one tab, after a first one;
		// warmRuns times, each in a new tab with the browser's cache
		// emptied, since one pass on a busy machine is noisy.
		for pass := range *warmRuns {
			for _, lang := range []string{"fr", "en"} {
				if err := warm(browser, base+"/"+page+lang+".html", lang, queries, e, p, pass == 0 && e == p); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

// warm runs the queries of lang in a new tab of page, once the index is
// loaded, and adds their times to e; top ranks the queries from
// Pagefind's top 10.
func warm(browser context.Context, page, lang string, queries []query, e, p *engine, top bool) error {
	tab, cancel := chromedp.NewContext(browser)
	defer cancel()
	if _, err := chromedp.Call(tab, network.ClearBrowserCache, cdp.Empty{}); err != nil {
		return err
	}
	if err := chromedp.Do(tab, chromedp.Navigate(page)); err != nil {
		return err
	}
	if _, err := run(tab, "xyz"); err != nil {
		return err
	}
	for i, q := range queries {
		if q.Lang != lang {
			continue
		}
		r, err := run(tab, q.Q)
		if err != nil {
			return fmt.Errorf("%s %q: %w", e.name, q.Q, err)
		}
		ms := r.MS
		ms -= 100 // the debounce: typing time, not search time
		e.warmMS = append(e.warmMS, ms)
		if *verbose {
			log.Printf("%s warm %q: %.1f ms", e.name, q.Q, ms)
		}
		if !top {
			continue
		}
		urls, err := chromedp.Run(tab, chromedp.Evaluate[[]string](fmt.Sprintf("benchTop(%q)", q.Q), chromedp.EvalAwaitPromise))
		if err != nil {
			return err
		}
		for len(p.topURLs) <= i {
			p.topURLs = append(p.topURLs, nil)
			p.ranks = append(p.ranks, 0)
		}
		for j, u := range urls {
			urls[j] = strings.TrimSuffix(u, "index.html")
		}
		p.topURLs[i] = urls
		p.ranks[i] = rank(urls, q.Expect)
	}
	return nil
}

// run calls benchRun(q) in tab.
func run(tab context.Context, q string) (result, error) {
	ctx, cancel := context.WithTimeout(tab, 30*time.Second)
	defer cancel()
	return chromedp.Run(ctx, chromedp.Evaluate[result](fmt.Sprintf("benchRun(%q)", q), chromedp.EvalAwaitPromise))
}

// cold loads page in a new tab with the cache disabled and runs q: the
// time to its first result, and the bytes served from the call on, as
// they went over the wire (headers included) and as the same files
// gzipped. The bytes are counted by the server, not by the page's network
// events, which miss what a Web Worker fetches (Pagefind searches in one).
func cold(browser context.Context, m *meter, page, site, q string) (float64, int64, int64, error) {
	tab, cancel := chromedp.NewContext(browser)
	defer cancel()
	if _, err := chromedp.Call(tab, network.Enable, network.EnableParams{}); err != nil {
		return 0, 0, 0, err
	}
	if _, err := chromedp.Call(tab, network.SetCacheDisabled, network.SetCacheDisabledParams{CacheDisabled: true}); err != nil {
		return 0, 0, 0, err
	}
	if err := chromedp.Do(tab, chromedp.Navigate(page)); err != nil {
		return 0, 0, 0, err
	}
	m.start()
	r, err := run(tab, q)
	if err != nil {
		m.stop()
		return 0, 0, 0, err
	}
	if len(r.URLs) == 0 {
		m.stop()
		return 0, 0, 0, errors.New("no result for " + q)
	}
	// What the query still loads once its first result shows counts too:
	// wait until nothing was requested for 300 ms.
	for n := -1; n != m.requests(); {
		n = m.requests()
		time.Sleep(300 * time.Millisecond)
	}
	wire, paths := m.stop()
	var gz int64
	for _, p := range paths {
		body, err := os.ReadFile(filepath.Join(site, filepath.FromSlash(path.Clean(p))))
		if err != nil {
			continue
		}
		// A file compressed already (Pagefind's) is sent as it is.
		z := min(gzipSize(body), int64(len(body)))
		gz += z
		if *verbose {
			log.Printf("cold %q: %s %d bytes, %d gzipped", q, p, len(body), z)
		}
	}
	return r.MS, wire, gz, nil
}

// meter counts what the test server sends while it is started: the bytes
// written to its connections and the paths requested.
type meter struct {
	mu       sync.Mutex
	on       bool
	wire     int64
	paths    []string
	listener net.Listener
}

func (m *meter) start() {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.on, m.wire, m.paths = true, 0, nil
}

func (m *meter) stop() (int64, []string) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.on = false
	return m.wire, m.paths
}

func (m *meter) requests() int {
	m.mu.Lock()
	defer m.mu.Unlock()
	return len(m.paths)
}

// handler notes each request's path, then serves it with h.
func (m *meter) handler(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		m.mu.Lock()
		if m.on {
			m.paths = append(m.paths, r.URL.Path)
		}
		m.mu.Unlock()
		h.ServeHTTP(w, r)
	})
}

// Accept wraps the server's connections so that their writes are counted.
func (m *meter) Accept() (net.Conn, error) {
	c, err := m.listener.Accept()
	if err != nil {
		return nil, err
	}
	return meteredConn{c, m}, nil
}

func (m *meter) Close() error   { return m.listener.Close() }
func (m *meter) Addr() net.Addr { return m.listener.Addr() }

type meteredConn struct {
	net.Conn
	m *meter
}

func (c meteredConn) Write(b []byte) (int, error) {
	n, err := c.Conn.Write(b)
	c.m.mu.Lock()
	if c.m.on {
		c.m.wire += int64(n)
	}
	c.m.mu.Unlock()
	return n, err
}

func gzipSize(b []byte) int64 {
	var buf bytes.Buffer
	w, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	w.Write(b)
	w.Close()
	return int64(buf.Len())
}

func median(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	s := slices.Clone(xs)
	slices.Sort(s)
	return s[len(s)/2]
}

// table writes the results as Markdown.
func table(queries []query, typical string, buildTime time.Duration, b, p *engine) string {
	var w strings.Builder
	fmt.Fprintf(&w, "# binome search beside Pagefind\n\n")
	fmt.Fprintf(&w, "Example site (`content/`, French and English), built by binome; Pagefind run on the same output. %d queries (queries.json). Generated by `bench/search/compare.sh` on %s.\n\n",
		len(queries), time.Now().UTC().Format("2006-01-02"))
	if p.firstError != "" {
		fmt.Fprintf(&w, "**Pagefind did not run:** %s\n\n", p.firstError)
	}
	top3 := func(e *engine) string {
		n := 0
		for _, r := range e.ranks {
			if r >= 1 && r <= 3 {
				n++
			}
		}
		return fmt.Sprintf("%d / %d", n, len(queries))
	}
	mrr := func(e *engine) string {
		s := 0.0
		for _, r := range e.ranks {
			if r > 0 {
				s += 1 / float64(r)
			}
		}
		return fmt.Sprintf("%.3f", s/float64(max(1, len(queries))))
	}
	kb := func(n int64) string { return fmt.Sprintf("%.1f kB", float64(n)/1000) }
	fmt.Fprintf(&w, "| | binome | Pagefind |\n|---|---|---|\n")
	fmt.Fprintf(&w, "| index build time | %.0f ms (%s) | %.0f ms (%s) |\n",
		float64(b.indexTime.Microseconds())/1000, b.indexNote, float64(p.indexTime.Microseconds())/1000, p.indexNote)
	if buildTime > 0 {
		fmt.Fprintf(&w, "| whole binome build (wall, for scale) | %.1f s | |\n", buildTime.Seconds())
	}
	fmt.Fprintf(&w, "| index on disk | %d files, %s | %d files, %s |\n", b.files, kb(b.bytes), p.files, kb(p.bytes))
	fmt.Fprintf(&w, "| bytes for %q, cold (as served / gzipped) | %s / %s | %s / %s |\n", typical, kb(b.coldBytes), kb(b.coldGzip), kb(p.coldBytes), kb(p.coldGzip))
	fmt.Fprintf(&w, "| time to first result, cold (median of %d) | %.0f ms | %.0f ms |\n", len(b.coldMS), median(b.coldMS), median(p.coldMS))
	fmt.Fprintf(&w, "| time to first result, warm (median over the queries) | %.1f ms | %.1f ms |\n", median(b.warmMS), median(p.warmMS))
	fmt.Fprintf(&w, "| expected page in the top 3 | %s | %s |\n", top3(b), top3(p))
	fmt.Fprintf(&w, "| MRR (top 10) | %s | %s |\n\n", mrr(b), mrr(p))

	fmt.Fprintf(&w, "Rank of the first expected page (– : not in the top 10):\n\n")
	fmt.Fprintf(&w, "| lang | query | note | expected | binome | Pagefind |\n|---|---|---|---|---|---|\n")
	r := func(e *engine, i int) string {
		if i >= len(e.ranks) || e.ranks[i] == 0 {
			return "–"
		}
		return fmt.Sprint(e.ranks[i])
	}
	for i, q := range queries {
		fmt.Fprintf(&w, "| %s | %s | %s | %s | %s | %s |\n", q.Lang, q.Q, q.Note, strings.Join(q.Expect, " "), r(b, i), r(p, i))
	}
	var misses []string
	for i, q := range queries {
		if i < len(b.ranks) && cmp.Compare(b.ranks[i], 0) == 0 {
			misses = append(misses, fmt.Sprintf("%s → %v", q.Q, b.topURLs[i][:min(3, len(b.topURLs[i]))]))
		}
	}
	if len(misses) > 0 {
		fmt.Fprintf(&w, "\nbinome misses (its top 3): %s\n", strings.Join(misses, "; "))
	}
	return w.String()
}
