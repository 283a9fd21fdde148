package literal

import (
	"regexp/syntax"
	"slices"
	"unicode"
	"unicode/utf8"
)

// Folded returns the runes each rune of re matches, in order, when re is
// a single literal string in which at least one rune is case-folded
// ((?i)Sherlock Holmes, or a concatenation of such literals and groups of
// them): element i holds the unicode.SimpleFold orbit of the pattern's
// i-th rune, sorted, or that rune alone if it is not folded. It returns
// false for any other pattern, and for a literal holding U+FFFD (which
// also matches invalid bytes) or a rune that has no encoding.
//
// A search for such a literal needs no automaton, but its spellings are
// too many to list ((?i)Sherlock Holmes has 3·2⁶·3·2⁶·3 of them, as s and
// k also fold to ſ and the Kelvin sign), so Prefixes cuts them and the
// cut set is no longer exact. The orbits are the literal itself.
func Folded(re *syntax.Regexp) ([][]rune, bool) {
	var orbits [][]rune
	folded := false
	var walk func(re *syntax.Regexp) bool
	walk = func(re *syntax.Regexp) bool {
		switch re.Op {
		case syntax.OpLiteral:
			fold := re.Flags&syntax.FoldCase != 0
			for _, r := range re.Rune {
				if r == utf8.RuneError || !utf8.ValidRune(r) {
					return false
				}
				o := []rune{r}
				if fold {
					for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
						o = append(o, f)
					}
					slices.Sort(o)
					folded = folded || len(o) > 1
				}
				orbits = append(orbits, o)
			}
			return true
		case syntax.OpCapture:
			return walk(re.Sub[0])
		case syntax.OpConcat:
			for _, sub := range re.Sub {
				if !walk(sub) {
					return false
				}
			}
			return true
		}
		return false
	}
	if !walk(re.Simplify()) || !folded {
		return nil, false
	}
	return orbits, true
}
