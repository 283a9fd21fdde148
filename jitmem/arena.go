package jitmem

import (
	"errors"
	"fmt"
	"runtime"
	"sync"
)

const (
	// blobAlign is the alignment of every blob's first byte. Generated code
	// may align loop heads to at most this boundary relative to its start.
	blobAlign = 64

	// defaultRegionSize is the virtual size of a fresh region. Only the
	// pages code is written to are ever touched, and sealing returns the
	// rest, so a large value costs address space, not memory.
	defaultRegionSize = 64 << 10
)

// Arena packs code blobs into shared read-write regions until they are
// sealed. The zero value is ready to use, and an Arena is safe for concurrent
// use. Dropping an Arena does not free its blobs; each region lives as long as
// any Code in it.
type Arena struct {
	mu  sync.Mutex
	cur *region // region still accepting blobs, or nil
}

// region is the object whose reachability decides when a mapping is
// unmapped: every Code points to its region, and the region's cleanup unmaps
// the mapping. The mapping must not point back to the region, or the region
// would never become unreachable.
type region struct {
	m *mapping
}

var defaultArena Arena

// Alloc copies code into executable memory through a process-wide Arena. See
// [Arena.Add].
func Alloc(code []byte) (*Code, error) { return defaultArena.Add(code) }

// Add copies code into a read-write region and returns a handle for it. The
// code becomes executable when [Code.Entry] is first called on it or on any
// other blob of the same region, or when [Arena.Seal] is called; after that
// the region takes no more blobs. Each blob starts on a 64-byte boundary.
//
// Add returns an error wrapping [ErrUnavailable] when executable memory is
// disabled or unsupported, an error for empty code, and the mmap error if a new
// region cannot be mapped; in every failing case nothing stays mapped.
func (a *Arena) Add(code []byte) (*Code, error) {
	if err := envDisabled(); err != nil {
		return nil, err
	}
	if !supported {
		return nil, fmt.Errorf("%w: %s", ErrUnavailable, unsupportedReason)
	}
	if len(code) == 0 {
		return nil, errors.New("jitmem: empty code")
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	if r := a.cur; r != nil {
		r.m.mu.Lock()
		off, ok := r.m.appendLocked(code)
		if !ok {
			r.m.closeLocked()
		}
		r.m.mu.Unlock()
		if ok {
			return newCode(r, off, len(code)), nil
		}
		a.cur = nil
	}
	size := max(defaultRegionSize, alignUp(uintptr(len(code)), pageSize()))
	m, err := newMapping(size)
	if err != nil {
		return nil, err
	}
	r := &region{m: m}
	runtime.AddCleanup(r, (*mapping).collect, m)
	m.mu.Lock()
	off, _ := m.appendLocked(code) // fits: the region was sized for it
	m.mu.Unlock()
	a.cur = r
	return newCode(r, off, len(code)), nil
}

// Seal makes every blob added so far executable, so that the first
// [Code.Entry] is cheap, and starts a new region for later blobs. Sealing an
// arena with no pending blobs does nothing.
func (a *Arena) Seal() error {
	a.mu.Lock()
	defer a.mu.Unlock()
	r := a.cur
	if r == nil {
		return nil
	}
	a.cur = nil
	r.m.mu.Lock()
	defer r.m.mu.Unlock()
	if r.m.live == 0 {
		r.m.closeLocked()
		return nil
	}
	return r.m.sealLocked()
}
