package regex_test

import (
	"regexp"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/rxjit/rxjit/regex"
)

// TestManyMatches checks the FindAll methods against regexp where the
// matches fill many chunks of slots, with few and with many groups, and
// that appending to one match of a result leaves the others alone.
func TestManyMatches(t *testing.T) {
	groups := strings.Repeat("(a)?", 40) // 41 pairs of slots a match
	for _, tc := range []struct{ pattern, text string }{
		{`\w+`, strings.Repeat("ab cd ", 5000)},
		{`(\w)(\w)?`, strings.Repeat("abc ", 3000)},
		{groups + `(b)`, strings.Repeat("aab", 2000)},
		{`x*`, strings.Repeat("yx", 3000)}, // empty matches between
	} {
		ours, std := regex.MustCompile(tc.pattern), regexp.MustCompile(tc.pattern)
		b := []byte(tc.text)
		for _, n := range []int{-1, 1, 7, 2500} {
			check := func(name string, got, want any) {
				t.Helper()
				if d := cmp.Diff(want, got); d != "" {
					t.Fatalf("%s(`%s`, n=%d): (-regexp +rxjit)\n%s", name, tc.pattern, n, d)
				}
			}
			check("FindAllIndex", ours.FindAllIndex(b, n), std.FindAllIndex(b, n))
			check("FindAllStringIndex", ours.FindAllStringIndex(tc.text, n), std.FindAllStringIndex(tc.text, n))
			check("FindAllSubmatchIndex", ours.FindAllSubmatchIndex(b, n), std.FindAllSubmatchIndex(b, n))
			check("FindAllString", ours.FindAllString(tc.text, n), std.FindAllString(tc.text, n))
			check("FindAllSubmatch", ours.FindAllSubmatch(b, n), std.FindAllSubmatch(b, n))
			check("FindAllStringSubmatch", ours.FindAllStringSubmatch(tc.text, n), std.FindAllStringSubmatch(tc.text, n))
		}
		all := ours.FindAllSubmatchIndex(b, -1)
		want := std.FindAllSubmatchIndex(b, -1)
		for i := range all {
			all[i] = append(all[i], -7, -7)
		}
		for i := range all {
			if d := cmp.Diff(want[i], all[i][:len(all[i])-2]); d != "" {
				t.Fatalf("`%s`: appending to the matches changed match %d: %s", tc.pattern, i, d)
			}
		}
	}
}
