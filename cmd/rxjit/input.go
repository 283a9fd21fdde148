package main

import (
	"bytes"
	"errors"
	"io"
	"os"
	"runtime/debug"
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

// worker searches inputs one after another, reusing its read buffer.
type worker struct {
	cfg *config
	buf []byte
}

// searchJob searches one input and fills r. Errors are reported in r.
func (wk *worker) searchJob(j *job, r *fileResult, stdin io.Reader) {
	if j.walkErr {
		r.stderr = append(r.stderr, j.errMsg...)
		r.err = true
		return
	}
	fs := newFileSearch(wk.cfg, j.name, j.showName, r)
	var err error
	opened := true
	if j.path == "" {
		err = wk.searchReader(fs, stdin, 0, false)
	} else {
		opened, err = wk.searchPath(fs, j.path)
	}
	if err != nil {
		if !wk.cfg.opt.noMessages {
			r.stderr = append(r.stderr, "rxjit: "+j.name+": "+errnoText(err)+"\n"...)
		}
		r.err = true
	}
	if opened {
		// grep prints no count or name for a file it could not open, but
		// does for one it could not read to the end.
		wk.finishFile(fs)
	}
}

// finishFile prints the per-file summary and the binary-file notice.
func (wk *worker) finishFile(fs *fileSearch) {
	o := wk.cfg.opt
	r := fs.out
	r.selected = fs.selected > 0
	fs.printSummary()
	printsLines := wk.cfg.printLines
	if printsLines && (fs.encodingError || (fs.binary && fs.selected > fs.binarySince)) {
		r.stderr = append(r.stderr, "rxjit: "+fs.name+": binary file matches\n"...)
	}
	_ = o
}

// searchPath opens and searches a named file: mapped when it is a large
// regular file, read window by window otherwise. opened is false if the
// file could not be opened. The file is handled through its descriptor
// directly: os.File would register every regular file with the network
// poller, a wasted system call per file when a tree has thousands.
func (wk *worker) searchPath(fs *fileSearch, path string) (opened bool, err error) {
	fd, err := openFile(path)
	if err != nil {
		return false, err
	}
	defer unix.Close(fd)
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
	if regular && size > 0 && (mode == mmapAlways || (mode == mmapAuto && size >= mmapThreshold)) {
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
	if fs.binary {
		return false, nil
	}
	if !fs.done {
		if wk.canSplit(len(data)) {
			if !wk.searchSplit(fs, data) {
				panic(faultInPiece{})
			}
		} else {
			fs.scan(0, len(data), true)
		}
	}
	fs.buf = nil
	return true, nil
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
			fs.scan(searchFrom, end, eof)
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

// errnoText is the message for err the way C's strerror words it, without
// Go's "open NAME:" decoration: "No such file or directory".
func errnoText(err error) string {
	var errno syscall.Errno
	if errors.As(err, &errno) {
		s := errno.Error()
		if s != "" && s[0] >= 'a' && s[0] <= 'z' {
			s = string(s[0]-'a'+'A') + s[1:]
		}
		return s
	}
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}
