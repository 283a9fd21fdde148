package regex

import (
	"io"

	"github.com/rxjit/rxjit/regex/internal/dfa"
	"github.com/rxjit/rxjit/regex/internal/meta"
	"github.com/rxjit/rxjit/regex/internal/stream"
)

// execReader searches the runes r yields for the leftmost match and
// returns its first ncap capture positions as r's offsets, or nil. It
// reads r as regexp does, one rune at a time and never further than
// regexp would, and keeps a bounded window of it (package stream), so it
// answers on streams that do not end, in memory that does not grow with
// them.
//
// The forward DFA reads the stream first: it settles MatchReader and
// every search without a match on its own. Where there is a match (or
// the DFA gives up), the PikeVM, which can stop at any rune and records
// capture positions as it goes, takes over from the last position at
// which the DFA had no thread alive but its start loop: no match can
// start before it.
func (re *Regexp) execReader(r io.RuneReader, ncap int) []int {
	c, class := re.getVMCache()
	defer vmCaches[class].Put(c)
	w := &c.Window
	w.Reset(r)
	defer w.Release()
	start := 0
	plan := re.eng().plan
	if d := plan.Fwd; d != nil && meta.Forced != meta.PikeVM && meta.Forced != meta.Backtrack {
		mc := getMetaCache()
		var settled, matched bool
		start, settled, matched = streamDFA(d, mc.For(plan).Fwd(), w, ncap == 0)
		metaCaches.Put(mc)
		switch {
		case settled && !matched:
			return nil
		case settled:
			return []int{}
		}
	}
	var buf [2]int
	slots := buf[:min(ncap, len(buf))]
	if ncap > len(buf) {
		slots = make([]int, ncap)
	}
	if !plan.VM.SearchStream(c, w, start, slots, re.longest) {
		return nil
	}
	return append(make([]int, 0, ncap), slots...)
}

// The DFA hands a stream over to the PikeVM once streamSpan bytes have
// passed since it last saw only its start loop, and looks for that state
// only once startCheck bytes have passed since it last did (looking is a
// few loads, the DFA's step is one). The first bounds the window, the
// second what the PikeVM reads again.
const (
	streamSpan = 64 << 10
	startCheck = 256
)

// streamDFA runs the forward DFA d over the stream w reads. settled says
// it answered: whether there is a match (with earliest, any match will
// do; otherwise it settles only the absence of a match). Unsettled, start
// is the window position from which the PikeVM must search.
func streamDFA(d *dfa.DFA, c *dfa.Cache, w *stream.Window, earliest bool) (start int, settled, matched bool) {
	state, err := d.StreamStart(c)
	if err != nil {
		return 0, false, false
	}
	at, last := 0, 0
	for {
		if at >= len(w.Buf) {
			if w.Cut {
				// Nothing after a rune of size 0 counts; the PikeVM
				// knows how.
				return last, false, false
			}
			if !w.EOF {
				shift := w.Fill(at, last)
				at, last = at-shift, last-shift
			}
		}
		var next uint32
		if at < len(w.Buf) {
			next, err = d.Step(c, state, w.Buf[at])
		} else {
			next, err = d.StepEnd(c, state)
		}
		switch {
		case err != nil || next&dfa.TagQuit != 0:
			return last, false, false
		case next&dfa.TagMatch != 0:
			return last, earliest, true
		case next&dfa.TagDead != 0 || at >= len(w.Buf):
			return 0, true, false
		}
		state = dfa.StateOf(next)
		at++
		if at-last >= startCheck && c.StartOnly(state) {
			last = at
		} else if at-last >= streamSpan {
			return last, false, false
		}
	}
}
