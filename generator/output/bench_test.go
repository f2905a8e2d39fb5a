package output

import (
	"fmt"
	"path/filepath"
	"sync"
	"testing"
)

// BenchmarkStagingWrite is the write stage of a cold build: 1,000 pages
// of 12 kB, one folder each as pretty URLs make them, written from two
// goroutines into a new staging tree, then swapped in. Set TMPDIR to the
// file system to measure (the disk, or a tmpfs).
func BenchmarkStagingWrite(b *testing.B) {
	const pages, size = 1000, 12 << 10
	body := make([]byte, size)
	for i := range body {
		body[i] = byte('a' + i%26)
	}
	dest := filepath.Join(b.TempDir(), "public")
	b.SetBytes(pages * size)
	for b.Loop() {
		s, err := Stage(dest)
		if err != nil {
			b.Fatal(err)
		}
		var wg sync.WaitGroup
		for w := range 2 {
			wg.Go(func() {
				for i := w; i < pages; i += 2 {
					p := fmt.Sprintf("guides/page-%04d/index.html", i)
					if err := s.Write(p, body); err != nil {
						b.Error(err)
						return
					}
				}
			})
		}
		wg.Wait()
		if err := s.Swap(); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N*pages), "µs/file")
}
