package fuzz

import (
	"io"
	"unicode/utf8"
)

// The readers in this file feed the RuneReader methods (MatchReader,
// FindReaderIndex, FindReaderSubmatchIndex) the streams that can tell a
// streaming search from one that reads everything first: streams that do
// not end, and streams whose runes are not the UTF-8 decoding of any text.

// CountingReader counts the runes read through it, errors included, so
// that a test can compare how far two implementations read.
type CountingReader struct {
	R     io.RuneReader
	Reads int
}

// ReadRune reads from c.R and counts the call.
func (c *CountingReader) ReadRune() (rune, int, error) {
	c.Reads++
	return c.R.ReadRune()
}

// CycleReader yields the runes of Text, as utf8.DecodeRune reads them (an
// invalid byte is utf8.RuneError of size 1), over and over. After Limit
// runes (if Limit > 0) it returns io.EOF; a search that needs that many is
// one that would not answer on a stream without end.
type CycleReader struct {
	Text  []byte
	Limit int
	pos   int
	n     int
}

// ReadRune returns the next rune of the cycle.
func (c *CycleReader) ReadRune() (rune, int, error) {
	if len(c.Text) == 0 || c.Limit > 0 && c.n >= c.Limit {
		return 0, 0, io.EOF
	}
	if c.pos == len(c.Text) {
		c.pos = 0
	}
	r, size := utf8.DecodeRune(c.Text[c.pos:])
	c.pos += size
	c.n++
	return r, size, nil
}

// A Rune is one answer of a RunesReader: a rune and the size reported
// with it, which need not be its UTF-8 width.
type Rune struct {
	R    rune
	Size int
}

// RunesReader yields its runes one by one, then io.EOF.
type RunesReader []Rune

// ReadRune returns the next rune.
func (r *RunesReader) ReadRune() (rune, int, error) {
	if len(*r) == 0 {
		return 0, 0, io.EOF
	}
	c := (*r)[0]
	*r = (*r)[1:]
	return c.R, c.Size, nil
}

// OddRunes turns text into runes with the sizes a RuneReader is allowed
// to report but no UTF-8 reader does: every rune of text as
// utf8.DecodeRune reads it, with size 0 for the byte 0x00 (regexp stops
// reading there), the width doubled for runes that are 1 modulo 5, and
// utf8.RuneError of size 3 for the byte 0x7F (a real U+FFFD).
func OddRunes(text []byte) RunesReader {
	var rs RunesReader
	for len(text) > 0 {
		r, size := utf8.DecodeRune(text)
		text = text[size:]
		switch {
		case r == 0:
			rs = append(rs, Rune{0, 0})
		case r == 0x7F:
			rs = append(rs, Rune{utf8.RuneError, 3})
		case r%5 == 1:
			rs = append(rs, Rune{r, 2 * size})
		default:
			rs = append(rs, Rune{r, size})
		}
	}
	return rs
}
