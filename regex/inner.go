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
// Why the first occurrence whose start the forward DFA confirms gives the
// leftmost match: a match through an earlier occurrence would have had a
// start there; literal.Inner proves that no match through a later one
// starts before this start s; and none through this one does, s being
// the earliest. When the forward DFA finds no match from s, no match runs
// through this occurrence at all (from s the prefix reaches it, so the
// rest of the pattern fails after it, whatever the start), and a later
// match starts no earlier than s: the search goes on from the next
// occurrence with s as its floor.
//
// Two guards keep it linear: a reverse scan may not read below the
// previous occurrence (it stops there with threads alive only where
// occurrences crowd a prefix that spans them, and the ordinary search
// takes over), and failed forward confirmations may rescan only
// literalRescan bytes per byte the search advanced, as in literalSearch.
// The reverse DFA is exact only over valid UTF-8, so an invalid byte in
// what it read hands over too. And where occurrences are fewer than
// innerGap bytes apart on average, leaving the literal scan at each costs
// more than the DFA's loop reading every byte (three calls into
// generated code per occurrence): the ordinary search takes over for the
// rest of the call.
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
	for q := in.Lits.Find(input, pos); q >= 0; q = in.Lits.Find(input, q+1) {
		*tried++
		if n := *tried; n > innerTries && q-from < innerGap*n {
			// Occurrences too close together to pay for leaving the
			// scan at each: the ordinary search reads the rest, in
			// this search and the rest of the call.
			if sh != nil {
				sh.innerOff = true
			}
			return 0, 0, floor, false
		}
		bound := max(floor, guard)
		s, stop, cut, err := rev.SearchReverseBounded(rc, runner(plan.JIT, q-bound), input, len(input), bound, q)
		if err != nil || cut && bound > floor || !validFrom(input, stop, q) {
			return 0, 0, floor, false
		}
		guard = q
		if s < 0 {
			continue
		}
		e, scanned, err := fwd.try(sh, input, s)
		if err != nil {
			return 0, 0, s, false
		}
		if e >= 0 {
			return s, e, s, true
		}
		floor = s
		if wasted += scanned; wasted > literalRescan*(q-pos)+literalSlack {
			return 0, 0, floor, false
		}
	}
	return -1, -1, pos, true
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
