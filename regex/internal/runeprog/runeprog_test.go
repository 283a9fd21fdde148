package runeprog

import (
	"math/rand/v2"
	"regexp"
	"regexp/syntax"
	"slices"
	"testing"

	"github.com/rxjit/rxjit/regex/internal/pikevm"
	"github.com/rxjit/rxjit/regex/internal/testgen"
)

func compile(t testing.TB, pattern string) *Prog {
	t.Helper()
	re, err := syntax.Parse(pattern, syntax.Perl)
	if err != nil {
		t.Fatal(err)
	}
	p := Compile(re.Simplify(), 1<<20)
	if p == nil {
		t.Fatalf("%q: no program", pattern)
	}
	return p
}

// TestSearch holds searches to regexp's answers on patterns chosen for
// the rules the package doc lists.
func TestSearch(t *testing.T) {
	var c Cache
	for _, tc := range []struct{ pattern, input string }{
		{`a+`, "baaa"},
		{`(a*)*`, "b"}, // (x+)? for a nullable x*
		{`(a*)+`, "b"}, // the plus loop runs once, empty
		{`(a|ab)(c|bcd)(d*)`, "abcd"},
		{`(?i)k`, "\u212a"},           // the Kelvin sign folds to k
		{`(?i)ſ+`, "sSſ"},             // s's orbit
		{`.`, "\xff"},                 // an invalid byte is U+FFFD
		{`\x{FFFD}+`, "\xe2\x82\xff"}, // each byte of a truncated rune too
		{`[^a]b`, "\xe2\x82b"},        // starts are tried rune by rune
		{`\bx\b`, "éx x"},             // \b is ASCII
		{`(?m)^b$`, "a\nb\r\nb"},      // a \r is no line end
		{`^a`, "ba"},                  // \A after the start never holds
		{`a*?b??`, "aab"},             // lazy repetition
		{`(a)|b`, "b"},                // an unmatched group
		{`(?s).+`, "a\nb"},
		{`.+`, "a\nb"},
		{`\p{Greek}{2,3}`, "αβγδ"},
		{`[\x{10000}-\x{10FFFF}]`, "a\U0001F600"},
		{`x{0}y`, "y"},
		{`(?U)(a+)(a*)`, "aaa"},
		{`[^\x00-\x{10FFFF}]`, "a"}, // an empty class
	} {
		p := compile(t, tc.pattern)
		want := regexp.MustCompile(tc.pattern).FindStringSubmatchIndex(tc.input)
		slots := make([]int, 2*(1+regexp.MustCompile(tc.pattern).NumSubexp()))
		if !p.Search(&c, []byte(tc.input), 0, slots) {
			slots = nil
		}
		if !slices.Equal(slots, want) {
			t.Errorf("%q on %q: %v, want %v", tc.pattern, tc.input, slots, want)
		}
	}
}

// TestDifferential holds every search, from every position and with
// every number of slots, to the PikeVM of the byte NFA, and searches
// from the start to regexp, on random patterns and inputs.
func TestDifferential(t *testing.T) {
	patterns := 10000
	if testing.Short() {
		patterns = 1000
	}
	rng := rand.New(rand.NewPCG(3, 5))
	var c Cache
	failures := 0
	for i := 0; i < patterns && failures < 10; i++ {
		pat := testgen.Pattern(rng, 3)
		re, err := syntax.Parse(pat, syntax.Perl)
		if err != nil {
			continue
		}
		p := Compile(re.Simplify(), 1<<20)
		n := testgen.NFA(t, pat)
		vm := pikevm.New(n, nil)
		vc := pikevm.NewCache(len(n.States))
		std := regexp.MustCompile(pat)
		for j := 0; j < 8 && failures < 10; j++ {
			input := []byte(testgen.Input(rng))
			positions := len(input) + 1
			if j >= 6 {
				// Long enough to skip to the bytes a match can start
				// with (skipMinInput); searched from a few positions.
				for len(input) < 2*skipMinInput {
					input = append(input, testgen.Input(rng)...)
				}
				positions = 4
			}
			got := make([]int, 2*(1+std.NumSubexp()))
			if !p.Search(&c, input, 0, got) {
				got = nil
			}
			if want := std.FindSubmatchIndex(input); !slices.Equal(got, want) {
				t.Errorf("%q on %q: %v, want %v", pat, input, got, want)
				failures++
			}
			for i := range positions {
				pos := i
				if positions < len(input)+1 && i > 0 {
					pos = rng.IntN(len(input) + 1)
				}
				for _, k := range []int{0, 2, n.NumSlots} {
					got, want := make([]int, k), make([]int, k)
					ok, wantOK := p.Search(&c, input, pos, got), vm.Search(vc, input, pos, want, false)
					if ok != wantOK || ok && !slices.Equal(got, want) {
						t.Errorf("%q on %q from %d, %d slots: %v %v, want %v %v", pat, input, pos, k, ok, got, wantOK, want)
						failures++
					}
				}
			}
		}
	}
}

// TestMaxInsts checks that Compile gives up on programs that would be
// too large, and counts what it keeps.
func TestMaxInsts(t *testing.T) {
	re, _ := syntax.Parse(`\p{L}{8,13}`, syntax.Perl)
	p := Compile(re.Simplify(), 1000)
	if p == nil || p.Len() > 60 {
		t.Fatalf(`\p{L}{8,13}: %v`, p)
	}
	if p.MaxInput() < 4000 {
		t.Errorf(`\p{L}{8,13}: MaxInput %d`, p.MaxInput())
	}
	re, _ = syntax.Parse(`a{1000}`, syntax.Perl)
	if p := Compile(re.Simplify(), 1000); p != nil {
		t.Errorf("a{1000}: %d instructions, want none", p.Len())
	}
	re, _ = syntax.Parse(`\pL{1000}`, syntax.Perl)
	if p := Compile(re.Simplify(), MaxInsts); p == nil || p.MaxInput() < 1000 {
		t.Error(`\pL{1000}: no program for inputs of 1000 bytes`)
	}
}
