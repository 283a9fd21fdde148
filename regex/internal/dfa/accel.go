package dfa

import (
	"unicode/utf8"
	"unsafe"

	"github.com/rxjit/rxjit/regex/internal/literal"
	"github.com/rxjit/rxjit/regex/internal/nibble"
)

// Acceleration. A state that moves to itself on most bytes is worth
// leaving its loop for: both executors then skip, many bytes at a time,
// to the next byte that leaves the state (an escape). The generated loop
// tests 32 bytes per step with the "shufti" technique (two nibble lookups
// with vpshufb and an AND), which describes any byte set whose 16 rows of
// low nibbles (one per high nibble) take at most 8 distinct values; the Go
// loop tests a byte at a time with the same tables, which still beats the
// table walk because nothing depends on the previous byte.
//
// A state is examined the first time one of its transitions leads back to
// itself: the rest of its row is built (so the escapes are known exactly),
// and if they fit, a record with the tables is stored in pseudo-rows of
// the table and its offset in the state's column 0, and every ID of the
// state in the table gets TagAccel. Skipping passes only bytes whose
// transition is the untagged self-loop, so it never misses a match, a
// validator error or any other special.

// RecordWords is the size of an acceleration record: the low-nibble
// table and the high-nibble table, each 16 bytes repeated in both 128-bit
// lanes of a 32-byte vector.
const RecordWords = 16

// minLoopBytes is how many byte values must loop for acceleration to be
// worth it.
const minLoopBytes = 32

// minStay is the least share of the ASCII bytes of real text
// (literal.Freq: English, Russian and Chinese prose and Go source), in
// parts per 1024, that must keep a state for it to be accelerated: the state is then left after ten bytes on average,
// which the skip (an exit from the main loop, vector loads and a
// movemask per entry) earns back. The start state of [A-Za-z]{8,13}
// loops on every byte that is not a letter, 204 byte values but a fifth
// of English text, and accelerating it made BenchmarkDFABound/letters-en
// 1.7x slower.
const minStay = 922

// accelAfter is how many bytes a cache scans before it examines states for
// acceleration: completing a state's row costs a closure per byte class,
// which a search over a few hundred bytes never earns back (it was a
// third of the first search's cost on a fresh pattern). States whose
// first self-loop comes earlier wait in Cache.pending.
const accelAfter = 4096

// acceleratePending examines the states that waited for the cache to
// scan accelAfter bytes.
func (c *Cache) acceleratePending() {
	for _, s := range c.pending {
		c.accelerate(s)
	}
	c.pending = c.pending[:0]
}

// accelerate examines the state s (an untagged offset) for acceleration.
// It never clears the cache: it gives up when the rest of the row might
// not fit the budget.
func (c *Cache) accelerate(s uint32) {
	d := c.dfa
	rows := (RecordWords + d.stride - 1) / d.stride
	if c.used+d.nclass*c.cost(len(d.nfa.States))+rows*4*d.stride > d.Budget {
		return
	}
	for col := 1; col <= d.nclass; col++ {
		if c.transition(s, col) == TagUnknown {
			if _, err := d.compute(c, s, col); err != nil {
				return
			}
		}
	}
	// A match state's self-loop carries the match tag (each byte it
	// takes moves the match on): its escapes are the bytes that do not
	// take that tagged loop.
	loop := s
	for b := range 256 {
		if t := c.transition(s, int(d.classes[b])); t&^(TagAccel|TagMatch) == s {
			loop = t &^ TagAccel
			break
		}
	}
	var escape [256]bool
	loops := 0
	for b := range 256 {
		t := c.transition(s, int(d.classes[b]))
		escape[b] = t&^TagAccel != loop
		if !escape[b] {
			loops++
		}
	}
	if loops < minLoopBytes || !staysLong(&escape, c.sample) {
		return
	}
	lo, hi, ok := nibble.Tables(&escape)
	if !ok {
		return
	}
	// The record: pseudo-rows that no transition leads to.
	rec := uint32(c.nrows * d.stride)
	for range rows {
		c.addRow(stateInfo{record: true}, 0)
	}
	tab := unsafe.Slice((*byte)(unsafe.Pointer(&c.mem[HeaderWords+int(rec)])), 4*RecordWords)
	copy(tab[0:], lo[:])
	copy(tab[16:], lo[:])
	copy(tab[32:], hi[:])
	copy(tab[48:], hi[:])
	c.mem[HeaderWords+int(s)] = rec
	if loop != s {
		// A match run's record: the executors read it where they
		// take the run (see MatchRuns); the state's IDs keep their
		// tags.
		c.matchRuns++
		return
	}
	c.accelerated++

	// Tag every ID of s: in rows, start states and the state index.
	stride := d.stride
	for r := 2; r < c.nrows; r++ {
		if c.infos[r].record {
			continue
		}
		row := c.mem[HeaderWords+r*stride : HeaderWords+(r+1)*stride]
		for col := 1; col < stride; col++ {
			if row[col]&idMask == s && row[col]&TagUnknown == 0 {
				row[col] |= TagAccel
			}
		}
	}
	for i, id := range c.starts {
		if id&idMask == s && id != 0 {
			c.starts[i] |= TagAccel
		}
	}
	c.ids.retag(s, TagAccel)
}

// staysLong reports whether text stays in a state whose escapes are
// escape for long runs: at least minStay of the bytes of the text, by
// frequency, are not escapes. The frequencies are those of sample, the
// text being searched, where there is one; continuation bytes are left
// out, since a state leaves its loop on a multi-byte rune's lead byte
// (to validate the encoding) and its continuation bytes follow in other
// states. Without a sample they are those of real text (literal.Freq)
// for ASCII bytes only: the table's Russian and Chinese would otherwise
// count as escapes for every ASCII loop, and its English would make
// every loop whose escapes are lead bytes look long, which in Russian
// text it is not (rebar's 02 casei-ru: 232 MB/s accelerated at every
// Cyrillic letter, 513 not).
func staysLong(escape *[256]bool, sample *[256]uint32) bool {
	var stay, all uint64
	for b, esc := range escape {
		var f uint64
		switch {
		case sample != nil && (b < 0x80 || b > 0xBF):
			f = uint64(sample[b])
		case sample == nil && b < utf8.RuneSelf:
			f = uint64(literal.Freq(byte(b)))
		}
		all += f
		if !esc {
			stay += f
		}
	}
	return all > 0 && stay*1024 >= all*minStay
}

// sampleMin and sampleMax bound the text sampleText counts: searches of
// shorter texts leave the decision to literal.Freq.
const (
	sampleMin = 256
	sampleMax = 4096
)

// sampleText counts the bytes at the start of text, the first a search
// of this cache reads, for staysLong.
func (c *Cache) sampleText(text []byte) {
	var s [256]uint32
	for _, b := range text[:min(len(text), sampleMax)] {
		s[b]++
	}
	c.sample = &s
}

// skip returns the first position at or after pos, before bound, whose
// byte escapes the state with the acceleration record rec; bound if none.
func (c *Cache) skip(hay []byte, pos, bound int, rec uint32) int {
	tab := unsafe.Slice((*byte)(unsafe.Pointer(&c.mem[HeaderWords+int(rec)])), 4*RecordWords)
	lo, hi := (*[16]byte)(tab[0:16]), (*[16]byte)(tab[32:48])
	for pos < bound {
		b := hay[pos]
		if lo[b&15]&hi[b>>4] != 0 {
			break
		}
		pos++
	}
	return pos
}
