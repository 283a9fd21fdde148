package regex

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/rxjit/rxjit/regex/internal/meta"
	"github.com/rxjit/rxjit/regex/internal/nfa"
)

// TestQuadraticGuard checks that iterations whose searches scan far past
// their matches, and iterations over every match where matches are dense,
// move onto bitnfa's liveness (callState.watch), that other iterations
// stay on the DFA, and that the answers are regexp's either way.
func TestQuadraticGuard(t *testing.T) {
	if meta.Forced != meta.Auto {
		t.Skip("the guard is the planner's")
	}
	jit := MustCompile(`x`).eng().plan.JIT
	for _, tc := range []struct {
		pattern, input string
		all, linear    bool
	}{
		{`.*[^A-Z]|[A-Z]`, strings.Repeat("A", 1000), false, true},
		{`.*[^A-Z]|[A-Z]`, strings.Repeat("A", 500) + "b" + strings.Repeat("A", 500), false, true},
		{`(?:a.*z|a)`, strings.Repeat("a", 300) + "\xff", false, true},
		// (The optional dots keep these patterns off classrun's scan,
		// which answers runs of one class without any search.)
		{`[A-Z]\.?`, strings.Repeat("A", 1000), false, false},
		{`\w+\.?`, strings.Repeat("hello world ", 100), false, false},
		// Dense matches, every match wanted: the liveness where its
		// generated pass runs.
		{`[A-Z]\.?`, strings.Repeat("A", 1000), true, jit},
		{`\w+\.?`, strings.Repeat("hello world ", 100), true, jit},
		{`\w+\.?`, strings.Repeat("hello world ", 5), true, false},                     // too few matches
		{`\w+\.?`, strings.Repeat("hello"+strings.Repeat(" ", 600), 100), true, false}, // too far apart
		{`[a-z]{65}\.?`, strings.Repeat("a", 6500), true, false},                       // more than one word
	} {
		re := MustCompile(tc.pattern)
		input := []byte(tc.input)
		sh := callState{all: tc.all}
		var got [][]int
		for pos, prev := 0, -1; pos <= len(input); {
			var slots [2]int
			if !re.searchIn(&sh, input, pos, slots[:]) {
				break
			}
			if slots[1] == pos {
				if slots[0] != prev {
					got = append(got, slices.Clone(slots[:]))
				}
				if pos < len(input) {
					pos += nfa.RuneWidth(input, pos)
				} else {
					pos++
				}
			} else {
				got = append(got, slices.Clone(slots[:]))
				pos = slots[1]
			}
			prev = slots[1]
		}
		if linear := sh.lin != nil; linear != tc.linear {
			t.Errorf("%q: linear %v, want %v", tc.pattern, linear, tc.linear)
		}
		sh.release()
		want := regexp.MustCompile(tc.pattern).FindAllIndex(input, -1)
		if !slices.EqualFunc(got, want, slices.Equal) {
			t.Errorf("%q: %d matches, want %d", tc.pattern, len(got), len(want))
		}
		if all := re.FindAllIndex(input, -1); !slices.EqualFunc(all, want, slices.Equal) {
			t.Errorf("%q: FindAllIndex gives %d matches, want %d", tc.pattern, len(all), len(want))
		}
	}
}

// TestQuadraticGuardGroups checks that an iteration for groups moves onto
// the liveness too, which then finds each match for the group engines,
// with regexp's answers.
func TestQuadraticGuardGroups(t *testing.T) {
	if meta.Forced != meta.Auto {
		t.Skip("the guard is the planner's")
	}
	const pattern = `.*[^A-Z]|([A-Z])(x?)`
	re := MustCompile(pattern)
	input := []byte(strings.Repeat("A", 2000))
	sh := callState{all: true}
	defer sh.release()
	for pos := 0; pos < 600; pos++ {
		slots := make([]int, re.numSlots())
		if !re.searchIn(&sh, input, pos, slots) || slots[0] != pos || slots[3] != pos+1 {
			t.Fatalf("search at %d: %v", pos, slots)
		}
	}
	if sh.lin == nil {
		t.Error("the iteration for groups stayed on the DFAs")
	}
	want := regexp.MustCompile(pattern).FindAllSubmatchIndex(input, -1)
	if got := re.FindAllSubmatchIndex(input, -1); !slices.EqualFunc(got, want, slices.Equal) {
		t.Errorf("FindAllSubmatchIndex: %d matches, want %d", len(got), len(want))
	}
}

// TestQuadraticGuardCalls checks that whole FindAll and ReplaceAll calls
// move onto the liveness where their searches read far past their
// matches, span searches included: a walk a span search hands to the
// forward loop reads to the end of "AAAA…" for a match of one byte, and
// must count towards the guard (it once did not, and the call went
// quadratic); and so must a walk a span search makes to the end of a
// short text (dfa.SpanRest), which it does not hand over.
func TestQuadraticGuardCalls(t *testing.T) {
	if meta.Forced != meta.Auto || meta.Runes {
		t.Skip("the guard is the planner's")
	}
	for _, n := range []int{2000, 200} {
		t.Run(fmt.Sprint(n), func(t *testing.T) { testQuadraticGuardCalls(t, strings.Repeat("A", n)) })
	}
}

func testQuadraticGuardCalls(t *testing.T, input string) {
	re := MustCompile(`.*[^A-Z]|[A-Z]`)
	std := regexp.MustCompile(re.String())
	for name, call := range map[string]func() bool{
		"FindAllStringIndex": func() bool {
			return slices.EqualFunc(re.FindAllStringIndex(input, -1), std.FindAllStringIndex(input, -1), slices.Equal)
		},
		"ReplaceAllString": func() bool { return re.ReplaceAllString(input, "x") == std.ReplaceAllString(input, "x") },
	} {
		before := livenessCalls.Load()
		if !call() {
			t.Errorf("%s: answers differ from regexp's", name)
		}
		if livenessCalls.Load() == before {
			t.Errorf("%s: the call stayed on the DFA (quadratic)", name)
		}
	}
}

// TestQuadraticGuardSpans checks that a span search whose walk reads to
// the end of the text for a match of one byte stops after that match, and
// that the quadratic guard then moves the call onto the liveness: span
// searches take no more of the quadratic reading than the ordinary
// searches would (dfa.SpanScan.Room).
func TestQuadraticGuardSpans(t *testing.T) {
	if meta.Forced != meta.Auto || meta.Runes {
		t.Skip("the guard is the planner's")
	}
	re := MustCompile(`.*[^A-Z]|[A-Z]`)
	for _, n := range []int{100, 1000} {
		input := []byte(strings.Repeat("A", n))
		start, inner, cold := re.firstCandidate(input)
		// Past the pattern's first searches (coldFor), and past those
		// that build the DFA's states, which span searches leave to
		// the ordinary search.
		for i := 0; cold && i < 100; i++ {
			re.FindAllIndex(input, -1)
			start, inner, cold = re.firstCandidate(input)
		}
		for range 3 {
			re.FindAllIndex(input, -1)
		}
		sh := callState{all: true, inner: inner, cold: cold}
		if sh.spans = !cold && re.spannable(inner); !sh.spans {
			t.Fatalf("%v: no span searches on %d bytes", re, n)
		}
		m := matchLists.Get().(*matchList)
		m.ncap = 2
		pos, _ := re.spanSearch(&sh, input, start, -1, n+1, m)
		if m.n != 1 || pos != 1 || sh.lin == nil {
			t.Errorf("%v on %d bytes: span searches stopped at %d after %d matches, on the liveness: %v; want 1, 1, true", re, n, pos, m.n, sh.lin != nil)
		}
		m.release()
		sh.release()
	}
}
