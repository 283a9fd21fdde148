package onepass

import (
	"fmt"
	"math/rand/v2"
	"regexp/syntax"
	"slices"
	"strings"
	"testing"

	"github.com/rxjit/rxjit/regex/internal/nfa"
	"github.com/rxjit/rxjit/regex/internal/pikevm"
	"github.com/rxjit/rxjit/regex/internal/testgen"
)

func compileNFA(t testing.TB, pattern string) *nfa.NFA { return testgen.NFA(t, pattern) }

// TestQualifies checks which patterns the engine takes, each with the
// reason.
func TestQualifies(t *testing.T) {
	for _, tt := range []struct {
		pattern string
		want    bool
	}{
		{`abc`, true},
		{`(a)(b)c`, true},
		{`a*b`, true},
		{`a*a`, false}, // after a's, another a may loop or end the match
		{`(a|b)*c`, true},
		{`(a+|ab)c`, false}, // both branches start with a
		{`x*(a)`, true},
		{`[^;]+;([^;]*)$`, true},                 // the invalid-lead-byte path is merged
		{`^([A-Z0-9]+);([^;]+);([0-9]*)$`, true}, // rebar 07's shape
		{`(.*?)@(.*?)\.(com|org)`, false},        // .*? competes with @
		{`\b(\w+)\b`, true},                      // assertions ride on transitions
		{`(?:a*|b)*`, false},                     // an empty loop reaches a state twice
		{`a|[ab]c`, false},                       // two paths take a
		{`(a)(b)(c)(d)(e)(f)(g)(h)(i)(j)(k)(l)(m)(n)(o)(p)`, true}, // 16 groups: 34 slots
		{`(a)(b)(c)(d)(e)(f)(g)(h)(i)(j)(k)(l)(m)(n)(o)(p)(q)`, false},
		{`(?i)hello`, true},
		{`[\x{80}-\x{10FFFF}]x`, true},
		{`\x{FFFD}|[^a]b`, false}, // the guarded path and [^a]b compete on invalid text only, but 80-BF too
	} {
		d := New(compileNFA(t, tt.pattern))
		if got := d != nil; got != tt.want {
			t.Errorf("%q: one-pass %v, want %v\n%s", tt.pattern, got, tt.want, compileNFA(t, tt.pattern))
		}
	}
}

// agree checks every anchored search of input against the PikeVM: from
// each start, the one-pass engine must match exactly when the leftmost
// match from start starts there, with the same slots. It returns a
// description of the first difference, or "".
func agree(d *DFA, vm *pikevm.VM, vc *pikevm.Cache, input []byte, ns int) string {
	for start := 0; start <= len(input); start++ {
		want := make([]int, max(ns, 2))
		wok := vm.Search(vc, input, start, want, false) && want[0] == start
		want = want[:ns]
		got := make([]int, ns)
		for i := range got {
			got[i] = -7
		}
		gok, ok := d.Search(input, start, got)
		if !ok {
			// Quitting is allowed only where an invalid encoding
			// starts at or after start.
			if !strings.ContainsRune(string(input[start:]), '\uFFFD') && string(input[start:]) == strings.ToValidUTF8(string(input[start:]), "\uFFFD") {
				return fmt.Sprintf("start %d: quit on valid UTF-8", start)
			}
			continue
		}
		if gok != wok || gok && !slices.Equal(got, want) {
			return fmt.Sprintf("start %d, %d slots: onepass %v %v, pikevm %v %v", start, ns, gok, got, wok, want)
		}
		if !gok && slices.ContainsFunc(got, func(v int) bool { return v != -7 }) {
			return fmt.Sprintf("start %d: slots written without a match: %v", start, got)
		}
	}
	return ""
}

// TestSearch checks hand-worked cases.
func TestSearch(t *testing.T) {
	for _, tt := range []struct {
		pattern, input string
		start          int
		want           []int // nil: no match
	}{
		{`(a+)(b)`, "aab", 0, []int{0, 3, 0, 2, 2, 3}},
		{`(a+)(b)`, "aab", 1, []int{1, 3, 1, 2, 2, 3}},
		{`(a+)(b)`, "aab", 2, nil}, // anchored: no match starts at 2
		{`(a*)`, "aab", 0, []int{0, 2, 0, 2}},
		{`(a*?)b`, "aab", 0, []int{0, 3, 0, 2}},
		{`(a)|b`, "b", 0, []int{0, 1, -1, -1}},
		{`([^;]*);(x)?$`, "ab;", 0, []int{0, 3, 0, 2, -1, -1}},
		{`([^;]*);(x)?$`, "ab;y", 0, nil},
		{`^(a)`, "ba", 1, nil}, // \A fails away from 0
		{`(?m)^(a)`, "b\na", 2, []int{2, 3, 2, 3}},
		{`\b(\w+)\b`, "ab cd", 3, []int{3, 5, 3, 5}},
		{`\b(\w+)\b`, "ab cd", 4, nil},
		{`(x*)([^x])`, "é", 0, []int{0, 2, 0, 0, 0, 2}},
		{`(x*)([^x])`, "\xffa", 0, []int{0, 1, 0, 0, 0, 1}}, // a byte that starts nothing valid: no guard needed
	} {
		n := compileNFA(t, tt.pattern)
		d := New(n)
		if d == nil {
			t.Errorf("%q is not one-pass", tt.pattern)
			continue
		}
		slots := make([]int, n.NumSlots)
		ok, sure := d.Search([]byte(tt.input), tt.start, slots)
		switch {
		case !sure:
			t.Errorf("%q on %q from %d: gave up", tt.pattern, tt.input, tt.start)
		case tt.want == nil && ok:
			t.Errorf("%q on %q from %d: matched %v, want no match", tt.pattern, tt.input, tt.start, slots)
		case tt.want != nil && (!ok || !slices.Equal(slots, tt.want)):
			t.Errorf("%q on %q from %d: got %v %v, want %v", tt.pattern, tt.input, tt.start, ok, slots, tt.want)
		}
	}
}

// TestQuit checks that invalid text gives up exactly where the merged
// path could matter: a lead byte without its continuation.
func TestQuit(t *testing.T) {
	d := New(compileNFA(t, `([^;]*);`))
	for _, tt := range []struct {
		input string
		ok    bool
	}{
		{"ab;", true}, {"é;", true}, {"\xff;", true}, {"\xc3;", false}, {"\xe2\x82;", false},
	} {
		if _, ok := d.Search([]byte(tt.input), 0, make([]int, 4)); ok != tt.ok {
			t.Errorf("%q: ok %v, want %v", tt.input, ok, tt.ok)
		}
	}
}

// TestDifferential compares every anchored search with the PikeVM on
// random one-pass patterns (those New accepts among generated ones, and
// the same wrapped in groups and anchors) and inputs.
func TestDifferential(t *testing.T) {
	patterns := 20000
	if testing.Short() {
		patterns = 2000
	}
	rng := rand.New(rand.NewPCG(3, 5))
	taken, searches, failures := 0, 0, 0
	for i := 0; i < patterns && failures < 10; i++ {
		pat := testgen.Pattern(rng, 3)
		switch i % 4 {
		case 1:
			pat = `^(` + pat + `)$`
		case 2:
			pat = `(` + pat + `);`
		case 3:
			pat = `(?m)^(` + pat + `)\b`
		}
		re, err := syntax.Parse(pat, syntax.Perl)
		if err != nil {
			continue
		}
		n := nfa.Compile(re.Simplify())
		d := New(n)
		if d == nil {
			continue
		}
		taken++
		vm := pikevm.New(n, nil)
		vc := pikevm.NewCache(len(n.States))
		for j := 0; j < 8 && failures < 10; j++ {
			input := []byte(testgen.Input(rng))
			for _, ns := range []int{0, 2, n.NumSlots} {
				searches++
				if msg := agree(d, vm, vc, input, ns); msg != "" {
					t.Errorf("pattern %q input %q: %s\n%s", pat, input, msg, n)
					failures++
				}
			}
		}
	}
	if taken < patterns/20 {
		t.Errorf("only %d of %d patterns one-pass: the test says little", taken, patterns)
	}
	t.Logf("%d one-pass patterns, %d search sets", taken, searches)
}

// TestAllocs checks that a search allocates nothing.
func TestAllocs(t *testing.T) {
	n := compileNFA(t, `^([A-Z0-9]+);([^;]+);([0-9]*)$`)
	d := New(n)
	input := []byte("00E9;LATIN SMALL LETTER E WITH ACUTE;0065")
	slots := make([]int, n.NumSlots)
	if a := testing.AllocsPerRun(100, func() { d.Search(input, 0, slots) }); a != 0 {
		t.Errorf("%v allocations per search, want 0", a)
	}
}
