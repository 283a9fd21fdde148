package nfa

import (
	"encoding/binary"
	"regexp/syntax"
	"slices"
	"unicode"
	"unicode/utf8"
)

// Compile builds the NFA of a parsed regular expression. It simplifies re
// itself (re is not modified), so that the automaton has the shape of the
// program regexp/syntax would compile: the same alternatives in the same
// priority order, and the same loops, which is what makes capture results
// identical to Go's regexp.
//
// The construction runs backwards: every sub-expression is compiled with
// its continuation already known. That needs no patch lists, and it lets
// identical byte states with identical successors be shared.
func Compile(re *syntax.Regexp) *NFA {
	n := &NFA{
		NumSlots:   2 * (1 + re.MaxCap()),
		GroupNames: re.CapNames(),
	}
	c := &compiler{nfa: n, shared: make(map[string]StateID)}
	simple := re.Simplify()
	c.reserve(simple, true)
	c.fail = c.add(State{Kind: KindFail})
	match := c.add(State{Kind: KindMatch})
	n.StartAnchored = c.compile(simple, match)
	n.AnchoredBegin = IsAnchoredBegin(simple)

	// StartUnanchored: (?s:.)*? in front of the pattern.
	loop := c.add(State{Kind: KindUnion})
	c.setAlts(loop, n.StartAnchored, c.class(AnyRune, loop))
	n.StartUnanchored = loop
	c.bounds()
	return n
}

type compiler struct {
	nfa  *NFA
	fail StateID
	// reverse builds the automaton of the reversed language (see
	// CompileReverse).
	reverse bool
	// shared maps a key describing a state created for a character class
	// to that state, so that classes share suffixes (within a class and
	// across classes with the same continuation).
	shared map[string]StateID

	// copies are the runs of states copied from templates, in order;
	// used remembers the templates of the classes met so far.
	copies []templateCopy
	used   []templateUse

	// Scratch space reused by every class.
	seqs   []utf8Seq
	levels []trieLevel
	spare  [][]Transition
	key    []byte
}

func (c *compiler) add(s State) StateID {
	c.nfa.States = append(c.nfa.States, s)
	return StateID(len(c.nfa.States) - 1)
}

// addUnion adds a union of alts, in priority order.
func (c *compiler) addUnion(alts ...StateID) StateID {
	id := c.add(State{Kind: KindUnion})
	c.setAlts(id, alts...)
	return id
}

// setAlts gives the union id the successors alts.
func (c *compiler) setAlts(id StateID, alts ...StateID) {
	n := c.nfa
	n.States[id].Edges = Span{uint32(len(n.Successors)), uint32(len(alts))}
	n.Successors = append(n.Successors, alts...)
}

// compile returns the start of an automaton for re that continues at next.
func (c *compiler) compile(re *syntax.Regexp, next StateID) StateID {
	switch re.Op {
	case syntax.OpNoMatch:
		return c.fail
	case syntax.OpEmptyMatch:
		return next
	case syntax.OpLiteral:
		fold := re.Flags&syntax.FoldCase != 0
		if c.reverse {
			for _, r := range re.Rune {
				next = c.literal(r, fold, next)
			}
			return next
		}
		for i := len(re.Rune) - 1; i >= 0; i-- {
			next = c.literal(re.Rune[i], fold, next)
		}
		return next
	case syntax.OpCharClass:
		return c.class(re.Rune, next)
	case syntax.OpAnyCharNotNL:
		return c.class(AnyRuneNotNL, next)
	case syntax.OpAnyChar:
		return c.class(AnyRune, next)
	case syntax.OpBeginLine, syntax.OpEndLine, syntax.OpBeginText, syntax.OpEndText,
		syntax.OpWordBoundary, syntax.OpNoWordBoundary:
		return c.look(LookOf(re.Op), next)
	case syntax.OpCapture:
		if c.reverse {
			return c.compile(re.Sub[0], next)
		}
		end := c.add(State{Kind: KindCapture, Slot: uint32(2*re.Cap + 1), Next: next})
		body := c.compile(re.Sub[0], end)
		return c.add(State{Kind: KindCapture, Slot: uint32(2 * re.Cap), Next: body})
	case syntax.OpStar:
		// Like regexp/syntax: x* is a loop, except that a nullable x
		// becomes (x+)? so that priorities come out right (Go issue 46123).
		loop, body := c.repeat(re.Sub[0], re.Flags&syntax.NonGreedy != 0, next)
		if Nullable(re.Sub[0]) {
			return c.union(re.Flags&syntax.NonGreedy != 0, body, next)
		}
		return loop
	case syntax.OpPlus:
		_, body := c.repeat(re.Sub[0], re.Flags&syntax.NonGreedy != 0, next)
		return body
	case syntax.OpQuest:
		return c.union(re.Flags&syntax.NonGreedy != 0, c.compile(re.Sub[0], next), next)
	case syntax.OpConcat:
		if c.reverse {
			for _, sub := range re.Sub {
				next = c.compile(sub, next)
			}
			return next
		}
		for i := len(re.Sub) - 1; i >= 0; i-- {
			next = c.compile(re.Sub[i], next)
		}
		return next
	case syntax.OpAlternate:
		alts := make([]StateID, len(re.Sub))
		for i, sub := range re.Sub {
			alts[i] = c.compile(sub, next)
		}
		return c.addUnion(alts...)
	}
	// Simplify removes OpRepeat; the parser produces nothing else.
	panic("nfa: unexpected op " + re.Op.String())
}

// repeat compiles a loop over sub that exits to next: a union that prefers
// another iteration (or, when lazy, the exit). It returns the union and
// the start of the loop's body.
func (c *compiler) repeat(sub *syntax.Regexp, lazy bool, next StateID) (loop, body StateID) {
	loop = c.add(State{Kind: KindUnion})
	body = c.compile(sub, loop)
	first, second := priority(lazy, body, next)
	c.setAlts(loop, first, second)
	return loop, body
}

// union returns a union of the greedy choice first and the other second,
// or the reverse when lazy.
func (c *compiler) union(lazy bool, first, other StateID) StateID {
	a, b := priority(lazy, first, other)
	return c.addUnion(a, b)
}

func priority(lazy bool, first, other StateID) (StateID, StateID) {
	if lazy {
		return other, first
	}
	return first, other
}

func (c *compiler) look(l Look, next StateID) StateID {
	return c.add(State{Kind: KindLook, Look: l, Next: next})
}

// literal compiles one rune of a literal; with fold, it matches every rune
// of r's simple case-folding orbit, as regexp/syntax's InstRune does.
func (c *compiler) literal(r rune, fold bool, next StateID) StateID {
	if fold {
		if ranges := FoldRanges(r); ranges != nil {
			return c.class(ranges, next)
		}
	}
	if r == utf8.RuneError || r > unicode.MaxRune || (0xD800 <= r && r <= 0xDFFF) {
		return c.class([]rune{r, r}, next)
	}
	var buf [utf8.UTFMax]byte
	n := utf8.EncodeRune(buf[:], r)
	for i := n - 1; i >= 0; i-- {
		b := buf[i]
		if c.reverse {
			b = buf[n-1-i]
		}
		next = c.bytes([]Transition{{Lo: b, Hi: b, Next: next}})
	}
	return next
}

// LookOf returns the assertion of the empty-width operator op (one of
// OpBeginLine, OpEndLine, OpBeginText, OpEndText, OpWordBoundary and
// OpNoWordBoundary), or 0 for any other operator.
func LookOf(op syntax.Op) Look {
	switch op {
	case syntax.OpBeginLine:
		return LookBeginLine
	case syntax.OpEndLine:
		return LookEndLine
	case syntax.OpBeginText:
		return LookBeginText
	case syntax.OpEndText:
		return LookEndText
	case syntax.OpWordBoundary:
		return LookWordBoundary
	case syntax.OpNoWordBoundary:
		return LookNoWordBoundary
	}
	return 0
}

// FoldRanges returns the runes of r's simple case-folding orbit as the
// sorted lo-hi pairs of a class, each rune a pair of its own, or nil if
// the orbit is r alone: what a literal rune matches under (?i), as
// regexp/syntax's InstRune decides it.
func FoldRanges(r rune) []rune {
	if unicode.SimpleFold(r) == r {
		return nil
	}
	orbit := []rune{r}
	for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
		orbit = append(orbit, f)
	}
	slices.Sort(orbit)
	ranges := make([]rune, 0, 2*len(orbit))
	for _, f := range orbit {
		ranges = append(ranges, f, f)
	}
	return ranges
}

// class compiles a character class given as sorted, disjoint lo-hi rune
// pairs (the form of syntax.Regexp.Rune) into a trie of byte states whose
// leaves continue at next.
func (c *compiler) class(ranges []rune, next StateID) StateID {
	if usesTemplate(ranges) {
		return c.templateClass(ranges, next)
	}
	return c.classStates(ranges, next)
}

// usesTemplate reports whether the class ranges is compiled by copying a
// template: whether it reaches beyond ASCII.
func usesTemplate(ranges []rune) bool {
	return len(ranges) >= 2 && ranges[len(ranges)-1] >= utf8.RuneSelf
}

// AnyRune and AnyRuneNotNL are the classes of . with and without the s
// flag, as sorted lo-hi pairs. They are shared and must never be
// modified.
var (
	AnyRune      = []rune{0, unicode.MaxRune}
	AnyRuneNotNL = []rune{0, '\n' - 1, '\n' + 1, unicode.MaxRune}
)

// classStates builds the states of a class directly.
func (c *compiler) classStates(ranges []rune, next StateID) StateID {
	c.seqs = c.seqs[:0]
	hasFFFD := false
	for i := 0; i+1 < len(ranges); i += 2 {
		lo, hi := ranges[i], ranges[i+1]
		c.seqs = utf8Seqs(c.seqs, lo, min(hi, unicode.MaxRune))
		if lo <= utf8.RuneError && utf8.RuneError <= hi {
			hasFFFD = true
		}
	}
	if c.reverse {
		// Reversed encodings. Of the invalid-UTF-8 branches only the
		// bytes that never occur in an encoding (C0, C1, F5-FF) remain:
		// a reverse automaton reads only text in which every other
		// invalid byte has been replaced by 0xFF (see CompileReverse).
		trans := c.reverseTrie(c.seqs, next)
		if hasFFFD {
			trans = append(trans,
				Transition{Lo: 0xC0, Hi: 0xC1, Next: next},
				Transition{Lo: 0xF5, Hi: 0xFF, Next: next})
		}
		if len(trans) == 0 {
			return c.fail
		}
		return c.bytes(trans)
	}
	trans := c.trie(c.seqs, next)
	if !hasFFFD {
		if len(trans) == 0 {
			return c.fail
		}
		return c.bytes(trans)
	}
	// U+FFFD also stands for every byte that starts no valid encoding.
	// Bytes that can never start one are plain transitions; a lead byte
	// C2-F4 counts only where its encoding is invalid or truncated.
	trans = append(trans,
		Transition{Lo: 0x80, Hi: 0xC1, Next: next},
		Transition{Lo: 0xF5, Hi: 0xFF, Next: next})
	valid := c.bytes(trans)
	lead := c.bytes([]Transition{{Lo: 0xC2, Hi: 0xF4, Next: next}})
	invalid := c.sharedState(State{Kind: KindLook, Look: LookInvalidRune, Next: lead}, nil, nil)
	return c.sharedState(State{Kind: KindUnion}, nil, []StateID{valid, invalid})
}

// trieLevel is one level of the trie under construction in c.trie: the
// finished transitions of the deepest node at that depth, and the open
// edge whose subtree is still being built.
type trieLevel struct {
	trans  []Transition
	lo, hi byte
	open   bool
}

// trie compiles the byte trie of seqs, which must be in ascending order,
// and returns the root's transitions. It never builds the trie itself:
// as in incremental construction of minimal automata, a subtree is
// compiled (and shared with any identical one through c.bytes) as soon as
// a sequence arrives that does not extend it.
func (c *compiler) trie(seqs []utf8Seq, next StateID) []Transition {
	levels := c.levels[:0]
	// closeTo compiles the open subtrees below depth d and adds them to
	// their parents, leaving level d's edge open.
	closeTo := func(d int) {
		for i := len(levels) - 1; i > d; i-- {
			lv := &levels[i]
			if lv.open {
				// The deepest open edge ends a sequence.
				lv.trans = append(lv.trans, Transition{Lo: lv.lo, Hi: lv.hi, Next: next})
			}
			id := c.bytes(lv.trans)
			c.spare = append(c.spare, lv.trans[:0])
			parent := &levels[i-1]
			parent.trans = append(parent.trans, Transition{Lo: parent.lo, Hi: parent.hi, Next: id})
			parent.open = false
			levels = levels[:i]
		}
	}
	for k := range seqs {
		s := &seqs[k]
		// Depth of the longest shared prefix with the open path.
		d := 0
		for d < len(levels) && d < s.n-1 && levels[d].open && levels[d].lo == s.lo[d] && levels[d].hi == s.hi[d] {
			d++
		}
		closeTo(d)
		if d < len(levels) && levels[d].open {
			lv := &levels[d]
			lv.trans = append(lv.trans, Transition{Lo: lv.lo, Hi: lv.hi, Next: next})
			lv.open = false
		}
		for i := d; i < s.n; i++ {
			if i == len(levels) {
				levels = append(levels, trieLevel{trans: c.spareTrans()})
			}
			levels[i].lo, levels[i].hi, levels[i].open = s.lo[i], s.hi[i], true
		}
	}
	closeTo(0)
	var root []Transition
	if len(levels) > 0 {
		lv := &levels[0]
		if lv.open {
			lv.trans = append(lv.trans, Transition{Lo: lv.lo, Hi: lv.hi, Next: next})
		}
		root = append(root, lv.trans...)
	}
	if len(levels) > 0 {
		c.spare = append(c.spare, levels[0].trans[:0])
	}
	c.levels = levels[:0]
	return root
}

// spareTrans returns an empty transition slice, reusing an old one.
func (c *compiler) spareTrans() []Transition {
	if n := len(c.spare); n > 0 {
		t := c.spare[n-1]
		c.spare = c.spare[:n-1]
		return t
	}
	return nil
}

// bytes returns a byte-consuming state with the given transitions, which
// must be disjoint; it sorts them, merges adjacent ones with the same
// successor and reuses an identical state if one exists. It does not keep
// trans.
func (c *compiler) bytes(trans []Transition) StateID {
	slices.SortFunc(trans, func(a, b Transition) int { return int(a.Lo) - int(b.Lo) })
	merged := trans[:0]
	for _, t := range trans {
		if k := len(merged) - 1; k >= 0 && merged[k].Next == t.Next && int(merged[k].Hi)+1 == int(t.Lo) {
			merged[k].Hi = t.Hi
			continue
		}
		merged = append(merged, t)
	}
	if len(merged) == 1 {
		t := merged[0]
		return c.sharedState(State{Kind: KindRange, Lo: t.Lo, Hi: t.Hi, Next: t.Next}, nil, nil)
	}
	return c.sharedState(State{Kind: KindSparse}, merged, nil)
}

// sharedState returns the ID of a state equal to s with the transitions
// trans (KindSparse) or successors alts (KindUnion), adding one if there
// is none yet. Only states built for classes go through it; structural
// states (loops, captures, assertions of the pattern) are always
// distinct.
func (c *compiler) sharedState(s State, trans []Transition, alts []StateID) StateID {
	key := c.key[:0]
	key = append(key, byte(s.Kind), byte(s.Look), s.Lo, s.Hi)
	key = binary.LittleEndian.AppendUint32(key, uint32(s.Next))
	for _, t := range trans {
		key = append(key, t.Lo, t.Hi)
		key = binary.LittleEndian.AppendUint32(key, uint32(t.Next))
	}
	for _, a := range alts {
		key = binary.LittleEndian.AppendUint32(key, uint32(a))
	}
	c.key = key
	if id, ok := c.shared[string(key)]; ok {
		return id
	}
	n := c.nfa
	switch {
	case trans != nil:
		s.Edges = Span{uint32(len(n.Transitions)), uint32(len(trans))}
		n.Transitions = append(n.Transitions, trans...)
	case alts != nil:
		s.Edges = Span{uint32(len(n.Successors)), uint32(len(alts))}
		n.Successors = append(n.Successors, alts...)
	}
	id := c.add(s)
	c.shared[string(key)] = id
	return id
}

// Nullable reports whether re can match the empty string, the way
// regexp/syntax's compiler decides it for its star rule: a nullable x*
// compiles as (x+)?, so that priorities come out right (Go issue 46123).
func Nullable(re *syntax.Regexp) bool {
	switch re.Op {
	case syntax.OpEmptyMatch, syntax.OpBeginLine, syntax.OpEndLine, syntax.OpBeginText,
		syntax.OpEndText, syntax.OpWordBoundary, syntax.OpNoWordBoundary,
		syntax.OpStar, syntax.OpQuest:
		return true
	case syntax.OpLiteral:
		return len(re.Rune) == 0
	case syntax.OpCapture, syntax.OpPlus:
		return Nullable(re.Sub[0])
	case syntax.OpConcat:
		for _, sub := range re.Sub {
			if !Nullable(sub) {
				return false
			}
		}
		return true
	case syntax.OpAlternate:
		for _, sub := range re.Sub {
			if Nullable(sub) {
				return true
			}
		}
		return false
	}
	return false
}

// IsAnchoredBegin reports whether every match of re must start with \A.
func IsAnchoredBegin(re *syntax.Regexp) bool {
	anchored, _ := leadingBegin(re)
	return anchored
}

// leadingBegin reports whether every path through re passes \A before
// consuming input, and whether re is a chain of assertions that consumes
// nothing (so that what follows it is still at the start). Assertions
// before the anchor do not unpin it: $^$, \b^a and (?:^)+a are anchored,
// as regexp's StartCond finds, and so is an alternation whose every branch
// is.
func leadingBegin(re *syntax.Regexp) (anchored, empty bool) {
	switch re.Op {
	case syntax.OpBeginText:
		return true, true
	case syntax.OpEmptyMatch, syntax.OpBeginLine, syntax.OpEndLine, syntax.OpEndText,
		syntax.OpWordBoundary, syntax.OpNoWordBoundary:
		return false, true
	case syntax.OpCapture:
		return leadingBegin(re.Sub[0])
	case syntax.OpConcat:
		for _, sub := range re.Sub {
			anchored, empty := leadingBegin(sub)
			if anchored || !empty {
				return anchored, false
			}
		}
		return false, true
	case syntax.OpPlus:
		anchored, _ := leadingBegin(re.Sub[0])
		return anchored, false
	case syntax.OpRepeat:
		if re.Min >= 1 {
			anchored, _ := leadingBegin(re.Sub[0])
			return anchored, false
		}
	case syntax.OpAlternate:
		for _, sub := range re.Sub {
			if anchored, _ := leadingBegin(sub); !anchored {
				return false, false
			}
		}
		return len(re.Sub) > 0, false
	}
	return false, false
}
