package regex

import (
	"math/rand/v2"
	"regexp"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/rxjit/rxjit/regex/internal/meta"
)

// innerPatterns are patterns around inner literals: shapes whose proof
// holds (the first confirmed occurrence gives the leftmost match), shapes
// whose later occurrences can start earlier matches (the search widens
// back from the first confirmed occurrence), and shapes that prefix
// literals serve, for TestInnerPlan and TestInnerDifferential.
var innerPatterns = []struct {
	pattern string
	inner   innerKind // how the planner uses the inner literal
}{
	{`\w+\s+Holmes\s+\w+`, proven},
	{`\w+\s+Holmes`, proven},
	{`(\w+)\s+(Holmes|Watson)`, proven},
	{`\b\w+\s+ab\b`, proven},
	{`[A-Z][0-9]XYZ`, proven},
	{`\s*# noqa`, proven},
	{`(\s*)((?i:# noqa)(?::\s?(([A-Z]+[0-9]+(?:[,\s]+)?)+))?)`, proven},
	{`(\s*)(# noqa(?::\s?(([A-Z]+[0-9]+(?:[,\s]+)?)+))?)`, proven},
	{`[a-z]+\d+ab`, proven},
	{`x*[yz]+abc`, proven},
	{`[^a]\s+abab`, proven},
	{`[^ab]abab`, proven},
	{`é+\s+ab`, none}, // prefix literal "é"
	{`\p{Greek}+\s+ab`, proven},
	{`(?m)^\w+\s+ab$`, proven},
	{`(a|aa)bcd`, none}, // prefix literals serve
	{`c[a-z]?abab`, none},
	{`.+\sabc`, widened},
	{`\w+\s*Holmes`, widened},
	{`\w+\w+ab`, widened},
	{`(?:[a-z]cb|c)[a-z]*bb`, widened},
	{`[^()]*(?:\([^()]*\))?[^()]*:ab`, widened},
	{`(?:..acbb|b)ab(?:c|d)`, widened},
	{`[a-z]+[0-9a]+ab`, widened},
	{`[a-z]{3}\s+[\s\S]{0,12}ab[\s\S]{0,12}\s+[a-z]{3}`, widened}, // rebar's 10-bounded-repeat/context, smaller
}

// innerKind is how the planner uses an inner literal.
type innerKind string

const (
	none    innerKind = "none"
	proven  innerKind = "proven"  // with a proof
	widened innerKind = "widened" // without one (literal.Widened)
)

// TestInnerPlan checks which patterns the planner searches by an inner
// literal.
func TestInnerPlan(t *testing.T) {
	for _, c := range innerPatterns {
		re := MustCompile(c.pattern)
		inner, _ := re.eng().plan.Inside(1 << 20)
		got := none
		switch {
		case inner != nil && inner.Proven():
			got = proven
		case inner != nil:
			got = widened
		}
		if got != c.inner {
			t.Errorf("%s: inner literal strategy %v, want %v\n%v", c.pattern, got, c.inner, re.eng().plan)
		}
	}
}

// TestInnerDifferential holds the inner literal strategy to regexp's
// answers on text made of the patterns' own pieces, where occurrences
// crowd, overlap and belong to matches that start before earlier ones,
// with invalid UTF-8 and multi-byte runes between them, on inputs long
// enough for the generated loops. The rejected shapes run too, through
// the ordinary search, as a check on the test's reach.
func TestInnerDifferential(t *testing.T) {
	defer func(old bool) { meta.Eager = old }(meta.Eager)
	meta.Eager = true
	pieces := []string{"Holmes", "Watson", "ab", "abab", "abc", "XYZ", "# noqa", "# noqa: E501, W2", "A1", "B7XYZ",
		" ", " ", "\t", "\n", "x", "yz", "é", "α", "\xff", "\xe2\x84", ":", "(", ")", "c", "bb", "acbb", "_", "q9", "HolmesHolmes"}
	rng := rand.New(rand.NewPCG(7, 8))
	input := func() string {
		var b strings.Builder
		for n := rng.IntN(300); b.Len() < n; {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		return b.String()
	}
	n := 400
	if testing.Short() {
		n = 60
	}
	for _, c := range innerPatterns {
		for _, longest := range []bool{false, true} {
			var want *regexp.Regexp
			var got *Regexp
			want, got = regexp.MustCompile(c.pattern), MustCompile(c.pattern)
			if longest {
				want.Longest()
				got.Longest()
			}
			// Long inputs crowded with occurrences, where the search
			// hands over to the ordinary one part of the way through.
			long := []string{
				strings.Repeat("ab ", 2000) + "Holmes x",
				strings.Repeat("Mr Holmes. ", 500) + "x Holmes y" + strings.Repeat("# noqa ", 300),
				strings.Repeat("(:ab)", 400) + strings.Repeat("A1XYZ abab ", 50),
			}
			for i := range n + len(long) {
				var in string
				if i < len(long) {
					in = long[i]
				} else {
					in = input()
				}
				if diff := cmp.Diff(want.FindAllStringIndex(in, -1), got.FindAllStringIndex(in, -1)); diff != "" {
					t.Fatalf("%s (Longest %v) FindAllStringIndex(%q): -regexp +rxjit\n%s", c.pattern, longest, in, diff)
				}
				if diff := cmp.Diff(want.FindAllStringSubmatchIndex(in, -1), got.FindAllStringSubmatchIndex(in, -1)); diff != "" {
					t.Fatalf("%s (Longest %v) FindAllStringSubmatchIndex(%q): -regexp +rxjit\n%s", c.pattern, longest, in, diff)
				}
				if w, g := want.MatchString(in), got.MatchString(in); w != g {
					t.Fatalf("%s (Longest %v) MatchString(%q) = %v, want %v", c.pattern, longest, in, g, w)
				}
			}
		}
	}
}

// TestInnerRandom holds the inner literal strategy to regexp's answers on
// generated patterns, a prefix of classes, repetitions and alternations
// around a literal made of the same letters, so that the literal's
// occurrences overlap what the prefix can match and the proofs decide.
func TestInnerRandom(t *testing.T) {
	defer func(old bool) { meta.Eager = old }(meta.Eager)
	meta.Eager = true
	prefixes := []string{`[a-c]`, `[^ab]`, `\w`, `\s`, `.`, `x`, `(?:ab|c)`, `[a-z]+`, `\s+`, `\d*`, `(?:xy)?`, `b+`, `[^c]{1,3}`, `[xy]{2}`, `\b`, `(?m:^)`, `(?i:B)`,
		`(?:[a-z]cb|c)`, `[a-z]*`, `(?:.ab)?`, `(?:xab)?`, `[^()]*`, `(?:\([^()]*\))?`, `(?:a[bc]{2})?`, `(?:..acbb|b)`}
	literals := []string{"ab", "abc", "bab", "cc", "xyx", "aa", "(?i:ab)", "(?:ab|ba)", "bb", ":a"}
	suffixes := []string{"", `\w*`, `\s+\w+`, `[a-c]?`, `$`, `\b`, `c+`}
	const text = "abcxy \n\t1():"
	noise := []string{"\xff", "é", "\xe2\x84", "ab", "bab", "xyx"}
	rng := rand.New(rand.NewPCG(9, 10))
	n, inner := 1500, 0
	if testing.Short() {
		n = 300
	}
	for range n {
		var p strings.Builder
		for range 1 + rng.IntN(3) {
			p.WriteString(prefixes[rng.IntN(len(prefixes))])
		}
		p.WriteString(literals[rng.IntN(len(literals))])
		p.WriteString(suffixes[rng.IntN(len(suffixes))])
		pattern := p.String()
		want, got := regexp.MustCompile(pattern), MustCompile(pattern)
		if in, _ := got.eng().plan.Inside(1 << 20); in != nil {
			inner++
		}
		for range 20 {
			var b strings.Builder
			for m := rng.IntN(200); b.Len() < m; {
				if rng.IntN(8) == 0 {
					b.WriteString(noise[rng.IntN(len(noise))])
				} else {
					b.WriteByte(text[rng.IntN(len(text))])
				}
			}
			in := b.String()
			if diff := cmp.Diff(want.FindAllStringIndex(in, -1), got.FindAllStringIndex(in, -1)); diff != "" {
				t.Fatalf("%s FindAllStringIndex(%q): -regexp +rxjit\n%s", pattern, in, diff)
			}
		}
	}
	if inner < n/10 {
		t.Errorf("only %d of %d patterns took the inner literal strategy", inner, n)
	}
	t.Logf("%d of %d patterns took the inner literal strategy", inner, n)
}
