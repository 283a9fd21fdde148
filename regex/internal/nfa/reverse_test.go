package nfa

import (
	"math/rand/v2"
	"regexp/syntax"
	"slices"
	"testing"
	"unicode/utf8"
)

// TestCompileReverse checks that the reversed NFA of a class accepts
// exactly the reversed encodings of its runes, and that its tries are
// deterministic: no state has two transitions on one byte.
func TestCompileReverse(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for _, pattern := range []string{`\p{L}`, `\p{Greek}|\p{Cyrillic}`, `[^a]`, `(?s).`, `[\x{80}-\x{10FFFF}]`, `[é€日\x{10000}-\x{10FFFF}]`, `(?i)straße`, `日本語`} {
		re, err := syntax.Parse(pattern, syntax.Perl)
		if err != nil {
			t.Fatal(err)
		}
		fwd, rev := Compile(re), CompileReverse(re)
		for id := range rev.States {
			s := &rev.States[id]
			if s.Kind == KindSparse {
				trans := rev.Trans(s)
				for i := 1; i < len(trans); i++ {
					if trans[i].Lo <= trans[i-1].Hi {
						t.Fatalf("%q: overlapping transitions in %v", pattern, rev.StateString(StateID(id)))
					}
				}
			}
		}
		for range 2000 {
			var b []byte
			for k := r.IntN(3) + 1; k > 0; k-- {
				b = utf8.AppendRune(b, rune(r.IntN(0x30000)))
			}
			if r.IntN(4) == 0 {
				b = []byte("日本語straSSE")[:r.IntN(14)]
			}
			if !utf8.Valid(b) {
				continue
			}
			rb := slices.Clone(b)
			slices.Reverse(rb)
			if got, want := accepts(rev, rev.StartAnchored, rb), accepts(fwd, fwd.StartAnchored, b); got != want {
				t.Fatalf("%q: reversed NFA accepts reversed %q: %v, forward accepts %q: %v", pattern, b, got, b, want)
			}
		}
	}
}
