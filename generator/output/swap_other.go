//go:build !linux

package output

// swap uses two renames where there is no atomic exchange; Recover undoes a
// crash between them.
func (s *Staging) swap() error { return s.swapByRename() }
