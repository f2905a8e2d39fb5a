package generator

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

// Links written for Hugo with ref and relref reach their pages, by the
// rules Hugo resolves them with; a ref to nothing is a broken link at its
// line, and other shortcodes still warn.
func TestHugoRefs(t *testing.T) {
	dir := writeSite(t, `-- site.yaml --
title: T
-- content/guides/first-meeting.md --
---
title: First
---
## Agenda
x
-- content/guides/deep/inner.md --
---
title: Inner
---
x
-- content/stories/_index.md --
---
title: Stories
---
-- content/stories/tale.md --
---
title: Tale
---
x
-- content/guides/links.md --
---
title: Links
---
Same folder: [a]({{< ref "first-meeting.md" >}}).
Root: [b]({{< relref "/stories/tale.md" >}}) and [c]({{< ref "stories/tale" >}}).
Anchor: [d]({{< ref "first-meeting.md#agenda" >}}), two on a line: [e]({{< ref 'deep/inner.md' >}}) [f]({{% relref "inner" %}}).
Section: [g]({{< ref "/stories" >}}).
Missing: [h]({{< ref "nowhere.md" >}}).
Other: {{< gallery dir=photos >}}

`+"```\n[code]({{< ref \"first-meeting.md\" >}})\n```\n")
	st := mustBuild(t, dir)
	html := read(t, dir, "guides/links/index.html")
	checkLinkTags(t, html, st, []string{
		`<a href="../first-meeting/">a</a>`,
		`<a href="../../stories/tale/">b</a>`,
		`<a href="../../stories/tale/">c</a>`,
		`<a href="../first-meeting/#agenda">d</a>`,
		`<a href="../deep/inner/">e</a>`,
		`<a href="../deep/inner/">f</a>`,
		`<a href="../../stories/">g</a>`,
	}, []string{"links.md:8: broken link nowhere.md", "links.md:9: template tag of another generator left in the text: {{< gallery dir=photos >}}"})
	// In code, a shortcode is shown as written.
	if !strings.Contains(html, "[code]({{&lt; ref") {
		t.Errorf("the ref in a code block was expanded: %s", html[strings.Index(html, "<pre"):])
	}
}

// Jekyll's link and post_url tags reach their pages too.
func TestJekyllLinkTags(t *testing.T) {
	dir := writeSite(t, `-- site.yaml --
title: T
-- content/stories/2024-01-15-first-duo.md --
---
title: First duo
---
x
-- content/guides/first-meeting.md --
---
title: First
---
x
-- content/guides/links.md --
---
title: Links
---
[a]({% link guides/first-meeting.md %}) [b]({% post_url 2024-01-15-first-duo %}) [c]({%- link /stories/2024-01-15-first-duo.md -%})
[d]({% post_url 2099-01-01-none %}) {% include note.html %}
`)
	st := mustBuild(t, dir)
	html := read(t, dir, "guides/links/index.html")
	checkLinkTags(t, html, st, []string{
		`<a href="../first-meeting/">a</a>`,
		`<a href="../../stories/first-duo/">b</a>`,
		`<a href="../../stories/first-duo/">c</a>`,
	}, []string{"links.md:5: broken link 2099-01-01-none", "links.md:5: template tag of another generator left in the text: {% include note.html %}"})
}

// checkLinkTags asserts that html holds every link of links, that the
// warnings hold each of warnings, and that one tag alone, the one tag
// binome does not expand, is warned about as another generator's.
func checkLinkTags(t *testing.T, html string, st *Stats, links, warnings []string) {
	t.Helper()
	for _, want := range links {
		if !strings.Contains(html, want) {
			t.Errorf("links page does not contain %s", want)
		}
	}
	got := fmt.Sprint(st.Warnings)
	for _, want := range warnings {
		if !strings.Contains(got, want) {
			t.Errorf("no warning %q in %s", want, got)
		}
	}
	if n := strings.Count(got, "template tag"); n != 1 {
		t.Errorf("%d template-tag warnings, want only the one binome leaves: %s", n, got)
	}
}

// Wiki links, as Obsidian and Foam write them, reach the page or file of
// that name wherever it is, in any case, the nearest when several share
// it; a heading becomes its anchor, and a name nothing has is a broken
// link at its line.
func TestWikiLinks(t *testing.T) {
	dir := writeSite(t, `-- site.yaml --
title: T
-- content/guides/Session ideas.md --
---
title: Ideas
---
## Quick ideas
x
-- content/stories/Session ideas.md --
---
title: Story ideas
---
x
-- content/attachments/Duo diagram.png --
PNG
-- content/guides/first-meeting.md --
---
title: The very first meeting
---
x
-- content/people/kehan-zhao.md --
# Kehan
-- content/guides/links.md --
---
title: Links
---
[[session ideas]] [[Session ideas#Quick ideas|quick ones]] [[stories/Session ideas]]
![[Duo diagram.png|300]] ![[Session ideas]] [[1]](https://example.org)
[[Nowhere]] {{< gallery >}}
[[First meeting]] [[Kehan Zhao]] [[People/Kehan Zhao|Kehan]] [[The very first meeting|by title]]
`+"`[[in code]]`\n")
	st := mustBuild(t, dir)
	html := read(t, dir, "guides/links/index.html")
	checkLinkTags(t, html, st, []string{
		`<a href="../session-ideas/">session ideas</a>`,
		`<a href="../session-ideas/#quick-ideas">quick ones</a>`,
		`<a href="../../stories/session-ideas/">Session ideas</a>`,
		`<img src="../../attachments/Duo%20diagram.png" alt="Duo diagram.png"`,
		`<a href="../session-ideas/">Session ideas</a>`,
		`<a href="https://example.org">[1]</a>`,
		`<code>[[in code]]</code>`,
		// Names compared as slugs (Foam, roamlinks), then titles.
		`<a href="../first-meeting/">First meeting</a>`,
		`<a href="../../people/kehan-zhao/">Kehan Zhao</a>`,
		`<a href="../../people/kehan-zhao/">Kehan</a>`,
		`<a href="../first-meeting/">by title</a>`,
		"\nNowhere {{&lt; gallery &gt;}}", // a note not yet written: text, unlinked
	}, []string{"links.md:6: broken wiki link [[Nowhere]]: no page"})
}

// Jekyll's Liquid variables show the values Jekyll showed: the site's
// title, site.yaml's params (where import puts _config.yml's variables),
// the page's own fields, through Liquid's filters; one binome has nothing
// for, or a filter it does not know, stays, with its warning.
func TestLiquidVariables(t *testing.T) {
	dir := writeSite(t, `-- site.yaml --
title: My Team
params:
  repo: {name: my-app}
  slack: {channel_url: "https://slack.example/c"}
  seats: 12
  contact: team@example.com
-- content/guides/contact.md --
---
title: Contact
---
Write to {{< param "contact" >}} or {{% siteparam "nothing" %}}, and {{< param seats >}} seats.
-- content/guides/setup.md --
---
title: Setup
owner_team: Platform
tags: [git, onboarding]
date: 2024-03-05
---
Clone {{ site.repo.name }}, join [Slack]({{site.slack.channel_url}}), {{ site.seats }} seats.
{{ site.title }}: {{ page.title }} by {{ page.owner_team }}. {{ site.nothing }} {{ site.repo }}
Learn's {{% siteparam "seats" %}} seats. Hugo's {{< param "owner_team" >}} and {{< param seats >}}.
Filters: {{ site.title | upcase }}, {{ page.tags | join: " + " }}, {{ site.repo.name | append: "-cli" | replace: "-", "_" }}, {{ page.nothing | default: "none" }}, {{ site.title | nosuch }}.
Dates: {{ page.date | date: "%-d %B %Y" }} at {{ page.url }}, {{ site.time | date: "%Y" }}.

`+"```"+`bash
git clone git@x.org:org/{{ site.repo.name }}.git
`+"```"+`

`+"```"+`liquid
{% raw %}
<h1>{{ site.title }}</h1>
{% endraw %}
`+"```"+`
`)
	st := mustBuild(t, dir)
	got := warningsWith(st, "template tag")
	if all := strings.Join(got, "\n"); len(got) != 4 || !strings.Contains(all, "{{ site.nothing }}") || !strings.Contains(all, "{{ site.repo }}") || !strings.Contains(all, "{{ site.title | nosuch }}") || !strings.Contains(all, `{{% siteparam "nothing" %}}`) {
		t.Errorf("warnings %q, want four: site.nothing, site.repo (a map), an unknown filter and an unknown siteparam", got)
	}
	if list := read(t, dir, "guides/index.html"); !strings.Contains(list, "Clone my-app, join") {
		t.Errorf("the list's card does not show the summary with its values:\n%s", list)
	}
	// A summary shows the params' values, and loses an unknown one.
	if contact := read(t, dir, "guides/contact/index.html"); !strings.Contains(contact, `<meta name="description" content="Write to team@example.com or, and 12 seats.">`) {
		t.Errorf("the summary does not show the params' values:\n%s", contact)
	}
	page := read(t, dir, "guides/setup/index.html")
	for _, want := range []string{`<meta name="description" content="Clone my-app, join`, "Clone my-app, join", "org/my-app.git", "&lt;h1&gt;{{ site.title }}&lt;/h1&gt;", `<a href="https://slack.example/c">Slack</a>`, "12 seats", "My Team: Setup by Platform.", "Learn’s 12 seats. Hugo’s Platform and 12.", "Filters: MY TEAM, git + onboarding, my_app_cli, none, {{ site.title | nosuch }}.", "Dates: 5 March 2024 at /guides/setup/, " + time.Now().UTC().Format("2006") + "."} {
		if !strings.Contains(page, want) {
			t.Errorf("no %q in\n%s", want, page)
		}
	}
}

// Obsidian's aliases are other names of a note, not old URLs: a vault
// that uses them builds, and a wiki link reaches the note by one.
func TestObsidianAliasesAreNames(t *testing.T) {
	dir := writeSite(t, `-- site.yaml --
title: T
-- content/notes/Leave Policy.md --
---
aliases: [PTO, Congés payés, CI/CD]
---
Text.
-- content/notes/Old.md --
---
alias: Vacances
---
Old.
-- content/notes/Onboarding.md --
See [[PTO]] and [[congés payés|the leave]], [[CI/CD]], [[Vacances]].
`)
	st := mustBuild(t, dir)
	for _, w := range st.Warnings {
		t.Errorf("warning: %v", w)
	}
	page := read(t, dir, "notes/onboarding/index.html")
	// [[CI/CD]] is shown as a path's link is, by its last part.
	for _, want := range []string{`<a href="../leave-policy/">PTO</a>`, `<a href="../leave-policy/">the leave</a>`, `<a href="../leave-policy/">CD</a>`, `<a href="../old/">Vacances</a>`} {
		if !strings.Contains(page, want) {
			t.Errorf("no %s in\n%s", want, page)
		}
	}
}
