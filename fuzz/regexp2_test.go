package fuzz

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"reflect"
	"regexp"
	"regexp/syntax"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/dlclark/regexp2"
)

// regexp2Input restricts the inputs of FuzzRegexp2; see FuzzRegexp2.
var regexp2Input = InputOptions{MaxLen: 300}

// regexp2Timeout bounds one regexp2 search. regexp2 backtracks, and a
// nested repetition can take exponential time on a few dozen bytes; such
// inputs are skipped, not reported.
const regexp2Timeout = 200 * time.Millisecond

// FuzzRegexp2 checks rxjit against a second, independent oracle:
// github.com/dlclark/regexp2 with its RE2 option, a backtracking engine
// written from .NET's. Patterns come from Generate with the Regexp2 or
// Regexp2ASCII grammar, the subset of the syntax on which both libraries
// mean the same (their documentation lists what is left out and why);
// inputs come from BuildInput, at most 300 bytes long because regexp2
// backtracks. Invalid UTF-8 and runes above U+FFFF need no restriction:
// regexp2 works on []rune(s), not UTF-16, and that conversion decodes
// every invalid byte to one U+FFFD exactly as Go's matchers do (see
// runeOffsets). Patterns that repeat a nullable operand are compared on
// the start of the first match only (see hasNullableLoop). For each input the target compares all leftmost-first
// matches (FindAllStringIndex, with Go's rules for empty matches) and the
// submatches of the first match. If regexp itself disagrees with regexp2
// the subset is wrong, and the target says so rather than blaming rxjit.
func FuzzRegexp2(f *testing.F) {
	if !seedsDisabled() {
		for i, s := range generatedSeeds {
			f.Add([]byte(s.pattern), []byte(s.input))
			f.Add([]byte(s.pattern+s.input), []byte{byte(i)})
		}
		// Go's test data are not in the subset as they are, but their
		// bytes steer the generator to varied shapes.
		for i, s := range goSeeds() {
			if i%8 == 0 {
				f.Add([]byte(s.pattern), []byte(s.input))
			}
		}
	}
	f.Fuzz(func(t *testing.T, patData, inData []byte) {
		g, opt := Regexp2, regexp2Input
		if len(patData) > 0 && patData[0]&1 != 0 {
			g, opt.ASCII = Regexp2ASCII, true
		}
		p := Generate(patData, g)
		in := string(BuildInput(inData, p.Literals, opt))
		checkRegexp2(t, p.Expr, in)
	})
}

// regexp2Answer is what regexp2 says about one pattern and input.
type regexp2Answer struct {
	// full says whether all matches and the first match's submatches
	// are comparable; otherwise only start is (see hasNullableLoop).
	full  bool
	all   [][]int // leftmost-first matches, byte offsets
	sub   []int   // submatches of the first match, byte offsets
	start int     // where the first match starts, or -1
}

// leftmostFirst is the part of the Regexp API FuzzRegexp2 compares; both
// *regexp.Regexp and rxjit's Regexp have it.
type leftmostFirst interface {
	FindStringIndex(s string) []int
	FindAllStringIndex(s string, n int) [][]int
	FindStringSubmatchIndex(s string) []int
}

// diff describes how m's answers on in differ from a, or returns "".
func (a *regexp2Answer) diff(m leftmostFirst, in string) string {
	if !a.full {
		start := -1
		if loc := m.FindStringIndex(in); loc != nil {
			start = loc[0]
		}
		if start != a.start {
			return fmt.Sprintf("first match starts at %d, regexp2 says %d", start, a.start)
		}
		return ""
	}
	if got := m.FindAllStringIndex(in, -1); !reflect.DeepEqual(got, a.all) {
		return fmt.Sprintf("FindAllStringIndex = %v, regexp2 has %v", got, a.all)
	}
	if got := m.FindStringSubmatchIndex(in); !reflect.DeepEqual(got, a.sub) {
		return fmt.Sprintf("FindStringSubmatchIndex = %v, regexp2 has %v", got, a.sub)
	}
	return ""
}

// askRegexp2 runs regexp2 on expr and in. It reports an error if regexp2
// rejects expr or a search times out.
func askRegexp2(expr, in string, names []string) (*regexp2Answer, error) {
	r2, err := regexp2.Compile(expr, regexp2.RE2)
	if err != nil {
		return nil, err
	}
	r2.MatchTimeout = regexp2Timeout
	a := &regexp2Answer{full: !hasNullableLoop(expr), start: -1}
	if !a.full {
		m, err := r2.FindStringMatch(in)
		if err != nil {
			return nil, err
		}
		if m != nil {
			a.start = runeOffsets(in)[m.Index]
		}
		return a, nil
	}
	if a.all, err = regexp2FindAll(r2, in); err != nil {
		return nil, err
	}
	if a.sub, err = regexp2Submatches(r2, names, in); err != nil {
		return nil, err
	}
	return a, nil
}

// checkRegexp2 compares regexp2, regexp and rxjit on one pattern and
// input.
func checkRegexp2(t *testing.T, expr, in string) {
	t.Helper()
	std := regexp.MustCompile(expr)
	want, err := askRegexp2(expr, in, std.SubexpNames())
	if err != nil {
		// regexp2 reports a timeout only as an error message.
		if strings.HasPrefix(err.Error(), "match timeout") {
			t.Skipf("regexp2 on %q, %q: %v", expr, in, err)
		}
		t.Fatalf("regexp2 on %q, %q: %v", expr, in, err)
	}
	if d := want.diff(std, in); d != "" {
		t.Fatalf("the grammar is not a common subset: %q on input %q: regexp's %s", expr, in, d)
	}
	for _, e := range engines {
		var rx *rxRegexp
		withEngine(e, func() { rx = rxMustCompile(expr) })
		if d := want.diff(rx, in); d != "" {
			t.Errorf("%q [%s] on input %q: %s (regexp agrees with regexp2)", expr, e.name, in, d)
		}
	}
}

// runeOffsets returns the byte offset of each rune of s, and len(s) last.
// regexp2 converts its input with []rune(s), which decodes exactly as
// utf8.DecodeRuneInString does (an invalid byte is one U+FFFD), so rune
// index i of regexp2 is byte offset runeOffsets(s)[i] of regexp.
func runeOffsets(s string) []int {
	offs := make([]int, 0, len(s)+1)
	for i := 0; i < len(s); {
		offs = append(offs, i)
		_, n := utf8.DecodeRuneInString(s[i:])
		i += n
	}
	return append(offs, len(s))
}

// regexp2FindAll returns the leftmost-first matches of r2 in s as byte
// offsets, found with Go's FindAll rules: after an empty match the search
// resumes one rune further on, and an empty match that abuts the previous
// match is dropped. regexp2's own FindNextMatch keeps such empty matches,
// so the loop is written here with FindRunesMatchStartingAt, which, like
// Go, lets assertions see the text before the start position.
func regexp2FindAll(r2 *regexp2.Regexp, s string) ([][]int, error) {
	runes := []rune(s)
	offs := runeOffsets(s)
	var out [][]int
	prevEnd := -1
	for pos := 0; pos <= len(runes); {
		m, err := r2.FindRunesMatchStartingAt(runes, pos)
		if err != nil {
			return nil, err
		}
		if m == nil {
			break
		}
		start, end := m.Index, m.Index+m.Length
		accept := true
		if start == end {
			accept = start != prevEnd
			pos = end + 1
		} else {
			pos = end
		}
		prevEnd = end
		if accept {
			out = append(out, []int{offs[start], offs[end]})
		}
	}
	return out, nil
}

// regexp2Submatches returns the submatch indices of r2's first match in s
// as regexp's FindStringSubmatchIndex would, given regexp's group names.
// regexp2 numbers unnamed groups first and named groups after them, as
// .NET does, so named groups are looked up by name.
func regexp2Submatches(r2 *regexp2.Regexp, names []string, s string) ([]int, error) {
	m, err := r2.FindStringMatch(s)
	if err != nil || m == nil {
		return nil, err
	}
	offs := runeOffsets(s)
	out := make([]int, 0, 2*len(names))
	unnamed := 0
	for i, name := range names {
		var g *regexp2.Group
		switch {
		case i == 0:
			g = m.GroupByNumber(0)
		case name == "":
			unnamed++
			g = m.GroupByNumber(unnamed)
		default:
			g = m.GroupByName(name)
		}
		if g == nil {
			return nil, errors.New(fmt.Sprint("no group ", i, " ", name))
		}
		if len(g.Captures) == 0 {
			out = append(out, -1, -1)
			continue
		}
		out = append(out, offs[g.Index], offs[g.Index+g.Length])
	}
	return out, nil
}

// hasNullableLoop reports whether expr repeats, more than once, an
// operand that can match the empty string, as in (?:a|)* or (?:x*?)+.
// There Go's semantics and a backtracker's part: Go's simulation may run
// one more, empty, iteration, while a backtracker stops a loop at the
// first empty iteration and then tries the rest of the pattern from
// there, so the two may end the match at different places ((?:|Sa|aa)*a
// on "akSaaaaaaaa": the second match is [2 11] for Go, [2 5] for regexp2)
// and record different captures (((?:\\)*|x)* on "\\": group 1 is [0 1] for Go,
// [1 1] for regexp2). Where the leftmost match starts depends only on which
// substrings match, so that is still compared.
func hasNullableLoop(expr string) bool {
	re, err := syntax.Parse(expr, syntax.Perl)
	if err != nil {
		return true
	}
	return nullableLoop(re)
}

// nullableLoop is hasNullableLoop on a parsed expression.
func nullableLoop(re *syntax.Regexp) bool {
	switch re.Op {
	case syntax.OpStar, syntax.OpPlus:
		if nullable(re.Sub[0]) {
			return true
		}
	case syntax.OpRepeat:
		if (re.Max == -1 || re.Max > 1) && nullable(re.Sub[0]) {
			return true
		}
	}
	for _, sub := range re.Sub {
		if nullableLoop(sub) {
			return true
		}
	}
	return false
}

// nullable reports whether re can match the empty string.
func nullable(re *syntax.Regexp) bool {
	switch re.Op {
	case syntax.OpLiteral:
		return len(re.Rune) == 0
	case syntax.OpCharClass, syntax.OpAnyChar, syntax.OpAnyCharNotNL, syntax.OpNoMatch:
		return false
	case syntax.OpStar, syntax.OpQuest:
		return true
	case syntax.OpPlus, syntax.OpCapture:
		return nullable(re.Sub[0])
	case syntax.OpRepeat:
		return re.Min == 0 || nullable(re.Sub[0])
	case syntax.OpConcat:
		for _, sub := range re.Sub {
			if !nullable(sub) {
				return false
			}
		}
		return true
	case syntax.OpAlternate:
		for _, sub := range re.Sub {
			if nullable(sub) {
				return true
			}
		}
		return false
	}
	// Empty-width assertions and the empty match.
	return true
}

// TestRegexp2Subset checks, on pseudo-random patterns and inputs from the
// Regexp2 grammars, that regexp and regexp2 agree: that the grammars
// define a common subset, so that a FuzzRegexp2 failure blames rxjit and
// not the oracle.
func TestRegexp2Subset(t *testing.T) {
	n := 50000
	if testing.Short() {
		n = 3000
	}
	r := rand.New(rand.NewPCG(7, 8))
	partial, skipped := 0, 0
	for range n {
		g, opt := Regexp2, regexp2Input
		if r.IntN(2) == 0 {
			g, opt.ASCII = Regexp2ASCII, true
		}
		p := Generate(randomBytes(r, r.IntN(60)), g)
		in := string(BuildInput(randomBytes(r, r.IntN(30)), p.Literals, opt))
		std := regexp.MustCompile(p.Expr)
		a, err := askRegexp2(p.Expr, in, std.SubexpNames())
		if err != nil {
			if strings.HasPrefix(err.Error(), "match timeout") {
				skipped++
				continue
			}
			t.Fatalf("regexp2 on %q, %q: %v", p.Expr, in, err)
		}
		if d := a.diff(std, in); d != "" {
			t.Errorf("%q on input %q: regexp's %s", p.Expr, in, d)
		}
		if !a.full {
			partial++
		}
	}
	t.Logf("%d cases, %d compared on the first match's start only, %d timed out", n, partial, skipped)
}
