//go:build linux && amd64

package jitmem

import (
	"errors"
	"slices"
	"sync"
	"testing"
	"unsafe"

	"golang.org/x/sys/unix"
)

// span is an address range passed to munmap.
type span struct{ start, end uintptr }

// inject replaces the mmap and mprotect hooks for the duration of a test.
// mapFail and sealFail say which call (1-based) fails, 0 for none. It
// returns the ranges unmapped meanwhile, so a test can prove a region was
// returned to the kernel; the kernel's own view cannot, because the address
// range may be reused by the time the test looks.
func inject(t *testing.T, mapFail, sealFail int, errno error) *[]span {
	t.Helper()
	oldMap, oldSeal, oldUnmap := sysMapRW, sysSeal, sysUnmap
	var unmapped []span
	var mu sync.Mutex
	sysUnmap = func(p unsafe.Pointer, n uintptr) error {
		mu.Lock()
		unmapped = append(unmapped, span{uintptr(p), uintptr(p) + n})
		mu.Unlock()
		return oldUnmap(p, n)
	}
	var maps, seals int
	sysMapRW = func(n uintptr) (unsafe.Pointer, error) {
		maps++
		if maps == mapFail {
			return nil, errno
		}
		return oldMap(n)
	}
	sysSeal = func(p unsafe.Pointer, n uintptr) error {
		seals++
		if seals == sealFail {
			return errno
		}
		return oldSeal(p, n)
	}
	t.Cleanup(func() { sysMapRW, sysSeal, sysUnmap = oldMap, oldSeal, oldUnmap })
	return &unmapped
}

func TestFailureInjection(t *testing.T) {
	requireJIT(t)
	tests := []struct {
		name            string
		mapFail         int
		sealFail        int
		errno           error
		wantUnavailable bool
	}{
		{"mmap ENOMEM on first region", 1, 0, unix.ENOMEM, false},
		{"mmap ENOMEM on second region", 2, 0, unix.ENOMEM, false},
		{"mprotect EACCES (SELinux execmem)", 0, 1, unix.EACCES, true},
		{"mprotect EPERM (PaX, seccomp)", 0, 1, unix.EPERM, true},
		{"mprotect ENOMEM", 0, 1, unix.ENOMEM, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := settle(t)
			unmapped := inject(t, tt.mapFail, tt.sealFail, tt.errno)
			var a Arena
			var codes []*Code
			var firstErr error
			// Three blobs in one region, then a seal, then a blob that needs
			// a second region.
			for i := 0; i < 4 && firstErr == nil; i++ {
				if i == 3 {
					if err := a.Seal(); err != nil {
						firstErr = err
						break
					}
				}
				c, err := a.Add(ret)
				if err != nil {
					firstErr = err
					break
				}
				codes = append(codes, c)
			}
			if firstErr == nil {
				_, firstErr = codes[len(codes)-1].Entry()
			}
			if firstErr == nil {
				t.Fatal("no error despite injected failure")
			}
			if !errors.Is(firstErr, tt.errno) && !errors.Is(firstErr, ErrUnavailable) {
				t.Errorf("error %v does not wrap %v", firstErr, tt.errno)
			}
			if got := errors.Is(firstErr, ErrUnavailable); got != tt.wantUnavailable {
				t.Errorf("errors.Is(%v, ErrUnavailable) = %v, want %v", firstErr, got, tt.wantUnavailable)
			}
			if tt.sealFail != 0 {
				// Every blob of the region that failed to seal reports it,
				// and the whole region was unmapped.
				m := codes[0].r.m
				whole := span{uintptr(m.base), uintptr(m.base) + m.size}
				if !slices.Contains(*unmapped, whole) {
					t.Errorf("region %#x-%#x not unmapped; unmapped %#x", whole.start, whole.end, *unmapped)
				}
				for i, c := range codes {
					if _, err := c.Entry(); err == nil {
						t.Errorf("blob %d: Entry succeeded after its region failed to seal", i)
					}
				}
			}
			for _, c := range codes {
				c.Release()
			}
			a = Arena{}
			if after := settle(t); after != before {
				t.Errorf("counters after failure: %+v, want %+v", after, before)
			}
		})
	}
}
