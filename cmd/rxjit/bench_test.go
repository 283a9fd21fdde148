package main

import (
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// BenchmarkGoSrcTree searches $GOROOT/src recursively for a literal that
// does not occur: walking, reading and scheduling, with little matching.
func BenchmarkGoSrcTree(b *testing.B) {
	out, err := exec.Command("go", "env", "GOROOT").Output()
	if err != nil {
		b.Skip("no go command: ", err)
	}
	root := filepath.Join(strings.TrimSpace(string(out)), "src")
	if _, err := os.Stat(root); err != nil {
		b.Skip("no GOROOT/src")
	}
	for b.Loop() {
		if code := run([]string{"-c", "qwertyuiopzxcv", root}, nil, io.Discard, io.Discard, os.Getenv); code != 1 {
			b.Fatalf("exit %d", code)
		}
	}
}

// BenchmarkManyMatchingLines searches a 64 MB text in which most lines
// match, printing them: the cost per matching line of finding the line,
// printing it and restarting the search.
func BenchmarkManyMatchingLines(b *testing.B) {
	p := filepath.Join(b.TempDir(), "lines.txt")
	var text []byte
	for len(text) < 64<<20 {
		text = append(text, "the quick brown fox jumps over the lazy dog\nno match on this one\n"...)
	}
	if err := os.WriteFile(p, text, 0o644); err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		if code := run([]string{"-n", "the", p}, nil, io.Discard, io.Discard, os.Getenv); code != 0 {
			b.Fatalf("exit %d", code)
		}
	}
}
