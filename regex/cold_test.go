package regex

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/rxjit/rxjit/regex/internal/meta"
	"github.com/rxjit/rxjit/regex/internal/testgen"
)

// coldRegexp returns a Regexp of pattern on a program of its own, whose
// first searches run on the rune program whatever earlier tests did with
// the interned one; it skips the test where a switch forces the engines.
func coldRegexp(t *testing.T, pattern string) *Regexp {
	t.Helper()
	if meta.Forced != meta.Auto || meta.Eager {
		t.Skip("the engines are forced")
	}
	re := MustCompile(pattern)
	re.prog = &program{key: re.prog.key}
	return re
}

// TestColdBudget checks that a pattern's searches run on the rune
// program until they have cost coldBudget, and then on the engines for
// good; and that a search longer than the budget, or a leftmost-longest
// one, runs on the engines at once.
func TestColdBudget(t *testing.T) {
	re := coldRegexp(t, `\p{L}{8,13}`)
	if meta.Runes {
		t.Skip("RXJIT_ENGINE=runes: the budget does not apply")
	}
	input := "so many words, extraordinary ones"
	searches := 0
	for re.prog.eng.Load() == nil {
		if got := re.FindString(input); got != "extraordinary" {
			t.Fatalf("FindString = %q", got)
		}
		searches++
	}
	// Searches run cold while what they cost is within the budget, and
	// the one after them builds the engines.
	if want := coldBudget/(len(input)+coldSearchCost) + 1; searches != want {
		t.Errorf("%d searches before the engines, want %d", searches, want)
	}
	if c := re.prog.coldFor(len(input), false); c != nil {
		t.Error("the rune program still serves searches")
	}

	re = coldRegexp(t, `\p{L}{8,13}`)
	if !re.MatchString(strings.Repeat("long ", 2000) + "extraordinary") {
		t.Fatal("no match")
	}
	if re.prog.eng.Load() == nil {
		t.Error("a search longer than the budget left the engines unbuilt")
	}
	re = coldRegexp(t, `\p{L}{8,13}`)
	re.Longest()
	if !re.MatchString("extraordinary") || re.prog.eng.Load() == nil {
		t.Error("a leftmost-longest search ran on the rune program")
	}
}

// TestColdAllocs checks that searches on the rune program do not
// allocate once its scratch memory is pooled.
func TestColdAllocs(t *testing.T) {
	if raceEnabledInternal {
		t.Skip("the race detector makes sync.Pool drop items: allocation counts mean nothing")
	}
	for _, pattern := range []string{`hello`, `(\w+)@(\w+)\.com`, `(?i)straße|\p{Greek}+\b$`, `x*`} {
		for _, input := range []string{"", "hello world", "joe@example.com", "αβγ STRASSE"} {
			re := coldRegexp(t, pattern)
			re.MatchString(input) // warm the cache pool
			if n := testing.AllocsPerRun(20, func() { re.MatchString(input) }); n != 0 {
				t.Errorf("MatchString(%q) on `%s`: %v allocations, want 0", input, pattern, n)
			}
			if re.prog.eng.Load() != nil {
				t.Errorf("`%s`: the engines were built", pattern)
			}
		}
	}
}

// BenchmarkColdSearch measures searches on the rune program, the engine
// of a pattern's first searches, beside regexp's on the same inputs: Go's
// grid patterns and rebar's letters, on inputs of 16 and 256 bytes, and
// a search for groups.
func BenchmarkColdSearch(b *testing.B) {
	text := testgen.GridText(256)
	for _, bm := range []struct {
		name, pattern string
		groups        bool
	}{
		{"Easy0", "ABCDEFGHIJKLMNOPQRSTUVWXYZ$", false},
		{"Easy1", "A[AB]B[BC]C[CD]D[DE]E[EF]F[FG]G[GH]H[HI]I[IJ]J$", false},
		{"Medium", "[XYZ]ABCDEFGHIJKLMNOPQRSTUVWXYZ$", false},
		{"Hard", "[ -~]*ABCDEFGHIJKLMNOPQRSTUVWXYZ$", false},
		{"Letters", `\p{L}{8,13}`, false},
		{"Groups", `(\w+)\s+(\w+)`, true},
	} {
		for _, n := range []int{16, 256} {
			input := text[:n]
			std := regexp.MustCompile(bm.pattern)
			b.Run(fmt.Sprintf("%s/%d/engine=regexp", bm.name, n), func(b *testing.B) {
				b.SetBytes(int64(n))
				for b.Loop() {
					if bm.groups {
						std.FindSubmatchIndex(input)
					} else {
						std.Match(input)
					}
				}
			})
			b.Run(fmt.Sprintf("%s/%d/engine=rxjit-cold", bm.name, n), func(b *testing.B) {
				if meta.Forced != meta.Auto || meta.Eager {
					b.Skip("the engines are forced")
				}
				re := MustCompile(bm.pattern)
				defer func(runes bool) { meta.Runes = runes }(meta.Runes)
				meta.Runes = true // the budget would end the cold searches
				b.SetBytes(int64(n))
				for b.Loop() {
					if bm.groups {
						re.FindSubmatchIndex(input)
					} else {
						re.Match(input)
					}
				}
			})
		}
	}
}
