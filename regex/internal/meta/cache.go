package meta

import "github.com/rxjit/rxjit/regex/internal/dfa"

// Cache holds the DFA caches of the plans a goroutine used last. The
// caches belong to a plan's DFAs, but a Regexp must hold nothing mutable
// (two compiles of one pattern stay reflect.DeepEqual whatever they have
// matched), so they live here, in a pool the public package keeps, and
// are found by plan. A Cache keeps the few most recently used plans; a
// plan pushed out loses its states, which a program that alternates
// between more patterns than that per goroutine pays for in rebuilding.
type Cache struct {
	slots [cacheSlots]slot
	tick  uint32
	// Shadow holds the sanitized copy of a text that is not valid UTF-8
	// (dfa.Sanitize) while a search runs; its storage is reused.
	Shadow []byte
}

const cacheSlots = 8

type slot struct {
	plan              *Plan
	fwd, rev, longest *dfa.Cache
	revDFA            *dfa.DFA
	inner, heads      *dfa.Cache
	used              uint32
}

// DFACaches are the caches of one plan's DFAs, built when first needed.
type DFACaches struct{ s *slot }

// For returns the caches of p's DFAs, evicting the least recently used
// plan's if p has none here yet.
func (c *Cache) For(p *Plan) DFACaches {
	c.tick++
	old := 0
	for i := range c.slots {
		s := &c.slots[i]
		if s.plan == p {
			s.used = c.tick
			return DFACaches{s}
		}
		if s.used < c.slots[old].used {
			old = i
		}
	}
	c.slots[old] = slot{plan: p, used: c.tick}
	return DFACaches{&c.slots[old]}
}

// Fwd returns the forward DFA's cache.
func (d DFACaches) Fwd() *dfa.Cache {
	if d.s.fwd == nil {
		d.s.fwd = d.s.plan.Fwd.NewCache()
	}
	return d.s.fwd
}

// Rev returns the reverse DFA and its cache.
func (d DFACaches) Rev() (*dfa.DFA, *dfa.Cache) {
	if d.s.rev == nil {
		d.s.revDFA = d.s.plan.ReverseDFA()
		d.s.rev = d.s.revDFA.NewCache()
	}
	return d.s.revDFA, d.s.rev
}

// Longest returns the leftmost-longest DFA's cache.
func (d DFACaches) Longest() *dfa.Cache {
	if d.s.longest == nil {
		d.s.longest = d.s.plan.Longest.NewCache()
	}
	return d.s.longest
}

// Inner returns the reverse DFA of in's prefix, in the plan's inner
// literal strategy (Plan.Inside), and its cache.
func (d DFACaches) Inner(in *Inner) (*dfa.DFA, *dfa.Cache) {
	rev := in.Reverse()
	if d.s.inner == nil {
		d.s.inner = rev.NewCache()
	}
	return rev, d.s.inner
}

// Heads returns in.Heads() and its cache; in must not be Proven.
func (d DFACaches) Heads(in *Inner) (*dfa.DFA, *dfa.Cache) {
	rev := in.Heads()
	if d.s.heads == nil {
		d.s.heads = rev.NewCache()
	}
	return rev, d.s.heads
}
