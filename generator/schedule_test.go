package generator

import (
	"testing"
	"time"
)

// A page scheduled for later in the day appears at the first build after
// its time, a warm one with nothing changed on disk included, and pages
// of the build that list it list it too.
func TestScheduledPageAppearsOnTime(t *testing.T) {
	at := time.Now().Add(1500 * time.Millisecond).Truncate(time.Second).Add(time.Second)
	dir := writeSite(t, "-- site.yaml --\ntitle: T\n"+
		"-- content/guides/soon.md --\n---\ntitle: Bientôt\npublishDate: \""+at.UTC().Format(time.RFC3339)+"\"\n---\nx\n"+
		"-- content/guides/now.md --\n---\ntitle: Maintenant\n---\ny\n")
	mustBuild(t, dir)
	if exists(dir, "guides/soon/index.html") {
		t.Fatal("the page was published before its time")
	}
	time.Sleep(time.Until(at) + 100*time.Millisecond)
	mustBuild(t, dir)
	if !exists(dir, "guides/soon/index.html") {
		t.Fatal("a warm build after the page's time did not publish it")
	}
	if !sameAsCold(t, Options{Source: dir, Minify: new(bool)}) {
		t.Error("the warm build that published the page differs from a cold one")
	}
}
