package dfa

import (
	"slices"
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

// PairRecordWords is the size of a pair record (see pairs): the
// tables of the escapes, then those of the bytes that must follow one.
const PairRecordWords = 2 * RecordWords

// PairRecord marks, in an accelerated state's column 0, an offset whose
// record is a pair record. Offsets are below TagAccel, so the bit is
// never part of one; column 0 of a state without a record holds
// TagUnknown, a different bit, so that a loop can tell from the state's
// row alone that it has a pair record (see GoLoop.Forward).
const PairRecord uint32 = 1 << 30

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
	// accelerate may queue more states (see pairs).
	for len(c.pending) > 0 {
		s := c.pending[len(c.pending)-1]
		c.pending = c.pending[:len(c.pending)-1]
		c.accelerate(s)
	}
}

// accelerate examines the state s (an untagged offset) for acceleration.
// It never clears the cache: it gives up when the rest of the row might
// not fit the budget.
func (c *Cache) accelerate(s uint32) {
	d := c.dfa
	rows := (PairRecordWords + d.stride - 1) / d.stride
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
	if loops < minLoopBytes {
		return
	}
	long := staysLong(&escape, c.sample)
	var follow, plain *[256]bool
	if loop == s {
		follow, plain = c.pairs(s, &escape, long)
	}
	if !long && follow == nil {
		return
	}
	lo, hi, ok := nibble.Tables(&escape)
	if !ok && follow == nil {
		return
	}
	words := RecordWords
	if follow != nil {
		words = PairRecordWords
	}
	// The record: pseudo-rows that no transition leads to.
	rec := uint32(c.nrows * d.stride)
	for range (words + d.stride - 1) / d.stride {
		c.addRow(stateInfo{record: true}, 0)
	}
	tab := unsafe.Slice((*byte)(unsafe.Pointer(&c.mem[HeaderWords+int(rec)])), 4*words)
	copy(tab[0:], lo[:])
	copy(tab[16:], lo[:])
	copy(tab[32:], hi[:])
	copy(tab[48:], hi[:])
	c.mem[HeaderWords+int(s)] = rec
	if follow != nil {
		// The escapes again: the plain ones on bits 0-3, the others
		// on bits 4-7.
		var special [256]bool
		for b := range special {
			special[b] = escape[b] && !plain[b]
		}
		loP, hiP, _ := nibble.TablesIn(plain, 0x0F)
		loS, hiS, _ := nibble.TablesIn(&special, 0xF0)
		for i := range 16 {
			tab[i], tab[16+i] = loP[i]|loS[i], loP[i]|loS[i]
			tab[32+i], tab[48+i] = hiP[i]|hiS[i], hiP[i]|hiS[i]
		}
		lo, hi, _ := nibble.Tables(follow)
		copy(tab[64:], lo[:])
		copy(tab[80:], lo[:])
		copy(tab[96:], hi[:])
		copy(tab[112:], hi[:])
		c.mem[HeaderWords+int(s)] = rec | PairRecord
		c.pairRecords++
	}
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
	esc, all := share(escape, sample)
	return all > 0 && (all-esc)*1024 >= all*minStay
}

// share returns how often the bytes of set occur in text, against all
// bytes, by the frequencies staysLong uses.
func share(set *[256]bool, sample *[256]uint32) (in, all uint64) {
	for b, ok := range set {
		var f uint64
		switch {
		case sample != nil && (b < 0x80 || b > 0xBF):
			f = uint64(sample[b])
		case sample == nil && b < utf8.RuneSelf:
			f = uint64(literal.Freq(byte(b)))
		}
		all += f
		if ok {
			in += f
		}
	}
	return in, all
}

// Pairs. An escape often leaves the state for one byte only: over Go
// source, (?:[A-Z][a-z]+\s*){10,100} leaves its start state at every
// capital, one byte in nine, but a capital that a lower-case letter
// follows comes one byte in thirty. Where the state T that the escape x
// leads to moves, on the next byte y, to the very state the accelerated
// state s moves to on y, the step through T changed nothing: the search
// is where it would have been had x kept s. So such an escape needs
// stopping at only where the byte after it is a follow byte: one on
// which, for some such escape x, T and s part. Hyperscan's double
// shufti tests byte pairs the same way.
//
// Skipping an escape passes a step into T and one out of it; the step
// into T must be plain (no match, which it would report, no quit, not
// dead): such escapes are the plain ones. The others stop the skip
// wherever they are. A pair record holds the escapes' tables with the
// plain escapes on bucket bits 0-3 and the others on 4-7, then the
// follow bytes' tables: the skip stops at a byte with a bit of 4-7, and
// at a byte with a bit of 0-3 where the next byte is a follow byte or
// is not there to test. The loop then steps from s as always.

// maxPairTargets bounds the states whose rows pairs completes.
const maxPairTargets = 8

// minPairGain is, in parts per 1024 of the text, how many stops a pair
// record must save (plain escapes not followed by a follow byte) to be
// worth its second table test.
const minPairGain = 8

// pairs returns the follow bytes and the plain escapes of the state s,
// which loops on itself, whose escapes are escape, or nils where a pair
// record does not apply or would not pay: where the state stays long
// (staysLong) without pairs, it must save minPairGain; where it does not,
// the pairs must make it stay long. It completes the rows of the states
// the plain escapes lead to; it never clears the cache, and the states it
// meets wait in c.pending to be examined for acceleration themselves.
func (c *Cache) pairs(s uint32, escape *[256]bool, long bool) (follow, plain *[256]bool) {
	d := c.dfa
	// The plain escapes by the state they lead to.
	var targets []uint32
	var by [maxPairTargets][256]bool
	for b, esc := range escape {
		if !esc {
			continue
		}
		t := c.transition(s, int(d.classes[b])) &^ TagAccel
		if t >= c.Limit() {
			continue // a match, or the dead or quit state
		}
		k := slices.Index(targets, t)
		if k < 0 {
			if len(targets) == maxPairTargets {
				return nil, nil
			}
			k = len(targets)
			targets = append(targets, t)
		}
		by[k][b] = true
	}
	plain, follow = new([256]bool), new([256]bool)
	for k, t := range targets {
		if c.used+d.nclass*c.cost(len(d.nfa.States)) > d.Budget {
			return nil, nil
		}
		// Its first self-loop must not accelerate t in the middle of
		// this: t waits its turn.
		if info := &c.infos[int(t)/d.stride]; !info.accelTried {
			info.accelTried = true
			c.pending = append(c.pending, t)
		}
		var fol [256]bool
		for b := range fol {
			col := int(d.classes[b])
			if c.transition(t, col) == TagUnknown {
				if _, err := d.compute(c, t, col); err != nil {
					return nil, nil
				}
			}
			fol[b] = c.transition(t, col)&^TagAccel != c.transition(s, col)&^TagAccel
		}
		// An escape that most bytes follow into a different state
		// (a UTF-8 lead byte, say) is left to stop the skip.
		if f, all := share(&fol, c.sample); f*4 > all*3 {
			continue
		}
		for b := range fol {
			follow[b] = follow[b] || fol[b]
			plain[b] = plain[b] || by[k][b]
		}
	}
	// Shares of the text, estimated as if a byte did not depend on the
	// one before it.
	esc, all := share(escape, c.sample)
	pl, _ := share(plain, c.sample)
	fol, _ := share(follow, c.sample)
	if all == 0 {
		return nil, nil
	}
	if long {
		// The stops saved: pl/all × (1 - fol/all).
		if pl*(all-fol)*1024 < minPairGain*all*all {
			return nil, nil
		}
		return follow, plain
	}
	// The stops left: (esc-pl)/all + pl/all × fol/all.
	if ((esc-pl)*all+pl*fol)*1024 > (1024-minStay)*all*all {
		return nil, nil
	}
	return follow, plain
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
// byte escapes the state with the acceleration record rec (the value of
// its column 0); bound if none. With a pair record, a plain escape stops
// it only where the next byte is a follow byte or there is none in hay;
// that byte may lie at bound or beyond, so that where a search is cut
// into slices does not change where the skip stops (the generated loop
// is called a slice at a time).
func (c *Cache) skip(hay []byte, pos, bound int, rec uint32) int {
	pair := rec&PairRecord != 0
	rec &^= PairRecord
	tab := unsafe.Slice((*byte)(unsafe.Pointer(&c.mem[HeaderWords+int(rec)])), 4*RecordWords)
	lo, hi := (*[16]byte)(tab[0:16]), (*[16]byte)(tab[32:48])
	if !pair {
		for pos < bound {
			b := hay[pos]
			if lo[b&15]&hi[b>>4] != 0 {
				break
			}
			pos++
		}
		return pos
	}
	tab = unsafe.Slice((*byte)(unsafe.Pointer(&c.mem[HeaderWords+int(rec)])), 4*PairRecordWords)
	lo2, hi2 := (*[16]byte)(tab[64:80]), (*[16]byte)(tab[96:112])
	for pos < bound {
		b := hay[pos]
		if t := lo[b&15] & hi[b>>4]; t != 0 {
			if t&0xF0 != 0 || pos+1 == len(hay) {
				break
			}
			if y := hay[pos+1]; lo2[y&15]&hi2[y>>4] != 0 {
				break
			}
		}
		pos++
	}
	return pos
}
