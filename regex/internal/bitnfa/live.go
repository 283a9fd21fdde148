package bitnfa

import (
	"math/bits"
	"unicode/utf8"
)

// MaxLiveWords bounds the memory of a Scanner: the liveness of a text
// takes W words a byte, and Fits refuses texts that would need more
// (16 MiB: a 2 MiB text at one word a byte).
const MaxLiveWords = 2 << 20

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
}

// Reset computes the liveness of input from position from on, in one
// pass from its end. The caller has checked a.Fits(len(input)-from).
func (s *Scanner) Reset(a *Automaton, input []byte, from int) {
	s.a, s.input, s.from = a, input, from
	W := a.W
	n := len(input) - from
	if need := (n + 1) * W; cap(s.live) < need {
		s.live = make([]uint64, need)
	} else {
		s.live = s.live[:need]
	}
	live := s.live
	clear(live[n*W:])
	if W == 1 {
		s.reset1()
		return
	}
	for i := n - 1; i >= 0; i-- {
		c := a.contextAt(input, from+i+1)
		cur, next := live[i*W:(i+1)*W], live[(i+1)*W:(i+2)*W]
		copy(cur, c.toMatch)
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

// Release drops the Scanner's references to its text and automaton, so
// that a pool holding it keeps neither alive, and returns the capacity
// of its buffer in words.
func (s *Scanner) Release() int {
	s.a, s.input = nil, nil
	return cap(s.live)
}

// reset1 is Reset's pass for automata of at most 64 positions.
func (s *Scanner) reset1() {
	a, input, from, live := s.a, s.input, s.from, s.live
	n := len(input) - from
	next := uint64(0)
	for i := n - 1; i >= 0; i-- {
		c := a.contextAt(input, from+i+1)
		cur := c.toMatch[0]
		for x := next; x != 0; x &= x - 1 {
			cur |= c.pred[bits.TrailingZeros64(x)]
		}
		next = cur & a.accept[input[from+i]]
		live[i] = next
	}
}

// Find returns the leftmost-first match that starts at or after pos
// (pos at least the position Reset was given, and a rune boundary in
// the sense of Go's regexp), or -1, -1 when there is none.
func (s *Scanner) Find(pos int) (start, end int) {
	a, input := s.a, s.input
	for ; ; pos += runeWidth(input[pos:]) {
		if st := &a.contextAt(input, pos).start; st.match || s.any(st.set, pos) {
			break
		}
		if pos == len(input) {
			return -1, -1
		}
	}
	start = pos
	l := &a.contextAt(input, pos).start
	for {
		e := s.first(l, pos)
		if e == Match {
			return start, pos
		}
		pos++
		l = &a.contextAt(input, pos).follow[e]
	}
}

// first returns the first entry of l that is the match or a position
// live at pos: the thread the search follows.
func (s *Scanner) first(l *list, pos int) int32 {
	live := s.live[(pos-s.from)*s.a.W:]
	if s.a.W == 1 && !l.match {
		// Without the match to order against, one live position is
		// the answer.
		if m := live[0] & l.set[0]; m&(m-1) == 0 && m != 0 {
			return int32(bits.TrailingZeros64(m))
		}
	}
	for _, e := range l.entries {
		if e == Match || live[e/64]&(1<<(e%64)) != 0 {
			return e
		}
	}
	// A live thread always has a live successor or the match.
	panic("bitnfa: a live path has no live thread")
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

// runeWidth is the width of the rune at the start of b as Go's regexp
// decodes it (1 for a byte that starts no valid encoding); b is not
// empty.
func runeWidth(b []byte) int {
	if b[0] < utf8.RuneSelf {
		return 1
	}
	_, w := utf8.DecodeRune(b)
	return w
}
