// Package backtrack is a bounded backtracking engine for byte-level NFAs:
// it finds the leftmost-first match and its capture groups by a depth-first
// search in priority order, the way Go's regexp does for small inputs with
// its own bit-state backtracker (and RE2's BitState and regex-automata's
// BoundedBacktracker).
//
// When to use it: captures on short inputs, or within a short span that a
// faster engine has already found. There it beats the PikeVM, which carries
// a copy of every capture slot for every live thread at every byte; the
// backtracker follows one path at a time and keeps one set of slots,
// undoing a capture only when it backs out of the path that made it.
//
// What it costs: a visited bitset of one bit per (tracked state, input
// position), so the input it accepts is bounded (see MaxInput), and each
// bit is set at most once, so a search takes O(states × input) steps,
// never exponential time. The bitset is cleared at the start of every
// search, so a search over a short span of a long input must pass that
// span, not the whole input. Because the first path to reach the match
// state wins, it implements only leftmost-first semantics: searches for
// leftmost-longest matches (CompilePOSIX, Longest) must use the PikeVM.
//
// Its answers, captures included, are those of pikevm.(*VM).Search with
// longest false: that VM keeps, at each state and position, only the
// highest-priority thread to arrive, and the depth-first search reaches
// each (state, position) first along exactly that thread's path, so a
// later arrival can be cut without changing the result.
package backtrack

import (
	"slices"

	"github.com/rxjit/rxjit/regex/internal/nfa"
)

// visitedBits bounds the visited bitset of one search, in bits: 256 Kbit
// (32 KiB), the bound Go's regexp uses for its backtracker
// (maxBacktrackVector). Because only some states need a row of the bitset
// (see New), an NFA of n states usually accepts a longer input than a
// regexp program of n instructions would.
const visitedBits = 256 * 1024

// untracked marks a state that has no row in the visited bitset.
const untracked = -1

// Backtracker searches one NFA. It is immutable and safe for concurrent
// use; each search needs a Cache.
type Backtracker struct {
	nfa    *nfa.NFA
	states []nfa.State
	// insts mirrors states in a compact form for the search loop.
	insts []inst
	start nfa.StateID
	// rows is the number of tracked states.
	rows          int
	maxInput      int
	anchoredBegin bool
	// choices holds, for the unions that inst.choice names, which of
	// their alternatives can go on from each next byte; choiceAlts
	// counts the alternatives in all their lists (see newChoice).
	choices    []choice
	choiceAlts int
	// runs holds, for the loop heads that inst.run names, the bytes
	// that go once around their loop, and pairs the pair bytes and
	// their follow bytes (see loopBytes).
	runs  []byteSet
	pairs [][2]byteSet
}

// byteSet is a set of bytes.
type byteSet [4]uint64

func (s *byteSet) add(lo, hi byte) {
	for c := int(lo); c <= int(hi); c++ {
		s[c/64] |= 1 << (c % 64)
	}
}

func (s *byteSet) has(c byte) bool { return s[c/64]&(1<<(c%64)) != 0 }

// inst is the part of an nfa.State that the search loop reads, with the
// state's row of the visited bitset beside it. PERF:
// BenchmarkCaptures/Email/1024, best of 6 runs on a shared, loaded 2-core
// machine: 67.9 µs reading nfa.State (then 64 bytes), 62.9 µs with inst.
type inst struct {
	kind nfa.Kind
	lo   byte // KindRange
	hi   byte // KindRange
	look nfa.Look
	// row is the state's row of the visited bitset, or untracked.
	row  int32
	next nfa.StateID // KindRange, KindCapture, KindLook
	slot uint32      // KindCapture
	// choice, for a union some of whose alternatives must consume a byte
	// first, indexes Backtracker.choices; -1 otherwise. Only the
	// alternatives that can start with the next byte are followed; the
	// others are never pushed: they would fail on that byte. [^;]+;
	// pushed two frames per byte of the run without it (the loop's exit,
	// and the invalid-UTF-8 branch of the class), and rebar's
	// 05-lexer-veryl, a union of 88 tokens, pushed 87 at every token.
	choice int32
	// run, for a tracked union that heads a loop, indexes
	// Backtracker.runs; -1 otherwise. While the next byte is in that
	// set, the path is forced once around the loop and back: the search
	// marks the head at each position and reads on, without stepping
	// through the states in between (see loopBytes).
	run int32
}

// New returns a Backtracker for n.
//
// Only states that can be reached from StartAnchored along more than one
// edge, the start itself and the unions that head a run (see loopBytes)
// are tracked in the visited bitset. A state
// with a single incoming edge is explored at a position at most as often
// as its one predecessor is at the matching position, so by induction at
// most once, and every cycle has a tracked state (the one it is entered
// at), so the search stays linear. Tracking fewer states makes the bitset
// smaller and cheaper to clear, and MaxInput larger. The match and fail
// states end a path at once and are never tracked.
func New(n *nfa.NFA) *Backtracker {
	b := &Backtracker{
		nfa:           n,
		states:        n.States,
		insts:         make([]inst, len(n.States)),
		start:         n.StartAnchored,
		anchoredBegin: n.AnchoredBegin,
	}
	// Count the incoming edges of every state reachable from the start,
	// counting only edges from reachable states. A state listed twice by
	// one predecessor counts twice, which only tracks more than needed.
	indeg := make([]int, len(n.States))
	seen := make([]bool, len(n.States))
	stack := []nfa.StateID{n.StartAnchored}
	seen[n.StartAnchored] = true
	edge := func(to nfa.StateID) {
		indeg[to]++
		if !seen[to] {
			seen[to] = true
			stack = append(stack, to)
		}
	}
	for len(stack) > 0 {
		id := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		s := &n.States[id]
		switch s.Kind {
		case nfa.KindRange, nfa.KindCapture, nfa.KindLook:
			edge(s.Next)
		case nfa.KindSparse:
			for _, t := range n.Trans(s) {
				edge(t.Next)
			}
		case nfa.KindUnion:
			for _, a := range n.Alts(s) {
				edge(a)
			}
		}
	}
	firsts := firstMemo{n: n, sets: map[nfa.StateID]firstSet{}}
	for i := range b.insts {
		s := &n.States[i]
		in := inst{kind: s.Kind, lo: s.Lo, hi: s.Hi, look: s.Look, row: untracked, next: s.Next, slot: s.Slot, choice: -1, run: -1}
		if s.Kind == nfa.KindUnion && seen[i] && len(b.choices) < maxChoices {
			if ch, ok := newChoice(n.Alts(s), &firsts, maxChoiceAlts-b.choiceAlts); ok {
				in.choice = int32(len(b.choices))
				b.choices = append(b.choices, ch)
				b.choiceAlts += ch.size()
			}
		}
		if seen[i] && s.Kind == nfa.KindUnion {
			if set, pairs, follow, ok := loopBytes(n, nfa.StateID(i), &firsts); ok {
				in.run = int32(len(b.runs))
				b.runs = append(b.runs, set)
				b.pairs = append(b.pairs, [2]byteSet{pairs, follow})
			}
		}
		if seen[i] && s.Kind != nfa.KindMatch && s.Kind != nfa.KindFail &&
			(indeg[i] > 1 || nfa.StateID(i) == n.StartAnchored || in.run >= 0) {
			in.row = int32(b.rows)
			b.rows++
		}
		b.insts[i] = in
	}
	b.maxInput = -1
	if b.rows > 0 {
		b.maxInput = visitedBits/b.rows - 1
	} else {
		// The start is a match or fail state: nothing is ever tracked.
		b.maxInput = visitedBits - 1
	}
	return b
}

// firstBytesLimit bounds the states firstBytes visits.
const firstBytesLimit = 32

// firstBytes returns the bytes that the paths from id can consume first,
// and false if some path can reach the match state before consuming one
// (or the paths are too many to follow). Assertions are passed as if they
// held: the set may hold more bytes than can be consumed, never fewer,
// which is what dispatching needs. (Every negated class has one: the
// path for U+FFFD of an invalid lead byte.)
func firstBytes(n *nfa.NFA, id nfa.StateID) (set byteSet, ok bool) {
	ok = beforeByte(n, id, true, func(s *nfa.State) bool {
		if s.Kind == nfa.KindRange {
			set.add(s.Lo, s.Hi)
		} else {
			for _, t := range n.Trans(s) {
				set.add(t.Lo, t.Hi)
			}
		}
		return true
	})
	return set, ok
}

// beforeByte walks the paths from id up to the states that consume a
// byte, and calls consume with each (Range or Sparse). It passes
// captures and unions, and assertions where looks says so; it returns
// false where a path reaches the match state or, without looks, an
// assertion, where the states are more than firstBytesLimit, or where
// consume returns false.
func beforeByte(n *nfa.NFA, id nfa.StateID, looks bool, consume func(s *nfa.State) bool) bool {
	stack := []nfa.StateID{id}
	var seen []nfa.StateID
	for len(stack) > 0 {
		id := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if slices.Contains(seen, id) {
			continue
		}
		if seen = append(seen, id); len(seen) > firstBytesLimit {
			return false
		}
		s := &n.States[id]
		switch s.Kind {
		case nfa.KindRange, nfa.KindSparse:
			if !consume(s) {
				return false
			}
		case nfa.KindCapture:
			stack = append(stack, s.Next)
		case nfa.KindLook:
			if !looks {
				return false
			}
			stack = append(stack, s.Next)
		case nfa.KindUnion:
			stack = append(stack, n.Alts(s)...)
		case nfa.KindFail:
		default: // KindMatch
			return false
		}
	}
	return true
}

// firstMemo memoizes firstBytes over one NFA: New asks for the same
// states for dispatch and for runs.
type firstMemo struct {
	n    *nfa.NFA
	sets map[nfa.StateID]firstSet
}

type firstSet struct {
	set byteSet
	ok  bool
}

// get returns firstBytes(m.n, id).
func (m *firstMemo) get(id nfa.StateID) (byteSet, bool) {
	f, seen := m.sets[id]
	if !seen {
		f.set, f.ok = firstBytes(m.n, id)
		m.sets[id] = f
	}
	return f.set, f.ok
}

// loopBytesLimit bounds the states of the path once around a loop that
// loopBytes follows.
const loopBytesLimit = 8

// loopBytes returns, for union u, the bytes c for which the path from u
// that reads c is forced and comes straight back to u: at each union on
// the way exactly one alternative can start with c (by firstBytes, which
// may hold too many bytes, never too few), then a state consumes c and
// goes to u, with no capture or assertion between. It reports false when
// there is no such byte.
//
// Reading such a byte, the search does no more than mark u at the next
// position: the other alternatives of the unions on the way would fail
// at once on c, so it would push no frame that matters, and it skips the
// marks of the states between, which are entered at that position at
// most once more each, from elsewhere, and then reach u's mark after one
// byte (their path on c is the same), so the search stays linear. This
// is how [^;]+ and .*? cost a table lookup and a bit per byte instead of
// a few states each: PERF: rebar's 11-unstructured-to-json lines
// (BenchmarkBacktrack in package jit).
//
// It also returns the pair bytes: those that, at u itself, more than one
// alternative can start, one of which comes straight back as above while
// each other one needs, after c, a byte of follow (secondBytes). Where
// the byte after a pair byte is there and not in follow, those other
// alternatives fail on it, and the search treats c as a run byte: the
// space of `(.*?) \{`, which tried the continuation at every space of a
// log line's text.
func loopBytes(n *nfa.NFA, u nfa.StateID, firsts *firstMemo) (set, pairs, follow byteSet, ok bool) {
	if !loopsBack(n, u) {
		return set, pairs, follow, false
	}
	alts := n.Alts(&n.States[u])
	var cands []nfa.StateID // the alternatives that can start with c
	for c := range 256 {
		cands = cands[:0]
		for _, a := range alts {
			f, ok := firsts.get(a)
			if !ok {
				cands = cands[:0]
				break
			}
			if f.has(byte(c)) {
				cands = append(cands, a)
			}
		}
		switch len(cands) {
		case 0:
		case 1:
			if comesBack(n, u, cands[0], byte(c), firsts) {
				set.add(byte(c), byte(c))
			}
		default:
			loop := -1
			for i, a := range cands {
				if comesBack(n, u, a, byte(c), firsts) {
					if loop >= 0 {
						loop = -2
						break
					}
					loop = i
				}
			}
			if loop < 0 {
				continue
			}
			var fol byteSet
			pair := true
			for i, a := range cands {
				if i == loop {
					continue
				}
				f, ok := secondBytes(n, a, byte(c), firsts)
				if !ok {
					pair = false
					break
				}
				for w := range fol {
					fol[w] |= f[w]
				}
			}
			if pair {
				pairs.add(byte(c), byte(c))
				for w := range follow {
					follow[w] |= fol[w]
				}
			}
		}
	}
	return set, pairs, follow, set != byteSet{} || pairs != byteSet{}
}

// comesBack reports whether the path from id that reads c is forced and
// comes straight back to u, as loopBytes asks of the path past u.
func comesBack(n *nfa.NFA, u, id nfa.StateID, c byte, firsts *firstMemo) bool {
	for range loopBytesLimit - 1 {
		s := &n.States[id]
		switch s.Kind {
		case nfa.KindUnion:
			next := nfa.StateID(0)
			found := false
			for _, a := range n.Alts(s) {
				f, ok := firsts.get(a)
				if !ok {
					return false
				}
				if f.has(c) {
					if found {
						return false
					}
					next, found = a, true
				}
			}
			if !found {
				return false
			}
			id = next
		case nfa.KindRange, nfa.KindSparse:
			next, ok := n.Step(s, c)
			return ok && next == u
		default:
			return false
		}
	}
	return false
}

// secondBytes returns the bytes that can follow c on the paths from id
// that consume c first, and false if a path can reach the match state or
// an assertion before it has consumed c (assertions after c are passed
// as firstBytes passes them: the set may hold too many bytes, never too
// few).
func secondBytes(n *nfa.NFA, id nfa.StateID, c byte, firsts *firstMemo) (set byteSet, ok bool) {
	ok = beforeByte(n, id, false, func(s *nfa.State) bool {
		next, ok := n.Step(s, c)
		if !ok {
			return true
		}
		f, ok := firsts.get(next)
		for w := range set {
			set[w] |= f[w]
		}
		return ok
	})
	return set, ok
}

// loopsBack reports whether some path from union u through unions and
// one consuming state comes back to u within loopBytesLimit states: a
// cheap test that spares loopBytes its walks for the unions that head no
// loop.
func loopsBack(n *nfa.NFA, u nfa.StateID) bool {
	var visit func(id nfa.StateID, depth int) bool
	visit = func(id nfa.StateID, depth int) bool {
		if depth >= loopBytesLimit {
			return false
		}
		s := &n.States[id]
		switch s.Kind {
		case nfa.KindUnion:
			if depth > 0 && id == u {
				return false
			}
			for _, a := range n.Alts(s) {
				if visit(a, depth+1) {
					return true
				}
			}
		case nfa.KindRange:
			return s.Next == u
		case nfa.KindSparse:
			for _, t := range n.Trans(s) {
				if t.Next == u {
					return true
				}
			}
		}
		return false
	}
	return visit(u, 0)
}

// NFA returns the automaton b searches.
func (b *Backtracker) NFA() *nfa.NFA { return b.nfa }

// Rows returns the number of states tracked in the visited bitset.
// Compiled forms of the backtracker (package jit) share its choice of
// rows.
func (b *Backtracker) Rows() int { return b.rows }

// Row returns the row of state id in the visited bitset, or -1.
func (b *Backtracker) Row(id nfa.StateID) int32 { return b.insts[id].row }

// Choice returns, for a union some of whose alternatives must consume a
// byte first, which alternatives the search follows: those of
// lists[byByte[c]] where the next byte is c, those of lists[atEnd] at the
// span's end, in order. It returns false for any other state, where the
// search follows every alternative. The lists are b's: the caller must
// not change them.
func (b *Backtracker) Choice(id nfa.StateID) (byByte *[256]uint8, atEnd uint16, lists [][]nfa.StateID, ok bool) {
	if d := b.insts[id].choice; d >= 0 {
		ch := &b.choices[d]
		return &ch.byByte, ch.atEnd, ch.lists, true
	}
	return nil, 0, nil, false
}

// Run returns, for a tracked union that heads a loop, the bytes that go
// once around it and back (a bitmap of 256 bits), and false for any other
// state: while the next byte is one of them, the search marks the union
// at the next position and reads on.
func (b *Backtracker) Run(id nfa.StateID) (set [4]uint64, ok bool) {
	if r := b.insts[id].run; r >= 0 {
		return b.runs[r], true
	}
	return set, false
}

// PairRun returns, for a tracked union that heads a loop, its pair bytes
// and their follow bytes (see loopBytes), and false where it has no pair
// byte: a pair byte followed by a byte that is not a follow byte, before
// the span's end, is a run byte too.
func (b *Backtracker) PairRun(id nfa.StateID) (pairs, follow [4]uint64, ok bool) {
	if r := b.insts[id].run; r >= 0 && b.pairs[r][0] != (byteSet{}) {
		return b.pairs[r][0], b.pairs[r][1], true
	}
	return pairs, follow, false
}

// MaxInput returns the largest len(input)-start that Search accepts: the
// visited bitset has one bit per tracked state and position start through
// len(input), and holds at most 256 Kbit. It returns -1 when the NFA is so
// large that no search fits.
func (b *Backtracker) MaxInput() int {
	return b.maxInput
}

// Cache holds the scratch memory of one search at a time: the visited
// bitset, the explicit stack and the working capture slots. It grows to
// fit the largest search it has served and is then reused, so a search
// with a warm Cache allocates nothing. One Cache may serve any number of
// Backtrackers, one search at a time.
type Cache struct {
	visited []uint64
	stack   []frame
	slots   []int
}

// Visited returns the visited bitset the last search left in c, one row
// of bits per tracked state (see Backtracker.Row) over the positions of
// the span: compiled forms of the backtracker must leave the same bits.
func (c *Cache) Visited() []uint64 { return c.visited }

// NewCache returns an empty Cache.
func NewCache() *Cache {
	return &Cache{}
}

// frame is a unit of pending work on the explicit stack: explore state id
// at position at, or, when restore is set, put the value at back into
// capture slot id (undoing a capture when the search backs out of it).
type frame struct {
	at      int
	id      uint32
	restore bool
}

// Search looks for the leftmost-first match in input that starts at or
// after start and reports whether there is one. Like the PikeVM, it tries
// start and then each following position that a utf8.DecodeRune walk from
// start reaches (so a match never starts inside a rune), and the text
// before start is still seen by assertions such as \b and ^.
//
// slots receives the capture positions of the match, as pairs of byte
// offsets with -1 for groups that did not participate; its length (even,
// possibly zero) says how many slots to track. Slots are left unchanged
// when there is no match.
//
// Search panics if len(input)-start exceeds MaxInput.
func (b *Backtracker) Search(c *Cache, input []byte, start int, slots []int) bool {
	return b.SearchSpan(c, input, start, len(input), slots)
}

// SearchSpan is Search for matches that end at or before end: no path
// consumes a byte at or after end, while assertions still see the text
// around it. Where a faster engine has found that the leftmost-first
// match from start ends at end, SearchSpan(start, end) gives the same
// answer as Search and explores only the span: every path that crosses
// end would have failed, or the match would end later.
//
// SearchSpan panics if end-start exceeds MaxInput.
func (b *Backtracker) SearchSpan(c *Cache, input []byte, start, end int, slots []int) bool {
	span := end - start
	if span > b.maxInput {
		panic("backtrack: input longer than MaxInput")
	}
	if span < 0 || b.anchoredBegin && start > 0 {
		return false
	}
	npos := span + 1
	words := (b.rows*npos + 63) / 64
	if cap(c.visited) < words {
		c.visited = make([]uint64, words)
	} else {
		c.visited = c.visited[:words]
		clear(c.visited)
	}
	ns := len(slots)
	if cap(c.slots) < ns {
		c.slots = make([]int, ns)
	}
	work := c.slots[:ns]
	for i := range work {
		work[i] = -1
	}
	for at := start; at <= end; at += nfa.RuneWidth(input, at) {
		// A failed run has restored every slot it wrote: only the
		// start changes from one run to the next.
		if ns > 0 {
			work[0] = at
		}
		if b.run(c, input, start, end, at, work) {
			copy(slots, work)
			return true
		}
		if b.anchoredBegin {
			// Only a match at position 0 can satisfy the leading \A.
			break
		}
	}
	return false
}

// run explores, depth first in priority order, every path from the start
// state at position at that no earlier path (from this or an earlier
// starting position) has explored, and stops at the first that reaches
// the match state. It reports whether one did, leaving its captures in
// slots; otherwise slots is as it was.
func (b *Backtracker) run(c *Cache, input []byte, start, end, at int, slots []int) bool {
	insts, visited := b.insts, c.visited
	npos := uint(end - start + 1)
	ns := len(slots)
	stack := append(c.stack[:0], frame{id: uint32(b.start), at: at})
	for len(stack) > 0 {
		f := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if f.restore {
			slots[f.id] = f.at
			continue
		}
		id, at := nfa.StateID(f.id), f.at
	step:
		for {
			s := &insts[id]
			if r := s.row; r != untracked {
				bit := uint(r)*npos + uint(at-start)
				w, m := bit/64, uint64(1)<<(bit%64)
				if visited[w]&m != 0 {
					break
				}
				visited[w] |= m
				if s.run >= 0 {
					// Once around the loop per byte of the run.
					run, pairs := &b.runs[s.run], &b.pairs[s.run]
					for at < end && (run.has(input[at]) ||
						pairs[0].has(input[at]) && at+1 < end && !pairs[1].has(input[at+1])) {
						at++
						bit++
						w, m = bit/64, uint64(1)<<(bit%64)
						if visited[w]&m != 0 {
							break step
						}
						visited[w] |= m
					}
				}
			}
			switch s.kind {
			case nfa.KindMatch:
				if ns > 1 {
					slots[1] = at
				}
				c.stack = stack[:0]
				return true
			case nfa.KindRange:
				if at < end && s.lo <= input[at] && input[at] <= s.hi {
					id, at = s.next, at+1
					continue
				}
				break step
			case nfa.KindSparse:
				if at < end {
					if next, ok := b.nfa.Step(&b.states[id], input[at]); ok {
						id, at = next, at+1
						continue
					}
				}
				break step
			case nfa.KindUnion:
				var alts []nfa.StateID
				if d := s.choice; d >= 0 {
					ch := &b.choices[d]
					k := ch.atEnd
					if at < end {
						k = uint16(ch.byByte[input[at]])
					}
					if alts = ch.lists[k]; len(alts) == 0 {
						break step
					}
				} else {
					alts = b.nfa.Alts(&b.states[id])
				}
				// Later alternatives wait on the stack, last on the
				// bottom, while the first is followed at once.
				for i := len(alts) - 1; i > 0; i-- {
					stack = append(stack, frame{id: uint32(alts[i]), at: at})
				}
				id = alts[0]
			case nfa.KindCapture:
				if int(s.slot) < ns {
					stack = append(stack, frame{id: s.slot, at: slots[s.slot], restore: true})
					slots[s.slot] = at
				}
				id = s.next
			case nfa.KindLook:
				if !nfa.LookHolds(s.look, input, at) {
					break step
				}
				id = s.next
			default: // nfa.KindFail
				break step
			}
		}
	}
	c.stack = stack
	return false
}
