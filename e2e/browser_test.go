// Package e2e tests the built example site in a real browser: Debian's
// chromium driven by chromedp, against the output of generator.Build served
// on loopback (or opened through file://). What only a browser shows is
// checked here: search, directory filters, the language switcher,
// accessibility, keyboard use, network isolation and escaping of hostile
// content.
//
// # Shared state
//
// A test binary builds the example site once and starts one browser; each
// test gets its own tab. Both live in a scratch directory named
// binome-e2e-* in $TMPDIR, holding the pid of the test binary. The package
// has no TestMain (other files of the package may want one), so nothing
// removes that directory when the binary exits; the next run removes the
// directories of binaries that are gone. Chromium dies with the binary
// (chromedp starts it with a parent-death signal).
package e2e

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"binome/generator"
	"binome/internal/needs"
	"binome/internal/testfs"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// brTimeout bounds one test's browser work; brWaitFor bounds one awaited
// condition. Both are generous: the machine is small and shared.
const (
	brTimeout = 3 * time.Minute
	brWaitFor = 15 * time.Second
)

// brScratch is this binary's scratch directory (see the package comment).
var brScratch = sync.OnceValues(func() (string, error) {
	brReapScratch()
	dir, err := os.MkdirTemp("", "binome-e2e-")
	if err != nil {
		return "", err
	}
	return dir, os.WriteFile(filepath.Join(dir, "pid"), []byte(strconv.Itoa(os.Getpid())), 0o644)
})

// brReapScratch removes the scratch directories of test binaries that have
// exited. A directory without a pid file may be one being created right
// now, so it is left alone for a minute.
func brReapScratch() {
	dirs, _ := filepath.Glob(filepath.Join(os.TempDir(), "binome-e2e-*"))
	for _, dir := range dirs {
		if fi, err := os.Stat(dir); err != nil || !fi.IsDir() {
			continue
		}
		b, err := os.ReadFile(filepath.Join(dir, "pid"))
		if err != nil {
			if fi, err := os.Stat(dir); err == nil && time.Since(fi.ModTime()) > time.Minute {
				os.RemoveAll(dir)
			}
			continue
		}
		pid, err := strconv.Atoi(strings.TrimSpace(string(b)))
		if err != nil || !brAlive(pid) {
			os.RemoveAll(dir)
		}
	}
}

// brAlive reports whether a process with that pid exists.
func brAlive(pid int) bool {
	p, err := os.FindProcess(pid)
	if err != nil {
		return false
	}
	err = p.Signal(syscall.Signal(0))
	return err == nil || err == syscall.EPERM
}

// brRoot is the repository root: the example site is the repository.
func brRoot(t testing.TB) string {
	t.Helper()
	root, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	return root
}

// brExample builds the example site once per test binary.
var brExample = sync.OnceValues(func() (string, error) {
	scratch, err := brScratch()
	if err != nil {
		return "", err
	}
	root, err := filepath.Abs("..")
	if err != nil {
		return "", err
	}
	dest := filepath.Join(scratch, "public")
	if _, err := generator.Build(context.Background(), generator.Options{Source: root, Dest: dest}); err != nil {
		return "", fmt.Errorf("build the example site: %w", err)
	}
	return dest, nil
})

// brBuildSite returns the output folder of the example site, built once
// per test binary. Tests must not change it.
func brBuildSite(t testing.TB) string {
	t.Helper()
	dest, err := brExample()
	if err != nil {
		t.Fatal(err)
	}
	return dest
}

// brBuildTemp writes files (path relative to the site root → content) into
// a temporary site, builds it and returns its output folder.
func brBuildTemp(t testing.TB, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	src := filepath.Join(dir, "site")
	testfs.Write(t, src, files)
	dest := filepath.Join(dir, "public")
	if _, err := generator.Build(context.Background(), generator.Options{Source: src, Dest: dest}); err != nil {
		t.Fatalf("build the test site: %v", err)
	}
	return dest
}

// brServe serves dir on a loopback port until the test ends and returns
// the server; its URL has no trailing slash.
func brServe(t testing.TB, dir string) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(http.FileServer(http.Dir(dir)))
	t.Cleanup(srv.Close)
	return srv
}

// brServeUnder serves dir under the sub-path prefix ("/mentoring/") and
// returns the server and the site's base URL (ending with the prefix). Any
// request outside the prefix gets a 404, as on an intranet where the site
// is one folder among others.
func brServeUnder(t testing.TB, dir, prefix string) (*httptest.Server, string) {
	t.Helper()
	mux := http.NewServeMux()
	mux.Handle(prefix, http.StripPrefix(strings.TrimSuffix(prefix, "/"), http.FileServer(http.Dir(dir))))
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv, srv.URL + prefix
}

// brBasePath is the path of the example site's baseURL. The site is served
// under it, as it would be on the intranet: its pages must work under any
// folder, and its 404 page links its styles from there (it is served at
// any depth, so it cannot use page-relative URLs).
const brBasePath = "/mentoring/"

// brServeExample builds the example site (once) and serves it under
// brBasePath until the test ends; it returns the server and the site's
// base URL, ending with a slash.
func brServeExample(t testing.TB) (*httptest.Server, string) {
	t.Helper()
	return brServeUnder(t, brBuildSite(t), brBasePath)
}

// brBrowser starts chromium once per test binary. Its context is never
// cancelled: the browser lives as long as the binary.
var brBrowser = sync.OnceValues(func() (context.Context, error) {
	path, err := exec.LookPath("chromium")
	if err != nil {
		return nil, err
	}
	scratch, err := brScratch()
	if err != nil {
		return nil, err
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(path),
		chromedp.UserDataDir(filepath.Join(scratch, "chromium")),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("no-pings", true),
		chromedp.WindowSize(1280, 900),
	)
	alloc, _ := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, _ := chromedp.NewContext(alloc)
	if err := chromedp.Do(ctx); err != nil {
		return nil, fmt.Errorf("start chromium: %w", err)
	}
	return ctx, nil
})

// brStart opens a new tab in the shared browser for the test and returns
// its context, which ends with the test or after brTimeout. When the test
// fails, a screenshot of the tab is written to $TMPDIR and the console
// errors of its pages are logged.
func brStart(t *testing.T) context.Context {
	t.Helper()
	needs.Program(t, "chromium", "chromium")
	browser, err := brBrowser()
	if err != nil {
		t.Fatal(err)
	}
	tab, closeTab := chromedp.NewContext(browser)
	// The first run opens the tab; it must not carry the test's deadline,
	// or the deadline would close the tab before the failure screenshot.
	if err := chromedp.Do(tab); err != nil {
		closeTab()
		t.Fatalf("open a tab: %v", err)
	}
	ctx, stop := context.WithTimeout(tab, brTimeout)
	t.Cleanup(func() { stop(); closeTab() })

	var mu sync.Mutex
	var console []string
	go func() {
		for m, err := range chromedp.Console(tab) {
			if err != nil {
				return
			}
			if m.Type == chromedp.ConsoleError || m.IsException() {
				mu.Lock()
				console = append(console, fmt.Sprintf("%s:%d: %s", m.URL, m.Line+1, m))
				mu.Unlock()
			}
		}
	}()

	t.Cleanup(func() {
		if !t.Failed() {
			return
		}
		mu.Lock()
		for i, c := range console {
			if i == 20 {
				t.Logf("browser console: … and %d more", len(console)-i)
				break
			}
			t.Logf("browser console: %s", c)
		}
		mu.Unlock()
		sctx, cancel := context.WithTimeout(tab, 10*time.Second)
		defer cancel()
		url, _ := chromedp.Run(sctx, chromedp.Location())
		png, err := chromedp.Run(sctx, chromedp.CaptureScreenshot())
		if err != nil {
			t.Logf("no screenshot: %v", err)
			return
		}
		name := strings.NewReplacer("/", "-", " ", "_").Replace(t.Name())
		f, err := os.CreateTemp("", "binome-screenshot-"+name+"-*.png")
		if err != nil {
			t.Logf("no screenshot: %v", err)
			return
		}
		defer f.Close()
		if _, err := f.Write(png); err != nil {
			t.Logf("no screenshot: %v", err)
			return
		}
		t.Logf("screenshot of %s: %s", url, f.Name())
	})
	return ctx
}

// brNavigate loads url in the tab and waits for its load event.
func brNavigate(t testing.TB, ctx context.Context, url string) {
	t.Helper()
	if err := chromedp.Do(ctx, chromedp.Navigate(url)); err != nil {
		t.Fatalf("load %s: %v", url, err)
	}
}

// brNavigateBy runs an action that makes the page navigate (a click, a
// key) and waits for the load event of the page it leads to.
func brNavigateBy(t testing.TB, ctx context.Context, what string, trigger chromedp.Action[chromedp.Void]) {
	t.Helper()
	if _, err := chromedp.Run(ctx, chromedp.WaitEvent(page.LoadEventFired, nil, trigger)); err != nil {
		t.Fatalf("%s: %v", what, err)
	}
}

// brEval evaluates a JavaScript expression in the page and returns its
// value; a promise is awaited.
func brEval[T any](t testing.TB, ctx context.Context, js string) T {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](js, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("evaluate %s: %v", brShort(js), err)
	}
	return v
}

// brWait polls a JavaScript expression in the page until it is truthy,
// for at most brWaitFor; what says what was awaited, for the failure.
func brWait(t testing.TB, ctx context.Context, js, what string) {
	t.Helper()
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](js, chromedp.WithPollingTimeout(brWaitFor))); err != nil {
		t.Fatalf("waiting for %s (%s): %v", what, brShort(js), err)
	}
}

// brDo runs actions that return nothing, failing the test on error.
func brDo(t testing.TB, ctx context.Context, what string, actions ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	if err := chromedp.Do(ctx, actions...); err != nil {
		t.Fatalf("%s: %v", what, err)
	}
}

// brKnownBugs collects what a test finds that a known product bug
// explains: bug description → findings.
type brKnownBugs map[string][]string

// add records a finding of bug.
func (k brKnownBugs) add(bug, finding string) { k[bug] = append(k[bug], finding) }

// skip skips a test that found nothing but known product bugs (reported,
// owned by others, not fixed yet), listing them, so that the run passes
// until they are fixed and still fails on anything new. A test that
// failed anyway just logs them.
func (k brKnownBugs) skip(t *testing.T) {
	t.Helper()
	if len(k) == 0 {
		return
	}
	bugs := make([]string, 0, len(k))
	for bug := range k {
		bugs = append(bugs, bug)
	}
	sort.Strings(bugs)
	var b strings.Builder
	for _, bug := range bugs {
		found := k[bug]
		fmt.Fprintf(&b, "\nknown bug: %s (%d findings)", bug, len(found))
		for i, f := range found {
			if i == 8 {
				fmt.Fprintf(&b, "\n\t… and %d more", len(found)-i)
				break
			}
			fmt.Fprintf(&b, "\n\t%s", f)
		}
	}
	if t.Failed() {
		t.Log(b.String())
		return
	}
	t.Skip(b.String())
}

// brShort shortens a script for an error message.
func brShort(js string) string {
	js = strings.Join(strings.Fields(js), " ")
	if len(js) > 120 {
		return js[:117] + "..."
	}
	return js
}

// brPages lists the HTML files of an output folder as URL paths from its
// root ("/", "/guides/x/", "/404.html"), sorted.
func brPages(t testing.TB, dir string) []string {
	t.Helper()
	var out []string
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") {
			return err
		}
		rel, err := filepath.Rel(dir, p)
		if err != nil {
			return err
		}
		u := "/" + filepath.ToSlash(rel)
		if strings.HasSuffix(u, "/index.html") {
			u = strings.TrimSuffix(u, "index.html")
		}
		out = append(out, u)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// brFile is the file of a page path (as brPages gives) in an output folder.
func brFile(dir, page string) string {
	f := filepath.Join(dir, filepath.FromSlash(page))
	if strings.HasSuffix(page, "/") {
		f = filepath.Join(f, "index.html")
	}
	return f
}
