package regex

import (
	"fmt"
	"math/rand/v2"
	"os"
	"regexp"
	"runtime"
	"runtime/metrics"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/rxjit/rxjit/jitmem"
	"github.com/rxjit/rxjit/regex/internal/jit"
	"github.com/rxjit/rxjit/regex/internal/meta"
	"github.com/rxjit/rxjit/regex/internal/testgen"
)

// withEngine runs f with every search forced onto engine e.
func withEngine(e meta.Engine, f func()) {
	old := meta.Forced
	meta.Forced = e
	defer func() { meta.Forced = old }()
	f()
}

// TestConcurrentShare has many goroutines use one Regexp at once, each on
// its own inputs, short and long, valid UTF-8 or not, through every kind
// of method, and checks every answer against regexp. The patterns pick
// different engines: a literal, a literal prefix, the DFA with and
// without acceleration, groups, a DFA that thrashes, leftmost-longest.
// Run it with -race (CI does): DFA caches, sanitized copies and pooled
// scratch move between goroutines.
func TestConcurrentShare(t *testing.T) {
	patterns := []struct {
		expr  string
		posix bool
	}{
		{`Holmes`, false}, {`Sherlock\s+\w+`, false}, {`\w+\s+Holmes\s+\w+`, false},
		{`[a-z]+ing\b`, false}, {`(a|b)*a(a|b){8}`, false}, {`(?i)sherlock|watson`, false},
		{`(\d+)-(\d+)`, false}, {`(\w+)@(\w+)\.com`, false}, {`[a-z]+|[a-z]+ing`, true},
	}
	pieces := []string{"Sherlock ", "Holmes ", "singing ", "ab", "ba", "12-34 ", "watson\n", "é", "\xff", "\xe2\x82", "joe@ex.com "}
	for _, p := range patterns {
		var re *Regexp
		var std *regexp.Regexp
		if p.posix {
			re, std = MustCompilePOSIX(p.expr), regexp.MustCompilePOSIX(p.expr)
		} else {
			re, std = MustCompile(p.expr), regexp.MustCompile(p.expr)
		}
		var wg sync.WaitGroup
		for g := range 8 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				r := rand.New(rand.NewPCG(uint64(g), 1))
				for k := range 40 {
					var b strings.Builder
					n := r.IntN(6)
					if k%4 == 0 {
						n = 200 + r.IntN(400) // long: the generated loop runs
					}
					for ; n >= 0; n-- {
						b.WriteString(pieces[r.IntN(len(pieces))])
					}
					s := b.String()
					check := func(method string, got, want any) bool {
						if fmt.Sprint(got) != fmt.Sprint(want) {
							t.Errorf("%q.%s(%q): %v, want %v", p.expr, method, s, got, want)
							return false
						}
						return true
					}
					_ = check("MatchString", re.MatchString(s), std.MatchString(s)) &&
						check("FindStringIndex", re.FindStringIndex(s), std.FindStringIndex(s)) &&
						check("FindStringSubmatchIndex", re.FindStringSubmatchIndex(s), std.FindStringSubmatchIndex(s)) &&
						check("FindAllStringIndex", re.FindAllStringIndex(s, -1), std.FindAllStringIndex(s, -1)) &&
						check("FindAllStringSubmatchIndex", re.FindAllStringSubmatchIndex(s, -1), std.FindAllStringSubmatchIndex(s, -1)) &&
						check("ReplaceAllString", re.ReplaceAllString(s, "<$1>"), std.ReplaceAllString(s, "<$1>")) &&
						check("Split", re.Split(s, -1), std.Split(s, -1)) &&
						check("FindReaderIndex", re.FindReaderIndex(strings.NewReader(s)), std.FindReaderIndex(strings.NewReader(s)))
				}
			}()
		}
		wg.Wait()
	}
}

// TestManyPatterns compiles, uses and drops a million distinct patterns
// (a hundred thousand under another engine, ten thousand with -short) and
// checks that the process's heap, resident memory and executable mappings
// stay bounded: the generated loops are per process, not per pattern, DFA
// caches live in pools, and interned programs leave their table when
// their Regexps are gone.
func TestManyPatterns(t *testing.T) {
	n := 1_000_000
	switch {
	case testing.Short():
		n = 10_000
	case meta.Forced != meta.Auto:
		n = 100_000
	}
	text := strings.Repeat("the quick brown fox jumps over the lazy dog 12345 ", 4)
	heap := func() uint64 {
		runtime.GC()
		runtime.GC()
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		return ms.HeapInuse
	}
	st0 := jitmem.ReadStats()
	MustCompile(`warm[a-z]+up`).MatchString(text)
	heap0, maps0, rss0 := heap(), countMappings(), residentKiB()
	for i := range n {
		re := MustCompile(fmt.Sprintf(`o[a-z]+%d|dog %d\b`, i, i))
		if got, want := re.MatchString(text), i == 12345; got != want {
			t.Fatalf("pattern %d: match %v, want %v", i, got, want)
		}
	}
	heap1, maps1, rss1 := heap(), countMappings(), residentKiB()
	programs.Lock()
	interned := len(programs.m)
	programs.Unlock()
	st := jitmem.ReadStats()
	t.Logf("%d patterns: heap in use %d KiB -> %d KiB, resident %d KiB -> %d KiB, mappings %d -> %d, "+
		"programs interned %d, executable code %d bytes in %d regions (%d maps, %d seals since the start)",
		n, heap0>>10, heap1>>10, rss0, rss1, maps0, maps1, interned, st.BytesUsed, st.RegionsLive,
		st.Maps-st0.Maps, st.Seals-st0.Seals)
	if heap1 > heap0+32<<20 {
		t.Errorf("heap grew by %d MiB", (heap1-heap0)>>20)
	}
	if rss0 >= 0 && rss1 > rss0+128<<10 {
		t.Errorf("resident memory grew by %d MiB", (rss1-rss0)>>10)
	}
	if maps0 >= 0 && maps1 > maps0+16 {
		t.Errorf("mappings grew from %d to %d", maps0, maps1)
	}
	if interned > n/10 {
		t.Errorf("%d programs still interned after %d patterns were dropped", interned, n)
	}
}

// countMappings returns the number of the process's memory mappings, or -1
// where /proc does not list them.
func countMappings() int {
	b, err := os.ReadFile("/proc/self/maps")
	if err != nil {
		return -1
	}
	return strings.Count(string(b), "\n")
}

// residentKiB returns the process's resident memory in KiB, or -1 where
// /proc does not say.
func residentKiB() int {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return -1
	}
	for _, line := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, "VmRSS:"); ok {
			var kib int
			fmt.Sscanf(strings.TrimSpace(v), "%d", &kib)
			return kib
		}
	}
	return -1
}

// BenchmarkManyPatterns compiles and uses 10,000 distinct patterns per
// iteration and reports the mappings and seals (mprotect calls) of
// executable memory made per iteration: patterns make none of their own,
// since code is per process, so only the loading of that code shows
// (0.33 maps/op and mprotects/op in a run of three iterations,
// go test ./regex -run '^$' -bench ManyPatterns -benchtime 3x).
func BenchmarkManyPatterns(b *testing.B) {
	text := strings.Repeat("the quick brown fox jumps over the lazy dog 12345 ", 4)
	MustCompile(`warm[a-z]+up`).MatchString(text)
	st0 := jitmem.ReadStats()
	iter := 0
	for b.Loop() {
		for i := range 10_000 {
			MustCompile(fmt.Sprintf(`o[a-z]+%d|dog %d\b|%d`, i, i, iter)).MatchString(text)
		}
		iter++
	}
	st := jitmem.ReadStats()
	b.ReportMetric(float64(st.Maps-st0.Maps)/float64(iter), "maps/op")
	b.ReportMetric(float64(st.Seals-st0.Seals)/float64(iter), "mprotects/op")
	b.ReportMetric(float64(countMappings()), "mappings")
}

const pauseMetric = "/sched/pauses/total/gc:seconds"

// p99Pause scans a large input with 2 goroutines per core through one
// Regexp while another allocates, and returns the 99th percentile of GC
// stop-the-world pauses (upper bucket bounds) and how many there were.
func p99Pause(t *testing.T, re *Regexp, hay []byte, d time.Duration) (time.Duration, uint64) {
	sample := []metrics.Sample{{Name: pauseMetric}}
	metrics.Read(sample)
	before := append([]uint64(nil), sample[0].Value.Float64Histogram().Counts...)
	var stop atomic.Bool
	var wg sync.WaitGroup
	wg.Add(1)
	go func() { // garbage, so that GC cycles run
		defer wg.Done()
		var ring [256][]byte
		for i := 0; !stop.Load(); i++ {
			ring[i%len(ring)] = make([]byte, 4<<10)
		}
	}()
	for range 2 * runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for !stop.Load() {
				if re.Match(hay) {
					t.Error("matched")
					return
				}
			}
		}()
	}
	time.Sleep(d)
	stop.Store(true)
	wg.Wait()
	metrics.Read(sample)
	h := sample[0].Value.Float64Histogram()
	var n, cum uint64
	for i := range h.Counts {
		n += h.Counts[i] - before[i]
	}
	for i := range h.Counts {
		cum += h.Counts[i] - before[i]
		if n > 0 && cum*100 >= n*99 {
			return time.Duration(h.Buckets[i+1] * 1e9), n
		}
	}
	return 0, n
}

// TestSTWPauses scans 64 MiB through the DFA's generated loop and through
// its Go loop while the garbage collector runs, and compares the 99th
// percentile of stop-the-world pauses. Generated code cannot be
// preempted, so it must return to Go often (every entry.SliceBytes).
func TestSTWPauses(t *testing.T) {
	if raceEnabledInternal {
		t.Skip("the race detector's instrumentation makes pause timings meaningless")
	}
	if _, err := jit.WaitDFA(); err != nil {
		t.Skip(err)
	}
	hay := []byte(strings.Repeat("abcdefghijklmnopqrstuvwxyz 0123456789\n", (64<<20)/38))
	re := MustCompile(`[a-z]+ [0-9]+X`)
	d := time.Second
	if testing.Short() {
		d = 300 * time.Millisecond
	}
	var jit, nojit time.Duration
	var nj, nn uint64
	withEngine(meta.DFA, func() { jit, nj = p99Pause(t, re, hay, d) })
	withEngine(meta.DFAGo, func() { nojit, nn = p99Pause(t, re, hay, d) })
	t.Logf("p99 GC pause: %v over %d pauses with generated code, %v over %d with the Go loop", jit, nj, nojit, nn)
	// Shared machines add scheduling delays of milliseconds to any pause;
	// what must hold is that generated code adds no pause of its own. A
	// call that ran over all 64 MiB at once would hold a pause for 50 ms
	// or more.
	if jit > 4*nojit+20*time.Millisecond {
		t.Errorf("p99 pause %v with generated code, %v without", jit, nojit)
	}
}

// BenchmarkExplode searches random a/b text for a pattern whose DFA
// explodes: the DFA notices that its cache thrashes and gives up, and the
// PikeVM answers. Beside it, the PikeVM forced from the start, and regexp:
// the difference between the first two is the cost of noticing.
func BenchmarkExplode(b *testing.B) {
	r := rand.New(rand.NewPCG(3, 3))
	text := make([]byte, 256<<10)
	for i := range text {
		text[i] = "ab"[r.IntN(2)]
	}
	text[len(text)-30] = 'x' // no match crosses it; matches end before
	const pattern = `(a|b)*a(a|b){20}x`
	std := regexp.MustCompile(pattern)
	for _, e := range []meta.Engine{meta.Auto, meta.PikeVM} {
		b.Run("engine=rxjit-"+e.String(), func(b *testing.B) {
			b.SetBytes(int64(len(text)))
			for b.Loop() {
				// A fresh Regexp each time: a cache that gave up stays
				// given up, and the cost of noticing is what is measured.
				re := MustCompile(pattern)
				withEngine(e, func() { re.Match(text) })
			}
		})
	}
	b.Run("engine=regexp", func(b *testing.B) {
		b.SetBytes(int64(len(text)))
		for b.Loop() {
			std.Match(text)
		}
	})
}

// TestLongScans holds long unanchored searches, where the forward DFA
// takes two-chain rounds in generated code (dfa.ChainRunner), to regexp's
// answers: generated patterns, followed by a byte found only near the
// text's end, over texts of 8-40 KB made of their pieces, with and
// without invalid UTF-8, through the planner and forced onto the DFA's
// generated loop.
func TestLongScans(t *testing.T) {
	if _, err := jit.WaitDFA(); err != nil {
		t.Skip(err)
	}
	r := rand.New(rand.NewPCG(21, 22))
	n := 150
	if testing.Short() {
		n = 30
	}
	for i := range n {
		// A match needs the rare byte Z, which the text holds only near
		// its end: the search reads kilobytes first.
		pattern := "(?:" + testgen.Pattern(r, 4) + ")Z"
		std, err := regexp.Compile(pattern)
		if err != nil {
			continue
		}
		var b strings.Builder
		for b.Len() < 8<<10+r.IntN(32<<10) {
			b.WriteString(strings.ReplaceAll(testgen.Input(r), "Z", ""))
		}
		text := b.String()
		if i%3 != 0 {
			at := len(text) - r.IntN(len(text)/8)
			text = text[:at] + "Z" + text[at:]
		}
		if i%2 == 0 {
			text = strings.ToValidUTF8(text, "")
		}
		for _, e := range []meta.Engine{meta.Auto, meta.DFA} {
			withEngine(e, func() {
				re := MustCompile(pattern)
				if got, want := re.FindStringIndex(text), std.FindStringIndex(text); !slices.Equal(got, want) {
					t.Fatalf("%q (%v) FindStringIndex on %d bytes: %v, want %v", pattern, e, len(text), got, want)
				}
				if got, want := re.MatchString(text), std.MatchString(text); got != want {
					t.Fatalf("%q (%v) MatchString on %d bytes: %v, want %v", pattern, e, len(text), got, want)
				}
				if diff := cmp.Diff(std.FindAllStringIndex(text, 50), re.FindAllStringIndex(text, 50)); diff != "" {
					t.Fatalf("%q (%v) FindAllStringIndex on %d bytes: -regexp +rxjit\n%s", pattern, e, len(text), diff)
				}
			})
		}
	}
}

// TestPairSkips holds patterns whose DFA start states get pair records
// (an escape skipped unless a follow byte comes next: rebar's capitals)
// to regexp's answers through the public API, on texts long enough for
// the caches to accelerate, made of tokens that put capitals before and
// away from lower-case letters, with UTF-8 and, in some, invalid bytes.
func TestPairSkips(t *testing.T) {
	r := rand.New(rand.NewPCG(23, 24))
	tokens := []string{"x", "y = ", "f(", ")", ", ", "the ", "of ", "in ", "HTTP", "A", "B", "C(", "Dd", "Qq", "quz", "9", " ", "\n", "é", " := ", "[0]", "// "}
	n := 12
	if testing.Short() {
		n = 4
	}
	for i := range n {
		var b strings.Builder
		for b.Len() < 16<<10+r.IntN(32<<10) {
			if i%2 == 1 && r.IntN(500) == 0 {
				b.WriteString("\xff")
			}
			b.WriteString(tokens[r.IntN(len(tokens))])
		}
		text := b.String()
		for _, pattern := range []string{`(?:[A-Z][a-z]+\s*){3,6}`, `[A-Z][a-z]+[0-9]`, `(?m)^[A-Z][a-z]+$`, `\b[A-Z][a-z]\b`} {
			std := regexp.MustCompile(pattern)
			for _, e := range []meta.Engine{meta.Auto, meta.DFA} {
				withEngine(e, func() {
					re := MustCompile(pattern)
					for range 2 { // the second call runs on accelerated states
						if diff := cmp.Diff(std.FindAllStringIndex(text, -1), re.FindAllStringIndex(text, -1)); diff != "" {
							t.Fatalf("%q (%v) FindAllStringIndex on %d bytes: -regexp +rxjit\n%s", pattern, e, len(text), diff)
						}
						if got, want := re.MatchString(text), std.MatchString(text); got != want {
							t.Fatalf("%q (%v) MatchString on %d bytes: %v, want %v", pattern, e, len(text), got, want)
						}
					}
				})
			}
		}
	}
}

// TestRunSpans holds FindAll of patterns that are runs of one class, whose
// span searches skip what a failed try read (dfa.DFA.SetSkipFailed) where
// the position automaton cannot hold them, to regexp's answers on words
// of every length, with Cyrillic and invalid bytes among them, through
// the planner, the generated loop and the Go loop; and checks which the
// planner lets skip.
func TestRunSpans(t *testing.T) {
	r := rand.New(rand.NewPCG(31, 32))
	pieces := []string{"a", "b", "q", "a", "Z", "_", "7", "ж", "é", "Ж"}
	seps := []string{" ", ", ", "\n", "-", "\xff", "X", "\xd0"}
	text := func(n int) string {
		var b strings.Builder
		for b.Len() < n {
			for k := r.IntN(18); k >= 0; k-- {
				b.WriteString(pieces[r.IntN(len(pieces))])
			}
			b.WriteString(seps[r.IntN(len(seps))])
		}
		return b.String()
	}
	n := 200
	if testing.Short() {
		n = 40
	}
	for _, pattern := range []string{`\p{L}{8,13}`, `\p{L}{3,}`, `[a-z]{3,5}`, `[a-z_7]+`, `\b[0-9A-Za-z_]{12,}`, `\b[a-z]{2,}`, `(?:ж|é)+`, `.{4}`, `\d+`} {
		// Runs beyond the position automaton skip; the rest have its
		// liveness instead.
		skips := strings.HasPrefix(pattern, `\p{L}`)
		if re := MustCompile(pattern); re.eng().plan.Fwd.SkipsFailed() != skips {
			t.Errorf("%s: span searches skip failed tries: %v, want %v", pattern, !skips, skips)
		}
		std := regexp.MustCompile(pattern)
		for _, e := range []meta.Engine{meta.Auto, meta.DFA, meta.DFAGo} {
			withEngine(e, func() {
				re := MustCompile(pattern)
				for i := range n {
					in := text(1 + r.IntN(1<<uint(4+i%10)))
					if i%2 == 0 {
						in = strings.ToValidUTF8(in, "")
					}
					if diff := cmp.Diff(std.FindAllStringIndex(in, -1), re.FindAllStringIndex(in, -1)); diff != "" {
						t.Fatalf("%s (%v) FindAllStringIndex(%q): -regexp +rxjit\n%s", pattern, e, in, diff)
					}
				}
			})
		}
	}
}
