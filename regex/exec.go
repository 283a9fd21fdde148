package regex

import (
	"bytes"
	"io"
	"math/bits"
	"sync"
	"unicode/utf8"
	"unsafe"

	"github.com/rxjit/rxjit/regex/internal/backtrack"
	"github.com/rxjit/rxjit/regex/internal/dfa"
	"github.com/rxjit/rxjit/regex/internal/dfajit"
	"github.com/rxjit/rxjit/regex/internal/meta"
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

// metaCaches holds the DFA caches of recently used plans (meta.Cache).
var metaCaches sync.Pool

// search looks for the leftmost match in input at or after pos and fills
// slots (whose length says how many capture slots are wanted, possibly
// none). It reports whether there is a match. The engine is chosen per
// search, in this order:
//
//   - inputs shorter than any match fail at once;
//   - a pattern that is one literal is a substring search, when no
//     groups are asked for;
//   - otherwise the prefilter moves pos to the first candidate, and
//   - the lazy DFA finds the match: where it ends (forward), where it
//     starts (reverse) and, leftmost-longest, where the longest match
//     from there ends. Match stops at the first match state. With groups,
//     the group engines below then start at the match;
//   - a short span, leftmost-first, goes to the bounded backtracker when
//     groups are asked for or no prefilter can skip ahead: it beats the
//     PikeVM there by 1.4-5.8x (BenchmarkCaptures in
//     regex/internal/backtrack);
//   - everything else, and every search the DFA gives up on (invalid
//     UTF-8 it cannot decide, a thrashing cache), runs on the PikeVM.
//
// RXJIT_ENGINE (meta.Forced) overrides the choice, for tests.
func (re *Regexp) search(input []byte, pos int, slots []int) bool {
	p := re.plan
	if len(input)-pos < p.MinLen || p.MinLen < 0 {
		return false
	}
	forced := meta.Forced
	if p.Literal != nil && len(slots) <= 2 && forced == meta.Auto {
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
	if re.useDFA(len(input)-pos, len(slots)) {
		if start, end, ok := re.dfaSearch(input, pos, len(slots) == 0); ok {
			switch {
			case end < 0:
				return false
			case len(slots) == 0:
				return true
			case len(slots) == 2:
				slots[0], slots[1] = start, end
				injectMatchFault(slots)
				return true
			}
			pos = start
		}
	}
	fitsBacktrack := !re.longest && len(input)-pos <= p.Backtrack.MaxInput()
	useBacktrack := fitsBacktrack && (len(slots) > 2 || p.Prefilter == nil)
	switch forced {
	case meta.PikeVM:
		useBacktrack = false
	case meta.Backtrack:
		useBacktrack = fitsBacktrack
	}
	var ok bool
	if useBacktrack {
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

// dfaMinSpan is the shortest span the planner gives the DFA; shorter
// ones stay on the backtracker and PikeVM, which need no cache.
const dfaMinSpan = 0

// useDFA reports whether a search over span bytes that asks for nslots
// capture slots starts with the DFA.
func (re *Regexp) useDFA(span, nslots int) bool {
	if re.plan.Fwd == nil {
		return false
	}
	switch meta.Forced {
	case meta.DFA, meta.DFAGo:
		return true
	case meta.PikeVM, meta.Backtrack:
		return false
	}
	if nslots > 2 {
		// Groups: the DFA narrows the span for the group engines
		// where they would otherwise scan far.
		return span > re.plan.Backtrack.MaxInput()
	}
	return span >= dfaMinSpan
}

// dfaSearch runs the DFAs from pos and returns the leftmost match's
// bounds, end -1 if there is none; with earliest only end is set, to the
// end of some match. ok is false if the DFA gave up and another engine
// must answer.
func (re *Regexp) dfaSearch(input []byte, pos int, earliest bool) (start, end int, ok bool) {
	p := re.plan
	mc, _ := metaCaches.Get().(*meta.Cache)
	if mc == nil {
		mc = new(meta.Cache)
	}
	dc := mc.For(p)
	run := runner(len(input) - pos)
	end, err := p.Fwd.Search(dc.Fwd(), run, input, pos, false, earliest)
	if err == nil && end >= 0 && !earliest {
		rev, rc := dc.Rev()
		start, err = rev.SearchReverse(rc, run, input, pos, end)
		if err == nil && re.longest {
			end, err = p.Longest.Search(dc.Longest(), run, input, start, true, false)
		}
	}
	metaCaches.Put(mc)
	return start, end, err == nil
}

// runner returns the DFA loop for a span: generated code where it is
// available and the span is long enough to pay for entering it.
func runner(span int) dfa.Runner {
	if meta.Forced == meta.DFAGo || (span < meta.JITMinSpan && meta.Forced != meta.DFA) {
		return dfa.GoLoop{}
	}
	if r, err := dfajit.Load(); err == nil {
		return r
	}
	return dfa.GoLoop{}
}

// exec runs a search for ncap capture slots and returns them appended to
// dst, or nil if there is no match.
func (re *Regexp) exec(input []byte, pos, ncap int, dst []int) []int {
	if n := len(dst); dst != nil && cap(dst)-n >= ncap {
		// Search straight into dst's spare capacity.
		if !re.search(input, pos, dst[n:n+ncap]) {
			return nil
		}
		return dst[:n+ncap]
	}
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

// runnerLoad reports whether generated code can run here.
func runnerLoad() (dfa.Runner, error) { return dfajit.Load() }
