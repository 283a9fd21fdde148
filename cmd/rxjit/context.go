package main

import "bytes"

// This file handles context as GNU grep does: leading context (-B) before
// each selected line, trailing context (-A) after it, and the "--" group
// separator wherever the output is not adjacent to the previous output.

// prtext prints the selected line buf[ls:lim] with its leading context,
// after the pending trailing context of earlier lines and a group
// separator where the output is not adjacent to the previous output.
func (fs *fileSearch) prtext(ls, lim int) {
	cfg := fs.cfg
	if !fs.quietOut && fs.pending > 0 {
		fs.printPending(ls)
	}
	if !fs.quietOut {
		p := ls
		bp := 0
		if fs.lastout >= fs.base {
			bp = int(fs.lastout - fs.base)
		}
		for i := 0; i < cfg.before && p > bp; i++ {
			p = bp + bytes.LastIndexByte(fs.buf[bp:p-1], cfg.eol) + 1
		}
		if cfg.contextOn && fs.base+int64(p) != fs.lastout {
			if fs.used {
				fs.groupSeparator()
			} else {
				fs.out.leadSep = true
			}
		}
		for p < ls {
			nl := ls
			if i := bytes.IndexByte(fs.buf[p:ls], cfg.eol); i >= 0 {
				nl = p + i + 1
			}
			fs.prline(p, nl, '-')
			p = nl
		}
		fs.prline(ls, lim, ':')
	}
	fs.pending = 0
	if !fs.quietOut {
		fs.pending = cfg.after
	}
	fs.used = true
}

// printPending prints lines of trailing context from the last output up to
// limit while some are due.
func (fs *fileSearch) printPending(limit int) {
	if fs.lastout < 0 || fs.quietOut {
		return
	}
	for fs.pending > 0 {
		p := int(fs.lastout - fs.base)
		if p >= limit {
			return
		}
		nl := limit
		if i := bytes.IndexByte(fs.buf[p:limit], fs.cfg.eol); i >= 0 {
			nl = p + i + 1
		}
		fs.pending--
		fs.prline(p, nl, '-')
	}
}

// keepFrom returns where the next window must start so that leading
// context for the next selected line is still available: the start of the
// last cfg.before lines before end, but never before the last output.
func (fs *fileSearch) keepFrom(end int) int {
	p := end
	bp := 0
	if fs.lastout >= fs.base {
		bp = min(int(fs.lastout-fs.base), end)
	}
	for i := 0; i < fs.cfg.before && p > bp; i++ {
		p = bp + bytes.LastIndexByte(fs.buf[bp:p-1], fs.cfg.eol) + 1
	}
	return p
}
