package output

import (
	"bufio"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"binome/internal/testfs"
)

func TestLockContention(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	first, err := Lock(dest, 0)
	if err != nil {
		t.Fatal(err)
	}
	_, err = Lock(dest, 0)
	if !errors.Is(err, ErrLocked) {
		t.Fatalf("second Lock = %v, want ErrLocked", err)
	}
	for _, want := range []string{"process " + strconv.Itoa(os.Getpid()), "--dest", ".public.lock"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not say %q", err, want)
		}
	}
	if _, err := Lock(dest, 20*time.Millisecond); !errors.Is(err, ErrLocked) || !strings.Contains(err.Error(), "after waiting") {
		t.Errorf("Lock with a timeout = %v, want ErrLocked after waiting", err)
	}

	got := make(chan error)
	go func() {
		second, err := Lock(dest, time.Minute) // waits for first
		if err == nil {
			err = second.Unlock()
		}
		got <- err
	}()
	if err := first.Unlock(); err != nil {
		t.Fatal(err)
	}
	if err := <-got; err != nil {
		t.Errorf("waiting Lock = %v", err)
	}
}

// The helper process takes the lock and a staging directory of the
// destination in $OUTPUT_HELPER_DEST, says so, and waits until its stdin
// closes or it is killed: a build in another process.
func TestHelperProcess(t *testing.T) {
	dest := os.Getenv("OUTPUT_HELPER_DEST")
	if dest == "" {
		t.Skip("only run as a helper process")
	}
	l, err := Lock(dest, 0)
	if err != nil {
		fmt.Println("error:", err)
		os.Exit(1)
	}
	s, err := Stage(dest)
	if err != nil {
		fmt.Println("error:", err)
		os.Exit(1)
	}
	s.Write("index.html", []byte("half a site"))
	fmt.Println(s.dir)
	bufio.NewReader(os.Stdin).ReadString('\n')
	s.Abort()
	l.Unlock()
	os.Exit(0)
}

// startBuild starts a helper process building dest and returns it once it
// holds the lock, with its staging directory.
func startBuild(t *testing.T, dest string) (*exec.Cmd, func(), string) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestHelperProcess$")
	cmd.Env = append(os.Environ(), "OUTPUT_HELPER_DEST="+dest)
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	line, err := bufio.NewReader(stdout).ReadString('\n')
	line = strings.TrimSpace(line)
	if err != nil || strings.HasPrefix(line, "error:") {
		t.Fatalf("helper: %q %v", line, err)
	}
	return cmd, func() { stdin.Close() }, line
}

func TestLockAcrossProcesses(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	cmd, finish, _ := startBuild(t, dest)
	_, err := Lock(dest, 0)
	if !errors.Is(err, ErrLocked) || !strings.Contains(err.Error(), "process "+strconv.Itoa(cmd.Process.Pid)) {
		t.Fatalf("Lock while another process builds = %v, want ErrLocked naming pid %d", err, cmd.Process.Pid)
	}
	finish()
	l, err := Lock(dest, time.Minute)
	if err != nil {
		t.Fatalf("Lock after the other build finished = %v", err)
	}
	l.Unlock()
}

// TestKilledBuildReleasesEverything: a build killed with SIGKILL runs no
// cleanup, yet the next build gets the lock and removes its staging
// directory, while the previous output stays as it was.
func TestKilledBuildReleasesEverything(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	testfs.Write(t, dest, oldSite)
	cmd, _, staging := startBuild(t, dest)

	// While it lives, its staging directory is kept.
	s, err := Stage(dest)
	if err != nil {
		t.Fatal(err)
	}
	s.Abort()
	if _, err := os.Stat(staging); err != nil {
		t.Fatalf("a live build's staging directory was removed: %v", err)
	}

	cmd.Process.Kill()
	cmd.Wait()
	l, err := Lock(dest, 0)
	if err != nil {
		t.Fatalf("Lock after the build was killed = %v", err)
	}
	defer l.Unlock()
	s, err = Stage(dest)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Abort()
	if _, err := os.Stat(staging); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("killed build's staging directory kept: %v", err)
	}
	if got := readTree(t, dest); fmt.Sprint(got) != fmt.Sprint(oldSite) {
		t.Errorf("previous output changed: %v", got)
	}
}
