package serve

import (
	"encoding/json"
	"net/http"
	"sync"
	"time"
)

// hub fans build outcomes out to the browsers' event streams and remembers
// whether the site is broken, so a browser that connects then is told at
// once.
type hub struct {
	mu      sync.Mutex
	clients map[*stream]struct{}
	broken  []byte        // the current "error" event, nil when the last build succeeded
	last    []byte        // the last "reload" event
	done    chan struct{} // closed on shutdown: every stream ends
	closed  bool
}

// stream is one browser's connection. It holds at most one event: a newer
// one replaces an unsent older one, since each event says all a browser
// needs (reload, or here are the errors now).
type stream struct {
	next chan []byte
}

func newHub() *hub {
	return &hub{clients: make(map[*stream]struct{}), done: make(chan struct{})}
}

// errorEvent is the data of an "error" event.
type errorEvent struct {
	Errors []errorText `json:"errors"`
}

type errorText struct {
	Text string `json:"text"`
}

// setError records the errors of a failed build and tells every browser.
func (h *hub) setError(texts []string) {
	ev := errorEvent{Errors: make([]errorText, len(texts))}
	for i, t := range texts {
		ev.Errors[i].Text = t
	}
	msg := format("error", ev)
	h.mu.Lock()
	defer h.mu.Unlock()
	h.broken = msg
	h.send(msg)
}

// reload clears the errors of a failed build and tells every browser.
func (h *hub) reload(r reload) {
	msg := format("reload", r)
	h.mu.Lock()
	defer h.mu.Unlock()
	h.broken = nil
	h.last = msg
	h.send(msg)
}

// send hands msg to every stream, replacing an event a slow browser has not
// read yet rather than blocking the rebuild loop on it. h.mu is held.
func (h *hub) send(msg []byte) {
	for c := range h.clients {
		select {
		case <-c.next:
		default:
		}
		c.next <- msg // cannot block: emptied above, and only we send
	}
}

// join adds a stream, primed with the errors when the site is broken, or
// else, for a stale page, with the last reload, which that page missed. It
// returns nil after close.
func (h *hub) join(stale bool) *stream {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.closed {
		return nil
	}
	c := &stream{next: make(chan []byte, 1)}
	switch {
	case h.broken != nil:
		c.next <- h.broken
	case stale && h.last != nil:
		c.next <- h.last
	case stale:
		c.next <- format("reload", reload{Pages: []string{}, Styles: []string{}})
	}
	h.clients[c] = struct{}{}
	return c
}

func (h *hub) leave(c *stream) {
	h.mu.Lock()
	defer h.mu.Unlock()
	delete(h.clients, c)
}

// count returns the number of open streams.
func (h *hub) count() int {
	h.mu.Lock()
	defer h.mu.Unlock()
	return len(h.clients)
}

// close ends every stream and refuses new ones.
func (h *hub) close() {
	h.mu.Lock()
	defer h.mu.Unlock()
	if !h.closed {
		h.closed = true
		close(h.done)
	}
}

// format encodes one server-sent event. JSON has no raw newlines, so the
// data fits on one "data:" line.
func format(name string, v any) []byte {
	data, err := json.Marshal(v)
	if err != nil {
		panic(err) // our own plain structs always encode
	}
	b := make([]byte, 0, len(name)+len(data)+16)
	b = append(b, "event: "...)
	b = append(b, name...)
	b = append(b, "\ndata: "...)
	b = append(b, data...)
	return append(b, "\n\n"...)
}

// serveEvents streams events to one browser until it goes away or the
// server shuts down.
func (s *Server) serveEvents(w http.ResponseWriter, r *http.Request) {
	// A page from another build than the current one missed its reload
	// (a build ended while it loaded, or the server restarted): it gets it
	// now. Pages without a name (not ours) are left alone.
	b := r.URL.Query().Get("build")
	c := s.events.join(b != "" && b != s.state().build)
	if c == nil {
		http.Error(w, "server shutting down", http.StatusServiceUnavailable)
		return
	}
	defer s.events.leave(c)

	rc := http.NewResponseController(w)
	h := w.Header()
	h.Set("Content-Type", "text/event-stream; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	h.Set("X-Accel-Buffering", "no")
	w.WriteHeader(http.StatusOK)
	// retry: reconnect quickly after a restart of `binome serve`.
	if _, err := w.Write([]byte("retry: 1000\n: connected\n\n")); err != nil {
		return
	}
	if rc.Flush() != nil {
		return
	}

	beat := time.NewTicker(s.opt.heartbeat)
	defer beat.Stop()
	for {
		var msg []byte
		select {
		case <-r.Context().Done():
			return
		case <-s.events.done:
			return
		case <-beat.C:
			msg = []byte(": heartbeat\n\n")
		case msg = <-c.next:
		}
		// A browser that stopped reading must not hold this goroutine.
		_ = rc.SetWriteDeadline(time.Now().Add(10 * time.Second))
		if _, err := w.Write(msg); err != nil {
			return
		}
		if rc.Flush() != nil {
			return
		}
	}
}
