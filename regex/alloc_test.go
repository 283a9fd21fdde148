package regex_test

import (
	"testing"

	"github.com/rxjit/rxjit/regex"
)

// TestMatchStringAllocs checks that matching with a compiled regex does
// not allocate, whichever plan the pattern gets.
func TestMatchStringAllocs(t *testing.T) {
	if raceEnabled {
		t.Skip("the race detector makes sync.Pool drop items: allocation counts mean nothing")
	}
	for _, pattern := range []string{
		`hello`,                    // literal: substring search
		`^hello`,                   // anchored
		`[a-z]+ing`,                // byte-set prefilter + PikeVM
		`(\w+)@(\w+)\.com`,         // captures in the pattern
		`(?i)straße|\p{Greek}+\b$`, // Unicode classes and assertions
		`x*`,                       // empty matches
	} {
		re := regex.MustCompile(pattern)
		for _, input := range []string{"", "hello world", "say hello", "joe@example.com", "αβγ STRASSE", "xxxxxxxx"} {
			re.MatchString(input) // warm the cache pool
			if n := testing.AllocsPerRun(100, func() { re.MatchString(input) }); n != 0 {
				t.Errorf("MatchString(%q) on `%s`: %v allocations, want 0", input, pattern, n)
			}
			b := []byte(input)
			if n := testing.AllocsPerRun(100, func() { re.Match(b) }); n != 0 {
				t.Errorf("Match(%q) on `%s`: %v allocations, want 0", input, pattern, n)
			}
		}
	}
}
