// Command binome builds, serves and checks a mentoring programme's static
// site. Each subcommand lives in its own file; this one only dispatches.
package main

import (
	"os"
	"runtime"
	"strings"
)

func main() {
	if !wantsHeapProfile(os.Args[1:]) {
		// The runtime records the stack of an allocation every 512 KB for
		// heap profiles, which only --memprofile writes: a cold build of
		// 10,000 pages allocates gigabytes.
		runtime.MemProfileRate = 0
	}
	tuneGC()
	os.Exit(Main(os.Args[1:], os.Stdout, os.Stderr))
}

// wantsHeapProfile reports whether args ask for a heap profile.
func wantsHeapProfile(args []string) bool {
	for _, a := range args {
		if strings.HasPrefix(a, "-") && strings.HasPrefix(strings.TrimLeft(a, "-"), "memprofile") {
			return true
		}
	}
	return false
}
