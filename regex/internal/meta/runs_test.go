package meta

import (
	"regexp/syntax"
	"testing"
)

// TestRunOfOne checks which patterns runOfOne takes for runs of one
// class, the shapes on each side of its conditions included.
func TestRunOfOne(t *testing.T) {
	for _, c := range []struct {
		pattern string
		want    bool
	}{
		{`\p{L}{8,13}`, true},
		{`[A-Za-z]{8,13}`, true},
		{`[a-z]+`, true},
		{`\d{3,}`, true},
		{`(\w)+`, true},
		{`x{2,5}?`, true},
		{`.{4}`, true},
		{`aaa+`, true},
		{`\b[0-9A-Za-z_]{12,}`, true},
		{`\b\w+`, true},
		{`\b[a-z]{2,}`, true},
		{`[a-z]*`, false},            // may be empty
		{`[a-z]?`, false},            // may be empty
		{`(?:[a-z][a-z])+`, false},   // even lengths only
		{`[a-z]{2,3}\b`, false},      // an assertion after the run
		{`\b[a-z]+\b`, false},        // likewise
		{`[a-z]+[0-9]+`, false},      // two classes
		{`ab+`, false},               // two classes
		{`\b\p{L}+`, false},          // \b beside non-ASCII letters
		{`(?i)\bk+`, false},          // k folds to the Kelvin sign, no word character
		{`(?i)\ba+`, true},           // a folds only to A
		{`^[a-z]+`, false},           // another assertion
		{`[a-z]+|[0-9]+`, false},     // an alternation
		{`(?:[a-z]{2}){1,3}`, false}, // lengths 2, 4, 6
	} {
		re, err := syntax.Parse(c.pattern, syntax.Perl)
		if err != nil {
			t.Fatal(err)
		}
		if got := runOfOne(re.Simplify()); got != c.want {
			t.Errorf("runOfOne(%s) = %v, want %v", c.pattern, got, c.want)
		}
	}
}
