package dfa

import (
	"errors"
	"math/rand/v2"
	"regexp"
	"regexp/syntax"
	"strings"
	"testing"

	"github.com/rxjit/rxjit/regex/internal/nfa"
	"github.com/rxjit/rxjit/regex/internal/testgen"
)

// engines is a compiled pattern's three DFAs with their caches.
type engines struct {
	fwd, longest, rev    *DFA
	fwdC, longestC, revC *Cache
	std                  *regexp.Regexp
	posix                bool
}

func compileAll(t testing.TB, pattern string, posix bool) *engines {
	t.Helper()
	flags := syntax.Perl
	if posix {
		flags = syntax.POSIX
	}
	re, err := syntax.Parse(pattern, flags)
	if err != nil {
		return nil
	}
	n := nfa.Compile(re)
	e := &engines{fwd: New(n, Forward), longest: New(n, ForwardLongest), rev: New(nfa.CompileReverse(re), Reverse), posix: posix}
	e.fwdC, e.longestC, e.revC = e.fwd.NewCache(), e.longest.NewCache(), e.rev.NewCache()
	if posix {
		e.std = regexp.MustCompilePOSIX(pattern)
	} else {
		e.std = regexp.MustCompile(pattern)
	}
	return e
}

// find runs the two-phase DFA search from pos: the forward DFA for the
// end, the reverse DFA for the start and, leftmost-longest, the anchored
// longest DFA for the end again. A quit is reported as an error.
func (e *engines) find(run Runner, hay []byte, pos int) ([]int, error) {
	end, err := e.fwd.Search(e.fwdC, run, hay, pos, false, false)
	if err != nil || end < 0 {
		return nil, err
	}
	start, err := e.rev.SearchReverse(e.revC, run, hay, pos, end)
	if err != nil {
		return nil, err
	}
	if start < 0 {
		return nil, errors.New("reverse search found no start")
	}
	if e.posix {
		if end, err = e.longest.Search(e.longestC, run, hay, start, true, false); err != nil {
			return nil, err
		}
	}
	return []int{start, end}, nil
}

func checkOne(t *testing.T, run Runner, e *engines, pattern, input string) {
	t.Helper()
	hay := []byte(input)
	want := e.std.FindIndex(hay)
	got, err := e.find(run, hay, 0)
	if errors.Is(err, ErrQuit) {
		// Invalid UTF-8: the sanitized copy must get regexp's answer
		// without quitting.
		hay = Sanitize(nil, hay)
		if got, err = e.find(run, hay, 0); err != nil {
			t.Fatalf("%q on sanitized %q: %v", pattern, hay, err)
		}
	}
	if err != nil {
		t.Fatalf("%q on %q: %v", pattern, input, err)
	}
	if !equal(got, want) {
		t.Fatalf("%q (posix %v) on %q: got %v, want %v", pattern, e.posix, input, got, want)
	}
	end, err := e.fwd.Search(e.fwdC, run, hay, 0, false, true)
	if err == nil && (end >= 0) != (want != nil) {
		t.Fatalf("%q on %q: earliest search says %d, want match %v", pattern, input, end, want != nil)
	}
	if err == nil && end >= 0 && !e.std.Match(hay) {
		t.Fatalf("%q on %q: earliest found %d", pattern, input, end)
	}
}

func equal(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// TestDifferential compares the DFA's match bounds with regexp's on
// generated patterns and inputs, leftmost-first and leftmost-longest.
func TestDifferential(t *testing.T) {
	testDifferential(t, GoLoop{})
}

func testDifferential(t *testing.T, run Runner) {
	r := rand.New(rand.NewPCG(9, 9))
	n := 3000
	if testing.Short() {
		n = 600
	}
	quits := 0
	for i := 0; i < n; i++ {
		pattern := testgen.Pattern(r, 4)
		for _, posix := range []bool{false, true} {
			e := compileAll(t, pattern, posix)
			if e == nil {
				continue
			}
			for j := 0; j < 40; j++ {
				input := testgen.Input(r)
				if j%2 == 0 {
					// Valid UTF-8 must never make the DFA quit.
					input = strings.ToValidUTF8(input, "")
				}
				if _, err := e.find(run, []byte(input), 0); errors.Is(err, ErrQuit) {
					if j%2 == 0 {
						t.Fatalf("%q on valid %q: %v", pattern, input, err)
					}
					quits++
				}
				checkOne(t, run, e, pattern, input)
			}
		}
	}
	t.Logf("%d searches quit on invalid UTF-8", quits)
}

func TestFixed(t *testing.T) {
	for _, tc := range []struct{ pattern, input string }{
		{`abc`, "xxabcxx"},
		{`a+`, "baaab"},
		{`\bfoo\b`, "a foo b"},
		{`(?m)^b$`, "a\nb\nc"},
		{`$`, "abc"},
		{`x*`, "abc"},
		{`[\x{FFFD}a]*b`, "éb"},
		{`(?s).`, "é"},
		{`a|bcd`, "abcd"},
		{`\B`, "ab"},
		{`(a|ab)(c|bcd)(d*)`, "abcd"},
		{`^abc`, "abc"},
		{`日本`, "xx日本"},
		{`\pL+`, "12héllo!"},
	} {
		for _, posix := range []bool{false, true} {
			if e := compileAll(t, tc.pattern, posix); e != nil {
				checkOne(t, GoLoop{}, e, tc.pattern, tc.input)
			}
		}
	}
}

// TestBudget runs a pattern whose DFA explodes, (a|b)*a(a|b){20}, over
// random a/b text with a small budget: the cache must stay within it,
// clear itself, and either answer right or give up, never answer wrong.
func TestBudget(t *testing.T) {
	const pattern = `(a|b)*a(a|b){20}`
	e := compileAll(t, pattern, false)
	r := rand.New(rand.NewPCG(7, 7))
	hay := make([]byte, 1<<16)
	for i := range hay {
		hay[i] = "ab"[r.IntN(2)]
	}
	hay[len(hay)-21] = 'x' // the only match ends before it
	for _, budget := range []int{64 << 10, 256 << 10, DefaultBudget} {
		e.fwd.Budget, e.rev.Budget = budget, budget
		e.fwdC, e.revC = e.fwd.NewCache(), e.rev.NewCache()
		want := e.std.FindIndex(hay)
		got, err := e.find(GoLoop{}, hay, 0)
		switch {
		case errors.Is(err, ErrGaveUp):
			t.Logf("budget %d: gave up after %d clears", budget, e.fwdC.Clears())
		case err != nil:
			t.Fatal(err)
		case !equal(got, want):
			t.Fatalf("budget %d: got %v, want %v", budget, got, want)
		}
		// Allow one state beyond the budget: the last one built.
		if m := e.fwdC.Memory(); m > budget+e.fwdC.cost(len(e.fwd.nfa.States)) {
			t.Errorf("budget %d: cache holds %d bytes", budget, m)
		}
		t.Logf("budget %d: %d states, %d bytes, %d clears", budget, e.fwdC.NumStates(), e.fwdC.Memory(), e.fwdC.Clears())
	}
}

// TestSearchText runs searches over growing prefixes of a text, as the
// sanitized search does, and checks that they answer ErrMore until the
// prefix holds what the answer depends on, and then what the search over
// the whole text answers.
func TestSearchText(t *testing.T) {
	r := rand.New(rand.NewPCG(11, 11))
	for i := 0; i < 1500; i++ {
		pattern := testgen.Pattern(r, 3)
		e := compileAll(t, pattern, i%2 == 0)
		if e == nil {
			continue
		}
		var b strings.Builder
		for k := r.IntN(4); k >= 0; k-- {
			b.WriteString(testgen.Input(r))
		}
		hay := Sanitize(nil, []byte(b.String()))
		pos := 0
		if len(hay) > 0 {
			pos = r.IntN(len(hay))
			for pos > 0 && hay[pos]&0xC0 == 0x80 {
				pos--
			}
		}
		want, wantErr := e.fwd.Search(e.fwdC, GoLoop{}, hay, pos, false, false)
		for n := pos; ; n++ {
			got, err := e.fwd.SearchText(e.fwdC, GoLoop{}, hay[:n], len(hay), pos, false, false)
			if err == ErrMore {
				if n == len(hay) {
					t.Fatalf("%q on %q: ErrMore with the whole text", pattern, hay)
				}
				continue
			}
			if got != want || err != wantErr {
				t.Fatalf("%q on %q from %d, %d bytes held: %d %v, want %d %v", pattern, hay, pos, n, got, err, want, wantErr)
			}
			break
		}
	}
}
