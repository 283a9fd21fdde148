package main

import (
	"bytes"
	"encoding/binary"
)

// config is what every file search shares: the parsed options, the
// compiled matcher and the derived output settings. It is read-only once
// built.
type config struct {
	opt       *options
	m         *matcher
	colors    *palette // nil when output is not coloured
	eol       byte
	contextOn bool // -A, -B or -C was given, even as 0: groups get "--"
	before    int
	after     int
	// printLines is set when matching lines are printed, that is unless
	// -c, --count-matches, -l, -L or -q asks for something else.
	printLines bool
	// countOnly is set when only the number of selected lines matters for
	// the rest of the file (-c without --count-matches or -m), so runs of
	// lines may be counted without looking at each.
	countOnly bool
	stop      *stopper // -q and write errors end searches early
	threads   int      // files (or pieces of a file) searched at once
}

// binaryProbe is how much of a file is checked for NUL bytes before any
// line is printed; it is GNU grep's first buffer size.
const binaryProbe = 96 << 10

// fileSearch is the state of one input's search: the current window of
// its bytes, the position of the last output, the pending trailing context
// and the counts. Offsets into buf are ints; file offsets are int64.
type fileSearch struct {
	cfg      *config
	name     string // as printed
	showName bool
	out      *fileResult

	buf  []byte // current window
	base int64  // file offset of buf[0]

	selected   int64 // lines selected so far (matching, or not with -v)
	matchCount int64 // --count-matches: matches so far
	lastout    int64 // file offset just past the last printed line; -1 if none
	pending    int   // lines of trailing context still to print
	nlPos      int64 // line terminators before nlPos have been counted
	nlCount    int64
	used       bool // a group was output in this file (grep's "used")

	binary        bool  // a NUL was seen: lines are no longer printed
	binarySince   int64 // lines selected before the file turned binary
	nulFree       bool  // every byte was checked for NUL: lines need no check
	encodingError bool  // a line to print was not valid UTF-8
	quietOut      bool  // no more line output (binary mode)
	doneOnMatch   bool  // stop at the next selected line
	maxReached    bool  // -m NUM lines were selected; only trailing context remains
	done          bool  // nothing more to do for this file
}

// newFileSearch starts the search of one input, printed as name (with a
// name prefix on each line if showName), whose output goes to out.
func newFileSearch(cfg *config, name string, showName bool, out *fileResult) *fileSearch {
	return &fileSearch{cfg: cfg, name: name, showName: showName, out: out, lastout: -1}
}

// checkBinary looks for a NUL byte in data, the part of the current window
// that was just read, and switches the file to binary mode if it finds
// one, as grep does for each buffer it reads. In binary mode no line is
// printed, the search stops at the first selected line (unless counting),
// and a NUL ends a line as a newline does: the caller must zap the NULs.
// With -I the file is given up instead, as if nothing matched. -a and -z
// turn the check off.
func (fs *fileSearch) checkBinary(data []byte) {
	o := fs.cfg.opt
	if fs.binary || o.text || fs.cfg.eol == 0 {
		return
	}
	if bytes.IndexByte(data, 0) < 0 {
		return
	}
	if o.skipBinary {
		fs.selected = 0
		fs.done = true
		return
	}
	fs.binary = true
	fs.binarySince = fs.selected
	if !o.count && !o.countMatch {
		fs.doneOnMatch = true
		fs.quietOut = true
	}
}

// zapNULs turns every NUL in data into a newline, for binary mode.
// PERF: eight bytes at a time without branching on each byte; an IndexByte
// per NUL was 18% of a search of $GOROOT/src (its binary test data is
// dense with NULs), a byte loop 8%.
func zapNULs(data []byte) {
	const lows = 0x7f7f7f7f7f7f7f7f
	i := 0
	for ; i+8 <= len(data); i += 8 {
		w := binary.LittleEndian.Uint64(data[i:])
		// The high bit of each byte of z is set exactly where w has a
		// zero byte: (b&0x7f)+0x7f carries into the high bit unless
		// b&0x7f is 0, and no sum crosses into the next byte.
		z := ^((w&lows + lows) | w | lows)
		if z != 0 {
			binary.LittleEndian.PutUint64(data[i:], w|(z>>7)*'\n')
		}
	}
	for ; i < len(data); i++ {
		if data[i] == 0 {
			data[i] = '\n'
		}
	}
}

// scan processes the complete lines in buf[start:end]; end is just past a
// line terminator, or at the end of the input.
func (fs *fileSearch) scan(start, end int) {
	if fs.cfg.opt.invert {
		fs.scanInverted(start, end)
	} else {
		fs.scanMatching(start, end)
	}
	fs.printPending(end)
	if fs.maxReached && fs.pending == 0 {
		fs.done = true
	}
}

// scanMatching selects each line that has a match: one whole-buffer search
// finds the next match, and only then is it widened to its line.
func (fs *fileSearch) scanMatching(start, end int) {
	buf, eol := fs.buf[:end], fs.cfg.eol
	pos := start
	for pos < end && !fs.stopped() {
		at := fs.cfg.m.next(buf, pos)
		if at < 0 {
			return
		}
		ls := pos + bytes.LastIndexByte(buf[pos:at], eol) + 1
		lim := end
		if i := bytes.IndexByte(buf[at:], eol); i >= 0 {
			lim = at + i + 1
		}
		fs.selectLine(ls, lim)
		pos = lim
	}
}

// scanInverted selects the lines between matching lines.
func (fs *fileSearch) scanInverted(start, end int) {
	buf, eol := fs.buf[:end], fs.cfg.eol
	pos := start
	for pos < end && !fs.stopped() {
		at := fs.cfg.m.next(buf, pos)
		stop, next := end, end
		if at >= 0 {
			stop = pos + bytes.LastIndexByte(buf[pos:at], eol) + 1
			if i := bytes.IndexByte(buf[at:], eol); i >= 0 {
				next = at + i + 1
			}
		}
		if fs.cfg.countOnly && !fs.binary {
			// PERF: -c -v over long runs of lines needs only their number.
			n := int64(bytes.Count(buf[pos:stop], []byte{eol}))
			if stop > pos && buf[stop-1] != eol {
				n++
			}
			fs.selected += n
			pos = stop
		}
		for pos < stop && !fs.stopped() {
			lim := stop
			if i := bytes.IndexByte(buf[pos:stop], eol); i >= 0 {
				lim = pos + i + 1
			}
			fs.selectLine(pos, lim)
			pos = lim
		}
		pos = next
	}
}

// stopped reports whether the search of this file should end now.
func (fs *fileSearch) stopped() bool {
	return fs.done || fs.maxReached || fs.cfg.stop.stopped(fs.out.seq)
}

// selectLine handles the selected line buf[ls:lim] (lim is past its
// terminator, if it has one).
func (fs *fileSearch) selectLine(ls, lim int) {
	cfg, o := fs.cfg, fs.cfg.opt
	fs.selected++
	switch {
	case o.quiet:
		cfg.stop.stopAfter(fs.out.seq)
		fs.done = true
		return
	case o.listMatch || o.listNoMatch:
		fs.done = true
		return
	}
	if o.countMatch {
		if o.invert {
			fs.matchCount++
		} else {
			fs.cfg.m.spans(fs.lineText(ls, lim), func(int, int) bool { fs.matchCount++; return true })
		}
	}
	if cfg.printLines {
		fs.prtext(ls, lim)
	}
	if fs.doneOnMatch {
		fs.done = true
	}
	if o.maxCount >= 0 && fs.selected >= o.maxCount {
		fs.maxReached = true
	}
	if len(fs.out.stdout) >= streamChunk {
		fs.out.stream()
	}
}

// lineText returns the line buf[ls:lim] without its terminator.
func (fs *fileSearch) lineText(ls, lim int) []byte {
	if lim > ls && fs.buf[lim-1] == fs.cfg.eol {
		lim--
	}
	return fs.buf[ls:lim]
}

// lineNumber returns the 1-based number of the line holding buf[off],
// counting terminators from the last position counted.
func (fs *fileSearch) lineNumber(off int) int64 {
	from := int(fs.nlPos - fs.base)
	if off > from {
		fs.nlCount += int64(bytes.Count(fs.buf[from:off], []byte{fs.cfg.eol}))
		fs.nlPos = fs.base + int64(off)
	}
	return fs.nlCount + 1
}

// discard is called before the window drops buf[:keep]: line counting
// moves past the dropped bytes.
func (fs *fileSearch) discard(keep int) {
	if fs.cfg.opt.lineNumber && fs.nlPos < fs.base+int64(keep) {
		fs.lineNumber(keep)
	}
}
