package jit

import (
	"fmt"
	"math/rand/v2"
	"regexp/syntax"
	"slices"
	"strings"
	"testing"

	"github.com/rxjit/rxjit/regex/internal/bitnfa"
	"github.com/rxjit/rxjit/regex/internal/testgen"
)

// agreeBitSpans runs span searches from every position of input, with
// several limits and counts, in the generated loop and in the Go twin,
// and compares every result; it also checks the twin's matches against
// successive Finds. It returns the first difference, or "".
func agreeBitSpans(a *bitnfa.Automaton, b *BitSpans, input []byte) string {
	var s bitnfa.Scanner
	for _, from := range []int{0, len(input) / 2} {
		s.Reset(a, input, from, nil)
		for pos := from; pos <= len(input); pos++ {
			for _, limit := range []int{len(input) + 1, pos + 3, pos + 70} {
				for _, n := range []int{1, 3, bitnfa.SpanCap} {
					wn, wnext, wstop := s.Spans(pos, limit, n, nil)
					want := slices.Clone(s.SpanPairs(wn))
					gn, gnext, gstop := s.Spans(pos, limit, n, b)
					got := s.SpanPairs(gn)
					if wn != gn || wnext != gnext || wstop != gstop || !slices.Equal(want, got) {
						return fmt.Sprintf("from %d, pos %d, limit %d, n %d: code %d %v next %d stop %d, Go %d %v next %d stop %d",
							from, pos, limit, n, gn, got, gnext, gstop, wn, want, wnext, wstop)
					}
					if msg := agreeFind(&s, pos, want, wnext, wstop); msg != "" {
						return fmt.Sprintf("from %d, pos %d, limit %d, n %d: %s", from, pos, limit, n, msg)
					}
				}
			}
		}
	}
	return ""
}

// agreeFind checks the matches of a span search from pos against Find's,
// and its stop: where it says Done, Find finds nothing.
func agreeFind(s *bitnfa.Scanner, pos int, pairs []uint64, next int, stop bitnfa.SpanStop) string {
	for i := 0; i < len(pairs); i += 2 {
		start, end := s.Find(pos)
		if uint64(start) != pairs[i] || uint64(end) != pairs[i+1] {
			return fmt.Sprintf("match %d: span [%d,%d], Find [%d,%d]", i/2, pairs[i], pairs[i+1], start, end)
		}
		pos = end
	}
	if pos != next {
		return fmt.Sprintf("next %d after the matches, want %d", next, pos)
	}
	if stop == bitnfa.SpansDone {
		if start, _ := s.Find(pos); start >= 0 {
			return fmt.Sprintf("Done at %d, but Find finds a match at %d", pos, start)
		}
	}
	return ""
}

// TestBitSpans checks the generated span loop against its Go twin, and
// the twin against Find, on hand-picked patterns and on random patterns
// of up to 64 positions that span searches serve.
func TestBitSpans(t *testing.T) {
	skipNoExec(t)
	b := BitSpansCode()
	if b == nil {
		t.Fatal("no span loop")
	}
	cases := []codeCase{
		{`.*[^A-Z]|[A-Z]`, "AAAA\xffAAb\xe2\x82AA€AAA"},
		{`[A-Za-z]{8,13}`, "abcdefgh ijklmnopqrstuvwxyz abc défghijkl mnopqrstuvw"},
		{`a|ab|abc`, "abcabxab" + strings.Repeat("c", 80) + "abc"},
		{`(?:x+y+)+z`, strings.Repeat("xyxz ", 30)},
		{`\w{3,}`, strings.Repeat("ab abc abcd ", 20)},
	}
	rng := rand.New(rand.NewPCG(9, 2))
	for len(cases) < 300 {
		pat := testgen.Pattern(rng, 3)
		if _, err := syntax.Parse(pat, syntax.Perl); err == nil {
			cases = append(cases, codeCase{pat, testgen.Input(rng)})
		}
	}
	served := 0
	checkCases(t, cases, func(c codeCase) string {
		a := bitNFAOf(t, c.pattern)
		if a == nil || !a.Batches() {
			return ""
		}
		served++
		return agreeBitSpans(a, b, []byte(c.input))
	})
	if served < 100 {
		t.Errorf("only %d patterns served", served)
	}
}

// BenchmarkBitSpans finds every match of a text on its liveness, computed
// once, with span searches in the Go twin and in the generated loop (as
// FindAll does on the liveness, without the result): words of 8 to 13
// letters in English prose (rebar's letters-en pattern), and one-byte
// matches a byte (14-quadratic's).
func BenchmarkBitSpans(b *testing.B) {
	prose := []byte(strings.Repeat("It is a capital mistake to theorize before one has data. Insensibly one begins to twist facts to suit theories, instead of theories to suit facts.\n", 64))
	for _, tc := range []struct {
		name, pattern string
		hay           []byte
	}{
		{"Letters", `[A-Za-z]{8,13}`, prose},
		{"Quadratic", `.*[^A-Z]|[A-Z]`, []byte(strings.Repeat("A", 1000))},
	} {
		a := bitNFAOf(b, tc.pattern)
		var s bitnfa.Scanner
		s.Reset(a, tc.hay, 0, nil)
		for _, rn := range []struct {
			name string
			sp   bitnfa.Spanner
		}{{"go", nil}, {"jit", BitSpansCode()}} {
			b.Run(tc.name+"/"+rn.name, func(b *testing.B) {
				if rn.sp == nil && rn.name == "jit" {
					b.Skip("no executable memory")
				}
				b.SetBytes(int64(len(tc.hay)))
				for b.Loop() {
					for pos := 0; ; {
						k, next, stop := s.Spans(pos, len(tc.hay)+1, bitnfa.SpanCap, rn.sp)
						if stop == bitnfa.SpansFind {
							b.Fatalf("stopped at %d after %d matches", next, k)
						}
						if pos = next; stop == bitnfa.SpansDone {
							break
						}
					}
				}
			})
		}
	}
}
