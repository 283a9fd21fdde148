package regex_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// BenchmarkDFABound runs rebar benchmarks whose time is the lazy DFA's
// (count of matches, or sum of spans, over rebar's haystacks), rxjit
// beside regexp. Run it once as it is and once with RXJIT_NOJIT=1 to see
// what the generated loop earns over the Go loop:
//
//	go test ./regex -run '^$' -bench DFABound -count 6 > jit.txt
//	RXJIT_NOJIT=1 go test ./regex -run '^$' -bench DFABound -count 6 > nojit.txt
//	benchstat nojit.txt jit.txt
func BenchmarkDFABound(b *testing.B) {
	dir := filepath.Join("..", "..", "shared", "bench", "rebar", "benchmarks", "haystacks")
	lines := func(file string, n int) []byte {
		data, err := os.ReadFile(filepath.Join(dir, file))
		if err != nil {
			b.Skip(err)
		}
		ls := strings.SplitAfterN(string(data), "\n", n+1)
		return []byte(strings.Join(ls[:min(n, len(ls))], ""))
	}
	for _, bm := range []struct {
		name, pattern string
		hay           []byte
	}{
		{"letters-en", `[A-Za-z]{8,13}`, lines("opensubtitles/en-sampled.txt", 5000)},
		{"words-all-en", `\b[0-9A-Za-z_]+\b`, lines("opensubtitles/en-sampled.txt", 2500)},
		{"words-long-en", `\b[0-9A-Za-z_]{12,}\b`, lines("opensubtitles/en-sampled.txt", 2500)},
		{"letters-30", `[A-Za-z]{30}`, lines("opensubtitles/en-sampled.txt", 5000)},
		{"letters-noaccel", `(?:[A-Za-z]{8,13}|[^A-Za-z]{40})`, lines("opensubtitles/en-sampled.txt", 5000)},
		{"redos", `(?:.*=.*)*x`, []byte(strings.Repeat("ab=cd&ef=gh;", 2000))},
	} {
		benchFindAll(b, bm.name, bm.pattern, bm.hay)
	}
}
