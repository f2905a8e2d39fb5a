// Package binid names the running build of binome, so that caches written
// by one build are not read by another: a cache keyed only on the input
// would keep serving what an older binome rendered.
package binid

import (
	"bytes"
	"crypto/sha256"
	"debug/elf"
	"encoding/binary"
	"io"
	"os"
	"runtime/debug"
	"sync"
)

// Key returns a hash that names the running executable, computed once per
// process. It changes with any change to the code, even an uncommitted
// one, which a version number or a VCS revision would not show.
//
// It is the Go build ID that the linker writes into every executable: a
// hash of the link's inputs and of the output itself, read in well under
// a millisecond. Hashing the whole executable (24 MB) took 30–40 ms, a
// tenth of a warm build of 10,000 pages. When there is no build ID, the
// executable's bytes are hashed, and when it cannot be read, the module
// build information.
var Key = sync.OnceValue(func() [32]byte {
	exe, err := os.Executable()
	if err == nil {
		if id := goBuildID(exe); id != "" {
			return sha256.Sum256([]byte("go build ID " + id))
		}
		if k, ok := hashFile(exe); ok {
			return k
		}
	}
	var info string
	if bi, ok := debug.ReadBuildInfo(); ok {
		info = bi.String()
	}
	return sha256.Sum256([]byte("build info " + info))
})

// goBuildID reads the Go build ID of an executable: the .note.go.buildid
// note of an ELF file, or the marked string the linker puts near the
// start of the text of others (Mach-O, PE). It is "" when there is none.
func goBuildID(name string) string {
	f, err := os.Open(name)
	if err != nil {
		return ""
	}
	defer f.Close()
	if ef, err := elf.NewFile(f); err == nil {
		if s := ef.Section(".note.go.buildid"); s != nil {
			if data, err := s.Data(); err == nil && len(data) > 16 {
				// A note: name size, description size, type, then the
				// name ("Go", padded to 4 bytes) and the description.
				nameSize := binary.LittleEndian.Uint32(data[0:4])
				descSize := binary.LittleEndian.Uint32(data[4:8])
				start := 12 + (nameSize+3)&^3
				if uint64(start)+uint64(descSize) <= uint64(len(data)) {
					return string(data[start : start+descSize])
				}
			}
		}
		return ""
	}
	head := make([]byte, 64<<10)
	n, _ := io.ReadFull(f, head)
	head = head[:n]
	const marker = "\xff Go build ID: \""
	i := bytes.Index(head, []byte(marker))
	if i < 0 {
		return ""
	}
	rest := head[i+len(marker):]
	end := bytes.IndexByte(rest, '"')
	if end <= 0 {
		return ""
	}
	return string(rest[:end])
}

func hashFile(name string) ([32]byte, bool) {
	var k [32]byte
	f, err := os.Open(name)
	if err != nil {
		return k, false
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return k, false
	}
	h.Sum(k[:0])
	return k, true
}
