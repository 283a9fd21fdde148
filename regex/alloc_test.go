package regex_test

import (
	"regexp"
	"strings"
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
		// A search longer than the rune program's budget moves the pattern
		// onto its engines (the rune program is TestColdAllocs's).
		re.MatchString(strings.Repeat(" ", 64<<10))
		for _, input := range []string{"", "hello world", "say hello", "joe@example.com", "αβγ STRASSE", "xxxxxxxx"} {
			for range 300 {
				// Warm the cache pool, and build the plan's late parts
				// (after 256 searches, see meta.Plan.Inside).
				re.MatchString(input)
			}
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

// TestGroupAllocs checks that the methods that return many matches,
// groups, replacements and pieces allocate no more than regexp's on the
// same pattern and text: the slab of matches, the stack buffers and the
// result collector must keep up with regexp's own economies.
func TestGroupAllocs(t *testing.T) {
	if raceEnabled {
		t.Skip("the race detector makes sync.Pool drop items: allocation counts mean nothing")
	}
	text := strings.Repeat("mail joe@example.com or ann@example.org; ", 30)
	for _, pattern := range []string{
		`(\w+)@(\w+)\.(com|org)`, // the backtracker, inside the DFA's matches
		`^(\w+) (\w+)`,           // one-pass, anchored
		`(?P<user>[a-z]+)@`,      // a named group
		`;\s*`,                   // no groups
	} {
		ours, std := regex.MustCompile(pattern), regexp.MustCompile(pattern)
		for _, m := range []struct {
			name      string
			ours, std func()
		}{
			{"FindAllSubmatch", func() { ours.FindAllSubmatch([]byte(text), -1) }, func() { std.FindAllSubmatch([]byte(text), -1) }},
			{"FindAllStringSubmatchIndex", func() { ours.FindAllStringSubmatchIndex(text, -1) }, func() { std.FindAllStringSubmatchIndex(text, -1) }},
			{"FindAllString", func() { ours.FindAllString(text, 3) }, func() { std.FindAllString(text, 3) }},
			{"ReplaceAllString $1", func() { ours.ReplaceAllString(text, "<$1>") }, func() { std.ReplaceAllString(text, "<$1>") }},
			{"ReplaceAllString ${user}", func() { ours.ReplaceAllString(text, "${user}") }, func() { std.ReplaceAllString(text, "${user}") }},
			{"Split", func() { ours.Split(text, -1) }, func() { std.Split(text, -1) }},
		} {
			m.ours() // warm the pools and the lazy engines
			// The least of three runs: a collection during one empties
			// the pools, whose refill is not the method's doing.
			got := min(testing.AllocsPerRun(20, m.ours), testing.AllocsPerRun(20, m.ours), testing.AllocsPerRun(20, m.ours))
			want := testing.AllocsPerRun(20, m.std)
			if got > want {
				t.Errorf("%s on `%s`: %v allocations, regexp %v", m.name, pattern, got, want)
			}
		}
	}
}

// TestFindAllAllocs checks that FindAllStringIndex over a long text
// allocates its result and little else on the paths a call moves through:
// span searches (a match every few bytes, with failed tries between) and
// the liveness that takes over where matches come densely (which once
// was made again for each match a span search had buffered).
func TestFindAllAllocs(t *testing.T) {
	if raceEnabled {
		t.Skip("the race detector makes sync.Pool drop items: allocation counts mean nothing")
	}
	text := strings.Repeat("It is a capital mistake to theorize before one has data. Insensibly one begins to twist facts to suit theories. ", 1000)
	for _, pattern := range []string{
		`\b[0-9A-Za-z_]+\b`, // span searches
		`(?i)(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*|\d+|[\s,.]+`, // with failed tries
		`[A-Za-z]{8,13}`, // span searches, then the liveness
	} {
		re := regex.MustCompile(pattern)
		matches := len(re.FindAllStringIndex(text, -1))
		// The result: the [][]int, and the 32 KiB chunks of index pairs
		// it keeps (which the pool replaces on the next call).
		want := 1 + (2*matches+4095)/4096 + 6 // and a few for pools emptied by a collection
		n := testing.AllocsPerRun(20, func() { re.FindAllStringIndex(text, -1) })
		t.Logf("`%s`: %d matches, %v allocations", pattern, matches, n)
		if n > float64(want) {
			t.Errorf("FindAllStringIndex on `%s` (%d matches): %v allocations, want at most %d", pattern, matches, n, want)
		}
	}
}
