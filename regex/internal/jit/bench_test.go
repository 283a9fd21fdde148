package jit

import (
	"math/rand/v2"
	"regexp/syntax"
	"strings"
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
						s := d.Spans(c, run, text, pos, len(text), credit)
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
