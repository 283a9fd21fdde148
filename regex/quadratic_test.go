package regex

import (
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/rxjit/rxjit/regex/internal/meta"
)

// TestQuadraticGuard checks that iterations whose searches scan far past
// their matches move onto bitnfa's liveness (callState.watch), that
// iterations which do not stay on the DFA, and that the answers are
// regexp's either way.
func TestQuadraticGuard(t *testing.T) {
	if meta.Forced != meta.Auto {
		t.Skip("the guard is the planner's")
	}
	for _, tc := range []struct {
		pattern, input string
		linear         bool
	}{
		{`.*[^A-Z]|[A-Z]`, strings.Repeat("A", 1000), true},
		{`.*[^A-Z]|[A-Z]`, strings.Repeat("A", 500) + "b" + strings.Repeat("A", 500), true},
		{`(?:a.*z|a)`, strings.Repeat("a", 300) + "\xff", true},
		{`[A-Z]`, strings.Repeat("A", 1000), false},
		{`\w+`, strings.Repeat("hello world ", 100), false},
	} {
		re := MustCompile(tc.pattern)
		input := []byte(tc.input)
		var sh callState
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
					pos += runeWidth(input[pos:])
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
