// Package stream holds the part of a rune stream that a streaming search
// still needs: the RuneReader methods read their reader one rune at a
// time into a Window, and the engines (the lazy DFA, then the PikeVM)
// read the Window as a byte slice whose front is dropped as they move on.
//
// Runes become the bytes the engines read: each rune's UTF-8 encoding,
// except that utf8.RuneError of size 1 (an invalid byte) becomes the single
// byte 0xFF, which every engine reads as U+FFFD of width 1, as regexp
// reads it. A rune of size 0 ends the input as it does in regexp: the
// search can look at it and step over it, and stops there (Cut). Rune
// values that UTF-8 cannot encode (surrogate halves, values above
// unicode.MaxRune), which no reader in the standard library yields, are
// read as U+FFFD; regexp reads them as themselves.
package stream

import (
	"io"
	"unicode/utf8"
)

// keepBehind is how many bytes a Window may hold before the oldest
// position still needed before it drops them: large enough that the copy
// compaction makes is rare, small enough to stay in the first-level cache.
const keepBehind = 4096

// Window is the part of a rune stream a streaming search still needs.
type Window struct {
	// Buf holds the runes read and kept, as the engines read them.
	Buf []byte
	// EOF reports that the reader has returned an error: Buf ends where
	// the input does.
	EOF bool
	// Cut reports that Buf ends with a rune of size 0; nothing after it
	// is read, and no match ends after it.
	Cut bool

	r io.RuneReader
	// base is the reader's offset of Buf[0] while every rune's size has
	// been its length in Buf; off takes over from the first rune whose
	// size was not (off[i] is the reader's offset of Buf[i]).
	base   int
	off    []int
	sparse bool // off is in use
	next   int  // the reader's offset after the last rune read
}

// Reset makes w an empty window on r.
func (w *Window) Reset(r io.RuneReader) {
	w.r = r
	w.Buf, w.off = w.Buf[:0], w.off[:0]
	w.base, w.next, w.sparse = 0, 0, false
	w.EOF, w.Cut = false, false
}

// Release forgets the reader, so that a pooled Window does not keep it.
func (w *Window) Release() { w.r = nil }

// Offset returns the reader's offset of window position i: the sum of
// the sizes the reader reported for the runes before it (the offset past
// the last rune read, at the end of Buf).
func (w *Window) Offset(i int) int {
	switch {
	case i >= len(w.Buf):
		return w.next
	case w.sparse:
		return w.off[i]
	}
	return w.base + i
}

// Fill reads runes until Buf holds position need or the reader is
// exhausted. Before reading it may drop the bytes before keep-1 (keep-1
// stays, for look-behind): it does so once there are enough of them, and
// returns how many it dropped; every window position moves down by that
// much.
func (w *Window) Fill(need, keep int) (shift int) {
	if keep-1 >= keepBehind {
		shift = keep - 1
		w.Buf = w.Buf[:copy(w.Buf, w.Buf[shift:])]
		if w.sparse {
			w.off = w.off[:copy(w.off, w.off[shift:])]
		}
		w.base += shift
		need -= shift
	}
	for len(w.Buf) <= need && !w.EOF {
		c, size, err := w.r.ReadRune()
		if err != nil {
			w.EOF = true
			break
		}
		if uint32(c) < utf8.RuneSelf && size == 1 && !w.sparse {
			w.Buf = append(w.Buf, byte(c))
			w.next++
			continue
		}
		n := len(w.Buf)
		if c == utf8.RuneError && size == 1 {
			w.Buf = append(w.Buf, 0xFF)
		} else {
			w.Buf = utf8.AppendRune(w.Buf, c)
		}
		if !w.sparse && len(w.Buf)-n != size {
			// The first rune whose size is not its length here.
			w.sparse = true
			for i := range n {
				w.off = append(w.off, w.base+i)
			}
		}
		if w.sparse {
			for range len(w.Buf) - n {
				w.off = append(w.off, w.next)
			}
		}
		w.next += size
		if size == 0 {
			w.EOF, w.Cut = true, true
		}
	}
	return shift
}
