package main

import (
	"io"
	"sync"
	"sync/atomic"
)

// streamChunk is how much output a file buffers before it tries to write
// it out early. Only the file whose turn it is may write early, so output
// stays in order; its output then reaches a pipe while the search goes on
// (so "rxjit x big | head -1" ends at once).
const streamChunk = 64 << 10

// fileResult collects one input's output while it is searched, possibly
// by another goroutine than the one writing the output.
type fileResult struct {
	seq    int
	w      *orderedWriter
	stdout []byte
	stderr []byte
	// leadSep says that the output begins with a context group that grep
	// would separate with "--" from whatever an earlier file printed.
	leadSep bool
	// selected says that some line was selected; an error means the input
	// could not be (fully) searched.
	selected bool
	err      bool
	started  bool // part of stdout was already written
}

// stream writes out the output collected so far if it is this file's turn.
func (r *fileResult) stream() {
	if r.w != nil {
		r.w.stream(r)
	}
}

// orderedWriter writes the results of files searched in parallel in the
// order the files were found, each file's output together.
type orderedWriter struct {
	mu      sync.Mutex
	stdout  io.Writer
	stderr  io.Writer
	colors  *palette
	next    int
	waiting map[int]*fileResult
	used    bool // some earlier file selected a line (grep's "used")
	quiet   bool // -q: close after the first file with a selected line
	closed  bool // nothing more is written
	failed  atomic.Bool
	err     error // the first write error on stdout
	stop    *stopper
	// blocks makes stdout block-buffered (see outBlock), as grep's is
	// when it is not a terminal; buf holds what is not yet written.
	blocks bool
	buf    []byte
}

// outBlock is the size of the blocks written to a stdout that is not a
// terminal. Written file by file, rxjit -c over Go's source tree made
// 11,000 write calls, a third of its system time; grep and ripgrep
// buffer too. A terminal (or --line-buffered) gets each file's output at
// once.
const outBlock = 64 << 10

// newOrderedWriter writes results to stdout and stderr in order; a write
// error on stdout stops every search through stop.
func newOrderedWriter(stdout, stderr io.Writer, colors *palette, stop *stopper) *orderedWriter {
	return &orderedWriter{stdout: stdout, stderr: stderr, colors: colors, waiting: map[int]*fileResult{}, stop: stop}
}

// result returns a fresh result for the file with sequence number seq.
func (w *orderedWriter) result(seq int) *fileResult {
	return &fileResult{seq: seq, w: w}
}

// stream writes r's output so far if r is the file whose turn it is.
func (w *orderedWriter) stream(r *fileResult) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if r.seq == w.next {
		w.writeOut(r)
	}
}

// finish hands over a file's complete result and writes every result
// whose turn has come.
func (w *orderedWriter) finish(r *fileResult) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.waiting[r.seq] = r
	for {
		r, ok := w.waiting[w.next]
		if !ok {
			return
		}
		delete(w.waiting, w.next)
		w.writeOut(r)
		if len(r.stderr) > 0 && !w.closed {
			w.flushLocked() // messages stay in order with the output
			w.stderr.Write(r.stderr)
		}
		if r.selected {
			w.used = true
			// grep -q exits at its first selected line: nothing about
			// later files is reported.
			w.closed = w.closed || w.quiet
		}
		w.next++
	}
}

// writeOut writes what r has collected on stdout; w.mu is held.
func (w *orderedWriter) writeOut(r *fileResult) {
	if w.closed {
		return
	}
	if !r.started && (len(r.stdout) > 0 || r.leadSep) {
		r.started = true
		if r.leadSep && w.used {
			w.write(w.colors.appendGroupSeparator(nil))
		}
	}
	w.write(r.stdout)
	r.stdout = r.stdout[:0]
}

// write writes b to stdout, or to the block buffer, unless an earlier
// write failed; w.mu is held.
func (w *orderedWriter) write(b []byte) {
	if len(b) == 0 || w.err != nil {
		return
	}
	if w.blocks {
		w.buf = append(w.buf, b...)
		if len(w.buf) >= outBlock {
			w.flushLocked()
		}
		return
	}
	w.writeNow(b)
}

// flush writes out the block buffer.
func (w *orderedWriter) flush() {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.flushLocked()
}

// flushLocked writes out the block buffer; w.mu is held.
func (w *orderedWriter) flushLocked() {
	if len(w.buf) > 0 && w.err == nil {
		w.writeNow(w.buf)
	}
	w.buf = w.buf[:0]
}

// writeNow writes b to stdout; w.mu is held.
func (w *orderedWriter) writeNow(b []byte) {
	if _, err := w.stdout.Write(b); err != nil {
		w.err = err
		w.failed.Store(true)
		if w.stop != nil {
			w.stop.stopAll()
		}
	}
}
