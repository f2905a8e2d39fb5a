package e2e

import (
	"fmt"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// paletteRead is what the test reads of the page: the colours of the
// body and of a link, and the toggle's icon that shows.
const paletteRead = `(() => {
	const body = getComputedStyle(document.body);
	const shown = s => { const el = document.querySelector(".theme-toggle " + s); return !!el && getComputedStyle(el).display !== "none"; };
	return {bg: body.backgroundColor, fg: body.color,
		link: getComputedStyle(document.querySelector(".prose p a")).color,
		icon: shown(".icon-sun") ? (shown(".icon-moon") ? "both" : "sun") : (shown(".icon-moon") ? "moon" : "none")};
})()`

// paletteState is one reading of paletteRead.
type paletteState struct {
	BG   string `json:"bg"`
	FG   string `json:"fg"`
	Link string `json:"link"`
	Icon string `json:"icon"`
}

// The palettes as computed: --bg, --fg and --accent of each, and the
// toggle icon that offers the other theme.
var (
	paletteLight = paletteState{BG: "rgb(255, 255, 255)", FG: "rgb(28, 33, 40)", Link: "rgb(52, 81, 178)", Icon: "moon"}
	paletteDark  = paletteState{BG: "rgb(15, 18, 22)", FG: "rgb(230, 237, 243)", Link: "rgb(143, 167, 255)", Icon: "sun"}
)

// The page follows the system's colour scheme until the reader picks one
// with the toggle (data-theme on <html>); the choice wins both ways. In
// print it is light whatever was chosen.
func TestPaletteFollowsSystemThenChoice(t *testing.T) {
	ctx := brStart(t)
	_, base := brServeExample(t)
	brNavigate(t, ctx, base+"guides/first-meeting/")
	t.Cleanup(func() {
		chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{})
	})

	for _, tc := range []struct {
		system, choice string
		want           paletteState
	}{
		{"light", "", paletteLight},
		{"dark", "", paletteDark},
		{"light", "dark", paletteDark},
		{"dark", "light", paletteLight},
		{"light", "light", paletteLight},
		{"dark", "dark", paletteDark},
	} {
		media := emulation.SetEmulatedMediaParams{Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: tc.system}}}
		if _, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, media); err != nil {
			t.Fatalf("emulate a %s system: %v", tc.system, err)
		}
		set := `document.documentElement.removeAttribute("data-theme")`
		if tc.choice != "" {
			set = fmt.Sprintf(`document.documentElement.setAttribute("data-theme", %q)`, tc.choice)
		}
		brEval[any](t, ctx, set)
		if got := brEval[paletteState](t, ctx, paletteRead); got != tc.want {
			t.Errorf("%s system, data-theme=%q: got %+v, want %+v", tc.system, tc.choice, got, tc.want)
		}
	}

	// Paper: black on white, even for a reader who chose dark.
	media := emulation.SetEmulatedMediaParams{Media: "print", Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: "dark"}}}
	if _, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, media); err != nil {
		t.Fatalf("emulate print: %v", err)
	}
	brEval[any](t, ctx, `document.documentElement.setAttribute("data-theme", "dark")`)
	if got := brEval[paletteState](t, ctx, paletteRead); got.BG != "rgb(255, 255, 255)" || got.FG != "rgb(0, 0, 0)" {
		t.Errorf("print with dark chosen: body %s on %s, want black on white", got.FG, got.BG)
	}
}
