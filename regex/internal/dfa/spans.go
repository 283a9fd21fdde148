package dfa

import (
	"math"
	"unsafe"
)

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
// leftmost-first match from its start. At the end of the text the walk
// takes the end-of-input transition, as the ordinary search does. Empty
// matches, states not built yet, invalid UTF-8 (the quit state) and walks
// that reach the end of a slice short of the text's end are left to the
// caller, and the span search stops in front of their candidate.
//
// Failed tries read bytes again. A span search pays where it saves an
// ordinary search per match, which costs 100-200 ns of set-up (and a
// reverse scan where no first candidate is tried: profiles of rebar's
// 03-date and letters-ru), and failed tries read a byte in a nanosecond
// or two: so the bytes they read are paid from a credit of SpanCredit
// bytes per match found, which starts at, and never grows past,
// SpanSlack. The search stops (SpanBudget) at the candidate whose failed
// try overdraws it. The bytes failed tries read are then at most
// SpanCredit times the matches plus SpanSlack (linear in the text), and
// where failed tries read whole words for few matches (rebar's
// 10-bounded-repeat/letters-en, `[A-Za-z]{8,13}`: about 260 bytes a
// match), the ordinary searches, which read each byte once, take over.
// A failed try that reads a few bytes (03-date: half the tries fail, two
// bytes each) costs less than the set-up of one search.
//
// A match's walk may read far past the match (`.*[^A-Z]|[A-Z]` over
// "AAAA…" reads to the end of the text for a match of one byte), which
// makes a call that wants every match quadratic. The caller's quadratic
// guard allows so much of it: the room it passes (SpanScan.Room) is
// reduced by what each walk reads past its match, and the search stops
// (SpanBudget) after the match that leaves less than minus twice that
// match's end, where the guard moves the call onto a linear engine.
// (Those bytes also count against the credit, which bounds the reading
// where the caller has no such engine.)

// SpanStop says why a span search stopped.
type SpanStop uint8

const (
	// SpanNeed: the candidate at Pos needs the caller (a state not built
	// yet, an empty match, invalid UTF-8, or a walk that reaches Bound
	// short of the text's end).
	SpanNeed SpanStop = iota
	// SpanFull: the buffer holds SpanCap matches; go on from Pos.
	SpanFull
	// SpanEnd: no candidate is left below Bound; Pos is Bound.
	SpanEnd
	// SpanBudget: the failed try at the candidate at Pos overdrew the
	// credit for failed tries; or a match's walk did, with what it read
	// past the match, or used up the room (SpanScan.Room), and Pos is the
	// match's end.
	SpanBudget
	// SpanLong: the walk from the candidate at Pos is handed over: it
	// has read SpanWalk bytes (from a candidate more than SpanRest bytes
	// before the end of the slice), or taken an accelerated state, and goes
	// on in State at At, having passed a match that ends at Match (or
	// -1). The forward loop, unrolled and accelerated, finishes it
	// faster (DFA.Resume).
	SpanLong
)

// SpanScan is the state of a span search: the contract shared by
// GoLoop.Spans and the generated loop. The loop looks for candidates from
// Pos to Bound (Pos must be a rune boundary), starts the DFA at each in
// the state the cache's start table holds for the byte behind it, and
// walks until the dead state, reading no byte at or past Bound; at the
// end of hay (the whole text) it takes the end-of-input transition. It writes
// the matches it finds to the cache's span buffer (Cache.Span) and their
// number to N, and the number of candidates it found no match at to
// Fails.
type SpanScan struct {
	Pos, Bound int
	// Credit is the credit for failed tries' bytes: in, at most
	// SpanSlack; out, what is left.
	Credit int
	// Room is the quadratic guard's room for bytes that walks read past
	// their matches: in, what the caller allows (SpanNoGuard for no
	// limit); out, what is left. The search stops after a match whose
	// end e leaves Room+2e below zero.
	Room     int
	N, Fails int
	Stop     SpanStop
	// State, At and Match hold a walk handed over (SpanLong).
	State     uint32
	At, Match int
}

// The credit for failed tries' bytes (see Spans).
const (
	SpanCredit = 64
	SpanSlack  = 512
)

// SpanNoGuard is a room for span searches (SpanScan.Room) that no text
// uses up.
const SpanNoGuard = math.MaxInt >> 2

// SpanWalk is the most bytes a walk reads before it is handed over to the
// forward loop (SpanLong): span searches are for short matches, and the
// walk reads a byte at a time. A walk from a candidate at most SpanRest
// bytes before the end of the slice is never handed over: the forward
// loop would finish so short a walk no faster, and a handover costs
// another call (rebar's 06-cloud-flare-redos, one match of 107 bytes).
const (
	SpanWalk = 64
	SpanRest = 256
)

// SetCandidates gives a forward leftmost-first DFA the bytes every match
// starts with, which makes span searches possible (CanSpan). It must be
// called before the DFA is used. Candidates are never UTF-8 continuation
// bytes (0x80-0xBF), whose positions inside a rune are no rune
// boundaries: where the set holds one (a match may start with the
// U+FFFD of an invalid byte), span searches run only over valid UTF-8
// (SpanNeedsValid), where no match starts with one.
func (d *DFA) SetCandidates(set *[256]bool) {
	if d.kind != Forward {
		return
	}
	c := *set
	for b := 0x80; b <= 0xBF; b++ {
		d.spanValid = d.spanValid || c[b]
		c[b] = false
	}
	d.candidates = &c
}

// SetSkipFailed tells a DFA that takes span searches that a try at a
// candidate c whose walk dies without a match at d rules out every
// candidate in (c, d): the search goes on at d (or at c+1 where d is c)
// and the try costs no credit, since no byte is read twice. The caller
// must know it of the pattern (meta's runOfOne: runs of one class).
func (d *DFA) SetSkipFailed() { d.skipFailed = true }

// SkipsFailed reports whether SetSkipFailed was called.
func (d *DFA) SkipsFailed() bool { return d.skipFailed }

// SkipsFailed reports whether the cache's DFA skips what failed tries
// read (DFA.SetSkipFailed).
func (c *Cache) SkipsFailed() bool { return c.dfa.skipFailed }

// CanSpan reports whether span searches can run on d.
func (d *DFA) CanSpan() bool { return d.candidates != nil }

// SpanNeedsValid reports whether span searches can run only over valid
// UTF-8 (see SetCandidates): the caller checks the text a span search
// may try candidates in, from a rune boundary to a bound that does not
// cut a rune.
func (d *DFA) SpanNeedsValid() bool { return d.spanValid }

// Spans runs a span search over hay from pos, which must be a rune
// boundary, trying candidates below bound, with credit (at most
// SpanSlack) for failed tries' bytes and room (SpanScan.Room) for bytes
// read past matches. The matches are in c's span buffer until the next
// search with c.
func (d *DFA) Spans(c *Cache, run Runner, hay []byte, pos, bound, credit, room int) SpanScan {
	// The scan lives in the cache: a local would escape through run.
	s := &c.spanScan
	*s = SpanScan{Pos: pos, Bound: bound, Credit: min(credit, SpanSlack), Room: min(room, SpanNoGuard)}
	if c.gaveUp || d.candidates == nil {
		return *s // SpanNeed at pos
	}
	run.Spans(c, hay, s)
	c.scanned += s.Pos - pos
	if len(c.pending) > 0 && c.scanned >= accelAfter {
		c.acceleratePending()
	}
	return *s
}

// EOI returns the column of the end-of-input transition in a row.
func (c *Cache) EOI() int { return c.dfa.eoi }

// Span returns the i-th match of the last span search.
func (c *Cache) Span(i int) (start, end int) {
	sp := c.spanBuf()
	return int(sp[2*i]), int(sp[2*i+1])
}

// Spans returns the first n matches of the span buffer as start and end
// pairs (Span(i) is the pair at 2*i), valid until the cache is used again.
func (c *Cache) Spans(n int) []uint64 { return c.spanBuf()[:2*n] }

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
	pos, bound, n, fails, credit, room := s.Pos, min(s.Bound, len(hay)), 0, 0, s.Credit, s.Room
	skip := c.dfa.skipFailed
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
		w := walkAnchored(trans, classes, limit, hay, pos, bound, state, c.dfa.eoi)
		if w.kind == walkLong {
			s.Stop, s.State, s.At, s.Match = SpanLong, w.state, w.at, w.end
			break
		}
		if w.kind == walkOver && w.end < 0 {
			// A failed try, which read up to the byte at w.at.
			fails++
			if skip {
				pos = max(w.at, pos+1)
				continue
			}
			if credit -= w.at + 1 - pos; credit < 0 {
				s.Stop = SpanBudget
				break
			}
			pos++
			continue
		}
		if w.kind == walkNeed || w.end == pos {
			break
		}
		out[2*n], out[2*n+1] = uint64(pos), uint64(w.end)
		n++
		// What the walk read past the match is paid from the credit
		// too: a walk near the end of the slice is never handed over
		// (SpanRest), and `.*[^A-Z]|[A-Z]` over "AAAA…" reads to the
		// end of the text for a match of one byte: the ordinary
		// searches' quadratic guard must see such reading.
		credit = min(credit+SpanCredit, SpanSlack) - (w.at - w.end)
		room -= w.at - w.end
		pos = w.end
		if credit < 0 || int64(room)+2*int64(pos) < 0 {
			s.Stop = SpanBudget
			break
		}
	}
	s.Pos, s.N, s.Fails, s.Credit, s.Room = pos, n, fails, credit, room
}

// A walk is how a walk of a span search ended.
type walk struct {
	kind  uint8
	end   int    // the end of the last match passed, or -1
	at    int    // walkOver: the byte that led to the dead state (len(hay) for the end of input); walkLong: the next byte
	state uint32 // walkLong: the state at at
}

const (
	walkOver = iota // the dead state, or the end of the text
	walkNeed        // a special state, or a bound short of the text's end
	walkLong        // SpanWalk bytes read, or an accelerated state taken
)

// walkAnchored runs the forward DFA from state at pos to its dead state,
// or at the end of hay through the end-of-input column eoi. It hands the
// walk over (walkLong) when it takes an accelerated state or has read
// SpanWalk bytes short of bound, unless it started at most SpanRest bytes
// before bound.
func walkAnchored(trans []uint32, classes *[256]byte, limit uint32, hay []byte, pos, bound int, state uint32, eoi int) walk {
	match, end := -1, bound
	if bound-pos > SpanRest {
		end = pos + SpanWalk
	}
	for ; pos < end; pos++ {
		next := trans[classes[hay[pos]]:][state]
		if next < limit {
			state = next
			continue
		}
		if next&TagMatch != 0 {
			match = pos
		}
		id := next &^ (TagMatch | TagAccel)
		if id < limit {
			state = id
			if next&TagAccel != 0 {
				return walk{kind: walkLong, end: match, at: pos + 1, state: state}
			}
			if next&TagMatch != 0 {
				// A run of this same transition only moves the match
				// on (as .* ending a pattern): a loop of its own, as
				// in the forward loop.
				for pos+1 < end && trans[classes[hay[pos+1]]:][state] == next {
					pos++
				}
				match = pos
			}
			continue
		}
		if id == TagDead {
			return walk{kind: walkOver, end: match, at: pos}
		}
		return walk{kind: walkNeed}
	}
	switch {
	case pos < bound:
		return walk{kind: walkLong, end: match, at: pos, state: state}
	case pos < len(hay):
		return walk{kind: walkNeed}
	}
	next := trans[eoi:][state]
	if next&TagMatch != 0 {
		match = pos
	}
	if next &^= TagMatch | TagAccel; next < limit || next == TagDead {
		return walk{kind: walkOver, end: match, at: pos}
	}
	return walk{kind: walkNeed}
}
