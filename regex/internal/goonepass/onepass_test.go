package goonepass

import (
	"bufio"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"regexp"
	"regexp/syntax"
	"strconv"
	"strings"
	"testing"
)

// literalPrefixPatterns are Go's literalPrefixTests (all_test.go) and a few
// anchored patterns whose prefix depends on the one-pass decision.
var literalPrefixPatterns = []string{
	`^0^0$`, `^0^`, `^0$`, `$0^`, `$0$`, `^^0$$`, `^$^$`, `$$0^^`,
	`a\x{fffd}b`, `\x{fffd}b`, "\ufffd", `^a\x{fffd}b`, `^\x{fffd}b$`,
	`^abc`, `^(abc)`, `^abc$`, `^a+b`, `^(?:a|b)c`, `^x*yz`, `^[ab]c$`,
	`^abc|^abd`, `^abcd?`, `^abcd?$`, `^ab(?:c|d)$`, `^ab(?:c|c)$`, `^(?i)abc`, `^a(?i)bc$`,
	`^ab\b`, `^ab\z`, `\Aab\z`, `(?m)^ab$`, `^ab$\z`, `^`, `$`, `^$`, `\A`,
	`^a[b]c`, `^é€x$`, `^a(?:)b$`, `^a(?:b|)$`, `^ab+$`, `^ab*$`,
	`^x(?:(?i:k)a|\x{212A}b)$`, `^x(?:(?i:s)a|\x{17F}b)$`, `^x(?:(?i:k)a|\x{212B}b)$`,
	`^x(?:(?i:k)|\x{212A})*$`, `^x(?i:[k-l]a|\x{212A}b)$`,
	`^(?:ab){600}$`, `^(?:ab){400}$`, `^l` + strings.Repeat("o", 2<<8) + `ng$`,
}

// onePassTable is Go's onePassTests (onepass_test.go): the decision itself,
// for programs parsed with syntax.Perl.
var onePassTable = []struct {
	pattern string
	want    bool
}{
	{`^(?:a|(?:a*))$`, false},
	{`^(?:(a)|(?:a*))$`, false},
	{`^(?:(?:(?:.(?:$))?))$`, true},
	{`^abcd$`, true},
	{`^abcd`, true},
	{`^(?:(?:a{0,})*?)$`, false},
	{`^(?:(?:a+)*)$`, true},
	{`^(?:(?:a|(?:aa)))$`, true},
	{`^(?:[^\s\S])$`, true},
	{`^(?:(?:a{3,4}){0,})$`, false},
	{`^(?:(?:(?:a*)+))$`, true},
	{`^[a-c]+$`, true},
	{`^[a-c]*$`, true},
	{`^(?:a*)$`, true},
	{`^(?:(?:aa)|a)$`, true},
	{`^[a-c]*`, false},
	{`^...$`, true},
	{`^...`, true},
	{`^(?:a|(?:aa))$`, true},
	{`^a((b))c$`, true},
	{`^a.[l-nA-Cg-j]?e$`, true},
	{`^a((b))$`, true},
	{`^a(?:(b)|(c))c$`, true},
	{`^a(?:(b*)|(c))c$`, false},
	{`^a(?:b|c)$`, true},
	{`^a(?:b?|c)$`, true},
	{`^a(?:b?|c?)$`, false},
	{`^a(?:b?|c+)$`, true},
	{`^a(?:b+|(bc))d$`, false},
	{`^a(?:bc)+$`, true},
	{`^a(?:[bcd])+$`, true},
	{`^a((?:[bcd])+)$`, true},
	{`^a(:?b|c)*d$`, true},
	{`^.bc(d|e)*$`, true},
	{`^(?:(?:aa)|.)$`, false},
	{`^(?:(?:a{1,2}){1,2})$`, false},
	{`^l` + strings.Repeat("o", 2<<8) + `ng$`, true},
	{`^a(/b+(#c+)*)*$`, true}, // golang.org/issue/11905, from onePassTests1
	{`^(?:(?i:k)a|\x{212A}b)$`, false},
	{`^(?:ka|\x{212A}b)$`, true},
	{`^(?:a*?)*$`, true},
	{`^(?:a??)+b$`, true},
	{`^(?:ab){497}$`, true},  // 998 instructions
	{`^a(?:bc){497}$`, true}, // 999 instructions
	{`^(?:ab){498}$`, false}, // 1000 instructions: too long to analyse
}

func TestIsOnePassTable(t *testing.T) {
	for _, tc := range onePassTable {
		if got := IsOnePass(compileProg(t, tc.pattern)); got != tc.want {
			t.Errorf("IsOnePass(%#q) = %t, want %t", tc.pattern, got, tc.want)
		}
	}
}

// differential compares, for each pattern regexp accepts, the LiteralPrefix
// derived from IsOnePass and Prefix with regexp's, and IsOnePass with
// regexp's own decision when that is readable. It returns how many patterns
// were compared, how many were one-pass, and how many of those have a
// LiteralPrefix that differs from syntax.(*Prog).Prefix, so that a wrong
// decision would show in LiteralPrefix alone.
func differential(t *testing.T, patterns []string) (compared, onePass, telling int) {
	t.Helper()
	for _, p := range patterns {
		re, err := regexp.Compile(p)
		if err != nil {
			continue
		}
		compared++
		prog := compileProg(t, p)
		before := prog.String()
		isOnePass := IsOnePass(prog)
		if after := prog.String(); after != before {
			t.Fatalf("IsOnePass(%#q) modified the program:\n%s\nwant\n%s", p, after, before)
		}
		plainPrefix, plainComplete := prog.Prefix()
		prefix, complete := plainPrefix, plainComplete
		if isOnePass {
			onePass++
			prefix, complete = Prefix(prog)
			if prefix != plainPrefix || complete != plainComplete {
				telling++
			}
		}
		wantPrefix, wantComplete := re.LiteralPrefix()
		if prefix != wantPrefix || complete != wantComplete {
			t.Errorf("LiteralPrefix(%#q) = (%q, %t), want (%q, %t) (IsOnePass = %t)",
				p, prefix, complete, wantPrefix, wantComplete, isOnePass)
		}
		if want, ok := regexpIsOnePass(re); ok && isOnePass != want {
			t.Errorf("IsOnePass(%#q) = %t, regexp decided %t", p, isOnePass, want)
		}
	}
	return compared, onePass, telling
}

func TestLiteralPrefixGoTable(t *testing.T) {
	n, op, tell := differential(t, literalPrefixPatterns)
	if n != len(literalPrefixPatterns) {
		t.Errorf("compared %d of %d patterns", n, len(literalPrefixPatterns))
	}
	t.Logf("%d patterns, %d one-pass, %d with a telling prefix", n, op, tell)
}

func TestLiteralPrefixRE2Search(t *testing.T) {
	regexps := re2SearchRegexps(t)
	var patterns []string
	for _, q := range regexps {
		patterns = append(patterns, q, "^"+q, `^(?:`+q+`)`, `\A(?:`+q+`)\z`)
	}
	n, op, tell := differential(t, patterns)
	if n < 3*len(regexps) {
		t.Errorf("only %d of %d patterns compiled", n, len(patterns))
	}
	t.Logf("%d regexps, %d patterns compared, %d one-pass, %d with a telling prefix",
		len(regexps), n, op, tell)
}

// nestedRepeatPatterns crosses inner and outer repetitions, which produce
// the empty loops and alternation-to-alternation edges that regexp rewrites
// before its analysis, with tails that do and do not end in \z.
func nestedRepeatPatterns() []string {
	inners := []string{
		`a*`, `a*?`, `a+`, `a+?`, `a?`, `a??`, `a{0,2}`, `a{0,2}?`, `(?:ab)*?`, `(a*?)`,
		`a*?b`, `a*|b`, `a*?|b`, `b|a*?`, `a|b*`, `a*?$`, `(?i:k)*`, "\b*",
	}
	outers := []string{`*`, `*?`, `+`, `+?`, `?`, `??`, `{0,2}`, `{2,}`, `{2}`}
	tails := []string{`$`, ``, `b$`, `c`, `(?:c|d)$`}
	var patterns []string
	for _, head := range []string{`^`, `^x`} {
		for _, inner := range inners {
			for _, outer := range outers {
				for _, tail := range tails {
					patterns = append(patterns, head+`(?:`+inner+`)`+outer+tail)
				}
			}
		}
	}
	return patterns
}

func TestLiteralPrefixNestedRepeats(t *testing.T) {
	patterns := nestedRepeatPatterns()
	n, op, tell := differential(t, patterns)
	if n != len(patterns) {
		t.Errorf("compared %d of %d patterns", n, len(patterns))
	}
	t.Logf("%d patterns compared, %d one-pass, %d with a telling prefix", n, op, tell)
}

func TestLiteralPrefixRandom(t *testing.T) {
	const count = 4000
	g := generator{rand.New(rand.NewPCG(11, 2026))}
	patterns := make([]string, 0, count)
	anchors := []string{`^`, `\A`, `(?i)^`, `^x`, `^ab`, `(?m)^`, `(?s)^`, ``}
	for len(patterns) < count {
		patterns = append(patterns, anchors[g.IntN(len(anchors))]+g.expr(3))
	}
	n, op, tell := differential(t, patterns)
	if n < count*9/10 {
		t.Errorf("only %d of %d generated patterns compiled", n, count)
	}
	if op < n/10 || tell < n/20 {
		t.Errorf("weak corpus: %d one-pass, %d telling of %d", op, tell, n)
	}
	t.Logf("%d patterns compared, %d one-pass, %d with a telling prefix", n, op, tell)
}

// generator builds random patterns from a small grammar: literals, classes,
// assertions, concatenation, alternation, repetition, groups and flags.
type generator struct{ *rand.Rand }

var (
	genLiterals = []string{`a`, `b`, `c`, `x`, `k`, `s`, `ab`, `ba`, `é`, `\x{FFFD}`, `0`, `\.`, `K`}
	genClasses  = []string{`[ab]`, `[^a]`, `[a-c]`, `.`, `\d`, `\w`, `[bc]`, `[k]`, `(?s:.)`, `[^\n]`, `\pL`}
	genEmpty    = []string{`$`, `\b`, `\B`, `^`, `\z`, `\A`, `(?m:$)`, `(?m:^)`}
	genRepeats  = []string{`*`, `+`, `?`, `{2}`, `{0,2}`, `{1,3}`, `{2,}`, `{0}`}
)

func (g generator) pick(list []string) string { return list[g.IntN(len(list))] }

func (g generator) expr(depth int) string {
	choice := g.IntN(10)
	if depth <= 0 {
		choice = g.IntN(3)
	}
	switch choice {
	case 0:
		return g.pick(genLiterals)
	case 1:
		return g.pick(genClasses)
	case 2:
		if g.IntN(3) == 0 {
			return g.pick(genEmpty)
		}
		return g.pick(genLiterals)
	case 3, 4:
		var b strings.Builder
		for range 2 + g.IntN(2) {
			b.WriteString(g.expr(depth - 1))
		}
		return b.String()
	case 5, 6:
		alts := make([]string, 2+g.IntN(2))
		for i := range alts {
			alts[i] = g.expr(depth - 1)
		}
		return `(?:` + strings.Join(alts, `|`) + `)`
	case 7:
		suffix := g.pick(genRepeats)
		if g.IntN(4) == 0 {
			suffix += `?`
		}
		return `(?:` + g.expr(depth-1) + `)` + suffix
	case 8:
		return `(` + g.expr(depth-1) + `)`
	default:
		return `(?i:` + g.expr(depth-1) + `)`
	}
}

// compileProg compiles pattern the way regexp.Compile does.
func compileProg(t testing.TB, pattern string) *syntax.Prog {
	t.Helper()
	re, err := syntax.Parse(pattern, syntax.Perl)
	if err != nil {
		t.Fatalf("syntax.Parse(%#q): %v", pattern, err)
	}
	prog, err := syntax.Compile(re.Simplify())
	if err != nil {
		t.Fatalf("syntax.Compile(%#q): %v", pattern, err)
	}
	return prog
}

// regexpIsOnePass reads regexp's own decision from its unexported onepass
// field; ok is false if the field is gone in this version of Go.
func regexpIsOnePass(re *regexp.Regexp) (onePass, ok bool) {
	f := reflect.ValueOf(re).Elem().FieldByName("onepass")
	if !f.IsValid() || f.Kind() != reflect.Pointer {
		return false, false
	}
	return !f.IsNil(), true
}

func TestRegexpIsOnePassReadable(t *testing.T) {
	if _, ok := regexpIsOnePass(regexp.MustCompile(`^a`)); !ok {
		t.Fatal("regexp.Regexp has no onepass pointer field: the differential tests only compare LiteralPrefix")
	}
}

// re2SearchRegexps returns the regexps of Go's testdata/re2-search.txt, in
// file order, without duplicates. The file alternates "strings" blocks and
// "regexps" blocks of quoted lines; the unquoted lines after each regexp
// are its expected results and are ignored.
func re2SearchRegexps(t *testing.T) []string {
	t.Helper()
	name := filepath.Join(goroot(), "src", "regexp", "testdata", "re2-search.txt")
	f, err := os.Open(name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var regexps []string
	seen := map[string]bool{}
	inRegexps := false
	sc := bufio.NewScanner(f)
	for lineno := 1; sc.Scan(); lineno++ {
		line := sc.Text()
		switch {
		case line == "strings":
			inRegexps = false
		case line == "regexps":
			inRegexps = true
		case inRegexps && strings.HasPrefix(line, `"`):
			q, err := strconv.Unquote(line)
			if err != nil {
				t.Fatalf("%s:%d: %v", name, lineno, err)
			}
			if !seen[q] {
				seen[q] = true
				regexps = append(regexps, q)
			}
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if len(regexps) < 100 {
		t.Fatalf("%s: only %d regexps found", name, len(regexps))
	}
	return regexps
}

// goroot returns the GOROOT of the go command on PATH, falling back to
// $GOROOT.
func goroot() string {
	if out, err := exec.Command("go", "env", "GOROOT").Output(); err == nil {
		return strings.TrimSpace(string(out))
	}
	return os.Getenv("GOROOT")
}

func BenchmarkIsOnePass(b *testing.B) {
	for _, p := range []string{`^abcd$`, `^a(/b+(#c+)*)*$`, `^[\pL\pN_]+@[\pL\pN.]+$`, `^(?:ab){400}$`} {
		prog := compileProg(b, p)
		b.Run(p[:min(len(p), 20)], func(b *testing.B) {
			for b.Loop() {
				IsOnePass(prog)
			}
		})
	}
}
