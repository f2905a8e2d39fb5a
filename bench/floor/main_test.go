package main

import "testing"

func TestBodySkipsFrontMatter(t *testing.T) {
	tests := []struct {
		name, in, want string
		err            bool
	}{
		{"front matter", "---\ntitle: x\n---\n# Hi\n", "# Hi\n", false},
		{"crlf", "---\r\ntitle: x\r\n---\r\nbody", "body", false},
		{"bom", "\ufeff---\na: 1\n---\nbody", "body", false},
		{"no front matter", "# Hi\n---\n", "# Hi\n---\n", false},
		{"dashes inside a value", "---\na: ---x\n---\nbody", "body", false},
		{"unclosed", "---\ntitle: x\n", "", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := body([]byte(tt.in))
			if (err != nil) != tt.err || string(got) != tt.want {
				t.Errorf("body(%q) = %q, %v; want %q, error %v", tt.in, got, err, tt.want, tt.err)
			}
		})
	}
}
