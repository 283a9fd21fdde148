package meta

import (
	"runtime"
	"sync"
	"weak"

	"github.com/rxjit/rxjit/regex/internal/dfa"
	"github.com/rxjit/rxjit/regex/internal/nfa"
)

// The reverse DFA is built the first time a search needs a match start:
// its NFA costs as much to compile as the forward one (twice that with
// large Unicode classes), and Match never needs it. A Plan must not
// change once built (two compiles of one pattern stay reflect.DeepEqual),
// so the reverse DFAs live here, keyed by a weak pointer to their plan,
// and leave with it.
var reverses sync.Map // weak.Pointer[Plan] → *lazyReverse

type lazyReverse struct {
	once sync.Once
	d    *dfa.DFA
}

// ReverseDFA returns the DFA of the reversed pattern, building it on the
// first call. Callers keep it (meta.Cache does, per plan): the look-up
// costs a map access.
func (p *Plan) ReverseDFA() *dfa.DFA {
	k := weak.Make(p)
	v, ok := reverses.Load(k)
	if !ok {
		var loaded bool
		v, loaded = reverses.LoadOrStore(k, &lazyReverse{})
		if !loaded {
			runtime.AddCleanup(p, func(k weak.Pointer[Plan]) { reverses.Delete(k) }, k)
		}
	}
	lr := v.(*lazyReverse)
	lr.once.Do(func() { lr.d = dfa.New(nfa.CompileReverse(p.re), dfa.Reverse) })
	return lr.d
}
