package classrun

import (
	"encoding/binary"
	"math/bits"
	"slices"
	"unicode/utf8"
)

// runeSet decides which runes are in a class that is not ASCII: a bit per
// rune below 0x10000, and the class's ranges for the others.
type runeSet struct {
	bmp   [0x10000 / 64]uint64
	class []rune // sorted ranges
	// invalid says that the class holds U+FFFD, which every invalid
	// byte decodes to; safe then holds the bytes that can only be in
	// runes of the class (setSafe).
	invalid bool
	safe    [256]bool
	// highSafe says that every byte above 0x7F is safe (`.`, `[^,]`:
	// classes whose complement is ASCII): the ASCII bytes of a byte
	// run are in the class, so the whole run is safe.
	highSafe bool
	// kind sorts the bytes for whole: kindASCII for the ASCII runes of
	// the class, kindLead for the first bytes of two-byte encodings
	// all of whose 64 runes are in the class, 0 for the rest.
	kind [256]uint8
}

// The kinds of runeSet.kind.
const (
	kindASCII = 1 + iota
	kindLead
)

func newRuneSet(class []rune) *runeSet {
	rs := &runeSet{class: class}
	// A word at a time: \p{L} holds some 48,000 runes of the BMP.
	for i := 0; i < len(class) && class[i] <= 0xFFFF; i += 2 {
		for r, hi := class[i], min(class[i+1], 0xFFFF); r <= hi; {
			w := r >> 6
			last := min(hi, w<<6|63) // the last rune of the range in this word
			rs.bmp[w] |= (^uint64(0) >> (63 - (last & 63))) &^ (1<<(r&63) - 1)
			r = last + 1
		}
	}
	for c := range 256 {
		switch {
		case c < utf8.RuneSelf && rs.has(rune(c)):
			rs.kind[c] = kindASCII
		case 0xC2 <= c && c <= 0xDF && rs.covers(rune(c&0x1F)<<6, rune(c&0x1F)<<6|0x3F):
			rs.kind[c] = kindLead
		}
	}
	if rs.invalid = rs.has(utf8.RuneError); rs.invalid {
		rs.setSafe()
		rs.highSafe = !slices.Contains(rs.safe[utf8.RuneSelf:], false)
	}
	return rs
}

// has reports whether r is in the class.
func (rs *runeSet) has(r rune) bool {
	if r <= 0xFFFF {
		return rs.bmp[r>>6]&(1<<(r&63)) != 0
	}
	// The first range whose end is at or above r.
	i, _ := slices.BinarySearch(rs.class, r)
	i &^= 1
	return i < len(rs.class) && rs.class[i] <= r && r <= rs.class[i+1]
}

// at decodes the rune at input[p] as Go does (an invalid byte is U+FFFD
// of width 1) and reports whether it is in the class, and its width, for
// the runes that span does not decode inline: those of three and four
// bytes, and invalid bytes.
func (rs *runeSet) at(input []byte, p int) (in bool, w int) {
	if c0 := input[p]; 0xE0 <= c0 && c0 <= 0xEF && p+2 < len(input) {
		// Three bytes, unless overlong (E0 80-9F) or a surrogate
		// (ED A0-BF), which utf8.DecodeRune rejects below.
		c1, c2 := input[p+1], input[p+2]
		if c1&0xC0 == 0x80 && c2&0xC0 == 0x80 && (c0 != 0xE0 || c1 >= 0xA0) && (c0 != 0xED || c1 < 0xA0) {
			r := rune(c0&0x0F)<<12 | rune(c1&0x3F)<<6 | rune(c2&0x3F)
			return rs.bmp[r>>6]&(1<<(r&63)) != 0, 3
		}
	}
	r, w := utf8.DecodeRune(input[p:])
	if r == utf8.RuneError && w == 1 {
		return rs.invalid, 1
	}
	return rs.has(r), w
}

// covers reports whether every rune in [lo, hi] is in the class (sorted,
// merged ranges: one range must hold them all).
func (rs *runeSet) covers(lo, hi rune) bool {
	i, _ := slices.BinarySearch(rs.class, lo)
	if i < len(rs.class) && rs.class[i] == lo {
		i &^= 1 // lo starts or ends a range
	} else if i&1 == 0 {
		return false // lo lies between two ranges
	} else {
		i--
	}
	return rs.class[i+1] >= hi
}

// setSafe fills safe for a class that holds U+FFFD: the ASCII runes of
// the class; the bytes above 0x7F that are never a rune of their own
// but U+FFFD (continuation bytes, C0, C1, F5-FF), whatever runes they
// belong to; and the first bytes of encodings all of whose runes are in
// the class. A text of safe bytes, decoded from any rune boundary, is
// runes of the class only: a continuation byte there is in a rune whose
// first byte is safe, or is U+FFFD.
func (rs *runeSet) setSafe() {
	for c := range 256 {
		switch {
		case c < utf8.RuneSelf:
			rs.safe[c] = rs.has(rune(c))
		case c < 0xC2 || c > 0xF4:
			rs.safe[c] = true
		case c < 0xE0:
			lo := rune(c&0x1F) << 6
			rs.safe[c] = rs.covers(lo, lo+0x3F)
		case c < 0xF0:
			lo := rune(c&0x0F) << 12
			hi := lo + 0xFFF
			switch c {
			case 0xE0:
				lo = 0x800 // E0 80-9F is overlong: U+FFFD
			case 0xED:
				hi = 0xD7FF // ED A0-BF would be surrogates: U+FFFD
			}
			rs.safe[c] = rs.covers(lo, hi)
		default:
			lo := rune(c&0x07) << 18
			hi := min(lo+0x3FFFF, utf8.MaxRune)
			lo = max(lo, 0x10000) // F0 80-8F is overlong
			rs.safe[c] = rs.covers(lo, hi)
		}
	}
}

// whole reports whether b is a sequence of runes of the class each of
// which is ASCII or starts with a byte of kindLead: valid UTF-8 whose
// every rune is in the class, without decoding (Cyrillic text for
// \p{L}, whose leads D0 and D1 hold letters only).
func (rs *runeSet) whole(b []byte) bool {
	for i := 0; i < len(b); {
		switch rs.kind[b[i]] {
		case kindASCII:
			i++
		case kindLead:
			if i+1 == len(b) || b[i+1]&0xC0 != 0x80 {
				return false
			}
			i += 2
		default:
			return false
		}
	}
	return true
}

// allSafe reports whether every byte of b is safe.
func (rs *runeSet) allSafe(b []byte) bool {
	for _, c := range b {
		if !rs.safe[c] {
			return false
		}
	}
	return true
}

// matchesUnicode is matches for a class that is not ASCII: each byte run
// of the scan is decoded rune by rune and split at the runes outside the
// class (see the package comment for why decoding from the run's start
// agrees with Go's), and the runs of runes of the class give the matches
// as the byte runs of an ASCII class do. c.p is where the decoding of the
// current byte run stands, at the start of a run of the class or of a
// match inside one (-1 before the byte run).
func (s *Spec) matchesUnicode(input []byte, runs []uint64, c *cursor, longest bool, out []uint64) int {
	// A match ends after limit runes of the class, or where the run of
	// the class ends (limit -1).
	limit := s.Max
	if s.Lazy && !longest {
		limit = s.Min
	}
	k := 0
	for ; c.i < len(runs)/2; c.i, c.p = c.i+1, -1 {
		p, b := c.p, int(runs[2*c.i+1])
		if p < 0 && s.runes.invalid && s.Max < 0 && (!s.Lazy || longest) {
			// A byte run of safe bytes is one run of the class, and
			// each byte that is not a continuation byte starts one
			// of its runes.
			if a := int(runs[2*c.i]); (s.Min <= 1 || b-a-continuations(input, a, b) >= s.Min) && (s.runes.highSafe || s.runes.allSafe(input[a:b])) {
				if k+2 > len(out) {
					return k // c.p is -1: the same check on the next call
				}
				out[k], out[k+1] = uint64(a), uint64(b)
				k += 2
				continue
			}
		}
		if p < 0 {
			p = int(runs[2*c.i])
			if !s.runes.invalid {
				// Each rune of the class starts with a byte that is
				// not a continuation byte (U+FFFD aside): a byte run
				// with fewer such bytes than Min holds no match (most
				// words, for \p{L}{8,13} over Russian, where the byte
				// run is twice as long).
				n := b - p - continuations(input, p, b)
				if n < s.Min {
					continue
				}
				// A byte run of n runes of the class, no more than
				// a match takes, is one match; whole tells that
				// without decoding it rune by rune.
				if (limit < 0 || n <= limit) && s.runes.whole(input[p:b]) {
					if k+2 > len(out) {
						return k // c.p is -1: the same check on the next call
					}
					out[k], out[k+1] = uint64(p), uint64(b)
					k += 2
					continue
				}
			}
		}
		for p < b {
			// The runes of the class from t, at most limit of
			// them, and the width w of the rune outside the class
			// that ends them, if one does.
			t := p
			var n, w int
			p, n, w = s.runes.span(input, p, b, limit)
			if n >= s.Min {
				if k+2 > len(out) {
					c.p = t // counted again on the next call
					return k
				}
				out[k], out[k+1] = uint64(t), uint64(p)
				k += 2
			}
			p += w
		}
	}
	return k
}

// span decodes the runes from input[p] on, up to b at most, while they
// are in the class, and at most limit of them (no limit if -1), and
// returns where they end, their number, and the width of the rune
// outside the class that ended them (0 if none did). The runes of the
// class lie inside the scan's byte runs, so b never cuts one. It is a
// function of its own so that its loop keeps its few values in registers.
func (rs *runeSet) span(input []byte, p, b, limit int) (end, n, w int) {
	bmp := &rs.bmp
	for p < b {
		// ASCII and two-byte runes (Cyrillic, Greek, accented Latin)
		// inline, the most of the text where such a class serves; the
		// rest in at.
		in := false
		switch c0 := input[p]; {
		case c0 < utf8.RuneSelf:
			in, w = bmp[c0>>6]&(1<<(c0&63)) != 0, 1
		case 0xC2 <= c0 && c0 <= 0xDF && p+1 < len(input) && input[p+1]&0xC0 == 0x80:
			r := uint(c0&0x1F)<<6 | uint(input[p+1]&0x3F)
			in, w = bmp[r>>6]&(1<<(r&63)) != 0, 2
		default:
			in, w = rs.at(input, p)
		}
		if !in {
			return p, n, w
		}
		p, n = p+w, n+1
		if n == limit {
			break
		}
	}
	return p, n, 0
}

// continuations returns the number of continuation bytes (80-BF) in
// input[a:b], eight at a time; the last few bytes are the top of the
// word that ends at b, when there is one.
func continuations(input []byte, a, b int) int {
	count := func(x uint64) int { return bits.OnesCount64(x &^ (x << 1) & 0x8080808080808080) }
	n := 0
	for ; a+8 <= b; a += 8 {
		n += count(binary.LittleEndian.Uint64(input[a:]))
	}
	switch {
	case a == b:
	case b >= 8:
		// The 8-(b-a) bytes below a were counted already.
		n += count(binary.LittleEndian.Uint64(input[b-8:]) >> (8 * (8 - (b - a))))
	default:
		for _, c := range input[a:b] {
			if c&0xC0 == 0x80 {
				n++
			}
		}
	}
	return n
}
