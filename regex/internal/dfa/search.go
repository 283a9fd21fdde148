package dfa

import "errors"

// Scan is the resumable state of one executor loop: the contract shared by
// the Go loop and the generated one.
//
// Forward, the loop reads hay[Pos] while Pos < Bound; in reverse it reads
// hay[Pos-1] while Pos > Bound. Each step moves from State to the table's
// transition on the byte's class. An ID below Limit is taken at once. An
// ID whose only tags are TagMatch and TagAccel (offset below Limit) is
// taken too: with TagMatch after setting Match to the position before the
// byte (Pos), and with Earliest the loop then stops; with TagAccel the
// loop may then skip every following byte that keeps the state (see
// accel.go). Any other ID stops the loop before the byte, with the ID in
// Next. A loop that reaches Bound stops there.
type Scan struct {
	Pos, Bound int
	State      uint32 // a row offset, without tags
	Next       uint32 // the special ID that stopped the loop
	Match      int    // the last match position recorded, or -1
	Earliest   bool
	// Unanchored says the search is unanchored, so that a ChainRunner
	// may guess the state far ahead (see forward).
	Unanchored bool
}

// A ChainRunner also runs two-chain rounds of the forward loop, as
// codegen/dfaloop's GenerateChains describes them: where the text ahead
// is long, Chains walks the table along two independent chains, the
// second from a guess of the state ChainSpan bytes on, and adopts the
// guess where the first chain meets it in the same state. A round leaves
// s as the forward loop would have at the position it stops at (before a
// special ID: ChainStopped; past the first half, after the byte beside the
// one the second chain could not take, at lost: ChainLost; or wherever it
// finished: ChainDone), so answers do not depend on rounds. Only the
// generated code has them: a Go loop overlaps nothing.
type ChainRunner interface {
	Chains(c *Cache, hay []byte, s *Scan, span int, guess uint32) (outcome, lost int)
}

// The outcomes of a round (codegen/dfaloop's ChainDone, ChainStopped and
// ChainLost).
const (
	ChainDone = iota
	ChainStopped
	ChainLost
)

// ChainSpan is the length of each half of a round, and ChainEvery the
// distance between its checkpoints. A round's second half is read once
// where the chains meet at a checkpoint, which on text they do within a
// few bytes of a state that forgets (the start state after a space). A
// round costs a call into generated code and a start state: halves of 1
// KiB were the fastest of 512 B to 4 KiB on 12-dictionary (60 KB) and
// level with 2 and 4 KiB over 1 MiB (BenchmarkLoop).
const (
	ChainSpan  = 1024
	ChainEvery = 32
)

// A Runner runs the executor loops; GoLoop is the portable one.
type Runner interface {
	Forward(c *Cache, hay []byte, s *Scan)
	Reverse(c *Cache, hay []byte, s *Scan)
	Spans(c *Cache, hay []byte, s *SpanScan)
}

// GoLoop is the executor loop written in Go.
type GoLoop struct{}

// Forward runs the loop forward.
func (GoLoop) Forward(c *Cache, hay []byte, s *Scan) {
	mem := c.mem
	limit := c.Limit()
	classes := (*[256]byte)(c.Table()[:256])
	trans := mem[HeaderWords:]
	state, pos, bound := s.State, s.Pos, s.Bound
	if rec := mem[HeaderWords+state]; rec&(PairRecord|TagUnknown) == PairRecord && pos < bound {
		// A state with a pair record skips first, as the call before
		// would have gone on: where a search's calls end must not
		// change where skips stop (see Cache.skip).
		pos = c.skip(hay, pos, bound, rec)
	}
	for pos < bound {
		// The class's column first, then the state's row in it: the
		// load's address adds the state, so the chain of dependent
		// loads has no add in it (as in codegen/dfaloop).
		next := trans[classes[hay[pos]]:][state]
		if next < limit {
			state = next
			pos++
			continue
		}
		if next&^(TagMatch|TagAccel) >= limit {
			s.Next = next
			break
		}
		state = next &^ (TagMatch | TagAccel)
		if next&TagMatch != 0 {
			if s.Earliest {
				s.Match = pos
				pos++
				break
			}
			if next&TagAccel == 0 {
				// A run of this same transition (a match state that
				// loops on itself, as .* ending a pattern): each
				// byte moves the match one on, and nothing else.
				for pos+1 < bound && trans[classes[hay[pos+1]]:][state] == next {
					pos++
				}
			}
			s.Match = pos
		}
		pos++
		if next&TagAccel != 0 {
			pos = c.skip(hay, pos, bound, mem[HeaderWords+state])
		}
	}
	s.State, s.Pos = state, pos
}

// Reverse runs the loop backwards.
func (GoLoop) Reverse(c *Cache, hay []byte, s *Scan) {
	mem := c.mem
	limit := c.Limit()
	classes := (*[256]byte)(c.Table()[:256])
	trans := mem[HeaderWords:]
	state, pos, bound := s.State, s.Pos, s.Bound
	for pos > bound {
		next := trans[classes[hay[pos-1]]:][state] // as in Forward
		if next >= limit {
			// Reverse DFAs are never accelerated.
			if next&TagMatch == 0 || next&^TagMatch >= limit {
				s.Next = next
				break
			}
			next &^= TagMatch
			s.Match = pos
			if s.Earliest {
				state, pos = next, pos-1
				break
			}
		}
		state = next
		pos--
	}
	s.State, s.Pos = state, pos
}

// Search runs a forward DFA (Forward or ForwardLongest) over hay from pos,
// a rune boundary, and returns where the match it looks for ends, or -1.
// Unanchored, the match may start anywhere at or after pos; anchored, it
// starts at pos. With earliest it stops at the first match state and
// reports where that match ends, which only says that some match exists.
// The error is ErrQuit (invalid UTF-8: see Sanitize) or ErrGaveUp
// (thrashing); the caller must then use another engine.
func (d *DFA) Search(c *Cache, run Runner, hay []byte, pos int, anchored, earliest bool) (int, error) {
	return d.SearchText(c, run, hay, len(hay), pos, anchored, earliest)
}

// ErrMore is returned by SearchText when the search needs more of the
// text than hay holds.
var ErrMore = errors.New("dfa: search needs more text")

// SearchText is Search over a text of textLen bytes of which hay holds
// the first len(hay): the end of hay is not the end of the text. It
// returns ErrMore if the answer depends on bytes beyond hay; the caller
// then searches again with more of the text. The prefilter is not used
// unless hay holds the whole text.
func (d *DFA) SearchText(c *Cache, run Runner, hay []byte, textLen, pos int, anchored, earliest bool) (int, error) {
	if c.gaveUp {
		return -1, ErrGaveUp
	}
	state := d.start(c, anchored || d.nfa.AnchoredBegin, d.startFacts(hay, textLen, pos))
	if d.nfa.AnchoredBegin && pos > 0 {
		return -1, nil
	}
	if c.sample == nil && len(hay)-pos >= sampleMin {
		c.sampleText(hay[pos:])
	}
	// The scan lives in the cache: a local would escape through run.
	s := &c.scan
	*s = Scan{Pos: pos, Bound: len(hay), State: state & idMask, Match: -1, Earliest: earliest, Unanchored: !anchored && !d.nfa.AnchoredBegin}
	return d.forward(c, run, hay, textLen)
}

// Resume finishes the walk a span search handed over (SpanLong): an
// anchored search of hay, the whole text, that is in state at pos and has
// passed a match that ends at match (or -1). It returns where the match
// ends, or -1, as SearchText would have.
func (d *DFA) Resume(c *Cache, run Runner, hay []byte, state uint32, pos, match int) (int, error) {
	if c.gaveUp {
		return -1, ErrGaveUp
	}
	s := &c.scan
	*s = Scan{Pos: pos, Bound: len(hay), State: state & idMask, Match: match}
	return d.forward(c, run, hay, len(hay))
}

// StartState returns the unanchored start state of a search of hay, the
// whole text, from pos, tags included: what a round guesses ChainSpan
// bytes ahead.
func (d *DFA) StartState(c *Cache, hay []byte, pos int) uint32 {
	return d.start(c, false, d.startFacts(hay, len(hay), pos))
}

// chainRound runs a round of cr from c.scan's position, guessing the
// unanchored start state ChainSpan bytes on, and reports whether it
// finished (the search goes on with another). Where it did not (the
// guess is a state the loop cannot take, as a start state the prefilter
// serves; a chain met a special ID), it moves *floor ChainSpan bytes on,
// and past the second chain's special; where the guess is accelerated,
// to the end of hay.
func (d *DFA) chainRound(c *Cache, cr ChainRunner, hay []byte, textLen int, floor *int) bool {
	s := &c.scan
	guess := d.start(c, false, d.startFacts(hay, textLen, s.Pos+ChainSpan))
	if guess&TagAccel != 0 {
		// The start state skips: the loop reads faster alone than
		// rounds could, and cutting its reading into ChainSpan pieces
		// only costs calls. No more rounds in this search.
		*floor = len(hay)
		return false
	}
	if guess >= c.Limit() {
		*floor = s.Pos + ChainSpan
		return false
	}
	from := s.Pos
	outcome, lost := cr.Chains(c, hay, s, ChainSpan, guess)
	c.scanned += s.Pos - from
	if outcome == ChainDone {
		return true
	}
	*floor = s.Pos + ChainSpan
	if outcome == ChainLost {
		*floor = max(*floor, lost+1)
	}
	return false
}

// forward runs the forward search c.scan holds to its end.
func (d *DFA) forward(c *Cache, run Runner, hay []byte, textLen int) (int, error) {
	s := &c.scan
	earliest := s.Earliest
	cr, _ := run.(ChainRunner)
	if !s.Unanchored || d.kind != Forward {
		cr = nil
	}
	// No round starts before floor: a search must first read ChainSpan
	// bytes without stopping, and a round that ends at a special waits as
	// long again, so that searches that stop often (a match every few
	// dozen bytes, as in FindAll's) take no rounds they would waste.
	floor := s.Pos + ChainSpan
	for {
		bound := len(hay)
		if cr != nil && len(hay)-s.Pos >= 2*ChainSpan {
			if s.Pos >= floor {
				if d.chainRound(c, cr, hay, textLen, &floor) {
					continue
				}
			}
			// The forward loop takes the special a round stopped at,
			// or reads up to where rounds may start again.
			bound = max(floor, s.Pos+1)
		}
		s.Bound = bound
		from := s.Pos
		run.Forward(c, hay, s)
		c.scanned += s.Pos - from
		if len(c.pending) > 0 && c.scanned >= accelAfter {
			c.acceleratePending()
		}
		if earliest && s.Match >= 0 {
			return s.Match, nil
		}
		if s.Pos == bound && bound < len(hay) {
			continue
		}
		at := s.Pos
		cls := d.eoi
		if at < len(hay) {
			cls = int(d.classes[hay[at]])
		} else if at < textLen {
			return -1, ErrMore
		}
		next, err := d.next(c, s, at == len(hay), cls)
		if err != nil {
			return -1, err
		}
		if next&TagMatch != 0 {
			s.Match = at
			if earliest {
				return at, nil
			}
		}
		switch {
		case next&TagQuit != 0:
			return -1, ErrQuit
		case next&TagDead != 0, at == len(hay):
			return s.Match, nil
		case next&TagStart != 0 && len(hay) == textLen:
			// Only the start loop is alive (so no match is pending):
			// skip to the next place a match can start.
			p := d.prefilter.Find(hay, at+1)
			if p < 0 {
				return s.Match, nil
			}
			if p > at+1 {
				s.State, s.Pos = d.start(c, false, d.startFacts(hay, textLen, p))&idMask, p
				continue
			}
		}
		s.State, s.Pos = next&idMask, at+1
	}
}

// SearchReverse runs a Reverse DFA over hay[lo:hi] from hi down to lo,
// anchored at hi, and returns the smallest position p ≥ lo such that the
// forward pattern matches hay[p:hi], or -1. The text in hay[lo:hi] must be
// valid UTF-8 (see the package comment); lo and hi must be rune
// boundaries.
func (d *DFA) SearchReverse(c *Cache, run Runner, hay []byte, lo, hi int) (int, error) {
	return d.SearchReverseText(c, run, hay, len(hay), lo, hi)
}

// SearchReverseText is SearchReverse over a text of textLen bytes of
// which hay holds the first len(hay); hay must hold the byte at hi unless
// hi is textLen.
func (d *DFA) SearchReverseText(c *Cache, run Runner, hay []byte, textLen, lo, hi int) (int, error) {
	start, _, _, err := d.SearchReverseBounded(c, run, hay, textLen, lo, hi)
	return start, err
}

// SearchReverseBounded is SearchReverseText for a lower bound that may be
// a guard rather than the search start: it also returns the lowest
// position whose byte the search read (hi when it read none), and cut,
// which reports that it stopped at lo with threads still alive, so that a
// match could start before lo.
//
// It may run over text no forward search has read: its answer is exact
// when hay[stop:hi] is valid UTF-8 and stop is a rune boundary, which the
// caller checks (see the package comment).
func (d *DFA) SearchReverseBounded(c *Cache, run Runner, hay []byte, textLen, lo, hi int) (start, stop int, cut bool, err error) {
	if c.gaveUp {
		return -1, hi, false, ErrGaveUp
	}
	state := d.start(c, true, d.startFacts(hay, textLen, hi))
	s := &c.scan
	*s = Scan{Pos: hi, Bound: lo, State: state & idMask, Match: -1}
	for {
		from := s.Pos
		run.Reverse(c, hay, s)
		c.scanned += from - s.Pos
		at := s.Pos
		// At lo, the byte before it (if any) resolves the assertions
		// about what lies ahead; the search goes no further.
		cls := d.eoi
		if at > 0 {
			cls = int(d.classes[hay[at-1]])
		}
		next, err := d.next(c, s, at == lo, cls)
		if err != nil {
			return -1, at, false, err
		}
		if next&TagMatch != 0 {
			s.Match = at
		}
		switch {
		case next&TagQuit != 0:
			return -1, at, false, ErrQuit
		case next&TagDead != 0:
			return s.Match, max(at-1, 0), false, nil
		case at == lo:
			return s.Match, max(at-1, 0), at > 0, nil
		}
		s.State, s.Pos = next&idMask, at-1
	}
}

// next returns the transition that stopped the loop in s, or, when the
// loop reached its bound, the transition on cls (the end of input, or the
// byte beyond the bound), computing it if it is not in the table yet.
func (d *DFA) next(c *Cache, s *Scan, atBound bool, cls int) (uint32, error) {
	next := s.Next
	if atBound {
		next = c.transition(s.State, cls)
	}
	if next == TagUnknown {
		return d.compute(c, s.State, cls)
	}
	return next, nil
}
