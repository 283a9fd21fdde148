package main

import (
	"io"
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

// BenchmarkGoSrcTree searches $GOROOT/src recursively for a literal that
// does not occur: walking, reading and scheduling, with little matching.
func BenchmarkGoSrcTree(b *testing.B) {
	root := filepath.Join(runtime.GOROOT(), "src")
	if _, err := os.Stat(root); err != nil {
		b.Skip("no GOROOT/src")
	}
	for b.Loop() {
		if code := run([]string{"-c", "qwertyuiopzxcv", root}, nil, io.Discard, io.Discard, os.Getenv); code != 1 {
			b.Fatalf("exit %d", code)
		}
	}
}
