package bitnfa

import (
	"math/bits"
	"unicode/utf8"
)

// Span searches: many of Find's searches in one call, for one-word
// automata (Batches), by the generated loop (package jit, codegen/bitcode's
// GenerateSpans) or by its Go twin, Scanner.Spans. Both read the liveness,
// the bitmap of starts and the walk table, which Reset lays out in the
// Scanner's buffer, and write the matches to the buffer's span area.
//
// The walk table holds, from the first context (the only one at ASCII
// bytes, as skip1 explains), the follow lists as Find's walk reads them:
// for each position e its list's before set and whether it holds the
// match, and the same of the start list.
const (
	// WalkWords is the length of the walk table.
	WalkWords = 67
	// WalkStartBefore and WalkFlags are the words of the start list: its
	// before set, and flags (WalkGuard: non-ASCII bytes leave the loop,
	// as their context may differ; WalkStartMatch: the start list holds
	// the match). WalkBefore is where the before sets
	// of positions 0 to 63 begin, and WalkMatch the word whose bit e
	// says that the list of position e holds the match.
	WalkStartBefore = 0
	WalkFlags       = 1
	WalkBefore      = 2
	WalkMatch       = 66

	WalkGuard      = 1
	WalkStartMatch = 2
)

// SpanCap is the most matches one span search writes, and SpanWalkMax the
// longest walk it makes: beyond, it leaves the match to Find.
const (
	SpanCap     = 256
	SpanWalkMax = 64 << 10
)

// SpanStop says why a span search stopped.
type SpanStop uint64

// The reasons a span search stops.
const (
	// SpansDone: there is no match at or after Next.
	SpansDone SpanStop = iota
	// SpansFull: the span area is full, or held the number asked for.
	SpansFull
	// SpansFind: the search from Next needs Find (a start or a walk
	// at a byte above 0x7F, a follow list with two live positions, an
	// empty match, a walk longer than SpanWalkMax, or no start before
	// the limit).
	SpansFind
)

// SpanArgs locates a span search's data in the scratch block it runs on
// (the Scanner's buffer after the pass's tables): the liveness at word 0,
// then the bitmap, the walk table and the span area at the given byte
// offsets.
type SpanArgs struct {
	From, Pos, Limit                int
	StartsOff, WalkOff, SpansOff, N int
	// Guard says that the automaton has U+FFFD's guard (WalkGuard).
	Guard bool
}

// Spanner runs span searches as generated code (package jit): the same
// matches and stops as Scanner.spansGo, from the same data.
type Spanner interface {
	Spans(input []byte, scratch []uint64, args SpanArgs) (n, next int, stop SpanStop)
}

// Batches reports whether span searches serve the automaton: one word,
// no assertion but U+FFFD's guard (Skips), and no empty match at the
// start (whose rules allMatches keeps).
func (a *Automaton) Batches() bool { return a.Skips() && !a.ctx[0].start.match }

// Batches reports whether span searches serve the Scanner: its automaton
// allows them, and Reset (not ResetSpan) laid out its buffer.
func (s *Scanner) Batches() bool { return s.a.W == 1 && s.end < 0 && s.a.Batches() }

// buildWalk lays out the walk table of a one-word automaton.
func (a *Automaton) buildWalk() {
	c := &a.ctx[a.index[0]]
	a.walk[WalkStartBefore] = c.start.before
	if c.start.match {
		a.walk[WalkFlags] |= WalkStartMatch
	}
	if a.looks != 0 {
		a.walk[WalkFlags] |= WalkGuard
	}
	for e, l := range c.follow {
		a.walk[WalkBefore+e] = l.before
		if l.match {
			a.walk[WalkMatch] |= 1 << e
		}
	}
}

// Spans finds, from pos (as allMatches would search from it), up to n
// successive non-empty matches, at most SpanCap, each the one Find would
// report, and writes their starts and ends to the span area (Span). It
// looks for starts before limit only. It returns the number of matches,
// where the next search starts, and why it stopped. The generated loop
// runs it where sp is not nil.
func (s *Scanner) Spans(pos, limit, n int, sp Spanner) (int, int, SpanStop) {
	args := SpanArgs{
		From: s.from, Pos: pos, Limit: limit, N: min(n, SpanCap),
		StartsOff: 8 * len(s.live), WalkOff: 8 * (len(s.live) + len(s.starts)),
		Guard: s.a.walk[WalkFlags]&WalkGuard != 0,
	}
	args.SpansOff = args.WalkOff + 8*WalkWords
	scratch := s.buf[len(s.buf)-len(s.live)-len(s.starts)-WalkWords-2*SpanCap:]
	if sp != nil {
		return sp.Spans(s.input, scratch, args)
	}
	return s.spansGo(args)
}

// Span returns the i-th match of the last span search.
func (s *Scanner) Span(i int) (start, end int) {
	area := s.buf[len(s.buf)-2*SpanCap:]
	return int(area[2*i]), int(area[2*i+1])
}

// SpanPairs returns the first n matches of the last span search as start
// and end pairs.
func (s *Scanner) SpanPairs(n int) []uint64 { return s.buf[len(s.buf)-2*SpanCap:][:2*n] }

// spansGo is the Go twin of the generated span loop.
func (s *Scanner) spansGo(args SpanArgs) (int, int, SpanStop) {
	t := &s.a.walk
	input, live, starts, from := s.input, s.live, s.starts, s.from
	area := s.buf[len(s.buf)-2*SpanCap:]
	guard := t[WalkFlags]&WalkGuard != 0
	pos, n := args.Pos, 0
	for {
		if n >= args.N {
			return n, pos, SpansFull
		}
		// The next mark at or after pos, before the limit.
		k := pos - from
		w, mask := k/64, ^uint64(0)<<(k%64)
		i := -1
		for ; w < len(starts); w, mask = w+1, ^uint64(0) {
			if from+64*w >= args.Limit {
				return n, pos, SpansFind
			}
			if hit := starts[w] & mask; hit != 0 {
				i = from + 64*w + bits.TrailingZeros64(hit)
				break
			}
		}
		switch {
		case i < 0:
			return n, pos, SpansDone
		case i >= args.Limit || input[i] >= utf8.RuneSelf:
			return n, pos, SpansFind
		}
		// The walk from the start at i.
		before, match := t[WalkStartBefore], t[WalkFlags]&WalkStartMatch != 0
		p, bound := i, min(i+SpanWalkMax, len(input))
		for {
			m := live[p-from] & before
			if m == 0 {
				if !match {
					panic("bitnfa: a live path has no live thread")
				}
				break
			}
			if m&(m-1) != 0 {
				return n, pos, SpansFind
			}
			if p >= bound {
				if p >= len(input) {
					panic("bitnfa: a live path past the text")
				}
				return n, pos, SpansFind // a long walk
			}
			e := bits.TrailingZeros64(m)
			p++
			if guard && p < len(input) && input[p] >= utf8.RuneSelf {
				return n, pos, SpansFind
			}
			before, match = t[WalkBefore+e], t[WalkMatch]>>e&1 != 0
		}
		if p == i {
			return n, pos, SpansFind
		}
		area[2*n], area[2*n+1] = uint64(i), uint64(p)
		n++
		pos = p
	}
}
