// Package classrun answers the searches of patterns whose every match is
// a run of bytes of one ASCII class: C{n,m}, C+, C{n,} and the like
// (rebar's `[A-Za-z]{8,13}`, `\b[0-9A-Za-z_]{12,}\b`), optionally after
// and before \b. Such a pattern needs no automaton: its leftmost-first
// matches follow from the maximal runs of bytes of C in the text (see
// Spec.Matches), and those runs are found 32 bytes at a time, from a
// bit mask of the class (see Scan). This is Hyperscan's observation
// behind its Castle engine: a bounded repeat of one class is a counter,
// not a set of states.
//
// Why it is exact. C holds only runes below 0x80, so a byte of C is a
// whole rune in any decoding of the text, Go's included (a valid
// multi-byte encoding holds no byte below 0x80, and an invalid byte is
// U+FFFD of width 1, which is not in C). A match is therefore a run of
// bytes of C, it starts at a rune boundary, and \b (ASCII word
// characters in Go) reads the same byte on either side of it that Go's
// decoding would: a byte above 0x7F belongs to a rune that is not a
// word character. So the matches of the pattern in the text are those
// of its byte-level reading, and Matches computes them from the runs.
package classrun

import (
	"encoding/binary"
	"fmt"
	"regexp/syntax"
	"strings"
	"unicode"
)

// Spec is a pattern that package classrun answers: runs of the byte
// class Member whose length lies in [Min, Max] (Max -1: no bound), the
// longest such run the text allows or, with Lazy, the shortest, with
// WordStart and WordEnd for a \b before and after it.
type Spec struct {
	// Member holds the class, a bit per byte (only bytes below 0x80).
	Member [4]uint64
	Min    int
	Max    int
	Lazy   bool
	// WordStart and WordEnd require a word boundary before and after
	// the match; the class then holds only ASCII word characters.
	WordStart, WordEnd bool
	// Tables are the class's nibble tables as the generated scan reads
	// them (codegen/runscan): lo, twice, then hi, twice, where byte b is
	// in the class when lo[b&15]&hi[b>>4] is not zero (one bucket bit
	// per high nibble, so ASCII classes are exact).
	Tables [TableWords]uint64
	// Shifts are the doubling shifts for Min (see shifts).
	Shifts uint64
	// member is Member a byte each, 1 or 0, for the Go scan.
	member [256]uint8
}

// TableWords is the size of Spec.Tables, which a Scanner's buffer starts
// with.
const TableWords = 8

// Has reports whether byte b is in the class.
func (s *Spec) Has(b byte) bool { return s.Member[b>>6]&(1<<(b&63)) != 0 }

// New returns the Spec of re, a simplified pattern (groups may wrap any
// part of it), or nil when re is not of that form. The form: an optional
// \b, then a concatenation of pieces of one class C (C, C?, C*, C+,
// C{a,b}, and the nested quests a simplified C{a,b} becomes) whose
// lengths add up to an interval [n, m] with n ≥ 1, then an optional \b.
// The variable pieces must be all greedy or all lazy, so that the
// match's length is the longest or the shortest the run allows. C holds
// only runes below 0x80, and only word characters where a \b is present.
func New(re *syntax.Regexp) *Spec {
	var elems []*syntax.Regexp
	flatten(&elems, re)
	s := &Spec{}
	if len(elems) > 0 && elems[0].Op == syntax.OpWordBoundary {
		s.WordStart, elems = true, elems[1:]
	}
	if len(elems) > 0 && elems[len(elems)-1].Op == syntax.OpWordBoundary {
		s.WordEnd, elems = true, elems[:len(elems)-1]
	}
	a := analysis{spec: s}
	min, max, ok := a.concat(elems)
	if !ok || !a.haveClass || min < 1 || a.greedy && a.lazy {
		return nil
	}
	s.Min, s.Max, s.Lazy = min, max, a.lazy
	if s.WordStart || s.WordEnd {
		for b := range 128 {
			if s.Has(byte(b)) && !syntax.IsWordChar(rune(b)) {
				return nil
			}
		}
	}
	var lo, hi [16]byte
	for b := range 128 {
		if s.Has(byte(b)) {
			lo[b&15] |= 1 << (b >> 4)
			s.member[b] = 1
		}
	}
	for h := range 8 {
		hi[h] = 1 << h
	}
	for i, t := range [4]*[16]byte{&lo, &lo, &hi, &hi} {
		s.Tables[2*i] = binary.LittleEndian.Uint64(t[:8])
		s.Tables[2*i+1] = binary.LittleEndian.Uint64(t[8:])
	}
	s.Shifts = shifts(s.Min)
	return s
}

// flatten appends to out the parts of re's concatenation, looking
// through groups.
func flatten(out *[]*syntax.Regexp, re *syntax.Regexp) {
	switch re.Op {
	case syntax.OpCapture:
		flatten(out, re.Sub[0])
	case syntax.OpConcat:
		for _, sub := range re.Sub {
			flatten(out, sub)
		}
	default:
		*out = append(*out, re)
	}
}

// analysis walks the pieces of a pattern for New.
type analysis struct {
	spec      *Spec
	haveClass bool
	// greedy and lazy record the kinds of variable pieces met.
	greedy, lazy bool
}

// unbounded stands for no upper bound while lengths are added.
const unbounded = -1

func add(a, b int) int {
	if a == unbounded || b == unbounded {
		return unbounded
	}
	return a + b
}

// concat returns the interval of run lengths the concatenation of res
// matches, and false when it is not one of runs of the class.
func (a *analysis) concat(res []*syntax.Regexp) (lo, hi int, ok bool) {
	for _, re := range res {
		l, h, ok := a.piece(re)
		if !ok {
			return 0, 0, false
		}
		lo, hi = lo+l, add(hi, h)
	}
	return lo, hi, true
}

// piece is concat for one expression.
func (a *analysis) piece(re *syntax.Regexp) (lo, hi int, ok bool) {
	switch re.Op {
	case syntax.OpEmptyMatch:
		return 0, 0, true
	case syntax.OpCapture:
		return a.piece(re.Sub[0])
	case syntax.OpConcat:
		return a.concat(re.Sub)
	case syntax.OpLiteral:
		for _, r := range re.Rune {
			if !a.class(literalClass(r, re.Flags&syntax.FoldCase != 0)) {
				return 0, 0, false
			}
		}
		return len(re.Rune), len(re.Rune), true
	case syntax.OpCharClass:
		var m [4]uint64
		for i := 0; i+1 < len(re.Rune); i += 2 {
			if re.Rune[i+1] >= 0x80 {
				return 0, 0, false
			}
			for r := re.Rune[i]; r <= re.Rune[i+1]; r++ {
				m[r>>6] |= 1 << (r & 63)
			}
		}
		return 1, 1, m != [4]uint64{} && a.class(m)
	case syntax.OpQuest, syntax.OpStar, syntax.OpPlus, syntax.OpRepeat:
		l, h, ok := a.piece(re.Sub[0])
		if !ok {
			return 0, 0, false
		}
		switch re.Op {
		case syntax.OpQuest:
			// {0} ∪ [l, h] is an interval only when l ≤ 1.
			if l > 1 {
				return 0, 0, false
			}
			lo, hi = 0, h
		case syntax.OpStar, syntax.OpPlus:
			// Repeats of a run of one length only: (CC)+ matches
			// even lengths.
			if l != 1 || h != 1 {
				return 0, 0, false
			}
			lo, hi = 0, unbounded
			if re.Op == syntax.OpPlus {
				lo = 1
			}
		case syntax.OpRepeat:
			if l != 1 || h != 1 {
				return 0, 0, false
			}
			lo, hi = re.Min, re.Max
		}
		if lo != hi {
			if re.Flags&syntax.NonGreedy != 0 {
				a.lazy = true
			} else {
				a.greedy = true
			}
		}
		return lo, hi, true
	}
	return 0, 0, false
}

// class records m as the class of the pattern, and reports whether it
// is the class every piece before had.
func (a *analysis) class(m [4]uint64) bool {
	if m[2]|m[3] != 0 {
		return false
	}
	if !a.haveClass {
		a.spec.Member, a.haveClass = m, true
		return true
	}
	return a.spec.Member == m
}

// literalClass returns the class of the literal rune r (with its case
// folds), or a class with a byte above 0x7F, which class refuses, when
// a rune of it is not ASCII.
func literalClass(r rune, fold bool) [4]uint64 {
	var m [4]uint64
	if r >= 0x80 {
		return [4]uint64{2: 1}
	}
	m[r>>6] |= 1 << (r & 63)
	if fold {
		for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
			if f >= 0x80 {
				return [4]uint64{2: 1}
			}
			m[f>>6] |= 1 << (f & 63)
		}
	}
	return m
}

// String describes s as a pattern: the class, its repeat and the word
// boundaries, such as \b[0-9A-Z_a-z]{12,}\b.
func (s *Spec) String() string {
	var b strings.Builder
	if s.WordStart {
		b.WriteString(`\b`)
	}
	b.WriteByte('[')
	for c := 0; c < 128; c++ {
		if !s.Has(byte(c)) {
			continue
		}
		d := c
		for d+1 < 128 && s.Has(byte(d+1)) {
			d++
		}
		b.WriteString(classByte(c))
		if d > c+1 {
			b.WriteByte('-')
		}
		if d > c {
			b.WriteString(classByte(d))
		}
		c = d
	}
	b.WriteByte(']')
	switch {
	case s.Max < 0:
		fmt.Fprintf(&b, "{%d,}", s.Min)
	case s.Max == s.Min:
		fmt.Fprintf(&b, "{%d}", s.Min)
	default:
		fmt.Fprintf(&b, "{%d,%d}", s.Min, s.Max)
	}
	if s.Lazy {
		b.WriteByte('?')
	}
	if s.WordEnd {
		b.WriteString(`\b`)
	}
	return b.String()
}

// classByte writes c as a character class would hold it.
func classByte(c int) string {
	if c < 0x20 || c == 0x7F || strings.ContainsRune(`\]^-[`, rune(c)) {
		return fmt.Sprintf(`\x%02X`, c)
	}
	return string(rune(c))
}
