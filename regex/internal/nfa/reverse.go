package nfa

// Reverse returns an NFA for the reversed language of n's anchored
// automaton: it accepts the reversal of every byte string that n accepts
// from StartAnchored, with every edge turned around. Capture states become
// plain moves (a reverse search finds where a match starts, not its
// groups), and assertions keep their meaning as statements about a
// position; an engine that runs the reversed NFA reads them with "before"
// and "after" swapped. The unanchored prefix loop is left out: a reverse
// search always starts at a known match end.
//
// The reversed NFA keeps n's state numbering for n's states, each of which
// becomes a union of its reversed incoming edges; new states follow.
// Priorities among alternatives carry no meaning in the result.
func (n *NFA) Reverse() *NFA {
	// Only the states reachable from StartAnchored take part.
	reach := make([]bool, len(n.States))
	stack := []StateID{n.StartAnchored}
	for len(stack) > 0 {
		id := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if reach[id] {
			continue
		}
		reach[id] = true
		s := &n.States[id]
		switch s.Kind {
		case KindUnion:
			stack = append(stack, s.Alts...)
		case KindCapture, KindLook, KindRange:
			stack = append(stack, s.Next)
		case KindSparse:
			for _, t := range s.Trans {
				stack = append(stack, t.Next)
			}
		}
	}

	r := &NFA{
		States:   make([]State, len(n.States), 2*len(n.States)),
		NumSlots: 2,
		Looks:    n.Looks,
		Bounds:   n.Bounds,
	}
	alts := make([][]StateID, len(n.States))
	add := func(s State) StateID {
		r.States = append(r.States, s)
		return StateID(len(r.States) - 1)
	}
	for i := range n.States {
		if !reach[i] {
			continue
		}
		p := StateID(i)
		s := &n.States[i]
		switch s.Kind {
		case KindUnion:
			for _, q := range s.Alts {
				alts[q] = append(alts[q], p)
			}
		case KindCapture:
			alts[s.Next] = append(alts[s.Next], p)
		case KindLook:
			alts[s.Next] = append(alts[s.Next], add(State{Kind: KindLook, Look: s.Look, Next: p}))
		case KindRange:
			alts[s.Next] = append(alts[s.Next], add(State{Kind: KindRange, Lo: s.Lo, Hi: s.Hi, Next: p}))
		case KindSparse:
			for _, t := range s.Trans {
				alts[t.Next] = append(alts[t.Next], add(State{Kind: KindRange, Lo: t.Lo, Hi: t.Hi, Next: p}))
			}
		}
	}
	// Reaching n's start is a match of the reversed automaton.
	match := add(State{Kind: KindMatch})
	alts[n.StartAnchored] = append(alts[n.StartAnchored], match)
	for i := range n.States {
		switch {
		case len(alts[i]) == 0:
			r.States[i] = State{Kind: KindFail}
		default:
			r.States[i] = State{Kind: KindUnion, Alts: alts[i]}
		}
	}
	// n's match state is where every reversed path begins.
	var start StateID = 1
	for i := range n.States {
		if n.States[i].Kind == KindMatch {
			start = StateID(i)
			break
		}
	}
	r.StartAnchored, r.StartUnanchored = start, start
	return r
}
