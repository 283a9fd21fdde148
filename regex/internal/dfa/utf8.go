package dfa

import (
	"encoding/binary"
	"unicode/utf8"

	"github.com/rxjit/rxjit/regex/internal/nfa"
)

// The forward DFA's UTF-8 validator: which byte a valid sequence needs
// next. It is part of every forward state, so validating costs nothing
// per byte; it only splits the classes of the bytes 80-FF.
const (
	u8Boundary uint8 = iota // between runes
	u8Need1                 // one more continuation byte, 80-BF
	u8Need2                 // two more
	u8Need3                 // three more
	u8AfterE0               // A0-BF, then one more (no overlong forms)
	u8AfterED               // 80-9F, then one more (no surrogates)
	u8AfterF0               // 90-BF, then two more (no overlong forms)
	u8AfterF4               // 80-8F, then two more (nothing above U+10FFFF)
)

// addUTF8Bounds splits the classes so that each class behaves alike in
// the validator.
func addUTF8Bounds(b *nfa.ByteBounds) {
	for _, r := range [][2]byte{
		{0x80, 0x8F}, {0x90, 0x9F}, {0xA0, 0xBF}, {0xC0, 0xC1}, {0xC2, 0xDF},
		{0xE0, 0xE0}, {0xE1, 0xEC}, {0xED, 0xED}, {0xEE, 0xEF},
		{0xF0, 0xF0}, {0xF1, 0xF3}, {0xF4, 0xF4}, {0xF5, 0xFF},
	} {
		b.Split(r[0], r[1])
	}
}

// utf8Next returns the validator's state after byte c, and false if c
// makes the text invalid.
func utf8Next(u uint8, c byte) (uint8, bool) {
	switch u {
	case u8Boundary:
		switch {
		case c < 0x80:
			return u8Boundary, true
		case 0xC2 <= c && c <= 0xDF:
			return u8Need1, true
		case c == 0xE0:
			return u8AfterE0, true
		case c == 0xED:
			return u8AfterED, true
		case 0xE1 <= c && c <= 0xEF:
			return u8Need2, true
		case c == 0xF0:
			return u8AfterF0, true
		case 0xF1 <= c && c <= 0xF3:
			return u8Need3, true
		case c == 0xF4:
			return u8AfterF4, true
		case c == 0xC0 || c == 0xC1 || c >= 0xF5:
			// Never part of an encoding: U+FFFD of width one, a rune of
			// its own, which the NFA's classes handle as a plain byte.
			return u8Boundary, true
		}
		// A continuation byte where a rune should start. Standalone it
		// would be a rune of its own, but the reverse DFA could not tell
		// it from a real continuation: Sanitize turns it into 0xFF.
		return 0, false
	case u8Need1, u8Need2, u8Need3:
		return u - 1, 0x80 <= c && c <= 0xBF
	case u8AfterE0:
		return u8Need1, 0xA0 <= c && c <= 0xBF
	case u8AfterED:
		return u8Need1, 0x80 <= c && c <= 0x9F
	case u8AfterF0:
		return u8Need2, 0x90 <= c && c <= 0xBF
	case u8AfterF4:
		return u8Need2, 0x80 <= c && c <= 0x8F
	}
	return 0, false
}

// AppendSanitized appends src to dst with every byte that
// utf8.DecodeRune reads as U+FFFD of width one replaced by 0xFF, which it
// reads the same way, and returns the extended slice. Go's regexp gives
// both texts the same answers, at the same offsets: the rune sequence, the
// line ends and the ASCII word bytes are unchanged. The copy is what the
// DFA can search exactly where src is not valid UTF-8: in it, every
// continuation byte belongs to a valid encoding and every lead byte starts
// one, and the bytes left over (C0, C1, F5-FF) are runes of their own.
// src is decoded on its own, so it should start and end at rune
// boundaries of the text it comes from.
func AppendSanitized(dst, src []byte) []byte {
	n := len(dst)
	dst = append(dst, src...)
	out := dst[n:]
	for i := 0; i < len(src); {
		if i+8 <= len(src) && binary.LittleEndian.Uint64(src[i:])&0x8080808080808080 == 0 {
			i += 8
			continue
		}
		if src[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, w := utf8.DecodeRune(src[i:])
		if r == utf8.RuneError && w == 1 {
			out[i] = 0xFF
		}
		i += w
	}
	return dst
}

// Sanitize is AppendSanitized(dst[:0], src).
func Sanitize(dst, src []byte) []byte { return AppendSanitized(dst[:0], src) }
