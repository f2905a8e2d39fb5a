package e2e

import (
	"bytes"
	"context"
	"fmt"
	"net/url"
	"os"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"binome/internal/needs"
)

// netRequest is one request a page made, with its answer.
type netRequest struct {
	page   string // the page being visited, as a path from the site root
	url    string
	status int64  // 0 until the response comes, or when it never does
	failed string // the browser's error when the request failed
}

// netWorkers is the number of tabs visiting pages at once.
const netWorkers = 4

// Every HTML page of the example site, in both languages, loads nothing
// from another host; and everything it loads is in the site's folder and
// exists. Its tabs run beside the other slow tests.
func TestNetworkStaysOnHost(t *testing.T) {
	needs.Program(t, "chromium", "chromium")
	t.Parallel()
	dir := brBuildSite(t)
	srv, base := brServeExample(t)
	pages := brPages(t, dir)
	if len(pages) < 100 {
		t.Fatalf("the example site has %d HTML pages, want over 100", len(pages))
	}
	aliases := map[string]bool{} // redirect pages: their target is awaited too
	for _, p := range pages {
		b, err := os.ReadFile(brFile(dir, p))
		if err != nil {
			t.Fatal(err)
		}
		if bytes.Contains(b, []byte(`http-equiv=refresh`)) || bytes.Contains(b, []byte(`http-equiv="refresh"`)) {
			aliases[p] = true
		}
	}

	var mu sync.Mutex
	var reqs []*netRequest
	jobs := make(chan string)
	var wg sync.WaitGroup
	for range netWorkers {
		ctx := brStart(t)
		var current string // the page this tab visits; guarded by mu
		byID := map[network.RequestID]*netRequest{}
		err := chromedp.Listen(ctx, func(ev any) {
			mu.Lock()
			defer mu.Unlock()
			switch ev := ev.(type) {
			case *network.EventRequestWillBeSent:
				r := &netRequest{page: current, url: ev.Request.URL}
				byID[ev.RequestID] = r
				reqs = append(reqs, r)
			case *network.EventResponseReceived:
				if r := byID[ev.RequestID]; r != nil {
					r.status = ev.Response.Status
				}
			case *network.EventLoadingFailed:
				if r := byID[ev.RequestID]; r != nil {
					r.failed = ev.ErrorText
				}
			}
		})
		if err != nil {
			t.Fatal(err)
		}
		wg.Go(func() {
			for p := range jobs {
				mu.Lock()
				current = p
				mu.Unlock()
				if err := netVisit(ctx, base+strings.TrimPrefix(p, "/"), aliases[p]); err != nil {
					t.Errorf("visit %s: %v", p, err)
				}
			}
		})
	}
	for _, p := range pages {
		jobs <- p
	}
	close(jobs)
	wg.Wait()

	mu.Lock()
	defer mu.Unlock()
	host := srv.Listener.Addr().String()
	var foreign, missing []string
	for _, r := range reqs {
		u, err := url.Parse(r.url)
		if err != nil {
			foreign = append(foreign, fmt.Sprintf("%s: unparsable request URL %q", r.page, r.url))
			continue
		}
		switch u.Scheme {
		case "data", "about", "blob":
			continue
		}
		if u.Host != host {
			foreign = append(foreign, fmt.Sprintf("%s loads %s", r.page, r.url))
			continue
		}
		// The same host: inside the site's folder, and found. The
		// browser asks for /favicon.ico by itself on a page that names no
		// icon (the alias pages), wherever the site is: not the site's doing.
		var problem string
		switch {
		case u.Path == "/favicon.ico" && aliases[r.page]:
			continue
		case !strings.HasPrefix(u.Path, brBasePath):
			problem = "outside the site's folder " + brBasePath
		case r.status >= 400:
			problem = fmt.Sprintf("status %d", r.status)
		case r.failed != "" && r.failed != "net::ERR_ABORTED":
			problem = r.failed // aborted: the next navigation cut it short
		default:
			continue
		}
		missing = append(missing, fmt.Sprintf("%s loads %s: %s", r.page, r.url, problem))
	}
	sort.Strings(foreign)
	sort.Strings(missing)
	if len(foreign) > 0 {
		t.Errorf("%d requests leave the test server %s:\n%s", len(foreign), host, strings.Join(foreign, "\n"))
	}
	if len(missing) > 0 {
		t.Errorf("%d requests miss the site:\n%s", len(missing), strings.Join(missing, "\n"))
	}
	if len(reqs) < len(pages) {
		t.Errorf("saw %d requests for %d pages: the request log does not work", len(reqs), len(pages))
	}
}

// netVisit loads url; for a redirect page it waits for the page it
// redirects to, so its requests are seen and counted for it.
func netVisit(ctx context.Context, url string, redirect bool) error {
	if !redirect {
		return chromedp.Do(ctx, chromedp.Navigate(url))
	}
	loads := 0
	_, err := chromedp.Run(ctx, chromedp.WaitEvent(page.LoadEventFired, func(page.EventLoadEventFired) bool {
		loads++
		return loads == 2
	}, chromedp.Navigate(url)))
	return err
}
