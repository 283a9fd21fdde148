package dfa

import (
	"slices"

	"github.com/rxjit/rxjit/regex/internal/nfa"
)

// start returns the start state of a search whose first position has the
// given facts: the closure of the NFA's anchored or unanchored start.
func (d *DFA) start(c *Cache, anchored bool, facts uint8) uint32 {
	k := int(facts)
	if anchored {
		k |= 32
	}
	if id := c.starts[k]; id != 0 {
		return id
	}
	s := d.nfa.StartUnanchored
	if anchored {
		s = d.nfa.StartAnchored
	}
	c.next = append(c.next[:0], s)
	id := c.intern(facts, 0, false)
	c.starts[k] = id
	if anchored && d.kind == Forward {
		c.noteAnchoredStart(facts, id)
	}
	return id
}

// compute builds the transition of the state from on column cls (a byte
// class, or d.eoi for the end of input), stores it in the table and
// returns it. It may clear
// the cache; the returned ID is valid after that, from is not.
func (d *DFA) compute(c *Cache, from uint32, cls int) (uint32, error) {
	info := c.infos[int(from&idMask)/d.stride]
	kernel := c.kernel[info.k0:info.k1]
	eoi := cls == d.eoi
	var b byte
	if !eoi {
		b = d.repr[cls]
	}

	// Forward, every byte passes the UTF-8 validator first.
	u := info.utf8
	if d.kind != Reverse && (len(kernel) > 0 || u != u8Boundary) {
		ok := u == u8Boundary
		if !eoi {
			u, ok = utf8Next(u, b)
		}
		if !ok {
			return c.store(from, cls, c.quitID()), nil
		}
	}

	// Close the kernel, in priority order, with the assertions about the
	// byte ahead decided by b, and step every thread over b.
	a := aheadOf(b, eoi)
	c.closure(d, kernel, info.facts, a)
	matched := false
	c.inNext.Clear()
	c.next = c.next[:0]
	for _, id := range c.threads {
		s := &d.nfa.States[id]
		switch s.Kind {
		case nfa.KindMatch:
			if info.facts&factCont != 0 {
				continue // reverse, inside a rune: not a match start
			}
			matched = true
			if d.kind == Forward {
				goto done // lower-priority threads lose to this match
			}
		case nfa.KindRange, nfa.KindSparse:
			if eoi {
				continue
			}
			if to, ok := d.nfa.Step(s, b); ok && c.inNext.Insert(to) {
				c.next = append(c.next, to)
			}
		}
	}
done:
	var to uint32
	if len(c.next) == 0 && u == u8Boundary {
		// Nothing is left to decide. A state with no threads but a
		// rune under way stays alive to validate it: an assertion may
		// have read that rune as valid.
		to = c.deadID()
		if matched {
			to |= TagMatch
		}
	} else {
		if d.kind != Forward {
			slices.Sort(c.next)
		}
		var ok bool
		if to, ok = c.lookup(d.behindFacts(b), u, matched); !ok {
			if c.used+c.cost(len(c.next)) > d.Budget {
				// Clearing loses from: keep its key, find it again,
				// and build the transition anew.
				from, err := c.clearKeeping(from)
				if err != nil {
					return 0, err
				}
				return d.compute(c, from, cls)
			}
			to = c.insert(matched)
		}
	}
	c.store(from, cls, to)
	if info := &c.infos[int(from&idMask)/d.stride]; to&^(TagAccel|TagMatch) == from&idMask && d.kind != Reverse && !info.accelTried {
		// The first self-loop of a state: see whether it can skip, once
		// the cache has shown it is used for more than a short search.
		info.accelTried = true
		if c.scanned < accelAfter {
			c.pending = append(c.pending, from&idMask)
			return to, nil
		}
		c.accelerate(from & idMask)
		to = c.transition(from, cls)
	}
	return to, nil
}

// store writes a transition and returns it.
func (c *Cache) store(from uint32, cls int, to uint32) uint32 {
	c.mem[HeaderWords+int(from&idMask)+cls] = to
	return to
}

// closure fills c.threads with the states reachable from kernel without
// consuming input, in priority order, keeping those that consume a byte or
// match.
func (c *Cache) closure(d *DFA, kernel []nfa.StateID, facts uint8, a ahead) {
	c.seen.Clear()
	c.threads = c.threads[:0]
	stack := c.stack[:0]
	for i := len(kernel) - 1; i >= 0; i-- {
		stack = append(stack, kernel[i])
	}
	states := d.nfa.States
	for len(stack) > 0 {
		id := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		for c.seen.Insert(id) {
			s := &states[id]
			switch s.Kind {
			case nfa.KindUnion:
				alts := d.nfa.Alts(s)
				for i := len(alts) - 1; i > 0; i-- {
					stack = append(stack, alts[i])
				}
				id = alts[0]
				continue
			case nfa.KindCapture:
				id = s.Next
				continue
			case nfa.KindLook:
				if d.holds(s.Look, facts, a) {
					id = s.Next
					continue
				}
			case nfa.KindRange, nfa.KindSparse, nfa.KindMatch:
				c.threads = append(c.threads, id)
			}
			break
		}
	}
	c.stack = stack
}

// cost returns the bytes a new state with a kernel of k NFA states takes:
// its row, kernel, slots in the state table and info.
func (c *Cache) cost(k int) int {
	return 4*c.dfa.stride + 4*k + tableSlotBytes + 12
}

// lookup looks for the state with kernel c.next and the given facts,
// UTF-8 validator state and match flag, and returns its ID if it exists.
// It leaves the key's hash in c.hash for insert.
func (c *Cache) lookup(facts, u uint8, matched bool) (uint32, bool) {
	c.hash = keyHash(c.next, facts, u, matched)
	c.keyFacts, c.keyUTF8 = facts, u
	return c.ids.find(c, c.hash, c.next, facts, u, matched)
}

// insert adds the state whose key lookup has just looked for and
// returns its ID.
func (c *Cache) insert(matched bool) uint32 {
	k0 := uint32(len(c.kernel))
	c.kernel = append(c.kernel, c.next...)
	info := stateInfo{k0: k0, k1: uint32(len(c.kernel)), facts: c.keyFacts, utf8: c.keyUTF8}
	id := c.addRow(info, TagUnknown)
	if matched {
		id |= TagMatch
	}
	if d := c.dfa; d.prefilter != nil && len(c.next) == 1 && c.next[0] == d.nfa.StartUnanchored && d.kind == Forward {
		id |= TagStart
	}
	c.ids.add(c.hash, id)
	c.used += c.cost(len(c.next)) - 4*c.dfa.stride - 12
	c.built++
	return id
}

// intern returns the ID of the state with kernel c.next, adding it if it
// is new, whatever the budget says.
func (c *Cache) intern(facts, u uint8, matched bool) uint32 {
	if id, ok := c.lookup(facts, u, matched); ok {
		return id
	}
	return c.insert(matched)
}

// clearKeeping clears the cache and returns the new ID of the state id.
// It fails with ErrGaveUp when the cache is thrashing.
func (c *Cache) clearKeeping(id uint32) (uint32, error) {
	// The reverse DFA never gives up: it reads only the match, and the
	// other way to find a match start, the PikeVM from the search start,
	// reads far more.
	if c.dfa.kind != Reverse && c.clears+1 >= MinClears && c.scanned < MinBytesPerState*c.built {
		c.gaveUp = true
		return 0, ErrGaveUp
	}
	info := c.infos[int(id&idMask)/c.dfa.stride]
	keep := slices.Clone(c.kernel[info.k0:info.k1])
	c.reset()
	c.clears++
	c.next = append(c.next[:0], keep...)
	return c.intern(info.facts, info.utf8, id&TagMatch != 0), nil
}
