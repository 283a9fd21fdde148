package meta

import (
	"regexp/syntax"
	"sync"
	"sync/atomic"

	"github.com/rxjit/rxjit/regex/internal/dfa"
	"github.com/rxjit/rxjit/regex/internal/literal"
	"github.com/rxjit/rxjit/regex/internal/nfa"
	"github.com/rxjit/rxjit/regex/internal/prefilter"
)

// Inner is the plan's inner literal strategy (reverse suffix when the
// literal ends the pattern, reverse inner otherwise): Lits finds the
// occurrences of a literal set every match holds after its prefix, the
// reverse DFA of the prefix finds where a match through an occurrence
// would start, and the forward DFA, anchored there, where it ends.
// literal.Inner says why the first occurrence that yields a match yields
// the leftmost one.
type Inner struct {
	// Lits finds the occurrences.
	Lits *prefilter.Literals

	prefix    *syntax.Regexp
	why       literal.Proof
	revOnce   sync.Once
	rev       *dfa.DFA
	heads     *syntax.Regexp // literal.Inner.Heads
	headsOnce sync.Once
	headsRev  *dfa.DFA
}

// inside holds a plan's literals inside every match: its inner literal
// strategy and the literals every match contains. Finding them costs a
// first search more than it saves on short inputs (rebar's 04 pattern:
// 22 µs for compile and first search without them, 53 with; choosing
// probes for 32 case-folded spellings is most of it), so they are built
// by the first search of at least lateSpan bytes, or by the search that
// follows lateSearches others (by the first search with Eager).
type inside struct {
	scan     prefilter.Scanner // nil when the plan has none to look for
	searches atomic.Int32
	ready    atomic.Bool
	once     sync.Once
	inner    *Inner
	contains *prefilter.Literals
}

// When the literals inside matches are built (see inside): a first search
// over 32 KiB, where the DFA reading every byte costs tens of
// microseconds, or the 257th search, by when the rejections of inputs
// without them (a pool round trip and a search each, tens of
// nanoseconds) have paid for the set-up.
const (
	lateSpan     = 32 << 10
	lateSearches = 256
)

// Inside returns the plan's inner literal strategy and the literals every
// match contains (Inner's, when there is one), either possibly nil, for
// a search over span bytes; both are nil until the plan has been used
// enough to build them (see inside).
func (p *Plan) Inside(span int) (*Inner, *prefilter.Literals) {
	in := &p.inside
	if in.scan == nil {
		return nil, nil
	}
	if !in.ready.Load() {
		if span < lateSpan && !Eager && in.searches.Add(1) <= lateSearches {
			return nil, nil
		}
		in.once.Do(func() {
			if in.inner = newInner(p.re, in.scan); in.inner != nil {
				in.contains = in.inner.Lits
			} else {
				in.contains = prefilter.NewLiterals(literal.Contained(p.re, containedMinLen), in.scan)
			}
			in.ready.Store(true)
		})
	}
	return in.inner, in.contains
}

// newInner returns the inner literal strategy of re, or nil when it has
// no inner literal with a proof, or only one too common to pay.
func newInner(re *syntax.Regexp, scan prefilter.Scanner) *Inner {
	in, ok := literal.InnerLiteral(re, prefilter.MinLitLen)
	if !ok {
		return nil
	}
	lits := prefilter.NewLiterals(in.Lits, scan)
	if lits == nil {
		return nil
	}
	return &Inner{Lits: lits, prefix: in.Prefix, why: in.Why, heads: in.Heads}
}

// Proven reports whether a proof (literal.Inner) makes the first
// occurrence a forward search confirms give the leftmost match. Without
// one, Heads bounds where the leftmost match starts.
func (in *Inner) Proven() bool { return in.heads == nil }

// Heads returns the DFA of the reversed literal.Inner.Heads of the
// prefix, building it on the first call, or nil when in is Proven. Run
// back from the first occurrence a forward search confirms, the smallest
// start it finds is where an ordinary search for the leftmost match may
// begin.
func (in *Inner) Heads() *dfa.DFA {
	if in.heads == nil {
		return nil
	}
	in.headsOnce.Do(func() { in.headsRev = dfa.New(nfa.CompileReverse(in.heads), dfa.Reverse) })
	return in.headsRev
}

// Reverse returns the DFA of the reversed prefix, building it on the
// first call.
func (in *Inner) Reverse() *dfa.DFA {
	in.revOnce.Do(func() { in.rev = dfa.New(nfa.CompileReverse(in.prefix), dfa.Reverse) })
	return in.rev
}
