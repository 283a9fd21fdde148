package bitnfa

import (
	"math/rand/v2"
	"regexp"
	"regexp/syntax"
	"slices"
	"strings"
	"testing"

	"github.com/rxjit/rxjit/regex/internal/nfa"
	"github.com/rxjit/rxjit/regex/internal/pikevm"
	"github.com/rxjit/rxjit/regex/internal/testgen"
)

func compileNFA(t testing.TB, pattern string) *nfa.NFA { return testgen.NFA(t, pattern) }

// findAll iterates over the matches of a from the start of input, with
// the rules of regexp's FindAllIndex for empty matches.
func findAll(a *Automaton, input []byte) [][]int {
	var s Scanner
	s.Reset(a, input, 0, nil)
	var out [][]int
	for pos, prevEnd := 0, -1; pos <= len(input); {
		start, end := s.Find(pos)
		if start < 0 {
			break
		}
		accept := true
		if end == pos {
			if start == prevEnd {
				accept = false
			}
			if pos < len(input) {
				pos += nfa.RuneWidth(input, pos)
			} else {
				pos++
			}
		} else {
			pos = end
		}
		prevEnd = end
		if accept {
			out = append(out, []int{start, end})
		}
	}
	return out
}

// TestFindAll checks FindAll-style iteration against regexp on patterns
// chosen for their traps: the quadratic alternation, empty matches,
// assertions of every kind and invalid UTF-8.
func TestFindAll(t *testing.T) {
	cases := []struct{ pattern, input string }{
		{`.*[^A-Z]|[A-Z]`, strings.Repeat("A", 50)},
		{`.*[^A-Z]|[A-Z]`, "AAAbAAA"},
		{`[A-Za-z]{2,4}`, "abcdefg hi j klmno"},
		{`a*`, "baaab"},
		{`a*?`, "baaab"},
		{`(a|ab)(c|bcd)(d*)`, "abcd abcd"},
		{`\b\w+\b`, "hello, wörld_1 x"},
		{`(?m)^\w*$`, "ab\n\ncd\nx y\n"},
		{`\B`, "ab cd"},
		{`[^a]`, "a\xffb\xe2\x82a\xed\xa0\x80€"},
		{`.`, "\xf0\x9f\x98a\xc0\xaf"},
		{`(?s).{2}`, "\xe2\x82\xac\x80é"},
		{`\A|x|\z`, "axbx"},
		{`(?i)k+`, "kK\u212ak"},
		{`|a`, "aa"},
	}
	for _, tc := range cases {
		a := New(compileNFA(t, tc.pattern))
		if a == nil {
			t.Errorf("%q: no automaton", tc.pattern)
			continue
		}
		got := findAll(a, []byte(tc.input))
		want := regexp.MustCompile(tc.pattern).FindAllIndex([]byte(tc.input), -1)
		if !slices.EqualFunc(got, want, slices.Equal) {
			t.Errorf("%q on %q: got %v, want %v", tc.pattern, tc.input, got, want)
		}
	}
}

// TestLimits checks the patterns New refuses, and that it takes those
// just inside its limits.
func TestLimits(t *testing.T) {
	for _, tc := range []struct {
		pattern string
		ok      bool
	}{
		{`[a-z]{512}`, true},
		{`[a-z]{513}`, false},
		{`[A-Za-z]{8,13}`, true},
		{`\pL`, false}, // 1,099 positions
		{`\p{L}{8,13}`, false},
		{`\b^$(?m:^)x`, true},     // four kinds of assertion
		{`\b^$(?m:^)[^a]`, false}, // and U+FFFD's guard makes five
	} {
		a := New(compileNFA(t, tc.pattern))
		if (a != nil) != tc.ok {
			t.Errorf("%q: automaton %v, want %v", tc.pattern, a != nil, tc.ok)
		}
	}
}

// TestDifferential holds every search from every position to the
// PikeVM, and FindAll iteration to regexp, on random patterns and
// inputs.
func TestDifferential(t *testing.T) {
	patterns := 20000
	if testing.Short() {
		patterns = 2000
	}
	rng := rand.New(rand.NewPCG(7, 11))
	taken, failures := 0, 0
	for i := 0; i < patterns && failures < 10; i++ {
		pat := testgen.Pattern(rng, 3)
		re, err := syntax.Parse(pat, syntax.Perl)
		if err != nil {
			continue
		}
		n := nfa.Compile(re.Simplify())
		a := New(n)
		if a == nil {
			continue
		}
		taken++
		std := regexp.MustCompile(pat)
		vm := pikevm.New(n, nil)
		vc := pikevm.NewCache(len(n.States))
		for j := 0; j < 8 && failures < 10; j++ {
			input := []byte(testgen.Input(rng))
			if got, want := findAll(a, input), std.FindAllIndex(input, -1); !slices.EqualFunc(got, want, slices.Equal) {
				t.Errorf("pattern %q input %q: FindAll %v, want %v", pat, input, got, want)
				failures++
			}
			var s Scanner
			from := rng.IntN(len(input) + 1)
			s.Reset(a, input, from, nil)
			for pos := from; pos <= len(input); pos++ {
				slots := make([]int, 2)
				want := []int{-1, -1}
				if vm.Search(vc, input, pos, slots, false) {
					want = slots
				}
				if start, end := s.Find(pos); start != want[0] || end != want[1] {
					t.Errorf("pattern %q input %q from %d: Find(%d) = %d, %d, want %v", pat, input, from, pos, start, end, want)
					failures++
				}
				if !a.Captures() {
					continue
				}
				// Groups, on the liveness of the whole rest and on
				// that of the match's span alone.
				all := make([]int, n.NumSlots)
				found := vm.Search(vc, input, pos, all, false)
				got := make([]int, n.NumSlots)
				if ok := s.Submatch(pos, got); ok != found || found && !slices.Equal(got, all) {
					t.Errorf("pattern %q input %q from %d: Submatch(%d) = %v %v, want %v %v", pat, input, from, pos, ok, got, found, all)
					failures++
				}
				if found {
					var span Scanner
					span.ResetSpan(a, input, all[0], all[1])
					if ok := span.Submatch(all[0], got); !ok || !slices.Equal(got, all) {
						t.Errorf("pattern %q input %q: span %d-%d: Submatch = %v %v, want %v", pat, input, all[0], all[1], ok, got, all)
						failures++
					}
				}
			}
		}
	}
	if taken < patterns/2 {
		t.Errorf("only %d of %d patterns taken", taken, patterns)
	}
	t.Logf("%d patterns", taken)
}

func BenchmarkQuadratic(b *testing.B) {
	for _, n := range []int{100, 1000} {
		input := []byte(strings.Repeat("A", n))
		a := New(compileNFA(b, `.*[^A-Z]|[A-Z]`))
		b.Run(strings.Repeat("x", n/100), func(b *testing.B) {
			b.SetBytes(int64(n))
			for b.Loop() {
				if len(findAll(a, input)) != n {
					b.Fatal("count")
				}
			}
		})
	}
}
