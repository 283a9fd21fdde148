// Package pikevm simulates a byte-level NFA with Pike's method: all
// threads advance in lock step over the input, one byte at a time, so a
// search takes time linear in the input (times the size of the NFA) and
// can report capture groups.
//
// It is rxjit's last-resort engine: it handles every pattern and every
// search, with or without captures, leftmost-first or leftmost-longest,
// and its answers are Go's regexp's answers to the letter. Threads are
// kept in priority order and a state reached twice keeps only its first,
// highest-priority thread, exactly as regexp's own NFA machine does; the
// NFA has the shape of regexp/syntax's program, so the same thread wins.
//
// SearchStream runs the same loop over a rune stream, reading it as it
// goes (package stream), for the RuneReader methods.
//
// A VM is immutable and safe for concurrent use; each search needs a Cache,
// which holds all scratch memory, so that a search allocates nothing once
// its Cache has grown to fit.
package pikevm

import (
	"slices"

	"github.com/rxjit/rxjit/regex/internal/nfa"
	"github.com/rxjit/rxjit/regex/internal/stream"
)

// Prefilter finds candidate match starts quickly. Find returns the first
// position p >= at at which a match could start, or -1 if none can. Every
// position it returns must be a rune boundary (in the sense of package
// nfa), and it may only be used for patterns that cannot match the empty
// string.
type Prefilter interface {
	Find(haystack []byte, at int) int
}

// VM is a PikeVM for one NFA.
type VM struct {
	nfa       *nfa.NFA
	states    []nfa.State
	start     nfa.StateID
	prefilter Prefilter
	// startThreads, where startKnown, are the threads of the start
	// state's closure, in priority order: the same at every position
	// when no assertion is on the way, so a search without slots adds
	// them instead of walking the closure again at each rune boundary.
	startThreads []nfa.StateID
	startKnown   bool
}

// New returns a VM for n. A non-nil prefilter is consulted whenever no
// thread is alive, to skip input that cannot start a match.
func New(n *nfa.NFA, prefilter Prefilter) *VM {
	vm := &VM{nfa: n, states: n.States, start: n.StartAnchored, prefilter: prefilter}
	vm.startThreads, vm.startKnown = vm.startClosure()
	return vm
}

// startClosure returns the threads of the closure of the start state in
// priority order, walked by the search's own closure, and false if an
// assertion is on the way (the closure then depends on the position) or
// the closure is large (a walk, which skips a state another thread's
// closure already entered, is then cheaper than testing every thread of
// a long list), or the NFA so large that the walk's set of visited
// states would cost more than the list saves.
func (vm *VM) startClosure() ([]nfa.StateID, bool) {
	const maxStartThreads, maxStates = 64, 1 << 16
	if len(vm.states) > maxStates {
		return nil, false
	}
	c := &Cache{}
	c.cur.init(len(vm.states))
	vm.closureNoSlots(c, &c.cur, vm.start, nil, 0)
	if len(c.cur.threads) > maxStartThreads {
		return nil, false
	}
	for id, mark := range c.cur.mark {
		if mark == c.cur.gen && vm.states[id].Kind == nfa.KindLook {
			return nil, false
		}
	}
	return slices.Clone(c.cur.threads), true
}

// Cache holds the scratch memory of one search at a time.
type Cache struct {
	cur, next queue
	stack     []frame
	ids       []nfa.StateID // closureNoSlots's stack
	scratch   []int
	best      []int          // the slots of the best match so far
	win       *stream.Window // the stream being searched, or nil
	anchored  bool           // the search is SearchAnchored

	// Window is scratch memory for a stream search's window, kept here
	// so that it is pooled with the rest.
	Window stream.Window
}

// offset returns the position that capture slots record for at: at
// itself, or, in a stream, the reader's offset of the rune at at.
func (c *Cache) offset(at int) int {
	if c.win == nil {
		return at
	}
	return c.win.Offset(at)
}

// NewCache returns a Cache for VMs whose NFA has at most states states.
func NewCache(states int) *Cache {
	c := &Cache{}
	c.cur.init(states)
	c.next.init(states)
	return c
}

// queue is an ordered set of NFA states: a state is visited at one
// position when its mark is the queue's generation, and threads lists,
// in priority order, the visited states that wait for a byte or accept,
// each with its capture slots. (Marks make a visit one load and a store,
// and clearing a counter's increment; an nfa.SparseSet's insert was a
// fifth of BenchmarkHard/Hard.)
type queue struct {
	mark    []uint32
	gen     uint32
	threads []nfa.StateID
	slots   []int
}

func (q *queue) init(n int) { q.mark, q.gen = make([]uint32, n), 1 }

func (q *queue) clear() {
	if q.gen++; q.gen == 0 { // wrapped: old marks could read as current
		clear(q.mark)
		q.gen = 1
	}
	q.threads = q.threads[:0]
	q.slots = q.slots[:0]
}

// insert adds id to the set and reports whether it was absent.
func (q *queue) insert(id nfa.StateID) bool {
	if q.mark[id] == q.gen {
		return false
	}
	q.mark[id] = q.gen
	return true
}

// frame is a unit of pending work in the epsilon closure: explore state
// id, or, when restore is set, put val back into capture slot slot.
type frame struct {
	id      nfa.StateID
	restore bool
	slot    uint32
	val     int
}

// Search looks for the leftmost match in input that starts at or after
// start (a rune boundary), and reports whether there is one. The text
// before start is still seen by assertions such as \b and ^.
//
// slots receives the capture positions of the match, as pairs of byte
// offsets with -1 for groups that did not participate; its length (even,
// possibly zero) says how many slots to track, and tracking fewer is
// faster. With longest, the match is leftmost-longest instead of
// leftmost-first. Slots are left unchanged when there is no match.
func (vm *VM) Search(c *Cache, input []byte, start int, slots []int, longest bool) bool {
	c.win, c.anchored = nil, false
	return vm.search(c, input, start, slots, longest)
}

// SearchAnchored is Search for a match that starts at start: where a
// faster engine has found that the leftmost match starts there, no
// thread need start anywhere else, and none is added at each later
// position (the closure of the start there was half of a long capture
// search's time, BenchmarkPathological).
func (vm *VM) SearchAnchored(c *Cache, input []byte, start int, slots []int, longest bool) bool {
	c.win, c.anchored = nil, true
	return vm.search(c, input, start, slots, longest)
}

// search is Search over input, or, when c.win is set, over the stream
// c.win reads, of which input is the window (and start 0).
func (vm *VM) search(c *Cache, input []byte, start int, slots []int, longest bool) bool {
	if len(c.cur.mark) < len(vm.states) {
		panic("pikevm: Cache too small for this VM")
	}
	ns := len(slots)
	if cap(c.scratch) < ns {
		c.scratch = make([]int, ns)
		c.best = make([]int, ns)
	}
	scratch, matchSlots := c.scratch[:ns], c.best[:ns]
	matched := false
	cur, next := &c.cur, &c.next
	cur.clear()
	next.clear()
	at, nextStart := start, start
	end := len(input)
	for {
		if len(cur.threads) == 0 {
			if matched || (vm.nfa.AnchoredBegin || c.anchored) && at > start {
				break
			}
			// States visited here without leaving a thread would only be
			// visited again the same way; forget them, since at may move.
			cur.clear()
			if at < nextStart {
				// The threads died inside a multi-byte rune.
				at = nextStart
			}
			if vm.prefilter != nil && c.win == nil && !c.anchored && at < end {
				p := vm.prefilter.Find(input, at)
				if p < 0 {
					break
				}
				at, nextStart = p, p
			}
		}
		if w := c.win; w != nil {
			if at+1 >= end && !w.EOF {
				// The assertions at at+1 need the rune there, or the end.
				shift := w.Fill(at+1, at)
				at -= shift
				nextStart -= shift
				input, end = w.Buf, len(w.Buf)
			}
			if w.Cut && at >= end {
				break
			}
		}
		if !matched && at == nextStart && (!c.anchored || at == start) {
			for i := range scratch {
				scratch[i] = -1
			}
			if ns > 0 {
				scratch[0] = c.offset(at)
			}
			if ns == 0 && vm.startKnown {
				// The threads the walk would add: those not yet
				// here. (A state the walk skips as entered was
				// entered by an earlier thread's closure, which
				// added every thread it leads to.)
				for _, t := range vm.startThreads {
					if cur.insert(t) {
						cur.threads = append(cur.threads, t)
					}
				}
			} else {
				vm.closure(c, cur, vm.start, scratch, input, at)
			}
			nextStart = at + nfa.RuneWidth(input, at)
		}
		b := -1
		if at < end {
			b = int(input[at])
		}
		if ns == 0 {
			if vm.stepNoSlots(c, cur, next, b, input, at) {
				matched = true
				break
			}
		} else {
			vm.step(c, cur, next, b, input, at, matchSlots, longest, &matched)
		}
		if at >= end {
			break
		}
		at++
		cur, next = next, cur
		next.clear()
	}
	if matched {
		copy(slots, matchSlots)
	}
	return matched
}

// step advances every thread of cur over the byte b at position at (b is
// -1 at the end of the input) into next, and records matches in
// matchSlots, which holds at least the match's two slots (stepNoSlots
// serves searches without slots).
func (vm *VM) step(c *Cache, cur, next *queue, b int, input []byte, at int, matchSlots []int, longest bool, matched *bool) {
	ns := len(matchSlots)
	for i, id := range cur.threads {
		ts := cur.slots[i*ns : i*ns+ns]
		if longest && *matched && matchSlots[0] < ts[0] {
			// A longer match cannot start later than the one we have.
			continue
		}
		s := &vm.states[id]
		switch s.Kind {
		case nfa.KindMatch:
			if !longest || !*matched || matchSlots[1] < c.offset(at) {
				copy(matchSlots, ts)
				matchSlots[1] = c.offset(at)
			}
			*matched = true
			if !longest {
				// Leftmost-first: lower-priority threads are cut off.
				return
			}
		case nfa.KindRange:
			if b >= 0 && s.Lo <= byte(b) && byte(b) <= s.Hi {
				vm.closure(c, next, s.Next, ts, input, at+1)
			}
		case nfa.KindSparse:
			if b >= 0 {
				if to, ok := vm.nfa.Step(s, byte(b)); ok {
					vm.closure(c, next, to, ts, input, at+1)
				}
			}
		}
	}
}

// stepNoSlots is step for a search that tracks no slots, which ends at
// its first match, leftmost-first or leftmost-longest alike: it reports
// whether a thread of cur matches, and otherwise advances them all.
// (Without the slots' bookkeeping, step's loop was the larger part of
// BenchmarkHard/Hard.)
func (vm *VM) stepNoSlots(c *Cache, cur, next *queue, b int, input []byte, at int) bool {
	for _, id := range cur.threads {
		s := &vm.states[id]
		switch s.Kind {
		case nfa.KindMatch:
			return true
		case nfa.KindRange:
			if b >= 0 && s.Lo <= byte(b) && byte(b) <= s.Hi {
				vm.closureNoSlots(c, next, s.Next, input, at+1)
			}
		case nfa.KindSparse:
			if b >= 0 {
				if to, ok := vm.nfa.Step(s, byte(b)); ok {
					vm.closureNoSlots(c, next, to, input, at+1)
				}
			}
		}
	}
	return false
}

// closure adds to q, in priority order, every state reachable from id
// without consuming input at position at. slots holds the capture slots of
// the thread that arrives; closure uses it as scratch and restores it.
func (vm *VM) closure(c *Cache, q *queue, id nfa.StateID, slots []int, input []byte, at int) {
	if len(slots) == 0 {
		vm.closureNoSlots(c, q, id, input, at)
		return
	}
	stack := append(c.stack[:0], frame{id: id})
	for len(stack) > 0 {
		f := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if f.restore {
			slots[f.slot] = f.val
			continue
		}
		id := f.id
	follow:
		if !q.insert(id) {
			continue
		}
		s := &vm.states[id]
		switch s.Kind {
		case nfa.KindUnion:
			alts := vm.nfa.Alts(s)
			for i := len(alts) - 1; i > 0; i-- {
				stack = append(stack, frame{id: alts[i]})
			}
			id = alts[0]
			goto follow
		case nfa.KindCapture:
			if int(s.Slot) < len(slots) {
				stack = append(stack, frame{restore: true, slot: s.Slot, val: slots[s.Slot]})
				slots[s.Slot] = c.offset(at)
			}
			id = s.Next
			goto follow
		case nfa.KindLook:
			if nfa.LookHolds(s.Look, input, at) {
				id = s.Next
				goto follow
			}
		case nfa.KindRange, nfa.KindSparse, nfa.KindMatch:
			q.threads = append(q.threads, id)
			q.slots = append(q.slots, slots...)
		}
	}
	c.stack = stack
}

// closureNoSlots is closure for a search that tracks no slots (Match,
// and the DFA's fallbacks): no captures to save and restore, so the
// stack holds bare states. BenchmarkMatch/Hard with RXJIT_ENGINE=pikevm
// spent a quarter of its time in closure.
func (vm *VM) closureNoSlots(c *Cache, q *queue, id nfa.StateID, input []byte, at int) {
	stack := append(c.ids[:0], id)
	for len(stack) > 0 {
		id := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
	follow:
		if !q.insert(id) {
			continue
		}
		s := &vm.states[id]
		switch s.Kind {
		case nfa.KindUnion:
			alts := vm.nfa.Alts(s)
			for i := len(alts) - 1; i > 0; i-- {
				stack = append(stack, alts[i])
			}
			id = alts[0]
			goto follow
		case nfa.KindCapture:
			id = s.Next
			goto follow
		case nfa.KindLook:
			if nfa.LookHolds(s.Look, input, at) {
				id = s.Next
				goto follow
			}
		case nfa.KindRange, nfa.KindSparse, nfa.KindMatch:
			q.threads = append(q.threads, id)
		}
	}
	c.ids = stack
}
