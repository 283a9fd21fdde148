package main

import (
	"bytes"
	"unicode/utf8"
)

// matcher finds matching lines in buffers and the matches inside a line.
// It is safe for concurrent use: the compiled expressions are.
type matcher struct {
	src      *patternSources
	eol      byte
	line     *engineRegexp // on an isolated line; group 1 is the match with -w
	wordCont *engineRegexp // -w: the next match in line[pos-1:]
	buffer   *engineRegexp // whole-buffer search; nil with -z
	inner    []byte        // a literal on every matching line (patternSources.inner)
	word     bool
	whole    bool // -x
	// confirm is set when a line the buffer expression finds must be
	// confirmed by the line expression (-w, -x).
	confirm bool
}

// newMatcher compiles the expressions built from o.
func newMatcher(o *options) (*matcher, error) {
	src, err := buildSources(o)
	if err != nil {
		return nil, err
	}
	m := &matcher{src: src, eol: '\n', word: o.word && !o.line, whole: o.line}
	m.confirm = m.word || m.whole
	if o.nullData {
		m.eol = 0
	}
	if src.none {
		return m, nil
	}
	if m.line, err = compileEngine(src.line); err != nil {
		return nil, err
	}
	if src.wordCont != "" {
		if m.wordCont, err = compileEngine(src.wordCont); err != nil {
			return nil, err
		}
	}
	if !src.perRecord {
		if m.buffer, err = compileEngine(src.buffer); err != nil {
			return nil, err
		}
		if src.inner != "" {
			m.inner = []byte(src.inner)
		}
	}
	return m, nil
}

// next returns the offset of a match in buf that lies on the first matching
// line at or after pos, which must be a line start, or -1 if no line from
// pos on matches. The offset may be anywhere on that line. A match at the
// very end of a buffer that ends with a line terminator belongs to no line
// and is not reported.
func (m *matcher) next(buf []byte, pos int) int {
	if m.src.none {
		return -1
	}
	if m.inner != nil {
		return m.nextInner(buf, pos)
	}
	if m.buffer != nil {
		for pos <= len(buf) {
			loc := m.buffer.FindIndex(buf[pos:])
			if loc == nil {
				return -1
			}
			at := pos + loc[0]
			if at == len(buf) && (at == 0 || buf[at-1] == m.eol) {
				return -1
			}
			if !m.confirm {
				return at
			}
			ls := pos + bytes.LastIndexByte(buf[pos:at], m.eol) + 1
			le := len(buf)
			if i := bytes.IndexByte(buf[at:], m.eol); i >= 0 {
				le = at + i
			}
			if m.line.Match(buf[ls:le]) {
				return at
			}
			pos = le + 1
		}
		return -1
	}
	// Record by record, for -z.
	for pos < len(buf) {
		end := bytes.IndexByte(buf[pos:], m.eol)
		if end < 0 {
			end = len(buf)
		} else {
			end += pos
		}
		if m.line.Match(buf[pos:end]) {
			return pos
		}
		pos = end + 1
	}
	return -1
}

// nextInner is next for patterns with an inner literal: every match lies
// on one line and contains the literal, so only the lines the literal
// occurs on are searched, each on its own (the buffer expression reads a
// line alone as it reads it in the buffer: its anchors are line anchors,
// and the line's neighbours are terminators, which are not word bytes).
// The literal search runs at memory speed where the expression's own
// search, which cannot skip ahead to a literal in the middle of a match,
// steps through every byte.
func (m *matcher) nextInner(buf []byte, pos int) int {
	for pos < len(buf) {
		i := bytes.Index(buf[pos:], m.inner)
		if i < 0 {
			return -1
		}
		at := pos + i
		ls := pos + bytes.LastIndexByte(buf[pos:at], m.eol) + 1
		le := len(buf)
		if j := bytes.IndexByte(buf[at:], m.eol); j >= 0 {
			le = at + j
		}
		if loc := m.buffer.FindIndex(buf[ls:le]); loc != nil && (!m.confirm || m.line.Match(buf[ls:le])) {
			return ls + loc[0]
		}
		pos = le + 1
	}
	return -1
}

// spans calls f with the start and end of each non-empty match in line
// (without its terminator), left to right, the way grep finds them for -o
// and --color: after a match the search resumes at its end, and an empty
// match only moves the search on by one character. It stops early when f
// returns false.
func (m *matcher) spans(line []byte, f func(s, e int) bool) {
	switch {
	case m.src.none:
	case m.whole:
		if len(line) > 0 && m.line.Match(line) {
			f(0, len(line))
		}
	case m.word:
		m.wordSpans(line, f)
	default:
		for _, loc := range m.line.FindAllIndex(line, -1) {
			if loc[1] > loc[0] && !f(loc[0], loc[1]) {
				return
			}
		}
	}
}

// wordSpans is spans for -w. A word match must have a non-word byte or the
// line's edge on each side; the expressions consume those bytes, so after
// the first match the search restarts one byte before the resume point
// with wordCont, whose first byte is that non-word neighbour.
func (m *matcher) wordSpans(line []byte, f func(s, e int) bool) {
	pos := 0
	for pos <= len(line) {
		var loc []int
		base := 0
		if pos == 0 {
			loc = m.line.FindSubmatchIndex(line)
		} else {
			base = pos - 1
			loc = m.wordCont.FindSubmatchIndex(line[base:])
		}
		if loc == nil {
			return
		}
		s, e := base+loc[2], base+loc[3]
		if e > s {
			if !f(s, e) {
				return
			}
			pos = e
			continue
		}
		if s >= len(line) {
			return
		}
		_, w := utf8.DecodeRune(line[s:])
		pos = s + w
	}
}
