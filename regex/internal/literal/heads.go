package literal

import "regexp/syntax"

// maxHeads bounds the size of the pattern Heads builds, in nodes counted
// as the NFA compiler expands them: the elements of a concatenation
// appear in it once more for every concatenation around them.
const maxHeads = 1 << 14

// Heads returns a pattern that matches every prefix of every match of
// re, and perhaps more (empty-width assertions are dropped), or nil when
// re holds an operator it does not know or the result would exceed
// maxHeads nodes. re must be simplified (no OpRepeat).
//
// Run in reverse from an occurrence q of an inner literal, it bounds
// where a match through any occurrence at or after q can start: such a
// match spans q or starts after it, and the part of it before q is a
// prefix of a match of the pattern before the literal.
func Heads(re *syntax.Regexp) *syntax.Regexp {
	budget := maxHeads
	return heads(re, &budget)
}

// heads is Heads, counting the nodes it makes or refers to against
// budget.
func heads(re *syntax.Regexp, budget *int) *syntax.Regexp {
	if *budget -= 1 + len(re.Rune)/2; *budget < 0 {
		return nil
	}
	empty := &syntax.Regexp{Op: syntax.OpEmptyMatch, Flags: re.Flags}
	switch re.Op {
	case syntax.OpNoMatch:
		return re
	case syntax.OpEmptyMatch, syntax.OpBeginLine, syntax.OpEndLine, syntax.OpBeginText,
		syntax.OpEndText, syntax.OpWordBoundary, syntax.OpNoWordBoundary:
		return empty
	case syntax.OpLiteral:
		// ε | r1 (ε | r2 (… rn)), built from the last rune.
		acc := empty
		for i := len(re.Rune) - 1; i >= 0; i-- {
			r := &syntax.Regexp{Op: syntax.OpLiteral, Flags: re.Flags, Rune: re.Rune[i : i+1 : i+1]}
			acc = quest(then(r, acc))
		}
		return acc
	case syntax.OpCharClass, syntax.OpAnyChar, syntax.OpAnyCharNotNL:
		return quest(re)
	case syntax.OpCapture:
		return heads(re.Sub[0], budget)
	case syntax.OpQuest:
		return heads(re.Sub[0], budget)
	case syntax.OpStar, syntax.OpPlus:
		// A prefix of x* or x+ is some whole xs and a prefix of one more.
		h := heads(re.Sub[0], budget)
		if *budget -= size(re.Sub[0], *budget); h == nil || *budget < 0 {
			return nil
		}
		return then(&syntax.Regexp{Op: syntax.OpStar, Flags: re.Flags, Sub: re.Sub[:1:1]}, h)
	case syntax.OpConcat:
		// A prefix of x1…xn is a prefix of x1, or x1 then a prefix of
		// x2…xn.
		if len(re.Sub) == 0 {
			return empty
		}
		acc := heads(re.Sub[len(re.Sub)-1], budget)
		for i := len(re.Sub) - 2; i >= 0 && acc != nil; i-- {
			h := heads(re.Sub[i], budget)
			if *budget -= size(re.Sub[i], *budget); h == nil || *budget < 0 {
				return nil
			}
			acc = &syntax.Regexp{Op: syntax.OpAlternate, Flags: re.Flags, Sub: []*syntax.Regexp{h, then(re.Sub[i], acc)}}
		}
		return acc
	case syntax.OpAlternate:
		alt := &syntax.Regexp{Op: syntax.OpAlternate, Flags: re.Flags}
		for _, sub := range re.Sub {
			h := heads(sub, budget)
			if h == nil {
				return nil
			}
			alt.Sub = append(alt.Sub, h)
		}
		return alt
	}
	return nil
}

func quest(re *syntax.Regexp) *syntax.Regexp {
	return &syntax.Regexp{Op: syntax.OpQuest, Flags: re.Flags, Sub: []*syntax.Regexp{re}}
}

func then(a, b *syntax.Regexp) *syntax.Regexp {
	return &syntax.Regexp{Op: syntax.OpConcat, Flags: a.Flags, Sub: []*syntax.Regexp{a, b}}
}

// size returns the number of nodes in re, counting a node for two runes
// of a literal or class, or some number above limit if it is larger.
func size(re *syntax.Regexp, limit int) int {
	n := 1 + len(re.Rune)/2
	for _, sub := range re.Sub {
		if n > limit {
			break
		}
		n += size(sub, limit-n)
	}
	return n
}
