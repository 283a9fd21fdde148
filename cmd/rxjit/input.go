package main

import (
	"bytes"
	"io"
	"os"
	"syscall"

	"golang.org/x/sys/unix"
)

const (
	// mmapThreshold is the size from which a regular file is mapped
	// rather than read: below it, a read into a reused buffer is cheaper
	// than setting up and tearing down a mapping.
	mmapThreshold = 8 << 20
	// keepBuffer is the largest buffer a worker keeps for the next file.
	keepBuffer = 16 << 20
)

// These are variables so that tests can force many small windows.
var (
	// firstWindow is the smallest read buffer; a regular file smaller than
	// the mmap threshold is read whole in one window.
	firstWindow = 256 << 10
	// minRead is the least free space a read is given before the window
	// is compacted or grown.
	minRead = 64 << 10
)

// searchPath opens and searches a named file: mapped when it is a large
// regular file, read window by window otherwise. listed says the walk
// listed it as a regular file. opened is false if the
// file could not be opened. The file is handled through its descriptor
// directly: os.File would register every regular file with the network
// poller, a wasted system call per file when a tree has thousands.
func (wk *worker) searchPath(fs *fileSearch, path string, listed bool) (opened bool, err error) {
	fd, err := openFile(path)
	if err != nil {
		return false, err
	}
	defer unix.Close(fd)
	if listed && !mapAllowed() {
		// The walk listed a regular file and files are never mapped
		// here: its size only sized the buffer, and reading into the
		// first window needs no fstat (one system call in four of a
		// search over a source tree).
		return true, wk.searchReader(fs, fdReader(fd), 0, true)
	}
	var st unix.Stat_t
	if err := unix.Fstat(fd, &st); err != nil {
		return false, err
	}
	typ := st.Mode & unix.S_IFMT
	if typ == unix.S_IFDIR {
		return false, syscall.EISDIR
	}
	regular := typ == unix.S_IFREG
	size := st.Size
	mode := wk.cfg.opt.mmap
	if regular && size > 0 && mapAllowed() && (mode == mmapAlways || (mode == mmapAuto && size >= mmapThreshold)) {
		if ok, err := wk.searchMapped(fs, fd, size); ok || err != nil {
			return true, err
		}
		// The file shrank under the mapping before any output was
		// written, or turned out binary: search it by reading.
		fs.reset()
		if _, err := unix.Seek(fd, 0, io.SeekStart); err != nil {
			return true, err
		}
	}
	return true, wk.searchReader(fs, fdReader(fd), size, regular)
}

// openFile opens path for reading, retrying when interrupted.
func openFile(path string) (int, error) {
	for {
		fd, err := unix.Open(path, unix.O_RDONLY|unix.O_CLOEXEC|unix.O_NOCTTY, 0)
		if err != unix.EINTR {
			return fd, err
		}
	}
}

// fdReader reads from a file descriptor.
type fdReader int

// Read reads from the descriptor, retrying when interrupted; it returns
// io.EOF at the end of the file.
func (fd fdReader) Read(p []byte) (int, error) {
	for {
		n, err := unix.Read(int(fd), p)
		switch {
		case err == unix.EINTR:
			continue
		case err != nil:
			return 0, err
		case n == 0 && len(p) > 0:
			return 0, io.EOF
		}
		return n, nil
	}
}

// reset forgets everything a search has done, so that the input can be
// searched again from its start.
func (fs *fileSearch) reset() {
	*fs = fileSearch{cfg: fs.cfg, name: fs.name, showName: fs.showName, out: fs.out, lastout: -1}
	fs.out.stdout = fs.out.stdout[:0]
	fs.out.leadSep = false
}

// searchReader searches rd window by window. Each window ends at a line
// terminator (or at the end of input), holds the lines still needed for
// leading context before it, and grows as needed to hold one whole line,
// however long. sizeHint, when positive, sizes the first window so that a
// regular file is read in one go; with regular set, a short read is taken
// as the end of the file, which saves a read per file.
func (wk *worker) searchReader(fs *fileSearch, rd io.Reader, sizeHint int64, regular bool) error {
	want := firstWindow
	if sizeHint > 0 && sizeHint < mmapThreshold {
		want = max(want, int(sizeHint)+1)
	}
	buf := wk.buf[:0]
	if cap(buf) < want {
		buf = make([]byte, 0, want)
	}
	defer func() {
		if cap(buf) <= keepBuffer {
			wk.buf = buf[:0]
		}
		fs.buf = nil
	}()
	eol := wk.cfg.eol
	searchFrom := 0
	// Every window's new bytes go through checkBinary before a line is
	// printed from them.
	fs.nulFree = true
	for !fs.done {
		if cap(buf)-len(buf) < minRead {
			keep := fs.keepFrom(searchFrom)
			if keep > 0 {
				fs.discard(keep)
				n := copy(buf, buf[keep:])
				buf = buf[:n]
				fs.base += int64(keep)
				searchFrom -= keep
			}
			if cap(buf)-len(buf) < minRead {
				nb := make([]byte, len(buf), 2*cap(buf)+minRead)
				copy(nb, buf)
				buf = nb
			}
		}
		start := len(buf)
		n, rerr := rd.Read(buf[start:cap(buf)])
		buf = buf[:start+n]
		fs.buf = buf
		eof := rerr == io.EOF || (regular && rerr == nil && start+n < cap(buf))
		if eof {
			rerr = io.EOF
		}
		if rerr != nil && !eof {
			// Search what was read, then report the error.
			eof = true
		}
		if n > 0 {
			fs.checkBinary(buf[start:])
			if fs.done {
				break
			}
			if fs.binary {
				zapNULs(buf[start:])
			}
		}
		end := -1
		switch {
		case eof:
			end = len(buf)
		case n > 0:
			if i := bytes.LastIndexByte(buf[start:], eol); i >= 0 {
				end = start + i + 1
			}
		}
		if end >= searchFrom {
			fs.scan(searchFrom, end)
			searchFrom = end
			if !regular {
				// A pipe may deliver slowly (tail -f): pass on what
				// each read produced.
				fs.out.stream()
			}
		}
		if eof {
			if rerr != io.EOF {
				return rerr
			}
			break
		}
		if fs.stopped() && !fs.maxReached {
			break
		}
	}
	return nil
}

// readAllStdin reads standard input whole (for -f -).
func readAllStdin() ([]byte, error) { return io.ReadAll(os.Stdin) }
