package dfajit

import (
	"errors"
	"math/rand/v2"
	"regexp"
	"regexp/syntax"
	"strings"
	"testing"

	"github.com/rxjit/rxjit/regex/internal/dfa"
	"github.com/rxjit/rxjit/regex/internal/nfa"
	"github.com/rxjit/rxjit/regex/internal/testgen"
)

func load(t testing.TB) *Runner {
	t.Helper()
	r, err := Load()
	if err != nil {
		t.Skip(err)
	}
	return r
}

// lockStep runs the generated loop and the Go loop from the same Scan on
// every call and fails on the first exit where they differ: position,
// state, special ID or recorded match.
type lockStep struct {
	t     *testing.T
	jit   *Runner
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
		fwd, rev := dfa.New(fa, dfa.Forward), dfa.New(fa.Reverse(), dfa.Reverse)
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
