package jit

import (
	"fmt"
	"io"
	"math/rand/v2"
	"regexp/syntax"
	"slices"
	"strings"
	"testing"

	"github.com/rxjit/rxjit/codegen/amd64"
	"github.com/rxjit/rxjit/codegen/bitcode"
	"github.com/rxjit/rxjit/codegen/entry"
	"github.com/rxjit/rxjit/regex/internal/bitnfa"
	"github.com/rxjit/rxjit/regex/internal/testgen"
)

func bitNFAOf(t testing.TB, pattern string) *bitnfa.Automaton {
	return bitnfa.New(testgen.NFA(t, pattern))
}

// agreeBitNFA compares the generated liveness pass with the Go loop over
// every span of input, and returns the first difference, or "".
func agreeBitNFA(a *bitnfa.Automaton, b *BitNFA, input []byte) string {
	n := len(input)
	for from := 0; from <= n; from++ {
		for hi := from; hi <= n; hi++ {
			nl, ns, np := hi-from+1, (hi-from+63)/64, b.Prefix()
			want, got := make([]uint64, nl+ns), make([]uint64, np+nl+ns)
			want[hi-from] = 0x5a5a // any set at hi
			got[np+hi-from] = 0x5a5a
			a.Fill1(input, from, hi, want[:nl], want[nl:])
			b.Fill(input, from, hi, got, false)
			if got := got[np:]; !slices.Equal(want, got) {
				return fmt.Sprintf("from %d to %d: code %x, Go %x", from, hi, got, want)
			}
		}
	}
	return ""
}

// TestBitNFACode checks the generated liveness pass against the Go loop
// on hand-picked patterns (every assertion, exceptions in every chunk,
// invalid UTF-8) and on random patterns of up to 64 positions.
func TestBitNFACode(t *testing.T) {
	skipNoExec(t)
	cases := []codeCase{
		{`.*[^A-Z]|[A-Z]`, "AAAA\xffAAb\xe2\x82AA€"},
		{`[A-Za-z]{8,13}`, "abcdefgh ijklmnopqrstuvwxyz abc"},
		{`(?m)^\w+$|\bx\B`, "ab\ncd x\nxy\n"},
		{`\Aa|b\z|(?:ab|ba)*c`, "abababcba\xff"},
		{`(?:a|b|c|d|e|f|g|h|i|j)(?:k|l|m|n|o|p|q|r|s|t)*[a-t]{20}`, strings.Repeat("kalmb", 12)},
	}
	rng := rand.New(rand.NewPCG(5, 8))
	for len(cases) < 400 {
		pat := testgen.Pattern(rng, 3)
		if _, err := syntax.Parse(pat, syntax.Perl); err == nil {
			cases = append(cases, codeCase{pat, testgen.Input(rng)})
		}
	}
	compiled := 0
	checkCases(t, cases, func(c codeCase) string {
		a := bitNFAOf(t, c.pattern)
		if a == nil {
			return ""
		}
		b, err := CompileBitNFA(a)
		if err != nil {
			if _, ok := BitNFADesc(a); ok && err != ErrBitTables {
				return err.Error()
			}
			return ""
		}
		compiled++
		return agreeBitNFA(a, b, []byte(c.input))
	})
	if compiled < 300 {
		t.Errorf("only %d patterns compiled", compiled)
	}
}

// TestBitNFACodeLimits checks that automata of more than 64 positions
// are refused, that bad arguments are caught by the code, that the code
// reads nothing past the input (it ends at a guard page), and that it
// disassembles.
func TestBitNFACodeLimits(t *testing.T) {
	skipNoExec(t)
	if _, err := CompileBitNFA(bitNFAOf(t, `[a-z]{65}`)); err == nil {
		t.Error("65 positions compiled")
	}
	a := bitNFAOf(t, `(?m)\b[a-z]+(?:x|$)`)
	b, err := CompileBitNFA(a)
	if err != nil {
		t.Fatal(err)
	}
	page, mem := guardedPage(t)
	for i := range page {
		mem[i] = "ab x\n\xff"[i%6]
	}
	for _, n := range []int{0, 1, 5, 100, page} {
		hay := mem[page-n : page : page]
		if msg := agreeBitNFA(a, b, hay[:min(n, 20)]); msg != "" {
			t.Fatal(msg)
		}
		ns, np := (n+63)/64, b.Prefix()
		want, got := make([]uint64, n+1+ns), make([]uint64, np+n+1+ns)
		a.Fill1(hay, 0, n, want[:n+1], want[n+1:])
		b.Fill(hay, 0, n, got, false)
		if !slices.Equal(want, got[np:]) {
			t.Fatalf("%d bytes before a guard page: the code disagrees:\n%x\n%x", n, got[np:], want)
		}
	}
	// A pass of several slices, the first not aligned.
	long := []byte(strings.Repeat("ab x\n\xffé", 3*entry.SliceBytes/7+5))
	n := len(long)
	np := b.Prefix()
	want, got := make([]uint64, n-2+(n-3+63)/64), make([]uint64, np+n-2+(n-3+63)/64)
	a.Fill1(long, 3, n, want[:n-2], want[n-2:])
	b.Fill(long, 3, n, got, false)
	if !slices.Equal(want, got[np:]) {
		t.Fatal("a pass of several slices: the code disagrees")
	}
	// Again over the same buffer, its tables in place.
	clear(got[np : np+n-3])
	b.Fill(long, 3, n, got, true)
	if !slices.Equal(want, got[np:]) {
		t.Fatal("a pass over tables laid out before: the code disagrees")
	}
	// Arguments the code must refuse, before it writes anything.
	input := []byte(strings.Repeat("ab x\n", 40))
	for _, tc := range []struct {
		pos, from, stop, off, words int
	}{
		{pos: 200, from: 0, stop: 10, off: 201 * 8, words: 205}, // stop not aligned
		{pos: 200, from: 10, stop: 0, off: 201 * 8, words: 205}, // stop before from
		{pos: 201, from: 0, stop: 0, off: 202 * 8, words: 206},  // past the input
		{pos: 200, from: 0, stop: 0, off: 201 * 8, words: 203},  // no room for the bitmap
		{pos: 200, from: 0, stop: 0, off: 100 * 8, words: 150},  // no room for the array
		{pos: 200, from: 0, stop: 0, off: 1 << 40, words: 205},  // bitmap outside
	} {
		scratch := make([]byte, 8*tc.words)
		ctx := entry.Context{Pos: uint64(tc.pos), Limit: uint64(tc.pos)}
		ctx.Arg[0], ctx.Arg[1], ctx.Arg[2] = uint64(tc.from), uint64(tc.stop), uint64(tc.off)
		exit, err := entry.Call(b.code, &ctx, input, scratch) // err: caught by entry.Call, or BadArgs
		if err == nil || exit != bitcode.BadArgs && exit != 0 || slices.ContainsFunc(scratch, func(c byte) bool { return c != 0 }) {
			t.Errorf("%+v: exit %v (%v), want BadArgs and nothing written", tc, exit, err)
		}
	}
	d, _ := BitNFADesc(a)
	code, labels, err := bitcode.Generate(d)
	if err != nil {
		t.Fatal(err)
	}
	if err := amd64.Disassemble(io.Discard, code, labels); err != nil {
		t.Error(err)
	}
}

// TestBitNFAScannerTables checks that a Scanner reused across automata
// and texts never runs a pass over tables another pass has overwritten:
// a pass in Go, or one for another automaton, between two passes of the
// same code.
func TestBitNFAScannerTables(t *testing.T) {
	skipNoExec(t)
	a1, a2 := bitNFAOf(t, `.aa`), bitNFAOf(t, `[^a]b+`)
	f1, err := CompileBitNFA(a1)
	if err != nil {
		t.Fatal(err)
	}
	f2, err := CompileBitNFA(a2)
	if err != nil {
		t.Fatal(err)
	}
	long := []byte(strings.Repeat("a\taaaaaaa_a bbb ", 400))
	short := []byte("a\taaaaaaa_a")
	var s, want bitnfa.Scanner
	for _, step := range []struct {
		a    *bitnfa.Automaton
		f    bitnfa.Filler
		text []byte
	}{
		{a1, f1, long}, {a1, f1, short}, {a1, nil, short}, {a1, f1, long},
		{a2, f2, long}, {a1, f1, long}, {a1, f1, short}, {a2, nil, long}, {a1, f1, long},
	} {
		s.Reset(step.a, step.text, 0, step.f)
		want.Reset(step.a, step.text, 0, nil)
		for pos := 0; pos <= len(step.text); pos++ {
			if g, w := fmt.Sprint(s.Find(pos)), fmt.Sprint(want.Find(pos)); g != w {
				t.Fatalf("%s at %d: Find %s, want %s", step.text[:min(20, len(step.text))], pos, g, w)
			}
		}
	}
}

// BenchmarkBitNFA compares the generated liveness pass with its Go twin
// on rebar's 10-bounded-repeat/letters-en pattern over English text.
func BenchmarkBitNFA(b *testing.B) {
	a := bitNFAOf(b, `[A-Za-z]{8,13}`)
	input := []byte(strings.Repeat("The quick brown fox jumps over the lazy dog; extraordinarily so. ", 1000))
	n := len(input)
	buf := make([]uint64, n+1+(n+63)/64)
	live, starts := buf[:n+1], buf[n+1:]
	var jbuf []uint64
	b.Run("go", func(b *testing.B) {
		b.SetBytes(int64(len(input)))
		for b.Loop() {
			a.Fill1(input, 0, len(input), live, starts)
		}
	})
	b.Run("jit", func(b *testing.B) {
		code, err := CompileBitNFA(a)
		if err != nil {
			b.Skip(err)
		}
		jbuf = make([]uint64, code.Prefix()+len(buf))
		code.Fill(input, 0, len(input), jbuf, false)
		b.SetBytes(int64(len(input)))
		for b.Loop() {
			code.Fill(input, 0, len(input), jbuf, true)
		}
	})
}
