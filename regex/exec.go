package regex

import (
	"bytes"
	"math/bits"
	"sync"
	"sync/atomic"
	"unsafe"

	"github.com/rxjit/rxjit/regex/internal/backtrack"
	"github.com/rxjit/rxjit/regex/internal/bitnfa"
	"github.com/rxjit/rxjit/regex/internal/dfa"
	"github.com/rxjit/rxjit/regex/internal/jit"
	"github.com/rxjit/rxjit/regex/internal/meta"
	"github.com/rxjit/rxjit/regex/internal/onepass"
	"github.com/rxjit/rxjit/regex/internal/pikevm"
	"github.com/rxjit/rxjit/regex/internal/prefilter"
)

// vmCaches holds PikeVM scratch memory by size class: pool k holds caches
// for NFAs of fewer than 1<<k states. The pools are global, as in regexp,
// so that a Regexp holds no mutable state of its own: two Regexps compiled
// from the same pattern stay reflect.DeepEqual whatever they have matched.
var vmCaches [64]sync.Pool

// backtrackCaches holds backtracker scratch memory; any cache serves any
// backtracker.
var backtrackCaches sync.Pool

// getBacktrackCache returns a cache from backtrackCaches, or a new one.
func getBacktrackCache() *backtrack.Cache {
	if c, _ := backtrackCaches.Get().(*backtrack.Cache); c != nil {
		return c
	}
	return backtrack.NewCache()
}

// putBacktrackCache gives c back to backtrackCaches.
func putBacktrackCache(c *backtrack.Cache) { backtrackCaches.Put(c) }

// metaCaches holds the DFA caches of recently used plans (meta.Cache).
var metaCaches sync.Pool

// getMetaCache takes a cache from metaCaches, or makes one; the caller
// puts it back.
func getMetaCache() *meta.Cache {
	if mc, _ := metaCaches.Get().(*meta.Cache); mc != nil {
		return mc
	}
	return new(meta.Cache)
}

// search looks for the leftmost match in input at or after pos and fills
// slots (whose length says how many capture slots are wanted, possibly
// none). It reports whether there is a match. The engine is chosen per
// search, in this order:
//
//   - inputs shorter than any match fail at once;
//   - a pattern that is one literal is a substring search, when no
//     groups are asked for;
//   - a pattern whose matches are runs of one class is a scan for the
//     runs (package classrun), when no groups are asked for;
//   - otherwise the prefilter moves pos to the first candidate, and
//   - where no prefix literal serves, an inner literal may (innerSearch):
//     its occurrences, the prefix's reverse DFA and the anchored forward
//     DFA find the match bounds;
//   - the lazy DFA finds the match: where it ends (forward), where it
//     starts (reverse) and, leftmost-longest, where the longest match
//     from there ends. Match stops at the first match state. With groups,
//     the group engines below then start at the match;
//   - groups in a one-pass pattern, leftmost-first, are found by the
//     one-pass engine, from the start the DFA found or, when every match
//     starts at the beginning of the text, at once without the DFA;
//   - a short span, leftmost-first, goes to the bounded backtracker when
//     groups are asked for or no prefilter can skip ahead: it beats the
//     PikeVM there by 1.4-5.8x (BenchmarkCaptures in
//     regex/internal/backtrack);
//   - everything else, and every search the DFA gives up on (invalid
//     UTF-8 it cannot decide, a thrashing cache), runs on the PikeVM.
//
// RXJIT_ENGINE (meta.Forced) overrides the choice, for tests.
func (re *Regexp) search(input []byte, pos int, slots []int) bool {
	return re.searchIn(nil, input, pos, slots)
}

// searchIn is search with the state that earlier searches of the same
// call left, if sh is not nil (see callState).
func (re *Regexp) searchIn(sh *callState, input []byte, pos int, slots []int) bool {
	if sh == nil || sh.cold {
		// The pattern's first searches (see coldFor); a call that
		// started on the rune program moves onto the engines with its
		// pattern.
		if c := re.prog.coldFor(len(input)-pos, re.longest); c != nil {
			return re.prog.coldSearch(c, input, pos, slots)
		}
		if sh != nil {
			sh.cold = false
		}
	}
	if sh != nil && sh.lin != nil && len(slots) <= 2 {
		return linearSearch(sh.lin, pos, slots)
	}
	if len(input)-pos < re.minLen {
		return false
	}
	p := re.eng().plan
	if len(input)-pos < p.MinLen || p.MinLen < 0 {
		return false
	}
	if pos > 0 && p.AnchoredBegin() {
		// Every match starts at the start of the text: the later
		// searches of a call (FindAll, ReplaceAll on a program's
		// lines, rebar's 07 and 11) end here.
		return false
	}
	forced := meta.Forced
	onePassGaveUp := false // at pos, on invalid UTF-8 it cannot decide
	if len(slots) > 2 && forced == meta.Auto && !re.longest && p.AnchoredBegin() {
		// Groups of a pattern anchored at the start, as a program
		// parses a line a call (rebar's 07): where it is one-pass,
		// that engine answers at once. The filters below could only
		// tell sooner that a line does not match, which the engine
		// tells within a few bytes.
		if op := p.OnePass(); op != nil {
			if matched, ok := p.OnePassSearch(op, input, pos, slots, false); ok {
				if matched {
					injectMatchFault(slots)
				}
				return matched
			}
			onePassGaveUp = true
		}
	}
	if len(slots) > 2 && len(input)-pos <= shortGroupSpan && forced == meta.Auto && !re.longest {
		// Groups in a short text: the backtracker at once, which
		// finds the start itself; filters and the DFA would cost more
		// than they could save. (The one-pass engine, which answers
		// above where a pattern is anchored at the start, needs
		// elsewhere the start that the DFA, which short texts skip,
		// would find.)
		if ok := p.BacktrackSearch(getBacktrackCache, putBacktrackCache, input, pos, len(input), slots, false); ok {
			injectMatchFault(slots)
			return true
		}
		return false
	}
	if p.Exact != nil && len(slots) <= 2 && forced == meta.Auto {
		start, end := p.Exact.FindMatch(input, pos, re.longest)
		return start >= 0 && setSpan(slots, start, end)
	}
	if p.Literal != nil && len(slots) <= 2 && forced == meta.Auto {
		i := bytes.Index(input[pos:], p.Literal)
		if i < 0 {
			return false
		}
		if len(slots) == 2 {
			slots[0], slots[1] = pos+i, pos+i+len(p.Literal)
			injectMatchFault(slots)
		}
		return true
	}
	if len(slots) <= 2 && useRuns(p) {
		start, end := re.runsFind(p, input, pos)
		return start >= 0 && setSpan(slots, start, end)
	}
	if p.Prefilter != nil {
		// Rule out inputs without a candidate before any set-up.
		if pos = p.Prefilter.Find(input, pos); pos < 0 {
			return false
		}
	}
	if p.Required >= 0 && forced == meta.Auto && bytes.IndexByte(input[pos:], byte(p.Required)) < 0 {
		return false
	}
	var inner *meta.Inner // the inner literal strategy, if any
	switch {
	case sh != nil:
		inner = sh.inner // firstCandidate looked it up for the call
	case forced == meta.Auto:
		var contains *prefilter.Literals
		if inner, contains = p.Inside(len(input) - pos); contains != nil && contains.Find(input, pos) < 0 {
			// One literal scan, which stops at the first occurrence,
			// before any engine (a call's input was checked by
			// firstCandidate).
			return false
		}
	}
	anchored := false     // a match, if any, starts at pos
	spanEnd := len(input) // and ends at or before spanEnd
	op := re.onePass(len(slots))
	var lin *bitnfa.Scanner // the liveness, when it answers
	if sh != nil {
		lin = sh.lin
	}
	if lin == nil && forced == meta.BitNFA && !re.longest {
		if a := p.BitNFA(); a != nil && a.Fits(len(input)-pos) {
			lin = getScanner(p, a, input, pos)
			if sh != nil {
				sh.lin = lin
			} else if len(slots) <= 2 {
				ok := linearSearch(lin, pos, slots)
				putScanner(lin)
				return ok
			}
		}
	}
	if lin != nil {
		if len(slots) <= 2 {
			return linearSearch(lin, pos, slots)
		}
		if a := p.BitNFA(); op == nil && a.Captures() && forced == meta.Auto {
			// Groups on the liveness: the walk to the match
			// writes them on its way.
			ok := lin.Submatch(pos, slots)
			if ok {
				injectMatchFault(slots)
			}
			return ok
		}
		// It finds the match, the group engines below only its
		// groups.
		start, end := lin.Find(pos)
		if sh == nil {
			putScanner(lin)
		}
		if start < 0 {
			return false
		}
		pos, anchored, spanEnd = start, true, end
	} else if re.useDFA(len(input)-pos, len(slots), op) {
		start, end, ok := 0, 0, false
		fwd := 0 // sh.fwd before the search, for callState.watch
		if sh != nil {
			fwd = sh.fwd
		}
		if inner != nil && (sh == nil || !sh.used && !sh.innerOff) && forced == meta.Auto {
			start, end, pos, ok = re.innerSearch(sh, inner, input, pos, len(slots) == 0)
		} else if len(slots) > 2 && sh != nil && pos == sh.lastEnd && !sh.used && forced == meta.Auto && sh.tryFirstCandidate() {
			// The call's last match ended here, and matches that
			// follow one another often start where the last ended
			// (a lexer's tokens, rebar's 05-lexer-veryl): one
			// attempt here, which saves the reverse pass when it
			// wins. A failed attempt reads no further than the
			// unanchored search then does: that search keeps every
			// thread that starts here while one lives.
			start, end, pos, ok = re.literalSearch(sh, nil, input, pos, false, true)
			sh.firstCandidateTried(ok)
		} else if p.Prefilter != nil && (sh == nil || !sh.used) && forced == meta.Auto {
			switch pf := p.Prefilter.(type) {
			case *prefilter.Literals, *prefilter.FoldLiteral, *prefilter.FoldSet:
				start, end, pos, ok = re.literalSearch(sh, pf, input, pos, len(slots) == 0, false)
			case *prefilter.ByteSet:
				if len(slots) > 0 && sh.tryFirstCandidate() {
					// One attempt at the first candidate: where a
					// match starts there, as it often does, no
					// reverse pass is needed to find its start.
					start, end, pos, ok = re.literalSearch(sh, pf, input, pos, false, true)
					sh.firstCandidateTried(ok)
				}
			}
		}
		from := start // where the scan that found the match began
		if !ok {
			from = pos
			start, end, ok = re.dfaSearch(sh, input, pos, len(slots) == 0)
		}
		if ok && end >= 0 && sh != nil {
			re.watch(sh, input, from, end, sh.fwd-fwd)
		}
		if ok {
			switch {
			case end < 0:
				return false
			case len(slots) == 0:
				return true
			case len(slots) == 2:
				slots[0], slots[1] = start, end
				injectMatchFault(slots)
				return true
			}
			pos, anchored = start, true
			if !re.longest {
				spanEnd = end
			}
		}
	}
	if op != nil && !onePassGaveUp && (anchored || p.AnchoredBegin()) {
		if matched, ok := p.OnePassSearch(op, input, pos, slots, forced == meta.OnePass); ok {
			if matched {
				injectMatchFault(slots)
			}
			return matched
		}
		// Invalid UTF-8 the one-pass engine cannot decide: the engines
		// below answer.
	}
	var useBacktrack bool
	switch forced {
	case meta.PikeVM:
	case meta.Backtrack:
		useBacktrack = !re.longest && spanEnd-pos <= p.Backtrack().MaxInput()
	case meta.BitNFA:
		// The span path below, wherever the liveness found the match.
	default:
		useBacktrack = !re.longest && (len(slots) > 2 || p.Prefilter == nil) &&
			spanEnd-pos <= backtrackSpan(p)
	}
	var ok bool
	if !useBacktrack && anchored && !re.longest && (forced == meta.Auto || forced == meta.BitNFA) {
		// A match whose span is known and too long for the
		// backtracker: the liveness of that span alone, and the walk
		// to its end, find the groups in one pass each way.
		if a := p.BitNFA(); a != nil && a.Captures() && a.Fits(spanEnd-pos) {
			s := pooledScanner()
			s.ResetSpan(a, input, pos, spanEnd)
			ok = s.Submatch(pos, slots)
			putScanner(s)
			if ok {
				injectMatchFault(slots)
			}
			return ok
		}
	}
	if useBacktrack {
		// Within the DFA's match, the backtracker explores only it.
		ok = p.BacktrackSearch(getBacktrackCache, putBacktrackCache, input, pos, spanEnd, slots, forced == meta.Backtrack)
	} else {
		c, class := re.getVMCache()
		if anchored {
			ok = p.VM.SearchAnchored(c, input, pos, slots, re.longest)
		} else {
			ok = p.VM.Search(c, input, pos, slots, re.longest)
		}
		vmCaches[class].Put(c)
	}
	if ok {
		injectMatchFault(slots)
	}
	return ok
}

// getVMCache returns a PikeVM cache that fits re's NFA from the pool of
// its size class, which is where it goes back.
func (re *Regexp) getVMCache() (c *pikevm.Cache, class int) {
	class = bits.Len(uint(len(re.eng().nfa.States)))
	c, _ = vmCaches[class].Get().(*pikevm.Cache)
	if c == nil {
		c = pikevm.NewCache(1 << class)
	}
	return c, class
}

// onePass returns the one-pass engine for a search that asks for nslots
// capture slots, or nil when it does not serve it: it finds groups
// (more than the whole match's two slots), leftmost-first, in one-pass
// patterns.
func (re *Regexp) onePass(nslots int) *onepass.DFA {
	if nslots <= 2 || re.longest {
		return nil
	}
	switch meta.Forced {
	case meta.Auto, meta.OnePass:
		return re.eng().plan.OnePass()
	}
	return nil
}

// backtrackMaxSpan bounds the spans the planner gives the backtracker,
// below what its visited set allows: its explicit stack holds a few
// frames per byte of the path it is on, so a long span grows it by
// megabytes, and the collections that follow cost more than the PikeVM
// (BenchmarkPathological/AltDouble: 37 MB/s at 10 KB, 2.2 MB/s at 100 KB
// in the backtracker, 18 MB/s at 1 MB in the PikeVM).
const backtrackMaxSpan = 32 << 10

// backtrackSpan is the longest span the planner gives p's backtracker.
func backtrackSpan(p *meta.Plan) int { return min(p.Backtrack().MaxInput(), backtrackMaxSpan) }

// shortGroupSpan is the longest text a search for groups gives the
// backtracker directly, before any filter (Go's BenchmarkFindSubmatch,
// 11 bytes).
const shortGroupSpan = 32

// groupDirectSpan is the longest span a search for groups gives the
// group engines without the DFA first, where a match may start anywhere:
// the DFA passes cost about 1 ns a byte each, the backtracker looking
// for a start 3-6 ns (BenchmarkFindSubmatch/1K: 6.5 us without the DFA).
const groupDirectSpan = 256

// useDFA reports whether a search over span bytes that asks for nslots
// capture slots starts with the DFA. Without groups it always does: even
// on 16-byte inputs a warm DFA beats the other engines (BenchmarkMatch,
// 16-byte rows: 2.3 ns against regexp's 2.5). op is the one-pass
// engine that will answer the search for groups, or nil.
func (re *Regexp) useDFA(span, nslots int, op *onepass.DFA) bool {
	p := re.eng().plan
	if p.Fwd == nil {
		return false
	}
	switch meta.Forced {
	case meta.DFA, meta.DFAGo:
		return true
	case meta.PikeVM, meta.Backtrack:
		return false
	}
	if op != nil {
		if p.AnchoredBegin() {
			// The one-pass engine reads no further than the DFA would.
			return false
		}
		if meta.Forced == meta.OnePass {
			return true // to find the start the one-pass engine needs
		}
	}
	if nslots <= 2 {
		return true
	}
	// Groups: the DFA narrows the span for the group engines where they
	// would otherwise scan far: beyond the backtracker's reach, and,
	// where a match may start anywhere, beyond groupDirectSpan bytes.
	limit := backtrackSpan(p)
	if !p.AnchoredBegin() {
		limit = min(limit, groupDirectSpan)
	}
	return span > limit
}

// dfaSearch runs the DFAs from pos and returns the leftmost match's
// bounds, end -1 if there is none; with earliest only end is set, to the
// end of some match. ok is false if the DFA gave up and another engine
// must answer.
func (re *Regexp) dfaSearch(sh *callState, input []byte, pos int, earliest bool) (start, end int, ok bool) {
	mc := sh.metaCache()
	p := re.eng().plan
	dc := mc.For(p)
	run := runner(p.JIT, len(input)-pos)
	before := dc.Fwd().Scanned()
	var err error
	if sh == nil || !sh.used {
		start, end, err = re.dfaBounds(dc, run, input, len(input), pos, earliest)
	}
	if err == dfa.ErrQuit || sh != nil && sh.used {
		var local shadow
		sw := &local
		if sh != nil {
			sw = &sh.shadow
		} else {
			local.buf = mc.Shadow[:0]
		}
		start, end, err = re.dfaSanitized(sw, dc, run, input, pos, earliest)
		if sh == nil && cap(sw.buf) <= maxShadow {
			mc.Shadow = sw.buf[:0]
		}
	}
	if sh != nil {
		sh.fwd += dc.Fwd().Scanned() - before
	}
	sh.putMetaCache(mc)
	return start, end, err == nil
}

// literalSearch finds the leftmost match at or after pos, pos a
// candidate of pf, a prefilter that every match starts at: it tries the
// candidates in order with the anchored forward DFA, which says whether a
// match starts there and where it ends, so no reverse pass is needed. It
// returns the match as dfaSearch does, or ok false and the candidate to
// go on from when the DFA gave up (invalid UTF-8, thrashing) or when
// failed attempts have rescanned more than literalRescan bytes per byte
// the search moved on (a guard against quadratic time: overlapping
// attempts such as `ab[^x]*y` on "ababab..." would each scan to the end).
//
// With once, it makes a single attempt, at pos, and gives up (ok false)
// if no match starts there: for prefilters whose candidates are too
// frequent to try one after another (a set of first bytes).
func (re *Regexp) literalSearch(sh *callState, pf pikevm.Prefilter, input []byte, pos int, earliest, once bool) (start, end, next int, ok bool) {
	mc := sh.metaCache()
	defer sh.putMetaCache(mc)
	plan := re.eng().plan
	fwd := re.anchoredFwd(plan, mc.For(plan), earliest)
	from, wasted := pos, 0
	for p := pos; ; {
		end, scanned, err := fwd.try(sh, input, p)
		if err != nil {
			return 0, 0, p, false
		}
		if end >= 0 {
			return p, end, p, true
		}
		if wasted += scanned; once || wasted > literalRescan*(p-from)+literalSlack {
			return 0, 0, p, false
		}
		if p = pf.Find(input, p+1); p < 0 {
			return -1, -1, pos, true
		}
	}
}

// anchoredFwd is the forward DFA that tries a candidate, anchored at it:
// leftmost-first, or for Longest leftmost-longest unless the search only
// asks whether there is a match.
type anchoredFwd struct {
	d        *dfa.DFA
	c        *dfa.Cache
	jit      bool
	earliest bool
}

// anchoredFwd returns the forward DFA that tries candidates for a search
// of plan with caches dc.
func (re *Regexp) anchoredFwd(plan *meta.Plan, dc meta.DFACaches, earliest bool) anchoredFwd {
	f := anchoredFwd{d: plan.Fwd, c: dc.Fwd(), jit: plan.JIT, earliest: earliest}
	if re.longest && !earliest {
		f.d, f.c = plan.Longest, dc.Longest()
	}
	return f
}

// try tries the candidate p of a search in the call sh (nil outside
// one): it returns where the match that starts there ends, or -1, and
// how many bytes the attempt read. An attempt that finds the match adds
// them to sh.fwd for callState.watch (the callers' rescan guards bound the
// others).
func (f anchoredFwd) try(sh *callState, input []byte, p int) (end, scanned int, err error) {
	before := f.c.Scanned()
	end, err = f.d.SearchText(f.c, runner(f.jit, len(input)-p), input, len(input), p, true, f.earliest)
	scanned = f.c.Scanned() - before
	if err == nil && end >= 0 && sh != nil {
		sh.fwd += scanned
	}
	return end, scanned, err
}

// The rescan guard of literalSearch: failed attempts may scan
// literalRescan bytes per byte the search advanced, plus literalSlack.
const (
	literalRescan = 4
	literalSlack  = 4096
)

// dfaBounds runs the DFAs over hay, the first len(hay) bytes of a text of
// textLen bytes, from pos: forward for the end, then reverse for the
// start and, leftmost-longest, forward again for the longest end.
func (re *Regexp) dfaBounds(dc meta.DFACaches, run dfa.Runner, hay []byte, textLen, pos int, earliest bool) (start, end int, err error) {
	p := re.eng().plan
	end, err = p.Fwd.SearchText(dc.Fwd(), run, hay, textLen, pos, false, earliest)
	if err != nil || end < 0 || earliest {
		return start, end, err
	}
	rev, rc := dc.Rev()
	if start, err = rev.SearchReverseText(rc, run, hay, textLen, pos, end); err == nil && re.longest {
		end, err = p.Longest.SearchText(dc.Longest(), run, hay, textLen, start, true, false)
	}
	return start, end, err
}

// callState is what the searches of one call (FindAll, ReplaceAll)
// share: the sanitized copy of the input, so that each byte is copied
// once per call, and the watch against quadratic iteration (see watch).
type callState struct {
	shadow
	// cold says that the call's searches run on the rune program while
	// the pattern's first searches do (coldFor); firstCandidate then did
	// not look at the plan, so inner is nil and spans false.
	cold bool
	// fwd counts the bytes the forward DFA scanned in the call's
	// searches, and over those it scanned past the ends of the matches
	// they found. (A call's searches start at 0.)
	fwd, over int
	// all says that the call wants every match (FindAll with n < 0,
	// ReplaceAll), matches counts those the DFAs found, and settled that
	// watch has found the call cannot move onto the liveness.
	all, settled bool
	matches      int
	// lin, once set, answers the rest of the call's searches.
	lin *bitnfa.Scanner
	// innerOff says that the inner literal's occurrences came too close
	// together to pay (innerSearch): the call's searches run without it.
	// innerTried counts the occurrences the call's searches tried.
	innerOff   bool
	innerTried int
	// inner is the plan's inner literal strategy for the call
	// (meta.Plan.Inside), as firstCandidate found it.
	inner *meta.Inner
	// tries and wins count the searches that tried the anchored DFA at
	// a byte set's first candidate or at lastEnd, and those that found
	// their match there.
	tries, wins int
	// lastEnd is where the call's last match ended, -1 before one.
	lastEnd int
	// spans says that span searches serve the call (Regexp.spannable),
	// spansOff that one overdrew its credit for failed tries, so that
	// the call's searches run without them; spanDebt is what the credit
	// lacks of dfa.SpanSlack.
	spans, spansOff bool
	spanDebt        int
	// valid is the end of the valid UTF-8 validEnd found last.
	valid int
	// mc holds the DFA caches for all the call's searches, taken from
	// metaCaches by the first that needs it: a pool round trip per
	// search was a tenth of a search where matches are a few bytes
	// apart (rebar's 03-date).
	mc *meta.Cache
}

// tryFirstCandidate reports whether a search should try the anchored
// DFA at the first candidate of a byte set. A failed try costs a scan of
// the bytes the DFA read before it died, which the unanchored search
// then reads again, while a win saves the reverse pass, which costs more
// than a try. Where candidates are frequent and seldom start a match
// (rebar's 10-bounded-repeat/letters-ru, `\p{L}{8,13}`: every letter is
// a candidate, most words are short; 16% of tries win) the call stops
// trying once fewer than a quarter of its tries have won, after
// firstTries of them. (At half, 03-date, 47% of tries winning, ran 26%
// slower.)
func (sh *callState) tryFirstCandidate() bool {
	return sh == nil || sh.tries < firstTries || 4*sh.wins >= sh.tries
}

// firstCandidateTried records a try and whether it found the match.
func (sh *callState) firstCandidateTried(won bool) {
	if sh != nil {
		sh.tries++
		if won {
			sh.wins++
		}
	}
}

// firstTries is how many tries at first candidates a call makes before
// it judges whether they pay.
const firstTries = 16

// metaCache returns the DFA caches a search uses: the call's, if sh is
// not nil, else a cache from metaCaches that the search gives back with
// putMetaCache.
func (sh *callState) metaCache() *meta.Cache {
	if sh == nil {
		return getMetaCache()
	}
	if sh.mc == nil {
		sh.mc = getMetaCache()
	}
	return sh.mc
}

// putMetaCache gives back a cache that metaCache took for a search
// outside any call.
func (sh *callState) putMetaCache(mc *meta.Cache) {
	if sh == nil {
		metaCaches.Put(mc)
	}
}

// watch runs after a search of a call found a match at or after from
// that ends at end, scanning scanned bytes, and moves the rest of the
// call onto bitnfa's liveness, which costs one pass back over the rest of
// the input and makes every later search as cheap as its match, in two
// cases:
//
//   - when the searches have scanned more than twice as far past their
//     matches as the call has advanced (quadraticSlack bytes allowed):
//     the iteration is going quadratic, each search reading far ahead
//     only to report a match near its start, as `.*[^A-Z]|[A-Z]` does on
//     "AAAA…";
//   - when the call wants every match, they come at least every
//     denseGap bytes (after denseAfter of them), no span searches
//     serve the call (which cost no set-up a match), the automaton takes
//     the generated one-word pass and its searches skip to starts on a
//     bitmap (bitnfa.Automaton.Skips): each search costs the DFAs two
//     passes and a set-up, the liveness one pass each way in all
//     (rebar's 10-bounded-repeat/letters-en, 1,833 matches in 148 KB:
//     237 MB/s on the DFAs, about 340 ns a match, and 566 on the
//     liveness; the README's tables).
func (re *Regexp) watch(sh *callState, input []byte, from, end, scanned int) {
	if sh.settled || sh.lin != nil {
		return
	}
	sh.matches++
	sh.over += max(0, scanned-(end-from))
	quadratic := sh.over > 2*end+quadraticSlack
	dense := sh.all && sh.matches >= denseAfter && end < denseGap*sh.matches && (!sh.spans || sh.spansOff)
	if !quadratic && !dense {
		return
	}
	if meta.Forced != meta.Auto || re.longest {
		return
	}
	p := re.eng().plan
	a := p.BitNFA()
	if a == nil || !a.Fits(len(input)-end) {
		sh.settled = true
		return
	}
	if !quadratic && (!a.Skips() || !p.JIT) {
		// The Go pass, or a scan for starts position by position:
		// the DFAs are as fast.
		sh.all = false
		return
	}
	sh.lin = getScanner(p, a, input, end)
	livenessCalls.Add(1)
}

// quadraticRoom returns the room the quadratic guard of watch leaves span
// searches for bytes their walks read past their matches
// (dfa.SpanScan.Room): what would make sh.over exceed twice the end of
// the last match plus quadraticSlack, or dfa.SpanNoGuard where watch
// can no longer move the call onto the liveness.
func (re *Regexp) quadraticRoom(sh *callState) int {
	if sh.settled || sh.lin != nil || meta.Forced != meta.Auto || re.longest {
		return dfa.SpanNoGuard
	}
	return quadraticSlack - sh.over
}

// livenessCalls counts the calls watch has moved onto the liveness, for
// tests: from outside a call, that is the only sign that it went linear.
var livenessCalls atomic.Int64

// The thresholds of watch.
const (
	quadraticSlack = 64
	denseAfter     = 16
	denseGap       = 512
)

// release returns what the call's searches borrowed.
func (sh *callState) release() {
	if sh.lin != nil {
		putScanner(sh.lin)
		sh.lin = nil
	}
	if sh.mc != nil {
		metaCaches.Put(sh.mc)
		sh.mc = nil
	}
}

// scanners holds bitnfa.Scanners, whose liveness buffers are worth
// keeping between calls.
var scanners sync.Pool

// getScanner returns a Scanner, from the pool if it has one, set to the
// liveness of input from pos on under a, the automaton of p, computed by
// the generated pass where it is ready.
func getScanner(p *meta.Plan, a *bitnfa.Automaton, input []byte, pos int) *bitnfa.Scanner {
	s := pooledScanner()
	s.Reset(a, input, pos, p.BitNFAFiller(len(input)-pos, meta.Forced == meta.BitNFA))
	return s
}

// pooledScanner returns a Scanner from the pool, or a new one.
func pooledScanner() *bitnfa.Scanner {
	if s, _ := scanners.Get().(*bitnfa.Scanner); s != nil {
		return s
	}
	return new(bitnfa.Scanner)
}

// putScanner returns s to the pool, unless its buffer is too large to
// keep (maxPooledLive words).
func putScanner(s *bitnfa.Scanner) {
	if s.Release() <= maxPooledLive {
		scanners.Put(s)
	}
}

// maxPooledLive is the largest liveness buffer, in words, the pool keeps
// (8 MiB: a 1 MiB text at one word a byte).
const maxPooledLive = 1 << 20

// linearSearch is searchIn on bitnfa's liveness.
func linearSearch(s *bitnfa.Scanner, pos int, slots []int) bool {
	start, end := s.Find(pos)
	return start >= 0 && setSpan(slots, start, end)
}

// setSpan reports a match from start to end in slots, which holds two
// slots or none, and returns true.
func setSpan(slots []int, start, end int) bool {
	if len(slots) == 2 {
		slots[0], slots[1] = start, end
		injectMatchFault(slots)
	}
	return true
}

// shadow is a sanitized copy of input[base:lim] (dfa.Sanitize): where
// input is not valid UTF-8, the DFA searches the copy, which regexp
// reads the same way; used says that an earlier search already needed
// it.
type shadow struct {
	buf       []byte
	base, lim int
	used      bool
}

// dfaSanitized searches input, which is not valid UTF-8, through the
// shadow. The copy starts at most one byte before pos (the DFA reads that
// byte for \b and ^) and grows by doubling until the DFAs stop asking for
// more text, so a search pays for copying about twice the bytes it scans.
func (re *Regexp) dfaSanitized(sh *shadow, dc meta.DFACaches, run dfa.Runner, input []byte, pos int, earliest bool) (start, end int, err error) {
	switch {
	case !sh.used || pos-1 < sh.base || pos > sh.lim:
		sh.base = max(pos-1, 0)
		sh.lim = sh.base
		sh.buf = sh.buf[:0]
		sh.used = true
	case pos-1 > sh.base+4096:
		// Searches only move forward: drop what lies behind.
		n := copy(sh.buf, sh.buf[pos-1-sh.base:])
		sh.buf, sh.base = sh.buf[:n], pos-1
	}
	for ahead := 256; ; ahead = max(2*ahead, 2*(sh.lim-pos)) {
		if want := min(len(input), pos+ahead); want > sh.lim {
			if want < len(input) {
				want = runeCut(input, sh.lim, want)
			}
			sh.buf = dfa.AppendSanitized(sh.buf, input[sh.lim:want])
			sh.lim = want
		}
		if sh.lim == pos && sh.lim < len(input) {
			continue // nothing to search yet
		}
		start, end, err = re.dfaBounds(dc, run, sh.buf, len(input)-sh.base, pos-sh.base, earliest)
		if err != dfa.ErrMore {
			break
		}
	}
	if end >= 0 {
		start, end = start+sh.base, end+sh.base
	}
	return start, end, err
}

// maxShadow is the largest sanitized copy a pooled cache keeps.
const maxShadow = 1 << 20

// runeCut moves lim back, not below base, so that no encoding starts
// before lim and ends after it: the bytes before lim then decode as they
// do in all of input.
func runeCut(input []byte, base, lim int) int {
	for k := lim - 1; k >= max(lim-3, base); k-- {
		c := input[k]
		if c < 0x80 {
			break
		}
		if c >= 0xC0 {
			n := 2
			if c >= 0xF0 {
				n = 4
			} else if c >= 0xE0 {
				n = 3
			}
			if k+n > lim {
				return k
			}
			break
		}
	}
	return lim
}

// runner returns the DFA loop for a span: generated code where the plan
// allows it and the span is long enough to pay for entering it.
func runner(useJIT bool, span int) dfa.Runner {
	if !useJIT || meta.Forced == meta.DFAGo || (span < meta.JITMinSpan && meta.Forced != meta.DFA) {
		return dfa.GoLoop{}
	}
	load := jit.LoadDFA
	if meta.Forced == meta.DFA {
		// Forced onto the generated loop: wait for it to be made.
		load = jit.WaitDFA
	}
	if r, err := load(); err == nil {
		return r
	}
	return dfa.GoLoop{}
}

// exec runs a search for ncap capture slots and returns them appended to
// dst, or nil if there is no match.
func (re *Regexp) exec(input []byte, pos, ncap int, dst []int) []int {
	return re.execIn(nil, input, pos, ncap, dst)
}

// execIn is exec with a callState kept across the searches of one call.
func (re *Regexp) execIn(sh *callState, input []byte, pos, ncap int, dst []int) []int {
	if n := len(dst); dst != nil && cap(dst)-n >= ncap {
		// Search straight into dst's spare capacity.
		if !re.searchIn(sh, input, pos, dst[n:n+ncap]) {
			return nil
		}
		return dst[:n+ncap]
	}
	return re.searchOnStack(sh, input, pos, ncap, dst, ncap)
}

// searchOnStack searches for ncap slots into a buffer on the stack and,
// for a match only, appends them to dst, which it replaces by a new
// slice with capacity for room slots if dst has no room: most searches
// of a program that runs a pattern line by line fail, and allocate
// nothing. Go zeroes a buffer on every call, so there are two sizes:
// 512 bytes cost a tenth of a short failing search.
func (re *Regexp) searchOnStack(sh *callState, input []byte, pos, ncap int, dst []int, room int) []int {
	switch {
	case ncap <= 16:
		var buf [16]int
		return re.searchAppend(sh, input, pos, buf[:ncap], dst, room)
	case ncap <= smallSlots:
		var buf [smallSlots]int
		return re.searchAppend(sh, input, pos, buf[:ncap], dst, room)
	}
	return re.searchAppend(sh, input, pos, make([]int, ncap), dst, room)
}

// searchAppend searches into probe and appends it to dst on a match, as
// searchOnStack says.
func (re *Regexp) searchAppend(sh *callState, input []byte, pos int, probe, dst []int, room int) []int {
	if !re.searchIn(sh, input, pos, probe) {
		return nil
	}
	if cap(dst)-len(dst) < len(probe) {
		dst = make([]int, 0, max(room, len(probe)))
	}
	return append(dst, probe...)
}

// smallSlots is the most capture slots (31 groups) that a search keeps
// on the stack while it runs (searchOnStack).
const smallSlots = 64

// match reports whether input contains any match.
func (re *Regexp) match(input []byte) bool {
	if len(input) < re.minLen {
		// Inlined into Match and MatchString: on inputs too short for
		// any match (Go's grid, 16-byte rows) the call is the whole
		// cost.
		return false
	}
	return re.search(input, 0, nil)
}

// stringBytes returns the bytes of s without copying; the engines only
// read them.
func stringBytes(s string) []byte {
	return unsafe.Slice(unsafe.StringData(s), len(s))
}
