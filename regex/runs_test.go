package regex_test

import (
	"math/rand/v2"
	"regexp"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/rxjit/rxjit/regex"
	"github.com/rxjit/rxjit/regex/internal/meta"
)

// runPatterns are patterns whose matches are runs of one ASCII class,
// which a scan for the runs answers (package classrun).
var runPatterns = []string{
	`[A-Za-z]{8,13}`,
	`\b[0-9A-Za-z_]{12,}\b`,
	`\b[0-9A-Za-z_]+\b`,
	`\w+`,
	`\d+?`,
	`[a-z]{2,5}?`,
	`\b[a-z]{3}`,
	`[a-z]{3,4}\b`,
	`\b[a-z]{2,3}\b`,
	`(?i)[b-j]{2,}`,
	`([a-z])[a-z]{4}`,
	`(?P<n1>a+)`,
	`a{33,40}`,
	`[ \t]+`,
	`x`,
	`\p{L}{8,13}`,
	`[а-яА-ЯёЁ]{2,}?`,
	`(?i)k{2}`,
	`\p{Han}+`,
	`\S+`,
	`.+`,
	`[^,]{2,}`,
	`.`,
}

// runText returns a text of about n bytes in which the class of most
// patterns above has long runs, with word characters of other classes,
// spaces, multi-byte UTF-8 and invalid bytes between them.
func runText(rng *rand.Rand, n int) string {
	pieces := []string{"a", "b", "j", "z", "A", "Q", "0", "7", "_", " ", "\t", ".", "\n", "é", "\xff", "\xe2\x82", "日", "x",
		"я", "Ё", "ж", "k", "\u212a", "—", "\U0001F600", "\xd0", "\xed\xa0\x80"}
	var b strings.Builder
	for b.Len() < n {
		p := pieces[rng.IntN(len(pieces))]
		b.WriteString(strings.Repeat(p, 1+rng.IntN(1+rng.IntN(48))))
	}
	return b.String()
}

// TestRunsDifferential holds every matching method to regexp's answers
// on patterns that the class-run scan answers (the searches for groups
// still run on the automata), on texts long enough for the generated
// scan's blocks, leftmost-first and leftmost-longest.
func TestRunsDifferential(t *testing.T) {
	defer func(old bool) { meta.Eager = old }(meta.Eager)
	meta.Eager = true // no rune program for the first searches
	rng := rand.New(rand.NewPCG(11, 12))
	texts := []string{"", "a", "ab cd"}
	for range 40 {
		texts = append(texts, runText(rng, rng.IntN(600)))
	}
	for _, p := range runPatterns {
		for _, longest := range []bool{false, true} {
			want, got := regexp.MustCompile(p), regex.MustCompile(p)
			if longest {
				want.Longest()
				got.Longest()
			}
			if meta.Forced == meta.Auto && !regex.UsesRuns(got) {
				t.Errorf("%s: not answered by the class-run scan", p)
			}
			for _, in := range texts {
				if diff := cmp.Diff(collect(want, in), collect(got, in)); diff != "" {
					t.Fatalf("%s (longest %v) on %q: (-regexp +rxjit)\n%s", p, longest, in, diff)
				}
				for _, n := range []int{1, 2, 5} {
					if w, g := want.FindAllStringIndex(in, n), got.FindAllStringIndex(in, n); !cmp.Equal(w, g) {
						t.Fatalf("%s (longest %v) on %q: FindAllStringIndex(%d) = %v, want %v", p, longest, in, n, g, w)
					}
				}
			}
		}
	}
}
