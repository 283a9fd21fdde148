package jitmem

import (
	"sync/atomic"
	"unsafe"
)

// Code is one blob of machine code placed by an [Arena]. A Code keeps its
// region mapped for as long as the Code is reachable or until
// [Code.Release]; callers must keep it reachable while its instructions run.
type Code struct {
	r        *region
	off      uintptr
	addr     uintptr // first instruction; meaningful once sealed
	n        int
	ready    atomic.Uintptr // addr once sealed, 0 before and after release
	released atomic.Bool
}

func newCode(r *region, off uintptr, n int) *Code {
	return &Code{r: r, off: off, addr: uintptr(r.m.base) + off, n: n}
}

// Entry returns the address of the first instruction, sealing the code's
// region read-execute first if it is still writable. Once sealed, Entry costs
// two atomic loads. It fails if the code was released, or if sealing failed —
// in which case the whole region has been unmapped and every Code in it
// returns the same error, wrapping [ErrUnavailable] when the kernel forbids
// executable memory.
func (c *Code) Entry() (uintptr, error) {
	// Kept small enough to inline into callers: this is on the path of
	// every call into generated code.
	if a := c.ready.Load(); a != 0 {
		return a, nil
	}
	return c.entrySlow()
}

// entrySlow seals the region on first use, or reports why it cannot.
func (c *Code) entrySlow() (uintptr, error) {
	if c.released.Load() {
		return 0, errReleased
	}
	m := c.r.m
	m.mu.Lock()
	defer m.mu.Unlock()
	if err := m.sealLocked(); err != nil {
		return 0, err
	}
	if c.released.Load() { // released while we waited for the lock
		return 0, errReleased
	}
	c.ready.Store(c.addr)
	return c.addr, nil
}

// Addr returns the address of the first instruction if the code is sealed
// and not released, and 0 otherwise, in which case [Code.Entry] seals it or
// says why it cannot. Addr is a single atomic load, cheap enough to inline
// on the path of every call.
func (c *Code) Addr() uintptr { return c.ready.Load() }

// Len returns the length of the code in bytes.
func (c *Code) Len() int { return c.n }

// Bytes returns a copy of the code, or nil if it was released or its region
// failed to seal. It works before and after sealing.
func (c *Code) Bytes() []byte {
	m := c.r.m
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.state == stDead || c.released.Load() {
		return nil
	}
	out := make([]byte, c.n)
	copy(out, unsafe.Slice((*byte)(unsafe.Add(m.base, c.off)), c.n))
	return out
}

// Release frees the code deterministically instead of waiting for the garbage
// collector. The region is unmapped when its last blob is released. Release is
// idempotent; the caller must ensure the code is not running and will not be
// entered again.
func (c *Code) Release() {
	if c.released.Swap(true) {
		return
	}
	c.ready.Store(0)
	m := c.r.m
	m.mu.Lock()
	m.releaseOneLocked(c.n)
	m.mu.Unlock()
}
