package nfa

import (
	"hash/maphash"
	"slices"
	"sync"
)

// Classes beyond ASCII (\pL, ., negated classes) compile to up to hundreds
// of byte states, which made them the bulk of compile time: 0.34 ms for
// \p{L}+\s\p{N}+ against 0.02 ms in regexp (BenchmarkCompile), and every
// pattern pays for the any-rune class of its unanchored start. The
// automaton of a class does not depend on the pattern around it except for
// its continuation, so it is built once per process as a template whose
// leaves point at a placeholder, and each use copies it. ASCII-only
// classes are cheap to build directly and share states with their
// neighbours.

// templateMaxCached bounds the number of templates kept.
const templateMaxCached = 1024

// Local state numbers in a template: the fail state, the placeholder for
// the continuation, then the class's own states.
const (
	templateFail = 0
	templateNext = 1
)

type classTemplate struct {
	ranges  []rune  // the class, as lo-hi pairs
	reverse bool    // built for a reversed automaton
	states  []State // the class's own states, local numbering
	root    StateID // the entry, local numbering
	// trans and alts are the states' edges, which their Edges index.
	trans []Transition
	alts  []StateID
}

var templates = struct {
	sync.RWMutex
	m map[uint64][]*classTemplate // by hash of the class's ranges
}{m: make(map[uint64][]*classTemplate)}

var templateSeed = maphash.MakeSeed()

// templateClass compiles the class ranges with continuation next by
// copying its template, building the template first if needed.
func (c *compiler) templateClass(ranges []rune, next StateID) StateID {
	h := maphash.Comparable(templateSeed, len(ranges))
	for _, r := range ranges {
		h = h*1000003 ^ uint64(r)
	}
	var t *classTemplate
	templates.RLock()
	for _, cand := range templates.m[h] {
		if cand.reverse == c.reverse && slices.Equal(cand.ranges, ranges) {
			t = cand
			break
		}
	}
	cached := len(templates.m)
	templates.RUnlock()
	if t == nil {
		t = buildTemplate(ranges, c.reverse)
		if cached < templateMaxCached {
			templates.Lock()
			templates.m[h] = append(templates.m[h], t)
			templates.Unlock()
		}
	}
	n := c.nfa
	base := StateID(len(n.States)) - 2
	remap := func(id StateID) StateID {
		switch id {
		case templateFail:
			return c.fail
		case templateNext:
			return next
		}
		return base + id
	}
	// Copied in bulk, then renumbered in place: appending edge by edge
	// cost most of the first search of `\p{L}{8,13}` (13 copies).
	transBase, altsBase, statesBase := len(n.Transitions), len(n.Successors), len(n.States)
	n.Transitions = append(n.Transitions, t.trans...)
	for i := range n.Transitions[transBase:] {
		tr := &n.Transitions[transBase+i]
		tr.Next = remap(tr.Next)
	}
	n.Successors = append(n.Successors, t.alts...)
	for i, a := range n.Successors[altsBase:] {
		n.Successors[altsBase+i] = remap(a)
	}
	n.States = append(n.States, t.states...)
	for i := range n.States[statesBase:] {
		s := &n.States[statesBase+i]
		s.Next = remap(s.Next)
		switch s.Kind {
		case KindSparse:
			s.Edges.Off += uint32(transBase)
		case KindUnion:
			s.Edges.Off += uint32(altsBase)
		}
	}
	return remap(t.root)
}

// buildTemplate compiles a class in isolation, with a placeholder state as
// its continuation.
func buildTemplate(ranges []rune, reverse bool) *classTemplate {
	b := &compiler{nfa: &NFA{}, shared: make(map[string]StateID), reverse: reverse}
	b.fail = b.add(State{Kind: KindFail})
	next := b.add(State{Kind: KindMatch})
	t := &classTemplate{ranges: slices.Clone(ranges), reverse: reverse, root: b.classStates(ranges, next)}
	t.states = b.nfa.States[2:]
	t.trans, t.alts = b.nfa.Transitions, b.nfa.Successors
	return t
}
