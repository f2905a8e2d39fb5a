package markdown

import (
	"strings"
	"testing"
)

// A tag of another generator that binome leaves in the text is shown as
// written, in French and in English: its quotes are not made typographic,
// its URLs not links, its stars not emphasis. Around it, the text is
// typeset as usual.
func TestLeftoverTagsShownAsWritten(t *testing.T) {
	tests := []struct{ name, lang, in, want string }{
		{"liquid, French", "fr", `Voir {% include note.html text="x" %} ici.`, `Voir {% include note.html text=&quot;x&quot; %} ici.`},
		{"liquid, English", "en", `See {% include note.html text='x' %} here.`, `See {% include note.html text='x' %} here.`},
		{"shortcode with a URL", "en", `{{< video src="https://example.org/v.mp4" >}}`, `{{&lt; video src=&quot;https://example.org/v.mp4&quot; &gt;}}`},
		{"percent shortcode", "fr", `{{% notice *info* "Titre" %}}`, `{{% notice *info* &quot;Titre&quot; %}}`},
		{"variable", "en", `Hello {{ user.name | default: "you" }}!`, `Hello {{ user.name | default: &quot;you&quot; }}!`},
		{"text around typeset", "fr", `"Oui" {% x "a" %} "non"`, "«\u202FOui\u202F» {% x &quot;a&quot; %} «\u202Fnon\u202F»"},
		{"hugo escaped shortcode", "en", `See {{</* figure src="a.png" */>}} and {{%/* note */%}}.`, `See {{&lt; figure src=&quot;a.png&quot; &gt;}} and {{% note %}}.`},
		{"not closed on the line", "en", `{% x "a"`, "{% x “a”"},
		{"a brace alone", "en", `a {b} "c"`, "a {b} “c”"},
	}
	r := New(Config{})
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := r.Render([]byte(tt.in), Options{Lang: tt.lang})
			if err != nil {
				t.Fatal(err)
			}
			got := strings.TrimSuffix(strings.TrimPrefix(string(res.HTML), "<p>"), "</p>\n")
			if got != tt.want {
				t.Errorf("got  %q\nwant %q", got, tt.want)
			}
		})
	}
}
