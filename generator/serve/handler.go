package serve

import (
	_ "embed"
	"fmt"
	"html"
	"io"
	"io/fs"
	"mime"
	"net"
	"net/http"
	"os"
	"path"
	"slices"
	"strconv"
	"strings"
	"time"
)

// The server's own URLs live under a prefix no page can have: content
// paths never start with "__".
const (
	scriptPath = "/__binome/reload.js"
	eventsPath = "/__binome/events"
)

// scriptTag loads the reload script; build names the build the page comes
// from.
func scriptTag(build string) string {
	return `<script src="/__binome/reload.js" data-build="` + html.EscapeString(build) + `" defer></script>`
}

// reloadJS listens to the event stream in every served page: it reloads,
// goes to the changed page, swaps stylesheets, or shows the build errors.
//
//go:embed reload.js
var reloadJS string

// Handler returns the server's HTTP handler: the site, the reload script
// and the event stream. Run serves it; tests may serve it themselves.
//
// Every response is marked no-store (a dev server's files change under the
// same name) and nosniff. Requests whose Host is not this machine or the
// bound address are refused (403), so a page on another site cannot reach
// the server through DNS rebinding; paths that try to leave the site, in
// any spelling, are refused (400) before the site sees them.
func (s *Server) Handler() http.Handler {
	return http.HandlerFunc(s.serveHTTP)
}

func (s *Server) serveHTTP(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Cache-Control", "no-store")
	if !s.hosts.allowed(r.Host) {
		http.Error(w, fmt.Sprintf("binome serve: host %q is not allowed here; open %s", r.Host, s.url), http.StatusForbidden)
		return
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		h.Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	name, ok := sitePath(r.URL.Path, r.URL.EscapedPath())
	if !ok {
		http.Error(w, "bad path", http.StatusBadRequest)
		return
	}
	switch r.URL.Path {
	case scriptPath:
		writeBody(w, r, http.StatusOK, "text/javascript; charset=utf-8", []byte(reloadJS))
		return
	case eventsPath:
		s.serveEvents(w, r)
		return
	}

	v := s.state()
	site := v.site
	if site == nil {
		serveBroken(w, r, v)
		return
	}
	if fsite, ok := site.(FileSite); ok {
		if f, ok := fsite.OpenFile(name); ok {
			defer f.Close()
			if rs, ok := f.(io.ReadSeeker); ok {
				// No time given: a file replaced is sent again, whatever
				// the browser kept.
				if t := typeByName(name); t != "" {
					w.Header().Set("Content-Type", t) // else ServeContent sniffs
				}
				http.ServeContent(w, r, name, time.Time{}, rs)
				return
			}
		}
	}
	if body, ok := site.Open(name); ok {
		serveFile(w, r, http.StatusOK, name, body, v.build)
		return
	}
	// "/guides/x" is the page "/guides/x/": send the browser there, so its
	// relative links resolve.
	if !strings.HasSuffix(name, "index.html") {
		if _, ok := site.Open(name + "/index.html"); ok {
			to := r.URL.EscapedPath() + "/"
			if r.URL.RawQuery != "" {
				to += "?" + r.URL.RawQuery
			}
			// Not permanent: the browser would remember it after the page
			// is renamed.
			http.Redirect(w, r, to, http.StatusFound)
			return
		}
	}
	if body, ok := site.Open("404.html"); ok {
		serveFile(w, r, http.StatusNotFound, "404.html", body, v.build)
		return
	}
	http.Error(w, "404 page not found", http.StatusNotFound)
}

// sitePath turns a request path into a Site.Open path: "/" and "/x/" name
// the index.html inside. It refuses anything that is not a plain relative
// path once decoded ("..", ".", empty elements, backslashes, NUL, control
// characters, drive letters), and encoded dots, slashes, backslashes and NULs
// in the raw path: no page needs them and they are how traversal hides.
func sitePath(decoded, escaped string) (string, bool) {
	raw := strings.ToLower(escaped)
	for _, bad := range []string{"%2e", "%2f", "%5c", "%00"} {
		if strings.Contains(raw, bad) {
			return "", false
		}
	}
	if !strings.HasPrefix(decoded, "/") {
		return "", false
	}
	for _, c := range []byte(decoded) {
		if c < 0x20 || c == 0x7f || c == '\\' || c == ':' {
			return "", false
		}
	}
	name := decoded[1:]
	if name == "" || strings.HasSuffix(name, "/") {
		name += "index.html"
	}
	if !fs.ValidPath(name) {
		return "", false
	}
	return name, true
}

// serveFile writes a file of the site, with the reload script in HTML.
func serveFile(w http.ResponseWriter, r *http.Request, status int, name string, body []byte, build string) {
	ct := contentType(name, body)
	if strings.HasPrefix(ct, "text/html") {
		body = inject(body, scriptTag(build))
	}
	writeBody(w, r, status, ct, body)
}

func writeBody(w http.ResponseWriter, r *http.Request, status int, contentType string, body []byte) {
	h := w.Header()
	h.Set("Content-Type", contentType)
	h.Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(status)
	if r.Method != http.MethodHead {
		w.Write(body)
	}
}

// contentType names the media type by extension. The common web types are
// written here rather than taken from mime.TypeByExtension, whose answers
// depend on the machine's /etc/mime.types (.js as application/javascript
// on one, text/javascript on another; no .webmanifest on most).
func contentType(name string, body []byte) string {
	if t := typeByName(name); t != "" {
		return t
	}
	return http.DetectContentType(body)
}

// typeByName is contentType by extension alone, "" when it is unknown.
func typeByName(name string) string {
	ext := strings.ToLower(path.Ext(name))
	switch ext {
	case ".html", ".htm":
		return "text/html; charset=utf-8"
	case ".css":
		return "text/css; charset=utf-8"
	case ".js", ".mjs":
		return "text/javascript; charset=utf-8"
	case ".json":
		return "application/json"
	case ".webmanifest":
		return "application/manifest+json"
	case ".svg":
		return "image/svg+xml"
	case ".xml":
		return "application/xml; charset=utf-8"
	case ".csv":
		return "text/csv; charset=utf-8"
	case ".txt":
		return "text/plain; charset=utf-8"
	}
	if t := mime.TypeByExtension(ext); ext != "" && t != "" {
		return t
	}
	return ""
}

// inject puts the reload script before the last </body>, or at the end
// when the minifier dropped that optional tag. It copies: the site's bytes
// may be shared by other requests.
func inject(body []byte, tag string) []byte {
	i := lastIndexFold(body, "</body")
	if i < 0 {
		i = len(body)
	}
	out := make([]byte, 0, len(body)+len(tag))
	out = append(out, body[:i]...)
	out = append(out, tag...)
	return append(out, body[i:]...)
}

// lastIndexFold is bytes.LastIndex ignoring ASCII case; bytes.ToLower
// could change the length of non-ASCII text and so shift the index.
func lastIndexFold(b []byte, sub string) int {
	for i := len(b) - len(sub); i >= 0; i-- {
		if strings.EqualFold(string(b[i:i+len(sub)]), sub) {
			return i
		}
	}
	return -1
}

// serveBroken answers every request while no build has ever succeeded: the
// errors, and the script that reloads when they are fixed.
func serveBroken(w http.ResponseWriter, r *http.Request, v view) {
	var b strings.Builder
	b.WriteString(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Build failed</title></head>`)
	b.WriteString(`<body style="font:15px/1.5 ui-monospace,Menlo,Consolas,monospace;margin:2rem"><h1>The site could not be built</h1>`)
	for _, e := range v.errs {
		b.WriteString(`<pre style="white-space:pre-wrap">`)
		b.WriteString(html.EscapeString(e))
		b.WriteString("</pre>")
	}
	b.WriteString("<p>Fix the files and save: this page reloads by itself.</p>")
	b.WriteString(scriptTag(v.build))
	b.WriteString("</body></html>")
	writeBody(w, r, http.StatusInternalServerError, "text/html; charset=utf-8", []byte(b.String()))
}

// hostCheck decides which Host headers the server answers. A DNS rebinding
// attack makes the browser send the attacker's domain name, so names are
// checked and IP literals trusted only when they are ours. The port is not
// checked: it says nothing about the attacker, and a forwarded port
// (a container's -p 8080:1313) would be refused for nothing.
type hostCheck struct {
	bindIP net.IP   // the bound address, nil when it is a name
	anyIP  bool     // bound to all interfaces: any of them may be asked
	names  []string // host names besides localhost
}

func newHostCheck(bind string) hostCheck {
	c := hostCheck{bindIP: net.ParseIP(bind)}
	switch {
	case c.bindIP == nil:
		c.names = append(c.names, strings.ToLower(bind))
	case c.bindIP.IsUnspecified():
		c.anyIP = true
		if name, err := os.Hostname(); err == nil && name != "" {
			c.names = append(c.names, strings.ToLower(name))
		}
	}
	return c
}

// allowed reports whether a request with this Host header is answered.
func (c hostCheck) allowed(hostport string) bool {
	if hostport == "" {
		return true // HTTP/1.0 without Host: no browser sends that
	}
	host := hostport
	if h, _, err := net.SplitHostPort(hostport); err == nil {
		host = h
	} else if strings.HasPrefix(host, "[") && strings.HasSuffix(host, "]") {
		host = host[1 : len(host)-1]
	}
	host = strings.ToLower(strings.TrimSuffix(host, "."))
	if ip := net.ParseIP(host); ip != nil {
		return ip.IsLoopback() || c.anyIP || ip.Equal(c.bindIP)
	}
	return host == "localhost" || slices.Contains(c.names, host)
}
