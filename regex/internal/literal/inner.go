package literal

import (
	"unicode"
	"unicode/utf8"

	"regexp/syntax"
)

// Inner is a literal set that every match of a pattern contains at a
// fixed place of its top-level concatenation: the pattern is
// Prefix·L·rest, where L (the element the set came from) matches exactly
// the literals of Lits. A search may look for those literals first, find
// where a match through each occurrence would start by running Prefix in
// reverse from it, and confirm the whole pattern forward from that start:
// a pattern without literal prefixes (`\w+\s+Holmes\s+\w+`) is then
// searched at the speed of its literal.
//
// Occurrences are found in text order, but matches are ordered by their
// starts, and a later occurrence can belong to a match that starts
// earlier: with `[^()]*(?:\([^()]*\))?[^()]*:` on "$(:):", the first ":"
// (offset 2) is a whole match by itself, while the leftmost match, 0..5,
// runs through the group to the second.
// InnerLiteral therefore returns a set only where one of three proofs
// shows that no match through a later occurrence starts before the
// earliest start found through the first occurrence that has one (see
// Why). Let the first such occurrence be at q, its earliest start s, and
// suppose a match starts at s' < s and passes through a later occurrence
// at q' > q, its Prefix part spanning [s', q'), which holds the rune at
// q (s' < s ≤ q < q'):
//
//   - FixedPrefix: every match of Prefix has the same length k, so
//     s' = q'-k > q-k = s, a contradiction;
//   - Separator: Prefix ends with a required class S (S, S+, S{n,} with
//     n ≥ 1) that shares no rune with the rest of Prefix nor with any
//     literal. The Prefix match of [s, q) ends with a rune of S at q-1.
//     In [s', q') the S part ends at q' and cannot reach back over the
//     literal's runes at q, so the rest of Prefix spans q-1 and holds a
//     rune of S, a contradiction;
//   - Absent: the first rune of every literal is one Prefix never
//     matches, yet [s', q') holds the first rune of the literal at q.
//     (With one literal it is enough that any of its runes is absent:
//     two occurrences of a literal that overlap are a period of it apart,
//     and the overlap holds a whole period, so every rune of it.)
//
// Runes are regexp's: an invalid byte is U+FFFD, so a class holding
// U+FFFD also matches invalid bytes, and a literal never holds U+FFFD. An
// occurrence starts at a rune boundary of every decoding, since a
// literal starts with a leading byte.
type Inner struct {
	// Prefix is the pattern before the literal element: what a match
	// spans before its occurrence.
	Prefix *syntax.Regexp
	// Lits are the literals L matches, all exact.
	Lits Set
	// Why names the proof that makes the first confirmed candidate the
	// leftmost match, or is Widened.
	Why Proof
	// Heads, when no proof holds (Why is Widened), matches every
	// prefix of a match of Prefix (see Heads).
	Heads *syntax.Regexp
}

// Proof names one of InnerLiteral's proofs (see Inner).
type Proof uint8

// The proofs.
const (
	FixedPrefix Proof = iota
	Separator
	Absent
	// Widened stands for no proof: the first confirmed occurrence q
	// shows only that every match goes through q or a later occurrence,
	// so it starts where Heads, run in reverse from q, matches or later,
	// and an ordinary search from there finds the leftmost match.
	Widened
)

func (p Proof) String() string {
	return [...]string{"the prefix has a fixed length", "the prefix ends with a class no other part shares", "the prefix never matches the literal's first rune",
		"no proof holds"}[p]
}

// InnerLiteral returns the inner literal set of re (see Inner) whose
// literals are at least minLen bytes long, preferring one with a proof,
// then the longest shortest literal, or false when re has none. An
// element at the start of re is a prefix, which Prefixes serves.
func InnerLiteral(re *syntax.Regexp, minLen int) (Inner, bool) {
	re = re.Simplify()
	elems := Flatten(nil, re)
	var best Inner
	found := false
	for i := 1; i < len(elems); i++ {
		lits := elementLiterals(elems[i])
		if lits.Infinite || !lits.Exact() || lits.MinLen() < minLen || !leading(lits) {
			continue
		}
		proven := found && best.Why != Widened
		if found && lits.MinLen() <= best.Lits.MinLen() && proven {
			continue
		}
		prefix := &syntax.Regexp{Op: syntax.OpConcat, Flags: re.Flags, Sub: elems[:i:i]}
		if why, ok := innerProof(elems[:i], lits); ok {
			if !proven || lits.MinLen() > best.Lits.MinLen() {
				best, found = Inner{Prefix: prefix, Lits: lits, Why: why}, true
			}
			continue
		}
		if found && lits.MinLen() <= best.Lits.MinLen() {
			continue
		}
		if h := Heads(prefix); h != nil {
			best, found = Inner{Prefix: prefix, Lits: lits, Why: Widened, Heads: h}, true
		}
	}
	return best, found
}

// Flatten appends to elems the elements of re as a concatenation, with
// groups and nested concatenations opened: their captures mean nothing to
// the DFAs that search by an inner literal, nor to the shape of a match.
func Flatten(elems []*syntax.Regexp, re *syntax.Regexp) []*syntax.Regexp {
	switch re.Op {
	case syntax.OpCapture:
		return Flatten(elems, re.Sub[0])
	case syntax.OpConcat:
		for _, sub := range re.Sub {
			elems = Flatten(elems, sub)
		}
		return elems
	}
	return append(elems, re)
}

// elementLiterals returns the literals that one element of a
// concatenation matches, when it is a literal or an alternation of them,
// possibly case-folded or captured.
func elementLiterals(re *syntax.Regexp) Set {
	for re.Op == syntax.OpCapture {
		re = re.Sub[0]
	}
	switch re.Op {
	case syntax.OpLiteral, syntax.OpAlternate, syntax.OpCharClass:
		return Prefixes(re, 1)
	}
	return Set{Infinite: true}
}

// innerProof returns the proof (see Inner) that prefix, the elements of a
// concatenation before an inner literal set, lets the first confirmed
// candidate of lits be the leftmost match.
func innerProof(prefix []*syntax.Regexp, lits Set) (Proof, bool) {
	if lo, hi, bounded := widths(prefix...); bounded && lo == hi {
		return FixedPrefix, true
	}
	if separated(prefix, lits) {
		return Separator, true
	}
	var alpha runeSet
	for _, re := range prefix {
		alpha.add(re)
	}
	absent := true
	for _, l := range lits.Lits {
		first, _ := utf8.DecodeRune(l.Bytes)
		absent = absent && !alpha.has(first)
	}
	if !absent && len(lits.Lits) == 1 {
		for _, r := range string(lits.Lits[0].Bytes) {
			absent = absent || !alpha.has(r)
		}
	}
	if absent {
		return Absent, true
	}
	return 0, false
}

// separated reports whether the last element of prefix that consumes
// input is a required class that shares no rune with the other elements
// of prefix nor with any literal of lits.
func separated(prefix []*syntax.Regexp, lits Set) bool {
	last := len(prefix) - 1
	for last >= 0 && zeroWidth(prefix[last]) {
		last--
	}
	if last < 0 {
		return false
	}
	var sep runeSet
	if !sep.required(prefix[last]) {
		return false
	}
	for i, re := range prefix {
		if i == last {
			continue
		}
		var other runeSet
		other.add(re)
		if other.meets(&sep) {
			return false
		}
	}
	for _, l := range lits.Lits {
		for _, r := range string(l.Bytes) {
			if sep.has(r) {
				return false
			}
		}
	}
	return true
}

// leading reports whether every literal of lits starts with a valid
// rune, so that its occurrences start at rune boundaries.
func leading(lits Set) bool {
	for _, l := range lits.Lits {
		if r, _ := utf8.DecodeRune(l.Bytes); r == utf8.RuneError {
			return false
		}
	}
	return true
}

// zeroWidth reports whether re matches only the empty string.
func zeroWidth(re *syntax.Regexp) bool {
	lo, hi, bounded := widths(re)
	return bounded && lo == 0 && hi == 0
}

// widths returns the fewest and most bytes a match of the concatenation
// of res spans, bounded false when there is no most. A class that holds
// U+FFFD also matches a single invalid byte.
func widths(res ...*syntax.Regexp) (lo, hi int, bounded bool) {
	bounded = true
	for _, re := range res {
		l, h, b := width(re)
		lo, hi, bounded = lo+l, hi+h, bounded && b
	}
	return lo, hi, bounded
}

func width(re *syntax.Regexp) (lo, hi int, bounded bool) {
	switch re.Op {
	case syntax.OpEmptyMatch, syntax.OpBeginLine, syntax.OpEndLine, syntax.OpBeginText,
		syntax.OpEndText, syntax.OpWordBoundary, syntax.OpNoWordBoundary, syntax.OpNoMatch:
		return 0, 0, true
	case syntax.OpLiteral:
		for _, r := range re.Rune {
			l, h := utf8.UTFMax, 0
			for _, f := range orbit(r, re.Flags&syntax.FoldCase != 0) {
				l, h = min(l, runeLen(f)), max(h, runeLen(f))
			}
			if r == utf8.RuneError {
				l = 1
			}
			lo, hi = lo+l, hi+h
		}
		return lo, hi, true
	case syntax.OpCharClass:
		lo, hi = utf8.UTFMax, 0
		for i := 0; i+1 < len(re.Rune); i += 2 {
			a, b := re.Rune[i], re.Rune[i+1]
			if a <= utf8.RuneError && utf8.RuneError <= b {
				lo = 1
			}
			lo, hi = min(lo, runeLen(a)), max(hi, runeLen(min(b, unicode.MaxRune)))
		}
		if hi == 0 {
			return 0, 0, true
		}
		return lo, hi, true
	case syntax.OpAnyChar, syntax.OpAnyCharNotNL:
		return 1, utf8.UTFMax, true
	case syntax.OpCapture:
		return width(re.Sub[0])
	case syntax.OpQuest:
		_, h, b := width(re.Sub[0])
		return 0, h, b
	case syntax.OpStar, syntax.OpPlus:
		l, h, _ := width(re.Sub[0])
		if re.Op == syntax.OpStar {
			l = 0
		}
		return l, 0, h == 0
	case syntax.OpRepeat:
		l, h, b := width(re.Sub[0])
		if re.Max < 0 {
			return l * re.Min, 0, h == 0
		}
		return l * re.Min, h * re.Max, b
	case syntax.OpConcat:
		return widths(re.Sub...)
	case syntax.OpAlternate:
		lo, bounded = -1, true
		for _, sub := range re.Sub {
			l, h, b := width(sub)
			if lo < 0 || l < lo {
				lo = l
			}
			hi, bounded = max(hi, h), bounded && b
		}
		return max(lo, 0), hi, bounded
	}
	return 0, 0, false
}

// runeLen is the length of r's encoding, for any rune a class or a
// literal may hold (surrogates count as three bytes, the width of their
// neighbours).
func runeLen(r rune) int {
	switch {
	case r < 0x80:
		return 1
	case r < 0x800:
		return 2
	case r < 0x10000:
		return 3
	}
	return 4
}

// runeSet is a set of runes as ranges, unsorted and possibly
// overlapping: the alphabet of part of a pattern.
type runeSet struct{ ranges []rune }

// add adds every rune a match of re can hold.
func (s *runeSet) add(re *syntax.Regexp) {
	switch re.Op {
	case syntax.OpLiteral:
		for _, r := range re.Rune {
			for _, f := range orbit(r, re.Flags&syntax.FoldCase != 0) {
				s.ranges = append(s.ranges, f, f)
			}
		}
	case syntax.OpCharClass:
		s.ranges = append(s.ranges, re.Rune...)
	case syntax.OpAnyChar:
		s.ranges = append(s.ranges, 0, unicode.MaxRune)
	case syntax.OpAnyCharNotNL:
		s.ranges = append(s.ranges, 0, '\n'-1, '\n'+1, unicode.MaxRune)
	default:
		for _, sub := range re.Sub {
			s.add(sub)
		}
	}
}

// required sets s to the class that re, a class or a repetition of one
// at least once, requires, and reports whether re is one.
func (s *runeSet) required(re *syntax.Regexp) bool {
	for re.Op == syntax.OpCapture {
		re = re.Sub[0]
	}
	switch {
	case re.Op == syntax.OpPlus, re.Op == syntax.OpRepeat && re.Min >= 1:
		re = re.Sub[0]
		for re.Op == syntax.OpCapture {
			re = re.Sub[0]
		}
	}
	switch re.Op {
	case syntax.OpCharClass, syntax.OpAnyChar, syntax.OpAnyCharNotNL:
	case syntax.OpLiteral:
		if len(re.Rune) != 1 {
			return false
		}
	default:
		return false
	}
	s.add(re)
	return true
}

// has reports whether r is in s.
func (s *runeSet) has(r rune) bool {
	for i := 0; i+1 < len(s.ranges); i += 2 {
		if s.ranges[i] <= r && r <= s.ranges[i+1] {
			return true
		}
	}
	return false
}

// meets reports whether s and t share a rune.
func (s *runeSet) meets(t *runeSet) bool {
	for i := 0; i+1 < len(s.ranges); i += 2 {
		for j := 0; j+1 < len(t.ranges); j += 2 {
			if s.ranges[i] <= t.ranges[j+1] && t.ranges[j] <= s.ranges[i+1] {
				return true
			}
		}
	}
	return false
}
