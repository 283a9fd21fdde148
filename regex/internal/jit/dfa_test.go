package jit

import (
	"errors"
	"math/rand/v2"
	"regexp"
	"regexp/syntax"
	"strings"
	"testing"

	"github.com/rxjit/rxjit/jitmem"
	"github.com/rxjit/rxjit/regex/internal/dfa"
	"github.com/rxjit/rxjit/regex/internal/nfa"
	"github.com/rxjit/rxjit/regex/internal/testgen"
)

// load returns the Runner, skipping the test only where executable
// memory is unavailable: a loop that fails to generate is a failure.
func load(t testing.TB) *DFARunner {
	t.Helper()
	r, err := WaitDFA()
	if err != nil {
		if jitmem.Available() != nil {
			t.Skip(err)
		}
		t.Fatal(err)
	}
	return r
}

// lockStep runs the generated loop and the Go loop from the same Scan on
// every call and fails on the first exit where they differ: position,
// state, special ID or recorded match.
type lockStep struct {
	t     *testing.T
	jit   *DFARunner
	calls int
}

func (l *lockStep) Forward(c *dfa.Cache, hay []byte, s *dfa.Scan) { l.both(c, hay, s, false) }
func (l *lockStep) Reverse(c *dfa.Cache, hay []byte, s *dfa.Scan) { l.both(c, hay, s, true) }

func (l *lockStep) both(c *dfa.Cache, hay []byte, s *dfa.Scan, reverse bool) {
	l.calls++
	g := *s
	if reverse {
		dfa.GoLoop{}.Reverse(c, hay, &g)
		l.jit.Reverse(c, hay, s)
	} else {
		dfa.GoLoop{}.Forward(c, hay, &g)
		l.jit.Forward(c, hay, s)
	}
	if g.Pos != s.Pos || g.State != s.State || g.Match != s.Match || (g.Pos != g.Bound && !(g.Earliest && g.Match >= 0) && g.Next != s.Next) {
		l.t.Fatalf("reverse %v on %q: Go loop stopped at %+v, generated loop at %+v", reverse, hay, g, *s)
	}
}

// TestLockStep runs the two-phase search on generated patterns and
// inputs through both loops in lock step, and checks the result against
// regexp.
func TestLockStep(t *testing.T) {
	run := &lockStep{t: t, jit: load(t)}
	r := rand.New(rand.NewPCG(3, 4))
	n := 2000
	if testing.Short() {
		n = 400
	}
	for i := 0; i < n; i++ {
		pattern := testgen.Pattern(r, 4)
		re, err := syntax.Parse(pattern, syntax.Perl)
		if err != nil {
			continue
		}
		std := regexp.MustCompile(pattern)
		fa := nfa.Compile(re)
		fwd, rev := dfa.New(fa, dfa.Forward), dfa.New(nfa.CompileReverse(re), dfa.Reverse)
		fc, rc := fwd.NewCache(), rev.NewCache()
		for j := 0; j < 20; j++ {
			// Long inputs too, so the unrolled loop runs.
			var b strings.Builder
			for k := r.IntN(6); k >= 0; k-- {
				b.WriteString(testgen.Input(r))
			}
			hay := []byte(b.String())
			if j%2 == 0 {
				hay = []byte(strings.ToValidUTF8(string(hay), ""))
			}
			want := std.FindIndex(hay)
			end, err := fwd.Search(fc, run, hay, 0, false, false)
			if errors.Is(err, dfa.ErrQuit) {
				continue
			}
			if err != nil {
				t.Fatal(err)
			}
			if (end >= 0) != (want != nil) {
				t.Fatalf("%q on %q: end %d, want %v", pattern, hay, end, want)
			}
			if end < 0 {
				continue
			}
			start, err := rev.SearchReverse(rc, run, hay, 0, end)
			if err != nil || start != want[0] || end != want[1] {
				t.Fatalf("%q on %q: [%d %d] (%v), want %v", pattern, hay, start, end, err, want)
			}
			if e2, err := fwd.Search(fc, run, hay, 0, false, true); err != nil || e2 < 0 {
				t.Fatalf("%q on %q: earliest %d %v", pattern, hay, e2, err)
			}
		}
	}
	t.Logf("%d loop calls compared", run.calls)
}

// TestAccel runs patterns whose states loop on themselves over long
// inputs, so that acceleration records are built and the 32-byte skip
// loop runs, through both loops in lock step and against regexp.
func TestAccel(t *testing.T) {
	run := &lockStep{t: t, jit: load(t)}
	r := rand.New(rand.NewPCG(5, 6))
	text := func(n int, alphabet string) []byte {
		b := make([]byte, n)
		for i := range b {
			b[i] = alphabet[r.IntN(len(alphabet))]
		}
		return b
	}
	accelerated := 0
	for _, tc := range []struct{ pattern, alphabet string }{
		{`a[^x]*x`, "abcdefghijklmnopqrstuvwxyz \n"},
		{`\w+\s+Holmes`, "Sherlock Holmes said the word\n"},
		{`[ -~]*ABCDEFGHIJ$`, "ABCDEFGHIJ \n!~"},
		{`(?s)q.*z`, "qrstuvwxyz\n\x00"},
		{`[a-z]+ing\b`, "singing rings of kings \n"},
		{`"[^"]*"`, "abc \"def\" ghi"},
		{`x+$`, "xxxxxxxxxxxxxxxxxxxxxxxxxxxy"},
	} {
		std := regexp.MustCompile(tc.pattern)
		re, _ := syntax.Parse(tc.pattern, syntax.Perl)
		fa := nfa.Compile(re)
		fwd, rev := dfa.New(fa, dfa.Forward), dfa.New(nfa.CompileReverse(re), dfa.Reverse)
		fc, rc := fwd.NewCache(), rev.NewCache()
		for i := 0; i < 200; i++ {
			hay := text(1+r.IntN(400), tc.alphabet)
			for pos := 0; pos <= len(hay); pos++ {
				want := std.FindIndex(hay[pos:])
				end, err := fwd.Search(fc, run, hay, pos, false, false)
				if err != nil {
					t.Fatal(err)
				}
				if want == nil {
					if end >= 0 {
						t.Fatalf("%q on %q from %d: end %d, want none", tc.pattern, hay, pos, end)
					}
					break
				}
				start, err := rev.SearchReverse(rc, run, hay, pos, end)
				if err != nil || start != pos+want[0] || end != pos+want[1] {
					t.Fatalf("%q on %q from %d: [%d %d], want %v", tc.pattern, hay, pos, start, end, want)
				}
				pos = end
			}
		}
		accelerated += fc.Accelerated()
	}
	if accelerated == 0 {
		t.Error("no state was accelerated")
	}
	t.Logf("%d loop calls compared, %d accelerated states", run.calls, accelerated)
}

// TestLoadDFAAfterWait checks that once WaitDFA has the code, LoadDFA
// hands out the same runner (or the same reason there is none).
func TestLoadDFAAfterWait(t *testing.T) {
	want, wantErr := WaitDFA()
	got, err := LoadDFA()
	if got != want || err != wantErr {
		t.Errorf("LoadDFA() = %p, %v after WaitDFA() = %p, %v", got, err, want, wantErr)
	}
	if wantErr == nil && want == nil {
		t.Error("WaitDFA returned neither a runner nor an error")
	}
}
