// Package prefilter finds the positions where a match can start, much
// faster than an automaton could, so that engines only run where a match
// is possible.
//
// Every prefilter here is exact about starts, not about matches: Find
// returns a position where a match may start, never skips one where a
// match does start, and returns only rune boundaries (none of its needles
// begins with a UTF-8 continuation byte).
package prefilter

import (
	"bytes"
	"fmt"
	"strings"
)

// A Matcher answers, by itself, the searches of a whole pattern that ask
// for no groups: Literals for an exact set, FoldLiteral.
type Matcher interface {
	// Find returns the first position p >= at where a match starts, or
	// -1.
	Find(haystack []byte, at int) int
	// FindMatch returns the leftmost match at or after at, the longest
	// at its start with longest, or the pattern's choice there; start
	// is -1 if there is none.
	FindMatch(haystack []byte, at int, longest bool) (start, end int)
}

// Prefix finds occurrences of a literal that every match starts with.
type Prefix struct {
	needle []byte
}

// NewPrefix returns a prefilter for matches that start with needle, which
// must be non-empty and must not begin with a continuation byte
// (0x80-0xBF).
func NewPrefix(needle []byte) *Prefix {
	return &Prefix{needle: needle}
}

// Find returns the first position p >= at where the needle occurs, or -1.
func (p *Prefix) Find(haystack []byte, at int) int {
	i := bytes.Index(haystack[at:], p.needle)
	if i < 0 {
		return -1
	}
	return at + i
}

// ByteSet finds bytes that can start a match.
type ByteSet struct {
	set   [256]bool
	count int
	only  byte // the one byte in the set, when count == 1
}

// NewByteSet returns a prefilter for matches whose first byte is in set.
// The set must not contain a continuation byte (0x80-0xBF).
func NewByteSet(set *[256]bool) *ByteSet {
	b := &ByteSet{set: *set}
	for c, in := range set {
		if in {
			b.count++
			b.only = byte(c)
		}
	}
	return b
}

// Find returns the first position p >= at whose byte is in the set, or -1.
func (b *ByteSet) Find(haystack []byte, at int) int {
	if b.count == 1 {
		i := bytes.IndexByte(haystack[at:], b.only)
		if i < 0 {
			return -1
		}
		return at + i
	}
	for i := at; i < len(haystack); i++ {
		if b.set[haystack[i]] {
			return i
		}
	}
	return -1
}

// String describes the prefilter, for rxjit --explain.
func (p *Prefix) String() string {
	return fmt.Sprintf("prefix %q (substring search)", p.needle)
}

// String describes the prefilter, for rxjit --explain.
func (b *ByteSet) String() string {
	var parts []string
	for c := 0; c < 256; c++ {
		if !b.set[c] {
			continue
		}
		end := c
		for end+1 < 256 && b.set[end+1] {
			end++
		}
		if end == c {
			parts = append(parts, fmt.Sprintf("%q", byte(c)))
		} else {
			parts = append(parts, fmt.Sprintf("%q-%q", byte(c), byte(end)))
		}
		c = end
	}
	return fmt.Sprintf("first byte in {%s} (%d bytes)", strings.Join(parts, " "), b.count)
}
