package backtrack

import (
	"fmt"
	"math/rand/v2"
	"regexp"
	"regexp/syntax"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/rxjit/rxjit/regex/internal/nfa"
	"github.com/rxjit/rxjit/regex/internal/pikevm"
	"github.com/rxjit/rxjit/regex/internal/testgen"
)

// compileNFA parses pattern as regexp.Compile does and builds its NFA.
func compileNFA(t testing.TB, pattern string) *nfa.NFA {
	t.Helper()
	re, err := syntax.Parse(pattern, syntax.Perl)
	if err != nil {
		t.Fatalf("parse %q: %v", pattern, err)
	}
	return nfa.Compile(re)
}

// TestSearch checks hand-worked answers, each with the reason it is right.
func TestSearch(t *testing.T) {
	for _, tt := range []struct {
		pattern, input string
		start          int
		nslots         int
		want           []int // nil: no match
	}{
		{`a+`, "baaab", 0, 2, []int{1, 4}},
		{`a+?`, "baaab", 0, 2, []int{1, 2}},
		// Leftmost-first: the first alternative that leads to a match wins,
		// not the longest.
		{`a|ab`, "ab", 0, 2, []int{0, 1}},
		{`(a|ab)(c|bcd)`, "abcd", 0, 6, []int{0, 4, 0, 1, 1, 4}},
		{`(a|ab)(c|bcd)(d*)`, "abcd", 0, 8, []int{0, 4, 0, 1, 1, 4, 4, 4}},
		// A group that does not take part is -1/-1.
		{`(x)?y`, "y", 0, 4, []int{0, 1, -1, -1}},
		{`(a)|(b)`, "b", 0, 6, []int{0, 1, -1, -1, 0, 1}},
		// A repeated group keeps its last iteration.
		{`(a|b)+`, "abba", 0, 4, []int{0, 4, 3, 4}},
		// (a*)* is (a*)+? in regexp/syntax's program: the group matches
		// the run of a's once, then the loop exits rather than match an
		// empty iteration.
		{`(a*)*`, "aa", 0, 4, []int{0, 2, 0, 2}},
		{`(a*)*`, "b", 0, 4, []int{0, 0, 0, 0}},
		{`(a*)+`, "b", 0, 4, []int{0, 0, 0, 0}},
		{`(a*?)*?`, "aa", 0, 4, []int{0, 0, -1, -1}},
		// Lazy and greedy groups compete for the same text.
		{`(a+?)(a*)`, "aaa", 0, 6, []int{0, 3, 0, 1, 1, 3}},
		{`(a*)(a+?)`, "aaa", 0, 6, []int{0, 3, 0, 2, 2, 3}},
		// Fewer slots than groups: only the whole match is tracked.
		{`(a)(b)`, "ab", 0, 2, []int{0, 2}},
		{`(a)(b)`, "ab", 0, 0, []int{}},
		{`(a)(b)`, "ac", 0, 0, nil},
		// Assertions see the text before start.
		{`\bb`, "ab b", 0, 2, []int{3, 4}},
		{`\Bb`, "ab", 1, 2, []int{1, 2}},
		{`^b`, "ab", 1, 2, nil},
		{`\Ab`, "ab", 1, 2, nil},
		{`(?m)^b`, "a\nb", 1, 2, []int{2, 3}},
		{`(?m)a$`, "a\r\na\n", 0, 2, []int{3, 4}},
		{`a$`, "a\na", 0, 2, []int{2, 3}},
		// Empty matches: at the start, and at the end of the input.
		{`x*`, "abc", 1, 2, []int{1, 1}},
		{`$`, "abc", 0, 2, []int{3, 3}},
		{`\b`, "  ", 0, 2, nil},
		// Matches start only at rune boundaries: after the two-byte é, the
		// next candidate start is 2; \xa9 (é's continuation byte) is never
		// a start, and neither is the middle of a valid rune.
		{`[\x{80}-\x{10FFFF}]`, "é", 0, 2, []int{0, 2}},
		{`\x{FFFD}`, "é", 0, 2, nil},
		{`\x{FFFD}`, "a\xffb", 0, 2, []int{1, 2}},
		// A truncated encoding is two U+FFFD runes of width one.
		{`(.)(.)`, "\xe2\x82", 0, 6, []int{0, 2, 0, 1, 1, 2}},
		{`.`, "\xe2\x82\xac", 0, 2, []int{0, 3}},
		// Case folding: K matches k, K and the Kelvin sign U+212A.
		{`(?i)k+`, "xkK\u212a", 0, 2, []int{1, 6}},
		{`(?i)\x{212A}`, "k", 0, 2, []int{0, 1}},
		// Start beyond every match, and start at the end of the input.
		{`a`, "ab", 1, 2, nil},
		{`a*`, "ab", 2, 2, []int{2, 2}},
	} {
		b := New(compileNFA(t, tt.pattern))
		slots := make([]int, tt.nslots)
		for i := range slots {
			slots[i] = -7
		}
		ok := b.Search(NewCache(), []byte(tt.input), tt.start, slots)
		if tt.want == nil {
			if ok || slices.ContainsFunc(slots, func(v int) bool { return v != -7 }) {
				t.Errorf("%q on %q from %d: got %v %v, want no match and slots unchanged", tt.pattern, tt.input, tt.start, ok, slots)
			}
			continue
		}
		if !ok || !slices.Equal(slots, tt.want) {
			t.Errorf("%q on %q from %d: got %v %v, want %v", tt.pattern, tt.input, tt.start, ok, slots, tt.want)
		}
	}
}

// agree searches input from start with both engines and returns a
// description of the difference, or "" if they agree.
func agree(bt *Backtracker, bc *Cache, vm *pikevm.VM, vc *pikevm.Cache, input []byte, start, ns int) string {
	got, want := make([]int, ns), make([]int, ns)
	for i := range got {
		got[i], want[i] = -7, -7
	}
	gok := bt.Search(bc, input, start, got)
	wok := vm.Search(vc, input, start, want, false)
	if gok != wok || !slices.Equal(got, want) {
		return fmt.Sprintf("start %d, %d slots: backtrack %v %v, pikevm %v %v", start, ns, gok, got, wok, want)
	}
	return ""
}

// TestDifferential compares every answer, captures included, with the
// PikeVM's on random patterns and inputs, from every start position and
// with no slots, the whole-match slots and all slots.
func TestDifferential(t *testing.T) {
	patterns, inputs := 4000, 10
	if testing.Short() {
		patterns = 400
	}
	rng := rand.New(rand.NewPCG(7, 11))
	bc := NewCache()
	searches, matches, failures := 0, 0, 0
	for i := 0; i < patterns && failures < 10; i++ {
		pat := testgen.Pattern(rng, 4)
		re, err := syntax.Parse(pat, syntax.Perl)
		if err != nil {
			continue // e.g. a repetition count that is too large
		}
		n := nfa.Compile(re)
		bt, vm := New(n), pikevm.New(n, nil)
		vc := pikevm.NewCache(len(n.States))
		for j := 0; j < inputs && failures < 10; j++ {
			input := []byte(testgen.Input(rng))
			// Every start, rune boundary or not: both engines step from
			// start by utf8.DecodeRune widths, so they must agree anyway.
			for start := 0; start <= len(input); start++ {
				for _, ns := range []int{0, 2, n.NumSlots} {
					searches++
					if d := agree(bt, bc, vm, vc, input, start, ns); d != "" {
						t.Errorf("pattern %q input %q: %s\n%s", pat, input, d, n)
						failures++
					}
				}
				if vm.Search(vc, input, start, nil, false) {
					matches++
				}
			}
		}
	}
	t.Logf("%d searches, %d of the slot-less ones matched", searches, matches)
}

// TestPathological runs patterns that take exponential time in an
// unbounded backtracker on the longest inputs this one accepts; they must
// finish (in time linear in the input) and agree with the PikeVM.
func TestPathological(t *testing.T) {
	for _, tt := range []struct{ pattern, unit string }{
		{`(a*)*b`, "a"}, {`(a|a)*b`, "a"}, {`(a+)+$`, "ab"}, {`(?:a*)*?c`, "a"},
		{`((a?)*)*b`, "a"}, {`(a|aa)*c`, "a"}, {`(x+x+)+y`, "x"}, {`(\w*)*\s`, "w"},
		{`(?i)(k|\x{212A})*z`, "kK\u212a"}, {`(?m)(^a*$)*b`, "a\n"}, {`(.*)*\n`, "\xe2\x82"},
	} {
		n := compileNFA(t, tt.pattern)
		bt, vm := New(n), pikevm.New(n, nil)
		size := min(bt.MaxInput(), 4096)
		input := []byte(strings.Repeat(tt.unit, size/len(tt.unit)))
		pat := tt.pattern
		if d := agree(bt, NewCache(), vm, pikevm.NewCache(len(n.States)), input, 0, n.NumSlots); d != "" {
			t.Errorf("pattern %q on %d bytes: %s", pat, size, d)
		}
	}
}

// TestMaxInput checks the bound and that Search enforces it.
func TestMaxInput(t *testing.T) {
	b := New(compileNFA(t, `(a|b)*c`))
	m := b.MaxInput()
	if m < 1024 || (m+1)*b.rows > visitedBits {
		t.Fatalf("MaxInput = %d with %d tracked states", m, b.rows)
	}
	input := make([]byte, m+10)
	if b.Search(NewCache(), input, 10, nil) {
		t.Error("unexpected match")
	}
	defer func() {
		if recover() == nil {
			t.Error("Search of MaxInput+1 bytes did not panic")
		}
	}()
	b.Search(NewCache(), input, 9, nil)
}

// TestTracked checks which states get a row of the visited bitset: loop
// heads and other join points, never a chain of single-successor states.
func TestTracked(t *testing.T) {
	for _, tt := range []struct {
		pattern string
		rows    int
	}{
		{`abc`, 1},          // only the start
		{`(a)(b)`, 1},       // captures and bytes in a chain
		{`a*`, 1},           // the loop head is the start
		{`xa*`, 2},          // start, loop head
		{`(ab|cd)e`, 2},     // start, and the capture where both arms join
		{`(?:ab|cd)*e`, 1},  // the loop head is the start; e is reached from it only
		{`x(?:ab|cd)*e`, 2}, // start, loop head
		{`[a-cé]x`, 2},      // start, and x, where the one- and two-byte arms join
	} {
		b := New(compileNFA(t, tt.pattern))
		if b.rows != tt.rows {
			t.Errorf("%q: %d tracked states, want %d\n%s", tt.pattern, b.rows, tt.rows, compileNFA(t, tt.pattern))
		}
	}
}

// TestAllocs checks that a search with a warm Cache allocates nothing.
func TestAllocs(t *testing.T) {
	n := compileNFA(t, `(\w+)@(\w+)\.(com|org)|(a*)*`)
	b, c := New(n), NewCache()
	input := []byte("mail me at gopher@example.com, please")
	slots := make([]int, n.NumSlots)
	b.Search(c, input, 0, slots)
	if a := testing.AllocsPerRun(100, func() {
		b.Search(c, input, 0, slots)
		b.Search(c, input, 3, slots[:2])
		b.Search(c, input[:5], 0, nil)
	}); a != 0 {
		t.Errorf("%v allocations per run, want 0", a)
	}
}

// TestConcurrent runs one Backtracker from several goroutines (each with
// its own Cache); go test -race checks that Search only reads it.
func TestConcurrent(t *testing.T) {
	n := compileNFA(t, `(a|ab)(c|bcd)(d*)`)
	b := New(n)
	done := make(chan bool)
	for g := 0; g < 4; g++ {
		go func() {
			c, slots := NewCache(), make([]int, n.NumSlots)
			ok := true
			for i := 0; i < 100; i++ {
				ok = ok && b.Search(c, []byte("xxabcd"), 0, slots) && slots[1] == 6
			}
			done <- ok
		}()
	}
	for g := 0; g < 4; g++ {
		if !<-done {
			t.Error("wrong answer under concurrency")
		}
	}
}

// benchInput returns size bytes of text with one e-mail address at the
// end, so that both engines scan the whole input.
func benchInput(size int) []byte {
	const tail = " go@ex.com"
	var b strings.Builder
	words := []string{"lorem ", "ipsum ", "dolor ", "sit ", "amet, ", "ütf8 "}
	for i := 0; b.Len() < size-len(tail); i++ {
		b.WriteString(words[i%len(words)])
	}
	s := b.String()[:size-len(tail)]
	for !utf8.ValidString(s) {
		s = s[:len(s)-1] + " "
	}
	return []byte(s + tail)
}

// BenchmarkCaptures compares the engines, and regexp's FindSubmatchIndex
// (which also allocates its result), on a search for three groups over 16
// bytes and 1 KB, sizes at which regexp runs its own backtracker. Run with
// -bench Captures -benchmem.
func BenchmarkCaptures(b *testing.B) {
	for _, pat := range []struct{ name, pattern string }{
		{"Email", `(\w+)@(\w+)\.(com|org)`},
		{"Lazy", `(.*?)@(.*?)\.(com|org)`},
	} {
		n := compileNFA(b, pat.pattern)
		bt, vm := New(n), pikevm.New(n, nil)
		for _, size := range []int{16, 1 << 10} {
			input := benchInput(size)
			slots := make([]int, n.NumSlots)
			b.Run(fmt.Sprintf("%s/%d/backtrack", pat.name, size), func(b *testing.B) {
				c := NewCache()
				b.SetBytes(int64(size))
				for b.Loop() {
					if !bt.Search(c, input, 0, slots) {
						b.Fatal("no match")
					}
				}
			})
			std := regexp.MustCompile(pat.pattern)
			b.Run(fmt.Sprintf("%s/%d/regexp", pat.name, size), func(b *testing.B) {
				b.SetBytes(int64(size))
				for b.Loop() {
					if std.FindSubmatchIndex(input) == nil {
						b.Fatal("no match")
					}
				}
			})
			b.Run(fmt.Sprintf("%s/%d/pikevm", pat.name, size), func(b *testing.B) {
				c := pikevm.NewCache(len(n.States))
				b.SetBytes(int64(size))
				for b.Loop() {
					if !vm.Search(c, input, 0, slots, false) {
						b.Fatal("no match")
					}
				}
			})
		}
	}
}

// TestSearchSpan checks SearchSpan's promise: started at the leftmost
// match the PikeVM finds, and bounded by its end, it gives the same
// captures as an unbounded search, although assertions at the bound see
// the text after it.
func TestSearchSpan(t *testing.T) {
	patterns := 3000
	if testing.Short() {
		patterns = 300
	}
	rng := rand.New(rand.NewPCG(13, 17))
	bc := NewCache()
	checked := 0
	for i := 0; i < patterns; i++ {
		pat := testgen.Pattern(rng, 4)
		if i%3 == 0 {
			pat += `\b`
		}
		re, err := syntax.Parse(pat, syntax.Perl)
		if err != nil {
			continue
		}
		n := nfa.Compile(re)
		bt, vm := New(n), pikevm.New(n, nil)
		vc := pikevm.NewCache(len(n.States))
		for j := 0; j < 10; j++ {
			input := []byte(testgen.Input(rng))
			want := make([]int, n.NumSlots)
			if !vm.Search(vc, input, 0, want, false) || want[1]-want[0] > bt.MaxInput() {
				continue
			}
			got := make([]int, n.NumSlots)
			if !bt.SearchSpan(bc, input, want[0], want[1], got) || !slices.Equal(got, want) {
				t.Fatalf("pattern %q input %q: SearchSpan(%d, %d) = %v, want %v", pat, input, want[0], want[1], got, want)
			}
			checked++
		}
	}
	t.Logf("%d spans checked", checked)
}

// TestRuns checks which loops get runs (loopBytes) and with which bytes:
// those that go once around the loop, forced, and straight back. A loop
// whose exit can start with a byte keeps that byte out, as do bytes that
// start a multi-byte rune or an invalid sequence's U+FFFD; a capture in
// the loop, a loop of two bytes, and an exit that can match without
// reading a byte rule out the run.
func TestRuns(t *testing.T) {
	for _, tt := range []struct {
		pattern string
		runs    []string
	}{
		{`x[^ ]+!`, []string{"00-1f 22-c1 f5-ff"}},
		{`x.*?y`, []string{"00-09 0b-78 7a-c1 f5-ff"}},
		{`a*?b`, []string{"61"}},
		{`(?i)xk+y`, []string{"4b 6b"}},
		{`[a-z]+[0-9]+;`, []string{"30-39", "61-7a"}}, // heads entered once: tracked for the run
		{`(a)*b`, nil},
		{`(?:ab)*c`, nil},
		{`x\w+`, nil},
	} {
		b := New(compileNFA(t, tt.pattern))
		var got []string
		for id := range b.insts {
			if set, ok := b.Run(nfa.StateID(id)); ok {
				got = append(got, describeBytes(set))
			}
		}
		if !slices.Equal(got, tt.runs) {
			t.Errorf("%q: runs %q, want %q\n%s", tt.pattern, got, tt.runs, compileNFA(t, tt.pattern))
		}
	}
}

// describeBytes lists the ranges of bytes in set, in hex.
func describeBytes(set byteSet) string {
	var parts []string
	for c := 0; c < 256; {
		if !set.has(byte(c)) {
			c++
			continue
		}
		lo := c
		for c < 256 && set.has(byte(c)) {
			c++
		}
		if c-1 == lo {
			parts = append(parts, fmt.Sprintf("%02x", lo))
		} else {
			parts = append(parts, fmt.Sprintf("%02x-%02x", lo, c-1))
		}
	}
	return strings.Join(parts, " ")
}
