// Package testgen generates random patterns and inputs for the
// differential tests of rxjit's engines: a small grammar over a few
// letters, multi-byte and case-folded runes, classes containing U+FFFD,
// every assertion, nested captures and repetitions (empty-matching ones
// included), and inputs made of the same letters, newlines and invalid or
// truncated UTF-8, so that patterns and inputs collide often.
package testgen

import (
	"fmt"
	"math/rand/v2"
	"regexp/syntax"
	"strings"
	"testing"

	"github.com/rxjit/rxjit/regex/internal/nfa"
)

// atoms are the leaves of generated patterns: letters that collide with
// the inputs, multi-byte runes, classes that contain U+FFFD, case-folded
// letters with non-ASCII orbit members, and every assertion.
var atoms = []string{
	`a`, `b`, `c`, `ab`, `é`, `€`, `日`, `\p{Greek}`, `.`, `(?s:.)`, `[ab]`, `[^a]`, `[a-cé]`, `[^\n]`,
	`\w`, `\W`, `\d`, `\s`, `\pL`, `[[:alpha:]]`, `\x{FFFD}`, `[\x{80}-\x{10FFFF}]`,
	`[^\x00-\x{7F}]`, `(?i:k)`, `K`, `\x{212A}`, `(?i:s)`, `(?i:é)`, `(?i:ab)`,
	`^`, `$`, `\A`, `\z`, `\b`, `\B`, `(?m:^)`, `(?m:$)`, ``, `\n`, `\r`,
}

// Pattern returns a random pattern of about the given depth, biased
// towards nested captures and repetitions, including empty-matching ones.
func Pattern(r *rand.Rand, depth int) string {
	if depth <= 0 || r.IntN(4) == 0 {
		return atoms[r.IntN(len(atoms))]
	}
	sub := func() string { return Pattern(r, depth-1) }
	switch r.IntN(13) {
	case 0, 1:
		return sub() + sub()
	case 2:
		return sub() + sub() + sub()
	case 3:
		return sub() + "|" + sub()
	case 4:
		return "(" + sub() + ")"
	case 5:
		return "(?P<n" + fmt.Sprint(r.IntN(3)) + ">" + sub() + ")"
	case 6:
		return "(?:" + sub() + ")" + []string{"*", "+", "?", "*?", "+?", "??"}[r.IntN(6)]
	case 7:
		return "(" + sub() + ")" + []string{"*", "+", "?", "*?", "+?", "??"}[r.IntN(6)]
	case 8:
		return "(?:" + sub() + ")" + []string{"{2}", "{0,2}", "{1,3}", "{2,}", "{0}", "{1,2}?"}[r.IntN(6)]
	case 9:
		return "(?" + []string{"i", "s", "m", "U", "im", "-s"}[r.IntN(6)] + ":" + sub() + ")"
	case 10:
		return "(" + sub() + "|" + sub() + ")"
	case 11:
		return "((" + sub() + ")*)" + []string{"*", "+", "?"}[r.IntN(3)]
	default:
		return "(?:" + sub() + "|)"
	}
}

// inputPieces are the parts generated inputs are made of, invalid and
// truncated UTF-8 included.
var inputPieces = []string{
	"a", "b", "c", "ab", "aab", "é", "É", "k", "K", "\u212a", "s", "S", "\u017f",
	"\n", "\r", " ", "_", "1", "\xff", "\x80", "\xe2\x82", "€", "\xef\xbf\xbd",
	"\xed\xa0\x80", "\xc0\xaf", "\xf0\x9f\x98", "x", "日", "αβ",
}

// Input returns a random input of up to eight pieces.
func Input(r *rand.Rand) string {
	var b strings.Builder
	for n := r.IntN(9); n > 0; n-- {
		b.WriteString(inputPieces[r.IntN(len(inputPieces))])
	}
	return b.String()
}

// NFA compiles pattern, with Perl flags and simplified as package regex
// compiles it, or fails the test.
func NFA(t testing.TB, pattern string) *nfa.NFA {
	t.Helper()
	re, err := syntax.Parse(pattern, syntax.Perl)
	if err != nil {
		t.Fatalf("parse %q: %v", pattern, err)
	}
	return nfa.Compile(re.Simplify())
}

// GridText returns n bytes of printable ASCII with a newline every 31
// bytes or so, from the same linear feedback shift register regexp's
// benchmarks use (exec_test.go's makeText), so that figures read against
// regexp's own.
func GridText(n int) []byte {
	text := make([]byte, n)
	x := ^uint32(0)
	for i := range text {
		x += x
		x ^= 1
		if int32(x) < 0 {
			x ^= 0x88888eef
		}
		if x%31 == 0 {
			text[i] = '\n'
		} else {
			text[i] = byte(x%(0x7E+1-0x20) + 0x20)
		}
	}
	return text
}
