package prefilter

import (
	"fmt"
	"math"
	"math/bits"
	"strings"
	"unicode/utf8"

	"github.com/rxjit/rxjit/regex/internal/literal"
)

// FoldSet finds the leftmost match of an alternation of case-folded
// literals ((?i)Sherlock Holmes|John Watson|...): FoldLiteral for several
// literals. Its probes are Teddy's (Nibble), one bucket per literal up to
// eight; each literal places the probes' window after an anchor rune of
// its own, past which its spellings have fixed widths for as long as the
// window, so that a position the scan stops at is, for each literal of
// the buckets whose bits it sets, where that literal's anchor rune may
// begin, and the literal starts between its minimum and maximum shift
// before it. Candidates are checked by decoding runes against the orbits.
type FoldSet struct {
	lits    []foldLit
	shifts  []shiftRange // of each literal
	buckets [8][]uint8   // the literals of each bucket, in priority order
	spec    Spec
	// minShift and maxShift bound the shifts of every literal.
	minShift, maxShift int
	scan               Scanner
}

// shiftRange is how far before its anchor a literal may start.
type shiftRange struct{ min, max int }

// maxFoldWindow is the longest window, in bytes after the anchor, the
// probes of a FoldSet may reach.
const maxFoldWindow = 8

// maxSetAnchor is the last rune index a literal of a FoldSet may anchor
// its window at: further than FoldLiteral's maxAnchor, since every
// literal must find a window as long as the probes reach.
const maxSetAnchor = 8

// NewFoldSet returns the search for the alternation of the literals whose
// runes match alts (literal.Folded), scanning with scan (GoScan when nil),
// or nil when no probes keep the candidate rate under maxCandidateRate
// (estimated from literal.Freq).
//
// It tries every set of one to three probe offsets below maxFoldWindow;
// for each, every literal takes the anchor (among its first maxSetAnchor+1
// runes) whose bytes at those offsets are rarest, and the choice whose
// estimated cost is lowest wins.
func NewFoldSet(alts [][][]rune, scan Scanner) *FoldSet {
	if len(alts) < 2 || len(alts) > 255 {
		return nil
	}
	if scan == nil {
		scan = GoScan{}
	}
	f := &FoldSet{scan: scan}
	// The anchors each literal may use: its shifts and the bytes each
	// spelling can have at each offset of the fixed-width run after it.
	type anchor struct {
		shift shiftRange
		bytes [maxFoldWindow][]byte // nil past the run
	}
	anchors := make([][]anchor, len(alts))
	for j, orbits := range alts {
		f.lits = append(f.lits, newFoldLit(orbits))
		if f.lits[j].minBytes() < MinLitLen {
			return nil // as Literals: a byte is for ByteSet and the DFA
		}
		var sh shiftRange
		for a := 0; a < len(orbits) && a <= maxSetAnchor; a++ {
			if a > 0 {
				lo, hi := widths(orbits[a-1])
				sh = shiftRange{sh.min + lo, sh.max + hi}
			}
			an := anchor{shift: sh}
			off := 0
			for _, o := range orbits[a:] {
				lo, hi := widths(o)
				if lo != hi || off >= maxFoldWindow {
					break
				}
				var enc [utf8.UTFMax]byte
				for _, r := range o {
					utf8.EncodeRune(enc[:], r)
					for k := 0; k < lo && off+k < maxFoldWindow; k++ {
						an.bytes[off+k] = appendNew(an.bytes[off+k], enc[k])
					}
				}
				off += lo
			}
			anchors[j] = append(anchors[j], an)
		}
	}
	groups := make([][]uint8, min(8, len(alts)))
	for j := range alts {
		g := j * len(groups) / len(alts)
		groups[g] = append(groups[g], uint8(j))
	}

	best := math.Inf(1)
	for set := 1; set < 1<<maxFoldWindow; set++ {
		n := bits.OnesCount(uint(set))
		if n > MaxProbes {
			continue
		}
		var offsets []int
		for o := range maxFoldWindow {
			if set&(1<<o) != 0 {
				offsets = append(offsets, o)
			}
		}
		// Each literal's rarest anchor that reaches every offset.
		chosen := make([]int, len(alts))
		ok := true
		for j := range alts {
			chosen[j] = -1
			bestRate := math.Inf(1)
			for a, an := range anchors[j] {
				rate := 1.0
				for _, o := range offsets {
					if an.bytes[o] == nil {
						rate = math.Inf(1)
						break
					}
					rate *= byteRate(an.bytes[o])
				}
				rate *= float64(an.shift.max - an.shift.min + 1)
				if rate < bestRate {
					bestRate, chosen[j] = rate, a
				}
			}
			ok = ok && chosen[j] >= 0
		}
		if !ok {
			continue
		}
		s := Spec{Kind: Nibble, Offsets: offsets, Window: offsets[len(offsets)-1], lead: -1}
		var lo, hi [MaxProbes][16]uint8
		for k, g := range groups {
			for _, j := range g {
				an := &anchors[j][chosen[j]]
				for p, o := range offsets {
					for _, c := range an.bytes[o] {
						lo[p][c&15] |= 1 << k
						hi[p][c>>4] |= 1 << k
					}
				}
			}
		}
		var rate float64
		for k, r := range s.setNibbles(&lo, &hi, len(groups)) {
			g := groups[k]
			starts := 0
			for _, j := range g {
				sh := anchors[j][chosen[j]].shift
				starts += sh.max - sh.min + 1
			}
			rate += r * float64(starts)
		}
		cost, ok := specCost(n, rate, nibbleProbeCost)
		if !ok || cost >= best {
			continue
		}
		best, f.spec = cost, s
		f.shifts = f.shifts[:0]
		for j := range alts {
			f.shifts = append(f.shifts, anchors[j][chosen[j]].shift)
		}
	}
	if math.IsInf(best, 1) {
		return nil
	}
	copy(f.buckets[:], groups)
	f.minShift, f.maxShift = f.shifts[0].min, f.shifts[0].max
	for _, sh := range f.shifts {
		f.minShift, f.maxShift = min(f.minShift, sh.min), max(f.maxShift, sh.max)
	}
	return f
}

// appendNew appends c to set if it is not there yet.
func appendNew(set []byte, c byte) []byte {
	for _, x := range set {
		if x == c {
			return set
		}
	}
	return append(set, c)
}

// byteRate returns the estimated share of text bytes in set.
func byteRate(set []byte) float64 {
	var f float64
	allLead := true
	for _, c := range set {
		f += float64(literal.Freq(c))
		allLead = allLead && isLead(c)
	}
	return leadRate(probeRate(f), allLead)
}

// Find returns the first position p >= at where one of the literals
// occurs, or -1.
func (f *FoldSet) Find(haystack []byte, at int) int {
	p, _ := f.find(haystack, at, false)
	return p
}

// FindMatch returns the leftmost occurrence at or after at of the
// literals: the first in priority order among those at that position
// (leftmost-first), or with longest the longest. start is -1 if there is
// none.
func (f *FoldSet) FindMatch(haystack []byte, at int, longest bool) (start, end int) {
	p, n := f.find(haystack, at, longest)
	return p, p + n
}

// find returns the leftmost start at or after at of a literal and the
// length of the one chosen there, or -1. The scan stops at anchors in
// order; the first stop whose literals have an occurrence gives a start,
// and the stops after it that could still give an earlier one (a literal
// starts at most maxShift bytes before its anchor) are checked too.
func (f *FoldSet) find(hay []byte, at int, longest bool) (int, int) {
	scan := f.spec.scanner(f.scan, hay, at)
	for q := at + f.minShift; q <= len(hay); {
		p := f.spec.next(scan, hay, q)
		if p < 0 {
			return -1, 0
		}
		if best := f.check(hay, p, at, -1); best >= 0 {
			for r := p + 1; r-f.maxShift < best && r+f.spec.Window < len(hay); r++ {
				best = f.check(hay, r, at, best)
			}
			return best, f.choose(hay, best, longest)
		}
		q = p + 1
	}
	return -1, 0
}

// check returns the smallest start, below best if best is not -1, of a
// literal of the buckets whose probes pass at p, taking p as its anchor;
// or best.
func (f *FoldSet) check(hay []byte, p, at, best int) int {
	bits := f.spec.bits(hay, p)
	for k := 0; bits != 0; k, bits = k+1, bits>>1 {
		if bits&1 == 0 {
			continue
		}
		for _, j := range f.buckets[k] {
			sh := f.shifts[j]
			for s := max(at, p-sh.max); s <= p-sh.min && (best < 0 || s < best); s++ {
				if f.lits[j].matchAt(hay, s) >= 0 {
					best = s
					break
				}
			}
		}
	}
	return best
}

// choose returns the length of the literal chosen at start, where one
// occurs: the first in priority order, or the longest.
func (f *FoldSet) choose(hay []byte, start int, longest bool) int {
	n := -1
	for j := range f.lits {
		if m := f.lits[j].matchAt(hay, start); m >= 0 {
			if !longest {
				return m
			}
			n = max(n, m)
		}
	}
	return n
}

// String describes the search, for rxjit --explain.
func (f *FoldSet) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%d case-folded literals {", len(f.lits))
	for j := range f.lits {
		if j > 0 {
			b.WriteByte(' ')
		}
		fmt.Fprintf(&b, "%+q", f.lits[j].text())
	}
	fmt.Fprintf(&b, "}, exact; candidates by %v, offsets from a rune %d-%d bytes into each literal", &f.spec, f.minShift, f.maxShift)
	return b.String()
}
