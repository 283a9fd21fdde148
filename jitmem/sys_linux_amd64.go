//go:build linux && amd64

package jitmem

import (
	"unsafe"

	"golang.org/x/sys/unix"
)

const (
	supported         = true
	unsupportedReason = ""
)

// Hooks through which every system call goes, so tests can inject failures.
// They are only replaced by tests that do not run in parallel.
var (
	sysMapRW = mapRW
	sysSeal  = sealRX
	sysUnmap = unmap
)

// mapRW maps size bytes of private, anonymous, read-write memory.
func mapRW(size uintptr) (unsafe.Pointer, error) {
	return unix.MmapPtr(-1, 0, nil, size, unix.PROT_READ|unix.PROT_WRITE, unix.MAP_PRIVATE|unix.MAP_ANON)
}

// sealRX makes size bytes at p read-execute. The memory stops being writable
// in the same system call that makes it executable.
func sealRX(p unsafe.Pointer, size uintptr) error {
	return unix.Mprotect(unsafe.Slice((*byte)(p), size), unix.PROT_READ|unix.PROT_EXEC)
}

// unmap returns size bytes at p to the kernel.
func unmap(p unsafe.Pointer, size uintptr) error {
	return unix.MunmapPtr(p, size)
}

// pageSize returns the system page size.
func pageSize() uintptr { return uintptr(unix.Getpagesize()) }

// isDenied reports whether err means the kernel forbids executable memory
// (SELinux execmem, PaX MPROTECT, seccomp), as opposed to a transient failure.
func isDenied(err error) bool {
	return err == unix.EACCES || err == unix.EPERM
}
