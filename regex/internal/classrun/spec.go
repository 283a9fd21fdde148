// Package classrun answers the searches of patterns whose every match is
// a run of runes of one class: C{n,m}, C+, C{n,} and the like (rebar's
// `[A-Za-z]{8,13}`, `\b[0-9A-Za-z_]{12,}\b`, `\p{L}{8,13}`), optionally
// after and before \b where C is ASCII. Such a pattern needs no
// automaton: its leftmost-first matches follow from the maximal runs of
// C in the text, and those runs are found 32 bytes at a time, from a bit
// mask of the bytes that can belong to them (see Scan). This is
// Hyperscan's observation behind its Castle engine: a bounded repeat of
// one class is a counter, not a set of states.
//
// Why it is exact, for an ASCII class. A byte of C is then a whole rune
// in any decoding of the text, Go's included (a valid multi-byte
// encoding holds no byte below 0x80, and an invalid byte is U+FFFD of
// width 1, which is not in C). A match is therefore a run of bytes of C,
// it starts at a rune boundary, and \b (ASCII word characters in Go)
// reads the same byte on either side of it that Go's decoding would: a
// byte above 0x7F belongs to a rune that is not a word character. So the
// matches of the pattern are those of its byte-level reading.
//
// For a class with other runes (Unicode), the scan finds the runs of the
// bytes their encodings use, a superset: every rune of C lies whole
// inside such a byte run. Each byte run long enough is then decoded rune
// by rune as Go decodes it, and split at the runes outside C (see
// unicode.go). Decoding from a byte run's first byte agrees with Go's.
// Where C lacks U+FFFD: the byte before the run is outside it, so it is
// no byte of a rune of C, and if the run starts inside a rune, that rune
// is not in C; both decodings read the bytes up to the run's first byte
// that is not a continuation byte as runes outside C (stray continuation
// bytes, U+FFFD each, or the rest of that rune), and from there on they
// read the same runes. Where C holds U+FFFD, which every invalid byte
// decodes to, the scan looks for every byte above 0x7F, so the byte
// before a run is ASCII, and the run starts at a rune boundary.
package classrun

import (
	"encoding/binary"
	"fmt"
	"regexp/syntax"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/rxjit/rxjit/regex/internal/nibble"
)

// Spec is a pattern that package classrun answers: runs of runes of a
// class whose length in runes lies in [Min, Max] (Max -1: no bound), the
// longest such run the text allows or, with Lazy, the shortest, with
// WordStart and WordEnd for a \b before and after it.
type Spec struct {
	// Member holds the bytes the scan looks for, a bit per byte: the
	// class itself where it is ASCII, else every byte the encodings of
	// its runes use (and perhaps a few more, see Tables).
	Member [4]uint64
	Min    int
	Max    int
	Lazy   bool
	// WordStart and WordEnd require a word boundary before and after
	// the match; the class then holds only ASCII word characters.
	WordStart, WordEnd bool
	// Tables are Member's nibble tables as the generated scan reads them
	// (codegen/runscan): lo, twice, then hi, twice, where byte b is in
	// Member when lo[b&15]&hi[b>>4] is not zero. (Member is what the
	// tables hold: where eight buckets cannot tell its bytes apart
	// exactly, a superset.)
	Tables [TableWords]uint64
	// Shifts are the doubling shifts for Min (see shifts).
	Shifts uint64
	// member is Member a byte each, 1 or 0, for the Go scan.
	member [256]uint8
	// class is the class, as sorted ranges of runes.
	class []rune
	// runes, for a class that is not ASCII, decides which runes are in
	// it (unicode.go); nil for an ASCII class.
	runes *runeSet
}

// TableWords is the size of Spec.Tables, which a Scanner's buffer starts
// with.
const TableWords = 8

// ASCII reports whether the class holds only runes below 0x80, whose
// byte runs are its runs without decoding.
func (s *Spec) ASCII() bool { return s.runes == nil }

// Has reports whether byte b is in Member, the bytes the scan looks for.
func (s *Spec) Has(b byte) bool { return s.Member[b>>6]&(1<<(b&63)) != 0 }

// New returns the Spec of re, a simplified pattern (groups may wrap any
// part of it), or nil when re is not of that form. The form: an optional
// \b, then a concatenation of pieces of one class C (C, C?, C*, C+,
// C{a,b}, and the nested quests a simplified C{a,b} becomes) whose
// lengths add up to an interval [n, m] with n ≥ 1, then an optional \b.
// The variable pieces must be all greedy or all lazy, so that the
// match's length is the longest or the shortest the run allows. Where a
// \b is present, C holds only ASCII word characters; where C holds runes
// above 0x7F, it holds neither the space nor the line end, unless it
// holds U+FFFD too.
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
	var a analysis
	min, max, ok := a.concat(elems)
	if !ok || a.class == nil || min < 1 || a.greedy && a.lazy {
		return nil
	}
	s.Min, s.Max, s.Lazy, s.class = min, max, a.lazy, a.class
	var bytes [256]bool
	if ascii := a.class[len(a.class)-1] < utf8.RuneSelf; ascii {
		for i := 0; i < len(a.class); i += 2 {
			for r := a.class[i]; r <= a.class[i+1]; r++ {
				bytes[r] = true
			}
		}
		if s.WordStart || s.WordEnd {
			for b := range 128 {
				if bytes[b] && !syntax.IsWordChar(rune(b)) {
					return nil
				}
			}
		}
	} else {
		// \b is ASCII in Go. A class that holds the space or the line
		// end is better served by the automata, as its byte runs would
		// cover most texts, to be decoded in Go; unless it holds U+FFFD
		// too (`[^,]+`, `.+`), where a byte run of bytes that can only
		// be in runes of the class is one run of the class, without
		// decoding (runeSet.safe).
		if s.WordStart || s.WordEnd || !inClass(a.class, utf8.RuneError) && (inClass(a.class, ' ') || inClass(a.class, '\n')) {
			return nil
		}
		s.runes = newRuneSet(a.class)
		bytes = encodingBytes(a.class)
	}
	lo, hi, _ := nibble.Tables(&bytes) // a superset will do: Member is what they hold
	for b := range 256 {
		if lo[b&15]&hi[b>>4] != 0 {
			s.Member[b>>6] |= 1 << (b & 63)
			s.member[b] = 1
		}
	}
	if rs := s.runes; rs != nil && rs.highSafe {
		// The ASCII bytes of a byte run are in the class only where
		// the tables hold its ASCII bytes exactly.
		for b := range byte(utf8.RuneSelf) {
			if s.Has(b) != rs.has(rune(b)) {
				rs.highSafe = false
			}
		}
	}
	for i, t := range [4]*[16]byte{&lo, &lo, &hi, &hi} {
		s.Tables[2*i] = binary.LittleEndian.Uint64(t[:8])
		s.Tables[2*i+1] = binary.LittleEndian.Uint64(t[8:])
	}
	s.Shifts = shifts(s.Min)
	return s
}

// encodingBytes returns the bytes that the UTF-8 encodings of the runes
// in class (sorted ranges) use, as a superset: the ASCII runes, the
// first bytes of the others, and every continuation byte; and every byte
// above 0x7F where the class holds U+FFFD, which invalid bytes decode to.
func encodingBytes(class []rune) [256]bool {
	var set [256]bool
	if inClass(class, utf8.RuneError) {
		for c := 0x80; c <= 0xFF; c++ {
			set[c] = true
		}
	}
	for i := 0; i < len(class); i += 2 {
		lo, hi := class[i], class[i+1]
		for r := lo; r <= min(hi, utf8.RuneSelf-1); r++ {
			set[r] = true
		}
		// The first byte grows with the rune: those of the range's
		// ends bound those between, within each encoding length.
		for _, n := range [...]struct{ lo, hi rune }{{0x80, 0x7FF}, {0x800, 0xFFFF}, {0x10000, unicode.MaxRune}} {
			a, b := max(lo, n.lo), min(hi, n.hi)
			if a > b {
				continue
			}
			var ea, eb [utf8.UTFMax]byte
			utf8.EncodeRune(ea[:], a)
			utf8.EncodeRune(eb[:], b)
			for c := int(ea[0]); c <= int(eb[0]); c++ {
				set[c] = true
			}
			for c := 0x80; c <= 0xBF; c++ {
				set[c] = true
			}
		}
	}
	return set
}

// inClass reports whether r is in class (sorted ranges).
func inClass(class []rune, r rune) bool {
	for i := 0; i < len(class); i += 2 {
		if class[i] <= r && r <= class[i+1] {
			return true
		}
	}
	return false
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
	// class is the class of the pieces met, as sorted ranges of runes.
	class []rune
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
			if !a.sameClass(literalClass(r, re.Flags&syntax.FoldCase != 0)) {
				return 0, 0, false
			}
		}
		return len(re.Rune), len(re.Rune), true
	case syntax.OpCharClass:
		return 1, 1, len(re.Rune) > 0 && a.sameClass(re.Rune)
	case syntax.OpAnyCharNotNL:
		return 1, 1, a.sameClass([]rune{0, '\n' - 1, '\n' + 1, unicode.MaxRune})
	case syntax.OpAnyChar:
		return 1, 1, a.sameClass([]rune{0, unicode.MaxRune})
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

// sameClass records class (sorted ranges) as the class of the pattern,
// and reports whether it is the class every piece before had.
func (a *analysis) sameClass(class []rune) bool {
	if a.class == nil {
		a.class = slices.Clone(class)
		return true
	}
	return slices.Equal(a.class, class)
}

// literalClass returns the class of the literal rune r (with its case
// folds, if fold), as sorted ranges.
func literalClass(r rune, fold bool) []rune {
	runes := []rune{r}
	if fold {
		for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
			runes = append(runes, f)
		}
	}
	slices.Sort(runes)
	var class []rune
	for _, r := range runes {
		if n := len(class); n > 0 && class[n-1] == r-1 {
			class[n-1] = r
			continue
		}
		class = append(class, r, r)
	}
	return class
}

// String describes s as a pattern: the class, its repeat and the word
// boundaries, such as \b[0-9A-Z_a-z]{12,}\b.
func (s *Spec) String() string {
	var b strings.Builder
	if s.WordStart {
		b.WriteString(`\b`)
	}
	b.WriteByte('[')
	const most = 8 // ranges shown
	for i := 0; i < len(s.class) && i < 2*most; i += 2 {
		lo, hi := s.class[i], s.class[i+1]
		b.WriteString(classRune(lo))
		if hi > lo+1 {
			b.WriteByte('-')
		}
		if hi > lo {
			b.WriteString(classRune(hi))
		}
	}
	if n := len(s.class) / 2; n > most {
		fmt.Fprintf(&b, "…%d ranges", n)
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

// classRune writes r as a character class would hold it.
func classRune(r rune) string {
	switch {
	case r < 0x20 || r == 0x7F || strings.ContainsRune(`\]^-[`, r):
		return fmt.Sprintf(`\x%02X`, r)
	case r >= utf8.RuneSelf && !unicode.IsPrint(r):
		return fmt.Sprintf(`\x{%X}`, r)
	}
	return string(r)
}
