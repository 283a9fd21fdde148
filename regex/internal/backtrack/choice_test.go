package backtrack

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/rxjit/rxjit/regex/internal/nfa"
)

// TestChoice checks which alternatives a union follows from a byte: the
// ones that can start with it, and those that need not consume a byte
// (which alone go on at the end), in order.
func TestChoice(t *testing.T) {
	for _, tt := range []struct {
		pattern string
		alts    int
		want    map[string][]int // next byte ("" for the end) → alternatives, by index
	}{
		{`(\r\n|\n)|( +)|(\bif\b)|([a-z]+)|(x*)`, 5, map[string][]int{
			"i": {2, 3, 4}, "f": {3, 4}, " ": {1, 4}, "\r": {0, 4}, "\n": {0, 4}, "@": {4}, "": {4},
		}},
		{`(;)|([^;])`, 2, map[string][]int{";": {0}, "a": {1}, "\xc3": {1}, "": {}}},
		// A union whose alternatives all start with every byte, or that
		// can all match empty, has no choice.
		{`(?s)(.)|(.)(.)`, 2, nil},
		{`(a*)|(b*)|(c*)`, 3, nil},
	} {
		n := compileNFA(t, tt.pattern)
		b := New(n)
		// The union the search starts at, past the captures.
		u := n.StartAnchored
		for n.States[u].Kind == nfa.KindCapture {
			u = n.States[u].Next
		}
		if s := &n.States[u]; s.Kind != nfa.KindUnion || len(n.Alts(s)) != tt.alts {
			t.Fatalf("%q: no union of %d alternatives at the start\n%s", tt.pattern, tt.alts, n)
		}
		byByte, atEnd, lists, ok := b.Choice(u)
		if ok != (tt.want != nil) {
			t.Errorf("%q: choice %v, want %v", tt.pattern, ok, tt.want != nil)
			continue
		}
		alts := n.Alts(&n.States[u])
		for next, want := range tt.want {
			k := atEnd
			if next != "" {
				k = uint16(byByte[next[0]])
			}
			var got []int
			for _, a := range lists[k] {
				got = append(got, slices.Index(alts, a))
			}
			if !slices.Equal(got, want) && len(got)+len(want) > 0 {
				t.Errorf("%q: at %q: alternatives %v, want %v", tt.pattern, next, got, want)
			}
		}
	}
}

// TestChoiceBudget checks that a union whose lists would hold more
// alternatives than the budget gets no choice, so that the Backtracker's
// choices stay within maxChoiceAlts, and that their number stays within
// maxChoices.
func TestChoiceBudget(t *testing.T) {
	// Two hundred alternatives that start each with one of 90 bytes:
	// 200 in all the lists.
	few := ""
	// Two hundred that start each with any byte but one of 90: about
	// 18,000.
	many := ""
	for c := range 200 {
		few += fmt.Sprintf("|\\x{%x}y", 0x21+c%90)
		many += fmt.Sprintf("|[^\\x{%x}]y", 0x21+c%90)
	}
	for _, tt := range []struct {
		pattern string
		budget  int
		want    bool
	}{
		{few[1:], 100, false},
		{few[1:], maxChoiceAlts, true},
		{many[1:], maxChoiceAlts, false},
	} {
		n := compileNFA(t, tt.pattern)
		firsts := firstMemo{n: n, sets: map[nfa.StateID]firstSet{}}
		alts := n.Alts(&n.States[n.StartAnchored])
		if len(alts) != 200 {
			t.Fatalf("the start has %d alternatives, want 200", len(alts))
		}
		if _, ok := newChoice(alts, &firsts, tt.budget); ok != tt.want {
			t.Errorf("%.20q…: choice %v within %d, want %v", tt.pattern, ok, tt.budget, tt.want)
		}
		if b := New(n); b.choiceAlts > maxChoiceAlts {
			t.Errorf("%.20q…: choices hold %d alternatives, more than %d", tt.pattern, b.choiceAlts, maxChoiceAlts)
		}
	}
	// A dictionary: thousands of unions in a trie of digits.
	var words []string
	for i := range 8000 {
		words = append(words, fmt.Sprintf("%05d", i*7919%100000))
	}
	b := New(compileNFA(t, strings.Join(words, "|")))
	if len(b.choices) != maxChoices {
		t.Errorf("a dictionary has %d choices, want the most, %d", len(b.choices), maxChoices)
	}
}
