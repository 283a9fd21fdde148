package bitnfa

import (
	"math/bits"
	"unicode/utf8"

	"github.com/rxjit/rxjit/regex/internal/nfa"
)

// MaxLiveWords bounds the memory of a Scanner: the liveness of a text
// takes W words a byte, and Fits refuses texts that would need more
// (32 MiB: a 4 MiB text at one word a byte, 1 MiB at four).
const MaxLiveWords = 4 << 20

// Fits reports whether a Scanner can hold the liveness of n bytes.
func (a *Automaton) Fits(n int) bool { return (n+1)*a.W <= MaxLiveWords }

// Scanner holds the liveness of the end of a text, from a position
// From: for each position i, the set of automaton positions that accept
// the text's byte i and can still reach a match from there (see the
// package comment). Its searches then need no look-ahead. A Scanner is
// reusable: Reset computes the liveness of another text.
type Scanner struct {
	a     *Automaton
	input []byte
	from  int
	live  []uint64 // W words for each of input[from:], and a last, empty set
	// starts, for one-word automata, marks the positions where Find's
	// scan for a start may stop (see Fill1); it follows live in buf.
	starts []uint64
	buf    []uint64
	// end, when not -1, is where every match must end (ResetSpan).
	end int
	// tables is the ID of the Filler whose tables buf starts with, or 0.
	tables uint64
	// declined is the ID of the Filler whose tables Reset last found
	// too long to lay out for a short text, or 0.
	declined uint64
}

// Filler computes the liveness of a one-word automaton as Fill1 does:
// the generated code (package jit) implements it. Its buffer holds
// Prefix words of its own (its tables, which it lays out unless ready
// says they are there from an earlier call), then the liveness array
// (its last set already), then the bitmap. ID identifies the tables.
type Filler interface {
	ID() uint64
	Prefix() int
	Fill(input []byte, from, hi int, buf []uint64, ready bool)
}

// Reset computes the liveness of input from position from on, in one
// pass from its end: by f where the automaton has one word and f is not
// nil, else by the Go loop. The caller has checked a.Fits(len(input)-from).
func (s *Scanner) Reset(a *Automaton, input []byte, from int, f Filler) {
	s.a, s.input, s.from, s.end = a, input, from, -1
	W := a.W
	n := len(input) - from
	// Whatever follows overwrites the tables at the start of buf,
	// unless it is f's pass over them.
	ready := f != nil && s.tables == f.ID()
	s.tables = 0
	nstarts, prefix := 0, 0
	if W == 1 {
		nstarts = (n + 63) / 64
		if f != nil && !ready && 16*n < f.Prefix() && s.declined != f.ID() {
			// Laying out the tables, a copy as long as a pass
			// over a text of their length, outweighs what the
			// generated pass saves on a text a sixteenth of it (a
			// rule of thumb, not a measured break-even); on longer
			// ones it pays, and later texts find them in place.
			// So does a second short text of the same automaton:
			// a program that searches many short texts (rebar's
			// 14-quadratic, 100 bytes) pays the copy once.
			s.declined = f.ID()
			f = nil
		}
		if f != nil {
			prefix = f.Prefix()
		}
	}
	extra := 0 // the walk table and the span area (spans.go)
	if W == 1 {
		extra = WalkWords + 2*SpanCap
	}
	if need := prefix + (n+1)*W + nstarts + extra; cap(s.buf) < need {
		s.buf, ready = make([]uint64, need), false
	} else {
		s.buf = s.buf[:need]
	}
	s.live = s.buf[prefix : prefix+(n+1)*W]
	s.starts = s.buf[prefix+(n+1)*W : prefix+(n+1)*W+nstarts]
	if W == 1 {
		copy(s.buf[prefix+(n+1)*W+nstarts:], a.walk[:])
	}
	live := s.live
	clear(live[n*W:])
	if W == 1 {
		if f != nil {
			f.Fill(input, from, len(input), s.buf, ready)
			s.tables = f.ID()
		} else {
			a.Fill1(input, from, len(input), live, s.starts)
		}
		return
	}
	a.fillWide(input, from, len(input), live, true)
}

// fillWide is the backward pass for automata of any width, one set bit
// at a time: it computes the liveness of positions from to hi-1 of input
// into live, whose word set hi-from is set already. With anyEnd a thread
// may reach the match after any byte, else only after the last one
// (ResetSpan).
func (a *Automaton) fillWide(input []byte, from, hi int, live []uint64, anyEnd bool) {
	W := a.W
	for i := hi - from - 1; i >= 0; i-- {
		c := a.contextAt(input, from+i+1)
		cur, next := live[i*W:(i+1)*W], live[(i+1)*W:(i+2)*W]
		clear(cur)
		if anyEnd || i == hi-from-1 {
			copy(cur, c.toMatch)
		}
		for w, x := range next {
			for x != 0 {
				q := w*64 + bits.TrailingZeros64(x)
				x &= x - 1
				for k, m := range c.pred[q*W : (q+1)*W] {
					cur[k] |= m
				}
			}
		}
		acc := a.accept[int(input[from+i])*W:]
		for k := range cur {
			cur[k] &= acc[k]
		}
	}
}

// ResetSpan computes the liveness of input[start:end] for matches that
// end exactly at end: where another engine has found that the
// leftmost-first match from start ends at end, Submatch(start) then
// follows that match, and reports its groups, in time linear in its
// length. The caller has checked a.Fits(end-start).
func (s *Scanner) ResetSpan(a *Automaton, input []byte, start, end int) {
	s.a, s.input, s.from, s.end = a, input, start, end
	W := a.W
	n := end - start
	if need := (n + 1) * W; cap(s.buf) < need {
		s.buf = make([]uint64, need)
	} else {
		s.buf = s.buf[:need]
	}
	s.live, s.starts, s.tables = s.buf, nil, 0
	clear(s.live[n*W:])
	a.fillWide(input, start, end, s.live, false)
}

// Captures reports whether Submatch can report every capture slot of
// the automaton's NFA (it tracks slots 0 to 63).
func (a *Automaton) Captures() bool { return a.numSlots <= 64 }

// Submatch is Find with capture slots: it fills slots (every slot the
// match does not set is -1) with the leftmost-first match at or after
// pos and reports whether there is one. The slots are those the PikeVM
// reports, since the walk follows its winning thread, and each entry of
// a follow list carries the slots written on its path.
func (s *Scanner) Submatch(pos int, slots []int) bool {
	a, input := s.a, s.input
	if s.end < 0 {
		if pos = s.start(pos); pos < 0 {
			return false
		}
	} else if st := &a.contextAt(input, pos).start; !(st.match && pos == s.end) && !s.any(st.set, pos) {
		return false
	}
	for k := range slots {
		slots[k] = -1
	}
	end := s.walk(&a.contextAt(input, pos).start, pos, slots)
	if len(slots) > 1 {
		slots[0], slots[1] = pos, end
	}
	return true
}

// walk follows the thread the search takes from the list l at pos to
// the match and returns where the match ends; on the way it writes into
// slots the position where its path crosses each capture.
func (s *Scanner) walk(l *list, pos int, slots []int) int {
	a, input := s.a, s.input
	for {
		k := s.firstIndex(l, pos)
		if l.slots != nil && len(slots) > 0 {
			for m := l.slots[k]; m != 0; m &= m - 1 {
				if j := bits.TrailingZeros64(m); j < len(slots) {
					slots[j] = pos
				}
			}
		}
		e := l.entries[k]
		if e == Match {
			return pos
		}
		pos++
		l = &a.contextAt(input, pos).follow[e]
	}
}

// firstIndex returns the index in l of the entry the walk takes at pos:
// the first that is live, or the match where a match may end there.
func (s *Scanner) firstIndex(l *list, pos int) int {
	live := s.live[(pos-s.from)*s.a.W:]
	for k, e := range l.entries {
		if e == Match {
			if s.end < 0 || pos == s.end {
				return k
			}
			continue
		}
		if live[e/64]&(1<<(e%64)) != 0 {
			return k
		}
	}
	panic("bitnfa: a live path has no live thread")
}

// Release drops the Scanner's references to its text and automaton, so
// that a pool holding it keeps neither alive, and returns the capacity
// of its buffer in words.
func (s *Scanner) Release() int {
	s.a, s.input = nil, nil
	return cap(s.buf)
}

// Fill1, the Go twin of the generated pass, computes the liveness of
// positions from to hi-1 of input into live, where live[i] is the set of
// position from+i and live[hi-from] holds the set at hi already: the step
// Step1 describes, byte by byte towards from. It also marks in starts
// (bit i%64 of word i/64 for position from+i) where Find's scan for a
// start may stop: where the start positions of the first context meet
// the liveness, and, when the automaton has assertions, at every byte
// above 0x7F (Start1).
func (a *Automaton) Fill1(input []byte, from, hi int, live, starts []uint64) {
	x := live[hi-from]
	chunks := a.chunks1
	startSet, high := a.Start1()
	var bm uint64
	for i := hi - 1; i >= from; i-- {
		st := &a.step1[0]
		if a.looks != 0 {
			st = &a.step1[a.index[a.facts(input, i+1)]]
		}
		b := input[i]
		cur := x>>1&st.Shifted[b] | st.Matched[b]
		if len(chunks) > 0 {
			var exc uint64
			for t, ch := range chunks {
				exc |= st.Tables[t][uint8(x>>(8*ch))]
			}
			cur |= exc & a.accept[b]
		}
		x = cur
		live[i-from] = x
		bm += bm
		if x&startSet != 0 || high && b >= utf8.RuneSelf {
			bm |= 1
		}
		if k := i - from; k%64 == 0 {
			starts[k/64] = bm
			bm = 0
		}
	}
}

// Start1 returns what Fill1 marks in starts: the start positions of the
// first context, and whether every byte above 0x7F is marked too.
func (a *Automaton) Start1() (set uint64, high bool) {
	return a.ctx[0].start.set[0], a.looks != 0
}

// Find returns the leftmost-first match that starts at or after pos
// (pos at least the position Reset was given, and a rune boundary in
// the sense of Go's regexp), or -1, -1 when there is none.
func (s *Scanner) Find(pos int) (start, end int) {
	a, input := s.a, s.input
	if pos = s.start(pos); pos < 0 {
		return -1, -1
	}
	l := &a.contextAt(input, pos).start
	if a.W == 1 {
		return pos, s.walk1(l, pos)
	}
	return pos, s.walk(l, pos, nil)
}

// start returns the first rune boundary at or after pos, in the sense of
// Go's regexp, where a match starts, or -1.
func (s *Scanner) start(pos int) int {
	a, input := s.a, s.input
	if a.Skips() {
		exact := false
		if pos, exact = s.skip1(pos); exact {
			return pos
		}
	}
	for ; ; pos += nfa.RuneWidth(input, pos) {
		if st := &a.contextAt(input, pos).start; st.match || s.any(st.set, pos) {
			return pos
		}
		if pos == len(input) {
			return -1
		}
	}
}

// Skips reports whether Find skips to a start on the bitmap Fill1
// leaves (for one-word automata whose only assertion, if any, is U+FFFD's
// guard), rather than trying each position in turn.
func (a *Automaton) Skips() bool { return a.W == 1 && a.looks&^nfa.LookInvalidRune == 0 }

// skip1 returns the first position at or after pos where Find's scan for
// a start may stop, or a rune boundary before it from which the scan
// reaches it, for one-word automata whose only assertion, if any, is
// U+FFFD's guard: at ASCII bytes the context is then the first, so the
// marks Fill1 left in starts are exact there, and it marks every other
// byte. It also reports whether the position is such an exact mark, a
// start for certain.
func (s *Scanner) skip1(pos int) (int, bool) {
	input := s.input
	if s.a.ctx[0].start.match {
		return pos, false
	}
	starts := s.starts
	k := pos - s.from
	w, m := k/64, ^uint64(0)<<(k%64)
	for ; w < len(starts); w, m = w+1, ^uint64(0) {
		if hit := starts[w] & m; hit != 0 {
			i := s.from + w*64 + bits.TrailingZeros64(hit)
			if input[i] < utf8.RuneSelf {
				return i, true
			}
			return s.lastBoundary(pos, i), false
		}
	}
	return len(input), false
}

// lastBoundary returns the last rune boundary at or before i, and not
// before pos, as decoding from pos finds them. A byte that is not a
// continuation byte (80-BF) is always one: no encoding contains it but
// the one it starts, and an invalid byte is a rune of its own. So is a
// continuation byte that no encoding from the three bytes before it can
// reach.
func (s *Scanner) lastBoundary(pos, i int) int {
	input := s.input
	if c := input[i]; c < 0x80 || c >= 0xC0 {
		return i
	}
	for j := i - 1; j >= max(pos, i-3); j-- {
		if c := input[j]; c < 0x80 || c >= 0xC0 {
			if j+nfa.RuneWidth(input, j) > i {
				return j // i is inside the rune at j
			}
			return i
		}
	}
	return i
}

// walk1 is Find's walk for one-word automata: from the list l at pos, it
// follows the first live thread and returns where it reaches the match.
func (s *Scanner) walk1(l *list, pos int) int {
	a, input, live := s.a, s.input, s.live[:len(s.input)-s.from+1]
	for {
		// The first live entry: among those before the match, if any
		// is live, else the match.
		var e int32
		switch m := live[pos-s.from] & l.before; {
		case m == 0:
			if !l.match {
				panic("bitnfa: a live path has no live thread")
			}
			return pos
		case m&(m-1) == 0:
			e = int32(bits.TrailingZeros64(m))
		default:
			e = l.entries[s.firstIndex(l, pos)]
		}
		pos++
		if a.firstAt(input, pos) {
			l = &a.ctx[0].follow[e] // contextAt's common case, inline
		} else {
			l = &a.contextAt(input, pos).follow[e]
		}
	}
}

// any reports whether the set in words meets the liveness at pos.
func (s *Scanner) any(set []uint64, pos int) bool {
	live := s.live[(pos-s.from)*s.a.W:]
	for k, m := range set {
		if m&live[k] != 0 {
			return true
		}
	}
	return false
}
