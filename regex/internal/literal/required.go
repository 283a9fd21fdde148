package literal

import (
	"regexp/syntax"
	"unicode"
	"unicode/utf8"
)

// RequiredByte returns the rarest byte (by Freq) that every match of re
// contains, or false if the parse tree names none. It looks at the bytes
// of literal runes that must occur: in a concatenation, those of every
// element; through captures and repetitions of at least one. A rune that
// case folding widens, and U+FFFD (which also matches invalid bytes), say
// nothing; alternations are not looked into.
//
// A search whose text lacks the byte cannot match, whatever engine would
// have run: a byte scan at memory speed settles it. That is what an input
// that a weak prefilter passes on every position needs, such as the lines
// without a '#' that (\s*)(# noqa...) is run on one by one.
func RequiredByte(re *syntax.Regexp) (byte, bool) {
	best, found := byte(0), false
	var walk func(re *syntax.Regexp)
	walk = func(re *syntax.Regexp) {
		switch re.Op {
		case syntax.OpLiteral:
			var buf [utf8.UTFMax]byte
			for _, r := range re.Rune {
				if r == utf8.RuneError || !utf8.ValidRune(r) ||
					re.Flags&syntax.FoldCase != 0 && unicode.SimpleFold(r) != r {
					continue
				}
				n := utf8.EncodeRune(buf[:], r)
				for _, b := range buf[:n] {
					if !found || Freq(b) < Freq(best) {
						best, found = b, true
					}
				}
			}
		case syntax.OpCapture, syntax.OpPlus:
			walk(re.Sub[0])
		case syntax.OpRepeat:
			if re.Min >= 1 {
				walk(re.Sub[0])
			}
		case syntax.OpConcat:
			for _, sub := range re.Sub {
				walk(sub)
			}
		}
	}
	walk(re)
	return best, found
}

// Contained returns literals one of which every match of re contains
// somewhere, each at least minLen bytes long, or the infinite set when the
// parse tree names none. The literals need not be exact: a literal that
// starts every match of a part of re is in every match of re that holds
// that part. A concatenation gives the best set of its elements and of its
// own prefixes (the one whose shortest literal is longest); an
// alternation gives the union of its branches' sets, so that
// `"(?:ASIA|AKIA)…|…"(?:ASIA|AKIA)"` still names its four literals.
//
// A text without any of them cannot match: one literal scan settles it.
func Contained(re *syntax.Regexp, minLen int) Set {
	s := contained(re.Simplify(), minLen)
	if s.Infinite || len(s.Lits) == 0 || len(s.Lits) > MaxLits || s.MinLen() < minLen {
		return infinite
	}
	return s
}

func contained(re *syntax.Regexp, minLen int) Set {
	switch re.Op {
	case syntax.OpCapture, syntax.OpPlus:
		return contained(re.Sub[0], minLen)
	case syntax.OpRepeat:
		if re.Min >= 1 {
			return contained(re.Sub[0], minLen)
		}
	case syntax.OpLiteral, syntax.OpCharClass:
		return Prefixes(re, minLen)
	case syntax.OpConcat:
		best := Prefixes(re, minLen)
		for _, sub := range re.Sub {
			if s := contained(sub, minLen); better(s, best, minLen) {
				best = s
			}
		}
		return best
	case syntax.OpAlternate:
		if len(re.Sub) > MaxLits {
			// Each branch gives at least one literal: the union
			// could only be cut short, at the cost of merging them
			// all (a dictionary of 2,663 words took 55 ms).
			return infinite
		}
		var u Set
		for _, sub := range re.Sub {
			s := contained(sub, minLen)
			if !usable(s, minLen) {
				return infinite
			}
			u = dedup(union(u, s))
		}
		return u
	}
	return infinite
}

// usable reports whether s can serve as a contained set: finite, not
// empty, and without literals shorter than minLen.
func usable(s Set, minLen int) bool {
	return !s.Infinite && len(s.Lits) > 0 && s.MinLen() >= minLen
}

// better reports whether s is a better contained set than best.
func better(s, best Set, minLen int) bool {
	if !usable(s, minLen) {
		return false
	}
	return !usable(best, minLen) || s.MinLen() > best.MinLen() ||
		s.MinLen() == best.MinLen() && len(s.Lits) < len(best.Lits)
}
