package nfa

import "unicode/utf8"

// LookHolds reports whether the assertion l holds at position at of input.
func LookHolds(l Look, input []byte, at int) bool {
	switch l {
	case LookBeginText:
		return at == 0
	case LookEndText:
		return at == len(input)
	case LookBeginLine:
		return at == 0 || input[at-1] == '\n'
	case LookEndLine:
		return at == len(input) || input[at] == '\n'
	case LookWordBoundary:
		return isWordByte(input, at-1) != isWordByte(input, at)
	case LookNoWordBoundary:
		return isWordByte(input, at-1) == isWordByte(input, at)
	case LookInvalidRune:
		if at >= len(input) || input[at] < utf8.RuneSelf {
			return false
		}
		_, w := utf8.DecodeRune(input[at:])
		return w == 1
	}
	return false
}

// isWordByte reports whether input[i] exists and is an ASCII word
// character; \b in Go's syntax is ASCII-only, and a byte of a multi-byte
// rune is never a word character.
func isWordByte(input []byte, i int) bool {
	if i < 0 || i >= len(input) {
		return false
	}
	c := input[i]
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '_'
}

// RuneWidth returns the width of the rune at input[at:] as Go's regexp
// decodes it (utf8.DecodeRune's width: 1 for a byte that starts no valid
// encoding), or 1 at the end of the input: the distance from one
// candidate start of a match to the next.
func RuneWidth(input []byte, at int) int {
	if at >= len(input) || input[at] < utf8.RuneSelf {
		return 1
	}
	_, w := utf8.DecodeRune(input[at:])
	return w
}
