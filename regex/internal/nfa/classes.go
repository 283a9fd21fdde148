package nfa

// ByteBounds is a set of class boundaries over the byte alphabet: bit b
// is set when byte b starts a new class. It is the alphabet compression
// that lazy automata use to keep their transition tables small.
type ByteBounds [4]uint64

// Split makes lo..hi a union of classes: it marks lo and hi+1.
func (b *ByteBounds) Split(lo, hi byte) {
	b[lo/64] |= 1 << (lo % 64)
	if hi < 255 {
		h := hi + 1
		b[h/64] |= 1 << (h % 64)
	}
}

// Or adds the boundaries of o to b.
func (b *ByteBounds) Or(o *ByteBounds) {
	for i := range b {
		b[i] |= o[i]
	}
}

// Has reports whether byte c starts a class.
func (b *ByteBounds) Has(c byte) bool { return b[c/64]&(1<<(c%64)) != 0 }

// Classes numbers the classes and returns the class of every byte and the
// number of classes.
func (b ByteBounds) Classes() (classes [256]byte, n int) {
	k := -1
	for c := 0; c < 256; c++ {
		if c == 0 || b.Has(byte(c)) {
			k++
		}
		classes[c] = byte(k)
	}
	return classes, k + 1
}

// bounds computes the NFA's Looks and Bounds from its states, taking
// those of the states copied from templates from the templates.
func (c *compiler) bounds() {
	n := c.nfa
	copies := c.copies
	for i := 0; i < len(n.States); i++ {
		if len(copies) > 0 && StateID(i) == copies[0].start {
			n.Bounds.Or(&copies[0].t.bounds)
			n.Looks |= copies[0].t.looks
			i = int(copies[0].end) - 1
			copies = copies[1:]
			continue
		}
		s := &n.States[i]
		switch s.Kind {
		case KindRange:
			n.Bounds.Split(s.Lo, s.Hi)
		case KindSparse:
			for _, t := range n.Trans(s) {
				n.Bounds.Split(t.Lo, t.Hi)
			}
		case KindLook:
			n.Looks |= s.Look
		}
	}
}
