package literal

import (
	"regexp/syntax"
	"testing"
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
		if got := Prefixes(re).String(); got != tt.want {
			t.Errorf("Prefixes(%#q) = %s, want %s", tt.pattern, got, tt.want)
		}
	}
}

func TestPrefixesBounded(t *testing.T) {
	re, _ := syntax.Parse(`(?i)Sherlock Holmes`, syntax.Perl)
	s := Prefixes(re)
	if s.Infinite || s.Exact() || len(s.Lits) > MaxLits || len(s.Lits) < 8 {
		t.Fatalf("Prefixes((?i)Sherlock Holmes) = %v: want a cut, inexact set of at most %d", s, MaxLits)
	}
	// A folded alternation is too big whole; its prefixes are kept.
	re, _ = syntax.Parse(`(?i)Sherlock Holmes|John Watson|Irene Adler|Inspector Lestrade|Professor Moriarty`, syntax.Perl)
	if s := Prefixes(re); s.Infinite || len(s.Lits) > MaxLits || s.MinLen() < minShrink {
		t.Fatalf("folded alternation: %v, want at most %d literals of at least %d bytes", s, MaxLits, minShrink)
	}
	re, _ = syntax.Parse(`Sherlock Holmes|John Watson`, syntax.Perl)
	if !Prefixes(re).Exact() {
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
