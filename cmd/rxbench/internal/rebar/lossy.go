package rebar

import "unicode/utf8"

// LossyUTF8 returns b with every invalid UTF-8 sequence replaced by
// U+FFFD using the "substitution of maximal subparts" practice of the
// Unicode Standard (§3.9), which is what Rust's String::from_utf8_lossy
// and therefore rebar do. A maximal subpart is the longest prefix of a
// well-formed sequence, or a single byte when there is none; each one
// becomes one U+FFFD. This differs from Go's bytes.ToValidUTF8, which
// collapses a whole run of invalid bytes into one U+FFFD, and from
// utf8.DecodeRune, which reports every invalid byte separately. When b is
// valid it is returned as is.
func LossyUTF8(b []byte) []byte {
	if utf8.Valid(b) {
		return b
	}
	out := make([]byte, 0, len(b)+16)
	for i := 0; i < len(b); {
		if b[i] < utf8.RuneSelf {
			out = append(out, b[i])
			i++
			continue
		}
		n, ok := maximalSubpart(b[i:])
		if ok {
			out = append(out, b[i:i+n]...)
		} else {
			out = utf8.AppendRune(out, utf8.RuneError)
		}
		i += n
	}
	return out
}

// maximalSubpart examines the sequence starting at b[0] (a non-ASCII
// byte). It returns the length of a well-formed sequence and true, or the
// length of the maximal subpart to replace and false.
func maximalSubpart(b []byte) (int, bool) {
	lead := b[0]
	var need int
	lo, hi := byte(0x80), byte(0xBF) // allowed range of the second byte
	switch {
	case lead >= 0xC2 && lead <= 0xDF:
		need = 1
	case lead == 0xE0:
		need, lo = 2, 0xA0
	case lead >= 0xE1 && lead <= 0xEC, lead == 0xEE, lead == 0xEF:
		need = 2
	case lead == 0xED:
		need, hi = 2, 0x9F
	case lead == 0xF0:
		need, lo = 3, 0x90
	case lead >= 0xF1 && lead <= 0xF3:
		need = 3
	case lead == 0xF4:
		need, hi = 3, 0x8F
	default:
		// 0x80–0xC1 and 0xF5–0xFF never start a sequence.
		return 1, false
	}
	n := 1
	for k := 0; k < need; k++ {
		if n >= len(b) || b[n] < lo || b[n] > hi {
			return n, false
		}
		lo, hi = 0x80, 0xBF
		n++
	}
	return n, true
}
