package main

import (
	"bytes"
	"strings"
	"testing"
)

// TestOutputBlocks checks the block buffering of stdout: results are held
// until a block is full or the search ends, in order, while an unbuffered
// writer (a terminal, --line-buffered) writes each file's output at once.
func TestOutputBlocks(t *testing.T) {
	for _, blocks := range []bool{false, true} {
		var out, errs bytes.Buffer
		w := newOrderedWriter(&out, &errs, nil, nil)
		w.blocks = blocks
		r1, r0 := w.result(1), w.result(0)
		r1.stdout = append(r1.stdout, "second\n"...)
		r0.stdout = append(r0.stdout, "first\n"...)
		w.finish(r1)
		if out.Len() != 0 {
			t.Fatalf("blocks=%v: file 1 written before file 0: %q", blocks, out.String())
		}
		w.finish(r0)
		if got, want := out.String(), "first\nsecond\n"; blocks && got != "" || !blocks && got != want {
			t.Fatalf("blocks=%v: after both files, stdout %q", blocks, got)
		}
		// A message is preceded by the output before it.
		r2 := w.result(2)
		r2.stdout = append(r2.stdout, "third\n"...)
		r2.stderr = append(r2.stderr, "rxjit: x: oops\n"...)
		w.finish(r2)
		if got, want := out.String(), "first\nsecond\nthird\n"; got != want {
			t.Fatalf("blocks=%v: stdout %q before a message, want %q", blocks, got, want)
		}
		// A full block is written without waiting for the end.
		r3 := w.result(3)
		r3.stdout = append(r3.stdout, strings.Repeat("x", outBlock)...)
		w.finish(r3)
		if out.Len() != len("first\nsecond\nthird\n")+outBlock {
			t.Fatalf("blocks=%v: a full block was not written (%d bytes out)", blocks, out.Len())
		}
		r4 := w.result(4)
		r4.stdout = append(r4.stdout, "last\n"...)
		w.finish(r4)
		w.flush()
		if !strings.HasSuffix(out.String(), "xlast\n") {
			t.Fatalf("blocks=%v: the end of the output was not flushed: ...%q", blocks, out.String()[out.Len()-10:])
		}
	}
}
