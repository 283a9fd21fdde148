package literal

import (
	"fmt"
	"math/rand/v2"
	"regexp/syntax"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

func TestPrefixes(t *testing.T) {
	for _, tt := range []struct {
		pattern string
		want    string
	}{
		{`Sherlock`, `{"Sherlock"}`},
		{`Sherlock Holmes|John Watson`, `{"Sherlock Holmes" "John Watson"}`},
		// Priority order survives factoring by the parser.
		{`Sam|Samwise`, `{"Sam" "Samwise"}`},
		{`Samwise|Sam`, `{"Samwise" "Sam"}`},
		{`(a|ab)(c|bcd)`, `{"ac" "abcd" "abc" "abbcd"}`},
		{`foo\w+`, `{"foo"…}`},
		{`\bfoo\b`, `{"foo"…}`},
		{`^foo$`, `{"foo"…}`},
		{`a?b`, `{"ab" "b"}`},
		{`a??b`, `{"b" "ab"}`},
		{`a*b`, `{"a"… "b"}`},
		{`[ab]c`, `{"ac" "bc"}`},
		{`[a-z]c`, `∞`},
		{`.foo`, `∞`},
		{`x*`, `{"x"… ""}`},
		{`x*y?`, `{"x"… "y" ""}`},
		{`[^\x00-\x{10FFFF}]`, `{}`},
		// Folding follows SimpleFold orbits: k has the Kelvin sign, s the
		// long s, and the encodings differ in length.
		{`(?i)k`, `{"K" "k" "\u212a"}`},
		{`(?i)as`, `{"AS" "As" "A\u017f" "aS" "as" "a\u017f"}`},
		{`(?i)ш`, `{"\u0428" "\u0448"}`},
		// U+FFFD matches invalid bytes too: no literal describes it.
		{`a\x{FFFD}b`, `{"a"…}`},
		{`[\x{FFFD}x]`, `∞`},
	} {
		re, err := syntax.Parse(tt.pattern, syntax.Perl)
		if err != nil {
			t.Fatal(err)
		}
		if got := Prefixes(re, 0).String(); got != tt.want {
			t.Errorf("Prefixes(%#q) = %s, want %s", tt.pattern, got, tt.want)
		}
	}
}

// TestPrefixesMinLen checks that a set with an inexact literal shorter
// than the minimum is infinite, whether the literal comes first or is
// found after a concatenation has started, and that exact short literals
// or short inexact ones that later parts extend do not count.
func TestPrefixesMinLen(t *testing.T) {
	for _, tt := range []struct {
		pattern string
		minLen  int
		want    string
	}{
		{`(\s*)((?:# [Nn][Oo][Qq][Aa])(?::\s?(([A-Z]+[0-9]+(?:[,\s]+)?)+))?)`, 2, `∞`},
		{`(\s*)# noqa`, 1, `{"\t"… "\n"… "\f"… "\r"… " "… "# noqa"}`},
		{`ab|c`, 2, `{"ab" "c"}`},
		{`(a|bc)*d`, 2, `∞`},
		{`(a|bc)*d`, 1, `{"a"… "bc"… "d"}`},
		{`x(a*)b`, 2, `{"xa"… "xb"}`},
		{`x(a*)b`, 3, `∞`},
	} {
		re, err := syntax.Parse(tt.pattern, syntax.Perl)
		if err != nil {
			t.Fatal(err)
		}
		if got := Prefixes(re, tt.minLen).String(); got != tt.want {
			t.Errorf("Prefixes(%#q, %d) = %s, want %s", tt.pattern, tt.minLen, got, tt.want)
		}
	}
}

func TestPrefixesBounded(t *testing.T) {
	re, _ := syntax.Parse(`(?i)Sherlock Holmes`, syntax.Perl)
	s := Prefixes(re, 0)
	if s.Infinite || s.Exact() || len(s.Lits) > MaxLits || len(s.Lits) < 8 {
		t.Fatalf("Prefixes((?i)Sherlock Holmes) = %v: want a cut, inexact set of at most %d", s, MaxLits)
	}
	// A folded alternation is too big whole; its prefixes are kept.
	re, _ = syntax.Parse(`(?i)Sherlock Holmes|John Watson|Irene Adler|Inspector Lestrade|Professor Moriarty`, syntax.Perl)
	if s := Prefixes(re, 0); s.Infinite || len(s.Lits) > MaxLits || s.MinLen() < minShrink {
		t.Fatalf("folded alternation: %v, want at most %d literals of at least %d bytes", s, MaxLits, minShrink)
	}
	re, _ = syntax.Parse(`Sherlock Holmes|John Watson`, syntax.Perl)
	if !Prefixes(re, 0).Exact() {
		t.Fatal("an alternation of literals is not exact")
	}
}

func TestFreq(t *testing.T) {
	// Sanity of the generated table: space is common, 'e' more than 'z',
	// and NUL rare.
	if !(Freq(' ') > Freq('e') && Freq('e') > Freq('z') && Freq('z') > Freq(0)) {
		t.Fatalf("byte frequencies out of order: ' ' %d, 'e' %d, 'z' %d, NUL %d", Freq(' '), Freq('e'), Freq('z'), Freq(0))
	}
}

func TestFolded(t *testing.T) {
	for _, tt := range []struct {
		pattern string
		want    string // the alternatives, each rune's orbit in brackets
	}{
		{`(?i)sk`, `[Ssſ][Kk\x{212a}]`},
		{`# [Nn]oqa`, `[#][ ][Nn][o][q][a]`},
		{`[a-z]x`, ``}, // too big a class
		{`(?i)ab|c`, `[Aa][Bb] [Cc]`},
		{`(?i)Ирен|Иван`, `[Ии][Рр][Ее][Нн] [Ии][Вв\x{1c80}][Аа][Нн]`},
		{`x(?i:y)(z|w)`, `[x][Yy][wz]`},
		{`(?i)(a|b)(c|d)`, `[ABab][CDcd]`},
		{`(?i)(ab|c)(d|ef)`, `[Aa][Bb][Dd] [Aa][Bb][Ee][Ff] [Cc][Dd] [Cc][Ee][Ff]`},
		{`(?i)sam|samwise`, `[Ssſ][Aa][Mm] [Ssſ][Aa][Mm][Ww][Ii][Ssſ][Ee]`},
		{`(?i)ab?c`, `[Aa][Bb][Cc] [Aa][Cc]`},
		{`(?i)ab??c`, `[Aa][Cc] [Aa][Bb][Cc]`},
		{`abc|d`, ``},         // nothing folded
		{`(?i)a+`, ``},        // not a literal
		{`(?i)a|`, ``},        // an empty alternative
		{`(?i)a\x{FFFD}`, ``}, // U+FFFD
	} {
		re, err := syntax.Parse(tt.pattern, syntax.Perl)
		if err != nil {
			t.Fatal(err)
		}
		alts, ok := Folded(re)
		var parts []string
		for _, a := range alts {
			var b strings.Builder
			for _, o := range a {
				b.WriteString("[")
				for _, r := range o {
					if r < 0x80 || unicode.IsLetter(r) && r < 0x1000 {
						b.WriteRune(r)
					} else {
						fmt.Fprintf(&b, `\x{%x}`, r)
					}
				}
				b.WriteString("]")
			}
			parts = append(parts, b.String())
		}
		if got := strings.Join(parts, " "); got != tt.want || ok != (tt.want != "") {
			t.Errorf("Folded(%#q) = %s, %v; want %s", tt.pattern, got, ok, tt.want)
		}
	}
}

// TestPlain checks that a literal without case folding gets the set that
// concatenating its runes one by one gives: cut at MaxLen, inexact at
// U+FFFD or a rune with no encoding.
func TestPlain(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	pool := []rune{'a', 'z', 'é', '€', '😀', utf8.RuneError, 0xD800, unicode.MaxRune + 1}
	for range 2000 {
		rs := make([]rune, rng.IntN(20))
		for i := range rs {
			rs[i] = pool[rng.IntN(len(pool))]
			if rng.IntN(4) > 0 {
				rs[i] = pool[rng.IntN(4)] // mostly encodable runes
			}
		}
		want := empty()
		for _, r := range rs {
			want = concat(want, runes([]rune{r}))
		}
		if got := plain(rs); got.String() != want.String() {
			t.Fatalf("%q: %v, want %v", rs, got, want)
		}
	}
}
