package classrun

import "math/bits"

// Block is the number of bytes Scan classifies at a time: one AVX2
// vector (or two SSE ones), one bit each in a 32-bit mask.
const Block = 32

// BlockPairs is the most runs one block can end: the run carried into
// it, and at most 15 that start and end inside it (each followed by a
// byte outside the class). Scan stops before a block when its output
// has room for fewer.
const BlockPairs = 17

// State is where a scan stands: the next byte it classifies, and how
// many bytes of the class end just before it (the run it carries).
type State struct {
	Pos, Run int
}

// Scan classifies input from st.Pos in whole blocks, while a block ends
// at or before limit (clamped to the text's length) and out has room for
// BlockPairs more runs, and writes into out, as start and end pairs, each
// maximal run of bytes of the class of at least Min bytes that ends
// inside the blocks it classified. A run that reaches the last block's
// end is carried in the State it returns, with the number of pairs
// written. Runs start no earlier than the first st.Pos: a scan that
// starts inside a run of the text (with st.Run 0) sees the run start
// there.
//
// This is the Go twin of the generated scan (codegen/runscan), block for
// block: both see the same blocks and write the same pairs.
func (s *Spec) Scan(input []byte, st State, limit int, out []uint64) (State, int) {
	k := 0
	if limit > len(input) {
		limit = len(input)
	}
	for st.Pos+Block <= limit && len(out)-2*k >= 2*BlockPairs {
		st, k = s.block(s.mask(input[st.Pos:st.Pos+Block]), st, out, k)
	}
	return st, k
}

// Finish classifies the bytes from st.Pos to the end of input, fewer
// than a block, as a block whose missing bytes are outside the class,
// and writes the runs that end in it into out, which has room for
// BlockPairs (the carried run ends at the end of the text at the
// latest). It returns the number of pairs.
func (s *Spec) Finish(input []byte, st State, out []uint64) int {
	_, k := s.block(s.mask(input[st.Pos:]), st, out, 0)
	return k
}

// mask returns the class bits of up to Block bytes: bit i for b[i]. It
// has no branch on the bytes, which in text alternate between the class
// and the rest too often to predict.
func (s *Spec) mask(b []byte) uint32 {
	var m uint32
	for i, c := range b[:min(len(b), Block)] {
		m |= uint32(s.member[c]) << i
	}
	return m
}

// block is one block's step of Scan: m holds the class bits of the block
// at st.Pos. It writes the runs that end in the block at out[2k:] and
// returns the state after the block and the new number of pairs.
func (s *Spec) block(m uint32, st State, out []uint64, k int) (State, int) {
	pos, min := st.Pos, s.Min
	if m == ^uint32(0) {
		return State{pos + Block, st.Run + Block}, k
	}
	// The run carried in ends at the block's first byte outside the
	// class.
	lead := bits.TrailingZeros32(^m)
	if st.Run+lead >= min {
		out[2*k], out[2*k+1] = uint64(pos-st.Run), uint64(pos+lead)
		k++
	}
	// The run that reaches the block's end is carried out.
	tail := bits.LeadingZeros32(^m)
	// The runs in between, which start and end inside the block: ends
	// marks the bytes that end a stretch of min bytes of the class,
	// the min-th byte of each long run and those after it.
	inner := uint64(m) &^ (1<<lead - 1) & (1<<(Block-tail) - 1)
	ends := longRuns(inner, s.Shifts)
	for ends != 0 {
		at := bits.TrailingZeros64(ends)
		start := at - min + 1
		end := bits.TrailingZeros64(^inner &^ (1<<at - 1))
		out[2*k], out[2*k+1] = uint64(pos+start), uint64(pos+end)
		k++
		ends &^= 1<<end - 1
	}
	return State{pos + Block, tail}, k
}

// longRuns returns the bits i of m such that bits i-min+1 to i are all
// set, where sh = shifts(min): m ANDed with itself shifted left by 0 to
// min-1, in doubling steps, with the shifts the generated scan takes.
func longRuns(m uint64, sh uint64) uint64 {
	for ; sh != 0; sh >>= 8 {
		m &= m << (sh & 0xFF)
	}
	return m
}

// shifts returns the shifts that turn a mask into longRuns' for min, a
// byte each from the lowest, ending at the first zero byte: 1, 2, 4 …
// while they double the stretch covered, then what is left of min. For
// min above Block, where no run fits inside a block, one shift of 32
// clears any mask of a block.
func shifts(min int) uint64 {
	if min > Block {
		return Block
	}
	var sh uint64
	n := 0
	cov := 1
	for 2*cov <= min {
		sh |= uint64(cov) << (8 * n)
		n++
		cov *= 2
	}
	if min > cov {
		sh |= uint64(min-cov) << (8 * n)
	}
	return sh
}
