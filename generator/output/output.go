// Package output is the write stage: it receives finished files (a path
// relative to the site root and the bytes to serve) and puts them where they
// go, knowing nothing of pages.
//
// A build writes through a [Staging] directory beside the destination and
// swaps it in whole, so a failed build leaves the previous output untouched
// and files that no longer have a source disappear. A build that changes a
// few files of a large output uses an [Update] instead: only those files
// are staged, then renamed into place one by one. The dev server writes to
// a [Memory] sink instead. On the way, a [Minifier] shrinks HTML, CSS, JS,
// SVG, JSON and XML, [RewriteURLs] turns the theme's site-root-relative URLs
// into page-relative or base-path URLs, and [Fingerprint] names assets after
// their content.
//
// This is the only package that imports tdewolff/minify.
package output

import (
	"errors"
	"fmt"
	"io"
	"strings"
)

// Sink receives finished files.
//
// Path is slash-separated and relative to the site root
// ("guides/x/index.html"). Write must be safe for concurrent use and must
// reject, with an error, a path that [CheckPath] rejects, so that nothing is
// ever written outside the destination. Write may keep body: the caller must
// not modify it afterwards.
type Sink interface {
	Write(path string, body []byte) error
}

// A Copier is a Sink that can also take a file's bytes from a reader,
// for files published as they are (photos, PDFs, videos): the build
// then holds none of them whole. Copy returns the number of bytes
// written, and has the same rules as Write.
type Copier interface {
	Sink
	Copy(path string, r io.Reader) (int64, error)
}

// A Writer is a Sink done with a body once Write returns: it wrote the
// bytes out, or compared them with a file's, and keeps none. The caller
// may then reuse the body's memory. Staging and Update are; Memory, which
// keeps bodies, is not.
type Writer interface {
	Sink
	WritesOut()
}

// SinkFunc adapts a function to a [Sink]. The function must check the path
// itself (see [CheckPath]).
type SinkFunc func(path string, body []byte) error

// Write calls f(path, body).
func (f SinkFunc) Write(path string, body []byte) error { return f(path, body) }

// errBadPath is wrapped by every path rejection, so callers and tests can
// tell a programmer's bad path from an I/O failure.
var errBadPath = errors.New("invalid output path")

// CheckPath reports whether path is a safe output path: slash-separated,
// relative, with no empty, "." or ".." segment, no backslash and no NUL.
// Sinks call it before writing, so a bug upstream cannot write outside the
// destination.
func CheckPath(path string) error {
	bad := func(why string) error {
		return fmt.Errorf("%w %q: %s", errBadPath, path, why)
	}
	switch {
	case path == "":
		return bad("empty")
	case path[0] == '/':
		return bad("absolute")
	case strings.IndexByte(path, '\\') >= 0:
		return bad("contains a backslash")
	case strings.IndexByte(path, 0) >= 0:
		return bad("contains NUL")
	case len(path) >= 2 && path[1] == ':' && isLetter(path[0]):
		return bad("starts with a drive letter")
	}
	for seg := range strings.SplitSeq(path, "/") {
		switch seg {
		case "":
			return bad("has an empty segment")
		case ".", "..":
			return bad("has a " + seg + " segment")
		}
	}
	return nil
}

func isLetter(c byte) bool { return 'a' <= c|0x20 && c|0x20 <= 'z' }
