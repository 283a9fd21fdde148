package prefilter

import (
	"bytes"
	"fmt"
	"slices"
	"strings"

	"github.com/rxjit/rxjit/regex/internal/literal"
)

// Literals finds occurrences of any of a set of literals (up to
// literal.MaxLits of them): a scan for candidate positions with a few
// byte probes (Spec), generated code or its Go twin, then a check of the
// literals the candidate's probe bits name. It is the prefilter for
// patterns whose matches start with one of the literals, and, when the
// set is exact, the whole search.
type Literals struct {
	lits    [][]byte
	exact   bool
	spec    Spec
	buckets [8][]uint8 // the literals of each bucket, in priority order
	scan    Scanner
	// Buckets of more than bucketScan literals are checked by lookups in
	// byText (the first literal of each text), one per distinct length of
	// the bucket's literals (lens).
	byText map[string]uint8
	lens   [8][]int
}

// bucketScan is the most literals of a bucket that check compares one by
// one; a case-folded literal's bucket holds dozens of spellings, which a
// lookup per length finds faster.
const bucketScan = 4

// NewLiterals returns the prefilter for set, scanning with scan (GoScan
// when nil). It returns nil when the set does not qualify (infinite,
// empty, more than literal.MaxLits literals, one shorter than MinLitLen
// bytes) or when its probes would stop too often to pay (estimated from
// literal.Freq).
func NewLiterals(set literal.Set, scan Scanner) *Literals {
	if set.Infinite || len(set.Lits) == 0 || len(set.Lits) > literal.MaxLits || set.MinLen() < MinLitLen {
		return nil
	}
	l := &Literals{exact: set.Exact(), scan: scan}
	if l.scan == nil {
		l.scan = GoScan{}
	}
	for _, lit := range set.Lits {
		l.lits = append(l.lits, lit.Bytes)
	}
	var ok bool
	var groups [][]uint8
	if l.spec, groups, ok = chooseSpec(l.lits); !ok {
		return nil
	}
	for k, g := range groups {
		l.buckets[k] = g
		if len(g) <= bucketScan {
			continue
		}
		if l.byText == nil {
			l.byText = make(map[string]uint8, len(l.lits))
			for i := len(l.lits) - 1; i >= 0; i-- {
				l.byText[string(l.lits[i])] = uint8(i)
			}
		}
		for _, i := range g {
			if n := len(l.lits[i]); !slices.Contains(l.lens[k], n) {
				l.lens[k] = append(l.lens[k], n)
			}
		}
	}
	return l
}

// ShortScan is the shortest text, past a Spec's Window, for which Find
// calls a Literals' own Scanner rather than GoScan: below two 32-byte
// vector steps, entering generated code costs more than it saves.
const ShortScan = 64

// ShortLeadScan is ShortScan for a Spec with a lead probe, which GoScan
// finds with bytes.IndexByte (the runtime's vector search): the
// generated scan only gets ahead of it on longer texts (on Go source, at
// 1,000 bytes by 20% for ASIA|AKIA|AROA|AIDA, not yet for a
// case-insensitive "# noqa").
const ShortLeadScan = 512

// MinLitLen is the shortest literal a set may hold: a single byte is the
// business of ByteSet and of the DFA's acceleration.
const MinLitLen = 2

// maxCandidateRate is the estimated share of positions the probes may
// stop at for the prefilter to be used: past one in 64, checking the
// candidates costs more than the automaton it would spare.
const maxCandidateRate = 1.0 / 64

// Exact reports whether the pattern is exactly the set: FindMatch then
// answers searches without groups.
func (l *Literals) Exact() bool { return l.exact }

// Find returns the first position p >= at where one of the literals
// occurs, or -1.
func (l *Literals) Find(haystack []byte, at int) int {
	p, _ := l.find(haystack, at, false)
	return p
}

// FindMatch returns the leftmost occurrence at or after at of the exact
// set's literals: the first in priority order among those at that
// position (leftmost-first), or with longest the longest. start is -1 if
// there is none.
func (l *Literals) FindMatch(haystack []byte, at int, longest bool) (start, end int) {
	p, n := l.find(haystack, at, longest)
	return p, p + n
}

// falseRun is how many candidates in a row may fail their check, at an
// average of fewer than falseGap bytes apart, before a single literal's
// search hands over to bytes.Index: on text full of the probes' bytes,
// leaving the generated scan at every position costs more than Index's
// own search.
const (
	falseRun = 64
	falseGap = 32
)

// find returns the first position p >= at where a literal occurs and the
// length of the one chosen there (see FindMatch), or -1.
func (l *Literals) find(hay []byte, at int, longest bool) (int, int) {
	scan := l.spec.scanner(l.scan, hay, at)
	if _, ok := scan.(GoScan); ok && len(l.lits) == 1 {
		// The Go twin of a one-literal scan is bytes.Index, whose own
		// search (SIMD in the runtime) beats a probe loop in Go.
		return l.index(hay, at)
	}
	from, misses := at, 0
	for at <= len(hay) {
		p := l.spec.next(scan, hay, at)
		if p < 0 {
			return -1, 0
		}
		if n := l.check(hay, p, longest); n >= 0 {
			return p, n
		}
		at = p + 1
		if misses++; misses >= falseRun && len(l.lits) == 1 {
			if (at-from)/misses < falseGap {
				return l.index(hay, at)
			}
			from, misses = at, 0
		}
	}
	return -1, 0
}

// index finds the set's one literal with bytes.Index.
func (l *Literals) index(hay []byte, at int) (int, int) {
	if at > len(hay) {
		return -1, 0
	}
	i := bytes.Index(hay[at:], l.lits[0])
	if i < 0 {
		return -1, 0
	}
	return at + i, len(l.lits[0])
}

// check returns the length of the literal chosen at the candidate p (the
// first in priority order that occurs there, or the longest), or -1.
func (l *Literals) check(hay []byte, p int, longest bool) int {
	if len(l.lits) == 1 {
		if bytes.HasPrefix(hay[p:], l.lits[0]) {
			return len(l.lits[0])
		}
		return -1
	}
	bits := l.spec.bits(hay, p)
	best, n := len(l.lits), -1
	for k := 0; bits != 0; k, bits = k+1, bits>>1 {
		if bits&1 == 0 {
			continue
		}
		if l.lens[k] != nil {
			for _, m := range l.lens[k] {
				if p+m > len(hay) {
					continue
				}
				i, ok := l.byText[string(hay[p:p+m])]
				switch {
				case !ok:
				case longest:
					n = max(n, m)
				case int(i) < best:
					best, n = int(i), m
				}
			}
			continue
		}
		for _, i := range l.buckets[k] {
			lit := l.lits[i]
			if !bytes.HasPrefix(hay[p:], lit) {
				continue
			}
			if longest {
				n = max(n, len(lit))
				continue
			}
			if int(i) < best {
				best, n = int(i), len(lit)
			}
			break // later literals of the bucket rank lower
		}
	}
	return n
}

// String describes the prefilter, for rxjit --explain.
func (l *Literals) String() string {
	var b strings.Builder
	switch {
	case len(l.lits) == 1:
		fmt.Fprintf(&b, "literal %+q", l.lits[0])
	default:
		fmt.Fprintf(&b, "%d literals", len(l.lits))
		if len(l.lits) <= 8 {
			parts := make([]string, len(l.lits))
			for i, lit := range l.lits {
				parts[i] = fmt.Sprintf("%+q", lit)
			}
			fmt.Fprintf(&b, " {%s}", strings.Join(parts, " "))
		}
	}
	if l.exact {
		b.WriteString(", exact")
	}
	fmt.Fprintf(&b, "; candidates by %v", &l.spec)
	return b.String()
}

// Spec returns the candidate scan's description.
func (l *Literals) Spec() *Spec { return &l.spec }
