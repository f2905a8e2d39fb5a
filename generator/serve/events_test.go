package serve

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"reflect"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"binome/generator/source"
)

// TestErrorThenReload breaks the site, then fixes it: an open browser gets
// the errors, then a reload; one that connects while the site is broken
// gets the errors at once.
func TestErrorThenReload(t *testing.T) {
	root, opt := site(t)
	b := &fakeBuilder{}
	s, _ := start(t, b, opt)
	ctx, cancel := context.WithTimeout(context.Background(), patience)
	defer cancel()
	client := &http.Client{Transport: &http.Transport{}}
	defer client.CloseIdleConnections()
	open := connect(t, ctx, client, s.URL())
	defer open.close()

	b.setErr(errors.Join(
		source.Errorf(source.Pos{Path: "content/a.md", Line: 7, Col: 3}, "unknown field %q", "skils").WithHint("did you mean %q?", "skills"),
		source.Errorf(source.Pos{Path: "content/b.md", Line: 1}, "no title"),
	))
	writeFile(t, root, "content/a.md", "---\nskils: [go]\n---\n")
	name, data, err := open.next()
	if err != nil || name != "error" {
		t.Fatalf("first event: %q %s %v, want error", name, data, err)
	}
	var got errorEvent
	if err := json.Unmarshal([]byte(data), &got); err != nil {
		t.Fatal(err)
	}
	want := errorEvent{Errors: []errorText{
		{`content/a.md:7:3: unknown field "skils"` + "\n\thint: did you mean \"skills\"?"},
		{"content/b.md:1: no title"},
	}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("error event = %+v, want %+v", got, want)
	}

	late := connect(t, ctx, client, s.URL())
	defer late.close()
	if name, _, err := late.next(); err != nil || name != "error" {
		t.Fatalf("browser joining a broken site got %q %v, want error", name, err)
	}

	b.setErr(nil)
	writeFile(t, root, "content/a.md", "---\nskills: [go]\n---\n")
	for _, c := range []*sse{open, late} {
		for {
			name, _, err := c.next()
			if err != nil {
				t.Fatal(err)
			}
			if name == "reload" {
				break
			}
			if name != "error" {
				t.Fatalf("event %q before reload", name)
			}
		}
	}
	if errs := s.state().errs; errs != nil {
		t.Errorf("errors still shown after a good build: %q", errs)
	}
}

// TestReloadGoesToChangedPage checks a successful rebuild tells browsers
// which page changed, and only after the new site is in place.
func TestReloadGoesToChangedPage(t *testing.T) {
	root, opt := site(t)
	var b *fakeBuilder
	b = &fakeBuilder{update: func(changed []string) *Update {
		body := fmt.Sprintf("<html><body>build %d</body></html>", len(b.calls))
		return &Update{
			Site:  memSite{files: map[string]string{"a/index.html": body}},
			Pages: []string{"/a/"},
		}
	}}
	s, _ := start(t, b, opt)
	ctx, cancel := context.WithTimeout(context.Background(), patience)
	defer cancel()
	client := &http.Client{Transport: &http.Transport{}}
	defer client.CloseIdleConnections()
	c := connect(t, ctx, client, s.URL())
	defer c.close()

	writeFile(t, root, "content/a.md", "# A edited")
	name, data, err := c.next()
	if err != nil || name != "reload" {
		t.Fatalf("event %q %v, want reload", name, err)
	}
	var r reload
	if err := json.Unmarshal([]byte(data), &r); err != nil {
		t.Fatal(err)
	}
	if r.Goto != "/a/" || !reflect.DeepEqual(r.Pages, []string{"/a/"}) || len(r.Styles) != 0 {
		t.Errorf("reload = %+v, want goto /a/", r)
	}
	resp, err := client.Get(s.URL() + "a/")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if strings.Contains(string(body), "build 1<") {
		t.Errorf("after the reload event the first build is still served: %s", body)
	}
}

// TestStalePageReloadsOnConnect is the page that was loading when a build
// ended: it missed the reload, and is told when its stream connects.
func TestStalePageReloadsOnConnect(t *testing.T) {
	s, _ := start(t, &fakeBuilder{}, Options{heartbeat: time.Millisecond})
	ctx, cancel := context.WithTimeout(context.Background(), patience)
	defer cancel()
	client := &http.Client{Transport: &http.Transport{}}
	defer client.CloseIdleConnections()

	stale, err := dial(ctx, client, s.URL()+"__binome/events?build=an-older-build")
	if err != nil {
		t.Fatal(err)
	}
	defer stale.close()
	if name, _, err := stale.next(); err != nil || name != "reload" {
		t.Errorf("stale page got %q %v, want reload", name, err)
	}

	// The current page gets nothing but heartbeats.
	current, err := dial(ctx, client, s.URL()+"__binome/events?build="+s.state().build)
	if err != nil {
		t.Fatal(err)
	}
	defer current.close()
	for range 3 {
		line, err := current.r.ReadString('\n')
		if err != nil {
			t.Fatal(err)
		}
		if line != ": heartbeat\n" && line != "\n" {
			t.Errorf("current page got %q", line)
		}
	}
}

func TestReloadFor(t *testing.T) {
	css := []string{"/css/main.9f8e.css"}
	tests := []struct {
		name    string
		up      Update
		changed []string
		want    reload
	}{
		{"one page", Update{Pages: []string{"/guides/x/"}}, []string{"content/guides/x.md"},
			reload{Pages: []string{"/guides/x/"}, Styles: []string{}, Goto: "/guides/x/"}},
		{"two pages", Update{Pages: []string{"/a/", "/b/"}}, []string{"content/a.md", "content/b.md"},
			reload{Pages: []string{"/a/", "/b/"}, Styles: []string{}}},
		{"template", Update{}, []string{"themes/default/layouts/baseof.html"},
			reload{Pages: []string{}, Styles: []string{}}},
		{"stylesheet only", Update{Styles: css}, []string{"themes/default/static/css/main.css"},
			reload{Pages: []string{}, Styles: css}},
		{"stylesheet and template", Update{Styles: css}, []string{"themes/default/layouts/baseof.html", "themes/default/static/css/main.css"},
			reload{Pages: []string{}, Styles: []string{}}},
		{"unknown change", Update{Styles: css}, nil,
			reload{Pages: []string{}, Styles: []string{}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := reloadFor(&tt.up, tt.changed); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("reloadFor = %+v, want %+v", got, tt.want)
			}
		})
	}
}

func TestHeartbeat(t *testing.T) {
	opt := Options{heartbeat: time.Millisecond}
	s, _ := start(t, &fakeBuilder{}, opt)
	ctx, cancel := context.WithTimeout(context.Background(), patience)
	defer cancel()
	client := &http.Client{Transport: &http.Transport{}}
	defer client.CloseIdleConnections()
	c := connect(t, ctx, client, s.URL())
	defer c.close()
	for {
		line, err := c.r.ReadString('\n')
		if err != nil {
			t.Fatal(err)
		}
		if line == ": heartbeat\n" {
			return
		}
	}
}

func TestPortInUse(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	port := ln.Addr().(*net.TCPAddr).Port
	_, err = New(&fakeBuilder{}, Options{Port: port})
	if err == nil {
		t.Fatal("New on a port in use succeeded")
	}
	want := fmt.Sprintf("port %d is in use: pass --port N or stop the other server", port)
	if err.Error() != want || !errors.Is(err, syscall.EADDRINUSE) {
		t.Errorf("error %q, want %q wrapping EADDRINUSE", err, want)
	}
}

// goroutinesBack waits until no more goroutines run than before the test.
func goroutinesBack(t *testing.T, base int) {
	t.Helper()
	waitFor(t, "goroutines back to "+strconv.Itoa(base), func() bool {
		return runtime.NumGoroutine() <= base
	})
}

func openFDs(t *testing.T) int {
	t.Helper()
	fds, err := os.ReadDir("/proc/self/fd")
	if err != nil {
		t.Skip("no /proc/self/fd:", err)
	}
	return len(fds)
}

// TestRunLeavesNothing runs a server with a browser connected, cancels it,
// and checks every goroutine ended and every descriptor (listener,
// inotify, connections) was closed.
func TestRunLeavesNothing(t *testing.T) {
	root, opt := site(t)
	client := &http.Client{Transport: &http.Transport{}}
	baseG, baseFD := runtime.NumGoroutine(), openFDs(t)

	s, stop := start(t, &fakeBuilder{}, opt)
	ctx, cancel := context.WithTimeout(context.Background(), patience)
	defer cancel()
	c := connect(t, ctx, client, s.URL())
	resp, err := client.Get(s.URL())
	if err != nil {
		t.Fatal(err)
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	writeFile(t, root, "content/new/b.md", "# B") // one more folder watched

	stop()
	// Events sent before the shutdown may come first; then the stream ends
	// (ctx would end it too, after patience: that is the failure).
	for {
		if _, _, err := c.next(); err != nil {
			if ctx.Err() != nil {
				t.Error("the event stream stayed open after Run returned")
			}
			break
		}
	}
	c.close()
	client.CloseIdleConnections()
	goroutinesBack(t, baseG)
	waitFor(t, "descriptors back to "+strconv.Itoa(baseFD), func() bool { return openFDs(t) <= baseFD })
	if _, err := net.Dial("tcp", strings.TrimSuffix(strings.TrimPrefix(s.URL(), "http://"), "/")); err == nil {
		t.Error("the port still answers after Run returned")
	}
}

// TestManyClients serves 100 page loads and 100 event streams at once,
// sends them all a reload, disconnects them, and checks the server is
// back to where it started.
func TestManyClients(t *testing.T) {
	const n = 100
	root, opt := site(t)
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: n}}
	baseG := runtime.NumGoroutine()
	s, stop := start(t, &fakeBuilder{}, opt)

	ctx, cancel := context.WithTimeout(context.Background(), patience)
	defer cancel()
	streams := make([]*sse, n)
	var wg sync.WaitGroup
	errs := make(chan error, 2*n)
	for i := range n {
		wg.Go(func() {
			resp, err := client.Get(s.URL())
			if err != nil {
				errs <- err
				return
			}
			defer resp.Body.Close()
			body, _ := io.ReadAll(resp.Body)
			if resp.StatusCode != 200 || !strings.Contains(string(body), `<script src="/__binome/reload.js"`) {
				errs <- fmt.Errorf("page load %d: %s %q", i, resp.Status, body)
			}
		})
		wg.Go(func() {
			c, err := dial(ctx, client, s.URL()+"__binome/events")
			if err != nil {
				errs <- err
				return
			}
			streams[i] = c
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	if t.Failed() {
		return
	}
	if got := s.events.count(); got != n {
		t.Fatalf("%d streams open, want %d", got, n)
	}

	writeFile(t, root, "content/a.md", "# A for everyone")
	for i, c := range streams {
		wg.Go(func() {
			if name, _, err := c.next(); err != nil || name != "reload" {
				t.Errorf("stream %d: %q %v, want reload", i, name, err)
			}
			c.close()
		})
	}
	wg.Wait()
	waitFor(t, "every stream closed on the server", func() bool { return s.events.count() == 0 })
	client.CloseIdleConnections()
	stop()
	goroutinesBack(t, baseG)
}
