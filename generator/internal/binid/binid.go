// Package binid names the running build of binome, so that caches written
// by one build are not read by another: a cache keyed only on the input
// would keep serving what an older binome rendered.
package binid

import (
	"crypto/sha256"
	"io"
	"os"
	"runtime/debug"
	"sync"
)

// Key returns a hash of the running executable's bytes, computed once per
// process. It changes with any change to the code, even an uncommitted
// one, which a version number or a VCS revision would not show. When the
// executable cannot be read, it falls back on the module build
// information.
var Key = sync.OnceValue(func() [32]byte {
	h := sha256.New()
	if exe, err := os.Executable(); err == nil {
		if f, err := os.Open(exe); err == nil {
			_, err = io.Copy(h, f)
			f.Close()
			if err == nil {
				var k [32]byte
				h.Sum(k[:0])
				return k
			}
			h.Reset()
		}
	}
	if bi, ok := debug.ReadBuildInfo(); ok {
		io.WriteString(h, bi.String())
	}
	var k [32]byte
	h.Sum(k[:0])
	return k
})
