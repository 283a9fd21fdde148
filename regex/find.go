package regex

import (
	"io"
	"slices"

	"github.com/rxjit/rxjit/regex/internal/nfa"
)

// collector gathers the results of a FindAll method: the first few in
// an array on the stack, so that a call with few matches allocates its
// result once and at its size (regexp allocates room for ten, 240 bytes
// for one [2]int match: a third of a short FindAllIndex's time in
// rebar's 06-cloud-flare-redos), and the rest in a slice that grows.
type collector[T any] struct {
	first [8]T
	n     int
	rest  []T
}

func (c *collector[T]) add(v T) {
	if c.rest == nil {
		if c.n < len(c.first) {
			c.first[c.n] = v
			c.n++
			return
		}
		c.rest = append(make([]T, 0, 4*len(c.first)), c.first[:]...)
	}
	c.rest = append(c.rest, v)
}

// reserve makes room for n more results, so that adding them copies
// nothing.
func (c *collector[T]) reserve(n int) {
	if c.rest == nil {
		if c.n+n <= len(c.first) {
			return
		}
		c.rest = append(make([]T, 0, c.n+n), c.first[:c.n]...)
		return
	}
	c.rest = slices.Grow(c.rest, n)
}

// slice returns the results, nil if there are none.
func (c *collector[T]) slice() []T {
	if c.rest != nil {
		return c.rest
	}
	if c.n == 0 {
		return nil
	}
	return append([]T(nil), c.first[:c.n]...)
}

// pad extends a match to one index pair per group, with -1 for the
// groups the search did not track.
func (re *Regexp) pad(a []int) []int {
	if a == nil {
		return nil
	}
	n := (1 + re.numSubexp) * 2
	for len(a) < n {
		a = append(a, -1)
	}
	return a
}

// maxSlab bounds a slab of matches, in ints (32 KiB): larger slabs are
// allocated as fresh pages, and with many groups (rebar's 05-lexer-veryl
// has 88) filling them cost more in page faults than the searches.
const maxSlab = 4096

// allMatches calls deliver with each successive non-overlapping match of
// re in input, at most n of them. An empty match right after the previous
// match is dropped, and after an empty match the search moves on by one
// rune. With groups, every match holds all groups' index pairs; without,
// only the whole match's, which lets the cheaper engines answer.
func (re *Regexp) allMatches(input []byte, n int, groups bool, deliver func([]int), reserve func(int)) {
	ncap := 2
	if groups {
		ncap = re.numSlots()
	}
	end := len(input)
	start := re.firstCandidate(input)
	if start < 0 {
		return
	}
	// Matches are carved out of slabs that double from one match to 256,
	// a few allocations for all of them rather than one each (and one
	// for a single match); each has its capacity cut to its length, so
	// that a caller's append cannot reach the next. A search that has
	// no room in the slab runs on the stack (searchOnStack), and the
	// next slab is made only for a match: a pattern run line by line
	// mostly ends with a failed search.
	var slab []int
	sh := callState{all: n > end} // shared by all the searches
	defer sh.release()
	reserved := false
	for pos, i, prevMatchEnd := start, 0, -1; i < n && pos <= end; {
		var probe []int // the search's slots, at the end of slab
		if cap(slab)-len(slab) >= ncap {
			probe = slab[len(slab) : len(slab)+ncap : len(slab)+ncap]
			if !re.searchIn(&sh, input, pos, probe) {
				break
			}
		} else {
			k := 1 // the first match
			if cap(slab) > 0 {
				k = min(n-i, max(1, min(256, maxSlab/ncap, 2*cap(slab)/ncap)))
			}
			s := re.searchOnStack(&sh, input, pos, ncap, nil, k*ncap)
			if s == nil {
				break
			}
			slab, probe = s[:0], s[:ncap:ncap]
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
		if !accept {
			continue
		}
		slab = slab[:len(slab)+ncap]
		slots := slab[len(slab)-ncap : len(slab) : len(slab)]
		if groups {
			slots = re.pad(slots)
		}
		deliver(slots)
		i++
		if !reserved && reserve != nil && (sh.lin != nil || i == reserveAfter) {
			// Make room for as many more matches as the call has
			// seen per byte so far, rather than growing the results
			// by copying them, once a few have shown the rate (or
			// the call has moved onto the liveness).
			reserved = true
			if gap := max(1, pos/i); gap < denseGap {
				reserve(min(n-i, (end-pos)/gap+1, maxReserve))
			}
		}
	}
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

// How allMatches makes room for results: after reserveAfter matches, if
// they come at least every denseGap bytes, for at most maxReserve more.
const (
	reserveAfter = 16
	maxReserve   = 1 << 16
)

// Find returns a slice holding the text of the leftmost match in b of the
// regular expression. A return value of nil indicates no match.
func (re *Regexp) Find(b []byte) []byte {
	var dst [2]int
	a := re.exec(b, 0, 2, dst[:0])
	if a == nil {
		return nil
	}
	return b[a[0]:a[1]:a[1]]
}

// FindIndex returns a two-element slice of integers defining the location
// of the leftmost match in b of the regular expression. The match itself
// is at b[loc[0]:loc[1]]. A return value of nil indicates no match.
func (re *Regexp) FindIndex(b []byte) (loc []int) {
	return re.exec(b, 0, 2, nil)
}

// FindString returns a string holding the text of the leftmost match in s
// of the regular expression. If there is no match, the return value is an
// empty string, but it will also be empty if the regular expression
// successfully matches an empty string. Use FindStringIndex or
// FindStringSubmatch if it is necessary to distinguish these cases.
func (re *Regexp) FindString(s string) string {
	var dst [2]int
	a := re.exec(stringBytes(s), 0, 2, dst[:0])
	if a == nil {
		return ""
	}
	return s[a[0]:a[1]]
}

// FindStringIndex returns a two-element slice of integers defining the
// location of the leftmost match in s of the regular expression. The match
// itself is at s[loc[0]:loc[1]]. A return value of nil indicates no match.
func (re *Regexp) FindStringIndex(s string) (loc []int) {
	return re.exec(stringBytes(s), 0, 2, nil)
}

// FindReaderIndex returns a two-element slice of integers defining the
// location of the leftmost match of the regular expression in text read
// from the RuneReader. The match text was found in the input stream at
// byte offset loc[0] through loc[1]-1. A return value of nil indicates no
// match.
func (re *Regexp) FindReaderIndex(r io.RuneReader) (loc []int) {
	return re.execReader(r, 2)
}

// FindSubmatch returns a slice of slices holding the text of the leftmost
// match of the regular expression in b and the matches, if any, of its
// subexpressions, as defined by the 'Submatch' descriptions in the package
// comment. A return value of nil indicates no match.
func (re *Regexp) FindSubmatch(b []byte) [][]byte {
	a := re.exec(b, 0, re.numSlots(), nil)
	if a == nil {
		return nil
	}
	ret := make([][]byte, 1+re.numSubexp)
	for i := range ret {
		if 2*i < len(a) && a[2*i] >= 0 {
			ret[i] = b[a[2*i]:a[2*i+1]:a[2*i+1]]
		}
	}
	return ret
}

// FindSubmatchIndex returns a slice holding the index pairs identifying
// the leftmost match of the regular expression in b and the matches, if
// any, of its subexpressions, as defined by the 'Submatch' and 'Index'
// descriptions in the package comment. A return value of nil indicates no
// match.
func (re *Regexp) FindSubmatchIndex(b []byte) []int {
	return re.pad(re.exec(b, 0, re.numSlots(), nil))
}

// FindStringSubmatch returns a slice of strings holding the text of the
// leftmost match of the regular expression in s and the matches, if any,
// of its subexpressions, as defined by the 'Submatch' description in the
// package comment. A return value of nil indicates no match.
func (re *Regexp) FindStringSubmatch(s string) []string {
	a := re.exec(stringBytes(s), 0, re.numSlots(), nil)
	if a == nil {
		return nil
	}
	ret := make([]string, 1+re.numSubexp)
	for i := range ret {
		if 2*i < len(a) && a[2*i] >= 0 {
			ret[i] = s[a[2*i]:a[2*i+1]]
		}
	}
	return ret
}

// FindStringSubmatchIndex returns a slice holding the index pairs
// identifying the leftmost match of the regular expression in s and the
// matches, if any, of its subexpressions, as defined by the 'Submatch' and
// 'Index' descriptions in the package comment. A return value of nil
// indicates no match.
func (re *Regexp) FindStringSubmatchIndex(s string) []int {
	return re.pad(re.exec(stringBytes(s), 0, re.numSlots(), nil))
}

// FindReaderSubmatchIndex returns a slice holding the index pairs
// identifying the leftmost match of the regular expression of text read
// by the RuneReader, and the matches, if any, of its subexpressions, as
// defined by the 'Submatch' and 'Index' descriptions in the package
// comment. A return value of nil indicates no match.
func (re *Regexp) FindReaderSubmatchIndex(r io.RuneReader) []int {
	return re.pad(re.execReader(r, re.numSlots()))
}

// FindAll is the 'All' version of Find; it returns a slice of all
// successive matches of the expression, as defined by the 'All'
// description in the package comment. A return value of nil indicates no
// match.
func (re *Regexp) FindAll(b []byte, n int) [][]byte {
	if n < 0 {
		n = len(b) + 1
	}
	var result collector[[]byte]
	re.allMatches(b, n, false, func(match []int) {
		result.add(b[match[0]:match[1]:match[1]])
	}, result.reserve)
	return result.slice()
}

// FindAllIndex is the 'All' version of FindIndex; it returns a slice of
// all successive matches of the expression, as defined by the 'All'
// description in the package comment. A return value of nil indicates no
// match.
func (re *Regexp) FindAllIndex(b []byte, n int) [][]int {
	if n < 0 {
		n = len(b) + 1
	}
	var result collector[[]int]
	re.allMatches(b, n, false, func(match []int) {
		result.add(match[0:2])
	}, result.reserve)
	return result.slice()
}

// FindAllString is the 'All' version of FindString; it returns a slice of
// all successive matches of the expression, as defined by the 'All'
// description in the package comment. A return value of nil indicates no
// match.
func (re *Regexp) FindAllString(s string, n int) []string {
	if n < 0 {
		n = len(s) + 1
	}
	var result collector[string]
	re.allMatches(stringBytes(s), n, false, func(match []int) {
		result.add(s[match[0]:match[1]])
	}, result.reserve)
	return result.slice()
}

// FindAllStringIndex is the 'All' version of FindStringIndex; it returns a
// slice of all successive matches of the expression, as defined by the
// 'All' description in the package comment. A return value of nil
// indicates no match.
func (re *Regexp) FindAllStringIndex(s string, n int) [][]int {
	if n < 0 {
		n = len(s) + 1
	}
	var result collector[[]int]
	re.allMatches(stringBytes(s), n, false, func(match []int) {
		result.add(match[0:2])
	}, result.reserve)
	return result.slice()
}

// FindAllSubmatch is the 'All' version of FindSubmatch; it returns a slice
// of all successive matches of the expression, as defined by the 'All'
// description in the package comment. A return value of nil indicates no
// match.
func (re *Regexp) FindAllSubmatch(b []byte, n int) [][][]byte {
	if n < 0 {
		n = len(b) + 1
	}
	var result collector[[][]byte]
	re.allMatches(b, n, true, func(match []int) {
		slice := make([][]byte, len(match)/2)
		for j := range slice {
			if match[2*j] >= 0 {
				slice[j] = b[match[2*j]:match[2*j+1]:match[2*j+1]]
			}
		}
		result.add(slice)
	}, result.reserve)
	return result.slice()
}

// FindAllSubmatchIndex is the 'All' version of FindSubmatchIndex; it
// returns a slice of all successive matches of the expression, as defined
// by the 'All' description in the package comment. A return value of nil
// indicates no match.
func (re *Regexp) FindAllSubmatchIndex(b []byte, n int) [][]int {
	if n < 0 {
		n = len(b) + 1
	}
	var result collector[[]int]
	re.allMatches(b, n, true, func(match []int) {
		result.add(match)
	}, result.reserve)
	return result.slice()
}

// FindAllStringSubmatch is the 'All' version of FindStringSubmatch; it
// returns a slice of all successive matches of the expression, as defined
// by the 'All' description in the package comment. A return value of nil
// indicates no match.
func (re *Regexp) FindAllStringSubmatch(s string, n int) [][]string {
	if n < 0 {
		n = len(s) + 1
	}
	var result collector[[]string]
	re.allMatches(stringBytes(s), n, true, func(match []int) {
		slice := make([]string, len(match)/2)
		for j := range slice {
			if match[2*j] >= 0 {
				slice[j] = s[match[2*j]:match[2*j+1]]
			}
		}
		result.add(slice)
	}, result.reserve)
	return result.slice()
}

// FindAllStringSubmatchIndex is the 'All' version of
// FindStringSubmatchIndex; it returns a slice of all successive matches of
// the expression, as defined by the 'All' description in the package
// comment. A return value of nil indicates no match.
func (re *Regexp) FindAllStringSubmatchIndex(s string, n int) [][]int {
	if n < 0 {
		n = len(s) + 1
	}
	var result collector[[]int]
	re.allMatches(stringBytes(s), n, true, func(match []int) {
		result.add(match)
	}, result.reserve)
	return result.slice()
}
