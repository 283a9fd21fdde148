package prefilter

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strings"
	"unicode/utf8"
)

// FoldLiteral finds a case-folded literal ((?i)Sherlock Holmes): the whole
// pattern, given as the runes each of its runes matches (literal.Folded).
// Like Literals it scans for candidates with byte probes (a Spec, so the
// same generated code or GoScan), but it checks a candidate by decoding
// the text's runes and testing each against its orbit, as regexp does, so
// it needs no list of spellings and answers exactly however many there
// are.
//
// The probes test bytes at fixed offsets, and a rune whose spellings
// differ in width (s, ſ; k, the Kelvin sign) moves every byte after it.
// The probes are therefore placed after an anchor rune, past which the
// widths are fixed for as long as the probes reach: a position the scan
// stops at is where the anchor rune may begin, and the literal starts
// minShift to maxShift bytes before it (the widths the runes before the
// anchor can add up to).
type FoldLiteral struct {
	lit                foldLit
	spec               Spec
	minShift, maxShift int
	scan               Scanner
}

// foldLit is a case-folded literal as the orbits of its runes.
type foldLit struct {
	orbits [][]rune
	// ascii holds, for each orbit, the test of an ASCII byte c: c is
	// in the orbit when c|or == want. or is 0x20 for a letter's two
	// cases, 0 for a single ASCII rune; want is 0xFF for an orbit
	// without ASCII. An orbit whose ASCII runes are neither (a class
	// such as [bc]) has or 0xFF: its bytes are looked up in the orbit.
	ascii []asciiTest
}

type asciiTest struct{ or, want byte }

// newFoldLit returns the literal whose runes match orbits.
func newFoldLit(orbits [][]rune) foldLit {
	l := foldLit{orbits: orbits}
	for _, o := range orbits {
		var ascii []byte
		for _, r := range o {
			if r < utf8.RuneSelf {
				ascii = append(ascii, byte(r))
			}
		}
		t := asciiTest{0xFF, 0}
		switch {
		case len(ascii) == 0:
			t = asciiTest{0, 0xFF}
		case len(ascii) == 1:
			t = asciiTest{0, ascii[0]}
		case len(ascii) == 2 && ascii[0]^ascii[1] == 0x20 && 'a' <= ascii[0]|0x20 && ascii[0]|0x20 <= 'z':
			t = asciiTest{0x20, ascii[0] | 0x20}
		}
		l.ascii = append(l.ascii, t)
	}
	return l
}

// minBytes returns the length of the literal's shortest spelling.
func (l *foldLit) minBytes() int {
	n := 0
	for _, o := range l.orbits {
		lo, _ := widths(o)
		n += lo
	}
	return n
}

// matchAt returns the length of the literal at s, or -1: each rune of
// the text, decoded as utf8.DecodeRune does (an invalid byte is U+FFFD of
// width 1, which no orbit holds), must be one of its orbit's.
func (l *foldLit) matchAt(hay []byte, s int) int {
	p := s
	for i, o := range l.orbits {
		if p >= len(hay) {
			return -1
		}
		if c := hay[p]; c < utf8.RuneSelf {
			if t := l.ascii[i]; c|t.or != t.want && (t.or != 0xFF || !slices.Contains(o, rune(c))) {
				return -1
			}
			p++
			continue
		}
		var r rune
		var w int
		if c := hay[p]; 0xC2 <= c && c <= 0xDF && p+1 < len(hay) && hay[p+1]&0xC0 == 0x80 {
			// Two bytes (Latin, Greek, Cyrillic), decoded inline.
			r, w = rune(c&0x1F)<<6|rune(hay[p+1]&0x3F), 2
		} else {
			r, w = utf8.DecodeRune(hay[p:])
		}
		if !slices.Contains(o, r) {
			return -1
		}
		p += w
	}
	return p - s
}

// text returns the literal spelled with the first rune of each orbit.
func (l *foldLit) text() string {
	var b strings.Builder
	for _, o := range l.orbits {
		b.WriteRune(o[0])
	}
	return b.String()
}

// maxAnchor is the last rune index tried as the anchor of the probes.
const maxAnchor = 4

// NewFoldLiteral returns the search for the literal whose runes match
// orbits, scanning with scan (GoScan when nil), or nil when no probes keep
// the candidate rate under maxCandidateRate (estimated from
// literal.Freq).
func NewFoldLiteral(orbits [][]rune, scan Scanner) *FoldLiteral {
	if scan == nil {
		scan = GoScan{}
	}
	f := &FoldLiteral{lit: newFoldLit(orbits), scan: scan}
	if f.lit.minBytes() < MinLitLen {
		return nil // a byte is the business of ByteSet and the DFA
	}
	best := math.Inf(1)
	shiftLo, shiftHi := 0, 0
	for a := 0; a < len(orbits) && a <= maxAnchor; a++ {
		if a > 0 {
			lo, hi := widths(orbits[a-1])
			shiftLo, shiftHi = shiftLo+lo, shiftHi+hi
		}
		probes := foldProbes(orbits[a:])
		// Each candidate is checked at every start the shifts allow.
		starts := float64(shiftHi - shiftLo + 1)
		for n := 1; n <= MaxProbes && n <= len(probes); n++ {
			s, rate := eqSpec(probes[:n])
			if cost, ok := specCost(n, rate*starts, eqProbeCost); ok && cost < best {
				best, f.spec, f.minShift, f.maxShift = cost, s, shiftLo, shiftHi
			}
		}
	}
	if math.IsInf(best, 1) {
		return nil
	}
	return f
}

// widths returns the shortest and longest encodings of the runes of o.
func widths(o []rune) (lo, hi int) {
	lo = utf8.UTFMax
	for _, r := range o {
		w := utf8.RuneLen(r)
		lo, hi = min(lo, w), max(hi, w)
	}
	return lo, hi
}

// foldProbes returns the Eq tests, rarest first, of the bytes at fixed
// offsets from the start of orbits: those of its runes up to the first
// whose spellings differ in width, at the offsets where every spelling's
// byte is one of two that differ in one bit (ASCII letters, the bytes of
// Cyrillic letters).
func foldProbes(orbits [][]rune) []eqProbe {
	var probes []eqProbe
	off := 0
	for _, o := range orbits {
		lo, hi := widths(o)
		if lo != hi {
			break
		}
		var enc [utf8.UTFMax]byte
		for j := range lo {
			var seen []byte
			for _, r := range o {
				utf8.EncodeRune(enc[:], r)
				if !slices.Contains(seen, enc[j]) {
					seen = append(seen, enc[j])
				}
			}
			b0, b1 := slices.Min(seen), slices.Max(seen)
			diff := b0 ^ b1
			if len(seen) > 2 || diff&(diff-1) != 0 {
				continue
			}
			probes = append(probes, eqProbe{off + j, diff, b1, setRate(b0, b1)})
		}
		off += lo
	}
	slices.SortStableFunc(probes, func(x, y eqProbe) int { return cmp.Compare(x.rate, y.rate) })
	return probes
}

// Find returns the first position p >= at where the literal occurs, or
// -1.
func (f *FoldLiteral) Find(haystack []byte, at int) int {
	p, _ := f.find(haystack, at)
	return p
}

// FindMatch returns the leftmost occurrence of the literal at or after
// at; start is -1 if there is none. A literal has one length at each
// place, so longest changes nothing.
func (f *FoldLiteral) FindMatch(haystack []byte, at int, longest bool) (start, end int) {
	p, n := f.find(haystack, at)
	return p, p + n
}

// find returns the first position p >= at where the literal occurs and
// its length there, or -1. Every occurrence has its anchor at a position
// the scan stops at, minShift to maxShift bytes after its start, so each
// stop p accounts for the starts p-maxShift..p-minShift, checked in
// order. The first start that holds the literal, at the first stop that
// has one, is the leftmost: an earlier occurrence would have its anchor
// at an earlier stop, or at a later one but a start checked before.
func (f *FoldLiteral) find(hay []byte, at int) (int, int) {
	scan := f.spec.scanner(f.scan, hay, at)
	for q := at + f.minShift; q <= len(hay); {
		p := f.spec.next(scan, hay, q)
		if p < 0 {
			return -1, 0
		}
		for s := max(at, p-f.maxShift); s <= p-f.minShift; s++ {
			if n := f.lit.matchAt(hay, s); n >= 0 {
				return s, n
			}
		}
		q = p + 1
	}
	return -1, 0
}

// String describes the search, for rxjit --explain.
func (f *FoldLiteral) String() string {
	shift := ""
	if f.maxShift > 0 {
		shift = fmt.Sprintf(", offsets from a rune %d-%d bytes into the literal", f.minShift, f.maxShift)
	}
	return fmt.Sprintf("case-folded literal %+q (%d runes), exact; candidates by %v%s", f.lit.text(), len(f.lit.orbits), &f.spec, shift)
}
