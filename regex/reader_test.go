package regex_test

import (
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"

	"github.com/rxjit/rxjit/fuzz"
	"github.com/rxjit/rxjit/regex"
	"github.com/rxjit/rxjit/regex/internal/testgen"
)

// readSlack is how many more runes than regexp the RuneReader methods may
// read from the same reader: none. Both look one rune past the position
// they are at, and stop where the answer is settled; the DFA that reads
// the stream first needs no look-ahead at all (it decides a match one
// byte late, and that byte is the look-ahead).
const readSlack = 0

// readerCase is one search of a RuneReader method, run on both packages.
type readerCase struct {
	pat   string
	posix bool
	// stream returns a fresh reader of the same runes on every call.
	stream func() io.RuneReader
	name   string
}

// readerMethods are the RuneReader methods, as functions of either
// package's Regexp.
var readerMethods = []struct {
	name string
	std  func(*regexp.Regexp, io.RuneReader) any
	rx   func(*regex.Regexp, io.RuneReader) any
}{
	{"MatchReader",
		func(re *regexp.Regexp, r io.RuneReader) any { return re.MatchReader(r) },
		func(re *regex.Regexp, r io.RuneReader) any { return re.MatchReader(r) }},
	{"FindReaderIndex",
		func(re *regexp.Regexp, r io.RuneReader) any { return re.FindReaderIndex(r) },
		func(re *regex.Regexp, r io.RuneReader) any { return re.FindReaderIndex(r) }},
	{"FindReaderSubmatchIndex",
		func(re *regexp.Regexp, r io.RuneReader) any { return re.FindReaderSubmatchIndex(r) },
		func(re *regex.Regexp, r io.RuneReader) any { return re.FindReaderSubmatchIndex(r) }},
}

// readerChecker runs readerCases and keeps the largest read excess seen.
type readerChecker struct {
	t         *testing.T
	failures  int
	maxExcess int
	cases     int
}

// check compiles c's pattern with both packages and compares, for every
// RuneReader method, the answers and how many runes each read.
func (rc *readerChecker) check(c readerCase) {
	rc.t.Helper()
	compileStd, compileRx := regexp.Compile, regex.Compile
	if c.posix {
		compileStd, compileRx = regexp.CompilePOSIX, regex.CompilePOSIX
	}
	std, err := compileStd(c.pat)
	if err != nil {
		return
	}
	rx := mustCompileWith(rc.t, compileRx, c.pat)
	for _, m := range readerMethods {
		sr := &fuzz.CountingReader{R: c.stream()}
		want := m.std(std, sr)
		xr := &fuzz.CountingReader{R: c.stream()}
		got := m.rx(rx, xr)
		rc.cases++
		if diff := cmp.Diff(want, got); diff != "" {
			rc.t.Errorf("%s: %s(%q) posix=%v: (-regexp +rxjit)\n%s", c.name, m.name, c.pat, c.posix, diff)
			rc.failures++
		}
		if excess := xr.Reads - sr.Reads; excess > readSlack {
			rc.t.Errorf("%s: %s(%q) posix=%v read %d runes, regexp %d", c.name, m.name, c.pat, c.posix, xr.Reads, sr.Reads)
			rc.failures++
		} else {
			rc.maxExcess = max(rc.maxExcess, excess)
		}
	}
}

func mustCompileWith(t *testing.T, compile func(string) (*regex.Regexp, error), pat string) *regex.Regexp {
	t.Helper()
	re, err := compile(pat)
	if err != nil {
		t.Fatalf("Compile(%q): %v; regexp accepts it", pat, err)
	}
	return re
}

// stringStream, cycleStream and runesStream make readerCase streams.
func stringStream(s string) func() io.RuneReader {
	return func() io.RuneReader { return strings.NewReader(s) }
}

func cycleStream(s string, limit int) func() io.RuneReader {
	return func() io.RuneReader { return &fuzz.CycleReader{Text: []byte(s), Limit: limit} }
}

func runesStream(rs fuzz.RunesReader) func() io.RuneReader {
	return func() io.RuneReader { r := rs; return &r }
}

// TestReaderDifferential compares the RuneReader methods with regexp's on
// generated patterns and inputs, read from a strings.Reader, from a cycle
// of the input that ends only after many repetitions (a stream on which
// neither package may wait for the end), and from readers that report
// sizes no UTF-8 reader does: answers and runes read must agree, within
// readSlack.
func TestReaderDifferential(t *testing.T) {
	patterns, inputs := 2000, 8
	if testing.Short() {
		patterns = 200
	}
	rc := &readerChecker{t: t}
	rng := rand.New(rand.NewPCG(3, 4))
	for i := 0; i < patterns && rc.failures < 10; i++ {
		pat := testgen.Pattern(rng, 4)
		for j := 0; j < inputs; j++ {
			in := testgen.Input(rng)
			for _, posix := range []bool{false, true} {
				rc.check(readerCase{pat, posix, stringStream(in), "string"})
				rc.check(readerCase{pat, posix, cycleStream(in, 20*len(in)), "cycle"})
				rc.check(readerCase{pat, posix, runesStream(fuzz.OddRunes([]byte(in))), "odd"})
			}
		}
	}
	t.Logf("%d searches; rxjit read at most %d runes more than regexp", rc.cases, rc.maxExcess)
}

// TestReaderRE2Search runs the RuneReader methods over Go's RE2 search
// corpus ($GOROOT/src/regexp/testdata/re2-search.txt, read in place): every
// pattern on every string of its block, both syntaxes.
func TestReaderRE2Search(t *testing.T) {
	goroot, err := exec.Command("go", "env", "GOROOT").Output()
	if err != nil {
		t.Fatalf("go env GOROOT: %v", err)
	}
	f, err := os.Open(filepath.Join(strings.TrimSpace(string(goroot)), "src/regexp/testdata/re2-search.txt"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	cases, err := fuzz.ReadRE2Search(f)
	if err != nil {
		t.Fatal(err)
	}
	rc := &readerChecker{t: t}
	for _, c := range cases {
		if rc.failures >= 10 {
			break
		}
		for _, posix := range []bool{false, true} {
			rc.check(readerCase{c.Pattern, posix, stringStream(c.Input), "re2-search"})
		}
	}
	if rc.cases < 1000 {
		t.Fatalf("only %d searches from re2-search.txt; is the file there?", rc.cases)
	}
	t.Logf("%d searches; rxjit read at most %d runes more than regexp", rc.cases, rc.maxExcess)
}

// TestReaderRunes compares the RuneReader methods with regexp's on random
// rune streams that mix invalid bytes (utf8.RuneError of size 1), real
// U+FFFD, sizes of 0 and sizes that are not the UTF-8 width.
func TestReaderRunes(t *testing.T) {
	type rs = struct {
		r    rune
		size int
	}
	pick := []rs{
		{'a', 1}, {'b', 1}, {'\n', 1}, {' ', 1}, {'_', 1}, {'é', 2}, {'☺', 3},
		{utf8.RuneError, 1}, {utf8.RuneError, 3}, {utf8.RuneError, 0}, {utf8.RuneError, 2},
		{'a', 0}, {'b', 5}, {'é', 1}, {'\n', 0}, {'x', 2},
	}
	patterns := []string{
		`a`, `a+b`, `(a|b)*`, `\x{FFFD}`, `[^a]+`, `.`, `(?s).+`, `^`, `$`, `(?m)^b`, `(?m)a$`,
		`\b`, `\B`, `\ba`, `a\b`, `(é+)(b?)`, `a*?`, `(?i)A`, `(a)|(b)`, `x*$`, `^$`,
	}
	rc := &readerChecker{t: t}
	rng := rand.New(rand.NewPCG(5, 6))
	for _, pat := range patterns {
		for range 200 {
			rs := make(fuzz.RunesReader, rng.IntN(8))
			for i := range rs {
				p := pick[rng.IntN(len(pick))]
				rs[i] = fuzz.Rune{R: p.r, Size: p.size}
			}
			for _, posix := range []bool{false, true} {
				rc.check(readerCase{pat, posix, runesStream(rs), fmt.Sprint(rs)})
			}
		}
	}
}

// TestReaderEndless asks the RuneReader methods questions that a stream
// without end settles early; regexp, on the same stream, is the oracle.
// The reader has no end: a search that waits for one hangs the test.
func TestReaderEndless(t *testing.T) {
	rc := &readerChecker{t: t}
	for _, pat := range []string{
		`world`, `(w)or(ld)`, `^hello`, `^world`, `(o\s*)+w`, `d \b`, `h(.*?)d`,
		`(?m)^(h)`, `(?i)WORLD|hello`, `l+`, `$^`, `\Bo\b`,
	} {
		rc.check(readerCase{pat, false, cycleStream("hello world ", 0), "endless"})
	}
	// In POSIX syntax ^ is a line anchor, and the longest match of
	// h(.*?)d never ends: only these settle.
	for _, pat := range []string{`world`, `(w)or(ld)`, `^hello`, `l+`, `(l)(l*)`} {
		rc.check(readerCase{pat, true, cycleStream("hello world ", 0), "endless"})
	}
}

// TestReaderMemory checks that what a reader search keeps does not grow
// with the input: a search that reads millions of runes allocates no more
// than one that reads ten thousand, beyond a fixed slack. The first pattern is settled by the
// DFA; in the second, .* keeps a thread alive from the first h on, so the
// DFA hands the stream to the PikeVM, whose window must stay bounded.
func TestReaderMemory(t *testing.T) {
	if raceEnabled {
		t.Skip("sync.Pool drops caches on purpose under the race detector")
	}
	for _, pat := range []string{`(h)(\w+)x`, `(h).*x`} {
		re := regex.MustCompile(pat)
		// The least of a few runs: a pooled cache from another P, or
		// one the GC took, must grow again.
		alloc := func(limit int) uint64 {
			text := []byte("hello wörld ")
			least := uint64(math.MaxUint64)
			for range 3 {
				r := &fuzz.CycleReader{Text: text, Limit: limit}
				var before, after runtime.MemStats
				runtime.ReadMemStats(&before)
				if got := re.FindReaderSubmatchIndex(r); got != nil {
					t.Fatalf("FindReaderSubmatchIndex(%q) = %v, want nil", pat, got)
				}
				runtime.ReadMemStats(&after)
				least = min(least, after.TotalAlloc-before.TotalAlloc)
			}
			return least
		}
		limit := 4_000_000
		if testing.Short() {
			limit = 400_000
		}
		// The slack covers a fresh PikeVM cache and window: the pools are
		// per P, and a run on another P than the warm-up finds none. What
		// the test rules out is memory that grows with the input, which
		// would be megabytes here.
		small, large := alloc(10_000), alloc(limit)
		if large > small+256<<10 {
			t.Errorf("%q: reading %d runes allocated %d bytes; reading 10000 allocated %d", pat, limit, large, small)
		}
		t.Logf("%q: allocated %d bytes for 10000 runes, %d for %d", pat, small, large, limit)
	}
}

// BenchmarkReader runs MatchReader and FindReaderIndex over a 1 MB
// strings.Reader, rxjit beside regexp. The text is English prose with no
// match until its last line, so both read the whole reader: this measures
// the streaming engine, not how early it stops.
func BenchmarkReader(b *testing.B) {
	var sb strings.Builder
	for sb.Len() < 1<<20 {
		sb.WriteString("It was the best of times, it was the worst of times; 1859.\n")
	}
	sb.WriteString("Contact: holmes@bakerstreet.com 221B\n")
	text := sb.String()
	for _, bm := range []struct{ name, pattern string }{
		{"literal", `bakerstreet`},
		{"class", `[0-9]{3}[A-Z]`},
		{"groups", `(\w+)@(\w+)\.com`},
		{"anchored", `(?m)^Contact`},
	} {
		type readerAPI interface {
			MatchReader(io.RuneReader) bool
			FindReaderIndex(io.RuneReader) []int
		}
		for _, eng := range []struct {
			name string
			re   readerAPI
		}{{"rxjit", regex.MustCompile(bm.pattern)}, {"regexp", regexp.MustCompile(bm.pattern)}} {
			b.Run("MatchReader/"+bm.name+"/"+eng.name, func(b *testing.B) {
				b.SetBytes(int64(len(text)))
				for b.Loop() {
					eng.re.MatchReader(strings.NewReader(text))
				}
			})
			b.Run("FindReaderIndex/"+bm.name+"/"+eng.name, func(b *testing.B) {
				b.SetBytes(int64(len(text)))
				for b.Loop() {
					eng.re.FindReaderIndex(strings.NewReader(text))
				}
			})
		}
	}
}
