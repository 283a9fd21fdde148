package regex

import (
	"regexp/syntax"
	"unicode"
	"unicode/utf8"

	"github.com/rxjit/rxjit/regex/internal/nfa"
	"github.com/rxjit/rxjit/regex/internal/pikevm"
	"github.com/rxjit/rxjit/regex/internal/prefilter"
)

// plan is the strategy chosen for a compiled pattern: which engines run a
// search, and what finds candidate positions for them.
//
// The order of preference:
//  1. A pattern that is one literal string needs no automaton: a substring
//     search answers every search that does not ask for groups.
//  2. Otherwise the PikeVM runs, skipping ahead with a prefilter whenever
//     no thread is alive: the literal every match starts with, or else the
//     set of bytes a match can start with.
type plan struct {
	// literal, when non-nil, is the whole pattern: a search for it is a
	// substring search.
	literal []byte
	vm      *pikevm.VM
	// prefilter is what the VM skips ahead with, or nil; kept here for
	// describing the plan.
	prefilter pikevm.Prefilter
}

func newPlan(parsed *syntax.Regexp, n *nfa.NFA) *plan {
	p := &plan{}
	runes, complete := leadingLiteral(parsed.Simplify())
	lit := encodable(runes)
	if complete && len(lit) > 0 && len(lit) == len(runes) {
		p.literal = []byte(string(lit))
	}
	if len(lit) > 0 {
		p.prefilter = prefilter.NewPrefix([]byte(string(lit)))
	} else if set, ok := firstBytes(n); ok {
		p.prefilter = prefilter.NewByteSet(set)
	}
	p.vm = pikevm.New(n, p.prefilter)
	return p
}

// leadingLiteral returns the literal text that every match of re starts
// with, and whether that text is all of re, mirroring how
// regexp/syntax.Prog.Prefix reads a program: captures are transparent,
// case-folded letters and U+FFFD end the literal.
func leadingLiteral(re *syntax.Regexp) (runes []rune, complete bool) {
	switch re.Op {
	case syntax.OpEmptyMatch:
		return nil, true
	case syntax.OpLiteral:
		for i, r := range re.Rune {
			if r == utf8.RuneError || re.Flags&syntax.FoldCase != 0 && unicode.SimpleFold(r) != r {
				return re.Rune[:i], false
			}
		}
		return re.Rune, true
	case syntax.OpCapture:
		return leadingLiteral(re.Sub[0])
	case syntax.OpConcat:
		var out []rune
		for _, sub := range re.Sub {
			r, c := leadingLiteral(sub)
			out = append(out, r...)
			if !c {
				return out, false
			}
		}
		return out, true
	}
	return nil, false
}

// literalPrefix computes LiteralPrefix's answer for a simplified pattern.
func literalPrefix(re *syntax.Regexp) (string, bool) {
	runes, complete := leadingLiteral(re)
	return string(runes), complete
}

// encodable returns the longest prefix of runes that have a UTF-8
// encoding of their own (no surrogates), the part a substring search can
// look for.
func encodable(runes []rune) []rune {
	for i, r := range runes {
		if !utf8.ValidRune(r) {
			return runes[:i]
		}
	}
	return runes
}

// firstBytes returns the set of bytes a match of n can start with. It
// fails when a match can be empty, when every byte can start one, or when
// a continuation byte can (a prefilter must stop only at rune boundaries).
// Assertions are treated as always true, which only adds bytes.
func firstBytes(n *nfa.NFA) (*[256]bool, bool) {
	var set [256]bool
	seen := make(map[nfa.StateID]bool)
	stack := []nfa.StateID{n.StartAnchored}
	for len(stack) > 0 {
		id := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if seen[id] {
			continue
		}
		seen[id] = true
		s := &n.States[id]
		switch s.Kind {
		case nfa.KindMatch:
			return nil, false
		case nfa.KindUnion:
			stack = append(stack, s.Alts...)
		case nfa.KindCapture, nfa.KindLook:
			stack = append(stack, s.Next)
		case nfa.KindRange:
			for c := int(s.Lo); c <= int(s.Hi); c++ {
				set[c] = true
			}
		case nfa.KindSparse:
			for _, t := range s.Trans {
				for c := int(t.Lo); c <= int(t.Hi); c++ {
					set[c] = true
				}
			}
		}
	}
	all := true
	for c, in := range set {
		if in && 0x80 <= c && c <= 0xBF {
			return nil, false
		}
		all = all && in
	}
	return &set, !all
}
