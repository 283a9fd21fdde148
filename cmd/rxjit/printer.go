package main

import (
	"bytes"
	"strconv"
	"unicode/utf8"
)

// This file writes output lines exactly as GNU grep does: the same
// prefixes, separators, colour sequences and line terminators.

// prline prints the line buf[ls:lim] (lim is past its terminator, if it
// has one) with separator sep: ':' for a selected line, '-' for context.
// With -o it prints each match on a line of its own instead.
func (fs *fileSearch) prline(ls, lim int, sep byte) {
	cfg, o := fs.cfg, fs.cfg.opt
	le := lim
	if le > ls && fs.buf[le-1] == cfg.eol {
		le--
	}
	if !o.onlyMatch && !fs.head(ls, le-ls, sep) {
		return
	}
	matching := (sep == ':') != o.invert
	var lineColor, matchColor string
	if c := cfg.colors; c != nil {
		if (sep == ':') != (o.invert && !c.rv) {
			lineColor = c.sl
		} else {
			lineColor = c.cx
		}
		if sep == ':' {
			matchColor = c.ms
		} else {
			matchColor = c.mc
		}
	}
	beg := ls
	if (o.onlyMatch && matching) || lineColor != "" || matchColor != "" {
		if matching && (o.onlyMatch || matchColor != "") {
			var ok bool
			if beg, ok = fs.printMatches(ls, le, lineColor, matchColor); !ok {
				return
			}
		}
		if !o.onlyMatch && lineColor != "" {
			beg = fs.printTail(beg, le, lineColor)
		}
	}
	if !o.onlyMatch {
		fs.out.stdout = append(fs.out.stdout, fs.buf[beg:le]...)
		fs.out.stdout = append(fs.out.stdout, cfg.eol)
	}
	fs.lastout = fs.base + int64(lim)
}

// printMatches prints the part of the line buf[ls:le] up to its last
// match, each match coloured, and returns where the rest of the line
// starts. With -o it prints each match as a line of its own with its own
// prefix; ok is false if a match could not be printed as text.
func (fs *fileSearch) printMatches(ls, le int, lineColor, matchColor string) (cur int, ok bool) {
	o := fs.cfg.opt
	c := fs.cfg.colors
	cur, ok = ls, true
	sep := byte(':')
	if o.invert {
		sep = '-'
	}
	fs.cfg.m.spans(fs.buf[ls:le], func(s, e int) bool {
		s, e = ls+s, ls+e
		if o.onlyMatch {
			if !fs.head(s, e-s, sep) {
				ok = false
				return false
			}
		} else {
			fs.sgrStart(lineColor)
			fs.out.stdout = append(fs.out.stdout, fs.buf[cur:s]...)
		}
		if c != nil {
			fs.sgrStart(matchColor)
		}
		fs.out.stdout = append(fs.out.stdout, fs.buf[s:e]...)
		if c != nil {
			fs.sgrEnd(matchColor)
		}
		if o.onlyMatch {
			fs.out.stdout = append(fs.out.stdout, fs.cfg.eol)
		}
		cur = e
		return true
	})
	if o.onlyMatch {
		cur = le
	}
	return cur, ok
}

// printTail prints buf[beg:le] in the line colour, leaving out a final
// carriage return, and returns where printing stopped.
func (fs *fileSearch) printTail(beg, le int, lineColor string) int {
	end := le
	if end > beg && fs.buf[end-1] == '\r' {
		end--
	}
	if end > beg {
		fs.sgrStart(lineColor)
		fs.out.stdout = append(fs.out.stdout, fs.buf[beg:end]...)
		fs.sgrEnd(lineColor)
	}
	return end
}

// head prints the prefix of an output line whose text is buf[off:off+n]:
// file name, line number and byte offset, each followed by sep. It returns
// false, printing nothing, if the text is not valid UTF-8 (or holds a
// NUL): grep in a UTF-8 locale leaves such a line out and reports the file
// as binary at the end.
func (fs *fileSearch) head(off, n int, sep byte) bool {
	cfg, o := fs.cfg, fs.cfg.opt
	if !o.text && !validText(fs.buf[off:off+n], !fs.nulFree) {
		fs.encodingError = true
		return false
	}
	c := cfg.colors
	if fs.showName {
		fs.printName()
		if o.nullName {
			fs.out.stdout = append(fs.out.stdout, 0)
		} else {
			fs.printSep(sep)
		}
	}
	if o.lineNumber {
		fs.printNumber(fs.lineNumber(off), c.lnColor())
		fs.printSep(sep)
	}
	if o.byteOffset {
		fs.printNumber(fs.base+int64(off), c.bnColor())
		fs.printSep(sep)
	}
	return true
}

// printName prints the file name in its colour.
func (fs *fileSearch) printName() {
	c := fs.cfg.colors.fnColor()
	fs.sgrStart(c)
	fs.out.stdout = append(fs.out.stdout, fs.name...)
	fs.sgrEnd(c)
}

// printNumber prints a line number or byte offset in its colour.
func (fs *fileSearch) printNumber(n int64, color string) {
	fs.sgrStart(color)
	fs.out.stdout = strconv.AppendInt(fs.out.stdout, n, 10)
	fs.sgrEnd(color)
}

// printSep prints a one-byte separator in the separator colour.
func (fs *fileSearch) printSep(sep byte) {
	c := fs.cfg.colors.seColor()
	fs.sgrStart(c)
	fs.out.stdout = append(fs.out.stdout, sep)
	fs.sgrEnd(c)
}

// groupSeparator prints "--" and a newline (a newline even with -z, as
// grep does) between groups of context.
func (fs *fileSearch) groupSeparator() {
	fs.out.stdout = fs.cfg.colors.appendGroupSeparator(fs.out.stdout)
}

// printSummary prints what -c, --count-matches, -l and -L print for the
// file once it has been searched.
func (fs *fileSearch) printSummary() {
	o := fs.cfg.opt
	switch {
	case o.quiet:
	case o.listMatch || o.listNoMatch:
		if (fs.selected > 0) == o.listMatch {
			fs.printName()
			if o.nullName {
				fs.out.stdout = append(fs.out.stdout, 0)
			} else {
				fs.out.stdout = append(fs.out.stdout, '\n')
			}
		}
	case o.count || o.countMatch:
		if fs.showName {
			fs.printName()
			if o.nullName {
				fs.out.stdout = append(fs.out.stdout, 0)
			} else {
				fs.printSep(':')
			}
		}
		n := fs.selected
		if o.countMatch {
			n = fs.matchCount
		}
		fs.out.stdout = strconv.AppendInt(fs.out.stdout, n, 10)
		fs.out.stdout = append(fs.out.stdout, '\n')
	}
}

// sgrStart starts colour color (nothing without colour).
func (fs *fileSearch) sgrStart(color string) {
	fs.out.stdout = fs.cfg.colors.appendStart(fs.out.stdout, color)
}

// sgrEnd ends colour color (nothing without colour).
func (fs *fileSearch) sgrEnd(color string) {
	fs.out.stdout = fs.cfg.colors.appendEnd(fs.out.stdout, color)
}

// validText reports whether b may be printed as text: valid UTF-8, and
// with checkNUL without NUL bytes (in a mapped file, a NUL past the probed
// first block also makes the file binary).
func validText(b []byte, checkNUL bool) bool {
	return utf8.Valid(b) && (!checkNUL || bytes.IndexByte(b, 0) < 0)
}
