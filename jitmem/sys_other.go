//go:build !(linux && amd64)

package jitmem

import (
	"errors"
	"unsafe"
)

const (
	supported         = false
	unsupportedReason = "only linux/amd64 is supported"
)

var errUnsupported = errors.New("jitmem: unsupported platform")

// Stand-ins for the system calls of supported platforms; they always fail.
var (
	sysMapRW = func(uintptr) (unsafe.Pointer, error) { return nil, errUnsupported }
	sysSeal  = func(unsafe.Pointer, uintptr) error { return errUnsupported }
	sysUnmap = func(unsafe.Pointer, uintptr) error { return errUnsupported }
)

func pageSize() uintptr { return 4096 }

func isDenied(error) bool { return true }
