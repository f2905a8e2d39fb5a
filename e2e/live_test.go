package e2e

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// Live reload, end to end: the real `binome serve` command on a copy of a
// small site, a real browser on one of its pages, and an author saving
// Markdown files. The browser must follow every save by itself.

// lvSite is the site the dev server serves; lvPage writes the guides.
var lvSite = map[string]string{
	"site.yaml":                "title: Essai\ndefaultLanguage: fr\nlanguages:\n  fr: {title: Essai, weight: 1}\n  en: {title: Test, weight: 2}\n",
	"content/_index.md":        "---\ntitle: Accueil\n---\nBienvenue.\n",
	"content/guides/_index.md": "---\ntitle: Les guides\n---\n",
	"content/guides/a.md":      lvPage("Page A", "Texte un."),
	"content/guides/b.md":      lvPage("Page B", "Texte de B."),
}

// lvPage is a guide with a title and one paragraph.
func lvPage(title, text string) string {
	return "---\ntitle: " + title + "\nweight: 1\n---\n" + text + "\n"
}

// lvWaitFor bounds one awaited change: a save, the debounce, a rebuild,
// the event to the browser and the reload, on a small shared machine.
const lvWaitFor = 30 * time.Second

// lvBinary builds the binome command once per test binary, into the
// scratch directory.
var lvBinary = sync.OnceValues(func() (string, error) {
	goTool, err := exec.LookPath("go")
	if err != nil {
		return "", fmt.Errorf("the go command is needed to build binome: %w", err)
	}
	scratch, err := brScratch()
	if err != nil {
		return "", err
	}
	root, err := filepath.Abs("..")
	if err != nil {
		return "", err
	}
	bin := filepath.Join(scratch, "binome")
	cmd := exec.Command(goTool, "build", "-o", bin, "./cmd/binome")
	cmd.Dir = root
	if out, err := cmd.CombinedOutput(); err != nil {
		return "", fmt.Errorf("go build ./cmd/binome: %v\n%s", err, out)
	}
	return bin, nil
})

// lvServer is a running `binome serve`.
type lvServer struct {
	url string // the site's root, ending with a slash
	dir string // the site folder, which the test edits

	mu  sync.Mutex
	log bytes.Buffer // what the command printed, for failures
}

func (s *lvServer) Write(b []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.log.Write(b)
}

// write saves a file of the site, as an editor would.
func (s *lvServer) write(t *testing.T, name, body string) {
	t.Helper()
	if err := os.WriteFile(filepath.Join(s.dir, filepath.FromSlash(name)), []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
}

// lvServe writes lvSite into a temporary folder and starts `binome serve
// --port 0` on it. The server is interrupted when the test ends, and must
// then exit cleanly; when the test fails, what it printed is logged.
func lvServe(t *testing.T) *lvServer {
	t.Helper()
	bin, err := lvBinary()
	if err != nil {
		t.Fatal(err)
	}
	s := &lvServer{dir: t.TempDir()}
	for name, body := range lvSite {
		p := filepath.Join(s.dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	cmd := exec.Command(bin, "serve", "--source", s.dir, "--port", "0")
	cmd.Stderr = s
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	t.Cleanup(func() {
		// Ctrl-C, as an author stops it.
		cmd.Process.Signal(os.Interrupt)
		select {
		case err := <-exited:
			if err != nil {
				t.Errorf("binome serve did not exit cleanly after an interrupt: %v", err)
			}
		case <-time.After(20 * time.Second):
			cmd.Process.Kill()
			t.Errorf("binome serve still runs 20s after an interrupt")
			<-exited
		}
		if t.Failed() {
			s.mu.Lock()
			t.Logf("binome serve printed:\n%s", s.log.String())
			s.mu.Unlock()
		}
	})

	// The first line names the address; the rest is read on, or the
	// server would block on a full pipe.
	found := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(stdout)
		announce := regexp.MustCompile(`^binome: serving .* at (http://\S+/) \(`)
		for sc.Scan() {
			fmt.Fprintln(s, sc.Text())
			if m := announce.FindStringSubmatch(sc.Text()); m != nil {
				found <- m[1]
			}
		}
		io.Copy(io.Discard, stdout)
		exited <- cmd.Wait()
	}()
	select {
	case s.url = <-found:
	case <-time.After(lvWaitFor):
		t.Fatal("binome serve did not print its address")
	}
	return s
}

// lvWait evaluates a JavaScript expression in the tab until it is truthy.
// Unlike brWait it survives navigations, which are what live reload does:
// while a page is loading, the condition is simply not true yet.
func lvWait(t *testing.T, ctx context.Context, js, what string) {
	t.Helper()
	deadline := time.Now().Add(lvWaitFor)
	tick := time.NewTicker(50 * time.Millisecond)
	defer tick.Stop()
	var last error
	for {
		ectx, cancel := context.WithTimeout(ctx, 5*time.Second)
		ok, err := chromedp.Run(ectx, chromedp.Evaluate[bool](js))
		cancel()
		if err == nil && ok {
			return
		}
		if err != nil {
			last = err
		}
		if time.Now().After(deadline) || ctx.Err() != nil {
			page, _ := chromedp.Run(ctx, chromedp.Location())
			t.Fatalf("waiting %s for %s on %s (%s); last evaluation error: %v", lvWaitFor, what, page, brShort(js), last)
		}
		select {
		case <-tick.C:
		case <-ctx.Done():
		}
	}
}

// lvShows is a JavaScript condition: the page shows text.
func lvShows(text string) string {
	return "document.body !== null && document.body.innerText.includes(" + strconv.Quote(text) + ")"
}

// lvAlert is a JavaScript condition: an alert on the page mentions text.
func lvAlert(text string) string {
	return `[...document.querySelectorAll('[role="alert"]')].some(e => e.textContent.includes(` + strconv.Quote(text) + `))`
}

// An author edits the page the browser shows, breaks its front matter,
// then fixes it: the browser shows each outcome without being touched.
func TestLiveReloadFollowsEdits(t *testing.T) {
	ctx := brStart(t)
	s := lvServe(t)
	brNavigate(t, ctx, s.url+"guides/a/")
	lvWait(t, ctx, lvShows("Texte un."), "the first version of page A")

	s.write(t, "content/guides/a.md", lvPage("Page A", "Texte deux."))
	lvWait(t, ctx, lvShows("Texte deux."), "the edited text")

	// Line 3 of the file says weight is heavy: the error names that line.
	s.write(t, "content/guides/a.md", "---\ntitle: Page A\nweight: heavy\n---\nTexte cassé.\n")
	lvWait(t, ctx, lvAlert("content/guides/a.md:3"), "the error overlay naming content/guides/a.md:3")
	if brEval[bool](t, ctx, lvShows("Texte cassé.")) {
		t.Error("the page shows the broken file's text: it should keep the last good build")
	}

	s.write(t, "content/guides/a.md", lvPage("Page A", "Texte trois."))
	lvWait(t, ctx, `!`+lvAlert("content/guides/a.md")+` && `+lvShows("Texte trois."), "the overlay to go and the fixed text")
	if got := brEval[string](t, ctx, "location.pathname"); got != "/guides/a/" {
		t.Errorf("the browser is on %s, want /guides/a/", got)
	}
}

// Saving another page takes the browser to it: the author sees what they
// are editing.
func TestLiveReloadGoesToEditedPage(t *testing.T) {
	ctx := brStart(t)
	s := lvServe(t)
	brNavigate(t, ctx, s.url+"guides/a/")
	lvWait(t, ctx, lvShows("Texte un."), "page A")

	s.write(t, "content/guides/b.md", lvPage("Page B", "B a changé."))
	lvWait(t, ctx, `location.pathname === "/guides/b/" && `+lvShows("B a changé."), "the browser to go to the edited page B")
}
