package nfa

import (
	"hash/maphash"
	"regexp/syntax"
	"slices"
	"sync"
	"unicode/utf8"
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
	// bounds and looks are what the class adds to an NFA's Bounds and
	// Looks, so that copies need not be scanned again.
	bounds ByteBounds
	looks  Look
}

// templateCopy is a run of an NFA's states copied from a template.
type templateCopy struct {
	start, end StateID
	t          *classTemplate
}

// templateUse remembers the template of a big class a compile has used: a
// simplified tree repeats one node for x{8,13}, and hashing \pL's ranges
// again for each copy cost more than the copy.
type templateUse struct {
	first *rune
	n     int
	t     *classTemplate
}

var templates = struct {
	sync.RWMutex
	m map[uint64][]*classTemplate // by hash of the class's ranges
}{m: make(map[uint64][]*classTemplate)}

var templateSeed = maphash.MakeSeed()

// templateClass compiles the class ranges with continuation next by
// copying its template, building the template first if needed.
func (c *compiler) templateClass(ranges []rune, next StateID) StateID {
	t := c.template(ranges)
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
	c.copies = append(c.copies, templateCopy{StateID(statesBase), StateID(len(n.States)), t})
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

// template returns the template of the class ranges for c's direction.
func (c *compiler) template(ranges []rune) *classTemplate {
	for _, u := range c.used {
		if u.first == &ranges[0] && u.n == len(ranges) {
			return u.t
		}
	}
	t := lookupTemplate(ranges, c.reverse)
	if len(ranges) >= 16 && len(c.used) < 8 {
		c.used = append(c.used, templateUse{&ranges[0], len(ranges), t})
	}
	return t
}

// lookupTemplate returns the template of the class ranges in the given
// direction, building it (and keeping it, while fewer than
// templateMaxCached are kept) if needed.
func lookupTemplate(ranges []rune, reverse bool) *classTemplate {
	h := maphash.Comparable(templateSeed, len(ranges))
	for _, r := range ranges {
		h = h*1000003 ^ uint64(r)
	}
	var t *classTemplate
	templates.RLock()
	for _, cand := range templates.m[h] {
		if cand.reverse == reverse && slices.Equal(cand.ranges, ranges) {
			t = cand
			break
		}
	}
	cached := len(templates.m)
	templates.RUnlock()
	if t == nil {
		t = buildTemplate(ranges, reverse)
		if cached < templateMaxCached {
			templates.Lock()
			templates.m[h] = append(templates.m[h], t)
			templates.Unlock()
		}
	}
	return t
}

// reserve sizes the NFA's arrays for the automaton of re (simplified),
// continued by the any-rune class of an unanchored start when unanchored
// is set. Classes compiled from templates, the bulk of big automata, are
// counted exactly (building their templates now rather than when they are
// copied) and the rest roughly. Without it, 13 copies of \pL's template
// grew the arrays by doubling, and allocating, clearing and copying the
// growing arrays took half the first search of `\p{L}{8,13}`.
func (c *compiler) reserve(re *syntax.Regexp, unanchored bool) {
	var sz templateSize
	c.measure(re, &sz)
	if unanchored {
		c.measureClass(AnyRune, &sz)
		sz.states++
		sz.alts += 2
	}
	n := c.nfa
	n.States = slices.Grow(n.States, sz.states)
	n.Transitions = slices.Grow(n.Transitions, sz.trans)
	n.Successors = slices.Grow(n.Successors, sz.alts)
}

// templateSize counts the parts of an automaton.
type templateSize struct{ states, trans, alts int }

// measure adds to sz the parts the automaton of re takes.
func (c *compiler) measure(re *syntax.Regexp, sz *templateSize) {
	switch re.Op {
	case syntax.OpLiteral:
		// A byte state per byte of the rune's encoding (U+FFFD's three
		// for a rune that has none); folded runes are small classes.
		for _, r := range re.Rune {
			if w := utf8.RuneLen(r); w > 0 {
				sz.states += w
			} else {
				sz.states += 3
			}
		}
		if re.Flags&syntax.FoldCase != 0 {
			sz.trans += 4 * len(re.Rune)
		}
	case syntax.OpCharClass:
		c.measureClass(re.Rune, sz)
	case syntax.OpAnyCharNotNL:
		c.measureClass(AnyRuneNotNL, sz)
	case syntax.OpAnyChar:
		c.measureClass(AnyRune, sz)
	case syntax.OpCapture:
		sz.states += 2
	case syntax.OpStar, syntax.OpPlus, syntax.OpQuest:
		sz.states++
		sz.alts += 2
	case syntax.OpAlternate:
		sz.states++
		sz.alts += len(re.Sub)
	default:
		sz.states++
	}
	for _, sub := range re.Sub {
		c.measure(sub, sz)
	}
}

// measureClass adds to sz the parts of the class ranges.
func (c *compiler) measureClass(ranges []rune, sz *templateSize) {
	if !usesTemplate(ranges) {
		sz.states += len(ranges)/2 + 2
		sz.trans += len(ranges)
		return
	}
	t := c.template(ranges)
	sz.states += len(t.states)
	sz.trans += len(t.trans)
	sz.alts += len(t.alts)
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
	b.bounds()
	t.bounds, t.looks = b.nfa.Bounds, b.nfa.Looks
	return t
}
