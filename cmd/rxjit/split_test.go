package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestSplitSearchMatchesSerial searches a mapped file cut into many small
// pieces and requires exactly the output of a plain read.
func TestSplitSearchMatchesSerial(t *testing.T) {
	defer func(m, c int) { splitMin, splitChunk = m, c }(splitMin, splitChunk)
	splitMin, splitChunk = 1<<16, 1<<12

	var b strings.Builder
	for i := range 20000 {
		fmt.Fprintf(&b, "line %d: %s\n", i, []string{"foo bar", "baz", "foofoo x foo", "", "naïve café", "qux_foo"}[i%6])
	}
	b.WriteString("last foo without newline")
	dir := t.TempDir()
	p := filepath.Join(dir, "f.txt")
	must(t, os.WriteFile(p, []byte(b.String()), 0o644))

	for _, flags := range [][]string{
		{"foo"}, {"-c", "foo"}, {"-v", "foo"}, {"-c", "-v", "foo"}, {"-o", "-b", "fo+"},
		{"--count-matches", "foo"}, {"-w", "-o", "foo"}, {"--color=always", "-b", "foo|baz"},
		{"-H", "-x", "line 1[0-9]*: baz"}, {"-c", "zzz"}, {"-i", "CAFÉ"},
	} {
		var want, got bytes.Buffer
		wantCode := run(append([]string{"--mmap=never"}, append(flags, p)...), nil, &want, &want, os.Getenv)
		for _, threads := range []string{"-j2", "-j3"} {
			got.Reset()
			code := run(append([]string{"--mmap=always", threads}, append(flags, p)...), nil, &got, &got, os.Getenv)
			if got.String() != want.String() || code != wantCode {
				t.Errorf("%q %s: split output differs (exit %d vs %d)\n got %.300q\nwant %.300q", flags, threads, code, wantCode, got.String(), want.String())
			}
		}
	}
}
