package regex

import (
	"sync"

	"github.com/rxjit/rxjit/regex/internal/meta"
	"github.com/rxjit/rxjit/regex/internal/runeprog"
)

// A pattern's first searches run on its rune program (package runeprog),
// which costs about what regexp's compile does, instead of building the
// byte-level engines, which cost several times that and up to twenty times
// (a class such as \p{L} is one rune instruction, and a trie of about 300
// NFA states once per use in the byte NFA). Once its searches have cost
// enough to pay for them (coldBudget), or a search would cost more than
// the budget has left, the pattern moves onto the byte-level engines for
// good. Leftmost-longest searches never run on the rune program.
const (
	// coldBudget is the input the rune program searches, counted over
	// all a pattern's searches, before the engines are built. It
	// searches at 0.3-18 ns a byte, about regexp's speed
	// (BenchmarkColdSearch, 256-byte rows), where the engines take a
	// fraction of a nanosecond to a few, and building them costs 10-400
	// µs (BenchmarkCompileFirstSearch before the rune program): at 8 KiB
	// the searches have cost about what the build would have.
	coldBudget = 8 << 10
	// coldSearchCost is what a search costs beside its input, counted
	// in bytes of input.
	coldSearchCost = 64
)

// coldCaches holds rune program searches' scratch memory.
var coldCaches = sync.Pool{New: func() any { return new(runeprog.Cache) }}

// coldFor returns the rune program that a search of n bytes of input runs
// on, or nil if the search runs on the engines: the pattern has moved
// onto them, the program does not serve the search, or the search would
// overdraw the pattern's budget. Under RXJIT_ENGINE=runes every search the program
// serves runs there.
func (p *program) coldFor(n int, longest bool) *runeprog.Prog {
	if longest || meta.Forced != meta.Auto || meta.Eager || (!meta.Runes && p.eng.Load() != nil) {
		return nil
	}
	p.coldOnce.Do(func() { p.cold = runeprog.Compile(p.parse().Simplify(), runeprog.MaxInsts) })
	c := p.cold
	if c == nil || n > c.MaxInput() {
		return nil
	}
	if !meta.Runes && p.spent.Load()+int64(n+coldSearchCost) > coldBudget {
		// The search would overdraw the budget: the engines, which
		// searches from here on need anyway, take it.
		return nil
	}
	return c
}

// coldSearch is search on p's rune program c, charged to p's budget.
func (p *program) coldSearch(c *runeprog.Prog, input []byte, pos int, slots []int) bool {
	p.spent.Add(int64(len(input) - pos + coldSearchCost))
	cache := coldCaches.Get().(*runeprog.Cache)
	ok := c.Search(cache, input, pos, slots)
	coldCaches.Put(cache)
	if ok {
		injectMatchFault(slots)
	}
	return ok
}
