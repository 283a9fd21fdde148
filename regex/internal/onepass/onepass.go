// Package onepass is the one-pass engine: a DFA over the byte NFA whose
// transitions carry capture actions, for patterns in which, at every
// position of an anchored search, at most one thread can go on. There a
// search needs neither the PikeVM's thread lists nor the backtracker's
// visited set: it follows the one thread, writing each capture slot as
// the thread crosses it, in one pass over the text and in constant space.
//
// Which patterns qualify is decided here, on the byte NFA (not on
// regexp's one-pass rule, which works on runes): a DFA state is an NFA
// state reached right after a byte, and its transitions come from a
// depth-first walk, in priority order, of the states reachable from it
// without consuming input. The pattern qualifies when no walk reaches a
// state twice (two paths would then compete for everything after it) and
// no two byte-consuming states it reaches share a byte class, with one
// exception, below. A transition records the capture slots and the
// assertions on its path; the match state, if a walk reaches it, does the
// same in the state's match word. Transitions found after the match in
// priority order are marked: at that state the match has priority over
// them (leftmost-first), so the search stops there once the match holds.
//
// Invalid UTF-8. A class holding U+FFFD also consumes, guarded by
// nfa.LookInvalidRune, a lead byte that starts no valid encoding. That
// path shares its byte with the valid encodings of the class, so it would
// break the rule above on every negated class. It is merged instead: the
// valid path keeps the transition and the transition is marked to quit
// where an invalid encoding starts. On valid text the guarded path is
// dead, so the answer is exact; on invalid text the search gives up and
// another engine answers, so it is exact too.
//
// Only leftmost-first searches anchored at their start are served:
// leftmost-longest searches, and searches that need a match to start at
// a later position, go to the other engines.
package onepass

import (
	"math/bits"
	"unsafe"

	"github.com/rxjit/rxjit/regex/internal/nfa"
)

// Transitions and match words are 64-bit: a transition holds the row of
// the next state and the actions of taking it; a state's match word, the
// first word of its row, holds whether the state matches and the actions
// of matching there.
const (
	// NextMask selects a transition's next state: the offset of its row
	// in words. Row 0 is the dead state, whose words are all zero, so a
	// zero transition is no transition.
	NextMask = 1<<21 - 1
	// FlagQuit marks a transition that gives up where an invalid UTF-8
	// encoding starts (see the package comment).
	FlagQuit = 1 << 22
	// FlagWins marks a transition that loses to a match of its state.
	FlagWins = 1 << 23
	// MatchBit marks a match word: the state matches (where its
	// assertions hold).
	MatchBit = 1
	// LookShift is where the assertions (nfa.Look) that must hold
	// before the byte, or for the match, begin.
	LookShift = 24
	// SlotShift is where the capture slots written with the position
	// begin: bit SlotShift+k is slot 2+k.
	SlotShift = 32
)

// MaxSlots is the most capture slots a one-pass pattern may have: the
// whole match's two and 32 in a transition's slot mask (16 groups).
const MaxSlots = 2 + 32

// maxWords bounds a table, in 64-bit words (1 MiB): one-pass patterns
// rarely need more than a few hundred states, and a larger table would
// cost more to build than the searches it serves save.
const maxWords = 1 << 17

// DFA is a one-pass automaton. It is immutable and safe for concurrent
// use; a search needs no cache.
type DFA struct {
	// Classes maps a byte to its class; a state's transition on class k
	// is word 1+k of its row.
	Classes [256]byte
	// Rows holds the states, Stride words each: the match word, then
	// one transition per byte class. Row 0 is the dead state.
	Rows   []uint64
	Stride int
	// Start is the row of the start state.
	Start    uint32
	numSlots int
	// anchoredBegin reports that a match can start only at 0.
	anchoredBegin bool
}

// New builds the one-pass DFA of n, or returns nil when n is not one-pass
// (or too large for the table's bounds).
func New(n *nfa.NFA) *DFA {
	if n.NumSlots > MaxSlots {
		return nil
	}
	classes, nc := n.Bounds.Classes()
	b := &builder{
		nfa:   n,
		d:     &DFA{Classes: classes, Stride: 1 + nc, numSlots: n.NumSlots, anchoredBegin: n.AnchoredBegin},
		rowOf: make(map[nfa.StateID]uint32),
		seen:  make([]uint32, len(n.States)),
	}
	b.d.Rows = make([]uint64, b.d.Stride, 8*b.d.Stride) // the dead state
	start, ok := b.state(n.StartAnchored)
	if !ok {
		return nil
	}
	b.d.Start = start
	for i := 0; i < len(b.queue); i++ {
		if !b.fill(b.queue[i]) {
			return nil
		}
	}
	return b.d
}

type builder struct {
	nfa *nfa.NFA
	d   *DFA
	// rowOf maps an NFA state to the row of the DFA state it roots;
	// queue holds the roots in row order, filled or to be filled.
	rowOf map[nfa.StateID]uint32
	queue []nfa.StateID
	// seen[id] == epoch when the current walk has reached id.
	seen  []uint32
	epoch uint32
	stack []item
}

// item is a state on the walk's stack with the slots and assertions of
// the path that reached it.
type item struct {
	id    nfa.StateID
	slots uint32
	looks nfa.Look
}

// state returns the row of the DFA state rooted at id, adding the row
// (to be filled) if it is new; it fails when the table would grow past
// its bound.
func (b *builder) state(id nfa.StateID) (uint32, bool) {
	if row, ok := b.rowOf[id]; ok {
		return row, true
	}
	row := len(b.d.Rows)
	if row+b.d.Stride > maxWords {
		return 0, false
	}
	b.d.Rows = append(b.d.Rows, make([]uint64, b.d.Stride)...)
	b.rowOf[id] = uint32(row)
	b.queue = append(b.queue, id)
	return uint32(row), true
}

// fill walks the states reachable from root without consuming input and
// fills root's row; it reports false if the pattern is not one-pass.
func (b *builder) fill(root nfa.StateID) bool {
	n := b.nfa
	rowAt := int(b.rowOf[root])
	b.epoch++
	matched := false
	stack := append(b.stack[:0], item{id: root})
	defer func() { b.stack = stack[:0] }()
	for len(stack) > 0 {
		it := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if b.seen[it.id] == b.epoch {
			return false
		}
		b.seen[it.id] = b.epoch
		s := &n.States[it.id]
		switch s.Kind {
		case nfa.KindMatch:
			b.d.Rows[rowAt] = MatchBit | uint64(it.looks)<<LookShift | uint64(it.slots)<<SlotShift
			matched = true
		case nfa.KindRange:
			if !b.add(rowAt, s.Lo, s.Hi, s.Next, it, matched) {
				return false
			}
		case nfa.KindSparse:
			for _, t := range n.Trans(s) {
				if !b.add(rowAt, t.Lo, t.Hi, t.Next, it, matched) {
					return false
				}
			}
		case nfa.KindUnion:
			alts := n.Alts(s)
			for i := len(alts) - 1; i >= 0; i-- {
				stack = append(stack, item{alts[i], it.slots, it.looks})
			}
		case nfa.KindCapture:
			if s.Slot >= MaxSlots {
				return false
			}
			if s.Slot >= 2 {
				it.slots |= 1 << (s.Slot - 2)
			}
			stack = append(stack, item{s.Next, it.slots, it.looks})
		case nfa.KindLook:
			stack = append(stack, item{s.Next, it.slots, it.looks | s.Look})
		}
	}
	return true
}

// add sets the transitions of the row at rowAt on bytes lo..hi to next,
// with the actions of the path it, and reports false if another path
// already takes one of those bytes (see the package comment for the one
// conflict that is merged).
func (b *builder) add(rowAt int, lo, hi byte, next nfa.StateID, it item, matched bool) bool {
	target, ok := b.state(next)
	if !ok {
		return false
	}
	t := uint64(target) | uint64(it.looks)<<LookShift | uint64(it.slots)<<SlotShift
	if matched {
		t |= FlagWins
	}
	row := b.d.Rows[rowAt+1 : rowAt+b.d.Stride]
	for k := int(b.d.Classes[lo]); k <= int(b.d.Classes[hi]); k++ {
		switch cur := row[k]; {
		case cur == 0:
			row[k] = t
		case cur&^FlagQuit == t:
		case guarded(cur) || guarded(t):
			if guarded(cur) {
				cur = t
			}
			row[k] = cur | FlagQuit
		default:
			return false
		}
	}
	return true
}

// guarded reports whether transition t is the path of an invalid lead
// byte.
func guarded(t uint64) bool { return nfa.Look(t>>LookShift)&nfa.LookInvalidRune != 0 }

// NumSlots returns the number of capture slots of the pattern.
func (d *DFA) NumSlots() int { return d.numSlots }

// NumStates returns the number of states, the dead one included.
func (d *DFA) NumStates() int { return len(d.Rows) / d.Stride }

// Search looks for the leftmost-first match that starts at start and
// reports whether there is one. slots receives its capture positions, as
// Backtracker.Search gives them (its length, at most the NFA's NumSlots,
// says how many to track); they are unchanged when there is no match.
//
// ok is false when the search met invalid UTF-8 it cannot decide (see
// the package comment): another engine must answer.
func (d *DFA) Search(input []byte, start int, slots []int) (matched, ok bool) {
	var e Exec
	if !d.Begin(&e, start, len(slots)) {
		return false, true
	}
	if _, ok := d.Step(&e, input, len(input)+1); !ok {
		return false, false
	}
	return e.Finish(slots), true
}

// Exec is the state of one search, shared by the Go loop (Step) and the
// generated code of package jit, which can hand a search to each other
// at any position.
type Exec struct {
	// Cur holds the working slots and Out those of the last match; the
	// generated code addresses the two as one block (Scratch).
	Cur, Out [MaxSlots]int
	// Start is where the search started, At the position of the next
	// byte and State the row of the current state.
	Start, At int
	State     uint32
	// Match is the position of the last match, or -1.
	Match int
	// ns is the number of slots asked for, and keep their mask in a
	// transition's slot bits.
	ns   int
	keep uint32
}

// unset is a set of slots none of which is set.
var unset = func() (s [MaxSlots]int) {
	for i := range s {
		s[i] = -1
	}
	return s
}()

// Scratch returns Cur and Out as the bytes of one block, for generated
// code.
func (e *Exec) Scratch() []byte {
	return unsafe.Slice((*byte)(unsafe.Pointer(&e.Cur)), 2*MaxSlots*int(unsafe.Sizeof(e.Cur[0])))
}

// Begin prepares e for a search from start that fills ns slots. It
// reports false when no match can start there.
func (d *DFA) Begin(e *Exec, start, ns int) bool {
	if d.anchoredBegin && start > 0 {
		return false
	}
	e.Cur = unset
	e.Start, e.At, e.State, e.Match = start, start, d.Start, -1
	// Slots beyond the NFA's (a group that simplification removed, as
	// in (a){0}) are never written: Finish reports them unset.
	e.ns, e.keep = min(ns, d.numSlots), 0
	if e.ns > 2 {
		e.keep = 1<<(e.ns-2) - 1
	}
	return true
}

// Finish copies the slots of the match, if there is one, into slots and
// reports whether there is.
func (e *Exec) Finish(slots []int) bool {
	if e.Match < 0 {
		return false
	}
	if len(slots) > 0 {
		copy(slots, e.Out[:e.ns])
		for i := max(e.ns, 2); i < len(slots); i++ {
			slots[i] = -1
		}
		slots[0] = e.Start
		if len(slots) > 1 {
			slots[1] = e.Match
		}
	}
	return true
}

// Step runs the search in e until it is over (done) or has consumed the
// bytes before limit (then e.At == limit, with the next state's match not
// yet checked). ok is false when it met invalid UTF-8 it cannot decide.
func (d *DFA) Step(e *Exec, input []byte, limit int) (done, ok bool) {
	rows, classes := d.Rows, &d.Classes
	sid, at, keep := e.State, e.At, e.keep
	defer func() { e.State, e.At = sid, at }()
	for {
		m := rows[sid]
		if m != 0 && holds(nfa.Look(m>>LookShift), input, at) {
			e.Match = at
			if keep != 0 {
				copy(e.Out[2:e.ns], e.Cur[2:e.ns])
			}
			for s := uint32(m>>SlotShift) & keep; s != 0; s &= s - 1 {
				e.Out[2+bits.TrailingZeros32(s)] = at
			}
			if at == len(input) || rows[int(sid)+1+int(classes[input[at]])]&FlagWins != 0 {
				return true, true
			}
		}
		if at == len(input) {
			return true, true
		}
		t := rows[int(sid)+1+int(classes[input[at]])]
		if t&(FlagQuit|0xFF<<LookShift) != 0 {
			if t&FlagQuit != 0 && nfa.LookHolds(nfa.LookInvalidRune, input, at) {
				return true, false
			}
			if !holds(nfa.Look(t>>LookShift), input, at) {
				return true, true
			}
		}
		for s := uint32(t>>SlotShift) & keep; s != 0; s &= s - 1 {
			e.Cur[2+bits.TrailingZeros32(s)] = at
		}
		if sid = uint32(t) & NextMask; sid == 0 {
			return true, true
		}
		if at++; at == limit {
			return false, true
		}
	}
}

// holds reports whether every assertion in looks holds at position at.
func holds(looks nfa.Look, input []byte, at int) bool {
	for looks != 0 {
		l := looks & -looks
		if !nfa.LookHolds(l, input, at) {
			return false
		}
		looks &^= l
	}
	return true
}
