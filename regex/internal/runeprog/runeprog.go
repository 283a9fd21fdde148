// Package runeprog compiles a parse tree into a small program over runes
// and runs it with a bounded backtracker. It is what a pattern's first
// searches run on: building the byte-level engines (an NFA whose classes
// are UTF-8 tries, the search plan, the DFA caches) costs more than a few
// short searches save, most of all with large Unicode classes, which are
// one instruction here and a trie of hundreds of states there
// (`\p{L}{8,13}`: 20 instructions here, 3,789 NFA states there).
//
// The answers are regexp's leftmost-first ones, by construction:
//
//   - the program is compiled the way regexp/syntax compiles a
//     simplified tree, with the same priorities (greedy and lazy
//     repetition, alternatives in order) and the same (x+)? for a star
//     over a nullable x (nfa.Nullable);
//   - the text is decoded the way regexp decodes it: an invalid byte is
//     U+FFFD of width 1, starts are tried rune by rune from the search's
//     start, and assertions are evaluated by nfa.LookHolds, which agrees
//     with regexp's rune-level rules at every position;
//   - from each start the alternatives are tried in priority order and
//     the first match found is the answer, which is the leftmost-first
//     match and its groups.
//
// A visited bit per (instruction, position) keeps the search linear: a
// pair explored once without finding a match cannot lead to one later,
// whatever the groups recorded on the way. The bits bound the input a
// search may take (Prog.MaxInput). Leftmost-longest searches are not
// served.
package runeprog

import (
	"fmt"
	"regexp/syntax"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/rxjit/rxjit/regex/internal/nfa"
)

// op is an instruction's kind.
type op uint8

const (
	opFail  op = iota // no match this way
	opMatch           // a match ends here
	opRange           // one rune in [lo, hi], then next
	opClass           // one rune in the pairs of classes[lo], then next
	opLook            // the assertion look holds, then next
	opSave            // record the position in slot lo, then next
	opSplit           // next, and failing that alt
)

// inst is one instruction: 20 bytes, so that a program is smaller than
// regexp's.
type inst struct {
	op        op
	look      nfa.Look
	lo, hi    rune
	next, alt uint32
}

// Prog is a compiled program. It is immutable and safe for concurrent
// use; each search needs a Cache.
type Prog struct {
	insts []inst
	// classes holds the classes of opClass instructions, each as sorted,
	// disjoint lo-hi pairs (the parse tree's own slices).
	classes  [][]rune
	start    uint32
	anchored bool // every match starts at the start of the text
	// first holds the bytes a match can start with, when skip says
	// that every match starts with one of them at a rune boundary (see
	// firstBytes); one is the byte when there is only one. They are
	// found by the first search long enough to gain from skipping:
	// for a Unicode class that takes longer than a short search.
	firstOnce sync.Once
	first     [256]bool
	skip      bool
	one       int
}

// The first two instructions of every program.
const (
	fail  = 0
	match = 1
)

// MaxInsts is the size of the largest program worth making: larger ones
// serve inputs too short (MaxInput: 127 bytes at 8192 instructions).
// Patterns that large are those whose byte-level engines cost most to
// build: `\pL{1000}`, 1,002 instructions here, is 300,000 NFA states.
const MaxInsts = 8192

// Compile returns the program of the simplified parse tree re, or nil if
// it would have more than maxInsts instructions.
func Compile(re *syntax.Regexp, maxInsts int) *Prog {
	insts := make([]inst, 2, min(2+size(re), maxInsts))
	insts[fail], insts[match] = inst{op: opFail}, inst{op: opMatch}
	c := compiler{max: maxInsts, p: &Prog{insts: insts}}
	start := c.compile(re, match)
	if c.over {
		return nil
	}
	c.p.start = start
	c.p.anchored = nfa.IsAnchoredBegin(re)
	return c.p
}

// firstBytes finds the bytes every match can start with, following the
// program from its start through everything that consumes nothing
// (assertions taken as holding). It leaves skip unset where a match may
// be empty or start with a continuation byte (80-BF): every other byte
// starts a rune wherever it is, so a search may skip to it.
func (p *Prog) firstBytes() {
	seen := make([]bool, len(p.insts))
	stack := []uint32{p.start}
	for len(stack) > 0 {
		pc := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if seen[pc] {
			continue
		}
		seen[pc] = true
		in := &p.insts[pc]
		switch in.op {
		case opMatch:
			return
		case opRange:
			p.addRunes(in.lo, in.hi)
		case opClass:
			ranges := p.classes[in.lo]
			for i := 0; i < len(ranges); i += 2 {
				p.addRunes(ranges[i], ranges[i+1])
			}
		case opLook, opSave:
			stack = append(stack, in.next)
		case opSplit:
			stack = append(stack, in.next, in.alt)
		}
	}
	n := 0
	for b, ok := range p.first {
		if ok {
			if 0x80 <= b && b <= 0xBF {
				return
			}
			n, p.one = n+1, b
		}
	}
	p.skip = true
	if n != 1 {
		p.one = -1
	}
}

// addRunes adds to first the bytes the runes lo-hi can start with: their
// lead bytes, and every byte from 80 on if U+FFFD is among them, which
// an invalid byte decodes to.
func (p *Prog) addRunes(lo, hi rune) {
	for b := lo; b <= min(hi, utf8.RuneSelf-1); b++ {
		p.first[b] = true
	}
	if hi < utf8.RuneSelf {
		return
	}
	if lo <= utf8.RuneError && utf8.RuneError <= hi {
		for b := utf8.RuneSelf; b < 256; b++ {
			p.first[b] = true
		}
		return
	}
	for b := leadByte(max(lo, utf8.RuneSelf)); b <= leadByte(min(hi, unicode.MaxRune)); b++ {
		p.first[b] = true
	}
}

// leadByte returns the first byte of r's UTF-8 encoding (r ≥ 80); for a
// surrogate, which no text decodes to, the byte its neighbours have, a
// harmless extra.
func leadByte(r rune) int {
	switch {
	case r < 0x800:
		return 0xC0 | int(r>>6)
	case r < 0x10000:
		return 0xE0 | int(r>>12)
	}
	return 0xF0 | int(r>>18)
}

// size returns how many instructions re compiles to, at most: one a
// rune of a literal, two a group, none a concatenation or an empty
// match, a split between alternatives, one for any other node.
func size(re *syntax.Regexp) int {
	n := 1
	switch re.Op {
	case syntax.OpLiteral:
		n = len(re.Rune)
	case syntax.OpCapture:
		n = 2
	case syntax.OpConcat, syntax.OpEmptyMatch, syntax.OpNoMatch:
		n = 0
	case syntax.OpAlternate:
		n = len(re.Sub) - 1
	}
	for _, sub := range re.Sub {
		n += size(sub)
	}
	return n
}

// Len returns the number of instructions of p.
func (p *Prog) Len() int { return len(p.insts) }

// compiler builds a program from the end: each piece is compiled with
// the instruction it continues at.
type compiler struct {
	p    *Prog
	max  int
	over bool
}

func (c *compiler) add(in inst) uint32 {
	if len(c.p.insts) >= c.max {
		c.over = true
		return fail
	}
	c.p.insts = append(c.p.insts, in)
	return uint32(len(c.p.insts) - 1)
}

// compile returns the start of the instructions for re that continue at
// next.
func (c *compiler) compile(re *syntax.Regexp, next uint32) uint32 {
	if c.over {
		return fail
	}
	switch re.Op {
	case syntax.OpNoMatch:
		return fail
	case syntax.OpEmptyMatch:
		return next
	case syntax.OpLiteral:
		fold := re.Flags&syntax.FoldCase != 0
		for i := len(re.Rune) - 1; i >= 0; i-- {
			next = c.rune(re.Rune[i], fold, next)
		}
		return next
	case syntax.OpCharClass:
		return c.class(re.Rune, next)
	case syntax.OpAnyCharNotNL:
		return c.class(nfa.AnyRuneNotNL, next)
	case syntax.OpAnyChar:
		return c.add(inst{op: opRange, lo: 0, hi: unicode.MaxRune, next: next})
	case syntax.OpBeginLine, syntax.OpEndLine, syntax.OpBeginText, syntax.OpEndText,
		syntax.OpWordBoundary, syntax.OpNoWordBoundary:
		return c.add(inst{op: opLook, look: nfa.LookOf(re.Op), next: next})
	case syntax.OpCapture:
		end := c.add(inst{op: opSave, lo: rune(2*re.Cap + 1), next: next})
		body := c.compile(re.Sub[0], end)
		return c.add(inst{op: opSave, lo: rune(2 * re.Cap), next: body})
	case syntax.OpStar:
		lazy := re.Flags&syntax.NonGreedy != 0
		loop, body := c.repeat(re.Sub[0], lazy, next)
		if nfa.Nullable(re.Sub[0]) {
			return c.split(lazy, body, next)
		}
		return loop
	case syntax.OpPlus:
		_, body := c.repeat(re.Sub[0], re.Flags&syntax.NonGreedy != 0, next)
		return body
	case syntax.OpQuest:
		return c.split(re.Flags&syntax.NonGreedy != 0, c.compile(re.Sub[0], next), next)
	case syntax.OpConcat:
		for i := len(re.Sub) - 1; i >= 0; i-- {
			next = c.compile(re.Sub[i], next)
		}
		return next
	case syntax.OpAlternate:
		// A chain of splits, the first alternative the preferred branch
		// of the first split.
		alt := c.compile(re.Sub[len(re.Sub)-1], next)
		for i := len(re.Sub) - 2; i >= 0; i-- {
			alt = c.add(inst{op: opSplit, next: c.compile(re.Sub[i], next), alt: alt})
		}
		return alt
	}
	// Simplify removes OpRepeat; the parser produces nothing else.
	panic("runeprog: unexpected op " + re.Op.String())
}

// repeat compiles a loop over sub that exits to next: a split that
// prefers another iteration (or, when lazy, the exit). It returns the
// split and the start of the loop's body.
func (c *compiler) repeat(sub *syntax.Regexp, lazy bool, next uint32) (loop, body uint32) {
	loop = c.add(inst{op: opSplit})
	body = c.compile(sub, loop)
	if c.over {
		return fail, fail
	}
	c.p.insts[loop].next, c.p.insts[loop].alt = priority(lazy, body, next)
	return loop, body
}

// split returns a split that prefers first, or other when lazy.
func (c *compiler) split(lazy bool, first, other uint32) uint32 {
	a, b := priority(lazy, first, other)
	return c.add(inst{op: opSplit, next: a, alt: b})
}

func priority(lazy bool, first, other uint32) (uint32, uint32) {
	if lazy {
		return other, first
	}
	return first, other
}

// rune compiles one rune of a literal, which under fold matches every
// rune of its case-folding orbit.
func (c *compiler) rune(r rune, fold bool, next uint32) uint32 {
	if fold {
		if ranges := nfa.FoldRanges(r); ranges != nil {
			return c.class(ranges, next)
		}
	}
	return c.add(inst{op: opRange, lo: r, hi: r, next: next})
}

// class compiles a class given as sorted, disjoint lo-hi pairs; it
// shares the parse tree's slice.
func (c *compiler) class(ranges []rune, next uint32) uint32 {
	switch len(ranges) {
	case 0:
		return fail
	case 2:
		return c.add(inst{op: opRange, lo: ranges[0], hi: ranges[1], next: next})
	}
	c.p.classes = append(c.p.classes, ranges)
	return c.add(inst{op: opClass, lo: rune(len(c.p.classes) - 1), next: next})
}

// inClass reports whether r is in the sorted lo-hi pairs of ranges.
func inClass(ranges []rune, r rune) bool {
	if len(ranges) <= 16 {
		for i := 0; i < len(ranges); i += 2 {
			if r < ranges[i] {
				return false
			}
			if r <= ranges[i+1] {
				return true
			}
		}
		return false
	}
	lo, hi := 0, len(ranges)/2
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		switch {
		case r < ranges[2*m]:
			hi = m
		case r > ranges[2*m+1]:
			lo = m + 1
		default:
			return true
		}
	}
	return false
}

// decode returns the rune at input[at:] and its width, as regexp decodes
// them.
func decode(input []byte, at int) (rune, int) {
	if c := input[at]; c < utf8.RuneSelf {
		return rune(c), 1
	}
	return utf8.DecodeRune(input[at:])
}

// String lists p's instructions, one a line, the start marked with ^.
func (p *Prog) String() string {
	var b strings.Builder
	for pc, in := range p.insts {
		mark := " "
		if uint32(pc) == p.start {
			mark = "^"
		}
		fmt.Fprintf(&b, "%s%d ", mark, pc)
		switch in.op {
		case opFail:
			b.WriteString("fail")
		case opMatch:
			b.WriteString("match")
		case opRange:
			fmt.Fprintf(&b, "rune %q-%q -> %d", in.lo, in.hi, in.next)
		case opClass:
			fmt.Fprintf(&b, "class of %d ranges -> %d", len(p.classes[in.lo])/2, in.next)
		case opLook:
			fmt.Fprintf(&b, "assert %v -> %d", in.look, in.next)
		case opSave:
			fmt.Fprintf(&b, "save %d -> %d", in.lo, in.next)
		case opSplit:
			fmt.Fprintf(&b, "split -> %d, %d", in.next, in.alt)
		}
		b.WriteByte('\n')
	}
	return b.String()
}
