package jitmem

import (
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"unsafe"
)

// state is the life-cycle stage of a mapping. It only moves forward:
// open → closed → sealed → dead, with any stage allowed to jump to dead.
type state uint8

const (
	stOpen   state = iota // read-write; its arena may still append blobs
	stClosed              // read-write; no more blobs, waiting to be sealed
	stSealed              // read-execute; never written again
	stDead                // returned to the kernel
)

// trap fills padding, so a stray jump into it stops at an INT3 instead of
// sliding into the next blob.
const trap = 0xCC

var errReleased = errors.New("jitmem: code used after release")

// mapping is one mmap'd region and the blobs packed into it. All fields but
// sealed are guarded by mu.
type mapping struct {
	mu        sync.Mutex
	base      unsafe.Pointer // start of the mapping; outside the Go heap
	size      uintptr        // bytes currently mapped
	used      uintptr        // bytes handed out to blobs, padding included
	live      int            // blobs neither released nor collected
	liveBytes int64          // code bytes of those blobs
	state     state
	err       error       // why the mapping died early, if it did
	sealed    atomic.Bool // state == stSealed, readable without mu
}

// newMapping maps size bytes (a multiple of the page size) read-write.
func newMapping(size uintptr) (*mapping, error) {
	counters.maps.Add(1)
	p, err := sysMapRW(size)
	if err != nil {
		return nil, fmt.Errorf("jitmem: mapping %d bytes: %w", size, err)
	}
	counters.bytesMapped.Add(int64(size))
	counters.regionsLive.Add(1)
	return &mapping{base: p, size: size}, nil
}

// bytes returns the whole mapping as a slice. Only valid before it is dead.
func (m *mapping) bytes() []byte { return unsafe.Slice((*byte)(m.base), m.size) }

// appendLocked copies code into the mapping at the next blobAlign boundary
// and returns its offset, or false if it does not fit.
func (m *mapping) appendLocked(code []byte) (uintptr, bool) {
	off := alignUp(m.used, blobAlign)
	if m.state != stOpen || off+uintptr(len(code)) > m.size {
		return 0, false
	}
	b := m.bytes()
	for i := m.used; i < off; i++ {
		b[i] = trap
	}
	copy(b[off:], code)
	m.used = off + uintptr(len(code))
	m.live++
	m.liveBytes += int64(len(code))
	counters.codesLive.Add(1)
	counters.bytesUsed.Add(int64(len(code)))
	return off, true
}

// sealLocked makes the used pages read-execute and unmaps the untouched tail.
// If sealing fails the whole mapping is unmapped and the error is kept, so
// every blob in it reports the same failure and nothing stays mapped.
func (m *mapping) sealLocked() error {
	switch m.state {
	case stSealed:
		return nil
	case stDead:
		if m.err != nil {
			return m.err
		}
		return errReleased
	}
	ps := pageSize()
	usedPages := alignUp(m.used, ps)
	if usedPages == 0 {
		usedPages = ps // an empty mapping (the probe) still seals one page
	}
	b := m.bytes()
	for i := m.used; i < usedPages; i++ {
		b[i] = trap
	}
	counters.seals.Add(1)
	if err := sysSeal(m.base, usedPages); err != nil {
		if isDenied(err) {
			err = fmt.Errorf("%w: mprotect PROT_EXEC: %v", ErrUnavailable, err)
		} else {
			err = fmt.Errorf("jitmem: sealing %d bytes: %w", usedPages, err)
		}
		m.unmapLocked()
		m.err = err
		return err
	}
	if tail := m.size - usedPages; tail > 0 {
		// The tail was never written; giving it back cannot expose sealed
		// code. If the kernel refuses, the tail simply stays mapped RW.
		if sysUnmap(unsafe.Add(m.base, usedPages), tail) == nil {
			m.size = usedPages
			counters.bytesMapped.Add(-int64(tail))
		}
	}
	m.state = stSealed
	m.sealed.Store(true)
	return nil
}

// closeLocked stops an open mapping from taking more blobs. A mapping whose
// blobs are all released is unmapped at once.
func (m *mapping) closeLocked() {
	if m.state == stOpen {
		m.state = stClosed
	}
	if m.live == 0 && m.state != stDead {
		m.unmapLocked()
	}
}

// releaseOneLocked accounts for one blob of n bytes being released and
// unmaps the mapping when it was the last one and no arena still writes to it.
func (m *mapping) releaseOneLocked(n int) {
	if m.state == stDead {
		return
	}
	m.live--
	m.liveBytes -= int64(n)
	counters.codesLive.Add(-1)
	counters.bytesUsed.Add(-int64(n))
	if m.live == 0 && m.state != stOpen {
		m.unmapLocked()
	}
}

// unmapLocked returns the mapping to the kernel and forgets its blobs.
func (m *mapping) unmapLocked() {
	if m.state == stDead {
		return
	}
	// munmap of a range we mapped only fails if the arguments are wrong;
	// there is nothing useful to do about it here, and the counters below
	// follow what we asked for.
	_ = sysUnmap(m.base, m.size)
	counters.bytesMapped.Add(-int64(m.size))
	counters.regionsLive.Add(-1)
	counters.codesLive.Add(-int64(m.live))
	counters.bytesUsed.Add(-m.liveBytes)
	m.live, m.liveBytes = 0, 0
	m.state = stDead
	m.sealed.Store(false)
}

// collect is the cleanup run once no Code in the mapping is reachable.
func (m *mapping) collect() {
	m.mu.Lock()
	m.unmapLocked()
	m.mu.Unlock()
}

func alignUp(n, a uintptr) uintptr { return (n + a - 1) &^ (a - 1) }
