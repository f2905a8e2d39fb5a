// Package source holds the position and error types every stage uses to
// point an author at the exact place of a problem: "path:line:col: message".
//
// Paths are slash-separated and relative to the site root
// (content/guides/first-meeting.md), the form editors jump to.
package source

import (
	"errors"
	"fmt"
	"sort"
	"strings"
)

// Pos is a place in a file. Line and Col start at 1; zero means unknown.
type Pos struct {
	Path string
	Line int
	Col  int
}

// String formats the position as path:line:col, leaving out unknown parts.
func (p Pos) String() string {
	var b strings.Builder
	b.WriteString(p.Path)
	if p.Line > 0 {
		fmt.Fprintf(&b, ":%d", p.Line)
		if p.Col > 0 {
			fmt.Fprintf(&b, ":%d", p.Col)
		}
	}
	return b.String()
}

// Error is a problem in an author's file. It prints as
// "path:line:col: message" followed, when there is one, by a hint on how
// to fix it, and wraps its cause for errors.Is and errors.As.
type Error struct {
	Pos  Pos
	Msg  string
	Hint string
	Err  error
}

// Errorf returns an *Error at pos with a formatted message.
func Errorf(pos Pos, format string, args ...any) *Error {
	return &Error{Pos: pos, Msg: fmt.Sprintf(format, args...)}
}

// WithHint sets the hint and returns e, for chaining.
func (e *Error) WithHint(format string, args ...any) *Error {
	e.Hint = fmt.Sprintf(format, args...)
	return e
}

// Wrap sets the cause and returns e, for chaining.
func (e *Error) Wrap(err error) *Error {
	e.Err = err
	return e
}

func (e *Error) Error() string {
	var b strings.Builder
	if s := e.Pos.String(); s != "" {
		b.WriteString(s)
		b.WriteString(": ")
	}
	b.WriteString(e.Msg)
	if e.Msg == "" && e.Err != nil {
		b.WriteString(e.Err.Error())
	}
	if e.Hint != "" {
		b.WriteString("\n\thint: ")
		b.WriteString(e.Hint)
	}
	return b.String()
}

func (e *Error) Unwrap() error { return e.Err }

// List gathers the problems of a whole build so they can be reported
// together, sorted by place, instead of stopping at the first.
// The zero value is ready to use; it is not safe for concurrent use.
type List []error

// Add appends err unless it is nil; a joined error is flattened.
func (l *List) Add(err error) {
	if err == nil {
		return
	}
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		for _, e := range j.Unwrap() {
			l.Add(e)
		}
		return
	}
	*l = append(*l, err)
}

// Err returns the sorted list as one error, or nil when it is empty.
func (l List) Err() error {
	if len(l) == 0 {
		return nil
	}
	Sort(l)
	return errors.Join(l...)
}

// Sort orders errors by path, line and column, then by text, so two runs
// print the same report.
func Sort(errs []error) {
	sort.SliceStable(errs, func(i, j int) bool {
		pi, pj := posOf(errs[i]), posOf(errs[j])
		if pi.Path != pj.Path {
			return pi.Path < pj.Path
		}
		if pi.Line != pj.Line {
			return pi.Line < pj.Line
		}
		if pi.Col != pj.Col {
			return pi.Col < pj.Col
		}
		return errs[i].Error() < errs[j].Error()
	})
}

func posOf(err error) Pos {
	var e *Error
	if errors.As(err, &e) {
		return e.Pos
	}
	return Pos{}
}

// Flatten returns the individual errors inside err (joined errors are
// opened), in order.
func Flatten(err error) []error {
	if err == nil {
		return nil
	}
	var l List
	l.Add(err)
	return l
}
