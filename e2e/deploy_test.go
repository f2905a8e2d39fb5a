//go:build unix

// Deployment tests: the example site as it is really hosted. One test serves
// the build from a real nginx under a sub-path (the intranet setup of
// site.yaml, /mentoring/) and crawls every link; the other opens every page
// from file:// in headless Chromium, the case relativeURLs exists for.
//
// Helpers here start with dp: other files of this package belong to other
// tests, and the prefix keeps the names apart.
package e2e

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"html"
	"io"
	"io/fs"
	"mime"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"binome/generator"
	"binome/generator/search"
	"binome/internal/needs"
)

// dpSubPath is where the intranet serves the handbook (site.yaml's baseURL).
const dpSubPath = "/mentoring/"

func TestNginxServesSiteUnderSubPath(t *testing.T) {
	nginx := needs.Program(t, "nginx-light", "nginx", "/usr/sbin/nginx")
	for _, tc := range []struct {
		name     string
		relative bool
	}{
		{"relativeURLs", true}, // site.yaml as committed
		{"absoluteURLs", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			src := dpRepoRoot(t)
			if !tc.relative {
				src = dpSiteCopy(t, src, false)
			}
			// The base URL carries the port, so the port is chosen before
			// the build and nginx takes it after.
			port := dpFreePort(t)
			host := net.JoinHostPort("127.0.0.1", strconv.Itoa(port))
			base := "http://" + host + dpSubPath
			dest := dpBuild(t, src, base)
			dpStartNginx(t, nginx, dest, port)

			c := dpNewCrawler(host)
			defer c.client.CloseIdleConnections()
			c.crawl("(start)", base, base+"sitemap.xml")
			if len(c.fetched200) < 260 {
				t.Errorf("crawl reached only %d files; the example site has about 260 pages per build", len(c.fetched200))
			}
			// Files no link leads to (alias redirects, the 404 pages, the
			// feed…) are still served: fetch them and what they link to.
			unlinked := dpUnreached(dest, c.fetched200)
			if len(unlinked) > 0 {
				t.Logf("%d file(s) no link leads to, fetched too: %s", len(unlinked), strings.Join(unlinked, " "))
				var seeds []string
				for _, rel := range unlinked {
					seeds = append(seeds, base+strings.TrimSuffix(rel, "index.html"))
				}
				c.crawl("(not linked)", seeds...)
			}

			t.Logf("fetched %d URLs (%d redirects followed)", c.fetched, c.redirects)
			dpReport(t, "broken link(s)", c.broken)
			dpReport(t, "wrong Content-Type(s)", c.badTypes)
			dpReport(t, "off-host or unexpected URL(s)", c.offHost)

			dpCheck404(t, c, base+"a/b/c/missing/")
			dpCheck404(t, c, base+"en/a/b/missing")
		})
	}
}

// dpCheck404 asks nginx for a page that does not exist, deep in the tree,
// and checks the 404 page comes back with a stylesheet that loads from
// there: the 404 page is served at any depth, so its links cannot be
// page-relative.
func dpCheck404(t *testing.T, c *dpCrawler, missing string) {
	t.Helper()
	resp, err := c.client.Get(missing)
	if err != nil {
		t.Fatalf("GET %s: %v", missing, err)
	}
	body, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if err != nil {
		t.Fatalf("GET %s: %v", missing, err)
	}
	if resp.StatusCode != http.StatusNotFound {
		t.Errorf("GET %s: status %d, want 404", missing, resp.StatusCode)
	}
	var sheets []string
	for _, tag := range dpTags(string(body)) {
		if tag.name == "link" && dpHasToken(tag.attrs["rel"], "stylesheet") {
			sheets = append(sheets, tag.attrs["href"])
		}
	}
	if len(sheets) == 0 {
		t.Errorf("404 page at %s has no stylesheet link", missing)
	}
	page, _ := url.Parse(missing)
	for _, href := range sheets {
		u, err := page.Parse(href)
		if err != nil {
			t.Errorf("404 page at %s: stylesheet %q: %v", missing, href, err)
			continue
		}
		status, ctype, _, err := c.get(u.String())
		switch {
		case err != nil:
			t.Errorf("404 page at %s: stylesheet %s: %v", missing, u, err)
		case status != http.StatusOK:
			t.Errorf("404 page at %s: stylesheet %q resolves to %s: status %d", missing, href, u, status)
		case ctype != "text/css":
			t.Errorf("404 page at %s: stylesheet %s: Content-Type %q, want text/css", missing, u, ctype)
		}
	}
}

func TestFileURLCrawl(t *testing.T) {
	chromium := needs.Program(t, "chromium", "chromium")
	dest := dpBuild(t, dpRepoRoot(t), "") // site.yaml: relativeURLs: true
	dest, err := filepath.EvalSymlinks(dest)
	if err != nil {
		t.Fatal(err)
	}

	var pages []string
	err = filepath.WalkDir(dest, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		// 404.html is served by the web server at any depth, so it links
		// from the site root (/mentoring/css/…) by design and cannot work
		// from file://; TestNginxServesSiteUnderSubPath covers it.
		if !d.IsDir() && strings.HasSuffix(p, ".html") && d.Name() != "404.html" {
			pages = append(pages, p)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(pages) < 250 {
		t.Fatalf("found %d HTML pages in %s; the example site has about 260", len(pages), dest)
	}

	alloc, cancel := chromedp.NewExecAllocator(context.Background(),
		chromedp.ExecPath(chromium),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.UserDataDir(t.TempDir()),
	)
	defer cancel()
	ctx, cancel := chromedp.NewContext(alloc)
	defer cancel()
	ctx, cancel = context.WithTimeout(ctx, 4*time.Minute)
	defer cancel()

	// The listener runs in the tab's read loop: it only records, under a
	// lock, and the page being visited names where a problem was seen.
	var (
		mu       sync.Mutex
		current  string
		requests = map[network.RequestID]string{}
		problems []string
	)
	err = chromedp.Listen(ctx, func(ev any) {
		mu.Lock()
		defer mu.Unlock()
		switch ev := ev.(type) {
		case *network.EventRequestWillBeSent:
			requests[ev.RequestID] = ev.Request.URL
		case *network.EventResponseReceived:
			if ev.Response.Status >= 400 {
				problems = append(problems, fmt.Sprintf("%s: %s: status %d", current, ev.Response.URL, ev.Response.Status))
			}
		case *network.EventLoadingFailed:
			// Navigating to the next page cancels what is still loading;
			// that is the test moving on, not the site failing.
			if !ev.Canceled {
				problems = append(problems, fmt.Sprintf("%s: %s failed: %s %s", current, requests[ev.RequestID], ev.ErrorText, ev.BlockedReason))
			}
		case *runtime.EventExceptionThrown:
			d := ev.ExceptionDetails
			msg := d.Text
			if d.Exception != nil && d.Exception.Description != "" {
				msg += " " + d.Exception.Description
			}
			problems = append(problems, fmt.Sprintf("%s: script error at %s:%d: %s", current, d.URL, d.LineNumber+1, msg))
		}
	})
	if err != nil {
		t.Fatalf("start chromium: %v", err)
	}

	var broken []string
	opened, aliases := 0, 0
	for _, p := range pages {
		rel, _ := filepath.Rel(dest, p)
		if refresh := dpFileRefreshLinks(t, p); refresh != nil {
			// An alias page moves on by itself as soon as it loads, which
			// would race with reading its links; its links are checked
			// from the file instead, as the browser would resolve them.
			for _, h := range refresh {
				if msg := dpFileLinkProblem(dest, h); msg != "" {
					broken = append(broken, fmt.Sprintf("%s: %s: %s", rel, h, msg))
				}
			}
			aliases++
			continue
		}
		opened++
		mu.Lock()
		current = rel
		mu.Unlock()
		if err := chromedp.Do(ctx, chromedp.Navigate(dpFileURL(p))); err != nil {
			t.Fatalf("open %s: %v", rel, err)
		}
		hrefs, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`Array.from(document.querySelectorAll("a[href]"), a => a.href)`))
		if err != nil {
			t.Fatalf("%s: read links: %v", rel, err)
		}
		for _, h := range hrefs {
			if msg := dpFileLinkProblem(dest, h); msg != "" {
				broken = append(broken, fmt.Sprintf("%s: %s: %s", rel, h, msg))
			}
		}
	}
	// Events of the last page may still be on their way: leaving it
	// makes Chromium send them before the navigation completes.
	mu.Lock()
	current = "(after the last page)"
	mu.Unlock()
	if err := chromedp.Do(ctx, chromedp.Navigate("about:blank")); err != nil {
		t.Fatal(err)
	}

	t.Logf("opened %d pages from file://, read %d alias redirect pages from disk", opened, aliases)
	mu.Lock()
	defer mu.Unlock()
	dpReport(t, "failed request(s) or script error(s)", problems)
	dpReport(t, "link(s) to no file", broken)
}

// dpFileLinkProblem says what is wrong with a resolved a.href seen on a
// page opened from file://, or "" when it opens a file of the site.
func dpFileLinkProblem(dest, href string) string {
	u, err := url.Parse(href)
	if err != nil {
		return err.Error()
	}
	switch u.Scheme {
	case "mailto", "tel":
		return ""
	case "file":
	default:
		// The example content links nowhere else, and any absolute
		// http(s) link would leave the copy someone opened from disk.
		return "not a relative link"
	}
	p := filepath.FromSlash(u.Path)
	if p != dest && !strings.HasPrefix(p, dest+string(filepath.Separator)) {
		return "points outside the site folder"
	}
	fi, err := os.Stat(p)
	if err != nil {
		return "no such file"
	}
	if fi.IsDir() {
		if _, err := os.Stat(filepath.Join(p, "index.html")); err != nil {
			return "folder without index.html"
		}
	}
	return ""
}

// dpFileRefreshLinks returns, for a page with a <meta http-equiv=refresh>,
// its refresh target and its a[href] links resolved against its file://
// URL; nil for any other page.
func dpFileRefreshLinks(t *testing.T, p string) []string {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	page, err := url.Parse(dpFileURL(p))
	if err != nil {
		t.Fatal(err)
	}
	var refs []string
	refresh := false
	for _, tag := range dpTags(string(b)) {
		switch {
		case tag.name == "meta" && strings.EqualFold(tag.attrs["http-equiv"], "refresh"):
			refresh = true
			refs = append(refs, dpRefreshURL(tag.attrs["content"]))
		case tag.name == "a" && tag.attrs["href"] != "":
			refs = append(refs, tag.attrs["href"])
		}
	}
	if !refresh {
		return nil
	}
	links := []string{}
	for _, r := range refs {
		u, err := page.Parse(r)
		if err != nil {
			links = append(links, r) // dpFileLinkProblem reports it
			continue
		}
		links = append(links, u.String())
	}
	return links
}

// dpFileURL is the file:// URL of an absolute path.
func dpFileURL(p string) string {
	return (&url.URL{Scheme: "file", Path: filepath.ToSlash(p)}).String()
}

// dpRepoRoot is the example site: the repository itself.
func dpRepoRoot(t *testing.T) string {
	t.Helper()
	root, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(root, "site.yaml")); err != nil {
		t.Fatalf("example site not found: %v", err)
	}
	return root
}

// dpSiteCopy copies the example site's inputs into a temp folder, with
// relativeURLs set as asked.
func dpSiteCopy(t *testing.T, root string, relative bool) string {
	t.Helper()
	dir := t.TempDir()
	cfg, err := os.ReadFile(filepath.Join(root, "site.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	re := regexp.MustCompile(`(?m)^relativeURLs:.*$`)
	if !re.Match(cfg) {
		t.Fatal("site.yaml has no relativeURLs line to change")
	}
	cfg = re.ReplaceAll(cfg, []byte("relativeURLs: "+strconv.FormatBool(relative)))
	if err := os.WriteFile(filepath.Join(dir, "site.yaml"), cfg, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, d := range []string{"content", "themes", "static", "data"} {
		from := filepath.Join(root, d)
		if _, err := os.Stat(from); errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err := os.CopyFS(filepath.Join(dir, d), os.DirFS(from)); err != nil {
			t.Fatalf("copy %s: %v", d, err)
		}
	}
	return dir
}

// dpBuild builds src into a temp folder and returns it.
func dpBuild(t *testing.T, src, baseURL string) string {
	t.Helper()
	dest := filepath.Join(t.TempDir(), "public")
	stats, err := generator.Build(context.Background(), generator.Options{Source: src, Dest: dest, BaseURL: baseURL})
	if err != nil {
		t.Fatalf("build %s: %v", src, err)
	}
	for _, w := range stats.Warnings {
		t.Logf("build warning: %v", w)
	}
	return dest
}

// dpFreePort asks the kernel for a free loopback port. Another program
// could take it before nginx does; the start then fails with the error log.
func dpFreePort(t *testing.T) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

// dpNginxConf serves dest under /mentoring/ as an intranet would, with
// every path nginx writes to inside dir.
const dpNginxConf = `%sdaemon off;
pid %[2]s/nginx.pid;
error_log %[2]s/error.log;
events {}
http {
	include /etc/nginx/mime.types;
	access_log off;
	client_body_temp_path %[2]s/body;
	proxy_temp_path %[2]s/proxy;
	fastcgi_temp_path %[2]s/fastcgi;
	uwsgi_temp_path %[2]s/uwsgi;
	scgi_temp_path %[2]s/scgi;
	server {
		listen 127.0.0.1:%[3]d;
		location /mentoring/ {
			alias %[4]s/;
		}
		error_page 404 /mentoring/404.html;
	}
}
`

// dpStartNginx runs nginx in the foreground on port until the test ends.
func dpStartNginx(t *testing.T, nginx, dest string, port int) {
	t.Helper()
	dir := t.TempDir()
	user := ""
	if os.Geteuid() == 0 {
		// Run as root, nginx's workers drop to nobody, who cannot read
		// t.TempDir (mode 0700): keep them as root.
		user = "user root;\n"
	}
	conf := filepath.Join(dir, "nginx.conf")
	if err := os.WriteFile(conf, fmt.Appendf(nil, dpNginxConf, user, dir, port, dest), 0o644); err != nil {
		t.Fatal(err)
	}
	errLog := filepath.Join(dir, "error.log")

	ctx, cancel := context.WithCancel(context.Background())
	// -e: without it nginx first opens its built-in /var/log/nginx/error.log.
	cmd := exec.CommandContext(ctx, nginx, "-p", dir, "-c", conf, "-e", errLog)
	// Its own process group, so the workers die with the master.
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.Cancel = func() error { return syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL) }
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		cancel()
		t.Fatalf("start nginx: %v", err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	t.Cleanup(func() {
		defer cancel()
		pgid := cmd.Process.Pid
		_ = syscall.Kill(-pgid, syscall.SIGTERM) // fast shutdown
		select {
		case <-exited:
		case <-time.After(10 * time.Second):
			cancel() // SIGKILL to the group
			<-exited
		}
		_ = syscall.Kill(-pgid, syscall.SIGKILL) // any worker left behind
	})

	addr := net.JoinHostPort("127.0.0.1", strconv.Itoa(port))
	deadline := time.Now().Add(15 * time.Second)
	for {
		select {
		case err := <-exited:
			exited <- err // for the cleanup
			logText, _ := os.ReadFile(errLog)
			t.Fatalf("nginx exited: %v\n%s%s", err, out.Bytes(), logText)
		default:
		}
		conn, err := net.DialTimeout("tcp", addr, time.Second)
		if err == nil {
			conn.Close()
			return
		}
		if time.Now().After(deadline) {
			logText, _ := os.ReadFile(errLog)
			t.Fatalf("nginx does not answer on %s: %v\n%s", addr, err, logText)
		}
		time.Sleep(20 * time.Millisecond) // poll interval, not an assertion
	}
}

// dpCrawler fetches every URL of one host reachable from the seeds and
// sorts what it finds wrong. It runs on one goroutine.
type dpCrawler struct {
	host       string
	client     *http.Client
	seen       map[string]bool
	fetched200 map[string]bool // URL paths that answered 200
	searchRoot map[string]string
	fetched    int
	redirects  int
	broken     []string
	badTypes   []string
	offHost    []string
}

// dpLink is a URL to fetch and the page that named it.
type dpLink struct{ url, from string }

func dpNewCrawler(host string) *dpCrawler {
	c := &dpCrawler{
		host:       host,
		seen:       map[string]bool{},
		fetched200: map[string]bool{},
		searchRoot: map[string]string{},
	}
	c.client = &http.Client{
		Timeout: 10 * time.Second,
		CheckRedirect: func(req *http.Request, via []*http.Request) error {
			if req.URL.Host != host {
				return fmt.Errorf("redirect leaves %s for %s", host, req.URL)
			}
			if len(via) > 5 {
				return errors.New("more than 5 redirects")
			}
			c.redirects++
			return nil
		},
	}
	return c
}

// get fetches u and returns the status, the media type without parameters
// and the body.
func (c *dpCrawler) get(u string) (int, string, []byte, error) {
	resp, err := c.client.Get(u)
	if err != nil {
		return 0, "", nil, err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		return 0, "", nil, err
	}
	ctype, _, _ := mime.ParseMediaType(resp.Header.Get("Content-Type"))
	return resp.StatusCode, ctype, body, nil
}

// crawl visits the seeds and everything they lead to, breadth first,
// skipping what an earlier crawl already fetched; from says in reports
// where the seeds came from.
func (c *dpCrawler) crawl(from string, seeds ...string) {
	var queue []dpLink
	for _, s := range seeds {
		if !c.seen[s] {
			c.seen[s] = true
			queue = append(queue, dpLink{s, from})
		}
	}
	for len(queue) > 0 {
		l := queue[0]
		queue = queue[1:]
		c.fetched++
		status, ctype, body, err := c.get(l.url)
		if err != nil {
			c.broken = append(c.broken, fmt.Sprintf("%s → %s: %v", l.from, l.url, err))
			continue
		}
		if status != http.StatusOK {
			c.broken = append(c.broken, fmt.Sprintf("%s → %s: status %d", l.from, l.url, status))
			continue
		}
		page, _ := url.Parse(l.url)
		c.fetched200[page.Path] = true
		if want := dpContentTypes(page.Path); want == nil {
			c.badTypes = append(c.badTypes, fmt.Sprintf("%s: no expected Content-Type for %q: add one to dpContentTypes", l.url, path.Ext(page.Path)))
		} else if !slices.Contains(want, ctype) {
			c.badTypes = append(c.badTypes, fmt.Sprintf("%s: Content-Type %q, want one of %q", l.url, ctype, want))
		}
		for _, ref := range c.refs(page, ctype, string(body)) {
			u, err := page.Parse(ref)
			if err != nil {
				c.broken = append(c.broken, fmt.Sprintf("%s → %q: %v", l.url, ref, err))
				continue
			}
			switch {
			case u.Scheme == "mailto":
				continue
			case u.Scheme != "http" || u.Host != c.host:
				c.offHost = append(c.offHost, fmt.Sprintf("%s → %s", l.url, ref))
				continue
			}
			u.Fragment, u.RawFragment = "", ""
			if s := u.String(); !c.seen[s] {
				c.seen[s] = true
				queue = append(queue, dpLink{s, l.url})
			}
		}
	}
}

// dpContentTypes lists the media types accepted for a URL path, by its
// extension; nil means the test does not know the extension.
func dpContentTypes(p string) []string {
	if strings.HasSuffix(p, "/") {
		return []string{"text/html"}
	}
	switch path.Ext(p) {
	case ".html":
		return []string{"text/html"}
	case ".css":
		return []string{"text/css"}
	case ".js":
		return []string{"application/javascript", "text/javascript"}
	case ".svg":
		return []string{"image/svg+xml"}
	case ".xml":
		return []string{"application/xml", "text/xml", "application/atom+xml", "application/rss+xml"}
	case ".json":
		return []string{"application/json"}
	case ".csv":
		// nginx's stock mime.types (1.22, Debian) has no csv entry, so
		// nginx answers with its default_type, text/plain: browsers show
		// it as text, which is acceptable. A config that adds
		// "types { text/csv csv; }" gives text/csv.
		return []string{"text/csv", "text/plain"}
	case ".png":
		return []string{"image/png"}
	case ".jpg", ".jpeg":
		return []string{"image/jpeg"}
	case ".webp":
		return []string{"image/webp"}
	case ".woff2":
		return []string{"font/woff2"}
	case ".txt":
		return []string{"text/plain"}
	}
	return nil
}

var (
	// dpCSSURL finds url(…) in a stylesheet or a style attribute.
	dpCSSURL = regexp.MustCompile(`url\(\s*(?:"([^"]*)"|'([^']*)'|([^)\s]*))\s*\)`)
	// dpXMLLink finds the links of a sitemap and of an Atom feed given
	// as element text; href attributes are read as tags.
	dpXMLLink = regexp.MustCompile(`<(?:loc|link)>\s*([^<\s]+)\s*</(?:loc|link)>`)
	// dpSearch… read the search index: root, count and shards from
	// meta.js, the page a fragment f/N.js names.
	dpSearchRoot       = regexp.MustCompile(`\broot:"([^"]*)"`)
	dpSearchBundles    = regexp.MustCompile(`\bb:"(\d*)"`)
	dpSearchShardDirs  = regexp.MustCompile(`\bsd:(\d+)`)
	dpSearchBundleDirs = regexp.MustCompile(`\bbd:(\d+)`)
	dpSearchShards     = regexp.MustCompile(`\bshards:\[([^\]]*)\]`)
	dpSearchPage       = regexp.MustCompile(`\{u:"([^"]*)"`)
	dpStyleBody        = regexp.MustCompile(`(?is)<style\b[^>]*>(.*?)</style>`)
)

// refs returns the URLs a fetched file refers to, as written.
func (c *dpCrawler) refs(page *url.URL, ctype, body string) []string {
	var refs []string
	cssURLs := func(s string) {
		for _, m := range dpCSSURL.FindAllStringSubmatch(s, -1) {
			ref := m[1] + m[2] + m[3]
			if !strings.HasPrefix(ref, "data:") && !strings.HasPrefix(ref, "#") {
				refs = append(refs, ref)
			}
		}
	}
	switch {
	case ctype == "text/html" || ctype == "image/svg+xml" || strings.HasSuffix(ctype, "xml"):
		for _, tag := range dpTags(body) {
			for name, v := range tag.attrs {
				switch name {
				case "href", "xlink:href", "src", "poster", "action":
					if v != "" && !strings.HasPrefix(v, "#") && !strings.HasPrefix(v, "data:") {
						refs = append(refs, v)
					}
				case "srcset":
					for _, cand := range strings.Split(v, ",") {
						if f := strings.Fields(cand); len(f) > 0 {
							refs = append(refs, f[0])
						}
					}
				case "data-search-index":
					// The search client loads <index>/meta.js, then the
					// shards that meta.js names.
					refs = append(refs, strings.TrimSuffix(v, "/")+"/meta.js")
				case "style":
					cssURLs(v)
				case "content":
					if strings.EqualFold(tag.attrs["http-equiv"], "refresh") {
						if ref := dpRefreshURL(v); ref != "" {
							refs = append(refs, ref)
						}
					}
				}
			}
		}
		for _, m := range dpXMLLink.FindAllStringSubmatch(body, -1) {
			refs = append(refs, html.UnescapeString(m[1]))
		}
		for _, m := range dpStyleBody.FindAllStringSubmatch(body, -1) {
			cssURLs(m[1])
		}
	case ctype == "text/css":
		cssURLs(body)
	case strings.HasSuffix(page.Path, "/meta.js"):
		dir := path.Dir(page.Path) + "/"
		if m := dpSearchRoot.FindStringSubmatch(body); m != nil {
			c.searchRoot[dir] = m[1]
		}
		// Files are spread over folders: s/<d>/<key>.js (search.ShardName), f/<i mod bd>/<i>.js.
		dirs := func(re *regexp.Regexp) int {
			if m := re.FindStringSubmatch(body); m != nil {
				n, _ := strconv.Atoi(m[1])
				return max(n, 1)
			}
			return 1
		}
		sd, bd := dirs(dpSearchShardDirs), dirs(dpSearchBundleDirs)
		if m := dpSearchBundles.FindStringSubmatch(body); m != nil {
			// One digit per bundle: how many docs it holds.
			for i := range len(m[1]) {
				refs = append(refs, "f/"+strconv.Itoa(i%bd)+"/"+strconv.Itoa(i)+".js")
			}
		}
		if m := dpSearchShards.FindStringSubmatch(body); m != nil {
			// Shard files are named by their keys, the word prefixes
			// they hold.
			for _, q := range strings.Split(m[1], ",") {
				key, err := strconv.Unquote(q)
				if err != nil {
					key = strings.Trim(q, `"`) // a file the crawl will not find
				}
				refs = append(refs, search.ShardName(key, sd)+".js")
			}
		}
	case path.Base(path.Dir(path.Dir(page.Path))) == "f" && strings.HasSuffix(page.Path, ".js"):
		// A search fragment names the page a hit opens, site-root
		// relative, resolved by the client as root + url from the index.
		index := path.Dir(path.Dir(path.Dir(page.Path))) + "/"
		if m := dpSearchPage.FindStringSubmatch(body); m != nil {
			ref := path.Join(index, c.searchRoot[index], strings.TrimPrefix(m[1], "/"))
			if strings.HasSuffix(m[1], "/") && !strings.HasSuffix(ref, "/") {
				ref += "/"
			}
			refs = append(refs, ref)
		}
	}
	return refs
}

// dpRefreshURL is the URL of a <meta http-equiv=refresh> content, such as
// "0; url=../about/", or "" when it has none.
func dpRefreshURL(content string) string {
	_, after, ok := strings.Cut(content, ";")
	if !ok {
		return ""
	}
	after = strings.TrimSpace(after)
	if len(after) < 4 || !strings.EqualFold(after[:4], "url=") {
		return ""
	}
	return strings.Trim(strings.TrimSpace(after[4:]), `"'`)
}

// dpTag is one start tag: its lower-case name and attributes, values
// unescaped.
type dpTag struct {
	name  string
	attrs map[string]string
}

var (
	dpComment = regexp.MustCompile(`(?s)<!--.*?-->`)
	// dpScriptBody drops what is between <script> and </script>, where a
	// "<a href" is JavaScript text, not a tag.
	dpScriptBody = regexp.MustCompile(`(?is)(<script\b[^>]*>).*?(</script>)`)
	dpStartTag   = regexp.MustCompile(`<([a-zA-Z][a-zA-Z0-9:-]*)((?:\s+[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'>]+))?)*)\s*/?>`)
	dpAttr       = regexp.MustCompile(`([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?`)
)

// dpTags scans the start tags of an HTML (or SVG, XML) document. It is no
// parser, but the generator's output, minified or not, is regular enough:
// attribute values quoted or not, text escaped.
func dpTags(doc string) []dpTag {
	doc = dpComment.ReplaceAllString(doc, "")
	doc = dpScriptBody.ReplaceAllString(doc, "$1$2")
	var tags []dpTag
	for _, m := range dpStartTag.FindAllStringSubmatch(doc, -1) {
		tag := dpTag{name: strings.ToLower(m[1]), attrs: map[string]string{}}
		for _, a := range dpAttr.FindAllStringSubmatch(m[2], -1) {
			tag.attrs[strings.ToLower(a[1])] = strings.TrimSpace(html.UnescapeString(a[2] + a[3] + a[4]))
		}
		tags = append(tags, tag)
	}
	return tags
}

// dpHasToken reports whether a space-separated attribute value holds tok.
func dpHasToken(list, tok string) bool {
	return slices.Contains(strings.Fields(strings.ToLower(list)), tok)
}

// dpReport fails the test with every problem of one kind, one a line.
func dpReport(t *testing.T, what string, problems []string) {
	t.Helper()
	if len(problems) == 0 {
		return
	}
	problems = slices.Clone(problems)
	slices.Sort(problems)
	t.Errorf("%d %s:\n\t%s", len(problems), what, strings.Join(problems, "\n\t"))
}

// dpUnreached lists the files of the build, relative to dest, whose URL
// under dpSubPath was not fetched. The build's marker file is no part of
// the site.
func dpUnreached(dest string, fetched map[string]bool) []string {
	var unreached []string
	_ = filepath.WalkDir(dest, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || (d.Name() == generator.Marker && filepath.Dir(p) == dest) {
			return err
		}
		rel, _ := filepath.Rel(dest, p)
		u := dpSubPath + filepath.ToSlash(rel)
		if fetched[u] || (d.Name() == "index.html" && fetched[strings.TrimSuffix(u, "index.html")]) {
			return nil
		}
		unreached = append(unreached, filepath.ToSlash(rel))
		return nil
	})
	return unreached
}
