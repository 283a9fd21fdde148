package jit

import (
	"encoding/binary"
	"math/rand/v2"
	"regexp"
	"regexp/syntax"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/rxjit/rxjit/regex/internal/dfa"
	"github.com/rxjit/rxjit/regex/internal/nfa"
	"github.com/rxjit/rxjit/regex/internal/testgen"
)

// chainCheck is a lockStep that also runs two-chain rounds (it is a
// dfa.ChainRunner): each round runs in generated code, then the Go loop
// walks from the same scan to where the round stopped, and the test fails
// where the states differ or the outcome does not fit. It counts the
// outcomes.
type chainCheck struct {
	lockStep
	outcomes [3]int
	// wrong makes every guess one state off where it can, so that
	// rounds must find out by comparing.
	wrong bool
}

func (cc *chainCheck) Chains(c *dfa.Cache, hay []byte, s *dfa.Scan, span int, guess uint32) (int, int) {
	from := *s
	if cc.wrong && guess != from.State && from.State < c.Limit() {
		guess = from.State
	}
	outcome, lost := cc.jit.Chains(c, hay, s, span, guess)
	cc.outcomes[outcome]++
	g := from
	g.Bound = s.Pos
	dfa.GoLoop{}.Forward(c, hay, &g)
	if g.Pos != s.Pos || g.State != s.State || g.Match != from.Match {
		cc.t.Fatalf("round from %d (guess %#x) ended at %d in state %#x, outcome %d; the Go loop reached %d in state %#x (match %d)",
			from.Pos, guess, s.Pos, s.State, outcome, g.Pos, g.State, g.Match)
	}
	switch outcome {
	case dfa.ChainDone:
		if s.Pos != from.Pos+2*span && s.Pos >= from.Pos+span {
			// Where it reads the second half itself it may stop only
			// at its end.
			cc.t.Fatalf("round from %d done at %d, not at %d", from.Pos, s.Pos, from.Pos+2*span)
		}
	case dfa.ChainStopped:
		if step := stepOf(c, hay, s.State, s.Pos); step < c.Limit() {
			cc.t.Fatalf("round from %d stopped at %d before a plain step (%#x)", from.Pos, s.Pos, step)
		}
	case dfa.ChainLost:
		if lost != s.Pos-1+span || s.Pos > from.Pos+span {
			cc.t.Fatalf("round from %d lost at %d, chain one at %d", from.Pos, lost, s.Pos)
		}
	default:
		cc.t.Fatalf("round from %d: outcome %d", from.Pos, outcome)
	}
	return outcome, lost
}

// stepOf is the table's transition from state on hay[pos].
func stepOf(c *dfa.Cache, hay []byte, state uint32, pos int) uint32 {
	table := c.Table()
	word := dfa.HeaderWords + int(table[hay[pos]]) + int(state)
	return binary.LittleEndian.Uint32(table[4*word:])
}

// TestChains runs long unanchored searches, where the forward search
// takes two-chain rounds, with every round checked against the Go loop
// and every answer against regexp: generated patterns over long texts of
// their own pieces, and hand-picked ones over text the chains meet on.
// Guesses are also made wrong on purpose, so rounds that never meet run.
func TestChains(t *testing.T) {
	r := rand.New(rand.NewPCG(11, 12))
	// Matches only in the middle, where rounds run into them.
	line := "the quick brown fox, jumps over the lazy dog; Sherlock Holmes.\n"
	prose := strings.Repeat(line, 110) + "a zebra, a quagga and Holmesx\n" + strings.Repeat(line, 200)
	type tcase struct {
		pattern string
		hay     []byte
	}
	var cases []tcase
	for _, p := range []string{`Holmesx`, `\bzebra\b|quagga|\w+ly\b`, `(?m)^dog`, `[a-z]{12,}`, `(?i)sherlock\s+watson`, `\p{Greek}+`, `x+$`, `(?s).{3000}q`} {
		cases = append(cases, tcase{p, []byte(prose)})
	}
	n := 300
	if testing.Short() {
		n = 60
	}
	for range n {
		var b strings.Builder
		for b.Len() < 2*dfa.ChainSpan+r.IntN(4*dfa.ChainSpan) {
			b.WriteString(testgen.Input(r))
		}
		cases = append(cases, tcase{testgen.Pattern(r, 4), []byte(b.String())})
	}
	cc := &chainCheck{lockStep: lockStep{t: t, jit: load(t)}}
	for i, tc := range cases {
		re, err := syntax.Parse(tc.pattern, syntax.Perl)
		if err != nil {
			continue
		}
		std := regexp.MustCompile(tc.pattern)
		fwd := dfa.New(nfa.Compile(re), dfa.Forward)
		fc := fwd.NewCache()
		hay := []byte(strings.ToValidUTF8(string(tc.hay), "?"))
		cc.wrong = i%3 == 2
		gc := fwd.NewCache() // the Go loop's, the oracle from positions past 0
		for _, pos := range []int{0, 1, len(hay) / 3} {
			for pos < len(hay) && !utf8.RuneStart(hay[pos]) {
				pos++
			}
			want, err := fwd.Search(gc, dfa.GoLoop{}, hay, pos, false, false)
			if err != nil {
				t.Fatal(err)
			}
			if pos == 0 {
				if m := std.FindIndex(hay); m == nil && want >= 0 || m != nil && want != m[1] {
					t.Fatalf("%q: Go loop's end %d, regexp's match %v", tc.pattern, want, m)
				}
			}
			for range 2 { // cold, then with the states built
				end, err := fwd.Search(fc, cc, hay, pos, false, false)
				if err != nil {
					t.Fatal(err)
				}
				if end != want {
					t.Fatalf("%q from %d: end %d, want %d", tc.pattern, pos, end, want)
				}
				if e, err := fwd.Search(fc, cc, hay, pos, false, true); err != nil || (e >= 0) != (want >= 0) {
					t.Fatalf("%q from %d: earliest %d %v, want a match: %v", tc.pattern, pos, e, err, want >= 0)
				}
			}
		}
	}
	t.Logf("rounds: %d done, %d stopped, %d lost", cc.outcomes[0], cc.outcomes[1], cc.outcomes[2])
	for o, k := range cc.outcomes {
		if k == 0 {
			t.Errorf("no round had outcome %d", o)
		}
	}
}

// TestChainsBad checks that the round refuses what its description
// forbids rather than read outside the text or the table.
func TestChainsBad(t *testing.T) {
	r := load(t)
	fwd := dfa.New(nfa.Compile(mustParse(t, `abc`)), dfa.Forward)
	c := fwd.NewCache()
	hay := []byte(strings.Repeat("x", 3*dfa.ChainSpan))
	if _, err := fwd.Search(c, dfa.GoLoop{}, hay, 0, false, false); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name        string
		pos, span   int
		state, gues uint32
	}{
		{"past the text", dfa.ChainSpan + 1, dfa.ChainSpan, 0, 0},
		{"span too long", 0, 2 * dfa.ChainSpan, 0, 0},
		{"span not a multiple", 0, dfa.ChainEvery + 1, 0, 0},
		{"zero span", 0, 0, 0, 0},
		{"guess special", 0, dfa.ChainSpan, 0, c.Limit()},
		{"state special", 0, dfa.ChainSpan, c.Limit(), 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			defer func() {
				if recover() == nil {
					t.Errorf("round ran")
				}
			}()
			s := dfa.Scan{Pos: tc.pos, State: tc.state, Match: -1}
			r.Chains(c, hay[:2*dfa.ChainSpan+1], &s, tc.span, tc.gues)
		})
	}
}

func mustParse(t *testing.T, pattern string) *syntax.Regexp {
	t.Helper()
	re, err := syntax.Parse(pattern, syntax.Perl)
	if err != nil {
		t.Fatal(err)
	}
	return re
}

// TestChainsRounds runs rounds directly, at many positions of long texts
// whose states are built, with three guesses each: the state the Go loop
// is in at the second half's start (the chains meet at once), the state
// it is in a byte later (a state of the DFA, at the wrong place), and the
// state it is in at the first half's start; each round's end is checked
// against the Go loop's walk.
func TestChainsRounds(t *testing.T) {
	jr := load(t)
	r := rand.New(rand.NewPCG(13, 14))
	n := 200
	if testing.Short() {
		n = 40
	}
	const span = dfa.ChainSpan / 4
	outcomes := [3]int{}
	for range n {
		pattern := testgen.Pattern(r, 4)
		re, err := syntax.Parse(pattern, syntax.Perl)
		if err != nil {
			continue
		}
		var b strings.Builder
		for b.Len() < 4*span {
			b.WriteString(testgen.Input(r))
		}
		hay := []byte(strings.ToValidUTF8(b.String(), "?"))
		fwd := dfa.New(nfa.Compile(re), dfa.Forward)
		c := fwd.NewCache()
		// The walk of the unanchored search from 0 through the whole
		// text, taken by the Go loop without stopping at matches: the
		// state before each byte, or none past a special.
		if _, err := fwd.Search(c, dfa.GoLoop{}, hay, 0, false, false); err != nil {
			continue
		}
		states := make([]uint32, 0, len(hay))
		s := dfa.Scan{State: fwd.StartState(c, hay, 0), Match: -1}
		for s.Pos < len(hay) && s.State < c.Limit() {
			states = append(states, s.State)
			s.Bound = s.Pos + 1
			dfa.GoLoop{}.Forward(c, hay, &s)
			if s.Pos != s.Bound {
				break
			}
		}
		for range 20 {
			p := r.IntN(len(hay))
			if p+2*span >= len(states) {
				continue
			}
			for k, guess := range []uint32{states[p+span], states[p+span+1], states[p]} {
				rs := dfa.Scan{Pos: p, State: states[p], Match: -1}
				outcome, lost := jr.Chains(c, hay, &rs, span, guess)
				outcomes[outcome]++
				if rs.State != states[rs.Pos] {
					t.Fatalf("%q: round from %d with guess %d ended at %d in state %#x (outcome %d, lost %d); the walk is in %#x",
						pattern, p, k, rs.Pos, rs.State, outcome, lost, states[rs.Pos])
				}
				if outcome != dfa.ChainDone {
					continue
				}
				if rs.Pos != p+2*span {
					t.Fatalf("%q: round from %d done at %d", pattern, p, rs.Pos)
				}
				// Both chains read their halves: the checkpoints hold
				// chain two's walk from the guess.
				g := dfa.Scan{Pos: p + span, State: guess, Match: -1}
				table := c.Table()
				for i := range span / dfa.ChainEvery {
					if ck := binary.LittleEndian.Uint32(table[dfa.ChainsOffset+4*i:]); ck != g.State {
						t.Fatalf("%q: round from %d: checkpoint %d is %#x, chain two was in %#x", pattern, p, i, ck, g.State)
					}
					g.Bound = g.Pos + dfa.ChainEvery
					dfa.GoLoop{}.Forward(c, hay, &g)
				}
			}
		}
	}
	t.Logf("rounds: %d done, %d stopped, %d lost", outcomes[0], outcomes[1], outcomes[2])
	if outcomes[dfa.ChainDone] == 0 {
		t.Error("no round finished")
	}
}
