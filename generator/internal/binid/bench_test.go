package binid

import (
	"os"
	"testing"
)

// BenchmarkGoBuildID measures what every build pays to name binome.
func BenchmarkGoBuildID(b *testing.B) {
	exe, err := os.Executable()
	if err != nil {
		b.Skip(err)
	}
	for b.Loop() {
		if goBuildID(exe) == "" {
			b.Fatal("no build ID")
		}
	}
}
