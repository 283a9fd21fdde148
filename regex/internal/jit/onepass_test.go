package jit

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/rxjit/rxjit/codegen/amd64"
	"github.com/rxjit/rxjit/codegen/entry"
	"github.com/rxjit/rxjit/codegen/onepasscode"
	"github.com/rxjit/rxjit/jitmem"
	"github.com/rxjit/rxjit/regex/internal/onepass"
	"github.com/rxjit/rxjit/regex/internal/testgen"
)

func onePassOf(t testing.TB, pattern string) *onepass.DFA {
	return onepass.New(testgen.NFA(t, pattern))
}

// skipNoExec skips a test where executable memory is unavailable.
func skipNoExec(t *testing.T) {
	if err := jitmem.Available(); err != nil {
		t.Skip(err)
	}
}

// agreeOnePass compares the generated code with the Go loop on every
// start of input and three slot counts; it returns a description of the
// first difference, or "".
func agreeOnePass(d *onepass.DFA, p *OnePass, input []byte) string {
	for start := 0; start <= len(input); start++ {
		for _, ns := range []int{0, 2, d.NumSlots(), d.NumSlots() + 2} {
			want, got := make([]int, ns), make([]int, ns)
			wm, wok := d.Search(input, start, want)
			gm, gok := p.Search(input, start, got)
			if wm != gm || wok != gok || wm && wok && !slices.Equal(want, got) {
				return fmt.Sprintf("start %d, %d slots: code %v %v %v, Go %v %v %v", start, ns, gm, gok, got, wm, wok, want)
			}
		}
	}
	return ""
}

// TestOnePassCode checks the generated code against the Go loop on
// hand-picked patterns (assertions the code evaluates and those it
// leaves to Go, invalid UTF-8, many groups) and on random one-pass
// patterns.
func TestOnePassCode(t *testing.T) {
	skipNoExec(t)
	cases := []codeCase{
		{`^([A-Z0-9]+);([^;]+);([0-9]*);([^;]*)$`, "00E9;LATIN SMALL LETTER E;0065;x"},
		{`^([A-Z0-9]+);([^;]+);([0-9]*);([^;]*)$`, "00E9;LATÍN \xc3;0065;"},
		{`(a+)(b)?`, "aaab aab ab b"},
		{`\b(\w+)\b`, "hello, world"},
		{`(?m)^(\w+):$`, "key:\nother: x\n"},
		{`(a)(b)(c)(d)(e)(f)(g)(h)(i)(j)(k)(l)(m)(n)(o)(p)`, "abcdefghijklmnop"},
		{`(x*)([^x])`, "xxé\xffx\xe2\x82"},
	}
	rng := rand.New(rand.NewPCG(9, 4))
	for len(cases) < 2000 {
		pat := testgen.Pattern(rng, 3)
		if rng.IntN(2) == 0 {
			pat = `(` + pat + `)` + testgen.Pattern(rng, 2)
		}
		if onePassOf(t, pat) == nil {
			continue
		}
		for range 4 {
			cases = append(cases, codeCase{pat, testgen.Input(rng)})
		}
	}
	checkCases(t, cases, func(c codeCase) string {
		d := onePassOf(t, c.pattern)
		if d == nil {
			t.Fatalf("%q is not one-pass", c.pattern)
		}
		p, err := CompileOnePass(d)
		if err != nil {
			t.Fatalf("%q: %v", c.pattern, err)
		}
		return agreeOnePass(d, p, []byte(c.input))
	})
}

// codeCase is a pattern and an input on which generated code is held
// to its Go twin's answers.
type codeCase struct{ pattern, input string }

// checkCases runs check on every case, reports what it returns when that
// is not "", and stops after ten failures.
func checkCases(t *testing.T, cases []codeCase, check func(codeCase) string) {
	t.Helper()
	failures := 0
	for _, c := range cases {
		if msg := check(c); msg != "" {
			t.Errorf("%q on %q: %s", c.pattern, c.input, msg)
			if failures++; failures > 10 {
				return
			}
		}
	}
}

// TestOnePassCodeLimits checks that an automaton with too many byte
// ranges is refused, and that the code reads nothing past the input: the
// input ends at a page boundary before a guard page.
func TestOnePassCodeLimits(t *testing.T) {
	skipNoExec(t)
	var b strings.Builder
	for i := range 3000 {
		b.WriteString(string(rune('a'+i%26)) + string(rune(0x100+i)))
	}
	if d := onePassOf(t, b.String()); d != nil {
		if _, err := CompileOnePass(d); err == nil {
			t.Logf("%d states compiled", d.NumStates())
		}
	}
	d := onePassOf(t, `(a+)(b*)`)
	p, err := CompileOnePass(d)
	if err != nil {
		t.Fatal(err)
	}
	page, mem := guardedPage(t)
	hay := mem[page-4000 : page]
	for i := range hay {
		hay[i] = 'a'
	}
	slots := make([]int, d.NumSlots())
	if m, ok := p.Search(hay, 0, slots); !m || !ok || slots[1] != len(hay) {
		t.Errorf("got %v %v %v", m, ok, slots)
	}
}

// TestOnePassDisasm checks that the code decodes, instruction by
// instruction, as x86-64.
func TestOnePassDisasm(t *testing.T) {
	r, err := onepasscode.Generate(OnePassDesc(onePassOf(t, `^([A-Z0-9]+);([^;]+);([0-9]*)$`)))
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	if err := amd64.Disassemble(&b, r.Code, r.Labels); err != nil {
		t.Fatal(err)
	}
}

// ucdLines are lines of the Unicode Character Database, the text of
// rebar's 07-unicode-character-data benchmark.
var ucdLines = []string{
	"0041;LATIN CAPITAL LETTER A;Lu;0;L;;;;;N;;;;0061;",
	"00E9;LATIN SMALL LETTER E WITH ACUTE;Ll;0;L;0065 0301;;;;N;LATIN SMALL LETTER E ACUTE;;00C9;;00C9",
	"0031;DIGIT ONE;Nd;0;EN;;1;1;1;N;;;;;",
	"1F600;GRINNING FACE;So;0;ON;;;;;N;;;;;",
	"2153;VULGAR FRACTION ONE THIRD;No;0;ON;<fraction> 0031 2044 0033;;;1/3;N;FRACTION ONE THIRD;;;;",
}

// BenchmarkOnePass runs rebar 07's pattern (fifteen groups, one-pass)
// over UCD lines, one search per line with every slot: the generated code
// against the Go loop over the same table. Run with -bench OnePass.
func BenchmarkOnePass(b *testing.B) {
	const pattern = `^([A-Z0-9]+);([^;]+);([^;]+);([0-9]+);([^;]+);([^;]*);([0-9]*);([0-9]*);([-0-9/]*);([YN]);([^;]*);([^;]*);([^;]*);([^;]*);([^;]*)$`
	d := onePassOf(b, pattern)
	lines := make([][]byte, len(ucdLines))
	for i, l := range ucdLines {
		lines[i] = []byte(l)
	}
	slots := make([]int, d.NumSlots())
	b.Run("go", func(b *testing.B) {
		benchLines(b, lines, func(l []byte) bool {
			m, _ := d.Search(l, 0, slots)
			return m
		})
	})
	b.Run("jit", func(b *testing.B) {
		p, err := CompileOnePass(d)
		if err != nil {
			b.Skip(err)
		}
		benchLines(b, lines, func(l []byte) bool {
			m, _ := p.Search(l, 0, slots)
			return m
		})
	})
}

// benchLines searches every line once per iteration, reporting the
// throughput over their bytes; every line must match.
func benchLines(b *testing.B, lines [][]byte, search func([]byte) bool) {
	size := 0
	for _, l := range lines {
		size += len(l)
	}
	b.SetBytes(int64(size))
	for b.Loop() {
		for _, l := range lines {
			if !search(l) {
				b.Fatal("no match")
			}
		}
	}
}

// BenchmarkOnePassCompile measures generating and placing the code of
// rebar 07's pattern, the cost the planner weighs before compiling.
func BenchmarkOnePassCompile(b *testing.B) {
	d := onePassOf(b, `^([A-Z0-9]+);([^;]+);([^;]+);([0-9]+);([^;]+);([^;]*);([0-9]*);([0-9]*);([-0-9/]*);([YN]);([^;]*);([^;]*);([^;]*);([^;]*);([^;]*)$`)
	b.Run("generate", func(b *testing.B) {
		for b.Loop() {
			if _, err := onepasscode.Generate(OnePassDesc(d)); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("generate+place", func(b *testing.B) {
		for b.Loop() {
			p, err := CompileOnePass(d)
			if err != nil {
				b.Skip(err)
			}
			p.code.Release()
		}
	})
	b.ReportMetric(float64(d.NumStates()), "states")
}

// TestOnePassSkips checks the generated code against the Go loop where
// states skip the bytes that keep them 16 at a time (codegen/onepasscode's
// skips): runs of such bytes of every length up to 40 ended by each byte
// that leaves the state, in inputs that end at every point of the last
// vector, with calls that cover a few bytes each as well as whole inputs.
func TestOnePassSkips(t *testing.T) {
	skipNoExec(t)
	if !OnePassDesc(onePassOf(t, `a`)).AVX {
		t.Skip("no AVX2: the code has no skips")
	}
	patterns := []struct{ pattern, loop, stops string }{
		{`^([A-Z0-9]+);([^;]+);([0-9]*);([^;]*)$`, "AZ09LATIN SMALL", ";\n\xc3\xa9\xff"},
		{`([a-z]+)([0-9]+)`, "abcxyz", "09A-\x80"},
		{`x([^x]*)x`, "abc yz\n", "x\xe2\x82\xac\xe2"},
		{`(\w+)@(\w+)`, "ab_09Z", "@ .\xc3"},
	}
	rng := rand.New(rand.NewPCG(3, 7))
	defer func(n int) { onePassSlice = n }(onePassSlice)
	for _, pc := range patterns {
		d := onePassOf(t, pc.pattern)
		if d == nil {
			t.Fatalf("%q is not one-pass", pc.pattern)
		}
		r, err := onepasscode.Generate(OnePassDesc(d))
		if err != nil {
			t.Fatal(err)
		}
		skips := 0
		for _, name := range r.Labels {
			if name == "stop_set" {
				skips++
			}
		}
		if skips == 0 {
			t.Errorf("%q: no state skips", pc.pattern)
		}
		p, err := CompileOnePass(d)
		if err != nil {
			t.Fatal(err)
		}
		run := func(n int) string {
			var b strings.Builder
			for range n {
				b.WriteByte(pc.loop[rng.IntN(len(pc.loop))])
			}
			return b.String()
		}
		var inputs []string
		for n := range 41 {
			for i := range len(pc.stops) {
				stop := pc.stops[i:min(len(pc.stops), i+1+rng.IntN(3))]
				in := run(rng.IntN(3)) + stop[:1] + run(n) + stop + run(rng.IntN(20))
				for cut := max(0, len(in)-17); cut <= len(in); cut++ {
					inputs = append(inputs, in[:cut])
				}
			}
		}
		for _, in := range inputs {
			for _, slice := range []int{entry.SliceBytes, 1, 5, 16, 17} {
				onePassSlice = slice
				if msg := agreeOnePass(d, p, []byte(in)); msg != "" {
					t.Fatalf("%q on %q, %d bytes a call: %s", pc.pattern, in, slice, msg)
				}
			}
		}
	}
}
