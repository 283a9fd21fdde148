package main

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/rxjit/rxjit/cmd/rxbench/internal/rebar"
	"github.com/rxjit/rxjit/cmd/rxbench/internal/substitute"
)

// workload is a benchmark made ready to run: its final patterns and its
// haystack.
type workload struct {
	bench    *rebar.Benchmark
	patterns []string
	haystack []byte
}

// usesSubstitute reports whether b's haystack file is absent from the
// suite at dir (its benchmarks directory) and has a substitute.
func usesSubstitute(dir string, b *rebar.Benchmark) bool {
	if b.Haystack.HasContents {
		return false
	}
	if _, ok := substitute.Sizes[b.Haystack.Path]; !ok {
		return false
	}
	_, err := os.Stat(filepath.Join(dir, "haystacks", filepath.FromSlash(b.Haystack.Path)))
	return errors.Is(err, fs.ErrNotExist)
}

// prepare builds b's patterns and haystack from the suite at dir (its
// benchmarks directory), using the GOROOT substitute for an absent
// haystack that has one. The haystack options (lossy UTF-8, line range
// and so on) apply to the substitute as they would to the original.
func prepare(dir, goroot string, b *rebar.Benchmark) (*workload, error) {
	pats, err := b.Regex.Build(dir, b.CaseInsensitive)
	if err != nil {
		return nil, err
	}
	var raw []byte
	if usesSubstitute(dir, b) {
		raw, err = substitute.Build(goroot, b.Haystack.Path)
	} else {
		raw, err = b.Haystack.ReadRaw(dir)
	}
	if err != nil {
		return nil, err
	}
	return &workload{bench: b, patterns: pats, haystack: b.Haystack.Build(raw)}, nil
}
