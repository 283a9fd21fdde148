// Package nfa builds byte-level Thompson NFAs from parsed regular
// expressions.
//
// The NFA is the intermediate representation every rxjit engine consumes:
// the PikeVM simulates it directly, and the DFA, literal extraction and the
// code generator read it. It works on bytes, not runes: a character class
// becomes a small automaton over the UTF-8 encodings of its runes, with
// shared suffixes, so the engines above it never decode UTF-8.
//
// Go's regexp decodes its input with utf8.DecodeRune: every byte that does
// not start a valid encoding is a rune of its own, U+FFFD of width 1. The
// NFA reproduces that rule exactly. A class that contains U+FFFD matches,
// besides the three-byte encoding EF BF BD, any byte that can never start a
// valid encoding (80-C1, F5-FF) and, guarded by the LookInvalidRune
// assertion, a lead byte (C2-F4) that is not followed by a valid
// completion. Engines that start a search part-way through the input must
// only do so at rune boundaries in that sense; StartUnanchored encodes the
// rule for engines that prefer a prefix loop.
//
// The set of state kinds is small and closed; see Kind.
package nfa

import (
	"fmt"
	"strings"
)

// StateID identifies a state: it is the state's index in NFA.States.
type StateID uint32

// Kind is the kind of an NFA state.
type Kind uint8

const (
	// KindFail never matches.
	KindFail Kind = iota
	// KindMatch accepts: the regular expression has matched.
	KindMatch
	// KindRange consumes one byte in Lo..Hi and moves to Next.
	KindRange
	// KindSparse consumes one byte and moves to the Next of the one
	// transition (NFA.Trans) whose range contains it. The transitions are
	// sorted by Lo and their ranges are disjoint.
	KindSparse
	// KindUnion moves, without consuming input, to each of its
	// successors (NFA.Alts); earlier ones have priority over later ones.
	KindUnion
	// KindCapture records the current position in capture slot Slot and
	// moves to Next without consuming input.
	KindCapture
	// KindLook moves to Next without consuming input when the assertion
	// Look holds at the current position.
	KindLook
)

var kindNames = [...]string{
	KindFail:    "fail",
	KindMatch:   "match",
	KindRange:   "range",
	KindSparse:  "sparse",
	KindUnion:   "union",
	KindCapture: "capture",
	KindLook:    "look",
}

// String returns the kind's lower-case name.
func (k Kind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return fmt.Sprintf("Kind(%d)", k)
}

// Look is an empty-width assertion about the current position.
type Look uint8

const (
	// LookBeginText holds at the start of the input (\A, or ^ without (?m)).
	LookBeginText Look = 1 << iota
	// LookEndText holds at the end of the input (\z, or $ without (?m)).
	LookEndText
	// LookBeginLine holds at the start of the input or after a '\n'.
	LookBeginLine
	// LookEndLine holds at the end of the input or before a '\n'.
	LookEndLine
	// LookWordBoundary holds between an ASCII word byte and a byte that is
	// not one (the input's edges count as non-word).
	LookWordBoundary
	// LookNoWordBoundary holds where LookWordBoundary does not.
	LookNoWordBoundary
	// LookInvalidRune holds where utf8.DecodeRune of the rest of the input
	// yields U+FFFD of width 1 although a byte follows: an invalid or
	// truncated encoding starts here.
	LookInvalidRune
)

var lookNames = map[Look]string{
	LookBeginText:      `\A`,
	LookEndText:        `\z`,
	LookBeginLine:      `(?m:^)`,
	LookEndLine:        `(?m:$)`,
	LookWordBoundary:   `\b`,
	LookNoWordBoundary: `\B`,
	LookInvalidRune:    `invalid-utf8`,
}

// String returns the assertion in regular-expression syntax.
func (l Look) String() string {
	if s, ok := lookNames[l]; ok {
		return s
	}
	return fmt.Sprintf("Look(%#x)", uint8(l))
}

// Transition is one arm of a KindSparse state: bytes Lo..Hi lead to Next.
type Transition struct {
	Lo, Hi byte
	Next   StateID
}

// State is one NFA state. Which fields are meaningful depends on Kind.
// States hold no pointers: the transitions of sparse states and the
// successors of unions live in two arrays of the NFA (Transitions and
// Successors), and a state names its part of one of them. That keeps a
// state at 20 bytes, and the states of a pattern in three allocations the
// garbage collector need not scan.
type State struct {
	Kind Kind
	Lo   byte    // KindRange: first byte accepted
	Hi   byte    // KindRange: last byte accepted
	Look Look    // KindLook: the assertion
	Slot uint32  // KindCapture: slot index (2*group, or 2*group+1)
	Next StateID // KindRange, KindCapture, KindLook: the successor
	// Edges is, for KindSparse, the state's byte transitions in
	// Transitions and, for KindUnion, its successors in priority order in
	// Successors.
	Edges Span
}

// Span is a part of one of an NFA's edge arrays.
type Span struct{ Off, Len uint32 }

// NFA is a compiled byte-level Thompson automaton.
//
// Capture slots 0 and 1 (the whole match) are not represented by states:
// engines record them where a search starts and where it reaches
// KindMatch, as Go's regexp does.
type NFA struct {
	// States holds every state; a StateID indexes it.
	States []State
	// Transitions holds the byte transitions of every KindSparse state,
	// and Successors the successors of every KindUnion state (see
	// State.Edges).
	Transitions []Transition
	Successors  []StateID
	// StartAnchored is where a match that starts at the current position
	// begins.
	StartAnchored StateID
	// StartUnanchored is StartAnchored preceded by a lazy loop over any
	// rune (in the sense of the package comment), so a match may start at
	// any rune boundary at or after the starting position.
	StartUnanchored StateID
	// NumSlots is 2*(1+NumGroups): the capture slots a full search fills.
	NumSlots int
	// GroupNames holds the name of each capture group; index 0 is the
	// whole match and unnamed groups have "".
	GroupNames []string
	// AnchoredBegin reports that every match starts at the beginning of
	// the input (the pattern starts with \A on every path).
	AnchoredBegin bool
	// Looks is the set of assertions the NFA's states use.
	Looks Look
	// Bounds marks the bytes where a new byte class begins: two bytes
	// with no mark between them are treated alike by every transition,
	// so automata over the NFA may work on classes instead of bytes.
	// Byte 0 always starts a class.
	Bounds ByteBounds
}

// String returns a compact listing of the NFA, one state per line, in the
// style of regexp/syntax's Prog dump:
//
//	0: fail
//	1: match
//	2: range 61-62 -> 1
//	3: sparse 00-09 -> 1, 0b-7f -> 1
//	4: union 2, 5
//	5: capture 2 -> 4
//	6: look \b -> 1
//
// A '^' marks StartAnchored and a '>' StartUnanchored.
func (n *NFA) String() string {
	var b strings.Builder
	for i := range n.States {
		id := StateID(i)
		mark := " "
		switch id {
		case n.StartAnchored:
			mark = "^"
		case n.StartUnanchored:
			mark = ">"
		}
		fmt.Fprintf(&b, "%s%d: %s\n", mark, i, n.StateString(id))
	}
	return b.String()
}

// Trans returns the byte transitions of the KindSparse state s, in
// ascending order of bytes.
func (n *NFA) Trans(s *State) []Transition {
	return n.Transitions[s.Edges.Off : s.Edges.Off+s.Edges.Len : s.Edges.Off+s.Edges.Len]
}

// Alts returns the successors of the KindUnion state s, in priority
// order.
func (n *NFA) Alts(s *State) []StateID {
	return n.Successors[s.Edges.Off : s.Edges.Off+s.Edges.Len : s.Edges.Off+s.Edges.Len]
}

// StateString returns a one-line description of the state id.
func (n *NFA) StateString(id StateID) string {
	s := &n.States[id]
	switch s.Kind {
	case KindRange:
		return fmt.Sprintf("range %s -> %d", byteRange(s.Lo, s.Hi), s.Next)
	case KindSparse:
		trans := n.Trans(s)
		parts := make([]string, len(trans))
		for i, t := range trans {
			parts[i] = fmt.Sprintf("%s -> %d", byteRange(t.Lo, t.Hi), t.Next)
		}
		return "sparse " + strings.Join(parts, ", ")
	case KindUnion:
		alts := n.Alts(s)
		parts := make([]string, len(alts))
		for i, a := range alts {
			parts[i] = fmt.Sprint(a)
		}
		return "union " + strings.Join(parts, ", ")
	case KindCapture:
		return fmt.Sprintf("capture %d -> %d", s.Slot, s.Next)
	case KindLook:
		return fmt.Sprintf("look %s -> %d", s.Look, s.Next)
	}
	return s.Kind.String()
}

func byteRange(lo, hi byte) string {
	if lo == hi {
		return fmt.Sprintf("%02x", lo)
	}
	return fmt.Sprintf("%02x-%02x", lo, hi)
}

// Step reports whether the byte c is accepted by s, a KindRange or
// KindSparse state, and the state it leads to.
func (n *NFA) Step(s *State, c byte) (StateID, bool) {
	if s.Kind == KindRange {
		return s.Next, s.Lo <= c && c <= s.Hi
	}
	for _, t := range n.Trans(s) {
		if c < t.Lo {
			break
		}
		if c <= t.Hi {
			return t.Next, true
		}
	}
	return 0, false
}

// MinLen returns the length in bytes of the shortest input that a match
// starting at StartAnchored can span, ignoring assertions, or -1 if no
// input matches. A search over fewer bytes cannot succeed.
func (n *NFA) MinLen() int {
	// Breadth-first by distance: level holds the states first reached
	// after d bytes; moves that consume nothing stay in the level.
	seen := make([]bool, len(n.States))
	level := []StateID{n.StartAnchored}
	var next []StateID
	for d := 0; len(level) > 0; d++ {
		for i := 0; i < len(level); i++ {
			id := level[i]
			if seen[id] {
				continue
			}
			seen[id] = true
			s := &n.States[id]
			switch s.Kind {
			case KindMatch:
				return d
			case KindUnion:
				level = append(level, n.Alts(s)...)
			case KindCapture, KindLook:
				level = append(level, s.Next)
			case KindRange:
				next = append(next, s.Next)
			case KindSparse:
				// States already reached are not queued again: the
				// byte tries of big classes lead to a few states
				// by hundreds of transitions.
				for _, t := range n.Trans(s) {
					if !seen[t.Next] {
						next = append(next, t.Next)
					}
				}
			}
		}
		level, next = next, level[:0]
	}
	return -1
}
