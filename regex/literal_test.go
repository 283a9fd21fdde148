package regex_test

import (
	"fmt"
	"math/rand/v2"
	"regexp"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/rxjit/rxjit/regex"
)

// TestLiteralDifferential holds the literal strategies (exact sets, probe
// prefilters before the DFA, anchored checks at candidates) to regexp's
// answers: alternations of words with and without (?i), with the letters
// whose folds change length (k and the Kelvin sign, s and the long s),
// Cyrillic, and assertions and classes around them, on inputs long
// enough for the generated scan, with invalid UTF-8 between the words.
func TestLiteralDifferential(t *testing.T) {
	words := []string{"sherlock", "Holmes", "kk", "sk", "ſk", "Kelvin", "шерлок", "Ш", "ab", "abc", "xyz", "Watson", "a\u212a", "ss"}
	noise := []string{" ", "\n", "x", "\xff", "\xc5", "\xe2\x84", "é", "SHERLOCK", "ШЕРЛОК", "KELVIN", "ſ", "\u212a", "Ss", "abab"}
	rng := rand.New(rand.NewPCG(3, 4))
	pattern := func() string {
		n := 1 + rng.IntN(4)
		alts := make([]string, n)
		for i := range alts {
			alts[i] = regexp.QuoteMeta(words[rng.IntN(len(words))])
			if rng.IntN(4) == 0 {
				alts[i] += words[rng.IntN(len(words))]
			}
		}
		p := strings.Join(alts, "|")
		switch rng.IntN(6) {
		case 0:
			p = `(?i)` + p
		case 1:
			p = `(?i:` + p + `)\w*`
		case 2:
			p = `\b(` + p + `)\b`
		case 3:
			p = `(` + p + `)\s*\d?`
		}
		return p
	}
	input := func() string {
		var b strings.Builder
		for b.Len() < 50+rng.IntN(400) {
			if rng.IntN(3) == 0 {
				b.WriteString(words[rng.IntN(len(words))])
			} else {
				b.WriteString(noise[rng.IntN(len(noise))])
			}
		}
		return b.String()
	}
	n := 2000
	if testing.Short() {
		n = 200
	}
	failures := 0
	for i := 0; i < n && failures < 10; i++ {
		pat := pattern()
		for _, posix := range []bool{false, true} {
			compileStd, compileRx := regexp.Compile, regex.Compile
			if posix {
				compileStd, compileRx = regexp.CompilePOSIX, regex.CompilePOSIX
			}
			want, werr := compileStd(pat)
			got, gerr := compileRx(pat)
			if fmt.Sprint(werr) != fmt.Sprint(gerr) {
				t.Fatalf("Compile(%q): error %v, want %v", pat, gerr, werr)
			}
			if werr != nil {
				continue
			}
			for range 4 {
				in := input()
				if diff := cmp.Diff(collect(want, in), collect(got, in)); diff != "" {
					t.Errorf("pattern %q posix=%v input %q: (-regexp +rxjit)\n%s", pat, posix, in, diff)
					failures++
					break
				}
			}
		}
	}
}

// TestFoldLiteralDifferential holds the search for case-folded literals
// with too many spellings to list (prefilter.FoldLiteral) to regexp's
// answers: letters whose folds differ in width (s and ſ, k and the Kelvin
// sign, Cyrillic о and с with their narrow forms ᲂ and ᲃ, which take
// three bytes) at the start, inside and at the end, on texts long enough
// for the generated scan, with the spellings, near misses and invalid
// UTF-8 (truncated encodings of those letters among them) between words.
func TestFoldLiteralDifferential(t *testing.T) {
	patterns := []string{
		`(?i)sherlock holmes`, `(?i)kitchens`, `(?i)Шерлок Холмс`, `(?i)сосна`,
		`(?i)(sherlock) holmes`, `(?i)ΣΟΦΙΑ σας`, `(?i)µικρός`, `(?i)xyzzy plugh`,
		`(?i)ks`, `(?i)sss`, `(?i)ǅungla`,
		// Alternations (prefilter.FoldSet): priority among literals
		// starting at the same place, and leftmost-longest below.
		`(?i)sherlock holmes|kitchens|xyzzy plugh`, `(?i)sherlock|sherlock holmes|holmes`,
		`(?i)sherlock holmes|sherlock`, `(?i)Шерлок Холмс|сосна|холмс|ΣΟΦΙΑ`,
		`(?i)Шерлок Холмс|Джон Уотсон|Ирен Адлер|инспектор Лестрейд|профессор Мориарти`,
		`(?i)(sherlock|kitchen)s? (holmes|plugh)`, `(?i)ſherlock|\x{212a}itchens|ss|kk`,
	}
	pieces := []string{
		" ", "\n", "x", "\xff", "\xc5", "\xe2\x84", "\xe1\xb2", "é", "ſ", "\u212a", "ᲂ", "ᲃ",
		"sherlock", "SHERLOCK", "ſherlock", "Sherlo", "holmes", "HOLMEſ", "Holme",
		"kitchens", "\u212aitchenſ", "KITCHEN", "шерлок", "ШЕРЛОК", "холмс", "ХᲂЛМᲃ", "Холм",
		"сосна", "ᲃᲂᲃНА", "СОС", "σοφια", "ΣΟΦΙΑ", "ςας", "σας", "μικρός", "ΜΙΚΡΌΣ", "µικρός",
		"xyzzy", "XYZZY", "plugh", "PLUGH", "ss", "ſſ", "kS", "ǆungla", "ǄUNGLA", "ǅung",
	}
	rng := rand.New(rand.NewPCG(5, 6))
	type compiled struct {
		pat       string
		want, got api
	}
	var all []compiled
	for _, pat := range patterns {
		all = append(all, compiled{pat, regexp.MustCompile(pat), regex.MustCompile(pat)})
		// Leftmost-longest: (?i) is not POSIX syntax, so Longest.
		std, rx := regexp.MustCompile(pat), regex.MustCompile(pat)
		std.Longest()
		rx.Longest()
		all = append(all, compiled{pat + " (longest)", std, rx})
	}
	for _, c := range all {
		want, got, pat := c.want, c.got, c.pat
		for range 60 {
			var b strings.Builder
			for n := 20 + rng.IntN(600); b.Len() < n; {
				b.WriteString(pieces[rng.IntN(len(pieces))])
			}
			in := b.String()
			if diff := cmp.Diff(collect(want, in), collect(got, in)); diff != "" {
				t.Fatalf("pattern %q input %q: (-regexp +rxjit)\n%s", pat, in, diff)
			}
		}
	}
}
