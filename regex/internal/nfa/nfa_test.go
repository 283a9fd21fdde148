package nfa

import (
	"fmt"
	"regexp/syntax"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

// anchoredDump lists the states reachable from StartAnchored in ID order,
// in the format of NFA.String, leaving out the unanchored prefix loop
// that every NFA carries.
func anchoredDump(n *NFA) string {
	seen := map[StateID]bool{}
	stack := []StateID{n.StartAnchored}
	for len(stack) > 0 {
		id := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if seen[id] {
			continue
		}
		seen[id] = true
		s := &n.States[id]
		switch s.Kind {
		case KindUnion:
			stack = append(stack, n.Alts(s)...)
		case KindSparse:
			for _, t := range n.Trans(s) {
				stack = append(stack, t.Next)
			}
		case KindRange, KindCapture, KindLook:
			stack = append(stack, s.Next)
		}
	}
	var ids []StateID
	for id := range seen {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	var b strings.Builder
	for _, id := range ids {
		mark := " "
		if id == n.StartAnchored {
			mark = "^"
		}
		fmt.Fprintf(&b, "%s%d: %s\n", mark, id, n.StateString(id))
	}
	return b.String()
}

func compileString(t *testing.T, pattern string) *NFA {
	t.Helper()
	re, err := syntax.Parse(pattern, syntax.Perl)
	if err != nil {
		t.Fatalf("Parse(%q): %v", pattern, err)
	}
	return Compile(re)
}

var compileTests = []struct {
	pattern string
	dump    string
}{
	{`a`, `
 1: match
^2: range 61 -> 1
`},
	{`abc`, `
 1: match
 2: range 63 -> 1
 3: range 62 -> 2
^4: range 61 -> 3
`},
	// Simplify turns an alternation of single runes into a class.
	{`a|b`, `
 1: match
^2: range 61-62 -> 1
`},
	{`ab|cd`, `
 1: match
 2: range 62 -> 1
 3: range 61 -> 2
 4: range 64 -> 1
 5: range 63 -> 4
^6: union 3, 5
`},
	// A greedy star prefers the loop; the capture slots bracket the body.
	{`(a)*`, `
 1: match
^2: union 5, 1
 3: capture 3 -> 2
 4: range 61 -> 3
 5: capture 2 -> 4
`},
	// A lazy plus prefers the exit.
	{`a+?`, `
 1: match
 2: union 1, 3
^3: range 61 -> 2
`},
	// A nullable body: x* becomes (x+)?, as in regexp/syntax.
	{`(a*)*`, `
 1: match
 2: union 6, 1
 3: capture 3 -> 2
 4: union 5, 3
 5: range 61 -> 4
 6: capture 2 -> 4
^7: union 6, 1
`},
	{`é`, `
 1: match
 2: range a9 -> 1
^3: range c3 -> 2
`},
	// (?i)k matches k, K and U+212A KELVIN SIGN (E2 84 AA).
	{`(?i)k`, `
 1: match
 2: range aa -> 1
 3: range 84 -> 2
^4: sparse 4b -> 1, 6b -> 1, e2 -> 3
`},
	// Two-byte runes share their continuation state.
	{`[à-ÿ]`, `
 1: match
 2: range a0-bf -> 1
^3: range c3 -> 2
`},
	{`[Ā-ʯ]`, `
 1: match
 2: range 80-bf -> 1
 3: range 80-af -> 1
^4: sparse c4-c9 -> 2, ca -> 3
`},
	// U+FFFD also matches invalid bytes: directly those that never start
	// an encoding, and a lead byte only where its encoding is broken.
	{`\x{FFFD}`, `
 1: match
 2: range bd -> 1
 3: range bf -> 2
 4: sparse 80-c1 -> 1, ef -> 3, f5-ff -> 1
 5: range c2-f4 -> 1
 6: look invalid-utf8 -> 5
^7: union 4, 6
`},
	{`^a$`, `
 1: match
 2: look \z -> 1
 3: range 61 -> 2
^4: look \A -> 3
`},
	{`(?m)^\b$`, `
 1: match
 2: look (?m:$) -> 1
 3: look \b -> 2
^4: look (?m:^) -> 3
`},
	{`x{2,3}`, `
 1: match
 2: range 78 -> 1
 3: union 2, 1
 4: range 78 -> 3
^5: range 78 -> 4
`},
	{`[^\x00-\x{10FFFF}]`, `
^0: fail
`},
}

func TestCompile(t *testing.T) {
	for _, tt := range compileTests {
		n := compileString(t, tt.pattern)
		got := anchoredDump(n)
		want := strings.TrimPrefix(tt.dump, "\n")
		if got != want {
			t.Errorf("Compile(%q):\n%s\nwant:\n%s", tt.pattern, got, want)
		}
	}
}

func TestGroups(t *testing.T) {
	n := compileString(t, `(a)(?P<x>b)((c)|(?P<y>d))(e){0}`)
	if n.NumSlots != 2*7 {
		t.Errorf("NumSlots = %d, want 14", n.NumSlots)
	}
	want := []string{"", "", "x", "", "", "y", ""}
	if !slices.Equal(n.GroupNames, want) {
		t.Errorf("GroupNames = %q, want %q", n.GroupNames, want)
	}
}

// accepts reports whether the automaton from start accepts exactly the
// bytes of input, without taking the invalid-UTF-8 path.
func accepts(n *NFA, start StateID, input []byte) bool {
	cur := []StateID{start}
	for _, c := range input {
		var next []StateID
		for _, id := range closure(n, cur) {
			if to, ok := n.Step(&n.States[id], c); ok && n.States[id].Kind != KindMatch {
				next = append(next, to)
			}
		}
		cur = next
	}
	for _, id := range closure(n, cur) {
		if n.States[id].Kind == KindMatch {
			return true
		}
	}
	return false
}

// closure follows unions and captures; assertions are treated as false,
// so the invalid-UTF-8 path is not taken.
func closure(n *NFA, ids []StateID) []StateID {
	var out []StateID
	seen := map[StateID]bool{}
	for len(ids) > 0 {
		id := ids[len(ids)-1]
		ids = ids[:len(ids)-1]
		if seen[id] {
			continue
		}
		seen[id] = true
		s := &n.States[id]
		switch s.Kind {
		case KindUnion:
			ids = append(ids, n.Alts(s)...)
		case KindCapture:
			ids = append(ids, s.Next)
		case KindRange, KindSparse, KindMatch:
			out = append(out, id)
		}
	}
	return out
}

// TestClassEncodings checks that Unicode classes compile to automata that
// accept exactly the UTF-8 encodings of their runes.
func TestClassEncodings(t *testing.T) {
	for _, pattern := range []string{`\pL`, `\p{Greek}`, `[^a-z]`, `(?i)[k-s]`, `[\x{7F}-\x{800}]`, `[\x{FFFF}-\x{10000}]`, `[\x{D7FF}-\x{E000}]`, `\PN`} {
		re, err := syntax.Parse(pattern, syntax.Perl)
		if err != nil {
			t.Fatal(err)
		}
		simple := re.Simplify()
		n := Compile(re)
		for r := rune(0); r <= utf8.MaxRune; r += 1 + r/64 {
			if !utf8.ValidRune(r) {
				continue // a surrogate has no encoding of its own
			}
			want := classHas(simple, r)
			if got := accepts(n, n.StartAnchored, utf8.AppendRune(nil, r)); got != want {
				t.Errorf("%s: rune %U accepted = %v, want %v", pattern, r, got, want)
			}
		}
	}
}

func classHas(re *syntax.Regexp, r rune) bool {
	for i := 0; i+1 < len(re.Rune); i += 2 {
		if re.Rune[i] <= r && r <= re.Rune[i+1] {
			return true
		}
	}
	return false
}

func TestUTF8Seqs(t *testing.T) {
	tests := []struct {
		lo, hi rune
		want   string
	}{
		{0, 0x7F, "[00-7f]"},
		{0x80, 0x7FF, "[c2-df][80-bf]"},
		{0x800, 0xFFFF, "[e0][a0-bf][80-bf] [e1-ec][80-bf][80-bf] [ed][80-9f][80-bf] [ee-ef][80-bf][80-bf]"},
		{0x10000, 0x10FFFF, "[f0][90-bf][80-bf][80-bf] [f1-f3][80-bf][80-bf][80-bf] [f4][80-8f][80-bf][80-bf]"},
		{'a', 'é', "[61-7f] [c2][80-bf] [c3][80-a9]"},
	}
	for _, tt := range tests {
		var parts []string
		for _, s := range utf8Seqs(nil, tt.lo, tt.hi) {
			var b strings.Builder
			for i := 0; i < s.n; i++ {
				fmt.Fprintf(&b, "[%s]", byteRange(s.lo[i], s.hi[i]))
			}
			parts = append(parts, b.String())
		}
		if got := strings.Join(parts, " "); got != tt.want {
			t.Errorf("utf8Seqs(%U, %U) = %s, want %s", tt.lo, tt.hi, got, tt.want)
		}
	}
}

// TestTemplateBounds checks that the byte classes and assertions an NFA
// records, which take the bounds of template copies from their templates,
// equal those of a scan of every state.
func TestTemplateBounds(t *testing.T) {
	for _, pat := range []string{
		`\p{L}{8,13}`, `\p{L}+\s\p{N}+`, `(?i)шерлок\b`, `[^a]x.`, `(?s).\pL|\p{Greek}$`,
		`(\pL|\p{Cyrillic})*\B[α-ω]`, `^a.[l-nA-Cg-j]?e$`, `(?m)^\p{Lu}+$`,
	} {
		re, err := syntax.Parse(pat, syntax.Perl)
		if err != nil {
			t.Fatal(err)
		}
		for _, n := range []*NFA{Compile(re), CompileReverse(re)} {
			var bounds ByteBounds
			var looks Look
			for i := range n.States {
				s := &n.States[i]
				switch s.Kind {
				case KindRange:
					bounds.Split(s.Lo, s.Hi)
				case KindSparse:
					for _, tr := range n.Trans(s) {
						bounds.Split(tr.Lo, tr.Hi)
					}
				case KindLook:
					looks |= s.Look
				}
			}
			if bounds != n.Bounds || looks != n.Looks {
				t.Errorf("%q: Bounds %x Looks %v, a scan of the states gives %x %v", pat, n.Bounds, n.Looks, bounds, looks)
			}
		}
	}
}

// TestMinLen checks the length of the shortest path to a match.
func TestMinLen(t *testing.T) {
	for _, tt := range []struct {
		pattern string
		want    int
	}{
		{`abc`, 3},
		{`a*`, 0},
		{`\p{L}{8,13}`, 8},
		{`\x{10000}`, 4},
		{`é|\x{10000}`, 2},
		{`ab|c(d|ef)`, 2},
		{`(?i)k`, 1},
		{`\bab\b`, 2},
		{`(\pL\pN)+x`, 3},
		{`[^\x00-\x{10FFFF}]`, -1},
		{`a[^\x00-\x{10FFFF}]|xyz`, 3},
	} {
		re, err := syntax.Parse(tt.pattern, syntax.Perl)
		if err != nil {
			t.Fatal(err)
		}
		if got := Compile(re).MinLen(); got != tt.want {
			t.Errorf("MinLen(%#q) = %d, want %d", tt.pattern, got, tt.want)
		}
	}
}
