package jit

import (
	"math/rand/v2"
	"regexp/syntax"
	"testing"

	"github.com/rxjit/rxjit/regex/internal/dfa"
	"github.com/rxjit/rxjit/regex/internal/nfa"
)

// BenchmarkLoop scans 1 MiB with the forward DFA through the Go loop and
// the generated one. The pattern never matches and its DFA is small, so
// the figure is the loops' own speed.
func BenchmarkLoop(b *testing.B) {
	r := rand.New(rand.NewPCG(1, 1))
	hay := make([]byte, 1<<20)
	for i := range hay {
		hay[i] = "ab cd\nef"[r.IntN(8)]
	}
	re, _ := syntax.Parse(`[a-f]{3}[ \n][a-f]{3}x`, syntax.Perl)
	n := nfa.Compile(re)
	d := dfa.New(n, dfa.Forward)
	for _, rn := range []struct {
		name string
		run  func(testing.TB) dfa.Runner
	}{
		{"go", func(testing.TB) dfa.Runner { return dfa.GoLoop{} }},
		{"jit", func(t testing.TB) dfa.Runner { return load(t.(*testing.B)) }},
	} {
		b.Run(rn.name, func(b *testing.B) {
			run := rn.run(b)
			c := d.NewCache()
			b.SetBytes(int64(len(hay)))
			for b.Loop() {
				if end, err := d.Search(c, run, hay, 0, false, false); err != nil || end >= 0 {
					b.Fatal(end, err)
				}
			}
		})
	}
}
