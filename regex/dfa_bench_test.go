package regex_test

import (
	"io/fs"
	"os"
	"os/exec"
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
		// rebar's 10-bounded-repeat/capitals on the Go source that
		// stands in for its haystack: a capital every nine bytes, one a
		// lower-case letter follows every thirty (the start state's
		// pair record).
		{"capitals", `(?:[A-Z][a-z]+\s*){10,100}`, goSource(b, 2<<20)},
	} {
		benchFindAll(b, bm.name, bm.pattern, bm.hay)
	}
}

// goSource returns the first n bytes of the .go files under
// $(go env GOROOT)/src in path order, as cmd/rxbench's stand-in for
// rebar's absent haystacks begins; it skips the benchmark without them.
func goSource(b *testing.B, n int) []byte {
	goroot, err := exec.Command("go", "env", "GOROOT").Output()
	if err != nil {
		b.Skip(err)
	}
	var text []byte
	root := filepath.Join(strings.TrimSpace(string(goroot)), "src")
	err = filepath.WalkDir(root, func(path string, e fs.DirEntry, err error) error {
		switch {
		case err != nil:
			return err
		case len(text) >= n:
			return fs.SkipAll
		case e.IsDir() && e.Name() == "testdata":
			return fs.SkipDir
		case e.IsDir() || !strings.HasSuffix(path, ".go"):
			return nil
		}
		data, err := os.ReadFile(path)
		text = append(text, data...)
		return err
	})
	if err != nil || len(text) < n {
		b.Skipf("Go source: %d bytes, %v", len(text), err)
	}
	return text[:n]
}
