package regex

import (
	"regexp/syntax"
	"strings"
	"unicode"
	"unicode/utf8"
)

// literalPrefix computes LiteralPrefix's answer for a simplified pattern
// the way regexp does for programs it does not run one-pass: it follows
// the instructions syntax.Compile would emit from the start, through
// captures and no-ops, collecting single-rune literal instructions. A
// case-folded letter, U+FFFD or a character class (even of one rune)
// ends the prefix; complete reports that nothing but the match follows.
func literalPrefix(re *syntax.Regexp) (prefix string, complete bool) {
	var b strings.Builder
	stopped := writePrefix(&b, re)
	return b.String(), !stopped
}

// writePrefix writes the literal runes re starts with and reports whether
// something other than a literal instruction ended the prefix inside re.
func writePrefix(b *strings.Builder, re *syntax.Regexp) (stopped bool) {
	switch re.Op {
	case syntax.OpEmptyMatch:
		return false
	case syntax.OpLiteral:
		for _, r := range re.Rune {
			if r == utf8.RuneError || re.Flags&syntax.FoldCase != 0 && unicode.SimpleFold(r) != r {
				return true
			}
			b.WriteRune(r)
		}
		return false
	case syntax.OpCapture:
		return writePrefix(b, re.Sub[0])
	case syntax.OpPlus:
		// x+ compiles to x followed by a loop: the prefix may run into
		// x's first iteration but ends at the loop.
		writePrefix(b, re.Sub[0])
		return true
	case syntax.OpConcat:
		for _, sub := range re.Sub {
			if writePrefix(b, sub) {
				return true
			}
		}
		return false
	}
	return true
}
