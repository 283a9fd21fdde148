package regex

import (
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"regexp/syntax"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/rxjit/rxjit/regex/internal/meta"
	"github.com/rxjit/rxjit/regex/internal/testgen"
)

func TestMinBytesTable(t *testing.T) {
	for _, tc := range []struct {
		pat  string
		want int
	}{
		{`abc`, 3}, {`(?i)k`, 1}, {`é`, 2}, {`(?i)é`, 2}, {`\x{FFFD}`, 1}, {`[é-ü]`, 2},
		{`a{3}`, 3}, {`a|bc`, 1}, {`a*`, 0}, {`[^a]`, 1}, {`\p{Greek}`, 2}, {`(?i)ſ`, 1},
		{`(a(bc)+)d`, 4}, {`^$`, 0}, {`日本{2,}`, 9}, {`.`, 1}, {`(?s).{4}`, 4},
	} {
		parsed, err := syntax.Parse(tc.pat, syntax.Perl)
		if err != nil {
			t.Fatal(err)
		}
		if got := minBytes(parsed); got != tc.want {
			t.Errorf("minBytes(%q) = %d, want %d", tc.pat, got, tc.want)
		}
	}
}

// TestMinBytesBound checks that no match regexp finds on generated
// patterns and inputs (invalid UTF-8 and case folding included) is
// shorter than minBytes says.
func TestMinBytesBound(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	for range 3000 {
		pat := testgen.Pattern(rng, 4)
		std, err := regexp.Compile(pat)
		if err != nil {
			continue
		}
		parsed, err := syntax.Parse(pat, syntax.Perl)
		if err != nil {
			t.Fatal(err)
		}
		bound := minBytes(parsed)
		for range 8 {
			in := testgen.Input(rng)
			for _, m := range std.FindAllStringIndex(in, -1) {
				if m[1]-m[0] < bound {
					t.Fatalf("%q on %q: match %v is shorter than minBytes %d", pat, in, m, bound)
				}
			}
		}
	}
}

// TestLazyEngines checks that Compile builds no engine, that the first
// searches run on the rune program and build none, that a long one
// builds them, and that LiteralPrefix needs none.
func TestLazyEngines(t *testing.T) {
	re := MustCompile(`lazy[0-9]+engines`)
	if re.prog.eng.Load() != nil {
		t.Fatal("Compile built the engines")
	}
	if prefix, complete := re.LiteralPrefix(); prefix != "lazy" || complete {
		t.Errorf("LiteralPrefix = %q, %v; want \"lazy\", false", prefix, complete)
	}
	if re.prog.eng.Load() != nil {
		t.Fatal("LiteralPrefix built the engines")
	}
	if !re.MatchString("so lazy42engines") {
		t.Fatal("no match")
	}
	if cold := re.prog.eng.Load() == nil; cold == (meta.Forced != meta.Auto || meta.Eager) {
		t.Fatalf("engines unbuilt after a short search: %v", cold)
	}
	if !re.MatchString(strings.Repeat("so lazy42engines", 20000)) {
		t.Fatal("no match")
	}
	if re.prog.eng.Load() == nil {
		t.Fatal("a long search left the engines unbuilt")
	}
}

// TestProgramsInterned checks that Regexps of one pattern and syntax share
// a program, stay reflect.DeepEqual however they are used, and that a
// program nobody uses leaves the table.
func TestProgramsInterned(t *testing.T) {
	const pat = `interned(a|b)+c`
	re1, re2 := MustCompile(pat), MustCompile(pat)
	posix := MustCompilePOSIX(pat)
	if re1.prog != re2.prog {
		t.Error("two compiles of one pattern have different programs")
	}
	if re1.prog == posix.prog {
		t.Error("Compile and CompilePOSIX share a program")
	}
	re1.MatchString("internedababc")
	if !reflect.DeepEqual(re1, re2) {
		t.Error("a search made two compiles of one pattern unequal")
	}
	runtime.KeepAlive(re1)
	runtime.KeepAlive(re2)
	runtime.KeepAlive(posix)

	const dropped = `dropped[0-9]{3}`
	MustCompile(dropped).MatchString("dropped123")
	key := programKey{dropped, syntax.Perl}
	for deadline := time.Now().Add(10 * time.Second); ; {
		runtime.GC()
		programs.Lock()
		_, live := programs.m[key]
		programs.Unlock()
		if !live {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the program of a dropped Regexp is still interned")
		}
		time.Sleep(time.Millisecond)
	}
}

// BenchmarkCompileFirstSearch measures what a pattern costs before it has
// answered once: Compile and a first search of a short input, rxjit beside
// regexp. Compile alone is parsing here; the engines are built by the
// first search. The intern table is cleared before each compile, so that
// every iteration builds them from nothing, as the first use of a pattern
// in a process does.
func BenchmarkCompileFirstSearch(b *testing.B) {
	rebar := filepath.Join("..", "..", "shared", "bench", "rebar", "benchmarks", "regexes")
	file := func(name string) string {
		data, err := os.ReadFile(filepath.Join(rebar, name))
		if err != nil {
			b.Skip(err)
		}
		return strings.TrimSpace(string(data))
	}
	words := strings.Fields(file("dictionary/english/length-15.txt"))
	for _, bm := range []struct{ name, pattern string }{
		{"Go-Onepass", `^foo(?P<bar>b*)baz$`},
		{"Go-Medium", `^((a|b|[d-z0-9])*(日){4,5}.)+$`},
		{"Go-Hard", `^(([a-c]+|[d-f]*)(\pL|\p{Greek}){2,4}?[^x-z]+(?i)straße)*$`},
		{"Go-Unicode", `\p{L}+\s\p{N}+`},
		{"03-date", file("wild/date.txt")},
		{"04-ruff-noqa", `(\s*)((?:# [Nn][Oo][Qq][Aa])(?::\s?(([A-Z]+[0-9]+(?:[,\s]+)?)+))?)`},
		{"07-ucd", file("wild/ucd-parse.txt")},
		{"10-letters", `\p{L}{8,13}`},
		{"10-context", `[A-Za-z]{10}\s+[\s\S]{0,100}Result[\s\S]{0,100}\s+[A-Za-z]{10}`},
		{"12-dictionary", strings.Join(words, "|")},
		// At regexp's limits: the largest repeat count of a big class,
		// and a literal of 100,000 runes.
		{"limit-pL1000", `\pL{1000}`},
		{"limit-literal100k", strings.Repeat("ab", 50_000)},
	} {
		hay := "2010-03-14 The quick brown fox # noqa: E501 Ωmega straße"
		b.Run(bm.name+"/engine=regexp", func(b *testing.B) {
			for b.Loop() {
				regexp.MustCompile(bm.pattern).MatchString(hay)
			}
		})
		b.Run(bm.name+"/engine=rxjit", func(b *testing.B) {
			for b.Loop() {
				programs.Lock()
				clear(programs.m)
				programs.Unlock()
				MustCompile(bm.pattern).MatchString(hay)
			}
		})
	}
}

// retained returns the heap bytes that build's results keep alive, per
// result, over n results kept at once: the least of three measurements,
// since another goroutine (the generator of the per-process code, say) may
// allocate during one. A measurement over which the heap shrank (the
// cleanups of earlier programs ran during it) does not count.
func retained(n int, build func() any) uint64 {
	least := uint64(math.MaxUint64)
	for range 3 {
		keep := make([]any, n)
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		for i := range keep {
			keep[i] = build()
		}
		runtime.GC()
		runtime.ReadMemStats(&after)
		runtime.KeepAlive(keep)
		if after.HeapAlloc > before.HeapAlloc {
			least = min(least, (after.HeapAlloc-before.HeapAlloc)/uint64(n))
		}
	}
	if least == math.MaxUint64 {
		return 0
	}
	return least
}

// TestHeapPerRegexp reports the heap a compiled Regexp keeps, rxjit beside
// regexp, after Compile and after a first search (which builds rxjit's
// rune program, or its engines under a switch; the search caches of both
// live in pools, not in the Regexp), and checks that after Compile, and
// after the first search where the rune program serves it, rxjit keeps
// no more than regexp.
func TestHeapPerRegexp(t *testing.T) {
	if testing.Short() {
		t.Skip("measures the heap with many GCs")
	}
	hay := "2010-03-14 The quick brown fox # noqa: E501 Ωmega straße"
	fresh := func(pat string) *Regexp {
		programs.Lock()
		clear(programs.m)
		programs.Unlock()
		return MustCompile(pat)
	}
	for _, pat := range []string{
		`^foo(?P<bar>b*)baz$`,
		`^((a|b|[d-z0-9])*(日){4,5}.)+$`,
		`^(([a-c]+|[d-f]*)(\pL|\p{Greek}){2,4}?[^x-z]+(?i)straße)*$`,
		`\p{L}+\s\p{N}+`,
		`(\s*)((?:# [Nn][Oo][Qq][Aa])(?::\s?(([A-Z]+[0-9]+(?:[,\s]+)?)+))?)`,
		`[A-Za-z]{10}\s+[\s\S]{0,100}Result[\s\S]{0,100}\s+[A-Za-z]{10}`,
		`\p{L}{8,13}`,
	} {
		const n = 50
		std := retained(n, func() any { return regexp.MustCompile(pat) })
		stdUsed := retained(n, func() any { re := regexp.MustCompile(pat); re.MatchString(hay); return re })
		rx := retained(n, func() any { return fresh(pat) })
		rxUsed := retained(n, func() any { re := fresh(pat); re.MatchString(hay); return re })
		t.Logf("%-70q compiled: regexp %6d B, rxjit %6d B; searched: regexp %6d B, rxjit %7d B", pat, std, rx, stdUsed, rxUsed)
		if rx > std {
			t.Errorf("%q: a compiled Regexp keeps %d bytes, regexp's %d", pat, rx, std)
		}
		if rxUsed > stdUsed && meta.Forced == meta.Auto && !meta.Eager {
			t.Errorf("%q: a searched Regexp keeps %d bytes, regexp's %d", pat, rxUsed, stdUsed)
		}
	}
}
