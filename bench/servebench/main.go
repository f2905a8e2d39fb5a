// Command servebench measures how long an author waits between saving a
// Markdown file and the browser being told to reload, for `binome serve` and
// for `hugo server` on the same corpus.
//
// For each tool it starts the server on a free port, waits until it answers,
// subscribes the way the browser does (binome: the server-sent events at
// /__binome/events; Hugo: the LiveReload protocol over the websocket at
// /livereload), then appends a unique sentence to one page, times the
// write's completion → the reload message, and times the write → a GET of
// the page that contains the sentence (the reload the browser then does).
// It reads the server's resident memory from /proc after start and after the
// edits. The edited file gets its bytes back at the end.
//
//	go run ./bench/servebench -source bench/out/corpus-1000 -binome bench/out/binome
//
// bench/serve.sh wraps it; bench/README.md says how to read the numbers.
package main

import (
	"bufio"
	"context"
	"crypto/rand"
	"crypto/sha1"
	"encoding/base64"
	"encoding/binary"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"
)

// config is what the flags set.
type config struct {
	source  string        // the corpus: site root with content/
	binome  string        // binome binary, "" to skip
	hugo    string        // hugo binary, "" to skip
	page    string        // content file edited, relative to source
	edit    string        // what each edit changes: "body" or "title"
	edits   int           // counted edits per tool
	timeout time.Duration // per edit, for the reload and for the page
	ready   time.Duration // for the server's first answer
	settle  time.Duration // quiet time after each edit, before the next
	logs    string        // folder for the servers' output
}

func main() {
	var c config
	flag.StringVar(&c.source, "source", "", "corpus folder (site root holding content/)")
	flag.StringVar(&c.binome, "binome", "bench/out/binome", `binome binary ("" to skip binome)`)
	flag.StringVar(&c.hugo, "hugo", "hugo", `hugo binary ("" to skip Hugo)`)
	flag.StringVar(&c.edit, "edit", "body", `what each edit changes: "body" (a line appended) or "title" (the frontmatter title)`)
	flag.StringVar(&c.page, "page", "", "content file to edit, relative to -source (default: the first guide by name)")
	flag.IntVar(&c.edits, "edits", 25, "counted edits per tool (one more, uncounted, goes first)")
	flag.DurationVar(&c.timeout, "timeout", 30*time.Second, "wait at most this long for each reload and each updated page")
	flag.DurationVar(&c.ready, "ready", 10*time.Minute, "wait at most this long for a server to start answering")
	flag.DurationVar(&c.settle, "settle", time.Second, "pause after each edit so late events do not count for the next")
	flag.StringVar(&c.logs, "logs", os.TempDir(), "folder for the servers' stdout and stderr")
	flag.Parse()
	if c.source == "" || flag.NArg() > 0 || c.edits < 1 || (c.edit != "body" && c.edit != "title") {
		fmt.Fprintln(os.Stderr, "usage: servebench -source CORPUS [-binome BIN] [-hugo BIN] [-page content/x.md] [-edit body|title] [-edits N]")
		os.Exit(2)
	}
	if err := run(c); err != nil {
		fmt.Fprintf(os.Stderr, "servebench: %v\n", err)
		os.Exit(1)
	}
}

func run(c config) error {
	if c.page == "" {
		p, err := firstGuide(c.source)
		if err != nil {
			return err
		}
		c.page = p
	}
	file := filepath.Join(c.source, c.page)
	original, err := os.ReadFile(file)
	if err != nil {
		return err
	}
	// Give the page its bytes back whatever happens, so the corpus stays
	// the one its seed describes.
	defer os.WriteFile(file, original, 0o644)

	var results []result
	for _, t := range tools(c) {
		fmt.Fprintf(os.Stderr, "servebench: %s: starting\n", t.name)
		r, err := measure(c, t, file)
		if werr := os.WriteFile(file, original, 0o644); err == nil {
			err = werr
		}
		if err != nil {
			return fmt.Errorf("%s: %w", t.name, err)
		}
		results = append(results, r)
	}
	fmt.Printf("Edited the %s of `%s` (%d counted edits after one uncounted; timeout %s each).\n\n", c.edit, c.page, c.edits, c.timeout)
	printTable(os.Stdout, results)
	return nil
}

// firstGuide picks a page every corpus has: the first guide by name.
func firstGuide(source string) (string, error) {
	m, err := filepath.Glob(filepath.Join(source, "content", "guides", "*.md"))
	if err != nil {
		return "", err
	}
	sort.Strings(m)
	for _, p := range m {
		if filepath.Base(p) != "_index.md" {
			return filepath.Rel(source, p)
		}
	}
	return "", fmt.Errorf("no guide under %s/content/guides; pass -page", source)
}

// tool says how to start one server and how to hear its reloads.
type tool struct {
	name   string
	start  func(port int) *exec.Cmd
	listen func(ctx context.Context, base string, events chan<- event) error
}

// event is one message from the server to the browser, stamped when read.
type event struct {
	at     time.Time
	reload bool   // false: some other message (an error page, a hello)
	text   string // for the report when it is not a reload
}

func tools(c config) []tool {
	var ts []tool
	if c.binome != "" {
		ts = append(ts, tool{
			name: "binome serve",
			start: func(port int) *exec.Cmd {
				return exec.Command(c.binome, "serve", "--source", c.source, "--port", strconv.Itoa(port))
			},
			listen: listenSSE,
		})
	}
	if c.hugo != "" {
		ts = append(ts, tool{
			name: "hugo server",
			start: func(port int) *exec.Cmd {
				return exec.Command(c.hugo, "server", "-s", c.source, "-p", strconv.Itoa(port), "--bind", "127.0.0.1",
					"--disableFastRender=false")
			},
			listen: listenLiveReload,
		})
	}
	return ts
}

// result is what one tool measured.
type result struct {
	name       string
	startup    time.Duration   // start → first 200 on /
	first      time.Duration   // the uncounted first edit's reload latency
	reload     []time.Duration // write → reload message
	page       []time.Duration // write → GET of the page shows the edit
	staleGETs  int             // GETs after the reload that still showed the old page
	timeouts   int
	extra      int   // messages beyond the one reload per edit
	rssStart   int64 // kB
	rssEnd     int64 // kB
	rssPeak    int64 // kB, VmHWM at the end
	otherTexts []string
}

func measure(c config, t tool, file string) (result, error) {
	r := result{name: t.name}
	port, err := freePort()
	if err != nil {
		return r, err
	}
	base := fmt.Sprintf("http://127.0.0.1:%d", port)
	cmd := t.start(port)
	logPath := filepath.Join(c.logs, "servebench-"+strings.Fields(t.name)[0]+".log")
	logFile, err := os.Create(logPath)
	if err != nil {
		return r, err
	}
	defer logFile.Close()
	cmd.Stdout, cmd.Stderr = logFile, logFile
	began := time.Now()
	if err := cmd.Start(); err != nil {
		return r, err
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	defer stop(cmd, exited)

	if err := waitReady(base+"/", c.ready, exited); err != nil {
		return r, fmt.Errorf("%w (server output: %s)", err, logPath)
	}
	r.startup = time.Since(began)
	r.rssStart, _ = memory(cmd.Process.Pid)

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	events := make(chan event, 64)
	listening := make(chan error, 1)
	go func() { listening <- t.listen(ctx, base, events) }()

	pageURL := base + pagePath(c.page)
	if code, _, err := get(pageURL); err != nil || code != http.StatusOK {
		return r, fmt.Errorf("GET %s: status %d, %v", pageURL, code, err)
	}

	for i := 0; i <= c.edits; i++ {
		// Let late messages of the last edit arrive, then forget them.
		drain(events, &r, c.settle)
		token := fmt.Sprintf("servebench%dx%d", i, time.Now().UnixNano())
		var wrote time.Time
		if c.edit == "title" {
			wrote, err = setTitle(file, "Serve benchmark edit "+token)
		} else {
			wrote, err = appendLine(file, "\n\nServe benchmark edit "+token+".\n")
		}
		if err != nil {
			return r, err
		}
		got, err := waitReload(events, wrote.Add(c.timeout), listening, &r)
		if errors.Is(err, errTimeout) {
			r.timeouts++
			if r.timeouts >= 3 {
				return r, fmt.Errorf("%d reloads never came (server output: %s)", r.timeouts, logPath)
			}
			continue
		}
		if err != nil {
			return r, err
		}
		shown, stale, err := waitPage(pageURL, token, wrote.Add(c.timeout))
		if i == 0 {
			r.first = got.Sub(wrote)
			continue
		}
		r.reload = append(r.reload, got.Sub(wrote))
		r.staleGETs += stale
		if err == nil {
			r.page = append(r.page, shown.Sub(wrote))
		}
	}
	drain(events, &r, c.settle)
	r.rssEnd, r.rssPeak = memory(cmd.Process.Pid)
	return r, nil
}

// pagePath is the pretty URL of a content file: content/guides/x.md →
// /guides/x/, the same in both tools for the corpus.
func pagePath(rel string) string {
	rel = filepath.ToSlash(strings.TrimPrefix(filepath.ToSlash(rel), "content/"))
	return "/" + strings.TrimSuffix(rel, ".md") + "/"
}

func freePort() (int, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port, nil
}

// stop asks the server to end, as Ctrl-C does, and kills it if it lingers.
func stop(cmd *exec.Cmd, exited <-chan error) {
	_ = cmd.Process.Signal(os.Interrupt)
	select {
	case <-exited:
	case <-time.After(10 * time.Second):
		_ = cmd.Process.Kill()
		<-exited
	}
}

// waitReady polls url until it answers 200, the server exits or the time is up.
func waitReady(url string, limit time.Duration, exited <-chan error) error {
	deadline := time.Now().Add(limit)
	for time.Now().Before(deadline) {
		select {
		case err := <-exited:
			return fmt.Errorf("server exited before answering: %v", err)
		default:
		}
		if code, _, err := get(url); err == nil && code == http.StatusOK {
			return nil
		}
		time.Sleep(50 * time.Millisecond)
	}
	return fmt.Errorf("no answer from %s within %s", url, limit)
}

func get(url string) (int, []byte, error) {
	resp, err := http.Get(url)
	if err != nil {
		return 0, nil, err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	return resp.StatusCode, b, err
}

// appendLine appends s to file and returns when the write was closed: the
// moment an editor's save is done.
func appendLine(file, s string) (time.Time, error) {
	f, err := os.OpenFile(file, os.O_WRONLY|os.O_APPEND, 0)
	if err != nil {
		return time.Time{}, err
	}
	if _, err := f.WriteString(s); err != nil {
		f.Close()
		return time.Time{}, err
	}
	if err := f.Close(); err != nil {
		return time.Time{}, err
	}
	return time.Now(), nil
}

// setTitle rewrites the file with a new title in its frontmatter, as an
// editor saving it does, and returns when that was done. A title shows on
// other pages (lists, navigation), so a generator cannot limit the work
// to the page's own text.
func setTitle(file, title string) (time.Time, error) {
	b, err := os.ReadFile(file)
	if err != nil {
		return time.Time{}, err
	}
	rx := regexp.MustCompile(`(?m)^title:.*$`)
	loc := rx.FindIndex(b)
	if loc == nil {
		return time.Time{}, fmt.Errorf("%s has no title: line", file)
	}
	out := slices.Concat(b[:loc[0]], []byte("title: "+strconv.Quote(title)), b[loc[1]:])
	if err := os.WriteFile(file, out, 0o644); err != nil {
		return time.Time{}, err
	}
	return time.Now(), nil
}

var errTimeout = errors.New("timed out")

// waitReload returns the time of the next reload message.
func waitReload(events <-chan event, deadline time.Time, listening <-chan error, r *result) (time.Time, error) {
	timer := time.NewTimer(time.Until(deadline))
	defer timer.Stop()
	for {
		select {
		case ev := <-events:
			if ev.reload {
				return ev.at, nil
			}
			r.otherTexts = append(r.otherTexts, ev.text)
		case err := <-listening:
			return time.Time{}, fmt.Errorf("event stream ended: %v", err)
		case <-timer.C:
			return time.Time{}, errTimeout
		}
	}
}

// waitPage GETs url, as the browser does after a reload, until the body
// holds token; it returns when it did and how many GETs came back stale.
func waitPage(url, token string, deadline time.Time) (time.Time, int, error) {
	stale := 0
	for time.Now().Before(deadline) {
		_, b, err := get(url)
		if err == nil && strings.Contains(string(b), token) {
			return time.Now(), stale, nil
		}
		stale++
		time.Sleep(5 * time.Millisecond)
	}
	return time.Time{}, stale, errTimeout
}

// drain waits d, counting and dropping the messages that come meanwhile.
func drain(events <-chan event, r *result, d time.Duration) {
	timer := time.NewTimer(d)
	defer timer.Stop()
	for {
		select {
		case ev := <-events:
			if ev.reload {
				r.extra++
			} else {
				r.otherTexts = append(r.otherTexts, ev.text)
			}
		case <-timer.C:
			return
		}
	}
}

// memory returns the resident set now and at its peak, in kB, from
// /proc/PID/status; zeros when it cannot be read.
func memory(pid int) (rss, peak int64) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0, 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		name, value, ok := strings.Cut(line, ":")
		if !ok {
			continue
		}
		fields := strings.Fields(value)
		if len(fields) == 0 {
			continue
		}
		n, _ := strconv.ParseInt(fields[0], 10, 64)
		switch name {
		case "VmRSS":
			rss = n
		case "VmHWM":
			peak = n
		}
	}
	return rss, peak
}

// listenSSE reads binome's server-sent events until ctx ends.
func listenSSE(ctx context.Context, base string, events chan<- event) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, base+"/__binome/events", nil)
	if err != nil {
		return err
	}
	req.Header.Set("Accept", "text/event-stream")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("GET /__binome/events: %s", resp.Status)
	}
	sc := bufio.NewScanner(resp.Body)
	sc.Buffer(make([]byte, 64<<10), 16<<20)
	var name, data string
	for sc.Scan() {
		line := sc.Text()
		switch {
		case line == "":
			if name != "" {
				events <- event{at: time.Now(), reload: name == "reload", text: name + ": " + data}
			}
			name, data = "", ""
		case strings.HasPrefix(line, "event:"):
			name = strings.TrimSpace(strings.TrimPrefix(line, "event:"))
		case strings.HasPrefix(line, "data:"):
			data = strings.TrimSpace(strings.TrimPrefix(line, "data:"))
		}
	}
	return sc.Err()
}

// listenLiveReload speaks the LiveReload protocol to Hugo over a websocket:
// hello, then a JSON message per change, {"command":"reload",...}.
func listenLiveReload(ctx context.Context, base string, events chan<- event) error {
	ws, err := dialWebsocket(ctx, base+"/livereload", base)
	if err != nil {
		return err
	}
	defer ws.Close()
	go func() { <-ctx.Done(); ws.Close() }()
	hello := `{"command":"hello","protocols":["http://livereload.com/protocols/official-7"]}`
	if err := ws.write(opText, []byte(hello)); err != nil {
		return err
	}
	for {
		msg, err := ws.read()
		if err != nil {
			return err
		}
		var m struct {
			Command string `json:"command"`
		}
		if err := json.Unmarshal(msg, &m); err != nil {
			return fmt.Errorf("livereload message %q: %w", msg, err)
		}
		switch m.Command {
		case "hello":
		case "reload":
			events <- event{at: time.Now(), reload: true}
		default:
			events <- event{at: time.Now(), text: string(msg)}
		}
	}
}

// Websocket opcodes (RFC 6455, section 5.2).
const (
	opContinue = 0x0
	opText     = 0x1
	opClose    = 0x8
	opPing     = 0x9
	opPong     = 0xA
)

// websocket is the client end of one connection: enough of RFC 6455 to
// read text messages and answer pings, so the benchmark needs no module.
type websocket struct {
	conn io.ReadWriteCloser
	r    *bufio.Reader
	mu   sync.Mutex // writes come from the reader (pongs) and the caller
}

// dialWebsocket opens url (http://…) and upgrades it. net/http hands the
// raw connection back as the body of a 101 response.
func dialWebsocket(ctx context.Context, url, origin string) (*websocket, error) {
	nonce := make([]byte, 16)
	rand.Read(nonce)
	key := base64.StdEncoding.EncodeToString(nonce)
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return nil, err
	}
	req.Header.Set("Connection", "Upgrade")
	req.Header.Set("Upgrade", "websocket")
	req.Header.Set("Sec-WebSocket-Version", "13")
	req.Header.Set("Sec-WebSocket-Key", key)
	req.Header.Set("Origin", origin)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return nil, err
	}
	if resp.StatusCode != http.StatusSwitchingProtocols {
		resp.Body.Close()
		return nil, fmt.Errorf("GET %s: %s, want 101 Switching Protocols", url, resp.Status)
	}
	sum := sha1.Sum([]byte(key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"))
	if got, want := resp.Header.Get("Sec-WebSocket-Accept"), base64.StdEncoding.EncodeToString(sum[:]); got != want {
		resp.Body.Close()
		return nil, fmt.Errorf("GET %s: Sec-WebSocket-Accept %q, want %q", url, got, want)
	}
	conn, ok := resp.Body.(io.ReadWriteCloser)
	if !ok {
		return nil, fmt.Errorf("GET %s: upgraded body is not writable", url)
	}
	return &websocket{conn: conn, r: bufio.NewReader(conn)}, nil
}

func (ws *websocket) Close() error { return ws.conn.Close() }

// read returns the next complete data message, answering pings meanwhile.
func (ws *websocket) read() ([]byte, error) {
	var msg []byte
	for {
		var h [2]byte
		if _, err := io.ReadFull(ws.r, h[:]); err != nil {
			return nil, err
		}
		fin, op := h[0]&0x80 != 0, h[0]&0x0f
		masked, n := h[1]&0x80 != 0, uint64(h[1]&0x7f)
		switch n {
		case 126:
			var b [2]byte
			if _, err := io.ReadFull(ws.r, b[:]); err != nil {
				return nil, err
			}
			n = uint64(binary.BigEndian.Uint16(b[:]))
		case 127:
			var b [8]byte
			if _, err := io.ReadFull(ws.r, b[:]); err != nil {
				return nil, err
			}
			n = binary.BigEndian.Uint64(b[:])
		}
		if n > 16<<20 {
			return nil, fmt.Errorf("websocket frame of %d bytes", n)
		}
		var mask [4]byte
		if masked { // servers must not mask, but reading it costs nothing
			if _, err := io.ReadFull(ws.r, mask[:]); err != nil {
				return nil, err
			}
		}
		payload := make([]byte, n)
		if _, err := io.ReadFull(ws.r, payload); err != nil {
			return nil, err
		}
		if masked {
			for i := range payload {
				payload[i] ^= mask[i%4]
			}
		}
		switch op {
		case opClose:
			return nil, io.EOF
		case opPing:
			if err := ws.write(opPong, payload); err != nil {
				return nil, err
			}
			continue
		case opPong:
			continue
		}
		msg = append(msg, payload...)
		if fin {
			return msg, nil
		}
	}
}

// write sends one unfragmented frame, masked as a client must.
func (ws *websocket) write(op byte, payload []byte) error {
	frame := []byte{0x80 | op}
	switch n := len(payload); {
	case n < 126:
		frame = append(frame, 0x80|byte(n))
	case n <= math.MaxUint16:
		frame = append(frame, 0x80|126)
		frame = binary.BigEndian.AppendUint16(frame, uint16(n))
	default:
		frame = append(frame, 0x80|127)
		frame = binary.BigEndian.AppendUint64(frame, uint64(n))
	}
	var mask [4]byte
	rand.Read(mask[:])
	frame = append(frame, mask[:]...)
	for i, b := range payload {
		frame = append(frame, b^mask[i%4])
	}
	ws.mu.Lock()
	defer ws.mu.Unlock()
	_, err := ws.conn.Write(frame)
	return err
}

// percentile returns the nearest-rank p-th percentile (0 < p ≤ 1).
func percentile(ds []time.Duration, p float64) time.Duration {
	if len(ds) == 0 {
		return 0
	}
	s := append([]time.Duration(nil), ds...)
	sort.Slice(s, func(i, j int) bool { return s[i] < s[j] })
	i := int(math.Ceil(p*float64(len(s)))) - 1
	return s[max(i, 0)]
}

func ms(d time.Duration) string {
	if d >= 10*time.Second {
		return fmt.Sprintf("%.1f s", d.Seconds())
	}
	return fmt.Sprintf("%.0f ms", float64(d)/float64(time.Millisecond))
}

func mib(kb int64) string { return fmt.Sprintf("%.0f MiB", float64(kb)/1024) }

func printTable(w io.Writer, rs []result) {
	fmt.Fprintln(w, "| tool | startup | edit → reload p50 / p95 / max | edit → page shows it p50 / p95 / max | first edit → reload | RSS after start | RSS after edits (peak) | timeouts, stale GETs, extra reloads |")
	fmt.Fprintln(w, "| --- | --- | --- | --- | --- | --- | --- | --- |")
	for _, r := range rs {
		page := "–"
		if len(r.page) > 0 {
			page = fmt.Sprintf("%s / %s / %s", ms(percentile(r.page, .5)), ms(percentile(r.page, .95)), ms(percentile(r.page, 1)))
		}
		fmt.Fprintf(w, "| %s | %s | %s / %s / %s | %s | %s | %s | %s (%s) | %d, %d, %d |\n",
			r.name, ms(r.startup),
			ms(percentile(r.reload, .5)), ms(percentile(r.reload, .95)), ms(percentile(r.reload, 1)),
			page, ms(r.first), mib(r.rssStart), mib(r.rssEnd), mib(r.rssPeak),
			r.timeouts, r.staleGETs, r.extra)
	}
	for _, r := range rs {
		if len(r.otherTexts) > 0 {
			fmt.Fprintf(w, "\n%s also sent %d other message(s), first: %.300s\n", r.name, len(r.otherTexts), r.otherTexts[0])
		}
	}
}
