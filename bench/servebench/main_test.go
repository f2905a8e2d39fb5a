package main

import (
	"bufio"
	"bytes"
	"strings"
	"testing"
	"time"
)

// loopback is a connection whose writes come back as reads.
type loopback struct{ bytes.Buffer }

func (*loopback) Close() error { return nil }

func TestWebsocketFramesRoundTrip(t *testing.T) {
	for _, n := range []int{0, 5, 125, 126, 65535, 65536} {
		conn := &loopback{}
		ws := &websocket{conn: conn, r: bufio.NewReader(conn)}
		msg := strings.Repeat("x", n)
		if err := ws.write(opText, []byte(msg)); err != nil {
			t.Fatal(err)
		}
		got, err := ws.read()
		if err != nil || string(got) != msg {
			t.Errorf("%d bytes: read %d bytes, %v", n, len(got), err)
		}
	}
}

func TestWebsocketReadAnswersPingAndJoinsFragments(t *testing.T) {
	in := []byte{
		0x01, 3, 'a', 'b', 'c', // text, not final
		0x89, 2, 'h', 'i', // ping between fragments
		0x80, 2, 'd', 'e', // final continuation
	}
	out := &loopback{}
	ws := &websocket{conn: out, r: bufio.NewReader(bytes.NewReader(in))}
	got, err := ws.read()
	if err != nil || string(got) != "abcde" {
		t.Fatalf("read = %q, %v; want abcde", got, err)
	}
	pong := out.Bytes()
	if len(pong) != 8 || pong[0] != 0x80|opPong || pong[1] != 0x80|2 || pong[6]^pong[2] != 'h' || pong[7]^pong[3] != 'i' {
		t.Errorf("pong frame = % x, want a masked pong of \"hi\"", pong)
	}
}

func TestPercentileNearestRank(t *testing.T) {
	var ds []time.Duration
	for i := 25; i >= 1; i-- {
		ds = append(ds, time.Duration(i))
	}
	for p, want := range map[float64]time.Duration{.5: 13, .95: 24, 1: 25} {
		if got := percentile(ds, p); got != want {
			t.Errorf("percentile(1..25, %v) = %d, want %d", p, got, want)
		}
	}
}

func TestPagePath(t *testing.T) {
	if got := pagePath("content/guides/first-meeting.md"); got != "/guides/first-meeting/" {
		t.Errorf("pagePath = %q", got)
	}
}
