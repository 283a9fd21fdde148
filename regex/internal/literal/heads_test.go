package literal

import (
	"regexp"
	"regexp/syntax"
	"strings"
	"testing"
)

// TestHeads checks, over every string of up to six bytes of a small
// alphabet, that Heads matches exactly the prefixes of matches of
// patterns whose matches are at most six bytes long and hold no
// assertion, and at least those of patterns with assertions (which it
// drops).
func TestHeads(t *testing.T) {
	const alphabet = "ab :"
	var texts []string
	var grow func(s string)
	grow = func(s string) {
		texts = append(texts, s)
		if len(s) < 6 {
			for _, c := range alphabet {
				grow(s + string(c))
			}
		}
	}
	grow("")
	for _, c := range []struct {
		pattern string
		exact   bool
	}{
		{`abab`, true},
		{`(?i)ab`, true},
		{`a?b`, true},
		{`[ab]{2,3}:`, true},
		{`(?:a|b:)(?:ab|:)`, true},
		{`a*b`, false}, // unbounded: the check below needs bounded matches to be exact
		{`(?:ab)+:`, false},
		{`\bab\b :`, false},
		{`(?m)^a$`, false},
		{`a{0,3}b*:`, false},
	} {
		re, err := syntax.Parse(c.pattern, syntax.Perl)
		if err != nil {
			t.Fatal(err)
		}
		h := Heads(re.Simplify())
		if h == nil {
			t.Fatalf("%s: Heads = nil", c.pattern)
		}
		whole := regexp.MustCompile(`^(?:` + c.pattern + `)$`)
		heads := regexp.MustCompile(`^(?:` + h.String() + `)$`)
		prefix := map[string]bool{}
		for _, s := range texts {
			if whole.MatchString(s) {
				for i := range len(s) + 1 {
					prefix[s[:i]] = true
				}
			}
		}
		for _, s := range texts {
			got := heads.MatchString(s)
			if prefix[s] && !got {
				t.Errorf("%s: Heads = %s misses %q, a prefix of a match", c.pattern, h, s)
			}
			if c.exact && !prefix[s] && got {
				t.Errorf("%s: Heads = %s matches %q, no prefix of a match", c.pattern, h, s)
			}
		}
	}
}

// TestHeadsLimit checks that Heads gives up on patterns whose result
// would be too large, rather than build it.
func TestHeadsLimit(t *testing.T) {
	for _, p := range []string{
		strings.Repeat("a", 40000),
		strings.Repeat("(?:", 300) + "a" + strings.Repeat(")+b", 300),
	} {
		re, err := syntax.Parse(p, syntax.Perl)
		if err != nil {
			t.Fatal(err)
		}
		if h := Heads(re.Simplify()); h != nil {
			t.Errorf("Heads(%.40s…) is %d nodes, want nil", p, size(h, 1<<30))
		}
	}
	re, _ := syntax.Parse(`[A-Za-z]{10}\s+[\s\S]{0,100}`, syntax.Perl)
	if Heads(re.Simplify()) == nil {
		t.Errorf("Heads of rebar's 10-bounded-repeat/context prefix = nil")
	}
}
