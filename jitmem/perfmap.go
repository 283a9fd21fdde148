package jitmem

import (
	"fmt"
	"os"
	"slices"
	"sync"
)

// Profilers. Linux perf names the instructions of JIT code from a file
// the process writes, /tmp/perf-<pid>.map: a line per range, with its
// start and size in hex and a name. With RXJIT_PERFMAP=1 in the
// environment, Describe writes the ranges of a blob there, so that
// `perf report` shows where generated code spends its time by the
// labels of its generator rather than by raw addresses. Nothing is
// written otherwise. The file is not rewritten when blobs are freed: a
// later blob at the same addresses adds lines of its own.

// perfMap is the open map file, or nil when RXJIT_PERFMAP is not 1 or
// the file could not be opened.
var perfMap = struct {
	once sync.Once
	sync.Mutex
	f *os.File
}{}

// Describe names the code for profilers: the range from each label's
// offset to the next is named name:label (the whole blob name where
// labels is empty). It does nothing unless RXJIT_PERFMAP=1.
func (c *Code) Describe(name string, labels map[int]string) {
	perfMap.once.Do(func() {
		if os.Getenv("RXJIT_PERFMAP") != "1" {
			return
		}
		f, err := os.OpenFile(fmt.Sprintf("/tmp/perf-%d.map", os.Getpid()), os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
		if err == nil {
			perfMap.f = f
		}
	})
	if perfMap.f == nil {
		return
	}
	perfMap.Lock()
	defer perfMap.Unlock()
	fmt.Fprint(perfMap.f, perfLines(c.addr, c.n, name, labels))
}

// perfLines returns the map lines of a blob of n bytes at addr.
func perfLines(addr uintptr, n int, name string, labels map[int]string) string {
	offs := []int{0}
	for off, l := range labels {
		if off > 0 && off < n && l != "" {
			offs = append(offs, off)
		}
	}
	slices.Sort(offs)
	offs = slices.Compact(offs)
	var b []byte
	for i, off := range offs {
		end := n
		if i+1 < len(offs) {
			end = offs[i+1]
		}
		sym := name
		if l := labels[off]; l != "" {
			sym += ":" + l
		}
		b = fmt.Appendf(b, "%x %x %s\n", addr+uintptr(off), end-off, sym)
	}
	return string(b)
}
