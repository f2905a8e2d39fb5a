package markdown

import (
	"bytes"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"
)

func TestNormalize(t *testing.T) {
	// Cases named "mdx …" are read as MDX.
	tests := []struct {
		name, src, want string
	}{
		{"nothing to do", "# Title\n\nText {with braces}.\n", "# Title\n\nText {with braces}.\n"},
		{"setext heading", "Title\n=====\n", "Title\n=====\n"},
		{"just the docs toc heading", "# Title\n{: .no_toc }\n\n## Table of contents\n{: .no_toc .text-delta }\n\n1. TOC\n{:toc}\n\nText", "# Title {.no_toc}\n\n\n\n\n\n\n\n\nText"},
		{"kramdown details", "<details markdown=\"block\">\n  <summary>More</summary>\n\n  1. Item\n</details>", "> [!NOTE]- More\n>\n>\n>   1. Item\n"},
		{"kramdown markdown div", "<div class=\"code-example\" markdown=\"1\">\n[Link](x.md){: .btn }\n</div>\n```markdown\n[Link](x.md)\n```\n\n### Next",
			"\n[Link](x.md)\n\n```markdown\n[Link](x.md)\n```\n\n### Next"},
		{"kramdown markdown div nested", "  <section markdown=block>\n  <div>\n\n  *a*\n\n  </div>\n  </section>\nafter", "\n<div>\n\n*a*\n\n</div>\n\nafter"},
		{"kramdown markdown div never closed", "<div markdown=\"1\">\n*a*", "<div markdown=\"1\">\n*a*"},
		{"hugo run-in callouts", "{{% alert %}}One.{{% /alert %}}\n{{% alert title=\"T\" color=\"warning x\" %}} Two.{{% /alert %}}",
			"> [!NOTE]" + CalloutBody + "One.\n> [!WARNING] T" + CalloutBody + "Two."},
		{"hugo run-in callout over lines", "{{< pageinfo >}} A page\nthat shows. {{< /pageinfo >}}", "> [!NOTE]" + CalloutBody + "A page\n> that shows. "},
		{"hugo run-in callout closed on its own line", "{{% alert %}}\nOne. {{% /alert %}}", "> [!NOTE]\n> One. "},
		{"hugo run-in callout never closed", "{{% alert %}}One.\n\nTwo.{{% /alert %}}", "{{% alert %}}One.\n\nTwo.{{% /alert %}}"},
		{"details open with other attributes", "<details class=\"x\" open>\n<summary>More</summary>\nText\n</details>", "> [!NOTE]+ More\n>\n> Text\n"},
		{"comment hides an attribute list", "Intro.\n\n<!--\n{: .highlight }\nHidden\n-->\n\nAfter.", "Intro.\n\n<!--\n{: .highlight }\nHidden\n-->\n\nAfter."},
		{"comment on one line", "<!-- {: .note } -->\n{% hint %}", "<!-- {: .note } -->\n{% hint %}"},
		{"pymdownx blocks", "/// admonition | Mind this\n    type: warning\n\nBody.\n///\n\n/// details | More\n    open: True\nHidden.\n///\n\n/// html | div[class=\"x\"]\n*kept*\n///\n\n/// tab | First\nOne.\n///\n\n/// tip\nA tip.\n///",
			"> [!WARNING] Mind this\n>\n>\n> Body.\n\n\n> [!NOTE]+ More\n>\n> Hidden.\n\n\n\n*kept*\n\n\n**First**  \nOne.\n\n\n> [!TIP]\n> A tip.\n"},
		{"pymdownx blocks nested", "//// note | Outer\n/// tip\nIn.\n///\n////", "> [!NOTE] Outer\n> > [!TIP]\n> > In.\n>\n"},
		{"pymdownx block never closed", "/// note\nx", "/// note\nx"},
		{"kramdown attributes of a heading", "## Example\n{: .no_toc }\n\n## Own {#own}\n{: .x #y }\n\nText\n{: .no_toc }", "## Example {.no_toc}\n\n\n## Own {#own .x #y}\n\n\nText\n"},
		{"gitbook's empty bold markers", "[data.gouv.fr](https://x.org)****\\\n****Consulter **la doc**\n\n****\n\n*****x*****", "[data.gouv.fr](https://x.org)\\\nConsulter **la doc**\n\n****\n\n*****x*****"},
		{"keyboard keys", "Press ++ctrl+alt+del++, ++Ctrl+Shift+,++ or ++cmd+\"My Key\"++; C++ and C++/C++, a++b, x ++ y ++.",
			"Press <kbd>Ctrl</kbd>+<kbd>Alt</kbd>+<kbd>Del</kbd>, <kbd>Ctrl</kbd>+<kbd>Shift</kbd>+<kbd>,</kbd> or <kbd>Cmd</kbd>+<kbd>My Key</kbd>; C++ and C++/C++, a++b, x ++ y ++."},
		{"mdx comments in a line", "## Find Tella {/* #find-tella */}\n\nText {/* a note */} here.", "## Find Tella {#find-tella}\n\nText  here."},
		{"mdx required images", "See <img src={require('@site/static/img/ios.gif').default} alt=\"iOS\" width=\"300\" /> and <img alt='a' src={useBaseUrl('/img/b.png')}>.",
			"See ![iOS](</img/ios.gif>) and ![a](</img/b.png>)."},
		{"abbreviations", "The HTML spec.\n\n*[HTML]: Hyper Text Markup Language\n*[W3C]:  World Wide Web Consortium\n\n* [list](x) item\n*[not]: in text",
			"The HTML spec.\n\n\n\n\n* [list](x) item\n"},
		{"hugo escaped shortcodes in code", "```\n{{</* figure src=\"a.png\" */>}}\n```\n\n    {{%/* note */%}}\n\nSee `{{</* x */>}}` and {{</* y */>}}.",
			"```\n{{< figure src=\"a.png\" >}}\n```\n\n    {{% note %}}\n\nSee `{{< x >}}` and {{</* y */>}}."},
		{"inline hilite", "Use `#!python range(3)` or ``:::c a`b`` or `#!sh` or `#! x`.", "Use `range(3)` or ``a`b`` or `#!sh` or `#! x`."},
		{"python-markdown attribute lists", "![v](b.svg){ .nocaption } <img src=\"x\">{ .a .b } [W](u){#anchor} *e*{: .x }\nFigure: Fanart {#fig:git-wallhaven}\n\n## Title {#own-id}\n\nA set {a=1} stays, {#x} too.",
			"![v](b.svg) <img src=\"x\"> [W](u) *e*\nFigure: Fanart \n\n## Title {#own-id}\n\nA set {a=1} stays, {#x} too."},
		{"span attributes mid-line", "See [x](https://e.org){: target=\"_blank\"} and **[y](u){:.c}**.", "See [x](https://e.org) and **[y](u)**."},
		{"gitbook hint", "{% hint style=\"success\" %}\nDone.\n{% endhint %}", "> [!success]\n> Done.\n"},
		{"hint in a list item", "1. Step\n   {% hint style=\"info\" %}\n   Body\n   {% endhint %}", "1. Step\n   > [!info]\n   > Body\n"},
		{"liquid whitespace control", "{%- hint style=\"warning\" -%}\nx\n{%- endhint -%}", "> [!WARNING]\n> x\n"},
		{"unclosed hint stays", "{% hint style=\"info\" %}\nx", "{% hint style=\"info\" %}\nx"},
		{"hugo shortcode, other delimiter to close", "{{% notice warning %}}\nx\n{{< /notice >}}", "> [!WARNING]\n> x\n"},
		{"hugo kubernetes note", "{{< note >}}\nx\n{{< /note >}}", "> [!NOTE]\n> x\n"},
		{"nested hugo shortcodes", "{{< hint info >}}\na\n{{< hint danger >}}\nb\n{{< /hint >}}\n{{< /hint >}}",
			"> [!info]\n> a\n> > [!danger]\n> > b\n>\n"},
		{"admonition blank lines kept inside", "!!! tip\n    a\n\n    b\n\nafter", "> [!TIP]\n> a\n>\n> b\n\nafter"},
		{"admonition of the site's own type", "??? solution\n    x\n\n!!! my-exercise\n    y", "> [!NOTE]- Solution\n> x\n\n> [!NOTE] My exercise\n> y"},
		{"admonition with tab indent", "!!! note\n\tx", "> [!NOTE]\n> x"},
		{"admonition with extra classes", "!!! note inline end \"T\"\n    x", "> [!NOTE] T\n> x"},
		{"admonition in code fence", "```\n!!! note\n    x\n```", "```\n!!! note\n    x\n```"},
		{"colon fence unknown kind keeps content", ":::v-pre\n{{ x }}\n:::", "\n{{ x }}\n"},
		{"colon fence never closed", ":::tip\nx", ":::tip\nx"},
		{"highlight fence longer than the code's backticks", "{% highlight md %}\n```go\n{% endhighlight %}", "````md\n```go\n````"},
		{"raw block", "{% raw %}\n{{ x }}\n{% endraw %}", "\n{{ x }}\n"},
		{"inline raw", "Use {% raw %}{{ x }}{% endraw %} here.", "Use {{ x }} here."},
		{"obsidian admonition", "```ad-tip\ntitle: Astuce\ncollapse: closed\nText **here**.\n```\nafter", "> [!TIP]- Astuce\n>\n>\n> Text **here**.\n\nafter"},
		{"obsidian admonition, no parameters", "~~~ad-quote\nSaid: well.\n~~~", "> [!quote]\n> Said: well.\n"},
		{"obsidian admonition never closed stays code", "```ad-note\nx", "```ad-note\nx"},
		{"liquid comment over lines", "A\n{%- comment -%}\nNot {% include x.html %}\n```\n{% endcomment %}\nB", "A\n\n\n\n\nB"},
		{"liquid comment in a line", "<div>{%- comment -%} <img src=\"a.svg\"> {%- endcomment -%}</div> and {% # a note %}end", "<div></div> and end"},
		{"liquid comment never closed stays", "{% comment %}\nx", "{% comment %}\nx"},
		{"hugo comment over lines", "A\n{{< comment >}}\nNot {{< ref x >}}\n{{< /comment >}}\nB", "A\n\n\n\nB"},
		{"hugo comment with percents over lines", "A\n{{% comment %}}\nTODO\n{{% /comment %}}\nB", "A\n\n\n\nB"},
		{"hugo comment in a line", "Monthly.{{< comment >}}internal{{< /comment >}} Yes {{%comment%}}x{{% / comment %}}.", "Monthly. Yes ."},
		{"hugo comment never closed stays", "A {{< comment >}} b", "A {{< comment >}} b"},
		{"hugo comment's delimiters must pair", "A {{< comment %}}b{{< /comment >}}", "A {{< comment %}}b{{< /comment >}}"},
		{"baseurl", "[a]({{site.baseurl}}/b/)", "[a](/b/)"},
		{"docusaurus head block", "<head>\n  <meta property=\"og:title\" content=\"T\" />\n</head>\n\n# T\n", "\n\n\n\n# T\n"},
		{"head block on one line", "<head><title>T</title></head>\ntext", "\ntext"},
		{"head block never closed stays", "<head>\ntext", "<head>\ntext"},
		{"jsx style attribute", "A <a href=\"https://x.org\" style={{textDecoration: \"underline\"}}>video</a>.", "A <a href=\"https://x.org\">video</a>."},
		{"jsx style in code span stays", "`<a style={{a: 1}}>`", "`<a style={{a: 1}}>`"},
		{"youtube iframe", `<iframe width="560" height="315" src="https://www.youtube.com/embed/abc123" title="Goal setting" frameborder="0" allow="autoplay; encrypted-media" allowfullscreen></iframe>`, `<a href="https://www.youtube.com/watch?v=abc123">Goal setting</a>`},
		{"iframe without title", `<div><iframe src="https://example.org/form"></iframe></div>`, `<div><a href="https://example.org/form">example.org/form</a></div>`},
		// Its text is no www. address, which linkify would link again.
		{"youtube iframe without title", `<iframe src="https://www.youtube.com/embed/abc123"></iframe>`, `<a href="https://www.youtube.com/watch?v=abc123">youtube.com/watch?v=abc123</a>`},
		{"iframe of a relative page stays", `<iframe src="/x.html"></iframe>`, `<iframe src="/x.html"></iframe>`},
		{"gitbook heading anchor", "### Focus <a href=\"#undefined\" id=\"undefined\"></a>", "### Focus "},
		{"anchor with text stays", "See <a href=\"#x\">x</a></a>.", "See <a href=\"#x\">x</a></a>."},
		{"prepend filter", "![i]({{ '/img/a.png' | prepend: site.baseurl }})", "![i](/img/a.png)"},
		{"baseurl in code span stays", "`{{ site.baseurl }}`", "`{{ site.baseurl }}`"},
		{"heading attribute list keeps the id", "## A {: #b .c }", "## A {#b}"},
		{"paragraph attribute list goes", "text\n{: .lead }", "text\n"},
		{"kramdown toc", "- TOC\n{:toc}\nx", "\n\nx"},
		{"jtd callout over a paragraph", "{: .important }\nOne\ntwo\n\nafter", "> [!IMPORTANT]\n> One\n> two\n\nafter"},
		{"jtd unknown class", "{: .fs-6 }\nText", "\nText"},
		{"kramdown attributes after the paragraph", "before\n\nOne\ntwo\n{: .warning }\n\nafter", "before\n\n> [!WARNING]\n> One\n> two\n\nafter"},
		{"kramdown attributes after a quote", "> **Heads up**<br>x\n{: .note }", "> [!NOTE]\n> **Heads up**<br>x"},
		{"a site's own callout class", "Shortcut cmds take no arguments.\n{: .info }", "> [!NOTE]\n> Shortcut cmds take no arguments."},
		{"kramdown attributes after a heading", "# T\n{: .no_toc }\nx", "# T {.no_toc}\n\nx"},
		{"kramdown attributes after code stay out", "```\ncode\n```\n{: .warning }", "```\ncode\n```\n"},
		{"figure with link", `{{< figure src="a b.png" link="/x/" caption="A [b]" >}}`, `[![A \[b\]](<a b.png> "A [b]")](</x/>)`},
		{"figure without src stays", `{{< figure alt="x" >}}`, `{{< figure alt="x" >}}`},
		{"youtube with odd id stays", `{{< youtube "a b" >}}`, `{{< youtube "a b" >}}`},
		{"embed needs http", `{% embed url="file:///etc/passwd" %}`, `{% embed url="file:///etc/passwd" %}`},
		{"hextra cards", "{{< cards >}}\n  {{< card link=\"getting-started\" title=\"Getting [started]\" icon=\"document\" subtitle=\"Start *here*\" >}}\n  {{< card link=\"https://example.org\" title=\"Out\" >}}\n{{< /cards >}}",
			"\n- [Getting \\[started\\]](<getting-started>) — Start \\*here\\*\n- [Out](<https://example.org>)\n"},
		{"docsy card pane", "{{< cardpane >}}\n{{< card header=\"**Data**\" title=\"__Art. 14__\" footer=\"See [EMBAG](https://x.org)\" >}}\nText of the card.\n{{< /card >}}\n{{< /cardpane >}}",
			"\n**Data** · __Art. 14__  \nText of the card.\nSee [EMBAG](https://x.org)\n"},
		{"docsy card without header", "{{< card >}}\nText.\n{{< /card >}}", "\nText.\n"},
		{"gitbook page-ref, titled by the renderer", `{% page-ref page="../guides/first meeting.md" %}`, `[](<../guides/first meeting.md>)`},
		{"gitbook file, named by its file", `{% file src="files/Kit%202026.pdf" %}`, `[Kit 2026.pdf](<files/Kit%202026.pdf>)`},
		{"gitbook file whose name unescapes to no text", `{% file src="files/a%80.pdf" %}`, `[a%80.pdf](<files/a%80.pdf>)`},
		{"gitbook content-ref, titled by the renderer", "{% content-ref url=\"setup.md\" %}\n[setup.md](guides/setup.md)\n{% endcontent-ref %}", "\n[](guides/setup.md)\n"},
		{"gitbook content-ref keeps a written text", "{% content-ref url=\"setup.md\" %}\n[Set up](setup.md)\n{% endcontent-ref %}", "\n[Set up](setup.md)\n"},
		{"mkdocs tab", "=== \"One\"\n    a\n=== \"Two\"\n    b", "**One**  \na\n**Two**  \nb"},
		{"gitbook break at a paragraph's end goes", "![](<a (1).jpg>)\\\n\nText\\\nmore\\", "![](<a (1).jpg>)\n\nText\\\nmore"},
		{"escaped backslash at the end stays", "C:\\\\\n\nx", "C:\\\\\n\nx"},
		{"obsidian block ids go", "Meet your buddy. ^abc123\n- item ^x-1\n\n^tbl\n\n2^10 and x ^y z", "Meet your buddy.\n- item\n\n\n\n2^10 and x ^y z"},
		{"obsidian link to a block", "[[Onboarding#^abc123]] [[#^x|here]]", "[Onboarding](<{{< binome-wikilink \"Onboarding\" >}}>) [here](<#>)"},
		{"obsidian comments go", "Keep %%not this%% text.\n%%\nhidden\nlines\n%%\nAfter `%%code%%`.", "Keep  text.\n\n\n\n\nAfter `%%code%%`."},
		{"obsidian highlight", "A ==key point== and ==more==, not a == b nor `==x==`.\n\nTitle\n=====", "A <mark>key point</mark> and <mark>more</mark>, not a == b nor `==x==`.\n\nTitle\n====="},
		{"material icons go", "-   :material-react:{ .lg .middle } **Frontend**\n    [:octicons-arrow-right-24: More](a.md) and :fontawesome-brands-github:", "-   **Frontend**\n    [More](a.md) and "},
		{"colons that are no icon stay", "At 10:30:45, a:material-x: `:material-y:`", "At 10:30:45, a:material-x: `:material-y:`"},
		{"mdx link cards become a list", "<SectionCards>\n  <SectionCard\n    title=\"Reseller API\"\n    description=\"Sell ours\"\n    link=\"/docs/api\"\n  />\n  <SectionCard title=\"One line\" href=\"/docs/x\" />\n</SectionCards>",
			"\n- [Reseller API](</docs/api>) — Sell ours\n\n\n\n\n- [One line](</docs/x>)\n"},
		{"mdx card around text", "<Cards>\n  <Card\n    to=\"/a/\"\n    title=\"Alpha\">\n    Text about **alpha**.\n  </Card>\n</Cards>",
			"\n- [Alpha](</a/>)  \n\n\n  Text about **alpha**.\n\n"},
		{"mdx wrapper's indented text is no code", "<BrowserWindow>\n    Shown as text.\n</BrowserWindow>", "\nShown as text.\n"},
		{"mdx component without link stays", "<YouTube id=\"x\" />", "<YouTube id=\"x\" />"},
		{"mdx tag over lines without link stays, on one line", "<Figure\n  src=\"a.png\"\n/>", "<Figure src=\"a.png\" />\n\n"},
		{"mdx tab over lines", "<Tabs>\n<TabItem\n  value=\"npm\"\n  label=\"npm\">\n\nnpm i\n\n</TabItem>\n</Tabs>", "\n**npm**  \n\n\n\nnpm i\n\n\n"},
		{"hugo shortcode over lines", "{{< figure\n  src=\"/img/a.png\"\n  caption=\"A caption\" >}}\nAfter", "![A caption](</img/a.png> \"A caption\")\n\n\nAfter"},
		{"hugo callout over lines", "{{< alert\n  title=\"Careful\" color=\"warning\" >}}\nText.\n{{< /alert >}}", "> [!WARNING] Careful\n>\n> Text.\n"},
		{"shortcode with text after it stays", "{{< x\n a >}} text", "{{< x\n a >}} text"},
		{"mdx imports go", "import A from '@theme/A';\nexport const x = 1;\n\n# T", "\n\n\n# T"},
		{"imports stay in markdown", "import A from '@theme/A';", "import A from '@theme/A';"},
		{"mdx export over lines goes", "export const Highlight = ({children, color}) => (\n  <span\n    style={{color: '#fff'}}\n    onClick={() => {\n      alert(`You clicked ${color} (${children}`)\n    }}>\n    {children}\n  </span>\n);\n\nThis is <Highlight color=\"#25c2a0\">green</Highlight>!",
			"\n\n\n\n\n\n\n\n\n\nThis is green!"},
		{"mdx import over lines goes", "import {\n  A,\n  B,\n} from 'x';\ntext", "\n\n\n\ntext"},
		{"mdx unbalanced export stops at a blank line", "export const x = (\n  1\n\nText", "\n\n\nText"},
		{"mdx prose that starts with import stays", "import this from there, says the prose", "import this from there, says the prose"},
		{"mdx indented export stays", "  export const x = 1", "  export const x = 1"},
		{"mdx import in a callout stays", ":::note\nimport A from 'a';\n:::", "> [!NOTE]\n> import A from 'a';\n"},
		{"details never closed stays", "<details>\n<summary>S</summary>\nx", "<details>\n<summary>S</summary>\nx"},
		{"goldmark block attributes", "![a](a.svg)\n{width=1920 height=633}\n{.wide #x data-a=\"b c\"}\n{not attributes}\n{x}", "![a](a.svg)\n\n\n{not attributes}\n{x}"},
		{"hugo table wrapper", "{{< table title=\"Commandes\" >}}\n\n| a |\n|---|\n\n{{< /table >}}", "*Commandes*\n\n| a |\n|---|\n\n"},
		{"wiki links", "[[A b]] [[A b#Les idées|x]] ![[c d.png|300]] ![[Note]] [[#Local]]",
			`[A b](<{{< binome-wikilink "A b" >}}>) [x](<{{< binome-wikilink "A b" >}}#les-idees>) ![c d.png](<{{< binome-wikilink "c d.png" >}}>) [Note](<{{< binome-wikilink "Note" >}}>) [Local](<#local>)`},
		{"not wiki links", "[[1]](https://x.org) `[[code]]` [[]] [[a\nb]]", "[[1]](https://x.org) `[[code]]` [[]] [[a\nb]]"},
		{"toc markers", "[TOC]\n[[_TOC_]]\n[[_TOSP_]]", "\n\n"},
		{"mdx comments go", "{/* a comment */}\ntext", "\ntext"},
		{"crlf", "!!! note\r\n    x\r\n", "> [!NOTE]\n> x\n"},
		{"mdx code block", "<CodeBlock language=\"js\" title=\"a.js\">\n{`const a = \\`b\\`;\n`}\n</CodeBlock>", "```js\nconst a = `b`;\n```\n"},
		{"mdx code block on the literal's lines", "<CodeBlock>\n  {`x ``` y`}\n</CodeBlock>", "````\n  x ``` y\n````"},
		{"mdx code block from a variable stays", "<CodeBlock language=\"js\">{Example}</CodeBlock>\n<CodeBlock>\n{Example}\n</CodeBlock>", "<CodeBlock language=\"js\">{Example}</CodeBlock>\n<CodeBlock>\n{Example}\n</CodeBlock>"},
		{"mdx listing components go", "<DocCardList />\n<TOCInline toc={toc} />", "\n"},
		{"mdx unknown component stays", "<YouTube id=\"x\" />", "<YouTube id=\"x\" />"},
		{"mdx wrapper gives way to its content", "<BrowserWindow url=\"x\">\n\n:::tip\nIn.\n:::\n\n</BrowserWindow>", "\n\n> [!TIP]\n> In.\n\n\n"},
		{"mdx wrapper never closed stays", "<BrowserWindow>\nx", "<BrowserWindow>\nx"},
		{"mdx inline components", "A <Highlight color=\"#25c2a0\">green</Highlight> <Link to=\"/docs/b\">b</Link> `<Link to=\"c\">c</Link>` <Link>d<b>e</b></Link>",
			"A green [b](</docs/b>) `<Link to=\"c\">c</Link>` <Link>d<b>e</b></Link>"},
		{"components stay in markdown", "<Link to=\"b\">b</Link>\n<DocCardList />", "<Link to=\"b\">b</Link>\n<DocCardList />"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := string(Normalize([]byte(tt.src), strings.HasPrefix(tt.name, "mdx ")))
			if got != tt.want {
				t.Errorf("Normalize(%q)\n got %q\nwant %q", tt.src, got, tt.want)
			}
			if strings.Count(got, "\n") != strings.Count(tt.src, "\n") {
				t.Errorf("Normalize(%q) changed the number of lines", tt.src)
			}
		})
	}
}

func TestNormalizeBoundsNesting(t *testing.T) {
	src := strings.Repeat(":::note\n", 20) + "x" + strings.Repeat("\n:::", 20)
	got := string(Normalize([]byte(src), false))
	if n := strings.Count(got, "[!NOTE]"); n != maxDepth {
		t.Errorf("%d nested callouts rewritten, want the first %d:\n%s", n, maxDepth, got)
	}
}

// A page with nothing to rewrite is handed back as it is, not copied:
// Normalize runs on every page of every build.
func TestNormalizeKeepsUnchangedSource(t *testing.T) {
	for _, src := range []string{"plain", "Setext\n===\n", "{{ unknown }}", "!!! not an admonition !!!"} {
		b := []byte(src)
		if got := Normalize(b, false); &got[0] != &b[0] {
			t.Errorf("Normalize(%q) copied a source it did not change", src)
		}
	}
}

func TestTagArgs(t *testing.T) {
	pos, named := TagArgs(`info "A title" type=tip title='x y' open k=`)
	if want := []string{"info", "A title", "open"}; !reflect.DeepEqual(pos, want) {
		t.Errorf("positional: got %q, want %q", pos, want)
	}
	if want := map[string]string{"type": "tip", "title": "x y", "k": ""}; !reflect.DeepEqual(named, want) {
		t.Errorf("named: got %q, want %q", named, want)
	}
}

// Normalizing the tags found in the golden dialect files leaves no tag
// the foreign tag check would warn of, except those meant to stay.
func TestNormalizeLeavesOnlyUnknownTags(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join("testdata", "golden", "dialect_*.txt"))
	var left []string
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		src, _, _ := bytes.Cut(data, []byte(goldenMarker))
		mdx := bytes.Contains(src, []byte("options: dialects mdx"))
		for _, tag := range ForeignTags(Normalize(src, mdx), mdx) {
			left = append(left, tag.Text)
		}
	}
	want := []string{
		`{% hint style="warning" %}`, // never closed
		`{{< unknown >}}`,
		`{{ not a variable }}`, // shown as written, from {% raw %}
		`<YouTube id="x" />`,
	}
	if !reflect.DeepEqual(slices.Sorted(slices.Values(left)), slices.Sorted(slices.Values(want))) {
		t.Errorf("tags left after Normalize: %q, want %q", left, want)
	}
}

// FuzzNormalize checks what the rest of the build relies on: Normalize
// keeps the number of lines, so positions stay true, never grows a page
// without bound, and leaves fenced code as it was.
func FuzzNormalize(f *testing.F) {
	for _, s := range []string{
		"{% hint style=\"info\" %}\nx\n{% endhint %}",
		"!!! note \"t\"\n    a\n\n    ```\n    b\n    ```\n",
		":::tip[x]\n:::note\ny\n:::\n:::",
		"{{< details \"a\" open >}}\n{{< /details >}}",
		"{: .note-title }\n> T\n>\n> b",
		"=== \"a\"\n\t=== \"b\"\n\t\tc",
		"{{< figure src=\"a\" caption='b' link=c >}} {{< youtube x >}}",
		"a{{< comment >}}b{{% /comment %}}{{< /comment >}}\n{{%comment%}}\nc\n{{% / comment %}}",
		"## h {: #i }\n* TOC\n{:toc}\n[TOC]",
		"{% highlight x %}\n````\n{% endhighlight %}",
		"<details open><summary>a</summary>\n<details>\nb\n</details>\n</details>",
		"<CodeBlock language=\"js\">\n{`a\n`}\n</CodeBlock>\n<X a=\"b\">\n<Y>\nc\n</Y>\n</X>\n<Link to=\"a\">b</Link> <DocCardList />",
		"export const H = ({c}) => (\n  <b style={{a: 1}}>{c}</b>\n);\n\nimport {\n  A,\n} from 'x';",
		"import X from 'x';\n<Tabs>\n<TabItem value=\"a\" label=\"A\">\nx\n</TabItem>\n</Tabs>\n<Admonition type=\"tip\">\ny\n</Admonition>",
	} {
		f.Add(s, false)
		f.Add(s, true)
	}
	f.Fuzz(func(t *testing.T, src string, mdx bool) {
		out := Normalize([]byte(src), mdx)
		if got, want := bytes.Count(out, []byte("\n")), strings.Count(src, "\n"); got != want {
			t.Fatalf("Normalize(%q) = %q: %d lines, want %d", src, out, got+1, want+1)
		}
		// Nesting is bounded, so each line grows by a bounded prefix; a
		// tag grows at most fourfold (a youtube id into a link).
		if len(out) > 4*len(src)+2*(maxDepth+1)*(strings.Count(src, "\n")+1) {
			t.Fatalf("Normalize(%q) grew to %d bytes", src, len(out))
		}
	})
}

// A frame rewritten as a link renders as one link: its text is not
// linked again inside it.
func TestIframeLinkIsOneLink(t *testing.T) {
	src := Normalize([]byte("Watch this:\n<iframe src=\"https://www.youtube.com/embed/abc123\"></iframe>\n"), false)
	res, err := New(Config{}).Render(src, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if n := bytes.Count(res.HTML, []byte("<a ")); n != 1 {
		t.Errorf("%d links, want 1:\n%s", n, res.HTML)
	}
}

// blockIDAt is the hand-written form of this expression, which it
// replaced for speed; they must agree on every line.
var blockIDRe = regexp.MustCompile(`(?:^|\s)\^[A-Za-z0-9-]+\s*$`)

func FuzzBlockIDAt(f *testing.F) {
	for _, s := range []string{"", "^", "a ^b", "^abc", "a^b", "text ^abc-1  ", "x ^ab c", "x\t^A9\r", "^a ^b", "a ^é", "  ^-", "a ^b^c"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, line string) {
		want := -1
		if m := blockIDRe.FindStringIndex(line); m != nil {
			want = m[0]
		}
		if got := blockIDAt(line); got != want {
			t.Fatalf("blockIDAt(%q) = %d, the expression finds %d", line, got, want)
		}
	})
}

// mayHaveDialectByMark is mayHaveDialect as its comment says it: a search
// of the whole page for each mark in turn.
func mayHaveDialectByMark(src []byte) bool {
	if bytes.HasSuffix(bytes.TrimRight(src, "\r\n"), []byte("\\")) {
		return true
	}
	for _, m := range dialectMarks {
		if bytes.Contains(src, []byte(m)) {
			return true
		}
	}
	return false
}

// The one-pass scan finds a mark wherever it is, also at the page's first
// and last bytes and when the mark begins with a byte it is not anchored on.
func TestMayHaveDialectFindsEveryMark(t *testing.T) {
	pieces := []string{"a", " ", "\n", "\r\n", ">", "<", "{", "%", "=", ":", "!", "?", "^", "[", "]", "`", "~", "\\", "é", "ad-", "/a", "TOC", "details", "Tabs", "head", "material-"}
	for _, m := range dialectMarks {
		pieces = append(pieces, m, m[:len(m)-1], m[1:])
	}
	r := rand.New(rand.NewPCG(3, 65))
	for range 50000 {
		var b []byte
		for range r.IntN(8) {
			b = append(b, pieces[r.IntN(len(pieces))]...)
		}
		if got, want := mayHaveDialect(b, false), mayHaveDialectByMark(b); got != want {
			t.Fatalf("mayHaveDialect(%q) = %v, mark by mark %v", b, got, want)
		}
	}
}

// The expressions parseWholeTag reads by hand, as they were written.
var (
	liquidTagRE = regexp.MustCompile(`^\{%-?\s*([A-Za-z][\w-]*)\s*(.*?)\s*-?%\}$`)
	hugoTagRE   = regexp.MustCompile(`^\{\{([<%])\s*(/?)\s*([A-Za-z][\w-]*)\s*(.*?)\s*([>%])\}\}$`)
)

// parseWholeTagRE is parseWholeTag by its regular expressions.
func parseWholeTagRE(s string) (wholeTag, bool) {
	if m := liquidTagRE.FindStringSubmatch(s); m != nil {
		name := strings.ToLower(m[1])
		t := wholeTag{name: name, args: m[2]}
		if rest, ok := strings.CutPrefix(name, "end"); ok && rest != "" {
			t.name, t.end = rest, true
		}
		return t, true
	}
	if m := hugoTagRE.FindStringSubmatch(s); m != nil && (m[1] == "<") == (m[5] == ">") {
		return wholeTag{hugo: true, name: strings.ToLower(m[3]), end: m[2] == "/", args: m[4]}, true
	}
	return wholeTag{}, false
}

var wholeTagCases = []string{
	"{% hint style=\"info\" %}", "{% endhint %}", "{%- if x -%}", "{%endraw-%}", "{%-%}", "{% a - %}",
	"{% a b- %}", "{% a b--%}", "{%a%}", "{% include.x %}", "{% x \n y %}", "{%\nx %}", "{% x %} y",
	"{{< hint info >}}", "{{< /hint >}}", "{{% notice tip %}}", "{{% /notice %}}", "{{<x>}}", "{{<x%}}",
	"{{% x >}}", "{{< x-%}}", "{{< / x >}}", "{{< x a >}} >}}", "{{<>}}", "{{< 1x >}}", "{{< x\t>}}",
	"{{< figure src=\"a.png\" caption=\"b\" >}}", "{{}}", "{%%}", "{{<", "{{ x }}", "{{< x \n >}}",
}

func checkWholeTag(t *testing.T, s string) {
	got, gotOK := parseWholeTag(s)
	want, wantOK := parseWholeTagRE(s)
	if got != want || gotOK != wantOK {
		t.Fatalf("parseWholeTag(%q) = %+v, %v; the expressions say %+v, %v", s, got, gotOK, want, wantOK)
	}
}

// hugoInlineRE is the expression hugoInline reads by hand.
var hugoInlineRE = regexp.MustCompile(`^\{\{([<%])\s*(figure|youtube|vimeo)\s+(.*?)\s*([>%])\}\}`)

// checkHugoInline compares hugoInline with its expression on s, the name
// read as inlineTag reads it.
func checkHugoInline(t *testing.T, s string) {
	want := hugoInlineRE.FindStringSubmatch(s)
	var got []string
	if strings.HasPrefix(s, "{{<") || strings.HasPrefix(s, "{{%") {
		name := trimTagSpace(s[3:])
		got = hugoInline(s, name[:tagNameLen(name)])
	}
	if !slices.Equal(got, want) {
		t.Fatalf("hugoInline(%q) = %q; the expression says %q", s, got, want)
	}
}

var hugoInlineCases = []string{
	`{{< figure src="a.png" caption="b" >}}`, `{{% youtube x %}} after`, `{{< vimeo 1 >}}{{< vimeo 2 >}}`,
	`{{< figure>}}`, `{{<figure src=a>}}`, `{{< figures a >}}`, `{{< figure a %}}`, "{{< figure a\n>}}",
	"{{< figure a\nb >}}", `{{< figure  >}}`, `{{< figure a > }}`, `{{< figure a >}`, "{{<\tyoutube\tid\t%}}",
	`{{< figure a >>}}`, "{{< figure \xe2>}}",
}

// The expressions admonitionOpen and tabOpen read by hand.
var (
	admonitionOpenRE = regexp.MustCompile(`^(!!!|\?\?\?\+?)\s*([\w-]+)((?:\s+[\w-]+)*)\s*(?:"(.*)")?\s*$`)
	tabOpenRE        = regexp.MustCompile(`^===[!+]?\s+"(.*)"\s*$`)
)

func checkMkDocsOpeners(t *testing.T, s string) {
	mark, kind, title, ok := admonitionOpen(s)
	if m := admonitionOpenRE.FindStringSubmatch(s); (m != nil) != ok || m != nil && (m[1] != mark || m[2] != kind || m[4] != title) {
		t.Fatalf("admonitionOpen(%q) = %q, %q, %q, %v; the expression says %q", s, mark, kind, title, ok, m)
	}
	title, ok = tabOpen(s)
	if m := tabOpenRE.FindStringSubmatch(s); (m != nil) != ok || m != nil && m[1] != title {
		t.Fatalf("tabOpen(%q) = %q, %v; the expression says %q", s, title, ok, m)
	}
}

var mkdocsOpenerCases = []string{
	`!!! note`, `!!! note "Titre"`, `??? tip "A" `, `???+ warning`, `!!! note inline end "T"`, `!!!note`,
	`!!! note ""`, `!!! note "a" "b"`, `!!! note "a`, `!!! note "T" x`, `!!! "T"`, `??? +x`, "!!! note \"a\nb\"",
	"!!! note\t\"t\"\t", `!!! a-b_c d-e`, `!!! note (x)`, `=== "Onglet"`, `===! "A"`, `===+ "B"  `, `==="A"`,
	`=== A`, `=== "A" "B"`, `=== "`, `=== ""`, "=== \"a\nb\"", `===x "A"`, `==== "A"`,
}

// The expressions jsxOpen, jsxClose and colonOpen read by hand.
var (
	jsxOpenRE   = regexp.MustCompile(`^<(Tabs|TabItem|Admonition)\b([^>]*?)/?>\s*$`)
	jsxCloseRE  = regexp.MustCompile(`^</(Tabs|TabItem|Admonition)>\s*$`)
	colonOpenRE = regexp.MustCompile(`^(:{3,})\s*([A-Za-z][\w-]*)?\s*(?:\[(.*)\]|(.*))$`)
)

func checkDocusaurusOpeners(t *testing.T, s string) {
	for _, c := range []struct {
		name string
		got  []string
		re   *regexp.Regexp
	}{
		{"jsxOpen", jsxOpen(s), jsxOpenRE},
		{"jsxClose", jsxClose(s), jsxCloseRE},
		{"colonOpen", colonOpen(s), colonOpenRE},
	} {
		if want := c.re.FindStringSubmatch(s); !slices.Equal(c.got, want) {
			t.Fatalf("%s(%q) = %q; the expression says %q", c.name, s, c.got, want)
		}
	}
}

var docusaurusOpenerCases = []string{
	`<Tabs>`, `<Tabs groupId="os">`, `<TabItem value="a" label="A">`, `<TabItem value="a" />`, `<Admonition type="tip">`,
	`<Tabsx>`, `<Tabs-x>`, `<Tabs`, `<Tabs> x`, "<Tabs a\nb>", `<Tabs//>`, `</Tabs>`, `</TabItem>  `, `</Tabs> x`, `</Tab>`,
	`:::tip`, `:::tip Title`, `:::tip[Title]`, `::: note [a] b]`, `::: note [a] b`, `::::details`, `::`, `:::`, `::: [x]`,
	`:::1x`, "::: note\nfoo", "::: note foo\nbar", `:::note[]`, `::: [`, `:::: code-group`,
}

// The dialect's parsers read by hand, each beside the expressions it
// replaced, on the cases above and, fuzzed, on any line.
var dialectParserCases = slices.Concat(wholeTagCases, hugoInlineCases, mkdocsOpenerCases, docusaurusOpenerCases)

func checkDialectParsers(t *testing.T, s string) {
	checkWholeTag(t, s)
	checkHugoInline(t, s)
	checkMkDocsOpeners(t, s)
	checkDocusaurusOpeners(t, s)
}

func TestDialectParsersMatchExpressions(t *testing.T) {
	for _, s := range dialectParserCases {
		checkDialectParsers(t, s)
	}
}

// FuzzDialectParsers checks parseWholeTag, hugoInline, admonitionOpen,
// tabOpen, jsxOpen, jsxClose and colonOpen against the expressions they
// replaced.
func FuzzDialectParsers(f *testing.F) {
	for _, s := range dialectParserCases {
		f.Add(s)
	}
	f.Fuzz(checkDialectParsers)
}

// Docusaurus 3 reads a .md page as MDX: one that imports a component is
// read as MDX here too.
func TestIsMDXPage(t *testing.T) {
	for _, tt := range []struct {
		name, src string
		want      bool
	}{
		{"a.mdx", "Text", true},
		{"a.md", "---\ntitle: F\n---\nimport FeaturesTable from '.././_features-table.md';\n\n<FeaturesTable />\n", true},
		{"a.md", "import {Button} from \"@site/src/components\"\n", true},
		{"a.md", "import * as X from 'x';\n", true},
		{"a.md", "Text that says import this from that.\n", false},
		{"a.md", "```js\n  import x from 'y';\n```\n", false},
		{"a.md", "```js\nimport x from 'y';\n```\n", false},
		{"a.md", "Plain.\n", false},
	} {
		if got := IsMDXPage(tt.name, []byte(tt.src)); got != tt.want {
			t.Errorf("IsMDXPage(%s, %q) = %v, want %v", tt.name, tt.src, got, tt.want)
		}
	}
}
