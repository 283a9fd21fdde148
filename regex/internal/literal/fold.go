package literal

import (
	"regexp/syntax"
	"slices"
	"unicode"
	"unicode/utf8"
)

// MaxFolded is the most alternatives Folded returns.
const MaxFolded = 32

// Folded returns the alternatives of re, in priority order, when re is an
// alternation of literal strings (or one) in which at least one rune is
// case-folded or a small class ((?i)Sherlock Holmes|John Watson, # [Nn]oqa,
// or concatenations and groups of such literals): each alternative is the
// runes each of its runes matches, element i holding the unicode.SimpleFold
// orbit of its i-th rune, sorted, the runes of a class of at most 8, or
// the rune alone. It returns false for any other pattern, for more than
// MaxFolded alternatives, for an empty alternative, and for a literal
// holding U+FFFD (which also matches invalid bytes) or a rune that has no
// encoding.
//
// A search for such a pattern needs no automaton, but its spellings are
// too many to list ((?i)Sherlock Holmes has 3·2⁶·3·2⁶·3 of them, as s and
// k also fold to ſ and the Kelvin sign), so Prefixes cuts them and the
// cut set is no longer exact. The orbits are the literals themselves.
func Folded(re *syntax.Regexp) ([][][]rune, bool) {
	folded := false
	var walk func(re *syntax.Regexp) ([][][]rune, bool)
	walk = func(re *syntax.Regexp) ([][][]rune, bool) {
		switch re.Op {
		case syntax.OpLiteral:
			fold := re.Flags&syntax.FoldCase != 0
			var seq [][]rune
			for _, r := range re.Rune {
				if r == utf8.RuneError || !utf8.ValidRune(r) {
					return nil, false
				}
				o := []rune{r}
				if fold {
					for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
						o = append(o, f)
					}
					slices.Sort(o)
					folded = folded || len(o) > 1
				}
				seq = append(seq, o)
			}
			return [][][]rune{seq}, true
		case syntax.OpCharClass:
			// A small class is an orbit of its own ([Nn], or (z|w),
			// which the parser makes [wz]).
			var o []rune
			for i := 0; i+1 < len(re.Rune); i += 2 {
				lo, hi := re.Rune[i], re.Rune[i+1]
				if int(hi-lo)+1+len(o) > maxClass || lo <= utf8.RuneError && utf8.RuneError <= hi {
					return nil, false
				}
				for r := lo; r <= hi; r++ {
					o = append(o, r)
				}
			}
			if len(o) == 0 {
				return nil, false
			}
			folded = folded || len(o) > 1
			return [][][]rune{{o}}, true
		case syntax.OpEmptyMatch:
			return [][][]rune{nil}, true
		case syntax.OpQuest:
			// x? tries x first, x?? the empty string.
			sub, ok := walk(re.Sub[0])
			if !ok || len(sub)+1 > MaxFolded {
				return nil, false
			}
			if re.Flags&syntax.NonGreedy != 0 {
				return append([][][]rune{nil}, sub...), true
			}
			return append(sub, nil), true
		case syntax.OpCapture:
			return walk(re.Sub[0])
		case syntax.OpConcat:
			// Every choice of the first part, followed by every choice
			// of the rest: the order in which a backtracker tries them.
			alts := [][][]rune{nil}
			for _, sub := range re.Sub {
				next, ok := walk(sub)
				if !ok || len(alts)*len(next) > MaxFolded {
					return nil, false
				}
				var prod [][][]rune
				for _, a := range alts {
					for _, b := range next {
						prod = append(prod, append(slices.Clip(a), b...))
					}
				}
				alts = prod
			}
			return alts, true
		case syntax.OpAlternate:
			var alts [][][]rune
			for _, sub := range re.Sub {
				next, ok := walk(sub)
				if !ok || len(alts)+len(next) > MaxFolded {
					return nil, false
				}
				alts = append(alts, next...)
			}
			return alts, true
		}
		return nil, false
	}
	alts, ok := walk(re.Simplify())
	if !ok || !folded {
		return nil, false
	}
	for _, a := range alts {
		if len(a) == 0 {
			return nil, false
		}
	}
	return alts, true
}
