package dfa

import (
	"fmt"
	"strings"

	"github.com/rxjit/rxjit/regex/internal/nfa"
)

// StateView describes one state of a cache, for rxjit --explain.
type StateView struct {
	ID     uint32 // the row offset
	Kernel []nfa.StateID
	// Match, Start and Accel report the tags the state's IDs carry;
	// Start only with a prefilter. Pair reports an accelerated state
	// whose record is a pair record (see Cache.Pairs).
	Match, Start, Accel, Pair bool
	Facts                     string // the look-behind facts, such as "edge,word"
	UTF8                      uint8  // the validator's state (forward DFAs)
	// Next holds, for each column (byte class, then end of input), the
	// ID of the known transition, or TagUnknown.
	Next []uint32
}

// States returns the states the cache has built, the dead and quit states
// and acceleration records left out.
func (c *Cache) States() []StateView {
	d := c.dfa
	var out []StateView
	tags := map[uint32]uint32{}
	c.ids.each(func(id uint32) { tags[id&idMask] = id &^ idMask })
	for r := 2; r < c.nrows; r++ {
		info := c.infos[r]
		if info.record {
			continue
		}
		id := uint32(r * d.stride)
		v := StateView{
			ID:     id,
			Kernel: c.kernel[info.k0:info.k1],
			Match:  tags[id]&TagMatch != 0,
			Start:  tags[id]&TagStart != 0,
			Accel:  tags[id]&TagAccel != 0,
			Pair:   tags[id]&TagAccel != 0 && c.mem[HeaderWords+int(id)]&PairRecord != 0,
			UTF8:   info.utf8,
			Next:   c.row(id)[1:],
		}
		var f []string
		for bit, name := range map[uint8]string{factEdge: "edge", factNL: "nl", factWord: "word", factCont: "cont"} {
			if info.facts&bit != 0 {
				f = append(f, name)
			}
		}
		v.Facts = strings.Join(f, ",")
		out = append(out, v)
	}
	return out
}

// ColumnBytes describes the bytes of a column in the form "61-7a 5f", or
// "EOI" for the end of input.
func (d *DFA) ColumnBytes(col int) string {
	if col == d.eoi {
		return "EOI"
	}
	var parts []string
	for lo := 0; lo < 256; lo++ {
		if int(d.classes[lo]) != col {
			continue
		}
		hi := lo
		for hi+1 < 256 && int(d.classes[hi+1]) == col {
			hi++
		}
		if lo == hi {
			parts = append(parts, fmt.Sprintf("%02x", lo))
		} else {
			parts = append(parts, fmt.Sprintf("%02x-%02x", lo, hi))
		}
		lo = hi
	}
	return strings.Join(parts, " ")
}

// IDString formats a transition's target: its row offset and tags.
func IDString(id uint32) string {
	switch {
	case id == TagUnknown:
		return "?"
	case id&TagDead != 0:
		if id&TagMatch != 0 {
			return "match+dead"
		}
		return "dead"
	case id&TagQuit != 0:
		return "quit"
	}
	s := fmt.Sprint(id & idMask)
	if id&TagMatch != 0 {
		s += "*"
	}
	return s
}
