package main

import (
	"errors"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

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
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			"status":   cmdStatus,
			"findtext": cmdFindText,
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
