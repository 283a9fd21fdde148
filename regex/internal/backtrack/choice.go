package backtrack

import (
	"slices"

	"github.com/rxjit/rxjit/regex/internal/nfa"
)

// A choice says, for a union, which of its alternatives the search
// follows from the next byte: an alternative that must consume a byte
// before it can match (firstBytes) is followed only where the next byte
// is one it can start with, and never at the span's end. The others
// follow at every byte.
//
// Leaving an alternative out changes no answer: every path from it fails
// on that byte. Nor does it break the linear bound: it explores nothing
// that would not have been explored, so the visited bits it does not set
// only let a later path explore those pairs, once.
type choice struct {
	byByte [256]uint8 // the list for each next byte, an index in lists
	atEnd  uint16     // the list at the span's end
	// lists holds the alternatives to follow, in order, once each
	// distinct list; an empty list fails.
	lists [][]nfa.StateID
}

// maxChoiceAlts bounds the alternatives in all the lists of one
// Backtracker's choices: the compiled backtracker pushes each list's
// alternatives with code of its own. maxChoices bounds the choices, each
// a table of 256 bytes: a dictionary of 2,663 words as one pattern has
// thousands of unions, and a choice for each made its Backtracker 3.7
// times as large.
const (
	maxChoiceAlts = 4096
	maxChoices    = 512
)

// newChoice returns the choice of a union of alts, and false where it
// would follow every alternative everywhere but at the end (none must
// consume a byte first, or a byte that some cannot start with never
// comes), or where its lists would hold more than budget alternatives.
func newChoice(alts []nfa.StateID, firsts *firstMemo, budget int) (ch choice, ok bool) {
	sets := make([]byteSet, len(alts))
	consume := make([]bool, len(alts)) // the alternative must consume a byte first
	some := false
	for i, a := range alts {
		sets[i], consume[i] = firsts.get(a)
		some = some || consume[i]
	}
	if !some {
		return ch, false
	}
	var list []nfa.StateID
	pick := func(byteOK func(i int) bool) uint16 {
		list = list[:0]
		for i, a := range alts {
			if !consume[i] || byteOK(i) {
				list = append(list, a)
			}
		}
		for k, l := range ch.lists {
			if slices.Equal(l, list) {
				return uint16(k)
			}
		}
		ch.lists = append(ch.lists, slices.Clone(list))
		return uint16(len(ch.lists) - 1)
	}
	pruned := false
	for c := range 256 {
		ch.byByte[c] = uint8(pick(func(i int) bool { return sets[i].has(byte(c)) })) // at most 256 lists so far
		pruned = pruned || len(ch.lists[ch.byByte[c]]) < len(alts)
	}
	ch.atEnd = pick(func(int) bool { return false })
	if !pruned || ch.size() > budget {
		// The end alone would not pay for the byte test at every
		// entry.
		return choice{}, false
	}
	return ch, true
}

// size returns the number of alternatives in ch's lists.
func (ch *choice) size() int {
	n := 0
	for _, l := range ch.lists {
		n += len(l)
	}
	return n
}
