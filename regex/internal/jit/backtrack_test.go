package jit

import (
	"fmt"
	"golang.org/x/sys/unix"
	"math/rand/v2"
	"regexp"
	"regexp/syntax"
	"slices"
	"strings"
	"testing"

	"github.com/rxjit/rxjit/codegen/amd64"
	"github.com/rxjit/rxjit/codegen/backtrackcode"
	"github.com/rxjit/rxjit/codegen/lookcode"
	"github.com/rxjit/rxjit/regex/internal/backtrack"
	"github.com/rxjit/rxjit/regex/internal/nfa"
	"github.com/rxjit/rxjit/regex/internal/testgen"
	"golang.org/x/sys/cpu"
)

func backtrackerOf(t testing.TB, pattern string) *backtrack.Backtracker {
	t.Helper()
	re, err := syntax.Parse(pattern, syntax.Perl)
	if err != nil {
		t.Fatal(err)
	}
	return backtrack.New(nfa.Compile(re))
}

// agreeBacktrack compares the generated code with the Go backtracker on
// every start of input, with the span ending at the input's end and one
// byte before it, and with no slots, the match's and all of them: the
// answers, and the visited bits each search leaves (both explore the
// same (state, position) pairs, runs of loops included). It returns a
// description of the first difference, or "".
func agreeBacktrack(b *backtrack.Backtracker, p *Backtrack, input []byte) string {
	c := backtrack.NewCache()
	blk := &btBlock{stackFrames: minStackFrames}
	for start := 0; start <= len(input); start++ {
		for _, end := range []int{len(input), len(input) - 1} {
			if end < start || end-start > b.MaxInput() {
				continue
			}
			for _, ns := range []int{0, 2, b.NFA().NumSlots} {
				want, got := make([]int, ns), make([]int, ns)
				wm := b.SearchSpan(c, input, start, end, want)
				gm, ok, visited := p.searchSpan(blk, input, start, end, got)
				if !ok {
					return fmt.Sprintf("start %d end %d: the code gave up", start, end)
				}
				if wm != gm || wm && !slices.Equal(want, got) {
					return fmt.Sprintf("start %d end %d, %d slots: code %v %v, Go %v %v", start, end, ns, gm, got, wm, want)
				}
				if !(b.NFA().AnchoredBegin && start > 0) && !slices.Equal(visited, c.Visited()) {
					return fmt.Sprintf("start %d end %d, %d slots: visited bits differ: code %x, Go %x", start, end, ns, visited, c.Visited())
				}
			}
		}
	}
	return ""
}

// TestBacktrackCode checks the generated backtracker against the Go one
// on hand-picked patterns (every assertion, invalid UTF-8, lazy and
// greedy groups) and on random patterns and inputs.
func TestBacktrackCode(t *testing.T) {
	skipNoExec(t)
	cases := []codeCase{
		{`^([^ ]+ [^ ]+) ([DIWEF])[1234]: ((?:(?:\[[^\]]*?\]|\([^\)]*?\)): )*)(.*?) \{([^\}]*)\}$`,
			"2022/06/17 06:25:22 I4: [17936:140245395805952:(17998)]: (8fb0): Searching for query 'dummy' {/src/a.cc:M():40}"},
		{`(a+?)(a*)`, "aaa"},
		{`(a|ab)(c|bcd)(d*)`, "xabcd"},
		{`\b(\w+)\b`, "hello, world"},
		{`\B\w\B`, "abc de"},
		{`(?m)^(\w+)$`, "key\nother: x\n"},
		{`(?m)$\n^`, "a\nb"},
		{`\A(a)|(b)\z`, "ab"},
		{`(.)(.)`, "\xe2\x82\xff\xf0\x9f\x98\x80é"},
		{`\x{FFFD}+`, "a\xffb\xed\xa0\x80c\xf4\x90\x80\x80"},
		{`[^a]+`, "\xc3\xe0\xa0\xf0\x90\x80é"},
		{`(?i)(k+)`, "xkK\u212a"},
		{`(a*)*b`, strings.Repeat("a", 200)},
		{`(x+x+)+y`, strings.Repeat("x", 100)},
		// Runs of loops: entered again below a position they marked,
		// across words of the bitset, stopped by the span's end and by
		// bytes of a class that leave the run (multi-byte, invalid).
		{`(?:ba|b)a*c`, "baaaa"},
		{`(?:x[^ ]{3}|x)[^ ]*!`, "xabcdefg " + strings.Repeat("y", 150)},
		{`(?:a{70}|a)a*b`, strings.Repeat("a", 200)},
		{`(.*?)(\d+);`, "abc 123 é\xff 45;x"},
		{`([^;]*);(.*)`, "aé\xe2\x82;\xff" + strings.Repeat("z", 70)},
		// Runs of 32 bytes and more: entered again inside a word and at
		// its last bit, crossing words, stopped by a byte above 0x7F
		// that is in the set (the byte loop then goes on) and by one
		// that is not.
		{`(?:b[^;]{62}|b)[^;]*;`, "b" + strings.Repeat("x", 200)},
		{`(?:b[^;]{63}|b)[^;]*;`, "b" + strings.Repeat("x", 200)},
		{`(?:b[^;]{64}|b[^;]{31}|b)[^;]*;`, "b" + strings.Repeat("xy", 100)},
		{`[^;]*;`, strings.Repeat("x", 40) + "\x85" + strings.Repeat("x", 40) + "é" + strings.Repeat("x", 40) + ";"},
		{`(.*?)!`, strings.Repeat("abc ", 30) + "é" + strings.Repeat("d", 60)},
		// Pair bytes (backtrack.loopBytes): a space is a run byte of
		// .*? unless { follows it; cut by the span's end right after
		// one, and followed by bytes above 0x7F.
		{`(.*?) \{([^\}]*)\}$`, strings.Repeat("ab cd ", 12) + "x {é} y {z}"},
		{`(.*?) \{`, "a b c d  {"},
		{`(.*)ab`, strings.Repeat("xa ", 20) + "ab ab x"},
		{`(.*?);;`, strings.Repeat("a;b;", 20) + ";;"},
		{`(.*?)\r\n`, "line\rstill\r\r\nnext\r\n"},
		// Pair bytes in the 32-byte test: a follow byte above 0x7F,
		// and pairs whose follow byte lies in the block's last lane
		// or just past it.
		{`(.*?) é(.)`, strings.Repeat("ab cd ", 10) + " é!" + strings.Repeat("x", 40)},
		{`(.*?) \{`, strings.Repeat("a", 30) + " {" + strings.Repeat("b", 40)},
		{`(.*?) \{`, strings.Repeat("a", 31) + " {" + strings.Repeat("b", 40)},
		{`(.*?) \{`, strings.Repeat("a", 32) + " {" + strings.Repeat("b", 40)},
		{`(.*?) \{`, strings.Repeat("a ", 20) + "\xff {" + strings.Repeat("b", 40)},
		// Choices (backtrack.newChoice): a lexer's union, with
		// alternatives that need not consume a byte, behind assertions,
		// and at the span's end.
		{`(\r\n|\r|\n)|([\t ]+)|(\bif\b)|(\bin\b)|([a-z_][a-z0-9_]*)|(==|=)|(.)`, "if in_x == 3\r\n\tinto é\xff"},
		{`(?:(a)|(b*)|(\w)|(\bc))+d`, "bbc a x cd"},
		{`(x)|(y)|(z)|(\b)`, "w"},
		{`(?:(a)|(b)|(c))*$`, "abcabd"},
	}
	rng := rand.New(rand.NewPCG(21, 8))
	for len(cases) < 1500 {
		pat := testgen.Pattern(rng, 4)
		if _, err := syntax.Parse(pat, syntax.Perl); err != nil {
			continue
		}
		input := testgen.Input(rng)
		if len(cases)%3 == 0 {
			// Long enough for runs to test 32 bytes at once.
			for input != "" && len(input) < 80 {
				input += input
			}
		}
		cases = append(cases, codeCase{pat, input})
	}
	// Both CPU levels: runs test a byte at a time, or 32 with AVX2.
	for _, avx2 := range []bool{false, true} {
		if avx2 && !cpu.X86.HasAVX2 {
			continue
		}
		checkCases(t, cases, func(c codeCase) string {
			b := backtrackerOf(t, c.pattern)
			d := BacktrackDesc(b)
			d.AVX2 = avx2
			p, err := compileBacktrack(b, d)
			if err != nil {
				t.Fatalf("%q: %v", c.pattern, err)
			}
			if msg := agreeBacktrack(b, p, []byte(c.input)); msg != "" {
				return fmt.Sprintf("AVX2 %v: %s", avx2, msg)
			}
			return ""
		})
	}
}

// TestBacktrackCodeStack checks that a search deeper than the stack
// gives up, that the stack then grows, and that reads stop at the input's
// end (a guard page follows it).
func TestBacktrackCodeStack(t *testing.T) {
	skipNoExec(t)
	b := backtrackerOf(t, `(?:(a)|b)*c`)
	p, err := CompileBacktrack(b)
	if err != nil {
		t.Fatal(err)
	}
	page, mem := guardedPage(t)
	hay := mem[page-3000 : page]
	for i := range hay {
		hay[i] = 'a'
	}
	slots := make([]int, 4)
	gaveUp := false
	for range 8 {
		m, ok := p.SearchSpan(hay, 0, len(hay), slots)
		if !ok {
			gaveUp = true
			continue
		}
		if m {
			t.Fatalf("matched %v", slots)
		}
		break
	}
	if !gaveUp {
		t.Log("the first stack was deep enough")
	}
	if m, ok := p.SearchSpan(hay, 0, len(hay), slots); m || !ok {
		t.Errorf("after growing: matched %v, ok %v", m, ok)
	}
}

// TestBacktrackCodeGuard runs runs with pair bytes over texts that end
// at an unmapped page: the 32-byte test reads the byte after each byte
// it tests, never the one after the span. It also runs short runs over
// texts that start just after an unmapped page: the test of a run's last
// bytes reads the 32 bytes that end at the span's end, never before the
// text.
func TestBacktrackCodeGuard(t *testing.T) {
	skipNoExec(t)
	short, err := CompileBacktrack(backtrackerOf(t, `(\w+)(?:-(\w+))*;`))
	if err != nil {
		t.Fatal(err)
	}
	page := unix.Getpagesize()
	mem, err := unix.Mmap(-1, 0, 2*page, unix.PROT_READ|unix.PROT_WRITE, unix.MAP_PRIVATE|unix.MAP_ANON)
	if err != nil {
		t.Skip(err)
	}
	defer unix.Munmap(mem)
	if err := unix.Mprotect(mem[:page], unix.PROT_NONE); err != nil {
		t.Skip(err)
	}
	for n := 1; n <= 40; n++ {
		hay := mem[page : page+n]
		for i := range hay {
			hay[i] = "abc-de"[i%6]
		}
		slots := make([]int, 6)
		if m, ok := short.SearchSpan(hay, 0, len(hay), slots); m || !ok {
			t.Errorf("%d bytes after a guard: matched %v, ok %v", n, m, ok)
		}
	}

	skipNoExec(t)
	b := backtrackerOf(t, `(.*?) \{`)
	pairs := false
	for id := range b.NFA().States {
		_, _, ok := b.PairRun(nfa.StateID(id))
		pairs = pairs || ok
	}
	if !pairs {
		t.Fatal("no pair bytes")
	}
	p, err := CompileBacktrack(b)
	if err != nil {
		t.Fatal(err)
	}
	page, mem = guardedPage(t)
	slots := make([]int, 4)
	for n := 32; n <= 40; n++ {
		hay := mem[page-n : page]
		for i := range hay {
			hay[i] = "a "[i%2]
		}
		if m, ok := p.SearchSpan(hay, 0, len(hay), slots); m || !ok {
			t.Errorf("%d bytes: matched %v, ok %v", n, m, ok)
		}
	}
}

// TestBacktrackDisasm checks that the code decodes as x86-64.
func TestBacktrackDisasm(t *testing.T) {
	code, labels, err := backtrackcode.Generate(BacktrackDesc(backtrackerOf(t, `(\w+)@(\w+)\.(?:com|org)\b|(?m:^$)|\x{FFFD}`)))
	if err != nil {
		t.Fatal(err)
	}
	var sb strings.Builder
	if err := amd64.Disassemble(&sb, code, labels); err != nil {
		t.Fatal(err)
	}
}

// BenchmarkBacktrack runs rebar 11's pattern (groups, lazy repeats; not
// one-pass) over log lines, one search per line: the generated code
// against the Go backtracker. Run with -bench Backtrack.
func BenchmarkBacktrack(b *testing.B) {
	bt := backtrackerOf(b, `^([^ ]+ [^ ]+) ([DIWEF])[1234]: ((?:(?:\[[^\]]*?\]|\([^\)]*?\)): )*)(.*?) \{([^\}]*)\}$`)
	lines := [][]byte{
		[]byte("2022/06/17 06:25:22 I4: [17936:140245395805952:(17998)]: (8fb074fc-c766-498b-b224-8b660126b2c0): Searching for query 'dummy query' {/src/master/mastersearchattrs.cc:MasterSearchAttributes():40}"),
		[]byte("2022/06/17 06:25:23 E4: [17936:140245395805952:(17998)]: (8fb074fc-c766-498b-b224-8b660126b2c0): Error on [search-slave:8080]: 4 - Deadline Exceeded {/src/master/slaveclient.cc:getFuturesResults():160}"),
	}
	slots := make([]int, bt.NFA().NumSlots)
	b.Run("go", func(b *testing.B) {
		c := backtrack.NewCache()
		benchLines(b, lines, func(l []byte) bool { return bt.SearchSpan(c, l, 0, len(l), slots) })
	})
	b.Run("jit", func(b *testing.B) {
		p, err := CompileBacktrack(bt)
		if err != nil {
			b.Skip(err)
		}
		benchLines(b, lines, func(l []byte) bool {
			m, _ := p.SearchSpan(l, 0, len(l), slots)
			return m
		})
	})
}

// BenchmarkBacktrackRuns runs a pattern whose loops read long runs (a
// field of text, then 100 bytes of one letter): one search of 287 bytes,
// the generated code against the Go backtracker. With AVX2 the code
// tests 32 bytes of a run at once.
func BenchmarkBacktrackRuns(b *testing.B) {
	bt := backtrackerOf(b, `^([^ ]+) ([^;]*);(.*?)!$`)
	line := []byte("first " + strings.Repeat("the quick brown fox jumps over the lazy dog ", 4) + ";" + strings.Repeat("x", 100) + "!")
	slots := make([]int, bt.NFA().NumSlots)
	b.Run("go", func(b *testing.B) {
		c := backtrack.NewCache()
		benchLines(b, [][]byte{line}, func(l []byte) bool { return bt.SearchSpan(c, l, 0, len(l), slots) })
	})
	b.Run("jit", func(b *testing.B) {
		p, err := CompileBacktrack(bt)
		if err != nil {
			b.Skip(err)
		}
		benchLines(b, [][]byte{line}, func(l []byte) bool {
			m, _ := p.SearchSpan(l, 0, len(l), slots)
			return m
		})
	})
}

// BenchmarkBacktrackCompile measures generating and placing the code of
// rebar 11's backtracker, the cost the planner weighs before compiling.
func BenchmarkBacktrackCompile(b *testing.B) {
	bt := backtrackerOf(b, `^([^ ]+ [^ ]+) ([DIWEF])[1234]: ((?:(?:\[[^\]]*?\]|\([^\)]*?\)): )*)(.*?) \{([^\}]*)\}$`)
	for b.Loop() {
		p, err := CompileBacktrack(bt)
		if err != nil {
			b.Skip(err)
		}
		p.code.Release()
	}
	b.ReportMetric(float64(len(bt.NFA().States)), "states")
}

// TestLookValues checks that the generators' assertion bits are the
// NFA's, which the descriptions pass through unchanged.
func TestLookValues(t *testing.T) {
	for _, p := range []struct {
		code lookcode.Look
		nfa  nfa.Look
	}{
		{lookcode.BeginText, nfa.LookBeginText}, {lookcode.EndText, nfa.LookEndText},
		{lookcode.BeginLine, nfa.LookBeginLine}, {lookcode.EndLine, nfa.LookEndLine},
		{lookcode.WordBoundary, nfa.LookWordBoundary}, {lookcode.NoWordBoundary, nfa.LookNoWordBoundary},
		{lookcode.InvalidRune, nfa.LookInvalidRune},
	} {
		if uint8(p.code) != uint8(p.nfa) {
			t.Errorf("lookcode %#x, nfa %v %#x", p.code, p.nfa, uint8(p.nfa))
		}
	}
	for code, kind := range map[backtrackcode.Kind]nfa.Kind{
		backtrackcode.Fail: nfa.KindFail, backtrackcode.Match: nfa.KindMatch, backtrackcode.Range: nfa.KindRange,
		backtrackcode.Sparse: nfa.KindSparse, backtrackcode.Union: nfa.KindUnion, backtrackcode.Capture: nfa.KindCapture,
		backtrackcode.LookAround: nfa.KindLook,
	} {
		if uint8(code) != uint8(kind) {
			t.Errorf("backtrackcode kind %d, nfa %v %d", code, kind, kind)
		}
	}
}

// TestBacktrackPairs holds the searches of loops with pair bytes (a byte
// two alternatives can start, one of them only when a given byte
// follows) to regexp's groups, in the Go backtracker and the generated
// code alike, on texts of tokens that put the pair bytes before and away
// from their follow bytes; and checks that the patterns have pair bytes.
func TestBacktrackPairs(t *testing.T) {
	skipNoExec(t)
	rng := rand.New(rand.NewPCG(31, 32))
	tokens := []string{"a", "b", " ", "{", "}", " {", "x", ";", ";;", "\r", "\r\n", "é", "\xff", "ab"}
	for _, pattern := range []string{`(.*?) \{([^\}]*)\}`, `(.*?) \{([^\}]*)\}$`, `(.*)ab`, `(.*?);;`, `(.*?)\r\n`, `x(.*?)ab(.*)`} {
		std := regexp.MustCompile(pattern)
		b := backtrackerOf(t, pattern)
		pairs := false
		for id := range b.NFA().States {
			if _, _, ok := b.PairRun(nfa.StateID(id)); ok {
				pairs = true
			}
		}
		if !pairs {
			t.Fatalf("%q: no pair bytes", pattern)
		}
		p, err := CompileBacktrack(b)
		if err != nil {
			t.Fatal(err)
		}
		c := backtrack.NewCache()
		for range 400 {
			var sb strings.Builder
			for range rng.IntN(40) {
				sb.WriteString(tokens[rng.IntN(len(tokens))])
			}
			in := []byte(sb.String())
			want := std.FindSubmatchIndex(in)
			ns := 2 * (1 + std.NumSubexp())
			slots := make([]int, ns)
			if ok := b.SearchSpan(c, in, 0, len(in), slots); ok != (want != nil) || ok && !slices.Equal(slots, want) {
				t.Fatalf("%q on %q: Go backtracker %v %v, want %v", pattern, in, ok, slots, want)
			}
			ok, fits := p.SearchSpan(in, 0, len(in), slots)
			if fits && (ok != (want != nil) || ok && !slices.Equal(slots, want)) {
				t.Fatalf("%q on %q: generated code %v %v, want %v", pattern, in, ok, slots, want)
			}
		}
	}
}
