package output

import (
	"slices"
	"sync"
)

// Memory is a Sink that keeps files in memory, for the dev server. It is
// safe for concurrent use. Unlike a Staging directory, writing a path again
// replaces its body, so a server may rewrite a page it rendered again.
type Memory struct {
	mu    sync.RWMutex
	files map[string][]byte
}

// Write stores body under path, which must pass CheckPath. Memory keeps
// body itself: the caller must not modify it afterwards.
func (m *Memory) Write(path string, body []byte) error {
	if err := CheckPath(path); err != nil {
		return err
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.files == nil {
		m.files = make(map[string][]byte)
	}
	m.files[path] = body
	return nil
}

// Get returns the body written under path. The caller must not modify it.
func (m *Memory) Get(path string) ([]byte, bool) {
	m.mu.RLock()
	defer m.mu.RUnlock()
	b, ok := m.files[path]
	return b, ok
}

// Paths returns the paths written, sorted.
func (m *Memory) Paths() []string {
	m.mu.RLock()
	paths := make([]string, 0, len(m.files))
	for p := range m.files {
		paths = append(paths, p)
	}
	m.mu.RUnlock()
	slices.Sort(paths)
	return paths
}

// Len returns the number of files written.
func (m *Memory) Len() int {
	m.mu.RLock()
	defer m.mu.RUnlock()
	return len(m.files)
}
