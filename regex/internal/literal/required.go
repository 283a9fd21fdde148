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
