package dfa

import "unsafe"

// Span searches find many matches in one call of the executor loop. Where
// matches are short and close together (rebar's 03-date: a match every
// three bytes), a search per match costs far more in set-up and in Go
// around the loop than the loop itself: a span search runs the anchored
// DFA at each candidate in turn, records each match it finds and goes on
// from its end, and comes back to Go only when its buffer is full or a
// candidate needs more than the table holds.
//
// Each match is exactly the one a search from the previous match's end
// would report, leftmost-first: a match starts at a candidate (a byte of
// the candidate set: every match starts with one of them), the candidates
// before it were tried and none starts a match (the anchored DFA died
// there without passing a match state), and the anchored DFA finds the
// leftmost-first match from its start. Empty matches, states not built
// yet, invalid UTF-8 (the quit state) and matches that reach the end of
// the slice are left to the ordinary search, which the span search stops
// in front of.
//
// Failed tries read bytes again, so they are bounded as the literal
// searches of package regex bound theirs: the bytes failed tries read may
// not exceed SpanRescan times the distance from the search's start to the
// candidate, plus SpanSlack; the search stops (SpanBudget) at the
// candidate whose try would pass that bound. A failed try costs the loop
// only the bytes it reads (a few where a byte set of many bytes admits
// words that soon fail, as in rebar's 03-date, where half the tries
// fail), so a span search does not count how many fail.

// SpanStop says why a span search stopped.
type SpanStop uint8

const (
	// SpanNeed: the candidate at Pos needs the ordinary search (a state
	// not built yet, an empty match, invalid UTF-8, a match that reaches
	// Bound, or a failed try beyond the bounds on them).
	SpanNeed SpanStop = iota
	// SpanFull: the buffer holds SpanCap matches; go on from Pos.
	SpanFull
	// SpanEnd: no candidate is left below Bound; Pos is Bound.
	SpanEnd
	// SpanBudget: the failed try at the candidate at Pos read more than
	// the bound on failed tries allows.
	SpanBudget
)

// SpanScan is the state of a span search: the contract shared by
// GoLoop.Spans and the generated loop. The loop looks for candidates from
// Pos to Bound (Pos must be a rune boundary), starts the DFA at each in
// the state the cache's start table holds for the byte behind it, and
// walks until the dead state, reading no byte at or past Bound. It writes
// the matches it finds to the cache's span buffer (Cache.Span) and their
// number to N, and the number of candidates it found no match at to
// Fails.
type SpanScan struct {
	Pos, Bound int
	N, Fails   int
	Stop       SpanStop
}

// The bound on failed tries (see Spans).
const (
	SpanRescan = 4
	SpanSlack  = 4096
)

// SetCandidates gives a forward leftmost-first DFA the bytes every match
// starts with, which makes span searches possible (CanSpan). The set must
// hold no UTF-8 continuation byte (0x80-0xBF), so that every candidate is
// a rune boundary. It must be called before the DFA is used.
func (d *DFA) SetCandidates(set *[256]bool) {
	if d.kind != Forward {
		return
	}
	for b := 0x80; b <= 0xBF; b++ {
		if set[b] {
			return
		}
	}
	c := *set
	d.candidates = &c
}

// CanSpan reports whether span searches can run on d.
func (d *DFA) CanSpan() bool { return d.candidates != nil }

// Spans runs a span search over hay from pos, which must be a rune
// boundary, trying candidates below bound. The matches are in c's span
// buffer until the next search with c.
func (d *DFA) Spans(c *Cache, run Runner, hay []byte, pos, bound int) SpanScan {
	s := SpanScan{Pos: pos, Bound: bound}
	if c.gaveUp || d.candidates == nil {
		return s // SpanNeed at pos
	}
	run.Spans(c, hay, &s)
	c.scanned += s.Pos - pos
	return s
}

// Span returns the i-th match of the last span search.
func (c *Cache) Span(i int) (start, end int) {
	sp := c.spanBuf()
	return int(sp[2*i]), int(sp[2*i+1])
}

// spanBuf returns the span buffer of c's header.
func (c *Cache) spanBuf() *[2 * SpanCap]uint64 {
	return (*[2 * SpanCap]uint64)(unsafe.Pointer(&c.mem[SpansOffset/4]))
}

// noteAnchoredStart enters id, the anchored start state for the facts
// behind a position, in the start table of span searches: at every byte
// whose facts those are, and at the text's start if they are its facts.
func (c *Cache) noteAnchoredStart(facts uint8, id uint32) {
	d := c.dfa
	starts := c.mem[StartsOffset/4 : StartsOffset/4+257]
	for b := range 256 {
		if d.behindFacts(byte(b)) == facts {
			starts[b] = id
		}
	}
	if factEdge&d.factMask == facts {
		starts[256] = id
	}
}

// Spans runs a span search in Go: the twin of the generated loop.
func (GoLoop) Spans(c *Cache, hay []byte, s *SpanScan) {
	mem := c.mem
	limit := c.Limit()
	table := c.Table()
	classes := (*[256]byte)(table[:256])
	set := (*[256]byte)(table[SetOffset : SetOffset+256])
	starts := (*[257]uint32)(mem[StartsOffset/4 : StartsOffset/4+257])
	out := c.spanBuf()
	trans := mem[HeaderWords:]
	pos, bound, n, fails := s.Pos, min(s.Bound, len(hay)), 0, 0
	wasted := SpanRescan * pos // less SpanRescan times the candidate's position: the budget used
	s.Stop = SpanNeed
	for {
		for pos < bound && set[hay[pos]] == 0 {
			pos++
		}
		if pos >= bound {
			pos, s.Stop = bound, SpanEnd
			break
		}
		if n == SpanCap {
			s.Stop = SpanFull
			break
		}
		state := starts[256]
		if pos > 0 {
			state = starts[hay[pos-1]]
		}
		if state == 0 || state >= limit {
			break
		}
		end, dead := walkAnchored(trans, classes, limit, hay, pos, bound, state)
		if end < 0 && dead >= 0 {
			// A failed try, which read up to the byte at dead.
			fails++
			if wasted += dead + 1 - pos; wasted-SpanRescan*pos > SpanSlack {
				s.Stop = SpanBudget
				break
			}
			pos++
			continue
		}
		if end <= pos {
			break
		}
		out[2*n], out[2*n+1] = uint64(pos), uint64(end)
		n++
		pos = end
	}
	s.Pos, s.N, s.Fails = pos, n, fails
}

// walkAnchored runs the forward DFA from state at pos to its dead state.
// It returns where the last match it passed ends, or -1 if it passed none,
// and the position of the byte that led to the dead state; or -1, -1 if
// it stopped short of the dead state (at bound, or at a special state
// other than dead).
func walkAnchored(trans []uint32, classes *[256]byte, limit uint32, hay []byte, pos, bound int, state uint32) (end, dead int) {
	match := -1
	for ; pos < bound; pos++ {
		next := trans[classes[hay[pos]]:][state]
		if next < limit {
			state = next
			continue
		}
		if next&TagMatch != 0 {
			match = pos
		}
		next &^= TagMatch | TagAccel
		if next < limit {
			state = next
			continue
		}
		if next == TagDead {
			return match, pos
		}
		break
	}
	return -1, -1
}
