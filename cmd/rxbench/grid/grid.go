// Package grid holds Go's regexp benchmark grid — the patterns Easy0,
// Easy0i, Easy1, Medium, Hard and Hard1 searched in haystacks of 16 B to
// 32 MB — so that every engine can be measured on the exact inputs of
// the standard library's BenchmarkMatch and the figures read against
// regexp's own.
//
// Run it with
//
//	go test -bench . ./grid                                # every engine
//	go test -bench 'Match/engine=(rxjit|regexp)$/' ./grid  # two engines
//	go test -bench 'Match/engine=rxjit$/Hard/1M$' ./grid   # one cell
//	RXJIT_NOJIT=1 go test -bench 'Match/engine=rxjit-nojit$/' ./grid
//
// (each "/"-separated part of -bench is an unanchored regexp, hence the
// "$" that keeps regexp from also selecting regexp2), and compare engines
// with benchstat -col /engine. The whole grid takes several minutes:
// regexp2 needs about a minute per iteration of Hard/32M. The rxjit-nojit rows
// appear only when RXJIT_NOJIT=1 is set for the whole test process (and
// the rxjit rows only when it is not), because the switch is an
// environment variable.
package grid

// Pattern is one row of the grid.
type Pattern struct {
	Name, Expr string
}

// Patterns are the grid's rows, the same expressions as the standard
// library's benchmarks. None of them matches Text at any of the Sizes;
// like the standard library's, the benchmarks fail if one does, which
// catches an engine that answers wrongly.
var Patterns = []Pattern{
	{"Easy0", "ABCDEFGHIJKLMNOPQRSTUVWXYZ$"},
	{"Easy0i", "(?i)ABCDEFGHIJklmnopqrstuvwxyz$"},
	{"Easy1", "A[AB]B[BC]C[CD]D[DE]E[EF]F[FG]G[GH]H[HI]I[IJ]J$"},
	{"Medium", "[XYZ]ABCDEFGHIJKLMNOPQRSTUVWXYZ$"},
	{"Hard", "[ -~]*ABCDEFGHIJKLMNOPQRSTUVWXYZ$"},
	{"Hard1", "ABCD|CDEF|EFGH|GHIJ|IJKL|KLMN|MNOP|OPQR|QRST|STUV|UVWX|WXYZ"},
}

// Size is one column of the grid.
type Size struct {
	Name string
	N    int
}

// Sizes are the grid's haystack lengths, named as in the standard
// library's benchmarks.
var Sizes = []Size{
	{"16", 16}, {"32", 32}, {"1K", 1 << 10}, {"32K", 32 << 10}, {"1M", 1 << 20}, {"32M", 32 << 20},
}

// Text returns n bytes of the grid's haystack. It reproduces the standard
// library's benchmark text byte for byte: a 32-bit linear feedback shift
// register (taps 0x88888eef, seeded with all ones) drives the bytes; a
// state divisible by 31 yields a newline, any other state a printable
// ASCII character (0x20–0x7E) chosen by the state modulo 95. Shorter
// texts are prefixes of longer ones.
func Text(n int) []byte {
	out := make([]byte, n)
	var lfsr lfsr32 = 0xFFFFFFFF
	for i := range out {
		s := lfsr.step()
		if s%31 == 0 {
			out[i] = '\n'
			continue
		}
		const first, count = ' ', '~' - ' ' + 1
		out[i] = byte(first + s%count)
	}
	return out
}

// lfsr32 is a Galois-style shift register: shift left by one, feed a one
// into bit 0, and when the new top bit is set apply the taps.
type lfsr32 uint32

const taps = 0x88888eef

func (r *lfsr32) step() uint32 {
	s := uint32(*r)<<1 ^ 1
	if s&(1<<31) != 0 {
		s ^= taps
	}
	*r = lfsr32(s)
	return s
}
