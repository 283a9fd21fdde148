package fuzz

import (
	"math/rand/v2"
	"regexp"
	"regexp/syntax"
	"slices"
	"testing"
	"unicode/utf8"
)

// randomBytes returns n pseudo-random bytes from a fixed seed.
func randomBytes(r *rand.Rand, n int) []byte {
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(r.Uint32())
	}
	return b
}

// TestGenerateCompiles checks, on many pseudo-random byte strings, that
// Generate always builds a pattern regexp accepts, that the same bytes
// always build the same pattern, and that the compiled program stays
// small enough to keep Compile cheap.
func TestGenerateCompiles(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	n := 20000
	if testing.Short() {
		n = 2000
	}
	grammars := map[string]Grammar{"Full": Full, "POSIX": POSIX, "Regexp2": Regexp2, "Regexp2ASCII": Regexp2ASCII, "zero": {MaxNodes: 8, MaxDepth: 3, MaxCount: 3}}
	for name, g := range grammars {
		compile, flags := regexp.Compile, syntax.Perl
		if g.POSIXSyntax {
			compile, flags = regexp.CompilePOSIX, syntax.POSIX
		}
		maxInst := 0
		for range n {
			data := randomBytes(r, r.IntN(200))
			p := Generate(data, g)
			if _, err := compile(p.Expr); err != nil {
				t.Fatalf("%s: Generate(%q) = %q: %v", name, data, p.Expr, err)
			}
			if again := Generate(data, g); again.Expr != p.Expr || !slices.Equal(again.Literals, p.Literals) {
				t.Fatalf("%s: Generate(%q) is not deterministic: %q, then %q", name, data, p.Expr, again.Expr)
			}
			re, _ := syntax.Parse(p.Expr, flags)
			prog, err := syntax.Compile(re.Simplify())
			if err != nil {
				t.Fatalf("%s: syntax.Compile(%q): %v", name, p.Expr, err)
			}
			maxInst = max(maxInst, len(prog.Inst))
		}
		t.Logf("%s: largest program has %d instructions", name, maxInst)
		if maxInst > 20000 {
			t.Errorf("%s: a generated program has %d instructions; Compile is no longer cheap", name, maxInst)
		}
	}
}

// TestGenerateEmpty checks that empty data yields a valid pattern.
func TestGenerateEmpty(t *testing.T) {
	for _, g := range []Grammar{Full, POSIX, Regexp2, {}} {
		p := Generate(nil, g)
		if _, err := regexp.CompilePOSIX(p.Expr); err != nil {
			t.Errorf("Generate(nil) = %q: %v", p.Expr, err)
		}
	}
}

// TestBuildInput checks the input builder's promises: empty data gives an
// empty input, the options are honoured, long inputs appear and stay
// rare, and every boundary is reached.
func TestBuildInput(t *testing.T) {
	if in := BuildInput(nil, []string{"abc"}, InputOptions{}); len(in) != 0 {
		t.Errorf("BuildInput(nil) = %q, want empty", in)
	}
	r := rand.New(rand.NewPCG(3, 4))
	lits := []string{"abc", "é", "𝄞"}
	opts := []InputOptions{{}, {ValidUTF8: true, BMP: true, MaxLen: 300}}
	for _, opt := range opts {
		long, invalid := 0, 0
		reached := map[int]bool{}
		const n = 20000
		for range n {
			in := BuildInput(randomBytes(r, r.IntN(64)), lits, opt)
			if opt.MaxLen > 0 && len(in) > opt.MaxLen {
				t.Fatalf("%+v: input of %d bytes", opt, len(in))
			}
			if !utf8.Valid(in) {
				invalid++
				if opt.ValidUTF8 {
					t.Fatalf("%+v: invalid UTF-8 in %q", opt, in)
				}
			}
			if opt.BMP {
				for _, c := range string(in) {
					if c > 0xFFFF {
						t.Fatalf("%+v: rune %U in %q", opt, c, in)
					}
				}
			}
			if len(in) > coreLimit+24 {
				long++
			}
			for _, b := range Boundaries {
				if len(in) >= b && len(in) <= b+coreLimit {
					reached[b] = true
				}
			}
		}
		t.Logf("%+v: %d long, %d invalid of %d", opt, long, invalid, n)
		if long > n/5 {
			t.Errorf("%+v: %d of %d inputs are long", opt, long, n)
		}
		if !opt.ValidUTF8 && invalid < n/10 {
			t.Errorf("%+v: only %d of %d inputs are invalid UTF-8", opt, invalid, n)
		}
		for _, b := range Boundaries {
			if opt.MaxLen == 0 && !reached[b] {
				t.Errorf("%+v: no input crosses %d", opt, b)
			}
		}
	}
}
