package meta

import (
	"regexp/syntax"
	"unicode"

	"github.com/rxjit/rxjit/regex/internal/literal"
)

// runOfOne reports whether every match of re, simplified, is a run of
// runes of one class C whose length lies in an interval [n, m] with
// n ≥ 1 (C{n,m}, C+, C{n,}, groups and laziness aside), optionally after
// \b where C holds only ASCII word characters. For such a pattern a
// failed anchored try at c, whose walk died at d, rules out every start
// in (c, d) (dfa.DFA.SetSkipFailed): the try read fewer than n runes of C
// before d, and a start after c reads fewer still before the same d; with
// \b, a start in (c, d) follows a rune of C, a word character, so \b
// fails there. An assertion after the run would break this: with
// `[a-z]{2,3}\b` on "abcd " the try at 0 dies at 3, but a match starts
// at 1.
func runOfOne(re *syntax.Regexp) bool {
	elems := literal.Flatten(nil, re)
	var class *syntax.Regexp
	if len(elems) > 0 && elems[0].Op == syntax.OpWordBoundary {
		elems = elems[1:]
		if len(elems) == 0 {
			return false
		}
		min, ok := runs(elems, &class)
		return ok && min >= 1 && wordOnly(class)
	}
	min, ok := runs(elems, &class)
	return ok && min >= 1
}

// runs reports whether the concatenation of res matches runs of one
// class (*class, set by the first it meets) whose lengths form an
// interval, and returns the interval's lower end.
func runs(res []*syntax.Regexp, class **syntax.Regexp) (min int, ok bool) {
	for _, re := range res {
		n, ok := run(re, class)
		if !ok {
			return 0, false
		}
		min += n
	}
	return min, true
}

// run is runs for one expression.
func run(re *syntax.Regexp, class **syntax.Regexp) (min int, ok bool) {
	switch re.Op {
	case syntax.OpCapture:
		return run(re.Sub[0], class)
	case syntax.OpConcat:
		return runs(re.Sub, class)
	case syntax.OpCharClass, syntax.OpAnyChar, syntax.OpAnyCharNotNL, syntax.OpLiteral:
		if re.Op == syntax.OpLiteral && len(re.Rune) != 1 {
			return runs(splitLiteral(re), class)
		}
		if *class == nil {
			*class = re
		}
		return 1, sameClass(*class, re)
	case syntax.OpPlus, syntax.OpStar:
		n, ok := run(re.Sub[0], class)
		if !ok || n != 1 || !single(re.Sub[0]) {
			return 0, false
		}
		if re.Op == syntax.OpStar {
			return 0, true
		}
		return 1, true
	case syntax.OpQuest:
		// {0} ∪ [a, b] is an interval only when a ≤ 1.
		n, ok := run(re.Sub[0], class)
		return 0, ok && n <= 1
	}
	return 0, false
}

// single reports whether re, captures aside, is one rune of a class.
func single(re *syntax.Regexp) bool {
	for re.Op == syntax.OpCapture {
		re = re.Sub[0]
	}
	switch re.Op {
	case syntax.OpCharClass, syntax.OpAnyChar, syntax.OpAnyCharNotNL:
		return true
	case syntax.OpLiteral:
		return len(re.Rune) == 1
	}
	return false
}

// splitLiteral returns a literal of several runes as one literal a rune.
func splitLiteral(re *syntax.Regexp) []*syntax.Regexp {
	out := make([]*syntax.Regexp, len(re.Rune))
	for i := range re.Rune {
		out[i] = &syntax.Regexp{Op: syntax.OpLiteral, Flags: re.Flags, Rune: re.Rune[i : i+1 : i+1]}
	}
	return out
}

// sameClass reports whether a and b, single runes of a class, match the
// same runes.
func sameClass(a, b *syntax.Regexp) bool {
	if a.Op != b.Op {
		return false
	}
	if a.Op == syntax.OpLiteral && a.Flags&syntax.FoldCase != b.Flags&syntax.FoldCase {
		return false
	}
	return a.Equal(b)
}

// wordOnly reports whether class, one rune of a class, matches only ASCII
// word characters, those \b tests.
func wordOnly(class *syntax.Regexp) bool {
	word := func(r rune) bool {
		return '0' <= r && r <= '9' || 'A' <= r && r <= 'Z' || 'a' <= r && r <= 'z' || r == '_'
	}
	switch class.Op {
	case syntax.OpCharClass:
		for i := 0; i+1 < len(class.Rune); i += 2 {
			for r := class.Rune[i]; r <= class.Rune[i+1]; r++ {
				if !word(r) {
					return false
				}
			}
		}
		return true
	case syntax.OpLiteral:
		r := class.Rune[0]
		if class.Flags&syntax.FoldCase == 0 {
			return word(r)
		}
		for f := unicode.SimpleFold(r); ; f = unicode.SimpleFold(f) {
			if !word(f) {
				return false
			}
			if f == r {
				return true
			}
		}
	}
	return false
}
