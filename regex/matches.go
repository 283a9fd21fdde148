package regex

import (
	"slices"
	"sync"

	"github.com/rxjit/rxjit/regex/internal/nfa"
)

// A matchList holds the matches a FindAll method found, ncap slots each,
// one after another in a buffer lent by matchLists: the searches write
// their slots straight into it, and the method then makes its result at
// its final size, with one or two allocations whatever the number of
// matches. (Growing the result match by match, with a slab of index pairs
// per so many matches, spent as long in allocation and collection as in
// the searches when matches are dense: rebar's 03-date, a match every
// three bytes; BenchmarkResultFloor.)
type matchList struct {
	slots []int
	ncap  int
}

var matchLists = sync.Pool{New: func() any { return new(matchList) }}

// maxPooledSlots bounds the buffer a matchList keeps in the pool (8 MiB).
const maxPooledSlots = 1 << 20

// release gives m back to the pool; m may be nil.
func (m *matchList) release() {
	if m == nil {
		return
	}
	if cap(m.slots) > maxPooledSlots {
		m.slots = nil
	}
	m.slots = m.slots[:0]
	matchLists.Put(m)
}

// count returns the number of matches in m, which may be nil.
func (m *matchList) count() int {
	if m == nil {
		return 0
	}
	return len(m.slots) / m.ncap
}

// indexes returns the matches as slices of one array of their own, each
// with its capacity cut to its length so that an append cannot reach the
// next; nil if there are none.
func (m *matchList) indexes() [][]int {
	k := m.count()
	if k == 0 {
		return nil
	}
	flat := slices.Clone(m.slots)
	out := make([][]int, k)
	for i := range out {
		out[i] = flat[i*m.ncap : (i+1)*m.ncap : (i+1)*m.ncap]
	}
	return out
}

// texts returns the whole matches, cut out of the input by cut; nil if
// there are none.
func texts[T any](m *matchList, cut func(i, j int) T) []T {
	k := m.count()
	if k == 0 {
		return nil
	}
	out := make([]T, k)
	for i := range out {
		out[i] = cut(m.slots[i*m.ncap], m.slots[i*m.ncap+1])
	}
	return out
}

// groupTexts returns, for each match, the text of each group (the zero T
// for a group that did not take part), cut out of the input by cut; the
// groups of all matches share one array. It returns nil if there are no
// matches.
func groupTexts[T any](m *matchList, cut func(i, j int) T) [][]T {
	k := m.count()
	if k == 0 {
		return nil
	}
	g := m.ncap / 2
	all := make([]T, k*g)
	out := make([][]T, k)
	for i := range out {
		slots, row := m.slots[i*m.ncap:(i+1)*m.ncap], all[i*g:(i+1)*g:(i+1)*g]
		for j := range row {
			if slots[2*j] >= 0 {
				row[j] = cut(slots[2*j], slots[2*j+1])
			}
		}
		out[i] = row
	}
	return out
}

func (m *matchList) bytes(b []byte) [][]byte {
	return texts(m, func(i, j int) []byte { return b[i:j:j] })
}

func (m *matchList) strings(s string) []string {
	return texts(m, func(i, j int) string { return s[i:j] })
}

func (m *matchList) submatchBytes(b []byte) [][][]byte {
	return groupTexts(m, func(i, j int) []byte { return b[i:j:j] })
}

func (m *matchList) submatchStrings(s string) [][]string {
	return groupTexts(m, func(i, j int) string { return s[i:j] })
}

// allMatches returns each successive non-overlapping match of re in
// input, at most n of them (all if n < 0), or nil if there are none; the
// caller releases the list once it has made its result. An empty match
// right after the previous match is dropped, and after an empty match the
// search moves on by one rune. With groups, every match holds all groups'
// index pairs; without, only the whole match's, which lets the cheaper
// engines answer.
func (re *Regexp) allMatches(input []byte, n int, groups bool) *matchList {
	end := len(input)
	if n < 0 {
		n = end + 1
	}
	start := re.firstCandidate(input)
	if start < 0 || n == 0 {
		return nil
	}
	ncap := 2
	if groups {
		ncap = re.numSlots()
	}
	m := matchLists.Get().(*matchList)
	m.ncap = ncap
	slots := m.slots[:0]
	sh := callState{all: n > end} // shared by all the searches
	defer sh.release()
	for pos, i, prevMatchEnd := start, 0, -1; i < n && pos <= end; {
		slots = slices.Grow(slots, ncap)
		probe := slots[len(slots) : len(slots)+ncap]
		if !re.searchIn(&sh, input, pos, probe) {
			break
		}
		accept := true
		if probe[1] == pos {
			// An empty match.
			if probe[0] == prevMatchEnd {
				accept = false
			}
			if pos < end {
				pos += nfa.RuneWidth(input, pos)
			} else {
				pos = end + 1
			}
		} else {
			pos = probe[1]
		}
		prevMatchEnd = probe[1]
		if accept {
			slots = slots[:len(slots)+ncap]
			i++
		}
	}
	m.slots = slots
	if len(slots) == 0 {
		m.release()
		return nil
	}
	return m
}

// firstCandidate returns where a call's searches of input can start: -1
// if input is too short for a match or has no prefilter candidate, else
// the first candidate (0 without a prefilter). Every match starts at a
// candidate, so the first search may start there; a program that runs a
// pattern line by line mostly ends here, before any set-up.
func (re *Regexp) firstCandidate(input []byte) int {
	if len(input) < re.minLen {
		return -1
	}
	p := re.eng().plan
	if len(input) < p.MinLen || p.MinLen < 0 {
		return -1
	}
	if p.Prefilter == nil {
		return 0
	}
	return p.Prefilter.Find(input, 0)
}
