// Package runscan generates the run scan of one-class patterns as x86-64
// machine code (AVX2, or two SSE vectors a block with SSSE3): the loop
// that classifies a text 32 bytes at a time against a byte class and
// reports each maximal run of the class of at least a given length. Package classrun defines the scan (Spec.Scan is
// its Go twin, block for block); this package knows nothing of patterns.
//
// Per block, two nibble lookups (vpshufb) give the class's bit mask, and
// a few scalar instructions on the mask do the rest: a run carried in
// from the blocks before ends at the mask's first zero; the run that
// reaches the block's end is carried out; and the runs in between that
// are long enough are found by ANDing the mask with itself shifted left
// in doubling steps, which leaves a bit at the min-th byte of each long
// run and after. A block of the class only adds to the carried run, and
// a block without any byte of it, with no run carried in, costs the
// classification and two branches.
//
// It follows the contract of package entry: RDI holds the
// *entry.Context, RSI the text, RDX the scratch block.
//
// Scratch block: the low nibble table (16 bytes, twice, one copy per
// 128-bit lane), then the high one likewise, then the output, start and
// end pairs of uint64:
//
//	[0, 32)    Lo, twice: byte b is in the class when Lo[b&15]&Hi[b>>4] != 0
//	[32, 64)   Hi, twice
//	[64, ...)  the runs found, as start and end pairs
//
// Context fields:
//
//	Pos     in/out  the first byte of the next block
//	Limit   in      blocks end at or before it (clamped to Len)
//	State   in/out  the length of the run of the class that ends at Pos
//	Arg[0]  in      min: the shortest run reported
//	Arg[1]  in      the doubling shifts for min, a byte each from the
//	                lowest, at most six (classrun's shifts)
//	Count   out     the number of pairs written
//
// The loop classifies blocks while one ends at or before Limit and the
// output has room for BlockPairs more pairs, then returns Yield. It
// returns BadTable, without reading the text, if the scratch block
// cannot hold the tables and one block's pairs or Pos is beyond Len.
package runscan

import (
	"github.com/rxjit/rxjit/codegen/amd64"
	"github.com/rxjit/rxjit/codegen/entry"
)

// Block is the number of bytes classified at a time.
const Block = 32

// BlockPairs is the most pairs one block writes (see classrun).
const BlockPairs = 17

// maxShifts is the most shifts Arg[1] holds: 1, 2, 4, 8, 16 and the rest
// of a min up to Block (classrun's shifts).
const maxShifts = 6

// TableBytes is the size of the tables at the start of the scratch block.
const TableBytes = 64

// BadTable is the exit code of a call whose context or scratch block does
// not fit the loop.
const BadTable entry.Exit = 99

// Registers. The context keeps what each block only compares with or
// subtracts (the last block start, the output's room, min, the shifts),
// so that the loop fits in the general registers it may use.
const (
	rCtx  = amd64.RDI
	rHay  = amd64.RSI
	rTab  = amd64.RDX
	rPos  = amd64.R8
	rRun  = amd64.R10
	rK    = amd64.R13 // words written
	rNot  = amd64.RAX // the block's mask, inverted: 1 for bytes outside the class
	rLead = amd64.RBX
	rCL   = amd64.RCX // shift counts
	rIn   = amd64.R15 // the runs inside the block
	rEnds = amd64.R9
	rT    = amd64.R11
	rS    = amd64.R12
	rT2   = amd64.R14
)

// Context fields the loop keeps its limits in.
const (
	offMin    = entry.OffArg
	offShifts = entry.OffArg + 8
	offLast   = entry.OffAux     // the last position a block may start at
	offRoom   = entry.OffAux + 8 // the most words written before a block
)

// Vector registers.
const (
	vLo   = amd64.Y0
	vHi   = amd64.Y1
	v0F   = amd64.Y2
	vZero = amd64.Y3
	vA    = amd64.Y4
	vB    = amd64.Y5
)

func field(off int32) amd64.Mem { return amd64.Mem{Base: rCtx, Disp: off} }

// out is the output word at rK + i.
func out(i int32) amd64.Mem {
	return amd64.Mem{Base: rTab, Index: rK, Scale: 8, Disp: TableBytes + 8*i}
}

// Desc describes the scan to generate. It holds no pointers.
type Desc struct {
	// AVX2 selects one 32-byte vector a block; otherwise the scan
	// classifies a block as two 16-byte SSE vectors, which needs SSSE3
	// (pshufb).
	AVX2 bool
}

// Generate returns the machine code of the scan d describes and the
// names of its labels by offset, for disassembly.
func Generate(d Desc) ([]byte, map[int]string, error) {
	var a amd64.Assembler
	const W, W32 = amd64.W64, amd64.W32
	bad, yield := a.NewLabel("bad"), a.NewLabel("yield")
	loop, full, general, next := a.NewLabel("loop"), a.NewLabel("full"), a.NewLabel("general"), a.NewLabel("next")
	noCarry, shifts, ends := a.NewLabel("no_carry"), a.NewLabel("shifts"), a.NewLabel("ends")

	// Check the context and the scratch block; keep the limits in
	// the context.
	a.Mov(W, rPos, field(entry.OffPos))
	a.Cmp(W, rPos, field(entry.OffLen))
	a.J(amd64.CondA, bad)
	a.Mov(W, rT, field(entry.OffScratchLen))
	a.Cmp(W, rT, amd64.Imm(TableBytes+16*BlockPairs))
	a.J(amd64.CondB, bad)
	// Room: (ScratchLen-TableBytes)/8 words, less one block's.
	a.Sub(W, rT, amd64.Imm(TableBytes))
	a.Shr(W, rT, amd64.Imm(3))
	a.Sub(W, rT, amd64.Imm(2*BlockPairs))
	a.Mov(W, field(offRoom), rT)
	// Last: min(Limit, Len) - Block, compared signed, so that a text
	// shorter than a block yields at once.
	a.Mov(W, rT, field(entry.OffLimit))
	a.Cmp(W, rT, field(entry.OffLen))
	a.Cmov(amd64.CondA, W, rT, field(entry.OffLen))
	a.Sub(W, rT, amd64.Imm(Block))
	a.Mov(W, field(offLast), rT)
	a.Mov(W, rRun, field(entry.OffState))
	a.Xor(W32, rK, rK)
	a.Mov(W32, rT, amd64.Imm(0x0F0F0F0F))
	if d.AVX2 {
		a.Vmovdqu(vLo, amd64.Mem{Base: rTab})
		a.Vmovdqu(vHi, amd64.Mem{Base: rTab, Disp: 32})
		a.Vmovd(amd64.X2, rT)
		a.Vpbroadcastb(v0F, amd64.X2)
		a.Vpxor(vZero, vZero, vZero)
	} else {
		a.Movdqu(amd64.X0, amd64.Mem{Base: rTab})
		a.Movdqu(amd64.X1, amd64.Mem{Base: rTab, Disp: 32})
		a.Movd(amd64.X2, rT)
		a.Pxor(amd64.X3, amd64.X3)
		a.Pshufb(amd64.X2, amd64.X3) // byte 0 everywhere
	}

	a.Align(16)
	a.Bind(loop)
	a.Cmp(W, rPos, field(offLast))
	a.J(amd64.CondG, yield)
	a.Cmp(W, rK, field(offRoom))
	a.J(amd64.CondG, yield)
	// The block's mask, inverted: 0xFF bytes where lo&hi is zero.
	if d.AVX2 {
		a.ShuftiOutside(rNot, amd64.Mem{Base: rHay, Index: rPos, Scale: 1}, vLo, vHi, v0F, vZero, vA, vB)
	} else {
		classify16(&a, rNot, 0)
		classify16(&a, rT, 16)
		a.Shl(W32, rT, amd64.Imm(16))
		a.Or(W32, rNot, rT)
	}
	a.Test(W32, rNot, rNot)
	a.J(amd64.CondE, full)
	a.Cmp(W32, rNot, amd64.Imm(-1))
	a.J(amd64.CondNE, general)
	// No byte of the class: only a carried run needs the general
	// path.
	a.Test(W, rRun, rRun)
	a.J(amd64.CondNE, general)
	a.Add(W, rPos, amd64.Imm(Block))
	a.Jmp(loop)

	a.Bind(full)
	a.Add(W, rRun, amd64.Imm(Block))
	a.Add(W, rPos, amd64.Imm(Block))
	a.Jmp(loop)

	a.Bind(general)
	// The carried run ends at the block's first byte outside the
	// class: lead bytes in.
	a.Bsf(W32, rLead, rNot)
	a.Lea(W, rT, amd64.Mem{Base: rRun, Index: rLead, Scale: 1})
	a.Cmp(W, rT, field(offMin))
	a.J(amd64.CondL, noCarry)
	a.Mov(W, rT, rPos)
	a.Sub(W, rT, rRun)
	a.Mov(W, out(0), rT)
	a.Lea(W, rT, amd64.Mem{Base: rPos, Index: rLead, Scale: 1})
	a.Mov(W, out(1), rT)
	a.Add(W, rK, amd64.Imm(2))
	a.Bind(noCarry)
	// The run carried out: 31 - bsr bytes at the block's end. The runs
	// inside: the class's bits from lead up to the carried-out run,
	// in = ^not & (2<<bsr - 1) & (-1 << lead).
	a.Bsr(W32, rCL, rNot)
	a.Mov(W, rRun, amd64.Imm(31))
	a.Sub(W, rRun, rCL)
	a.Mov(W32, rT, amd64.Imm(2))
	a.Shl(W, rT, rCL)
	a.Sub(W, rT, amd64.Imm(1))
	a.Mov(W, rIn, rNot)
	a.Not(W, rIn)
	a.And(W, rIn, rT)
	a.Mov(W32, rCL, rLead)
	a.Mov(W, rT, amd64.Imm(-1))
	a.Shl(W, rT, rCL)
	a.And(W, rIn, rT)
	// ends: in ANDed with itself shifted by each of the shifts, six
	// steps without a branch (a shift of 0 changes nothing).
	a.Mov(W, rEnds, rIn)
	a.Mov(W, rS, field(offShifts))
	a.Bind(shifts)
	for k := 0; k < maxShifts; k++ {
		a.Mov(W32, rCL, rS)
		a.Mov(W, rT, rEnds)
		a.Shl(W, rT, rCL)
		a.And(W, rEnds, rT)
		if k+1 < maxShifts {
			a.Shr(W, rS, amd64.Imm(8))
		}
	}
	// Each long run: its min-th byte is the lowest bit left, its end
	// the first bit of in above it that is clear.
	a.Bind(ends)
	a.Test(W, rEnds, rEnds)
	a.J(amd64.CondE, next)
	a.Bsf(W, rCL, rEnds)
	a.Lea(W, rT, amd64.Mem{Base: rPos, Index: rCL, Scale: 1, Disp: 1})
	a.Sub(W, rT, field(offMin))
	a.Mov(W, out(0), rT)
	a.Mov(W, rT, amd64.Imm(-1))
	a.Shl(W, rT, rCL)
	a.Mov(W, rT2, rIn)
	a.Not(W, rT2)
	a.And(W, rT2, rT)
	a.Bsf(W, rCL, rT2)
	a.Lea(W, rT, amd64.Mem{Base: rPos, Index: rCL, Scale: 1})
	a.Mov(W, out(1), rT)
	a.Add(W, rK, amd64.Imm(2))
	a.Mov(W, rT, amd64.Imm(-1))
	a.Shl(W, rT, rCL)
	a.And(W, rEnds, rT)
	a.Jmp(ends)

	a.Bind(next)
	a.Add(W, rPos, amd64.Imm(Block))
	a.Jmp(loop)

	a.Bind(yield)
	a.Mov(W, field(entry.OffPos), rPos)
	a.Mov(W, field(entry.OffState), rRun)
	a.Shr(W, rK, amd64.Imm(1))
	a.Mov(W, field(entry.OffCount), rK)
	if d.AVX2 {
		a.Vzeroupper()
	}
	a.Mov(W32, amd64.RAX, amd64.Imm(int64(entry.Yield)))
	a.Ret()

	a.Bind(bad)
	a.Mov(W32, amd64.RAX, amd64.Imm(int64(BadTable)))
	a.Ret()

	code, err := a.Assemble()
	return code, a.Labels(), err
}

// classify16 sets r to the inverted mask of the 16 bytes at rPos+disp,
// in SSE registers: X0 and X1 hold the tables, X2 0x0F bytes, X3 zero.
func classify16(a *amd64.Assembler, r amd64.Reg, disp int32) {
	a.Movdqu(amd64.X4, amd64.Mem{Base: rHay, Index: rPos, Scale: 1, Disp: disp})
	a.Movdqa(amd64.X5, amd64.X4)
	a.Psrlw(amd64.X5, 4)
	a.Pand(amd64.X4, amd64.X2)
	a.Pand(amd64.X5, amd64.X2)
	a.Movdqa(amd64.X6, amd64.X0)
	a.Pshufb(amd64.X6, amd64.X4)
	a.Movdqa(amd64.X7, amd64.X1)
	a.Pshufb(amd64.X7, amd64.X5)
	a.Pand(amd64.X6, amd64.X7)
	a.Pcmpeqb(amd64.X6, amd64.X3)
	a.Pmovmskb(r, amd64.X6)
}
