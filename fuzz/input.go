package fuzz

import (
	"bytes"
	"strings"
	"unicode/utf8"
)

// InputOptions restricts what BuildInput may put in an input.
type InputOptions struct {
	// ValidUTF8 keeps invalid UTF-8 out of the input.
	ValidUTF8 bool
	// BMP keeps runes above U+FFFF out of the input.
	BMP bool
	// ASCII keeps every byte of the input below 0x80.
	ASCII bool
	// MaxLen caps the length of the input; zero means no cap beyond the
	// largest boundary BuildInput aims at.
	MaxLen int
}

// Boundaries are the input lengths around which BuildInput places the
// interesting part of a long input: the widths of SIMD loops and unrolled
// main loops (64, 128, 256 bytes), a page (4096), and the slices after
// which generated code returns to Go (64 KiB, 256 KiB).
var Boundaries = []int{64, 128, 256, 4096, 64 << 10, 256 << 10}

// coreLimit bounds the part of an input built piece by piece.
const coreLimit = 256

// Input pieces. invalidPieces are the ill-formed sequences the invalid
// UTF-8 rule must handle: a lone 0xFF and 0xFE, a lone continuation byte,
// a lone lead byte, truncated three- and four-byte sequences (E2 82 is
// the start of the euro sign), an encoded surrogate, overlong encodings
// and a code point above U+10FFFF.
var (
	asciiPieces   = []string{"a", "b", "c", "x", "A", "B", "_", " ", "0", "\n", "\r", "-", ".", "k", "K", "s", "S", "\t", "\r\n"}
	invalidPieces = []string{
		"\xff", "\xfe", "\x80", "\xbf", "\xc0", "\xe2\x82", "\xf0\x9f\x98",
		"\xed\xa0\x80", "\xc0\xaf", "\xe0\x80\xaf", "\xf4\x90\x80\x80",
		"\xe2\x82\xac\xe2",
	}
	validPieces = []string{
		"é", "É", "\u212a", "ſ", "☺", "Σ", "σ", "ς", "ß", "\u00a0", "日",
		"\ufffd", "ǅ", "ａ", "\u2028", "𝄞", "😀",
	}
	fillers = []string{"x", "a", " ", "\n", "ab", "é", "\xff", "aaaaaaab", "0"}
)

// BuildInput builds an input from data for a pattern with the given
// literals. Most inputs are short: up to 24 pieces, each a literal (as
// is, upper- or lower-cased, or cut short), an ASCII byte, a valid
// non-ASCII rune, an invalid UTF-8 sequence, or a repetition of the
// previous piece. About one input in eight is long: the short part is
// placed so that it straddles one of the Boundaries and the rest is
// filler. Lengths of 64 KiB and more are rare (about one input in a
// thousand) so that fuzzing stays fast.
// Empty data yields an empty input.
func BuildInput(data []byte, lits []string, opt InputOptions) []byte {
	src := source{data: data}
	shape, big := src.next(), byte(0)
	if shape >= 254 {
		big = src.next()
	}
	core := buildCore(&src, lits, opt)

	var boundary int
	switch {
	case shape < 224:
		return core
	case shape < 248:
		boundary = Boundaries[int(shape-224)%3]
	case shape < 254:
		boundary = Boundaries[3]
	default:
		// 64 KiB and 256 KiB inputs cost a thousand times more than the
		// rest: about one input in four thousand. Exhausted data (a
		// zero) picks the cheaper length.
		boundary = Boundaries[3]
		if big >= 248 {
			boundary = Boundaries[shape-254+4]
		}
	}
	filler := fillers[src.intn(len(fillers))]
	if opt.ValidUTF8 && !utf8.ValidString(filler) || opt.ASCII && dropNonASCII(filler) != filler {
		filler = "x"
	}
	// Put the middle of the core on the boundary, give or take two bytes.
	start := max(0, boundary-len(core)/2+src.intn(5)-2)
	total := max(start+len(core), boundary+src.intn(3))
	if opt.MaxLen > 0 && total > opt.MaxLen {
		return core
	}
	out := make([]byte, 0, total)
	for len(out) < start {
		out = append(out, filler...)
	}
	// Filler runes are not cut in half: a whole filler rune may push the
	// core a few bytes past start.
	out = append(out, core...)
	for len(out) < total {
		out = append(out, filler...)
	}
	return out
}

// buildCore builds the short, piece-by-piece part of an input.
func buildCore(src *source, lits []string, opt InputOptions) []byte {
	var out []byte
	var last string
	for i := 0; i < 24 && !src.exhausted() && len(out) < coreLimit; i++ {
		var piece string
		switch src.intn(8) {
		case 0, 1, 2:
			if len(lits) == 0 {
				piece = asciiPieces[src.intn(len(asciiPieces))]
				break
			}
			piece = lits[src.intn(len(lits))]
			switch src.intn(6) {
			case 1:
				piece = strings.ToUpper(piece)
			case 2:
				piece = strings.ToLower(piece)
			case 3:
				// A literal cut short: a near miss, or with a
				// multi-byte rune, a truncated sequence.
				piece = piece[:src.intn(len(piece)+1)]
			}
		case 3, 4:
			piece = asciiPieces[src.intn(len(asciiPieces))]
		case 5:
			if !opt.ValidUTF8 {
				piece = invalidPieces[src.intn(len(invalidPieces))]
				break
			}
			fallthrough
		case 6:
			piece = validPieces[src.intn(len(validPieces))]
		default:
			n := 2 + src.intn(8)
			piece = strings.Repeat(last, n)
		}
		if opt.ValidUTF8 && !utf8.ValidString(piece) {
			piece = strings.ToValidUTF8(piece, "")
		}
		if opt.BMP {
			piece = dropAstral(piece)
		}
		if opt.ASCII {
			piece = dropNonASCII(piece)
		}
		out = append(out, piece...)
		last = piece
	}
	if opt.MaxLen > 0 && len(out) > opt.MaxLen {
		out = out[:opt.MaxLen]
		if opt.ValidUTF8 {
			out = bytes.ToValidUTF8(out, nil)
		}
	}
	return out
}

// dropAstral removes the runes above U+FFFF from s and keeps every other
// byte, invalid ones included.
func dropAstral(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		if r <= 0xFFFF {
			b.WriteString(s[i : i+n])
		}
		i += n
	}
	return b.String()
}

// dropNonASCII removes the bytes at or above 0x80 from s.
func dropNonASCII(s string) string {
	b := []byte(s)
	out := b[:0]
	for _, c := range b {
		if c < 0x80 {
			out = append(out, c)
		}
	}
	return string(out)
}
