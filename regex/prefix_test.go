package regex_test

import (
	"regexp"
	"testing"

	"github.com/rxjit/rxjit/regex"
)

// TestLiteralPrefixQuirks pins the cases where LiteralPrefix depends on
// the shape of regexp's program rather than on the language matched.
func TestLiteralPrefixQuirks(t *testing.T) {
	for _, pattern := range []string{
		``, `abc`, `(abc)`, `(a)+`, `a+b`, `(?i)1a`, `a\x{FFFD}b`,
		`ab|a[^\x00-\x{10FFFF}]`, // a class of one rune ends the prefix
		`^abc`, `^abc$`, `^(abc)`, `^a|^b`, `x*y`, `(?:)a`,
	} {
		wantPrefix, wantComplete := regexp.MustCompile(pattern).LiteralPrefix()
		prefix, complete := regex.MustCompile(pattern).LiteralPrefix()
		if prefix != wantPrefix || complete != wantComplete {
			t.Errorf("LiteralPrefix(`%s`) = %q, %v; regexp has %q, %v", pattern, prefix, complete, wantPrefix, wantComplete)
		}
	}
}
