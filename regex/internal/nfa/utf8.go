package nfa

import "unicode/utf8"

// A utf8Seq is a set of UTF-8 encodings of equal length: the encodings
// whose byte i lies in lo[i]..hi[i] for every i < n.
type utf8Seq struct {
	n      int
	lo, hi [utf8.UTFMax]byte
}

// utf8Seqs appends to seqs the encodings of the runes lo..hi, in
// ascending byte order. Surrogates are left out: utf8.DecodeRune never
// yields them, so no valid encoding of one exists.
func utf8Seqs(seqs []utf8Seq, lo, hi rune) []utf8Seq {
	if lo > hi {
		return seqs
	}
	if lo <= 0xDFFF && hi >= 0xD800 {
		seqs = utf8Seqs(seqs, lo, 0xD7FF)
		return utf8Seqs(seqs, 0xE000, hi)
	}
	// Split where the encoded length changes.
	for _, max := range [...]rune{0x7F, 0x7FF, 0xFFFF} {
		if lo <= max && hi > max {
			seqs = utf8Seqs(seqs, lo, max)
			return utf8Seqs(seqs, max+1, hi)
		}
	}
	if hi <= 0x7F {
		return append(seqs, utf8Seq{n: 1, lo: [4]byte{byte(lo)}, hi: [4]byte{byte(hi)}})
	}
	// Split until every continuation byte ranges independently of the
	// bytes before it: lo and hi must agree on all but their trailing
	// 6*i bits, or those bits must span the full 0..2^(6i)-1.
	n := utf8.RuneLen(lo)
	for i := 1; i < n; i++ {
		m := rune(1)<<(6*i) - 1
		if lo&^m != hi&^m {
			if lo&m != 0 {
				seqs = utf8Seqs(seqs, lo, lo|m)
				return utf8Seqs(seqs, (lo|m)+1, hi)
			}
			if hi&m != m {
				seqs = utf8Seqs(seqs, lo, hi&^m-1)
				return utf8Seqs(seqs, hi&^m, hi)
			}
		}
	}
	var s utf8Seq
	s.n = n
	utf8.EncodeRune(s.lo[:], lo)
	utf8.EncodeRune(s.hi[:], hi)
	return append(seqs, s)
}
