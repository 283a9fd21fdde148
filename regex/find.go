package regex

import (
	"io"
)

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

// submatchBuf is the most slots FindSubmatch and FindStringSubmatch keep
// on the stack (regexp keeps 4): they need the slots only to cut their
// result, so the result is their one allocation.
const submatchBuf = 16

// slotBuf returns buf (empty) if it has room for ncap slots, else nil:
// exec then makes room of its own.
func slotBuf(buf []int, ncap int) []int {
	if cap(buf) < ncap {
		return nil
	}
	return buf
}

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
	var buf [submatchBuf]int // the slots, on the stack where they fit
	a := re.exec(b, 0, re.numSlots(), slotBuf(buf[:0], re.numSlots()))
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
	var buf [submatchBuf]int // the slots, on the stack where they fit
	a := re.exec(stringBytes(s), 0, re.numSlots(), slotBuf(buf[:0], re.numSlots()))
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
	if len(b) < re.minLen {
		return nil // too short for any match, before any set-up
	}
	if re.anchored() {
		if row, ok := anchoredRow(re, b, n, false, func(i, j int) []byte { return b[i:j:j] }); ok {
			return row
		}
	}
	m := re.allMatches(b, n, false)
	if m == nil {
		return nil
	}
	defer m.release()
	return m.bytes(b)
}

// FindAllIndex is the 'All' version of FindIndex; it returns a slice of
// all successive matches of the expression, as defined by the 'All'
// description in the package comment. A return value of nil indicates no
// match.
func (re *Regexp) FindAllIndex(b []byte, n int) [][]int {
	if len(b) < re.minLen {
		return nil // too short for any match, before any set-up
	}
	if re.anchored() {
		if out, ok := re.anchoredIndexes(b, n, false); ok {
			return out
		}
	}
	m := re.allMatches(b, n, false)
	if m == nil {
		return nil
	}
	defer m.release()
	return m.indexes()
}

// FindAllString is the 'All' version of FindString; it returns a slice of
// all successive matches of the expression, as defined by the 'All'
// description in the package comment. A return value of nil indicates no
// match.
func (re *Regexp) FindAllString(s string, n int) []string {
	if len(s) < re.minLen {
		return nil // too short for any match, before any set-up
	}
	if re.anchored() {
		if row, ok := anchoredRow(re, stringBytes(s), n, false, func(i, j int) string { return s[i:j] }); ok {
			return row
		}
	}
	m := re.allMatches(stringBytes(s), n, false)
	if m == nil {
		return nil
	}
	defer m.release()
	return m.strings(s)
}

// FindAllStringIndex is the 'All' version of FindStringIndex; it returns a
// slice of all successive matches of the expression, as defined by the
// 'All' description in the package comment. A return value of nil
// indicates no match.
func (re *Regexp) FindAllStringIndex(s string, n int) [][]int {
	if len(s) < re.minLen {
		return nil // too short for any match, before any set-up
	}
	if re.anchored() {
		if out, ok := re.anchoredIndexes(stringBytes(s), n, false); ok {
			return out
		}
	}
	m := re.allMatches(stringBytes(s), n, false)
	if m == nil {
		return nil
	}
	defer m.release()
	return m.indexes()
}

// FindAllSubmatch is the 'All' version of FindSubmatch; it returns a slice
// of all successive matches of the expression, as defined by the 'All'
// description in the package comment. A return value of nil indicates no
// match.
func (re *Regexp) FindAllSubmatch(b []byte, n int) [][][]byte {
	if len(b) < re.minLen {
		return nil // too short for any match, before any set-up
	}
	if re.anchored() {
		if row, ok := anchoredRow(re, b, n, true, func(i, j int) []byte { return b[i:j:j] }); ok {
			if row == nil {
				return nil
			}
			return [][][]byte{row}
		}
	}
	m := re.allMatches(b, n, true)
	if m == nil {
		return nil
	}
	defer m.release()
	return m.submatchBytes(b)
}

// FindAllSubmatchIndex is the 'All' version of FindSubmatchIndex; it
// returns a slice of all successive matches of the expression, as defined
// by the 'All' description in the package comment. A return value of nil
// indicates no match.
func (re *Regexp) FindAllSubmatchIndex(b []byte, n int) [][]int {
	if len(b) < re.minLen {
		return nil // too short for any match, before any set-up
	}
	if re.anchored() {
		if out, ok := re.anchoredIndexes(b, n, true); ok {
			return out
		}
	}
	m := re.allMatches(b, n, true)
	if m == nil {
		return nil
	}
	defer m.release()
	return m.indexes()
}

// FindAllStringSubmatch is the 'All' version of FindStringSubmatch; it
// returns a slice of all successive matches of the expression, as defined
// by the 'All' description in the package comment. A return value of nil
// indicates no match.
func (re *Regexp) FindAllStringSubmatch(s string, n int) [][]string {
	if len(s) < re.minLen {
		return nil // too short for any match, before any set-up
	}
	if re.anchored() {
		if row, ok := anchoredRow(re, stringBytes(s), n, true, func(i, j int) string { return s[i:j] }); ok {
			if row == nil {
				return nil
			}
			return [][]string{row}
		}
	}
	m := re.allMatches(stringBytes(s), n, true)
	if m == nil {
		return nil
	}
	defer m.release()
	return m.submatchStrings(s)
}

// FindAllStringSubmatchIndex is the 'All' version of
// FindStringSubmatchIndex; it returns a slice of all successive matches of
// the expression, as defined by the 'All' description in the package
// comment. A return value of nil indicates no match.
func (re *Regexp) FindAllStringSubmatchIndex(s string, n int) [][]int {
	if len(s) < re.minLen {
		return nil // too short for any match, before any set-up
	}
	if re.anchored() {
		if out, ok := re.anchoredIndexes(stringBytes(s), n, true); ok {
			return out
		}
	}
	m := re.allMatches(stringBytes(s), n, true)
	if m == nil {
		return nil
	}
	defer m.release()
	return m.indexes()
}
