package regex

import (
	"bytes"
	"sync"
	"unicode/utf8"
	"unsafe"

	"github.com/rxjit/rxjit/regex/internal/bitnfa"
	"github.com/rxjit/rxjit/regex/internal/dfa"
	"github.com/rxjit/rxjit/regex/internal/meta"
	"github.com/rxjit/rxjit/regex/internal/nfa"
	"github.com/rxjit/rxjit/regex/internal/prefilter"
)

// A matchList holds the matches a FindAll method found, ncap slots each,
// in chunks of at most chunkInts ints lent by chunks: the searches write
// their slots straight into them, and the method then makes its result
// once, at its final size. (Growing the result match by match, with a
// slab of index pairs per so many matches, spent as long in allocation
// and collection as in the searches when matches are dense: rebar's
// 03-date, a match every three bytes; BenchmarkResultFloor. One buffer
// grown by doubling instead was 12x slower than the slabs on rebar's
// 05-lexer-veryl, 176 slots a match and 89 MB of them: fresh memory from
// the system costs more in page faults than the searches, and a growing
// copy stalls the collector.) The index variants take the chunks
// themselves as the backing of their result when there are many matches.
type matchList struct {
	full [][]int // the filled chunks
	cur  []int   // the chunk being filled
	ncap int
	n    int // the number of matches
	// small is the first chunk while the matches fit it, as they do
	// where a program runs a pattern line by line (rebar's grep-captures
	// rows): a pool round trip for a 32 KiB chunk was a tenth of such a
	// call. It never leaves the list: the matches move to a real chunk
	// when they outgrow it, and the results copy them.
	small [smallInts]int
}

// smallInts is the size of matchList.small: a match of 32 groups.
const smallInts = 64

var matchLists = sync.Pool{New: func() any { return new(matchList) }}

// chunkInts is the size of a chunk of slots: 32 KiB, small enough to come
// from the heap's reused spans rather than fresh pages.
const chunkInts = 4096

// chunks lends chunks of chunkInts ints.
var chunks = sync.Pool{New: func() any { return new([chunkInts]int) }}

// room makes room in m.cur for one more match.
func (m *matchList) room() {
	if cap(m.cur)-len(m.cur) >= m.ncap {
		return
	}
	if m.cur == nil && len(m.full) == 0 && m.ncap <= smallInts {
		m.cur = m.small[:0]
		return
	}
	var next []int
	if m.ncap <= chunkInts {
		next = chunks.Get().(*[chunkInts]int)[:0]
	} else {
		next = make([]int, 0, m.ncap)
	}
	switch {
	case len(m.cur) > 0 && unsafe.SliceData(m.cur) == &m.small[0]:
		next = append(next, m.cur...) // small stays in the list
	case len(m.cur) > 0:
		m.full = append(m.full, m.cur)
	}
	m.cur = next
}

// addSpan adds a match of two slots.
func (m *matchList) addSpan(start, end int) {
	m.room()
	m.cur = append(m.cur, start, end)
	m.n++
}

// addSpans adds the matches of two slots whose starts and ends pairs
// holds in turn (a span search's buffer, dfa.Cache.Spans), a chunk's worth
// at a time.
func (m *matchList) addSpans(pairs []uint64) {
	for len(pairs) > 0 {
		m.room()
		k := min(len(pairs), cap(m.cur)-len(m.cur)) &^ 1
		dst := m.cur[len(m.cur) : len(m.cur)+k]
		for i, v := range pairs[:k] {
			dst[i] = int(v)
		}
		m.cur = m.cur[:len(m.cur)+k]
		m.n += k / 2
		pairs = pairs[k:]
	}
}

// release gives m and its chunks back to the pools; m may be nil.
func (m *matchList) release() {
	if m == nil {
		return
	}
	for _, c := range append(m.full, m.cur) {
		if cap(c) == chunkInts {
			chunks.Put((*[chunkInts]int)(c[:chunkInts]))
		}
	}
	clear(m.full)
	m.full, m.cur, m.ncap, m.n = m.full[:0], nil, 0, 0
	matchLists.Put(m)
}

// count returns the number of matches in m, which may be nil.
func (m *matchList) count() int {
	if m == nil {
		return 0
	}
	return m.n
}

// each calls f with the slots of each match, in order.
func (m *matchList) each(f func(i int, slots []int)) {
	i := 0
	for _, c := range append(m.full, m.cur) {
		for j := 0; j+m.ncap <= len(c); j += m.ncap {
			f(i, c[j:j+m.ncap:j+m.ncap])
			i++
		}
	}
}

// handOverInts is the most slots that indexes copies into an array of
// their own, at their size; beyond, the result keeps the chunks. (Handing
// over a single chunk made 1,000-match calls 20% slower: each call then
// drew a fresh 32 KiB chunk for half as many slots.)
const handOverInts = chunkInts

// indexes returns the matches as slices each with its capacity cut to its
// length, so that an append cannot reach the next; nil if there are none.
// A few matches get an array of their own, at their size; many keep the
// chunks they were found in, which then leave the pool.
func (m *matchList) indexes() [][]int {
	k := m.count()
	if k == 0 {
		return nil
	}
	if k == 1 {
		return single(m.cur)
	}
	out := make([][]int, k)
	if n := k * m.ncap; n <= handOverInts {
		flat := make([]int, n)
		at := 0
		for _, c := range m.full {
			at += copy(flat[at:], c)
		}
		copy(flat[at:], m.cur)
		for i, j := 0, 0; i < k; i, j = i+1, j+m.ncap {
			out[i] = flat[j : j+m.ncap : j+m.ncap]
		}
		return out
	}
	m.each(func(i int, slots []int) { out[i] = slots })
	clear(m.full) // the result has them now
	m.full, m.cur = m.full[:0], nil
	return out
}

// anchored reports whether every match of re starts at the start of the
// text, once the plan is built (the pattern's first searches run without
// it: coldFor); it is small enough to inline, so that the test costs the
// FindAll calls of other patterns one atomic load.
func (re *Regexp) anchored() bool {
	e := re.prog.eng.Load()
	return e != nil && e.nfa.AnchoredBegin // what e.plan.AnchoredBegin reads, one load nearer
}

// anchoredIndexes answers a FindAll*Index call (groups: with every
// slot) on a pattern whose matches all start at the start of the text
// (the caller has checked anchored), such as a program's per-line parser
// `^…$` (rebar's 07 and 11): such a call has one match at most, since
// every search after it starts later, so it is one search, into slots on
// the stack, and the result its single allocation, without the call's
// list and its second search (a fifth of a call on a short line). ok is
// false for more than 64 slots, where allMatches answers.
func (re *Regexp) anchoredIndexes(input []byte, n int, groups bool) (out [][]int, ok bool) {
	ncap := 2
	if groups {
		ncap = re.numSlots()
	}
	// Go zeroes a buffer on every call: three sizes.
	switch {
	case n == 0:
		return nil, true
	case ncap <= 16:
		var buf [16]int
		return re.anchoredMatch(input, buf[:ncap]), true
	case ncap <= 32:
		var buf [32]int
		return re.anchoredMatch(input, buf[:ncap]), true
	case ncap <= smallInts:
		var buf [smallInts]int
		return re.anchoredMatch(input, buf[:ncap]), true
	}
	return nil, false
}

// anchoredMatch is the search of anchoredIndexes into slots.
func (re *Regexp) anchoredMatch(input []byte, slots []int) [][]int {
	if !re.search(input, 0, slots) {
		return nil
	}
	return single(slots)
}

// anchoredRow is anchoredIndexes for the FindAll methods that return
// texts: the one match's texts, cut out by cut, the whole match's alone
// or (groups) each group's, the zero T for a group that did not take
// part; nil without a match. The texts are made as groupTexts and texts
// make them.
func anchoredRow[T any](re *Regexp, input []byte, n int, groups bool, cut func(i, j int) T) (row []T, ok bool) {
	ncap := 2
	if groups {
		ncap = re.numSlots()
	}
	if n == 0 {
		return nil, true
	}
	if ncap > smallInts {
		return nil, false
	}
	var buf [smallInts]int
	slots := buf[:ncap]
	if !re.search(input, 0, slots) {
		return nil, true
	}
	row = make([]T, ncap/2)
	for j := range row {
		if slots[2*j] >= 0 {
			row[j] = cut(slots[2*j], slots[2*j+1])
		}
	}
	return row, true
}

// single returns the result of one match, whose slots are slots, in one
// allocation where it has at most 64 slots: a program that searches
// line by line (rebar's grep-captures rows) or a text with one match
// (06-cloud-flare-redos) pays for its result one allocation, not two.
func single(slots []int) [][]int {
	var out [][]int
	var ints []int
	// The sizes keep each allocation within a size class of its own and
	// under 512 bytes where they can (larger objects with pointers carry
	// a header and cost more).
	switch n := len(slots); {
	case n <= 2:
		out, ints = oneMatch[[2]int](n)
	case n <= 4:
		out, ints = oneMatch[[4]int](n)
	case n <= 8:
		out, ints = oneMatch[[8]int](n)
	case n <= 16:
		out, ints = oneMatch[[16]int](n)
	case n <= 24:
		out, ints = oneMatch[[24]int](n)
	case n <= 32:
		out, ints = oneMatch[[32]int](n)
	case n <= 48:
		out, ints = oneMatch[[48]int](n)
	case n <= 64:
		out, ints = oneMatch[[64]int](n)
	default:
		out, ints = make([][]int, 1), make([]int, n)
	}
	copy(ints, slots)
	out[0] = ints
	return out
}

// oneMatch allocates, as one object, a result of one match and an array
// A of ints for its n slots, and returns both as slices.
func oneMatch[A [2]int | [4]int | [8]int | [16]int | [24]int | [32]int | [48]int | [64]int](n int) ([][]int, []int) {
	r := new(struct {
		out  [1][]int
		ints A
	})
	ints := unsafe.Slice((*int)(unsafe.Pointer(&r.ints)), n) // n is at most len(A)
	return r.out[:], ints[:n:n]
}

// texts returns the whole matches, cut out of the input by cut; nil if
// there are none.
func texts[T any](m *matchList, cut func(i, j int) T) []T {
	k := m.count()
	if k == 0 {
		return nil
	}
	out := make([]T, k)
	m.each(func(i int, slots []int) { out[i] = cut(slots[0], slots[1]) })
	return out
}

// groupTexts returns, for each match, the text of each group (the zero T
// for a group that did not take part), cut out of the input by cut; the
// groups of all matches share one array. It returns nil if there are no
// matches.
func groupTexts[T any](m *matchList, cut func(i, j int) T) [][]T {
	k := m.count()
	if k == 0 {
		return nil
	}
	g := m.ncap / 2
	all := make([]T, k*g)
	out := make([][]T, k)
	m.each(func(i int, slots []int) {
		row := all[i*g : (i+1)*g : (i+1)*g]
		for j := range row {
			if slots[2*j] >= 0 {
				row[j] = cut(slots[2*j], slots[2*j+1])
			}
		}
		out[i] = row
	})
	return out
}

func (m *matchList) bytes(b []byte) [][]byte {
	return texts(m, func(i, j int) []byte { return b[i:j:j] })
}

func (m *matchList) strings(s string) []string {
	return texts(m, func(i, j int) string { return s[i:j] })
}

func (m *matchList) submatchBytes(b []byte) [][][]byte {
	return groupTexts(m, func(i, j int) []byte { return b[i:j:j] })
}

func (m *matchList) submatchStrings(s string) [][]string {
	return groupTexts(m, func(i, j int) string { return s[i:j] })
}

// allMatches returns each successive non-overlapping match of re in
// input, at most n of them (all if n < 0), or nil if there are none; the
// caller releases the list once it has made its result. An empty match
// right after the previous match is dropped, and after an empty match the
// search moves on by one rune. With groups, every match holds all groups'
// index pairs; without, only the whole match's, which lets the cheaper
// engines answer.
func (re *Regexp) allMatches(input []byte, n int, groups bool) *matchList {
	end := len(input)
	if n < 0 {
		n = end + 1
	}
	start, inner, cold := re.firstCandidate(input)
	if start < 0 || n == 0 {
		return nil
	}
	ncap := 2
	if groups {
		ncap = re.numSlots()
	}
	m := matchLists.Get().(*matchList)
	m.ncap = ncap
	if ncap == 2 && !cold {
		// (A cold call must not build the engines: coldFor.)
		if p := re.eng().plan; useRuns(p) {
			// Runs of one class: every match in one scan.
			re.runsAll(p, input, start, n, m)
			if m.n == 0 {
				m.release()
				return nil
			}
			return m
		}
	}
	sh := callState{all: n > end, inner: inner, cold: cold, lastEnd: -1} // shared by all the searches
	defer sh.release()
	sh.spans = ncap == 2 && !cold && re.spannable(inner) // groups of a pattern without any too
	for pos := start; m.n < n && pos <= end; {
		if sh.spanning() {
			if pos, sh.lastEnd = re.spanSearch(&sh, input, pos, sh.lastEnd, n, m); m.n >= n {
				break
			}
		}
		if sh.lin != nil && ncap == 2 && sh.lin.Batches() {
			var more bool
			if pos, sh.lastEnd, more = re.linearSpans(&sh, input, pos, sh.lastEnd, n, m); !more || m.n >= n {
				break
			}
		}
		m.room()
		probe := m.cur[len(m.cur) : len(m.cur)+ncap]
		var found bool
		if sh.lin != nil && ncap == 2 {
			// On the liveness, a search is its walk alone
			// (searchIn would come to the same after its checks).
			found = linearSearch(sh.lin, pos, probe)
		} else {
			found = re.searchIn(&sh, input, pos, probe)
		}
		if !found {
			break
		}
		accept := true
		if probe[1] == pos {
			// An empty match.
			if probe[0] == sh.lastEnd {
				accept = false
			}
			if pos < end {
				pos += nfa.RuneWidth(input, pos)
			} else {
				pos = end + 1
			}
		} else {
			pos = probe[1]
		}
		sh.lastEnd = probe[1]
		if accept {
			m.cur = m.cur[:len(m.cur)+ncap]
			m.n++
		}
	}
	if m.n == 0 {
		m.release()
		return nil
	}
	return m
}

// spannable reports whether a call that wants every match without groups
// may find them with span searches (dfa.DFA.Spans): the leftmost-first
// forward DFA knows the bytes matches start with (where no literal
// prefilter serves), and the search would run on the DFAs anyway (no
// inner literal, which searchIn would prefer). RXJIT_ENGINE=dfa and dfa-go run span searches too, on
// the generated and the Go loop.
func (re *Regexp) spannable(inner *meta.Inner) bool {
	p := re.eng().plan
	if re.longest || p.Fwd == nil || !p.Fwd.CanSpan() || p.AnchoredBegin() {
		return false
	}
	switch meta.Forced {
	case meta.Auto:
		return inner == nil
	case meta.DFA, meta.DFAGo:
		return true
	}
	return false
}

// spanning reports whether span searches serve the call's next search:
// they did at its start, and it has not moved onto the liveness, onto a
// copy of invalid UTF-8, or off span searches for their failed tries.
func (sh *callState) spanning() bool {
	return sh.spans && sh.lin == nil && !sh.used && !sh.spansOff
}

// spanSearch finds the matches of a call from pos with span searches
// while they serve, and adds them to m (at most n in all). Each match is
// the one the call's next search would find (see dfa's Spans). It
// returns where the call's next search starts and the end of the last
// match, prevMatchEnd if it found none. It stops at a candidate the span
// search leaves to the ordinary search; and for the rest of the call
// where failed tries read more than the matches pay for (see dfa's
// Spans: the ordinary searches then read each byte once), or the call
// has moved onto the liveness or onto a copy of invalid UTF-8
// (callState).
func (re *Regexp) spanSearch(sh *callState, input []byte, pos, prevMatchEnd, n int, m *matchList) (int, int) {
	p := re.eng().plan
	c := sh.metaCache().For(p).Fwd()
	for m.n < n && sh.spanning() {
		run := runner(p.JIT, len(input)-pos)
		bound := min(len(input), pos+spanSlice)
		if p.Fwd.SpanNeedsValid() {
			if bound = sh.validEnd(input, pos, bound); bound == pos {
				// Invalid UTF-8 at pos: the ordinary search.
				return pos, prevMatchEnd
			}
		}
		room := re.quadraticRoom(sh)
		s := p.Fwd.Spans(c, run, input, pos, bound, dfa.SpanSlack-sh.spanDebt, room)
		sh.spanDebt = dfa.SpanSlack - s.Credit
		if k := min(s.N, n-m.n); k > 0 {
			m.addSpans(c.Spans(k))
			start, end := c.Span(k - 1)
			prevMatchEnd = end
			// The matches before the last would only be counted, and
			// the dense rule leaves calls that span searches serve.
			// What the walks read past their matches goes to the
			// quadratic guard at once: the search stopped where it
			// fires (`.*[^A-Z]|[A-Z]` over "AAAA…").
			if !sh.settled && sh.lin == nil {
				sh.matches += k - 1
				sh.over += room - s.Room
			}
			re.watch(sh, input, start, end, end-start)
		}
		pos = s.Pos
		if m.n >= n {
			return pos, prevMatchEnd
		}
		switch s.Stop {
		case dfa.SpanFull, dfa.SpanEnd:
			if pos == len(input) {
				return pos, prevMatchEnd
			}
			continue
		case dfa.SpanBudget:
			sh.spansOff = true
			return pos, prevMatchEnd
		}
		// The candidate at pos needs the forward loop: a long walk to
		// finish, or a walk to make anew that builds the states it meets
		// (the ordinary search would not: once tries at first candidates
		// stop paying it runs unanchored).
		var end int
		var err error
		before := c.Scanned()
		if s.Stop == dfa.SpanLong {
			end, err = p.Fwd.Resume(c, run, input, s.State, s.At, s.Match)
		} else {
			end, err = p.Fwd.SearchText(c, run, input, len(input), pos, true, false)
		}
		read := c.Scanned() - before
		if s.Stop == dfa.SpanLong {
			read += s.At - pos
		}
		switch {
		case err != nil || end == pos:
			// Invalid UTF-8, a thrashing cache or an empty match: the
			// ordinary search and allMatches' rules decide.
			return pos, prevMatchEnd
		case end < 0:
			// A failed try, paid like the span search's own.
			if sh.spanDebt += read; sh.spanDebt > dfa.SpanSlack {
				sh.spansOff = true
				return pos, prevMatchEnd
			}
			pos += nfa.RuneWidth(input, pos) // searches start at rune boundaries
		default:
			m.addSpan(pos, end)
			prevMatchEnd = end
			sh.spanDebt = max(sh.spanDebt-dfa.SpanCredit, 0)
			// What the walk read past the match counts towards the
			// quadratic guard (`.*[^A-Z]|[A-Z]` over "AAAA…" reads
			// to the end for a match of one byte).
			re.watch(sh, input, pos, end, read)
			if pos = end; pos == len(input) {
				return pos, prevMatchEnd
			}
		}
	}
	return pos, prevMatchEnd
}

// linearSpans finds the matches of a call from pos on the liveness with
// span searches (bitnfa.Scanner.Spans: many of linearSearch's searches in
// one call of generated code), and adds them to m (at most n in all). Each
// is the match the call's next search would find, and none is empty. It
// returns where the call's next search starts, the end of the last match
// (prevMatchEnd if it found none), and false when no match is left.
func (re *Regexp) linearSpans(sh *callState, input []byte, pos, prevMatchEnd, n int, m *matchList) (int, int, bool) {
	sp := re.eng().plan.BitSpanner()
	for m.n < n {
		k, next, stop := sh.lin.Spans(pos, pos+spanSlice, n-m.n, sp)
		if k > 0 {
			m.addSpans(sh.lin.SpanPairs(k))
			_, prevMatchEnd = sh.lin.Span(k - 1)
		}
		pos = next
		switch stop {
		case bitnfa.SpansDone:
			return pos, prevMatchEnd, false
		case bitnfa.SpansFind:
			// The search from pos takes the ordinary path.
			return pos, prevMatchEnd, true
		}
	}
	return pos, prevMatchEnd, true
}

// validEnd returns the end of the valid UTF-8 that starts at pos, a rune
// boundary, up to bound at the most (not cutting a rune), for span
// searches of a pattern that may start a match with an invalid byte (see
// dfa.DFA.SpanNeedsValid). It checks validChunk bytes at a time and keeps
// what it found in sh, so that the text is checked about once.
func (sh *callState) validEnd(input []byte, pos, bound int) int {
	if pos < sh.valid {
		return min(bound, sh.valid)
	}
	end := min(len(input), pos+validChunk)
	for end < len(input) && end > pos && !utf8.RuneStart(input[end]) {
		end-- // not inside a rune
	}
	if utf8.Valid(input[pos:end]) {
		sh.valid = end
	} else {
		sh.valid = pos
		for sh.valid < end {
			r, w := utf8.DecodeRune(input[sh.valid:end])
			if r == utf8.RuneError && w == 1 {
				break
			}
			sh.valid += w
		}
	}
	return min(bound, sh.valid)
}

// validChunk is how much text validEnd checks at a time.
const validChunk = 4 << 10

// spanSlice is the most text one span search covers: one call into
// generated code, entry.SliceBytes.
const spanSlice = 256 << 10

// firstCandidate returns where a call's searches of input can start: -1
// if input is too short for a match or has no prefilter candidate, else
// the first candidate (0 without a prefilter), and whether the call's
// searches run on the rune program (cold: the pattern's first searches,
// see coldFor), which needs no candidate. Every match starts at a
// candidate, so the first search may start there; a program that runs a
// pattern line by line mostly ends here, before any set-up. An input
// without the plan's required byte or any of its contained literals has
// no match either. It also returns the plan's inner literal strategy for
// the call's searches (meta.Plan.Inside), which it looks up anyway.
func (re *Regexp) firstCandidate(input []byte) (start int, inner *meta.Inner, cold bool) {
	if len(input) < re.minLen {
		return -1, nil, false
	}
	if re.prog.coldFor(len(input), re.longest) != nil {
		return 0, nil, true
	}
	p := re.eng().plan
	if len(input) < p.MinLen || p.MinLen < 0 {
		return -1, nil, false
	}
	// Every match holds the required byte, and one of the contained
	// literals: one byte scan (in the runtime's SIMD) rejects most
	// inputs before the prefilter's first candidate is looked for.
	if meta.Forced == meta.Auto && p.Required >= 0 && bytes.IndexByte(input, byte(p.Required)) < 0 {
		return -1, nil, false
	}
	if p.Prefilter != nil {
		if start = p.Prefilter.Find(input, 0); start < 0 {
			return -1, nil, false
		}
	}
	if meta.Forced == meta.Auto {
		var contains *prefilter.Literals
		if inner, contains = p.Inside(len(input)); contains != nil && contains.Find(input, start) < 0 {
			return -1, nil, false
		}
	}
	return start, inner, false
}
