// Package substitute stands in for the rebar haystacks that are absent
// from the shared copy of the suite (their blobs were missing from the
// snapshot; see SOURCE.md there): a CPython source dump and a dump of
// rust-lang/rust's src/tools. Both are large bodies of program source, so
// the substitute is program source too: Go's own standard library.
package substitute

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// Sizes maps each absent haystack (its path below benchmarks/haystacks)
// to its original length in bytes, as SOURCE.md records it.
var Sizes = map[string]int{
	"rust-src-tools-3b0d4813.txt": 7_384_531,
	"wild/cpython-226484e4.py":    32_514_526,
}

// Describe says, in one line, how the substitute for path is built.
func Describe(path string) string {
	return fmt.Sprintf("first %d bytes of the *.go files under $GOROOT/src (testdata excluded, lexical path order), standing in for %s", Sizes[path], path)
}

// Build returns the substitute for the absent haystack path: the
// concatenation of every regular *.go file below goroot/src, skipping
// testdata directories, in lexical path order (filepath.WalkDir's
// order), cut at the original haystack's length. The result depends only
// on the Go release in goroot. When the sources are shorter than the
// original, all of them are returned.
func Build(goroot, path string) ([]byte, error) {
	size, ok := Sizes[path]
	if !ok {
		return nil, fmt.Errorf("no substitute for haystack %s", path)
	}
	var buf bytes.Buffer
	buf.Grow(size)
	errFull := fmt.Errorf("full")
	root := filepath.Join(goroot, "src")
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if d.Name() == "testdata" {
				return filepath.SkipDir
			}
			return nil
		}
		if !d.Type().IsRegular() || !strings.HasSuffix(p, ".go") {
			return nil
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		buf.Write(data)
		if buf.Len() >= size {
			return errFull
		}
		return nil
	})
	if err != nil && err != errFull {
		return nil, err
	}
	b := buf.Bytes()
	return b[:min(len(b), size)], nil
}
