// Command binome builds, serves and checks a mentoring programme's static
// site. Each subcommand lives in its own file; this one only dispatches.
package main

import (
	"os"
)

func main() {
	tuneGC()
	os.Exit(Main(os.Args[1:], os.Stdout, os.Stderr))
}
