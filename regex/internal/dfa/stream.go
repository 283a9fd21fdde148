package dfa

// The stepping interface below runs a forward DFA over text that arrives
// a little at a time (a RuneReader), where the executor loops, which want
// the text in one slice, cannot: the caller moves one byte per call.

// StreamStart returns the start state of an unanchored forward search
// from the beginning of a text (anchored if the pattern is), or ErrGaveUp
// if the cache has thrashed before.
func (d *DFA) StreamStart(c *Cache) (uint32, error) {
	if c.gaveUp {
		return 0, ErrGaveUp
	}
	return d.start(c, d.nfa.AnchoredBegin, factEdge&d.factMask) & idMask, nil
}

// Step returns the ID that state (a row offset, without tags) moves to on
// the byte b, computing the transition if the table does not have it yet.
// The ID's tags say what happened: TagMatch (a match ended before b),
// TagDead, TagQuit; TagAccel and TagStart mean nothing here. Strip them
// (idMask, or StateOf) to step again. The error is ErrGaveUp when the
// cache thrashed.
func (d *DFA) Step(c *Cache, state uint32, b byte) (uint32, error) {
	c.scanned++
	cls := int(d.classes[b])
	if next := c.mem[HeaderWords+int(state)+cls]; next != TagUnknown {
		return next, nil
	}
	return d.compute(c, state, cls)
}

// StepEnd returns the ID that state moves to at the end of the text: it
// has TagMatch if a match ends there.
func (d *DFA) StepEnd(c *Cache, state uint32) (uint32, error) {
	if next := c.transition(state, d.eoi); next != TagUnknown {
		return next, nil
	}
	return d.compute(c, state, d.eoi)
}

// StateOf strips the tags from an ID that Step returned.
func StateOf(id uint32) uint32 { return id & idMask }

// StartOnly reports whether state holds nothing but the unanchored start
// loop at a rune boundary: no thread that began earlier is alive, so every
// match still to come starts at or after the current position.
func (c *Cache) StartOnly(state uint32) bool {
	info := &c.infos[int(state&idMask)/c.dfa.stride]
	return info.utf8 == u8Boundary && info.k1-info.k0 == 1 && c.kernel[info.k0] == c.dfa.nfa.StartUnanchored
}
