package jit

import (
	"testing"

	"github.com/rxjit/rxjit/codegen/dfaloop"
	"github.com/rxjit/rxjit/codegen/litscan"
	"github.com/rxjit/rxjit/jitmem"
	"github.com/rxjit/rxjit/regex/internal/prefilter"
)

// BenchmarkGenerate measures what the per-process code costs to make: the
// two DFA loops, and the nine literal scans, each generated, packed into
// an arena and sealed. It is paid once per process, in the background of
// the first search that wants it (see LoadDFA and Scanner).
func BenchmarkGenerate(b *testing.B) {
	if err := jitmem.Available(); err != nil {
		b.Skip(err)
	}
	b.Run("dfa", func(b *testing.B) {
		for b.Loop() {
			var arena jitmem.Arena
			for _, rev := range []bool{false, true} {
				code, _, err := dfaloop.Generate(DFADesc(rev))
				if err != nil {
					b.Fatal(err)
				}
				c, err := arena.Add(code)
				if err != nil {
					b.Fatal(err)
				}
				if _, err := c.Entry(); err != nil {
					b.Fatal(err)
				}
			}
		}
	})
	b.Run("litscan", func(b *testing.B) {
		for b.Loop() {
			var arena jitmem.Arena
			var last *jitmem.Code
			for k := range 3 {
				for p := 1; p <= litscan.MaxProbes; p++ {
					code, _, err := litscan.Generate(ScanDesc(prefilter.ProbeKind(k), p))
					if err != nil {
						b.Fatal(err)
					}
					if last, err = arena.Add(code); err != nil {
						b.Fatal(err)
					}
				}
			}
			if _, err := last.Entry(); err != nil {
				b.Fatal(err)
			}
		}
	})
}
