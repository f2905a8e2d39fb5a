package content

import (
	"reflect"
	"testing"

	"binome/generator/source"
)

// simpleYAMLCases are frontmatter texts, the first ones as pages write
// them, which the fast path must decode (true) or leave to yaml.v3.
var simpleYAMLCases = []struct {
	name, raw string
	fast      bool
}{
	{"typical page", "title: \"Pas à pas : accompagner\"\ndate: 2021-04-01\ntags:\n  - \"first-steps\"\nweight: 747\ndraft: false\n", true},
	{"profile", "title: Aïcha André\nrole: mentor\nskills_offered: [people management, 'public speaking']\nlanguages: [fr, en]\nphoto: /img/a.png # square\n", true},
	{"comments and blanks", "# about\ntitle: X\n\ntags: # below\n\n- a\n  # between\n- b\n", true},
	{"quotes", "a: 'L''astuce'\nb: \"C#\"\nc: C# and F#\nd: ~\ne: TRUE\nf: yes\ng: 0\n", true},
	{"empty", "", true},
	{"not numbers", "review_every: 6 months\nat: 10:30\nwhen: 2024-01-15 10:00:00\nv: 3rd\n", true},
	{"empty list", "tags: []\n", true},
	{"escapes", "title: \"a\\tb\"\n", false},
	{"nested", "params:\n  a: 1\n", false},
	{"null", "summary:\nweight: 1\n", false},
	{"folded scalar", "title: one\n  two\n", false},
	{"block scalar", "summary: |\n  x\n", false},
	{"anchor", "a: &x 1\nb: *x\n", false},
	{"float", "score: 1.5\n", false},
	{"octal-looking", "code: 007\n", false},
	{"colon in plain", "title: a: b\n", false},
	{"twice", "a: 1\na: 2\n", false},
	{"tab", "title:\tx\n", false},
	{"crlf", "title: x\r\n", false},
	{"trailing comma", "tags: [a, ]\n", false},
	{"list item map", "people:\n  - name: a\n", false},
	{"line separator", "title: a\u2028b\n", false},
}

func TestSimpleYAMLMatchesYAMLv3(t *testing.T) {
	for _, tt := range simpleYAMLCases {
		t.Run(tt.name, func(t *testing.T) {
			fast := Front{Values: map[string]any{}, Pos: map[string]source.Pos{}}
			if got := decodeSimpleYAML("p.md", []byte(tt.raw), 2, &fast); got != tt.fast {
				t.Fatalf("fast path took it: %v, want %v", got, tt.fast)
			}
			if !tt.fast {
				if len(fast.Values)+len(fast.Pos) > 0 {
					t.Fatalf("fast path left values after giving up: %v %v", fast.Values, fast.Pos)
				}
				return
			}
			checkSimpleYAML(t, tt.raw, fast)
		})
	}
}

// checkSimpleYAML checks that yaml.v3 decodes raw to fast, without error.
func checkSimpleYAML(t *testing.T, raw string, fast Front) {
	t.Helper()
	slow := Front{Values: map[string]any{}, Pos: map[string]source.Pos{}}
	if err := decodeYAMLNodes("p.md", []byte(raw), 2, &slow); err != nil {
		t.Fatalf("fast path decoded %q, yaml.v3 refuses it: %v", raw, err)
	}
	if !reflect.DeepEqual(fast.Values, slow.Values) {
		t.Fatalf("values of %q:\nfast %#v\nv3   %#v", raw, fast.Values, slow.Values)
	}
	if !reflect.DeepEqual(fast.Pos, slow.Pos) {
		t.Fatalf("positions of %q:\nfast %v\nv3   %v", raw, fast.Pos, slow.Pos)
	}
}

// FuzzSimpleYAML checks that whatever the fast path decodes, yaml.v3
// decodes too, to the same values at the same positions.
func FuzzSimpleYAML(f *testing.F) {
	for _, tt := range simpleYAMLCases {
		f.Add(tt.raw)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		fast := Front{Values: map[string]any{}, Pos: map[string]source.Pos{}}
		if decodeSimpleYAML("p.md", []byte(raw), 2, &fast) {
			checkSimpleYAML(t, raw, fast)
		}
	})
}

func BenchmarkDecodeYAML(b *testing.B) {
	raw := []byte(simpleYAMLCases[0].raw + "role: mentor\nskills_offered: [people management, 'public speaking']\nphoto: /img/a.png\n")
	for _, bb := range []struct {
		name string
		fn   func(string, []byte, int, *Front) error
	}{{"fast", decodeYAML}, {"yaml.v3", decodeYAMLNodes}} {
		b.Run(bb.name, func(b *testing.B) {
			for b.Loop() {
				f := Front{Values: map[string]any{}, Pos: map[string]source.Pos{}}
				if err := bb.fn("p.md", raw, 2, &f); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
