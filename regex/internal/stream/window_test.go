package stream

import (
	"io"
	"strings"
	"testing"
	"unicode/utf8"
)

// runes is a RuneReader of fixed answers.
type runes []struct {
	r    rune
	size int
}

func (rs *runes) ReadRune() (rune, int, error) {
	if len(*rs) == 0 {
		return 0, 0, io.EOF
	}
	c := (*rs)[0]
	*rs = (*rs)[1:]
	return c.r, c.size, nil
}

func TestFillBytesAndOffsets(t *testing.T) {
	rs := runes{{'a', 1}, {utf8.RuneError, 1}, {'é', 2}, {utf8.RuneError, 3}, {'b', 4}, {'c', 1}}
	var w Window
	w.Reset(&rs)
	if shift := w.Fill(100, 0); shift != 0 {
		t.Fatalf("Fill shifted by %d with nothing to drop", shift)
	}
	if want := "a\xffé\uFFFDbc"; string(w.Buf) != want || !w.EOF || w.Cut {
		t.Fatalf("Buf %q EOF %v Cut %v, want %q EOF true Cut false", w.Buf, w.EOF, w.Cut, want)
	}
	// a@0 \xff@1 é@2,3 U+FFFD@4..6 b@7 (size 4) c@11, end 12.
	want := []int{0, 1, 2, 2 + 1, 4, 4, 4, 7, 11, 12}
	got := make([]int, len(w.Buf)+1)
	for i := range got {
		got[i] = w.Offset(i)
	}
	// Offsets inside a rune are not defined; compare the boundaries.
	for _, i := range []int{0, 1, 2, 4, 7, 8, 9} {
		if got[i] != want[i] {
			t.Errorf("Offset(%d) = %d, want %d (all: %v)", i, got[i], want[i], got)
		}
	}
}

func TestFillOneRuneAtATime(t *testing.T) {
	var w Window
	r := strings.NewReader("héllo")
	w.Reset(r)
	w.Fill(0, 0)
	if string(w.Buf) != "h" {
		t.Fatalf("Fill(0) read %q, want one rune", w.Buf)
	}
	w.Fill(1, 0)
	if string(w.Buf) != "hé" {
		t.Fatalf("Fill(1) read %q, want two runes", w.Buf)
	}
	w.Fill(2, 0) // inside é: nothing to read
	if string(w.Buf) != "hé" || r.Len() != 3 {
		t.Fatalf("Fill(2) read %q, left %d bytes; want no read", w.Buf, r.Len())
	}
}

func TestFillCut(t *testing.T) {
	rs := runes{{'a', 1}, {'b', 0}, {'c', 1}}
	var w Window
	w.Reset(&rs)
	w.Fill(10, 0)
	if string(w.Buf) != "ab" || !w.EOF || !w.Cut || len(rs) != 1 {
		t.Fatalf("Buf %q EOF %v Cut %v, %d runes left; want \"ab\", cut, c unread", w.Buf, w.EOF, w.Cut, len(rs))
	}
	if w.Offset(1) != 1 || w.Offset(2) != 1 {
		t.Errorf("Offset(1), Offset(2) = %d, %d; want 1, 1", w.Offset(1), w.Offset(2))
	}
}

func TestFillDropsBehind(t *testing.T) {
	text := strings.Repeat("x", 3*keepBehind) + "é" + strings.Repeat("y", keepBehind)
	for _, size := range []int{1, 2} { // 2: sparse offsets
		var w Window
		w.Reset(&sizedReader{strings.NewReader(text), size})
		pos, base := 0, 0 // a window position and its absolute byte offset
		for !w.EOF || pos < len(w.Buf) {
			shift := w.Fill(pos+1, pos)
			pos -= shift
			base += shift
			if len(w.Buf) > 2*keepBehind+8 {
				t.Fatalf("size %d: window of %d bytes at %d", size, len(w.Buf), base+pos)
			}
			if pos < len(w.Buf) && w.Buf[pos] != text[base+pos] {
				t.Fatalf("size %d: byte %d is %q, want %q", size, base+pos, w.Buf[pos], text[base+pos])
			}
			if size == 1 && w.Offset(pos) != base+pos {
				t.Fatalf("Offset at %d = %d", base+pos, w.Offset(pos))
			}
			pos++
		}
		if want := 3*keepBehind*size + 2*size + keepBehind*size; w.Offset(len(w.Buf)) != want {
			t.Errorf("size %d: end offset %d, want %d", size, w.Offset(len(w.Buf)), want)
		}
	}
}

// sizedReader reports every rune with size times its UTF-8 width.
type sizedReader struct {
	r    io.RuneReader
	size int
}

func (s *sizedReader) ReadRune() (rune, int, error) {
	c, n, err := s.r.ReadRune()
	return c, n * s.size, err
}
