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
	// numTrans and numAlts count the transitions and alternatives of all
	// states, so that a copy allocates them in one piece each.
	numTrans, numAlts int
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
	n := len(templates.m)
	templates.RUnlock()
	if t == nil {
		t = buildTemplate(ranges, c.reverse)
		if n < templateMaxCached {
			templates.Lock()
			templates.m[h] = append(templates.m[h], t)
			templates.Unlock()
		}
	}
	base := StateID(len(c.nfa.States)) - 2
	remap := func(id StateID) StateID {
		switch id {
		case templateFail:
			return c.fail
		case templateNext:
			return next
		}
		return base + id
	}
	c.nfa.States = slices.Grow(c.nfa.States, len(t.states))
	trans := make([]Transition, 0, t.numTrans)
	alts := make([]StateID, 0, t.numAlts)
	for _, s := range t.states {
		s.Next = remap(s.Next)
		if s.Trans != nil {
			k := len(trans)
			for _, tr := range s.Trans {
				trans = append(trans, Transition{Lo: tr.Lo, Hi: tr.Hi, Next: remap(tr.Next)})
			}
			s.Trans = trans[k:len(trans):len(trans)]
		}
		if s.Alts != nil {
			k := len(alts)
			for _, a := range s.Alts {
				alts = append(alts, remap(a))
			}
			s.Alts = alts[k:len(alts):len(alts)]
		}
		c.nfa.States = append(c.nfa.States, s)
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
	for i := range t.states {
		t.numTrans += len(t.states[i].Trans)
		t.numAlts += len(t.states[i].Alts)
	}
	return t
}
