package serve

import (
	"bufio"
	"context"
	"fmt"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
)

// patience bounds every wait: generous, since the machine may be busy.
// Tests never assert on how long something took.
const patience = 20 * time.Second

// waitFor polls cond until it holds, failing the test after patience.
func waitFor(t testing.TB, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(patience)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(2 * time.Millisecond)
	}
}

// memSite is a Site in memory that also checks the server only ever asks
// for plain relative paths.
type memSite struct {
	files map[string]string
	bad   func(path string) // called with any path that should never reach Open
}

func (m memSite) Open(p string) ([]byte, bool) {
	if !fs.ValidPath(p) || strings.ContainsAny(p, "\\\x00") {
		if m.bad != nil {
			m.bad(p)
		}
		return nil, false
	}
	body, ok := m.files[p]
	return []byte(body), ok
}

// fakeBuilder records every Build and returns an in-memory site, or err
// while it is set. When read is set, each Build reads that file, as a real
// generator would, and records what it saw.
type fakeBuilder struct {
	mu     sync.Mutex
	calls  [][]string
	seen   []string
	err    error
	update func(changed []string) *Update
	read   string
	files  map[string]string
}

func (b *fakeBuilder) Build(ctx context.Context, changed []string) (*Update, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.calls = append(b.calls, slices.Clone(changed))
	if b.read != "" {
		data, _ := os.ReadFile(b.read)
		b.seen = append(b.seen, string(data))
	}
	if b.err != nil {
		return nil, b.err
	}
	if b.update != nil {
		return b.update(changed), nil
	}
	files := b.files
	if files == nil {
		files = map[string]string{"index.html": "<html><body>home</body></html>"}
	}
	return &Update{Site: memSite{files: files}}, nil
}

func (b *fakeBuilder) setErr(err error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.err = err
}

// snapshot returns the calls so far.
func (b *fakeBuilder) snapshot() [][]string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return slices.Clone(b.calls)
}

// changedSoFar returns every path given to Build after the first call.
func (b *fakeBuilder) changedSoFar() map[string]bool {
	m := make(map[string]bool)
	for _, c := range b.snapshot()[1:] {
		for _, p := range c {
			m[p] = true
		}
	}
	return m
}

// waitChanged waits until Build has been given every path in want.
func (b *fakeBuilder) waitChanged(t testing.TB, want ...string) {
	t.Helper()
	waitFor(t, "Build with "+strings.Join(want, ", "), func() bool {
		got := b.changedSoFar()
		for _, p := range want {
			if !got[p] {
				return false
			}
		}
		return true
	})
}

// immediately is a debounce clock that has always waited long enough:
// each change is built as soon as the loop looks, so tests that only care
// that a path arrives do not wait.
func immediately(time.Duration) <-chan time.Time {
	ch := make(chan time.Time, 1)
	ch <- time.Time{}
	return ch
}

// manualClock is a debounce clock whose timers fire when the test says.
type manualClock struct {
	mu    sync.Mutex
	armed []chan time.Time
}

func (c *manualClock) after(time.Duration) <-chan time.Time {
	ch := make(chan time.Time, 1)
	c.mu.Lock()
	defer c.mu.Unlock()
	c.armed = append(c.armed, ch)
	return ch
}

// fire makes every timer armed so far go off.
func (c *manualClock) fire() {
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, ch := range c.armed {
		ch <- time.Time{}
	}
	c.armed = nil
}

// start runs a server until the test ends; stop ends it earlier and
// checks Run returned cleanly.
func start(t testing.TB, b Builder, opt Options) (s *Server, stop func()) {
	t.Helper()
	s, err := New(b, opt)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- s.Run(ctx) }()
	var once sync.Once
	stop = func() {
		once.Do(func() {
			cancel()
			select {
			case err := <-done:
				if err != nil {
					t.Errorf("Run: %v", err)
				}
			case <-time.After(patience):
				t.Errorf("Run did not return after cancel")
			}
		})
	}
	t.Cleanup(stop)
	return s, stop
}

// writeFile writes a file below dir, making its folders.
func writeFile(t testing.TB, dir, name, body string) {
	t.Helper()
	p := filepath.Join(dir, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
}

// sse reads a server-sent event stream.
type sse struct {
	resp *http.Response
	r    *bufio.Reader
}

// connect opens the event stream and waits until the server has taken the
// browser in. ctx bounds the whole stream.
func connect(t testing.TB, ctx context.Context, client *http.Client, url string) *sse {
	t.Helper()
	c, err := dial(ctx, client, url+"__binome/events")
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// dial is connect for goroutines other than the test's; it takes the
// stream's URL.
func dial(ctx context.Context, client *http.Client, url string) (*sse, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return nil, err
	}
	resp, err := client.Do(req)
	if err != nil {
		return nil, err
	}
	if resp.StatusCode != http.StatusOK || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/event-stream") {
		resp.Body.Close()
		return nil, fmt.Errorf("events: %s %s", resp.Status, resp.Header.Get("Content-Type"))
	}
	c := &sse{resp: resp, r: bufio.NewReader(resp.Body)}
	for {
		line, err := c.r.ReadString('\n')
		if err != nil {
			resp.Body.Close()
			return nil, fmt.Errorf("reading the stream's greeting: %w", err)
		}
		if line == "\n" {
			return c, nil
		}
	}
}

// next returns the next named event, skipping comments.
func (c *sse) next() (name, data string, err error) {
	for {
		line, err := c.r.ReadString('\n')
		if err != nil {
			return "", "", err
		}
		line = strings.TrimSuffix(line, "\n")
		switch {
		case line == "":
			if name != "" {
				return name, data, nil
			}
		case strings.HasPrefix(line, "event: "):
			name = strings.TrimPrefix(line, "event: ")
		case strings.HasPrefix(line, "data: "):
			data = strings.TrimPrefix(line, "data: ")
		}
	}
}

func (c *sse) close() { c.resp.Body.Close() }
