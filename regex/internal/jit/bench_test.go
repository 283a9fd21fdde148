package jit

import (
	"math/rand/v2"
	"regexp/syntax"
	"strings"
	"testing"

	"github.com/rxjit/rxjit/regex/internal/dfa"
	"github.com/rxjit/rxjit/regex/internal/nfa"
)

// BenchmarkLoop scans 1 MiB with the forward DFA through the Go loop,
// the generated one without two-chain rounds, and the generated one. The
// patterns never match, so the figures are the loops' own speed: a small
// DFA over random letters (Random), and a dictionary of words over
// English prose, whose states are many (Words).
func BenchmarkLoop(b *testing.B) {
	r := rand.New(rand.NewPCG(1, 1))
	random := make([]byte, 1<<20)
	for i := range random {
		random[i] = "ab cd\nef"[r.IntN(8)]
	}
	prose := []byte(strings.Repeat("It is a capital mistake to theorize before one has data. Insensibly one begins to twist facts to suit theories, instead of theories to suit facts.\n", (1<<20)/142))
	for _, tc := range []struct {
		name, pattern string
		hay           []byte
	}{
		{"Random", `[a-f]{3}[ \n][a-f]{3}x`, random},
		{"Words", `\b(?:mystery|sherlock|watson|lestrade|baskerville|moriarty|adventure|detective|inspector|scotland|deduction|violin|criminal|evidence|footprint)s?\b`, prose},
	} {
		re, _ := syntax.Parse(tc.pattern, syntax.Perl)
		d := dfa.New(nfa.Compile(re), dfa.Forward)
		for _, rn := range []struct {
			name string
			run  func(testing.TB) dfa.Runner
		}{
			{"go", func(testing.TB) dfa.Runner { return dfa.GoLoop{} }},
			{"jit-one-chain", func(t testing.TB) dfa.Runner { return oneChain{load(t.(*testing.B))} }},
			{"jit", func(t testing.TB) dfa.Runner { return load(t.(*testing.B)) }},
		} {
			b.Run(tc.name+"/"+rn.name, func(b *testing.B) {
				run := rn.run(b)
				c := d.NewCache()
				b.SetBytes(int64(len(tc.hay)))
				for b.Loop() {
					if end, err := d.Search(c, run, tc.hay, 0, false, false); err != nil || end >= 0 {
						b.Fatal(end, err)
					}
				}
			})
		}
	}
}

// oneChain is the generated loop without its two-chain rounds.
type oneChain struct{ r *DFARunner }

func (o oneChain) Forward(c *dfa.Cache, hay []byte, s *dfa.Scan)   { o.r.Forward(c, hay, s) }
func (o oneChain) Reverse(c *dfa.Cache, hay []byte, s *dfa.Scan)   { o.r.Reverse(c, hay, s) }
func (o oneChain) Spans(c *dfa.Cache, hay []byte, s *dfa.SpanScan) { o.r.Spans(c, hay, s) }

// BenchmarkSpans runs span searches over 112 KB of English through the Go
// loop and the generated one, with the states built: a match every few
// bytes (Words) and failed tries between them (Tokens), as in
// regex's BenchmarkFindAll rows of the same names. The ordinary search
// at a candidate the span search leaves is the anchored DFA in Go.
func BenchmarkSpans(b *testing.B) {
	text := []byte(strings.Repeat("It is a capital mistake to theorize before one has data. Insensibly one begins to twist facts to suit theories. ", 1000))
	for _, tc := range []struct{ name, pattern string }{
		{"Words", `\b[0-9A-Za-z_]+\b`},
		{"Tokens", `(?i)(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*|\d+|[\s,.]+`},
	} {
		re, _ := syntax.Parse(tc.pattern, syntax.Perl)
		d := dfa.New(nfa.Compile(re), dfa.Forward)
		var set [256]bool
		for _, c := range text {
			set[c] = true // a superset of the first bytes serves
		}
		d.SetCandidates(&set)
		for _, rn := range []struct {
			name string
			run  func(testing.TB) dfa.Runner
		}{
			{"go", func(testing.TB) dfa.Runner { return dfa.GoLoop{} }},
			{"jit", func(t testing.TB) dfa.Runner { return load(t.(*testing.B)) }},
		} {
			b.Run(tc.name+"/"+rn.name, func(b *testing.B) {
				run := rn.run(b)
				c := d.NewCache()
				b.SetBytes(int64(len(text)))
				for b.Loop() {
					for pos, credit := 0, dfa.SpanSlack; pos < len(text); {
						s := d.Spans(c, run, text, pos, len(text), credit, dfa.SpanNoGuard)
						pos, credit = s.Pos, s.Credit
						if s.Stop == dfa.SpanNeed || s.Stop == dfa.SpanBudget || s.Stop == dfa.SpanLong {
							if end, _ := d.Search(c, dfa.GoLoop{}, text, pos, true, false); end > pos {
								pos = end
							} else {
								pos++
							}
							credit = dfa.SpanSlack
						}
					}
				}
			})
		}
	}
}
