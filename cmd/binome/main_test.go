package main

import (
	"context"
	"errors"
	"io"
	"io/fs"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/rogpeppe/go-internal/testscript"
)

// TestMain lets the test binary stand in for the binome command: scripts
// run "binome ..." as a real process, with its own exit status, stdout and
// stderr, exactly as an author would.
func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"binome": func() { os.Exit(Main(os.Args[1:], os.Stdout, os.Stderr)) },
	})
}

// TestScripts runs the command-line flows in testdata/script, each a small
// site written inline as txtar.
func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir: filepath.Join("testdata", "script"),
		// serve_*.txtar start `binome serve --port $FREEPORT`: the script
		// must know the address before the server prints it, since a
		// background command's output is read only once it has exited.
		Setup: func(env *testscript.Env) error {
			ln, err := net.Listen("tcp", "127.0.0.1:0")
			if err != nil {
				return err
			}
			defer ln.Close()
			env.Setenv("FREEPORT", strconv.Itoa(ln.Addr().(*net.TCPAddr).Port))
			return nil
		},
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			"status":   cmdStatus,
			"findtext": cmdFindText,
			"waitfor":  cmdWaitFor,
		},
	})
}

// cmdStatus runs a command and checks its exact exit status:
//
//	status 2 binome build --nope
//
// "! binome …" only says the command failed, and binome promises 1 for
// content errors and 2 for wrong usage. The command's stdout and stderr
// are kept for the stdout and stderr commands that follow.
func cmdStatus(ts *testscript.TestScript, neg bool, args []string) {
	if neg {
		ts.Fatalf("unsupported: ! status")
	}
	if len(args) < 2 {
		ts.Fatalf("usage: status CODE program [args...]")
	}
	want, err := strconv.Atoi(args[0])
	if err != nil {
		ts.Fatalf("status: bad exit code %q", args[0])
	}
	got := 0
	if err := ts.Exec(args[1], args[2:]...); err != nil {
		var ee *exec.ExitError
		if !errors.As(err, &ee) {
			ts.Fatalf("status: %v", err)
		}
		got = ee.ExitCode()
	}
	if got != want {
		ts.Fatalf("%s exited with status %d, want %d", args[1], got, want)
	}
}

// cmdFindText checks whether any file under a directory contains a text:
//
//	findtext public 'Léa Martin'
//	! findtext public 'camille.secret@example.com'
//
// The built-in grep reads one file; privacy checks must cover every file
// written (HTML, JSON search shards, CSV, feeds), whatever its name.
func cmdFindText(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 2 {
		ts.Fatalf("usage: findtext DIR TEXT")
	}
	root, text := ts.MkAbs(args[0]), args[1]
	var found []string
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if strings.Contains(string(b), text) {
			rel, _ := filepath.Rel(root, p)
			found = append(found, filepath.ToSlash(rel))
		}
		return nil
	})
	ts.Check(err)
	switch {
	case neg && len(found) > 0:
		ts.Fatalf("%q found under %s in: %s", text, args[0], strings.Join(found, ", "))
	case !neg && len(found) == 0:
		ts.Fatalf("%q not found in any file under %s", text, args[0])
	}
}

// cmdWaitFor fetches a URL until its body contains a text, for at most
// 30 seconds:
//
//	waitfor http://127.0.0.1:$FREEPORT/guides/a/ 'Texte deux'
//
// `binome serve` rebuilds in the background after a save, so what a
// script changed shows up after a while. A response that never ends (the
// server's event stream) is read as it comes, two seconds at a time.
func cmdWaitFor(ts *testscript.TestScript, neg bool, args []string) {
	if neg {
		ts.Fatalf("unsupported: ! waitfor")
	}
	if len(args) != 2 {
		ts.Fatalf("usage: waitfor URL TEXT")
	}
	url, text := args[0], args[1]
	const patience = 30 * time.Second
	deadline := time.Now().Add(patience)
	var last string
	for time.Now().Before(deadline) {
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		body, err := fetchUntil(ctx, url, text)
		cancel()
		if strings.Contains(body, text) {
			return
		}
		last = body
		if err != nil {
			last += "\n(" + err.Error() + ")"
		}
		time.Sleep(50 * time.Millisecond) // the interval of the poll
	}
	ts.Fatalf("%s did not contain %q within %s; last response:\n%s", url, text, patience, last)
}

// fetchUntil reads the body of url until it contains text, ends, or ctx
// is done.
func fetchUntil(ctx context.Context, url, text string) (string, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return "", err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	var body strings.Builder
	buf := make([]byte, 4096)
	for {
		n, err := resp.Body.Read(buf)
		body.Write(buf[:n])
		if strings.Contains(body.String(), text) {
			return body.String(), nil
		}
		if err == io.EOF {
			return body.String(), nil
		}
		if err != nil {
			return body.String(), err
		}
	}
}

// Heap profiles are sampled only when --memprofile asks for one, in any
// of the flag package's spellings.
func TestWantsHeapProfile(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want bool
	}{
		{[]string{"build"}, false},
		{[]string{"build", "--memprofile", "heap.pprof"}, true},
		{[]string{"build", "-memprofile=heap.pprof"}, true},
		{[]string{"build", "--cpuprofile", "cpu.pprof"}, false},
		{[]string{"build", "--source", "memprofile"}, false},
	} {
		if got := wantsHeapProfile(tc.args); got != tc.want {
			t.Errorf("wantsHeapProfile(%q) = %v, want %v", tc.args, got, tc.want)
		}
	}
}
