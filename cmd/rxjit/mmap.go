package main

import (
	"errors"
	"runtime/debug"
	"sync"

	"github.com/rxjit/rxjit/jitmem"

	"golang.org/x/sys/unix"
)

// mapAllowed reports whether files may be searched through a mapping. A
// mapped file that shrinks raises SIGBUS on the next read past its new
// end; the runtime turns that into a panic only in Go code. The engine
// may run generated machine code, where the fault would kill the
// process, so files are mapped only where executable memory is off
// (RXJIT_NOJIT=1, other platforms); everywhere else they are read, and
// generated code scans only Go-owned buffers. The answer is taken once:
// jitmem.Available reads the environment on every call, and the search
// asks for every file.
var mapAllowed = sync.OnceValue(func() bool { return jitmem.Available() != nil })

// errShrank reports a mapped file that shrank after part of its output was
// already written, so it cannot be searched again.
var errShrank = errors.New("file shrank while being searched")

// searchMapped searches a file through a read-only mapping. A file that is
// truncated meanwhile makes the mapping fault (SIGBUS) past its new end;
// the fault is turned into a panic and recovered here. ok is false when
// the search must be redone by reading: nothing was written yet and the
// file shrank, or it is binary (binary mode rewrites NULs, and a mapping
// is read-only).
func (wk *worker) searchMapped(fs *fileSearch, fd int, size int64) (ok bool, err error) {
	if int64(int(size)) != size {
		return false, nil
	}
	data, err := unix.Mmap(fd, 0, int(size), unix.PROT_READ, unix.MAP_SHARED)
	if err != nil {
		return false, nil // fall back to reading
	}
	defer unix.Munmap(data)
	_ = unix.Madvise(data, unix.MADV_SEQUENTIAL)
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	defer func() {
		if e := recover(); e != nil {
			if _, isFault := e.(interface{ Addr() uintptr }); !isFault {
				panic(e)
			}
			if fs.out.started {
				ok, err = true, errShrank
			} else {
				ok, err = false, nil
			}
		}
	}()
	fs.buf, fs.base = data, 0
	fs.checkBinary(data[:min(len(data), binaryProbe)])
	fs.nulFree = len(data) <= binaryProbe
	if fs.binary {
		return false, nil
	}
	if !fs.done {
		if wk.canSplit(len(data)) {
			if !wk.searchSplit(fs, data) {
				panic(faultInPiece{})
			}
		} else {
			fs.scan(0, len(data))
		}
	}
	fs.buf = nil
	return true, nil
}
