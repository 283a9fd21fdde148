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
	m := c.r.m
	if m.sealed.Load() && !c.released.Load() {
		return c.addr, nil
	}
	if c.released.Load() {
		return 0, errReleased
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if err := m.sealLocked(); err != nil {
		return 0, err
	}
	return c.addr, nil
}

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
	m := c.r.m
	m.mu.Lock()
	m.releaseOneLocked(c.n)
	m.mu.Unlock()
}
