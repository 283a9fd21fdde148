// Package literal extracts from a parsed pattern the literal strings its
// matches start with, for the prefilters that find candidate positions
// before any automaton runs.
//
// Extraction reads the parse tree (regexp/syntax), not the byte NFA: runes,
// case-folding flags and the order of alternatives are explicit there,
// while the NFA has dissolved them into UTF-8 tries that would have to be
// walked back into strings. The literals are byte strings (UTF-8), in the
// pattern's priority order, so that an exact set answers leftmost-first
// searches by itself.
//
// Case-insensitive literals expand along unicode.SimpleFold orbits, as
// regexp matches them: (?i)k gives "K", "k" and "\u212a" (KELVIN SIGN),
// whose encodings differ in length. The expansion is bounded (MaxLits
// strings of at most MaxLen bytes); what does not fit is cut, and a cut
// literal is no longer exact.
//
// U+FFFD is never part of a literal: regexp's U+FFFD also matches every
// byte of an invalid encoding, which no byte string describes.
package literal

import (
	"bytes"
	"fmt"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"regexp/syntax"
)

// Limits of an extracted set.
const (
	// MaxLits is the most literals a set holds; an alternation of more
	// gives no set at all, a concatenation that would grow beyond it is
	// cut.
	MaxLits = 64
	// MaxLen is the longest literal kept; longer ones are cut.
	MaxLen = 32
	// maxClass is the most runes a character class may hold to be
	// expanded into literals.
	maxClass = 8
)

// Lit is one literal of a set.
type Lit struct {
	// Bytes is the literal's UTF-8 text.
	Bytes []byte
	// Exact reports that a match can be Bytes and nothing more: the path
	// through the pattern that spells it ends there. An inexact literal
	// is a prefix of the matches on its path.
	Exact bool
}

func (l Lit) String() string {
	if l.Exact {
		return fmt.Sprintf("%+q", l.Bytes)
	}
	return fmt.Sprintf("%+q…", l.Bytes)
}

// Set is a finite set of literals in priority order, or the infinite set
// (no literal describes the pattern's starts).
type Set struct {
	// Lits holds the literals; it is empty for a pattern that matches
	// nothing, and for the infinite set.
	Lits []Lit
	// Infinite reports that the starts of matches are not described by
	// literals.
	Infinite bool
}

// Exact reports whether the pattern is exactly the alternation of the
// set's literals, in order: a search for them answers every search that
// does not ask for groups.
func (s Set) Exact() bool {
	if s.Infinite || len(s.Lits) == 0 {
		return false
	}
	for _, l := range s.Lits {
		if !l.Exact {
			return false
		}
	}
	return true
}

// MinLen returns the length of the set's shortest literal, 0 for the
// infinite set.
func (s Set) MinLen() int {
	if s.Infinite || len(s.Lits) == 0 {
		return 0
	}
	n := MaxLen + 1
	for _, l := range s.Lits {
		n = min(n, len(l.Bytes))
	}
	return n
}

func (s Set) String() string {
	if s.Infinite {
		return "∞"
	}
	parts := make([]string, len(s.Lits))
	for i, l := range s.Lits {
		parts[i] = l.String()
	}
	return "{" + strings.Join(parts, " ") + "}"
}

// Prefixes returns the literals every match of re starts with: each match
// starts with one of them (an exact one spells the whole match). Empty
// assertions (^, $, \b, ...) are taken as always true, which makes every
// literal after them inexact.
//
// A set holding an inexact literal shorter than minLen bytes is returned
// as the infinite set, and extraction stops as soon as the pattern's
// leading parts make one (`\s*# noqa` needs no case-folded expansion of
// "noqa" once " " is known to start some matches).
func Prefixes(re *syntax.Regexp, minLen int) Set {
	var x extractor
	re = re.Simplify()
	for re.Op == syntax.OpCapture {
		re = re.Sub[0]
	}
	var s Set
	if re.Op == syntax.OpConcat {
		// At the top level a literal that can no longer grow is in the
		// result, so a too-short one ends the extraction.
		s = x.concatenation(re.Sub, minLen)
	} else {
		s = x.prefixes(re)
	}
	if shortInexact(s, minLen) {
		return infinite
	}
	for i, l := range s.Lits {
		if len(l.Bytes) == 0 && !l.Exact {
			return infinite // a match may start with anything
		}
		if x.looks {
			s.Lits[i].Exact = false
		}
	}
	return dedup(s)
}

// concatenation returns the prefixes of the concatenation of subs. It
// stops, returning a set shortInexact finds, as soon as the set holds an
// inexact literal shorter than minLen bytes.
func (x *extractor) concatenation(subs []*syntax.Regexp, minLen int) Set {
	s := empty()
	for _, sub := range subs {
		if !s.Infinite && !anyExact(s) {
			break // nothing left to extend
		}
		if s = concat(s, x.prefixes(sub)); shortInexact(s, minLen) {
			break
		}
	}
	return s
}

type extractor struct {
	looks bool // an assertion was seen
}

var infinite = Set{Infinite: true}

func (x *extractor) prefixes(re *syntax.Regexp) Set {
	switch re.Op {
	case syntax.OpNoMatch:
		return Set{}
	case syntax.OpEmptyMatch:
		return empty()
	case syntax.OpLiteral:
		if re.Flags&syntax.FoldCase == 0 {
			return plain(re.Rune)
		}
		s := empty()
		for _, r := range re.Rune {
			s = concat(s, runes(orbit(r, re.Flags&syntax.FoldCase != 0)))
		}
		return s
	case syntax.OpCharClass:
		var rs []rune
		for i := 0; i+1 < len(re.Rune); i += 2 {
			lo, hi := re.Rune[i], re.Rune[i+1]
			if int(hi-lo)+1+len(rs) > maxClass {
				return infinite
			}
			for r := lo; r <= hi; r++ {
				rs = append(rs, r)
			}
		}
		return runes(rs)
	case syntax.OpBeginLine, syntax.OpEndLine, syntax.OpBeginText, syntax.OpEndText,
		syntax.OpWordBoundary, syntax.OpNoWordBoundary:
		x.looks = true
		return empty()
	case syntax.OpCapture:
		return x.prefixes(re.Sub[0])
	case syntax.OpQuest:
		sub := x.prefixes(re.Sub[0])
		if re.Flags&syntax.NonGreedy != 0 {
			return union(empty(), sub)
		}
		return union(sub, empty())
	case syntax.OpStar:
		sub := inexact(x.prefixes(re.Sub[0]))
		if re.Flags&syntax.NonGreedy != 0 {
			return union(empty(), sub)
		}
		return union(sub, empty())
	case syntax.OpPlus:
		return inexact(x.prefixes(re.Sub[0]))
	case syntax.OpConcat:
		return x.concatenation(re.Sub, 0)
	case syntax.OpAlternate:
		// The alternatives' literals in order, shrunk once: shrinking
		// after each alternative cut the set again for every word of a
		// dictionary (rebar's 12-dictionary: a quarter of its first
		// search).
		var lits []Lit
		for _, sub := range re.Sub {
			s := x.prefixes(sub)
			if s.Infinite {
				return infinite
			}
			lits = append(lits, s.Lits...)
		}
		if len(lits) > MaxLits {
			return shrink(Set{Lits: lits}, MaxLits, minShrink)
		}
		return Set{Lits: lits}
	}
	// Any character, and repetitions Simplify leaves (none).
	return infinite
}

// empty returns the set holding the empty literal, exact.
func empty() Set { return Set{Lits: []Lit{{Bytes: []byte{}, Exact: true}}} }

// orbit returns r, or with fold its unicode.SimpleFold orbit starting at
// r.
func orbit(r rune, fold bool) []rune {
	rs := []rune{r}
	if !fold {
		return rs
	}
	for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
		rs = append(rs, f)
	}
	return rs
}

// plain returns the set of the literal rs without case folding: what
// concatenating the runes one by one gives (runes, concat), in one
// allocation. A dictionary's words are thousands of such literals.
func plain(rs []rune) Set {
	b := make([]byte, 0, min(utf8.UTFMax*len(rs), MaxLen))
	for _, r := range rs {
		if r == utf8.RuneError || !utf8.ValidRune(r) || len(b)+utf8.RuneLen(r) > MaxLen {
			return Set{Lits: []Lit{{Bytes: b[:len(b):len(b)]}}}
		}
		b = utf8.AppendRune(b, r)
	}
	return Set{Lits: []Lit{{Bytes: b[:len(b):len(b)], Exact: true}}}
}

// runes returns the set of the encodings of rs, each exact; it is
// infinite if rs holds U+FFFD or a rune that has no encoding.
func runes(rs []rune) Set {
	s := Set{Lits: make([]Lit, 0, len(rs))}
	buf := make([]byte, 0, utf8.UTFMax*len(rs))
	for _, r := range rs {
		if r == utf8.RuneError || !utf8.ValidRune(r) {
			return infinite
		}
		k := len(buf)
		buf = utf8.AppendRune(buf, r)
		s.Lits = append(s.Lits, Lit{Bytes: buf[k:len(buf):len(buf)], Exact: true})
	}
	return s
}

// shortInexact reports whether s holds an inexact literal shorter than
// minLen bytes: concatenation never extends it.
func shortInexact(s Set, minLen int) bool {
	for _, l := range s.Lits {
		if !l.Exact && len(l.Bytes) < minLen {
			return true
		}
	}
	return false
}

func anyExact(s Set) bool {
	for _, l := range s.Lits {
		if l.Exact {
			return true
		}
	}
	return false
}

func inexact(s Set) Set {
	for i := range s.Lits {
		s.Lits[i].Exact = false
	}
	return s
}

// union returns a's literals then b's; it is infinite if either is. A
// union of more than MaxLits literals is shrunk (see shrink).
func union(a, b Set) Set {
	if a.Infinite || b.Infinite {
		return infinite
	}
	u := Set{Lits: append(append([]Lit(nil), a.Lits...), b.Lits...)}
	if len(u.Lits) > MaxLits {
		return shrink(u, MaxLits, minShrink)
	}
	return u
}

// minShrink is the shortest length shrink cuts literals to.
const minShrink = 3

// shrink cuts the literals of s to the longest length at which, made
// inexact and without duplicates, at most limit remain: the case-folded
// alternation (?i)Sherlock Holmes|John Watson|... then keeps its first
// three bytes of each spelling rather than no set at all. Below minLen
// bytes it gives up (infinite): so short a prefix tells little.
func shrink(s Set, limit, minLen int) Set {
	maxLen := 0
	for _, l := range s.Lits {
		maxLen = max(maxLen, len(l.Bytes))
	}
	cut := func(dst []Lit, n int) []Lit {
		for _, l := range s.Lits {
			if len(l.Bytes) > n {
				l = Lit{Bytes: l.Bytes[:n]}
			}
			dst = append(dst, l)
		}
		return dst
	}
	// Cutting shorter only merges literals, so the longest length that
	// fits is found by bisection, counting the distinct literals of a
	// sorted copy.
	scratch := make([]Lit, 0, len(s.Lits))
	fits := func(n int) bool {
		scratch = cut(scratch[:0], n)
		slices.SortFunc(scratch, compareLits)
		distinct := 0
		for i := range scratch {
			if i == 0 || compareLits(scratch[i-1], scratch[i]) != 0 {
				distinct++
			}
		}
		return distinct <= limit
	}
	lo, hi := minLen, maxLen-1
	if lo > hi || !fits(lo) {
		return infinite
	}
	for lo < hi {
		if mid := (lo + hi + 1) / 2; fits(mid) {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	return dedup(Set{Lits: cut(make([]Lit, 0, len(s.Lits)), lo)})
}

// compareLits orders literals by their bytes, then inexact before exact.
func compareLits(a, b Lit) int {
	if c := bytes.Compare(a.Bytes, b.Bytes); c != 0 {
		return c
	}
	switch {
	case a.Exact == b.Exact:
		return 0
	case b.Exact:
		return -1
	}
	return 1
}

// concat returns a's literals extended by b's: each exact literal of a
// followed by each of b's in order (lexicographic priority, as the
// pattern's threads), inexact ones of a kept as they are. If b is
// infinite, or the product would exceed the limits, a is returned with
// every literal inexact: matches go on past it.
func concat(a, b Set) Set {
	if a.Infinite {
		return a
	}
	if b.Infinite {
		return inexact(a)
	}
	exact, longest := 0, 0
	for _, l := range a.Lits {
		if l.Exact {
			exact++
			longest = max(longest, len(l.Bytes))
		}
	}
	n := len(a.Lits) - exact + exact*len(b.Lits)
	if n > MaxLits && exact > 0 {
		// Keep shorter prefixes of b rather than none.
		if limit := (MaxLits - (len(a.Lits) - exact)) / exact; limit > 0 {
			if b = shrink(b, limit, 1); b.Infinite {
				return inexact(a)
			}
			n = len(a.Lits) - exact + exact*len(b.Lits)
		}
	}
	for _, m := range b.Lits {
		if longest+len(m.Bytes) > MaxLen {
			n = MaxLits + 1
		}
	}
	if n > MaxLits {
		return inexact(a)
	}
	// The new literals share one allocation, each capped at its length.
	size, bLen := 0, 0
	for _, m := range b.Lits {
		bLen += len(m.Bytes)
	}
	for _, l := range a.Lits {
		if l.Exact {
			size += len(l.Bytes)*len(b.Lits) + bLen
		}
	}
	buf := make([]byte, 0, size)
	out := Set{Lits: make([]Lit, 0, n)}
	for _, l := range a.Lits {
		if !l.Exact {
			out.Lits = append(out.Lits, l)
			continue
		}
		for _, m := range b.Lits {
			k := len(buf)
			buf = append(append(buf, l.Bytes...), m.Bytes...)
			out.Lits = append(out.Lits, Lit{Bytes: buf[k:len(buf):len(buf)], Exact: m.Exact})
		}
	}
	return out
}

// dedup drops every literal equal, bytes and exactness, to an earlier
// one: the earlier one always wins.
func dedup(s Set) Set {
	if s.Infinite {
		return s
	}
	out := s.Lits[:0]
	if len(s.Lits) > 16 {
		// A map where pairwise comparison would be quadratic: the
		// alternation of a dictionary's words shrinks its set of
		// thousands at each word.
		type key struct {
			exact bool
			bytes string
		}
		seen := make(map[key]bool, len(s.Lits))
		for _, l := range s.Lits {
			k := key{l.Exact, string(l.Bytes)}
			if !seen[k] {
				seen[k] = true
				out = append(out, l)
			}
		}
		s.Lits = out
		return s
	}
next:
	for _, l := range s.Lits {
		for _, m := range out {
			if m.Exact == l.Exact && bytes.Equal(m.Bytes, l.Bytes) {
				continue next
			}
		}
		out = append(out, l)
	}
	s.Lits = out
	return s
}

// Freq returns how often the byte b occurs in real text, in parts per
// 2^24 (at least 1), from the corpora freqgen/main.go describes.
func Freq(b byte) uint32 { return byteFreq[b] }
