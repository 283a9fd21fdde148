package classrun

import "regexp/syntax"

// Scanner runs Spec.Scan for s.Min: the generated scan (package jit), or
// GoScan. Its buffer holds TableWords words for the generated scan's
// tables, then the pairs. Either may classify fewer blocks than Scan
// would in one call (the generated code covers a bounded slice per
// call) but no others.
type Scanner interface {
	Scan(s *Spec, input []byte, st State, limit int, buf []uint64) (State, int)
}

// GoScan is the Scanner of Spec.Scan, the Go twin.
type GoScan struct{}

// Scan implements Scanner.
func (GoScan) Scan(s *Spec, input []byte, st State, limit int, buf []uint64) (State, int) {
	return s.Scan(input, st, limit, buf[TableWords:])
}

// runWords and matchWords divide a buffer of Each after the tables:
// room for 64 runs, then for 64 matches.
const (
	runWords   = 128
	matchWords = 128
)

// BufWords is the length of the buffer Each needs.
const BufWords = TableWords + runWords + matchWords

// Each calls f with the leftmost-first matches of the pattern in input
// at or after pos, in order, as successive searches of Go's regexp
// would find them (each from the end of the one before; no match is
// empty), in batches of start and end pairs, until f returns false;
// longest asks for leftmost-longest matches. The runs come from sc, in
// buf (BufWords long at least), which also holds the batches.
func (s *Spec) Each(input []byte, pos int, longest bool, sc Scanner, buf []uint64, f func(pairs []uint64) bool) {
	st := State{Pos: pos}
	runs := buf[TableWords : TableWords+runWords]
	out := buf[TableWords+runWords : TableWords+runWords+matchWords]
	for {
		var n int
		last := st.Pos+Block > len(input)
		if last {
			n = s.Finish(input, st, runs)
		} else {
			st, n = sc.Scan(s, input, st, len(input), buf[:TableWords+runWords])
		}
		c := newCursor()
		for {
			k := s.matches(input, runs[:2*n], &c, longest, out)
			if k == 0 {
				break
			}
			if !f(out[:k]) {
				return
			}
		}
		if last {
			return
		}
	}
}

// cursor is where matches stands in a batch of runs: the run it is in,
// and the start of the next match in it, or -1 before the run (p for
// matchesUnicode).
type cursor struct{ i, t, p int }

// newCursor returns a cursor before the first run of a batch.
func newCursor() cursor { return cursor{t: -1, p: -1} }

// matches writes into out, as start and end pairs, the matches inside
// the batch of maximal runs of the class (each at least Min long, the
// first perhaps cut at the search's start), from c on, while out has
// room, and returns the number of words written: 0 once the batch holds
// no more matches. It moves c on past them.
func (s *Spec) matches(input []byte, runs []uint64, c *cursor, longest bool, out []uint64) int {
	if s.runes != nil {
		return s.matchesUnicode(input, runs, c, longest, out)
	}
	k := 0
	for ; c.i < len(runs)/2; c.i, c.t = c.i+1, -1 {
		a, b := int(runs[2*c.i]), int(runs[2*c.i+1])
		if !s.WordStart && !s.WordEnd {
			t := c.t
			if t < 0 {
				t = a
			}
			for b-t >= s.Min {
				if k+2 > len(out) {
					c.t = t
					return k
				}
				u := t + s.length(b-t, longest)
				out[k], out[k+1] = uint64(t), uint64(u)
				k += 2
				t = u
			}
			continue
		}
		// A byte of the class is a word character when \b is present,
		// so inside the run there is no word boundary: a match with \b
		// before it starts at a, with \b after it ends at b, and a run
		// holds one match at most.
		if s.WordStart && a > 0 && isWord(input[a-1]) || s.WordEnd && b < len(input) && isWord(input[b]) {
			continue
		}
		t, u := a, 0
		switch {
		case !s.WordEnd:
			u = a + s.length(b-a, longest)
		case s.Max < 0:
			u = b
		case s.WordStart && b-a > s.Max:
			continue // the end is out of reach
		default:
			// The leftmost start from which the end is in reach.
			t, u = max(a, b-s.Max), b
		}
		if k+2 > len(out) {
			return k // c still points before the run
		}
		out[k], out[k+1] = uint64(t), uint64(u)
		k += 2
	}
	return k
}

// length returns the length of a match that starts with room bytes of
// the class (at least Min) ahead of it.
func (s *Spec) length(room int, longest bool) int {
	switch {
	case s.Lazy && !longest:
		return s.Min
	case s.Max >= 0:
		return min(room, s.Max)
	}
	return room
}

// isWord reports whether b is an ASCII word character, as \b reads it.
func isWord(b byte) bool { return wordBytes[b] }

// wordBytes holds the ASCII word characters.
var wordBytes = func() (w [256]bool) {
	for b := range w {
		w[b] = syntax.IsWordChar(rune(b)) && b < 0x80
	}
	return w
}()

// Find returns the leftmost-first (with longest, leftmost-longest) match
// at or after pos, or -1, -1.
func (s *Spec) Find(input []byte, pos int, longest bool, sc Scanner, buf []uint64) (start, end int) {
	start, end = -1, -1
	s.Each(input, pos, longest, sc, buf, func(pairs []uint64) bool {
		start, end = int(pairs[0]), int(pairs[1])
		return false
	})
	return start, end
}

// FindShort is Find for a text of fewer than Block bytes from pos: it
// needs no Scanner, and no buffer but a few words on the stack.
func (s *Spec) FindShort(input []byte, pos int, longest bool) (start, end int) {
	var runs [2 * BlockPairs]uint64
	var out [2]uint64
	n := s.Finish(input, State{Pos: pos}, runs[:])
	c := newCursor()
	if s.matches(input, runs[:2*n], &c, longest, out[:]) == 0 {
		return -1, -1
	}
	return int(out[0]), int(out[1])
}
