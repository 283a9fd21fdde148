package main

import (
	"bytes"
	"runtime/debug"
	"sync/atomic"
)

// These are variables so that tests can exercise splitting on small files.
var (
	// splitMin is the smallest mapped file searched in pieces on several
	// cores; below it, one core finishes before the others get going.
	splitMin = 64 << 20
	// splitChunk is the size of those pieces: large enough that a piece
	// costs little next to its search, small enough that cores share the
	// work evenly and output streams out early.
	splitChunk = 16 << 20
)

// canSplit reports whether a mapped file of n bytes may be searched in
// pieces on several cores. Nothing printed for a piece may depend on the
// pieces before it (no line numbers, no context, no -m), and the search
// must not stop at its first match (-q, -l, -L).
func (wk *worker) canSplit(n int) bool {
	cfg, o := wk.cfg, wk.cfg.opt
	switch {
	case n < splitMin || cfg.threads < 2:
		return false
	case o.quiet || o.listMatch || o.listNoMatch || o.maxCount >= 0:
		return false
	case cfg.printLines && (o.lineNumber || cfg.contextOn):
		return false
	}
	return true
}

// piece is one line-aligned part of a file searched on its own.
type piece struct {
	start, end int
	out        fileResult
	fs         *fileSearch
	faulted    bool
	done       chan struct{}
}

// faultInPiece is raised again in the mapping's own goroutine when a piece
// faulted, so that searchMapped handles it like a fault of its own.
type faultInPiece struct{}

// Error describes the fault.
func (faultInPiece) Error() string { return "fault in a piece of a mapped file" }

// Addr makes faultInPiece look like the runtime's memory-fault panic to
// searchMapped's recovery.
func (faultInPiece) Addr() uintptr { return 0 }

// searchSplit searches data, the whole mapped file, in line-aligned pieces
// on up to cfg.threads goroutines, and appends each piece's output to fs's
// in order, streaming it as it comes. Counts add up. It returns false if a
// piece faulted (the file shrank); it returns only after every goroutine
// has stopped touching data.
func (wk *worker) searchSplit(fs *fileSearch, data []byte) bool {
	eol := wk.cfg.eol
	bounds := []int{0}
	for p := splitChunk; p < len(data); p += splitChunk {
		i := bytes.IndexByte(data[p:], eol)
		if i < 0 || p+i+1 >= len(data) {
			break
		}
		p += i + 1
		bounds = append(bounds, p)
	}
	bounds = append(bounds, len(data))
	pieces := make([]*piece, len(bounds)-1)
	for i := range pieces {
		pc := &piece{start: bounds[i], end: bounds[i+1], done: make(chan struct{})}
		pc.out.seq = fs.out.seq
		pc.fs = newFileSearch(wk.cfg, fs.name, fs.showName, &pc.out)
		pieces[i] = pc
	}
	// At most 2 pieces per goroutine are searched or waiting to be
	// written, so a slow reader of the output does not make the whole
	// file's output pile up in memory.
	goroutines := min(wk.cfg.threads, len(pieces))
	slots := make(chan struct{}, 2*goroutines)
	var next atomic.Int64
	for range goroutines {
		go func() {
			defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
			for {
				slots <- struct{}{}
				i := int(next.Add(1) - 1)
				if i >= len(pieces) {
					<-slots
					return
				}
				pieces[i].search(data)
			}
		}()
	}
	ok := true
	for _, pc := range pieces {
		<-pc.done
		<-slots
		if pc.faulted || !ok {
			ok = false
			continue
		}
		fs.out.stdout = append(fs.out.stdout, pc.out.stdout...)
		fs.selected += pc.fs.selected
		fs.matchCount += pc.fs.matchCount
		fs.encodingError = fs.encodingError || pc.fs.encodingError
		if len(fs.out.stdout) >= streamChunk {
			fs.out.stream()
		}
	}
	return ok
}

// search runs the piece's search, recording a fault instead of crashing.
func (pc *piece) search(data []byte) {
	defer close(pc.done)
	defer func() {
		if e := recover(); e != nil {
			if _, isFault := e.(interface{ Addr() uintptr }); !isFault {
				panic(e)
			}
			pc.faulted = true
		}
	}()
	pc.fs.buf, pc.fs.base = data[pc.start:pc.end], int64(pc.start)
	pc.fs.scan(0, pc.end-pc.start)
	pc.fs.buf = nil
}
