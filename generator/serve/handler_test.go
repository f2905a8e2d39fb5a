package serve

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"testing/fstest"

	"binome/generator/source"
)

// testFiles is the site handler tests serve.
func testFiles() map[string]string {
	return map[string]string{
		"index.html":           "<!doctype html><html><body><h1>Home</h1></body></html>",
		"guides/x/index.html":  "<!doctype html><html><BODY><p>x</p></Body></html>",
		"min/index.html":       "<!doctype html><title>min</title><p>no closing tags",
		"404.html":             "<!doctype html><html><body>not here</body></html>",
		"css/main.1a2b.css":    "body{color:red}",
		"js/search.js":         "console.log(1)",
		"manifest.webmanifest": `{"name":"binome"}`,
		"icon.svg":             "<svg/>",
		"sitemap.xml":          "<urlset/>",
		"index.json":           "{}",
		"impact/sessions.csv":  "month,sessions\n",
		"photo.png":            "\x89PNG\r\n\x1a\n",
	}
}

// newHandlerServer builds a server that watches nothing; bad is told about
// any path that reached Site.Open and should not have.
func newHandlerServer(t *testing.T, bad func(string)) *Server {
	t.Helper()
	b := BuilderFunc(func(ctx context.Context, changed []string) (*Update, error) {
		return &Update{Site: memSite{files: testFiles(), bad: bad}}, nil
	})
	s, err := New(b, Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// get sends a request as raw as a client can, target untouched.
func get(s *Server, method, target, host string) *httptest.ResponseRecorder {
	r := httptest.NewRequest(method, target, nil)
	r.Host = host
	w := httptest.NewRecorder()
	s.Handler().ServeHTTP(w, r)
	return w
}

func TestPathTraversalIsRefused(t *testing.T) {
	var mu sync.Mutex
	var leaked []string
	s := newHandlerServer(t, func(p string) {
		mu.Lock()
		defer mu.Unlock()
		leaked = append(leaked, p)
	})
	tests := []struct {
		target string
		want   int
	}{
		{"/../etc/passwd", 400},
		{"/guides/../../etc/passwd", 400},
		{"/guides/..", 400},
		{"/./index.html", 400},
		{"/%2e%2e/etc/passwd", 400},
		{"/%2E%2E/etc/passwd", 400},
		{"/.%2e/etc/passwd", 400},
		{"/guides%2f..%2f..%2fetc/passwd", 400},
		{"/..%2fetc%2fpasswd", 400},
		{"/..%5cetc%5cpasswd", 400},
		{"/..\\etc\\passwd", 400},
		{"/guides\\x", 400},
		{"//etc/passwd", 400},
		{"/guides//x/", 400},
		{"/C:/Windows/win.ini", 400},
		{"/index.html%00.png", 400},
		{"/a%0ab", 400},
		{"/%252e%252e/etc/passwd", 404}, // a literal "%2e%2e" folder: harmless, absent
		{"/etc/passwd", 404},
		{"/guides/x/", 200},
		{"/", 200},
	}
	for _, tt := range tests {
		t.Run(tt.target, func(t *testing.T) {
			w := get(s, "GET", tt.target, "127.0.0.1:1313")
			if w.Code != tt.want {
				t.Errorf("GET %q: %d, want %d", tt.target, w.Code, tt.want)
			}
		})
	}
	if len(leaked) > 0 {
		t.Errorf("Site.Open was asked for %q", leaked)
	}
}

// TestRawTraversalOverTheWire sends request lines a browser would clean
// first, or that httptest.NewRequest cannot make, straight over TCP to the
// running server.
func TestRawTraversalOverTheWire(t *testing.T) {
	b := BuilderFunc(func(ctx context.Context, changed []string) (*Update, error) {
		return &Update{Site: memSite{files: testFiles(), bad: func(p string) { t.Errorf("Site.Open(%q)", p) }}}, nil
	})
	s, _ := start(t, b, Options{})
	addr := strings.TrimSuffix(strings.TrimPrefix(s.URL(), "http://"), "/")
	for _, target := range []string{"/../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "/..%5c..%5cwin.ini", "/x/..\\..\\y", "/index.html\x00"} {
		conn, err := net.Dial("tcp", addr)
		if err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(conn, "GET %s HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n", target)
		resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		conn.Close()
		if resp.StatusCode != 400 {
			t.Errorf("GET %s over TCP: %d, want 400", target, resp.StatusCode)
		}
	}
}

func TestHostCheck(t *testing.T) {
	tests := []struct {
		bind, host string
		want       bool
	}{
		{"127.0.0.1", "localhost:1313", true},
		{"127.0.0.1", "localhost", true},
		{"127.0.0.1", "LOCALHOST:1313", true},
		{"127.0.0.1", "127.0.0.1:1313", true},
		{"127.0.0.1", "127.0.0.1", true},
		{"127.0.0.1", "[::1]:1313", true},
		{"127.0.0.1", "[::1]", true},
		{"127.0.0.1", "", true},
		{"127.0.0.1", "evil.example:1313", false},
		{"127.0.0.1", "evil.example", false},
		{"127.0.0.1", "127.0.0.1.evil.example", false},
		{"127.0.0.1", "localhost.evil.example", false},
		{"127.0.0.1", "sub.localhost", false},
		{"127.0.0.1", "192.168.1.10:1313", false},
		{"127.0.0.1", "2130706433", false}, // 127.0.0.1 as a number: a name to us
		{"192.168.1.10", "192.168.1.10:1313", true},
		{"192.168.1.10", "localhost:1313", true},
		{"192.168.1.10", "192.168.1.11:1313", false},
		{"192.168.1.10", "evil.example", false},
		{"mybox.lan", "mybox.lan:1313", true},
		{"mybox.lan", "evil.example:1313", false},
		{"0.0.0.0", "192.168.1.10:1313", true},
		{"0.0.0.0", "[fe80::1]:1313", true},
		{"0.0.0.0", "evil.example", false},
		{"::", "10.0.0.2", true},
	}
	for _, tt := range tests {
		t.Run(tt.bind+"/"+tt.host, func(t *testing.T) {
			if got := newHostCheck(tt.bind).allowed(tt.host); got != tt.want {
				t.Errorf("bound to %s, Host %q allowed = %v, want %v", tt.bind, tt.host, got, tt.want)
			}
		})
	}
}

// TestForeignHostIsForbidden is the DNS rebinding case seen from the
// handler: the page is there, but not for that Host.
func TestForeignHostIsForbidden(t *testing.T) {
	s := newHandlerServer(t, nil)
	if w := get(s, "GET", "/", "attacker.example:1313"); w.Code != http.StatusForbidden {
		t.Errorf("Host attacker.example: %d, want 403", w.Code)
	}
	if w := get(s, "GET", "/__binome/events", "attacker.example"); w.Code != http.StatusForbidden {
		t.Errorf("events for Host attacker.example: %d, want 403", w.Code)
	}
	if w := get(s, "GET", "/", "localhost:1313"); w.Code != http.StatusOK {
		t.Errorf("Host localhost: %d, want 200", w.Code)
	}
}

func TestServeSite(t *testing.T) {
	s := newHandlerServer(t, nil)
	tag := scriptTag(s.state().build)
	tests := []struct {
		method, target string
		status         int
		contentType    string
		body           string // contained in the body
		location       string
	}{
		{"GET", "/", 200, "text/html; charset=utf-8", "<h1>Home</h1>" + tag + "</body>", ""},
		{"GET", "/guides/x/", 200, "text/html; charset=utf-8", "<p>x</p>" + tag + "</Body>", ""},
		{"GET", "/min/", 200, "text/html; charset=utf-8", "no closing tags" + tag, ""},
		{"GET", "/guides/x", 302, "", "", "/guides/x/"},
		{"GET", "/guides/x?lang=fr", 302, "", "", "/guides/x/?lang=fr"},
		{"GET", "/guides/x/index.html", 200, "text/html; charset=utf-8", "<p>x</p>", ""},
		{"GET", "/nope/", 404, "text/html; charset=utf-8", "not here" + tag, ""},
		{"GET", "/guides", 404, "text/html; charset=utf-8", "not here", ""},
		{"GET", "/css/main.1a2b.css", 200, "text/css; charset=utf-8", "body{color:red}", ""},
		{"GET", "/js/search.js", 200, "text/javascript; charset=utf-8", "console.log(1)", ""},
		{"GET", "/manifest.webmanifest", 200, "application/manifest+json", `{"name"`, ""},
		{"GET", "/icon.svg", 200, "image/svg+xml", "<svg/>", ""},
		{"GET", "/sitemap.xml", 200, "application/xml; charset=utf-8", "<urlset/>", ""},
		{"GET", "/index.json", 200, "application/json", "{}", ""},
		{"GET", "/impact/sessions.csv", 200, "text/csv; charset=utf-8", "month", ""},
		{"GET", "/photo.png", 200, "image/png", "PNG", ""},
		{"GET", "/__binome/reload.js", 200, "text/javascript; charset=utf-8", "EventSource", ""},
		{"HEAD", "/", 200, "text/html; charset=utf-8", "", ""},
		{"POST", "/", 405, "", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.method+" "+tt.target, func(t *testing.T) {
			w := get(s, tt.method, tt.target, "localhost:1313")
			if w.Code != tt.status {
				t.Fatalf("status %d, want %d", w.Code, tt.status)
			}
			h := w.Header()
			if tt.contentType != "" && h.Get("Content-Type") != tt.contentType {
				t.Errorf("Content-Type %q, want %q", h.Get("Content-Type"), tt.contentType)
			}
			if !strings.Contains(w.Body.String(), tt.body) {
				t.Errorf("body %q does not contain %q", w.Body.String(), tt.body)
			}
			if tt.location != "" && h.Get("Location") != tt.location {
				t.Errorf("Location %q, want %q", h.Get("Location"), tt.location)
			}
			if h.Get("Cache-Control") != "no-store" || h.Get("X-Content-Type-Options") != "nosniff" {
				t.Errorf("Cache-Control %q, X-Content-Type-Options %q", h.Get("Cache-Control"), h.Get("X-Content-Type-Options"))
			}
			if tt.method == "HEAD" && (w.Body.Len() != 0 || h.Get("Content-Length") == "") {
				t.Errorf("HEAD: body %d bytes, Content-Length %q", w.Body.Len(), h.Get("Content-Length"))
			}
		})
	}
}

// TestInjectLeavesSiteBytes checks the script goes into a copy: the site's
// cached page must not grow a script per request.
func TestInjectLeavesSiteBytes(t *testing.T) {
	page := []byte("<html><body>x</body></html>")
	orig := string(page)
	got := inject(page[:len(page):len(page)], "<script></script>")
	if string(page) != orig {
		t.Errorf("inject changed its input to %q", page)
	}
	if want := "<html><body>x<script></script></body></html>"; string(got) != want {
		t.Errorf("inject = %q, want %q", got, want)
	}
	// Non-ASCII before the tag must not shift it.
	if got, want := string(inject([]byte("<body>İstanbul ÉTÉ</body>"), "<script></script>")), "<body>İstanbul ÉTÉ<script></script></body>"; got != want {
		t.Errorf("inject = %q, want %q", got, want)
	}
}

// TestFirstBuildFails serves the errors, escaped, until a build succeeds.
func TestFirstBuildFails(t *testing.T) {
	err := errors.Join(source.Errorf(source.Pos{Path: "content/a.md", Line: 3, Col: 1}, "unknown field %q", "<skils>").
		WithHint("did you mean %q?", "skills"))
	b := BuilderFunc(func(ctx context.Context, changed []string) (*Update, error) { return nil, err })
	s, e := New(b, Options{})
	if e != nil {
		t.Fatalf("New: %v (a failed first build should not stop the server)", e)
	}
	defer s.Close()
	w := get(s, "GET", "/guides/x/", "localhost")
	if w.Code != http.StatusInternalServerError {
		t.Errorf("status %d, want 500", w.Code)
	}
	body, _ := io.ReadAll(w.Body)
	for _, want := range []string{"content/a.md:3:1: unknown field &#34;&lt;skils&gt;&#34;", "hint: did you mean", scriptTag(s.state().build)} {
		if !strings.Contains(string(body), want) {
			t.Errorf("error page lacks %q:\n%s", want, body)
		}
	}
}

// fileSite is a memSite that hands over some files from disk.
type fileSite struct {
	memSite
	disk fstest.MapFS
}

func (f fileSite) OpenFile(p string) (fs.File, bool) {
	file, err := f.disk.Open(p)
	return file, err == nil
}

// A file the site hands over is sent from it as a stream, with ranges
// (a video's player seeks), the server's headers and its type.
func TestServeFileFromDisk(t *testing.T) {
	video := strings.Repeat("0123456789", 1000)
	b := BuilderFunc(func(ctx context.Context, changed []string) (*Update, error) {
		return &Update{Site: fileSite{memSite{files: testFiles()}, fstest.MapFS{"talks/intro.mp4": {Data: []byte(video)}}}}, nil
	})
	s, err := New(b, Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })

	w := get(s, "GET", "/talks/intro.mp4", "localhost:1313")
	if w.Code != 200 || w.Body.String() != video {
		t.Fatalf("GET: status %d, %d bytes, want 200 and the %d bytes of the file", w.Code, w.Body.Len(), len(video))
	}
	h := w.Header()
	if h.Get("Content-Type") != "video/mp4" || h.Get("Accept-Ranges") != "bytes" || h.Get("Cache-Control") != "no-store" {
		t.Errorf("headers %v", h)
	}
	r := httptest.NewRequest("GET", "/talks/intro.mp4", nil)
	r.Host = "localhost:1313"
	r.Header.Set("Range", "bytes=9995-10004")
	w = httptest.NewRecorder()
	s.Handler().ServeHTTP(w, r)
	if w.Code != http.StatusPartialContent || w.Body.String() != video[9995:] {
		t.Errorf("a range: status %d, body %q, want 206 and %q", w.Code, w.Body.String(), video[9995:])
	}
	// What the site does not hand over is served as before.
	if w := get(s, "GET", "/photo.png", "localhost:1313"); w.Code != 200 || !strings.Contains(w.Body.String(), "PNG") {
		t.Errorf("a file of Open: status %d, body %q", w.Code, w.Body.String())
	}
}
