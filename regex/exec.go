package regex

import (
	"bytes"
	"io"
	"math/bits"
	"sync"
	"unicode/utf8"
	"unsafe"

	"github.com/rxjit/rxjit/regex/internal/backtrack"
	"github.com/rxjit/rxjit/regex/internal/pikevm"
)

// vmCaches holds PikeVM scratch memory by size class: pool k holds caches
// for NFAs of fewer than 1<<k states. The pools are global, as in regexp,
// so that a Regexp holds no mutable state of its own: two Regexps compiled
// from the same pattern stay reflect.DeepEqual whatever they have matched.
var vmCaches [64]sync.Pool

// backtrackCaches holds backtracker scratch memory; any cache serves any
// backtracker.
var backtrackCaches sync.Pool

// search looks for the leftmost match in input at or after pos and fills
// slots (whose length says how many capture slots are wanted, possibly
// none). It reports whether there is a match. The engine is chosen per
// search:
//
//   - inputs shorter than any match fail at once;
//   - a pattern that is one literal is a substring search, when no
//     groups are asked for;
//   - otherwise the prefilter moves pos to the first candidate, and
//   - a short span, leftmost-first, goes to the bounded backtracker when
//     groups are asked for or no prefilter can skip ahead: it beats the
//     PikeVM there by 1.4-5.8x (BenchmarkCaptures in
//     regex/internal/backtrack) and by 2x on the grid's Hard/1K; with a
//     prefilter and no groups the PikeVM skips from candidate to
//     candidate, which the backtracker cannot;
//   - everything else runs on the PikeVM.
func (re *Regexp) search(input []byte, pos int, slots []int) bool {
	p := re.plan
	if len(input)-pos < p.MinLen || p.MinLen < 0 {
		return false
	}
	if p.Literal != nil && len(slots) <= 2 {
		i := bytes.Index(input[pos:], p.Literal)
		if i < 0 {
			return false
		}
		if len(slots) == 2 {
			slots[0], slots[1] = pos+i, pos+i+len(p.Literal)
			injectMatchFault(slots)
		}
		return true
	}
	if p.Prefilter != nil {
		// Rule out inputs without a candidate before any set-up.
		if pos = p.Prefilter.Find(input, pos); pos < 0 {
			return false
		}
	}
	var ok bool
	if (len(slots) > 2 || p.Prefilter == nil) && !re.longest && len(input)-pos <= p.Backtrack.MaxInput() {
		c, _ := backtrackCaches.Get().(*backtrack.Cache)
		if c == nil {
			c = backtrack.NewCache()
		}
		ok = p.Backtrack.Search(c, input, pos, slots)
		backtrackCaches.Put(c)
	} else {
		class := bits.Len(uint(len(re.nfa.States)))
		c, _ := vmCaches[class].Get().(*pikevm.Cache)
		if c == nil {
			c = pikevm.NewCache(1 << class)
		}
		ok = p.VM.Search(c, input, pos, slots, re.longest)
		vmCaches[class].Put(c)
	}
	if ok {
		injectMatchFault(slots)
	}
	return ok
}

// exec runs a search for ncap capture slots and returns them appended to
// dst, or nil if there is no match.
func (re *Regexp) exec(input []byte, pos, ncap int, dst []int) []int {
	if ncap > 2 && dst == nil {
		// Search straight into the result: one allocation per match.
		slots := make([]int, ncap)
		if !re.search(input, pos, slots) {
			return nil
		}
		return slots
	}
	var buf [2]int
	slots := buf[:min(ncap, len(buf))]
	if ncap > len(buf) {
		slots = make([]int, ncap)
	}
	if !re.search(input, pos, slots) {
		return nil
	}
	if dst == nil {
		dst = make([]int, 0, ncap)
	}
	return append(dst, slots...)
}

// match reports whether input contains any match.
func (re *Regexp) match(input []byte) bool {
	return re.search(input, 0, nil)
}

// execReader runs exec on everything r yields and translates the result
// back to r's offsets.
func (re *Regexp) execReader(r io.RuneReader, ncap int) []int {
	input, offsets := readRunes(r)
	a := re.exec(input, 0, ncap, nil)
	if offsets != nil {
		for i, v := range a {
			if v >= 0 {
				a[i] = offsets[v]
			}
		}
	}
	return a
}

// readRunes reads r to its end, or to its first error, and returns the
// UTF-8 text it yields. A rune reported as utf8.RuneError of width 1
// becomes the byte 0xFF, which the engines read the same way. If r's
// widths are not those of the UTF-8 encoding, offsets maps every byte
// offset of the text to r's offset; otherwise offsets is nil.
func readRunes(r io.RuneReader) (text []byte, offsets []int) {
	pos := 0
	for {
		c, size, err := r.ReadRune()
		if err != nil {
			break
		}
		start := len(text)
		if c == utf8.RuneError && size == 1 {
			text = append(text, 0xFF)
		} else {
			text = utf8.AppendRune(text, c)
		}
		if offsets == nil && len(text)-start != size {
			offsets = make([]int, start, len(text)+1)
			for i := range offsets {
				offsets[i] = i
			}
		}
		if offsets != nil {
			for i := start; i < len(text); i++ {
				offsets = append(offsets, pos)
			}
		}
		pos += size
	}
	if offsets != nil {
		offsets = append(offsets, pos)
	}
	return text, offsets
}

// stringBytes returns the bytes of s without copying; the engines only
// read them.
func stringBytes(s string) []byte {
	return unsafe.Slice(unsafe.StringData(s), len(s))
}
