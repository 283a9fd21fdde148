package regex

import (
	"unicode/utf8"

	"github.com/rxjit/rxjit/regex/internal/meta"
)

// innerSearch finds the leftmost match at or after pos through the plan's
// inner literal (meta.Inner): for each occurrence in text order, the
// prefix's reverse DFA finds the earliest start of a match through it,
// and the forward DFA, anchored there, says whether the whole pattern
// matches from that start and where it ends. It returns the match as
// dfaSearch does, or ok false and the position from which the ordinary
// search must go on instead (no match starts before it).
//
// When the forward DFA finds no match from s, no match runs through this
// occurrence at all: from s the prefix reaches it, so the rest of the
// pattern fails after it, whatever the start. So at the first occurrence
// q whose start s the forward DFA confirms, every match at or after pos
// runs through q or a later occurrence. Where a proof holds
// (literal.Inner), none of them starts before s, and s's match is the
// leftmost; a failed confirmation also raises the floor below which no
// later match starts to s. Without one (literal.Widened), a match through
// a later occurrence may start before s, but its part before q is a
// prefix of a match of the prefix: the reverse DFA of those prefixes,
// run back from q (headsFloor), finds the earliest place such a match
// can start, and widen tries the later occurrences that could start a
// match before s. Where the search hands over to the ordinary search for
// the reasons below, handOver says where it goes on: that same place, or
// the floor with a proof.
//
// Guards keep it linear. With a proof a reverse scan may not read below
// the previous occurrence (it stops there with threads alive only where
// occurrences crowd a prefix that spans them, and the ordinary search
// takes over); without one it may, and what it reads again counts as
// waste. Failed forward confirmations are waste too, and the waste may
// come to only literalRescan bytes per byte the search advanced, as in
// literalSearch. The reverse DFAs are exact only over valid UTF-8, so an
// invalid byte in what they read hands over too. And where occurrences
// are fewer than innerGap bytes apart on average, leaving the literal
// scan at each costs more than the DFA's loop reading every byte (three
// calls into generated code per occurrence): the ordinary search takes
// over for the rest of the call.
func (re *Regexp) innerSearch(sh *callState, in *meta.Inner, input []byte, pos int, earliest bool) (start, end, next int, ok bool) {
	mc := sh.metaCache()
	defer sh.putMetaCache(mc)
	plan := re.eng().plan
	dc := mc.For(plan)
	rev, rc := dc.Inner(in)
	fwd := re.anchoredFwd(plan, dc, earliest)
	// Occurrences are counted over the whole call, whose searches
	// start at 0, or over this search outside a call.
	local := 0
	tried, from := &local, pos
	if sh != nil {
		tried, from = &sh.innerTried, 0
	}
	floor, guard, wasted := pos, pos, 0
	// handOver returns where the ordinary search takes over when the
	// occurrences before q have no match through them.
	handOver := func(q int) int {
		if in.Proven() {
			return floor
		}
		return re.headsFloor(dc, in, input, floor, q)
	}
	for q := in.Lits.Find(input, pos); q >= 0; q = in.Lits.Find(input, q+1) {
		*tried++
		if n := *tried; n > innerTries && q-from < innerGap*n {
			// Occurrences too close together to pay for leaving the
			// scan at each: the ordinary search reads the rest, in
			// this search and the rest of the call.
			if sh != nil {
				sh.innerOff = true
			}
			return 0, 0, handOver(q), false
		}
		bound := max(floor, guard)
		if !in.Proven() {
			// Without a proof floor stays put: the scan may read
			// behind the previous occurrence, its rereading
			// counted as waste.
			bound = floor
		}
		s, stop, cut, err := rev.SearchReverseBounded(rc, runner(plan.JIT, q-bound), input, len(input), bound, q)
		if err != nil || cut && bound > floor || !validFrom(input, stop, q) {
			return 0, 0, handOver(q), false
		}
		if stop < guard {
			wasted += guard - stop
		}
		guard = q
		if s >= 0 {
			e, scanned, err := fwd.try(sh, input, s)
			switch {
			case err != nil && in.Proven():
				return 0, 0, s, false
			case err != nil:
				return 0, 0, handOver(q), false
			case e >= 0 && (in.Proven() || earliest):
				return s, e, s, true
			case e >= 0:
				// Without a proof a match through a later
				// occurrence may start before s, but none starts
				// before where handOver says.
				budget := literalRescan*(q-pos) + literalSlack - wasted
				return re.widen(sh, dc, in, fwd, input, handOver(q), q, s, e, budget)
			}
			if in.Proven() {
				floor = s
			}
			wasted += scanned
		}
		if wasted > literalRescan*(q-pos)+literalSlack {
			return 0, 0, handOver(q), false
		}
	}
	return -1, -1, pos, true
}

// widen finds the leftmost match when no proof holds, from the first
// occurrence q whose match the forward DFA confirmed, from s to e, and a,
// below which no match starts (handOver at q). A match through a later
// occurrence q2 starts where the prefix's reverse DFA, run back from q2,
// finds its earliest start, if the forward DFA confirms it; every match
// through q2 or later starts where the Heads DFA, run back from q2, says
// or later. So the occurrences after q are tried in turn, each start
// confirmed replacing s if smaller, until the Heads DFA says that none
// after can start before s. Like innerSearch it hands over to the
// ordinary search, from a, where a reverse scan reads invalid UTF-8 or
// the DFAs give up, and where the bytes read exceed budget.
func (re *Regexp) widen(sh *callState, dc meta.DFACaches, in *meta.Inner, fwd anchoredFwd, input []byte, a, q, s, e, budget int) (start, end, next int, ok bool) {
	jit := re.eng().plan.JIT
	rev, rc := dc.Inner(in)
	heads, hc := dc.Heads(in)
	for q2 := in.Lits.Find(input, q+1); q2 >= 0 && s > a; q2 = in.Lits.Find(input, q2+1) {
		h, stop, cut, err := heads.SearchReverseBounded(hc, runner(jit, q2-a), input, len(input), a, q2)
		if err != nil || !validFrom(input, stop, q2) {
			return 0, 0, a, false
		}
		budget -= q2 - stop
		if !cut && h >= s {
			break // no match through q2 or later starts before s
		}
		p, stop, _, err := rev.SearchReverseBounded(rc, runner(jit, q2-a), input, len(input), a, q2)
		if err != nil || !validFrom(input, stop, q2) {
			return 0, 0, a, false
		}
		budget -= q2 - stop
		if p >= 0 && p < s {
			e2, scanned, err := fwd.try(sh, input, p)
			if err != nil {
				return 0, 0, a, false
			}
			budget -= scanned
			if e2 >= 0 {
				s, e = p, e2
			}
		}
		if budget < 0 {
			return 0, 0, a, false
		}
	}
	return s, e, s, true
}

// headsFloor returns where an ordinary search for the leftmost match at
// or after floor may start when no occurrence before q has a match
// through it: the smallest start of the inner literal's Heads, run in
// reverse from q (literal.Widened), or floor where that scan cannot say.
func (re *Regexp) headsFloor(dc meta.DFACaches, in *meta.Inner, input []byte, floor, q int) int {
	rev, rc := dc.Heads(in)
	a, stop, cut, err := rev.SearchReverseBounded(rc, runner(re.eng().plan.JIT, q-floor), input, len(input), floor, q)
	if err != nil || cut || a < floor || !validFrom(input, stop, q) {
		return floor
	}
	return a
}

// validFrom reports whether input[stop:q] is valid UTF-8 from the rune
// that holds the byte at stop, the text a reverse scan read.
func validFrom(input []byte, stop, q int) bool {
	for i := 0; i < utf8.UTFMax-1 && stop > 0 && stop < q && !utf8.RuneStart(input[stop]); i++ {
		stop--
	}
	return utf8.Valid(input[stop:q])
}

// The give-up rule of innerSearch: after innerTries occurrences, the
// search hands over when they average fewer than innerGap bytes apart.
// An occurrence costs about 130 ns (BenchmarkInner/unconfirmed: "Mr
// Holmes. " repeated, every confirmation failing, 82 MB/s), the time the
// DFA's generated loop takes to read some 130 bytes.
const (
	innerTries = 16
	innerGap   = 128
)
