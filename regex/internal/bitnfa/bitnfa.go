// Package bitnfa is the position automaton of a byte NFA: one bit for
// each byte-consuming arm of the NFA (a KindRange state, or one
// transition of a KindSparse state), so that a set of live threads is a
// short bit vector and a step over one byte is a few word operations.
//
// The arms of a sparse state that share a successor are one position,
// and positions are numbered in pattern order, so that the arms of a
// concatenation are consecutive. Only states reachable from the anchored
// start count: a search tries each start itself.
//
// A position p accepts the bytes of its arm and then moves, without
// consuming input, through the NFA's unions, captures and assertions to
// the positions (and perhaps the match) of its follow list: the states a
// depth-first walk from the arm's successor reaches, in priority order,
// each once, exactly as the PikeVM adds a thread's successors. The walk
// depends on which assertions hold where it is made, so the automaton
// keeps one context (follow lists, their masks) for each combination of
// the assertions the pattern uses.
//
// # Liveness, and FindAll in linear time
//
// Iterating over leftmost-first matches can take quadratic time in every
// engine that finds each match by scanning forward (the PikeVM, the
// DFA, Go's regexp): with `.*[^A-Z]|[A-Z]` over "AAAA…", each search
// must read to the end of the text to learn that its preferred branch
// fails, and then reports a one-byte match at its start. Package bitnfa
// avoids that with one backward pass over the text (Scanner): for every
// position i it records the set of positions that, taken on byte i, can
// still reach a match. A search then needs no look-ahead at all: a match
// starts at the first rune boundary where a start thread is live, and it
// is found by following, byte by byte, the first live entry of each
// follow list (or stopping at the match, where it comes first). That is
// the thread the PikeVM would report: every thread ahead of it in
// priority order is dead, so it neither matches nor outlives the match,
// and the threads the PikeVM would drop as duplicates of dead ones are
// dead too. Each search costs the length of its match and the rune
// boundaries it skips, so all the matches of a text cost one pass back
// and one pass forward.
//
// # The one-word pass, in Go and in generated code
//
// For automata of at most 64 positions the backward step is a few
// operations on tables built once here (Step1): a shift covers every
// position whose follow list holds the next position, with the byte's
// acceptance folded into the shift's mask, and byte-indexed tables cover
// the other follow relations. Automaton.Fill1 runs it in Go; package jit
// runs the same tables as generated code (codegen/bitcode). Both also
// mark, in a bitmap, the bytes where a start thread is live, so that a
// search skips to the next possible start a word at a time (Skips).
// Automata of more positions take a slower pass in Go, one set bit at a
// time, and are used only against the quadratic case.
//
// Only leftmost-first searches are served: the leftmost-longest end is
// not the first live path.
package bitnfa

import (
	"fmt"
	"math/bits"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/rxjit/rxjit/regex/internal/nfa"
)

// Limits of the automata New builds. Above them New returns nil and the
// other engines answer: MaxPositions keeps a set in eight words, the
// liveness of a text in eight words a byte; MaxLooks bounds the contexts
// (one per combination of assertions) at 16; maxBuild bounds the work of
// the closures that build them (positions × states × contexts), about
// 10 ms.
const (
	MaxPositions = 512
	MaxLooks     = 4
	maxBuild     = 1 << 22
)

// Match stands for the NFA's match state in a follow list.
const Match = -1

// Automaton is the position automaton of an NFA. It is read-only once
// built and safe for concurrent use.
type Automaton struct {
	// W is the number of 64-bit words in a set of positions.
	W int
	// walk is the walk table of a one-word automaton (spans.go).
	walk [WalkWords]uint64
	// positions is the number of positions.
	positions int
	// accept holds, for each byte, the set of positions that accept it:
	// W words from accept[b*W].
	accept []uint64
	// looks is the set of assertions the NFA uses, and index maps a
	// combination of them that holds (a subset of looks) to its context.
	looks nfa.Look
	index [256]uint8
	ctx   []context
	// numSlots is the NFA's capture slot count.
	numSlots int
	// step1 and chunks1 are the one-word backward step (see Step1).
	step1   []Step1
	chunks1 []uint8
}

// context is the part of the automaton that depends on which assertions
// hold at the position where the walks are made.
type context struct {
	// follow holds each position's follow list; start that of the
	// anchored start state.
	follow []list
	start  list
	// pred holds, for each position q, the set of positions whose follow
	// list has q (W words from pred[q*W]), and toMatch the set of
	// positions whose follow list has the match.
	pred, toMatch []uint64
}

// list is a follow list: positions, or Match, in priority order.
type list struct {
	entries []int32
	// set is the set of positions in entries, and match whether the
	// match is one of them.
	set   []uint64
	match bool
	// before is, for one-word automata, the positions of entries that
	// come before the match (all of them without it).
	before uint64
	// slots holds, for each entry, the capture slots its path writes
	// (bit k for slot k), or is nil when no path writes one.
	slots []uint64
}

// list returns the list of entries, whose paths write slots.
func (a *Automaton) list(entries []int32, slots []uint64) list {
	l := list{entries: entries, set: make([]uint64, a.W)}
	for _, m := range slots {
		if m != 0 {
			l.slots = slots
			break
		}
	}
	for _, e := range entries {
		if e == Match {
			l.match = true
		} else {
			l.set[e/64] |= 1 << (e % 64)
			if !l.match && a.W == 1 {
				l.before |= 1 << e
			}
		}
	}
	return l
}

// New builds the position automaton of n, or returns nil when n exceeds
// the package's limits.
func New(n *nfa.NFA) *Automaton {
	a := &Automaton{numSlots: n.NumSlots}
	// Number the positions: the arms of the states reachable from the
	// anchored start (the unanchored loop is not needed: Scanner tries
	// each start itself), the transitions of a sparse state that share
	// a successor making one arm. States are taken from the last: the NFA
	// compiler makes what follows a state before the state, so this
	// numbers the arms of a concatenation in order, and the backward
	// step covers them with one shift (Step1).
	reach := reachable(n)
	arms := make([]int32, len(n.States))  // positions of a sparse state
	posOf := make([]int32, len(n.States)) // first position of a state
	var next []nfa.StateID                // the successor of each position
	var sets [][4]uint64                  // the bytes each position accepts
	for id := len(n.States) - 1; id >= 0; id-- {
		s := &n.States[id]
		if !reach[id] {
			continue
		}
		posOf[id] = int32(len(next))
		switch s.Kind {
		case nfa.KindLook:
			a.looks |= s.Look
		case nfa.KindRange:
			next = append(next, s.Next)
			sets = append(sets, byteSet(s.Lo, s.Hi, [4]uint64{}))
		case nfa.KindSparse:
			first := len(next)
			for _, t := range n.Trans(s) {
				k := slices.Index(next[first:], t.Next)
				if k < 0 {
					k = len(next) - first
					next = append(next, t.Next)
					sets = append(sets, [4]uint64{})
				}
				sets[first+k] = byteSet(t.Lo, t.Hi, sets[first+k])
			}
			arms[id] = int32(len(next) - first)
		}
		if len(next) > MaxPositions {
			return nil
		}
	}
	if bits.OnesCount8(uint8(a.looks)) > MaxLooks {
		return nil
	}
	np := len(next)
	a.positions = np
	a.W = max(1, (np+63)/64)
	nctx := 1 << bits.OnesCount8(uint8(a.looks))
	if np*len(n.States)*nctx > maxBuild {
		return nil
	}
	a.accept = make([]uint64, 256*a.W)
	for p, set := range sets {
		for b := range 256 {
			if set[b/64]&(1<<(b%64)) != 0 {
				a.accept[b*a.W+p/64] |= 1 << (p % 64)
			}
		}
	}
	w := walker{n: n, posOf: posOf, arms: arms, seen: make([]bool, len(n.States))}
	a.ctx = make([]context, nctx)
	for k := range nctx {
		facts := spread(k, a.looks)
		a.index[facts] = uint8(k)
		c := &a.ctx[k]
		c.follow = make([]list, np)
		c.pred = make([]uint64, np*a.W)
		c.toMatch = make([]uint64, a.W)
		for p := range np {
			c.follow[p] = a.list(w.walk(next[p], facts))
			for _, e := range c.follow[p].entries {
				if e == Match {
					c.toMatch[p/64] |= 1 << (p % 64)
				} else {
					c.pred[int(e)*a.W+p/64] |= 1 << (p % 64)
				}
			}
		}
		c.start = a.list(w.walk(n.StartAnchored, facts))
	}
	if a.W == 1 {
		a.buildStep1()
		a.buildWalk()
	}
	return a
}

// Step1 is the backward step of an automaton of at most 64 positions in
// one context, as tables both the Go loop (Automaton.Fill1) and the
// generated code read. For X, the set of positions live after byte b,
// the set live at b is
//
//	(X>>1)&Shifted[b] | Matched[b] | (Tables[0][byte Chunks[0] of X] | …) & Accept[b]
//
// that is, the positions that accept b and whose follow list has the
// match (Matched), has the next position (Shifted: a concatenation
// numbers its arms in order, so this is the common case), or meets X
// otherwise (Tables, one for each byte of X that holds such exceptions).
// Folding Accept into the first two keeps the step three operations
// long where there are no exceptions.
type Step1 struct {
	Shifted, Matched *[256]uint64
	Tables           [][256]uint64
}

// buildStep1 builds the Step1 of every context, all with the same chunks
// (Chunks1): those any context needs.
func (a *Automaton) buildStep1() {
	var need [8]bool
	exc := make([][64]uint64, len(a.ctx)) // per context and position q: pred(q) outside Shift
	shifts := make([]uint64, len(a.ctx))
	for k := range a.ctx {
		c := &a.ctx[k]
		for p := range a.positions - 1 {
			if c.pred[p+1]&(1<<p) != 0 {
				shifts[k] |= 1 << p
			}
		}
		for q := range a.positions {
			exc[k][q] = c.pred[q]
			if q > 0 {
				exc[k][q] &^= shifts[k] & (1 << (q - 1))
			}
			if exc[k][q] != 0 {
				need[q/8] = true
			}
		}
	}
	for ch, ok := range need {
		if ok {
			a.chunks1 = append(a.chunks1, uint8(ch))
		}
	}
	a.step1 = make([]Step1, len(a.ctx))
	for k := range a.ctx {
		st := &a.step1[k]
		st.Shifted, st.Matched = new([256]uint64), new([256]uint64)
		for b := range 256 {
			st.Shifted[b] = shifts[k] & a.accept[b]
			st.Matched[b] = a.ctx[k].toMatch[0] & a.accept[b]
		}
		st.Tables = make([][256]uint64, len(a.chunks1))
		for t, ch := range a.chunks1 {
			for v := 1; v < 256; v++ {
				low := v & -v
				q := int(ch)*8 + bits.TrailingZeros(uint(low))
				st.Tables[t][v] = st.Tables[t][v&^low] | exc[k][q]
			}
		}
	}
}

// Step1 returns the automaton's Step1 tables, indexed by context, and the
// chunks they cover, or nil when the automaton has more than 64
// positions. Contexts are numbered by the assertions that hold: bit j of
// the number is the j-th lowest assertion of Looks.
func (a *Automaton) Step1() (steps []Step1, chunks []uint8) { return a.step1, a.chunks1 }

// Accept1 returns, for a one-word automaton, the set of positions each
// byte is accepted by.
func (a *Automaton) Accept1() []uint64 { return a.accept }

// Looks returns the assertions that choose the context.
func (a *Automaton) Looks() nfa.Look { return a.looks }

// spread returns the combination of assertions that the bits of k pick
// from looks, lowest bit first.
func spread(k int, looks nfa.Look) nfa.Look {
	var facts nfa.Look
	for l := looks; l != 0; l &= l - 1 {
		if k&1 != 0 {
			facts |= l & -l
		}
		k >>= 1
	}
	return facts
}

// Positions returns the number of positions.
func (a *Automaton) Positions() int { return a.positions }

// byteSet adds the bytes lo..hi to set.
func byteSet(lo, hi byte, set [4]uint64) [4]uint64 {
	for b := int(lo); b <= int(hi); b++ {
		set[b/64] |= 1 << (b % 64)
	}
	return set
}

// reachable marks the states reachable from n's anchored start.
func reachable(n *nfa.NFA) []bool {
	reach := make([]bool, len(n.States))
	stack := []nfa.StateID{n.StartAnchored}
	for len(stack) > 0 {
		id := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if reach[id] {
			continue
		}
		reach[id] = true
		s := &n.States[id]
		switch s.Kind {
		case nfa.KindRange, nfa.KindCapture, nfa.KindLook:
			stack = append(stack, s.Next)
		case nfa.KindSparse:
			for _, t := range n.Trans(s) {
				stack = append(stack, t.Next)
			}
		case nfa.KindUnion:
			stack = append(stack, n.Alts(s)...)
		}
	}
	return reach
}

// walker makes follow lists.
type walker struct {
	n     *nfa.NFA
	posOf []int32
	arms  []int32
	seen  []bool
	stack []step
	done  []nfa.StateID
}

// step is a state the walk is to visit, with the capture slots written
// on the way to it.
type step struct {
	id    nfa.StateID
	slots uint64
}

// walk returns the follow list of state from: the positions and match
// reached from it without consuming input, where the assertions in facts
// hold, in the order of a depth-first walk in priority order that visits
// each state once; and for each entry, the capture slots (bit k for slot
// k, slots 64 and above dropped) written on the way to it.
func (w *walker) walk(from nfa.StateID, facts nfa.Look) (list []int32, slots []uint64) {
	w.stack = append(w.stack[:0], step{from, 0})
	for len(w.stack) > 0 {
		st := w.stack[len(w.stack)-1]
		w.stack = w.stack[:len(w.stack)-1]
		id := st.id
		if w.seen[id] {
			continue
		}
		w.seen[id] = true
		w.done = append(w.done, id)
		s := &w.n.States[id]
		switch s.Kind {
		case nfa.KindMatch:
			list, slots = append(list, Match), append(slots, st.slots)
		case nfa.KindRange:
			list, slots = append(list, w.posOf[id]), append(slots, st.slots)
		case nfa.KindSparse:
			for k := range w.arms[id] {
				list, slots = append(list, w.posOf[id]+k), append(slots, st.slots)
			}
		case nfa.KindUnion:
			alts := w.n.Alts(s)
			for k := len(alts) - 1; k >= 0; k-- {
				w.stack = append(w.stack, step{alts[k], st.slots})
			}
		case nfa.KindCapture:
			m := st.slots
			if s.Slot < 64 {
				m |= 1 << s.Slot
			}
			w.stack = append(w.stack, step{s.Next, m})
		case nfa.KindLook:
			if facts&s.Look != 0 {
				w.stack = append(w.stack, step{s.Next, st.slots})
			}
		}
	}
	for _, id := range w.done {
		w.seen[id] = false
	}
	w.done = w.done[:0]
	return list, slots
}

// contextAt returns the context of position at of input.
func (a *Automaton) contextAt(input []byte, at int) *context {
	if a.firstAt(input, at) {
		return &a.ctx[0] // index[0] is 0
	}
	return &a.ctx[a.index[a.facts(input, at)]]
}

// firstAt reports whether the context at position at of input is surely
// the first, the one where no assertion holds: the automaton has none,
// or only U+FFFD's guard, which needs a byte above 0x7F. It is small
// enough to inline where walks step a byte at a time.
func (a *Automaton) firstAt(input []byte, at int) bool {
	return a.looks == 0 || a.looks == nfa.LookInvalidRune && (at >= len(input) || input[at] < utf8.RuneSelf)
}

// facts returns the assertions of a.looks that hold at position at of
// input: nfa.LookHolds, unrolled, with the common cases first (most
// patterns use only U+FFFD's guard, which needs a look only at bytes
// above 0x7F).
func (a *Automaton) facts(input []byte, at int) nfa.Look {
	var f nfa.Look
	if a.looks&nfa.LookInvalidRune != 0 && at < len(input) && input[at] >= utf8.RuneSelf {
		if _, w := utf8.DecodeRune(input[at:]); w == 1 {
			f |= nfa.LookInvalidRune
		}
	}
	if a.looks&^nfa.LookInvalidRune == 0 {
		return f
	}
	for l := a.looks &^ nfa.LookInvalidRune; l != 0; l &= l - 1 {
		if look := l & -l; nfa.LookHolds(look, input, at) {
			f |= look
		}
	}
	return f
}

// String describes the automaton: its size, and for each position the
// bytes it accepts and its follow list where no assertion holds (Match
// written as "match").
func (a *Automaton) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%d positions in %d word(s), %d context(s)", a.positions, a.W, len(a.ctx))
	if a.looks != 0 {
		fmt.Fprintf(&b, " (assertions %s)", lookNames(a.looks))
	}
	if a.step1 != nil {
		fmt.Fprintf(&b, "; backward step: one shift, %d exception table(s)", len(a.chunks1))
	}
	b.WriteString("\n")
	c := &a.ctx[0]
	fmt.Fprintf(&b, "  start: %s\n", entriesString(c.start.entries))
	for p := range a.positions {
		fmt.Fprintf(&b, "  %d: %s -> %s\n", p, a.acceptString(p), entriesString(c.follow[p].entries))
	}
	return b.String()
}

// acceptString writes the bytes position p accepts as ranges.
func (a *Automaton) acceptString(p int) string {
	var parts []string
	for lo := 0; lo < 256; {
		if a.accept[lo*a.W+p/64]&(1<<(p%64)) == 0 {
			lo++
			continue
		}
		hi := lo
		for hi+1 < 256 && a.accept[(hi+1)*a.W+p/64]&(1<<(p%64)) != 0 {
			hi++
		}
		if lo == hi {
			parts = append(parts, fmt.Sprintf("%02x", lo))
		} else {
			parts = append(parts, fmt.Sprintf("%02x-%02x", lo, hi))
		}
		lo = hi + 1
	}
	return strings.Join(parts, ",")
}

func entriesString(entries []int32) string {
	parts := make([]string, len(entries))
	for i, e := range entries {
		if e == Match {
			parts[i] = "match"
		} else {
			parts[i] = fmt.Sprint(e)
		}
	}
	return "[" + strings.Join(parts, " ") + "]"
}

func lookNames(looks nfa.Look) string {
	var parts []string
	for l := looks; l != 0; l &= l - 1 {
		parts = append(parts, (l & -l).String())
	}
	return strings.Join(parts, " ")
}
