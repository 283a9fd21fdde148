package jit

import (
	"errors"
	"math/rand/v2"
	"regexp"
	"regexp/syntax"
	"slices"
	"strings"
	"testing"

	"github.com/rxjit/rxjit/codegen/dfaloop"
	"github.com/rxjit/rxjit/codegen/entry"
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

// Spans runs the Go span loop, then the generated one, from the same
// SpanScan, and fails where they stop differently or write different
// matches.
func (l *lockStep) Spans(c *dfa.Cache, hay []byte, s *dfa.SpanScan) {
	l.calls++
	g := *s
	dfa.GoLoop{}.Spans(c, hay, &g)
	var spans [][2]int
	for i := range g.N {
		start, end := c.Span(i)
		spans = append(spans, [2]int{start, end})
	}
	l.jit.Spans(c, hay, s)
	if g != *s {
		l.t.Fatalf("spans on %q: Go loop stopped at %+v, generated loop at %+v", hay, g, *s)
	}
	for i, want := range spans {
		if start, end := c.Span(i); start != want[0] || end != want[1] {
			l.t.Fatalf("spans on %q: match %d is %v in Go, [%d %d] in generated code", hay, i, want, start, end)
		}
	}
}

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
	accelerated, matchRuns := 0, 0
	for _, tc := range []struct{ pattern, alphabet string }{
		{`a[^x]*x`, "abcdefghijklmnopqrstuvwxyz \n"},
		{`\w+\s+Holmes`, "Sherlock Holmes said the word\n"},
		{`[ -~]*ABCDEFGHIJ$`, "ABCDEFGHIJ \n!~"},
		{`(?s)q.*z`, "qrstuvwxyz\n\x00"},
		{`[a-z]+ing\b`, "singing rings of kings \n"},
		{`"[^"]*"`, "abc \"def\" ghi"},
		{`x+$`, "xxxxxxxxxxxxxxxxxxxxxxxxxxxy"},
		// Match runs (dfa.Cache.MatchRuns), whose escapes are rare.
		{`k=.*`, "k=abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJ\n"},
		{`a=[^;]*`, "a=bcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRS;"},
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
		matchRuns += fc.MatchRuns()
	}
	if accelerated == 0 || matchRuns == 0 {
		t.Errorf("%d states accelerated, %d match runs with records: the test misses a path", accelerated, matchRuns)
	}
	t.Logf("%d loop calls compared, %d accelerated states, %d match runs with records", run.calls, accelerated, matchRuns)
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

// spanCheck drives span searches over inputs as package regex does,
// through both loops in lock step, and checks them against regexp's
// FindAllIndex. Every byte but UTF-8 continuation bytes is a candidate;
// inputs where regexp reports an empty match, or a match that starts at a
// continuation byte, are left out.
type spanCheck struct {
	t     *testing.T
	run   *lockStep
	r     *rand.Rand
	stops map[dfa.SpanStop]int
	found int
	fails int
	// roomStops counts the stops for want of room (dfa.SpanScan.Room).
	roomStops int
}

// candidates is every byte that is not a UTF-8 continuation byte.
var candidates = func() (set [256]bool) {
	for b := range set {
		set[b] = b < 0x80 || b > 0xBF
	}
	return set
}()

// compile returns the forward DFA of pattern with candidates set, or nil
// if pattern does not parse.
func (sc *spanCheck) compile(pattern string) (*dfa.DFA, *regexp.Regexp) {
	re, err := syntax.Parse(pattern, syntax.Perl)
	if err != nil {
		return nil, nil
	}
	fwd := dfa.New(nfa.Compile(re), dfa.Forward)
	fwd.SetCandidates(&candidates)
	return fwd, regexp.MustCompile(pattern)
}

// check runs the call over hay; shortBounds makes the span searches stop
// short of the end, so that walks meet their bound.
func (sc *spanCheck) check(fwd *dfa.DFA, fc *dfa.Cache, std *regexp.Regexp, hay []byte, shortBounds bool) {
	t := sc.t
	want := std.FindAllIndex(hay, -1)
	for _, m := range want {
		if m[0] == m[1] || !candidates[hay[m[0]]] {
			return
		}
	}
	k := 0                  // the next match of want
	credit := dfa.SpanSlack // as the call in package regex keeps it
	for pos := 0; pos < len(hay); {
		bound := len(hay)
		if shortBounds {
			bound = min(len(hay), pos+1+sc.r.IntN(16))
		}
		// Half the searches with a room for reading past matches that
		// a few such bytes use up, as the quadratic guard leaves them.
		room := dfa.SpanNoGuard
		if sc.r.IntN(2) == 0 {
			room = sc.r.IntN(32) - 2*pos
		}
		s := fwd.Spans(fc, sc.run, hay, pos, bound, credit, room)
		if s.Room > room {
			t.Fatalf("%v on %q from %d: room %d grew to %d", std, hay, pos, room, s.Room)
		}
		if s.Stop == dfa.SpanBudget && s.Credit >= 0 {
			if s.N == 0 || s.Room+2*s.Pos >= 0 {
				t.Fatalf("%v on %q from %d: stopped for its budget with credit %d and room %d at %d", std, hay, pos, s.Credit, s.Room, s.Pos)
			}
			sc.roomStops++
		}
		if credit = s.Credit; s.Stop == dfa.SpanBudget {
			credit = dfa.SpanSlack // a fresh call, as it were
		}
		sc.stops[s.Stop]++
		sc.fails += s.Fails
		for m := range s.N {
			start, end := fc.Span(m)
			if k >= len(want) || start != want[k][0] || end != want[k][1] {
				t.Fatalf("%v on %q from %d: span %d is [%d %d], want %v", std, hay, pos, m, start, end, want[k:])
			}
			k++
			sc.found++
		}
		if k < len(want) && want[k][0] < s.Pos {
			t.Fatalf("%v on %q from %d: stopped at %d (%d) past the match %v", std, hay, pos, s.Pos, s.Stop, want[k])
		}
		pos = s.Pos
		if s.Stop == dfa.SpanLong {
			end, err := fwd.Resume(fc, sc.run, hay, s.State, s.At, s.Match)
			if err == nil && end > pos {
				if k >= len(want) || want[k][0] != pos || want[k][1] != end {
					t.Fatalf("%v on %q: walk from %d handed over at %d ends at %d, want %v", std, hay, pos, s.At, end, want[k:])
				}
				k++
				pos = end
				continue
			}
		}
		if s.Stop != dfa.SpanNeed && s.Stop != dfa.SpanBudget && s.Stop != dfa.SpanLong {
			continue
		}
		// The ordinary search at the candidate, which also builds the
		// states the span loop needs.
		end, err := fwd.Search(fc, sc.run, hay, pos, true, false)
		switch {
		case err != nil:
			if !errors.Is(err, dfa.ErrQuit) {
				t.Fatal(err)
			}
			if k < len(want) && want[k][0] == pos {
				pos = want[k][1]
				k++
				continue
			}
		case end > pos:
			if k >= len(want) || want[k][0] != pos || want[k][1] != end {
				t.Fatalf("%v on %q: anchored search at %d ends at %d, want %v", std, hay, pos, end, want[k:])
			}
			k++
			pos = end
			continue
		}
		pos++
	}
	if k != len(want) {
		t.Fatalf("%v on %q: found %d matches, want %v", std, hay, k, want)
	}
}

// TestSpans runs span searches on generated patterns and inputs, and on
// inputs made to meet the bounds on failed tries, through both loops in
// lock step, and checks the matches, with the ordinary anchored search
// between span searches where they stop, against regexp's FindAllIndex.
func TestSpans(t *testing.T) {
	sc := &spanCheck{t: t, run: &lockStep{t: t, jit: load(t)}, r: rand.New(rand.NewPCG(7, 8)), stops: map[dfa.SpanStop]int{}}
	n := 1500
	if testing.Short() {
		n = 300
	}
	for i := 0; i < n; i++ {
		fwd, std := sc.compile(testgen.Pattern(sc.r, 4))
		if fwd == nil {
			continue
		}
		fc := fwd.NewCache()
		for j := 0; j < 10; j++ {
			var b strings.Builder
			for k := sc.r.IntN(40); k >= 0; k-- {
				b.WriteString(testgen.Input(sc.r))
			}
			hay := []byte(b.String())
			if j%2 == 0 {
				hay = []byte(strings.ToValidUTF8(string(hay), ""))
			}
			sc.check(fwd, fc, std, hay, j%3 == 0)
		}
	}
	// Long failed tries among wins: the bound on bytes read stops them
	// (twice over each text: the first run builds the states).
	// Accelerated states met in walks (which hand them over), and walks
	// longer than dfa.SpanWalk.
	for _, tc := range []struct{ pattern, text string }{
		{`"[^"]*"`, strings.Repeat(`ab "`+strings.Repeat("c", 150)+`" `, 100)},
		{`a[^x]*x`, strings.Repeat("ab"+strings.Repeat("y", 90)+"x ", 100)},
		{`\w+:[ -~]*$`, strings.Repeat("key: "+strings.Repeat("v", 100), 50)},
	} {
		fwd, std := sc.compile(tc.pattern)
		fc := fwd.NewCache()
		for range 3 {
			for i := range 40 {
				// Searches from many places build the states and
				// their acceleration records.
				fwd.Search(fc, sc.run, []byte(tc.text), i, false, false)
			}
			sc.check(fwd, fc, std, []byte(tc.text), false)
		}
		if fc.Accelerated() == 0 {
			t.Errorf("%s: no state was accelerated", tc.pattern)
		}
	}
	// Match states that loop on themselves, whose runs the generated
	// loop skips with their records (dfa.Cache.MatchRuns): runs of every
	// length around the vector's 32 bytes, ended by a newline, a
	// multi-byte rune or the end of the text.
	for _, pattern := range []string{`x=.*`, `x=[^;]*`} {
		var b strings.Builder
		for n := range 80 {
			b.WriteString("a x=")
			b.WriteString(strings.Repeat("v", n))
			b.WriteString([]string{"\n", ";", "é", "\xff"}[n%4])
		}
		text := []byte(b.String())
		fwd, std := sc.compile(pattern)
		fc := fwd.NewCache()
		for range 3 {
			for i := range 40 {
				fwd.Search(fc, sc.run, text, i, false, false)
			}
			sc.check(fwd, fc, std, text, false)
			sc.check(fwd, fc, std, text[:len(text)-37], false)
		}
		if fc.MatchRuns() == 0 {
			t.Errorf("%s: no match state has a record", pattern)
		}
	}
	for _, tc := range []struct{ pattern, text string }{
		{`ab|a[^z]{0,1000}z`, strings.Repeat("aba", 3000)},
		{`x[0-9]|x[^z]{0,500}z`, strings.Repeat("x1x", 2000)},
		// Walks that read to the end of the text for matches of one
		// byte: the room runs out (dfa.SpanScan.Room).
		{`.*[^A-Z]|[A-Z]`, strings.Repeat("A", 200)},
	} {
		fwd, std := sc.compile(tc.pattern)
		fc := fwd.NewCache()
		sc.check(fwd, fc, std, []byte(tc.text), false)
		sc.check(fwd, fc, std, []byte(tc.text), false)
	}
	// Runs of one class, whose failed tries skip what they read
	// (dfa.DFA.SetSkipFailed; package meta decides it of patterns),
	// over words of every length, Cyrillic and invalid bytes among them.
	words := func(n int) []byte {
		var b strings.Builder
		for b.Len() < n {
			for k := sc.r.IntN(16); k >= 0; k-- {
				b.WriteString([]string{"a", "b", "q", "a", "Z", "_", "7", "ж", "é"}[sc.r.IntN(9)])
			}
			b.WriteString([]string{" ", ", ", "\n", "-", "\xff", "X"}[sc.r.IntN(6)])
		}
		return []byte(b.String())
	}
	for _, pattern := range []string{`\p{L}{8,13}`, `[a-z]{3,5}`, `[a-z_7]+`, `\b[0-9A-Za-z_]{12,}`, `\b[a-z]{2,}`, `(?:ж|é)+`, `.{4}`} {
		fwd, std := sc.compile(pattern)
		fwd.SetSkipFailed()
		fc := fwd.NewCache()
		for range 20 {
			hay := words(50 + sc.r.IntN(400))
			sc.check(fwd, fc, std, hay, false)
			sc.check(fwd, fc, std, hay, true)
			sc.check(fwd, fc, std, []byte(strings.ToValidUTF8(string(hay), "")), false)
		}
	}
	if sc.found == 0 || sc.fails == 0 || sc.stops[dfa.SpanFull] == 0 || sc.stops[dfa.SpanEnd] == 0 || sc.stops[dfa.SpanNeed] == 0 || sc.stops[dfa.SpanBudget] == 0 || sc.stops[dfa.SpanLong] == 0 || sc.roomStops == 0 {
		t.Errorf("%d matches found by span loops, %d failed tries, stops %v (%d for want of room): the test misses a path", sc.found, sc.fails, sc.stops, sc.roomStops)
	}
	t.Logf("%d loop calls compared, %d matches found by span loops, %d failed tries, stops %v (%d for want of room)", sc.run.calls, sc.found, sc.fails, sc.stops, sc.roomStops)
}

// TestSpanStops checks that the generated loop's stop codes are the dfa
// package's.
func TestSpanStops(t *testing.T) {
	if dfaloop.StopNeed != int(dfa.SpanNeed) || dfaloop.StopFull != int(dfa.SpanFull) || dfaloop.StopEnd != int(dfa.SpanEnd) ||
		dfaloop.StopBudget != int(dfa.SpanBudget) || dfaloop.StopLong != int(dfa.SpanLong) {
		t.Fatal("dfaloop's stop codes differ from dfa's")
	}
}

// TestPairAccel runs forward searches of patterns whose states get pair
// records (dfa.Cache.Pairs) through both loops in lock step, over text
// made of tokens that put escapes before and away from their follow
// bytes, UTF-8 and invalid bytes among them, and in slices of every
// size down to one byte, since the skip reads the byte after a slice.
// The ends of every match, the leftmost-first and the leftmost-longest,
// and whether there is one at all (earliest), are checked against
// regexp where the DFA does not quit.
func TestPairAccel(t *testing.T) {
	run := &lockStep{t: t, jit: load(t)}
	r := rand.New(rand.NewPCG(7, 8))
	tokens := []string{"x", "y = ", "f(", ")", ", ", "the ", "of ", "in ", "and ", "HTTP", "A", "B", "C(", "Dd", "Qq", "qu", "quz", "9", " ", "\n", "é", " := ", "{}", "[0]", "; ", "// ", "12", " + "}
	invalid := []string{"\xff", "\x80", "\xc3"}
	text := func(n int) []byte {
		var b []byte
		for len(b) < n {
			if r.IntN(200) == 0 {
				b = append(b, invalid[r.IntN(len(invalid))]...)
			} else {
				b = append(b, tokens[r.IntN(len(tokens))]...)
			}
		}
		return b
	}
	// ends returns the ends of the leftmost-first matches that d finds
	// searching on from each match's end, as FindAllIndex does for
	// matches that are never empty, or false where it quits.
	ends := func(d *dfa.DFA, c *dfa.Cache, hay []byte) ([]int, bool) {
		var out []int
		for pos := 0; pos <= len(hay); {
			end, err := d.Search(c, run, hay, pos, false, false)
			if errors.Is(err, dfa.ErrQuit) {
				return nil, false
			}
			if err != nil {
				t.Fatal(err)
			}
			if end < 0 {
				break
			}
			out = append(out, end)
			pos = end
		}
		return out, true
	}
	defer func(n int) { dfaSlice = n }(dfaSlice)
	pairs := 0
	for _, pattern := range []string{
		`(?:[A-Z][a-z]+\s*){3,6}`,
		`[A-Z][a-z]+[0-9]`,
		`(?m)^[A-Z][a-z]+$`,
		`qu[a-z]*z`,
		`\b[A-Z][a-z]\b`,
		`[A-Z][a-z]+ [a-z]+`,
	} {
		std, posix := regexp.MustCompile(pattern), regexp.MustCompile(pattern)
		posix.Longest()
		re, _ := syntax.Parse(pattern, syntax.Perl)
		n := nfa.Compile(re)
		fwd, longest := dfa.New(n, dfa.Forward), dfa.New(n, dfa.ForwardLongest)
		fc, lc := fwd.NewCache(), longest.NewCache()
		for i := 0; i < 300; i++ {
			hay := text(1 + r.IntN(600))
			dfaSlice = entry.SliceBytes
			if i%2 == 1 {
				dfaSlice = 1 + r.IntN(40)
			}
			if got, ok := ends(fwd, fc, hay); ok {
				var want []int
				for _, m := range std.FindAllIndex(hay, -1) {
					want = append(want, m[1])
				}
				if !slices.Equal(got, want) {
					t.Fatalf("%q on %q: ends %v, want %v", pattern, hay, got, want)
				}
			}
			// The longest match from each of posix's starts, as the
			// leftmost-longest search runs it (anchored).
			for _, m := range posix.FindAllIndex(hay, -1) {
				end, err := longest.Search(lc, run, hay, m[0], true, false)
				if err == nil && end != m[1] {
					t.Fatalf("%q on %q from %d: longest end %d, want %d", pattern, hay, m[0], end, m[1])
				}
			}
			end, err := fwd.Search(fc, run, hay, 0, false, true)
			if err == nil && (end >= 0) != std.Match(hay) {
				t.Fatalf("%q on %q: earliest end %d, want a match: %v", pattern, hay, end, std.Match(hay))
			}
		}
		t.Logf("%s: %d accelerated states, %d pair records", pattern, fc.Accelerated(), fc.Pairs())
		pairs += fc.Pairs()
	}
	if pairs == 0 {
		t.Error("no pair records: the test misses its path")
	}
}
