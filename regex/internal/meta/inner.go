package meta

import (
	"regexp/syntax"
	"sync"

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

	prefix  *syntax.Regexp
	why     literal.Proof
	revOnce sync.Once
	rev     *dfa.DFA
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
	return &Inner{Lits: lits, prefix: in.Prefix, why: in.Why}
}

// Reverse returns the DFA of the reversed prefix, building it on the
// first call.
func (in *Inner) Reverse() *dfa.DFA {
	in.revOnce.Do(func() { in.rev = dfa.New(nfa.CompileReverse(in.prefix), dfa.Reverse) })
	return in.rev
}
