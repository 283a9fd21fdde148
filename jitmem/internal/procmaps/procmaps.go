// Package procmaps reads /proc/self/maps, so tests can see what the kernel
// believes about our mappings rather than what our own counters say.
package procmaps

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"strconv"
)

// Mapping is one line of /proc/self/maps.
type Mapping struct {
	Start, End uintptr
	Perms      string // for example "r-xp"
	Path       string // empty for anonymous mappings
}

// Writable reports whether the mapping may be written.
func (m Mapping) Writable() bool { return len(m.Perms) > 1 && m.Perms[1] == 'w' }

// Executable reports whether the mapping may be executed.
func (m Mapping) Executable() bool { return len(m.Perms) > 2 && m.Perms[2] == 'x' }

// Contains reports whether addr lies inside the mapping.
func (m Mapping) Contains(addr uintptr) bool { return m.Start <= addr && addr < m.End }

// Read parses /proc/self/maps. The file is read in one go, which the kernel
// makes consistent per read call, not across the whole file; callers that
// sample while other goroutines map and unmap must tolerate a torn view.
func Read() ([]Mapping, error) {
	data, err := os.ReadFile("/proc/self/maps")
	if err != nil {
		return nil, err
	}
	return Parse(data)
}

// Parse parses the text of a maps file.
func Parse(data []byte) ([]Mapping, error) {
	var out []Mapping
	sc := bufio.NewScanner(bytes.NewReader(data))
	for sc.Scan() {
		f := bytes.Fields(sc.Bytes())
		if len(f) < 5 {
			return nil, fmt.Errorf("procmaps: short line %q", sc.Text())
		}
		lo, hi, ok := bytes.Cut(f[0], []byte("-"))
		if !ok {
			return nil, fmt.Errorf("procmaps: bad range %q", f[0])
		}
		start, err1 := strconv.ParseUint(string(lo), 16, 64)
		end, err2 := strconv.ParseUint(string(hi), 16, 64)
		if err1 != nil || err2 != nil {
			return nil, fmt.Errorf("procmaps: bad range %q", f[0])
		}
		m := Mapping{Start: uintptr(start), End: uintptr(end), Perms: string(f[1])}
		if len(f) >= 6 {
			m.Path = string(f[5])
		}
		out = append(out, m)
	}
	return out, sc.Err()
}

// Find returns the mapping that contains addr.
func Find(maps []Mapping, addr uintptr) (Mapping, bool) {
	for _, m := range maps {
		if m.Contains(addr) {
			return m, true
		}
	}
	return Mapping{}, false
}
