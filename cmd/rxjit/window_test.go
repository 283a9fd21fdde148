package main

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// smallReader hands out at most n bytes per Read, like a slow pipe.
type smallReader struct {
	r io.Reader
	n int
}

func (s *smallReader) Read(p []byte) (int, error) {
	if len(p) > s.n {
		p = p[:s.n]
	}
	return s.r.Read(p)
}

// TestWindowsMatchWhole searches the same text through standard input in
// many small windows and as one mapped buffer: context, line numbers, byte
// offsets and -m must come out the same across window boundaries.
func TestWindowsMatchWhole(t *testing.T) {
	defer func(f, m int) { firstWindow, minRead = f, m }(firstWindow, minRead)
	firstWindow, minRead = 1<<10, 1<<8

	var b strings.Builder
	for i := range 3000 {
		switch {
		case i%97 == 0:
			fmt.Fprintf(&b, "%d needle here\n", i)
		case i%13 == 0:
			b.WriteString(strings.Repeat("long line without the word ", 40) + "\n")
		default:
			fmt.Fprintf(&b, "%d hay\n", i)
		}
	}
	b.WriteString("needle at the end, no newline")
	text := b.String()
	p := filepath.Join(t.TempDir(), "f.txt")
	must(t, os.WriteFile(p, []byte(text), 0o644))

	for _, flags := range [][]string{
		{"-n", "needle"}, {"-n", "-C2", "needle"}, {"-B3", "-b", "needle"}, {"-A2", "-m5", "-n", "needle"},
		{"-v", "-c", "hay"}, {"-o", "-b", "-n", "ne+dle"}, {"-v", "-n", "-B1", "hay|long"}, {"-c", "needle"},
		{"--color=always", "-n", "-A1", "needle"},
	} {
		var want, got bytes.Buffer
		wantCode := run(append([]string{"--mmap=always", "-h"}, append(flags, p)...), nil, &want, &want, os.Getenv)
		for _, chunk := range []int{1, 7, 300, 5000} {
			got.Reset()
			in := &smallReader{strings.NewReader(text), chunk}
			code := run(append([]string{"-h"}, flags...), in, &got, &got, os.Getenv)
			if got.String() != want.String() || code != wantCode {
				t.Errorf("%q in reads of %d: differs (exit %d vs %d)\n got %.400q\nwant %.400q", flags, chunk, code, wantCode, got.String(), want.String())
			}
		}
	}
}
