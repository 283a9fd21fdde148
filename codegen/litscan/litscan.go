// Package litscan generates the candidate loop of a literal prefilter as
// x86-64 machine code: a scan that tests many haystack positions at once
// against a few byte probes and stops at the first position that passes
// them all.
//
// The loop knows nothing of literals. A probe reads the byte at a fixed
// offset from each position and tests it in one of two ways:
//
//   - Eq: (b | A) == B, with A and B single bytes (A is 0x20 to fold
//     ASCII case, or another single bit);
//   - Exact: b == B, Eq without the OR;
//   - Nibble: lo[b & 15] & hi[b >> 4] != 0, where lo and hi hold 8 bucket
//     bits each (the Teddy technique: a bucket is a group of literals, and
//     the tables say which buckets a byte can belong to at the probe's
//     offset).
//
// A position passes when every Eq or Exact probe holds and, for Nibble probes, the
// AND of their bucket bits is not zero. One loop serves every pattern with
// the same kind and number of probes: the tables come from the scratch
// block. It follows the contract of package entry: RDI holds the
// *entry.Context, RSI the haystack, RDX the scratch block.
//
// Scratch block: 64 bytes per probe, A then B (Eq and Exact: the byte
// repeated 32 times, A unused by Exact; Nibble: the 16-byte table,
// twice).
//
// Context fields:
//
//	Pos      in/out  the first position to test; on Done the candidate
//	Limit    in      the end of the haystack the probes may read (clamped to Len)
//	Arg[i]   in      the offset of probe i (i < 3), at most Arg[3]
//	Arg[3]   in      the window: the largest probe offset, below 1<<20
//
// The loop tests positions while a whole step of them (Desc.Width ×
// Desc.Unroll positions, the window beyond) lies below Limit. It returns
// Done at the first position that passes, with Pos set to it, and Yield
// where fewer bytes remain, with Pos at the first position it has not
// tested; the caller tests the rest itself. It returns BadTable, without
// reading the haystack, if an offset exceeds the window or the scratch
// block is too short.
package litscan

import (
	"fmt"

	"github.com/rxjit/rxjit/codegen/amd64"
	"github.com/rxjit/rxjit/codegen/entry"
)

// Kind is how a probe tests a byte.
type Kind uint8

const (
	// Eq tests (b | A) == B.
	Eq Kind = iota
	// Nibble tests lo[b&15] & hi[b>>4] (bucket bits).
	Nibble
	// Exact tests b == B.
	Exact
)

// MaxProbes is the most probes a loop tests.
const MaxProbes = 3

// MaxWindow bounds the window (Arg[3]).
const MaxWindow = 1 << 20

// BadTable is the exit code of a call whose arguments or scratch block do
// not fit the loop.
const BadTable entry.Exit = 99

// ProbeBytes is the scratch size of one probe.
const ProbeBytes = 64

// Desc describes the loop to generate. It holds no pointers.
type Desc struct {
	// Kind is the kind of every probe.
	Kind Kind
	// Probes is the number of probes, 1 to MaxProbes.
	Probes int
	// AVX2 selects 32-byte vectors (VEX encoding); otherwise the loop uses
	// 16-byte SSE vectors (Nibble needs SSSE3 for pshufb).
	AVX2 bool
	// Unroll is the number of vectors tested per iteration, so that
	// Width()*Unroll positions are tested per step; at most 64 positions.
	Unroll int
}

// Width returns the number of positions one vector tests.
func (d Desc) Width() int {
	if d.AVX2 {
		return 32
	}
	return 16
}

// Step returns the number of positions one iteration tests.
func (d Desc) Step() int { return d.Width() * max(d.Unroll, 1) }

// Registers.
const (
	rCtx  = amd64.RDI
	rHay  = amd64.RSI
	rTab  = amd64.RDX
	rPos  = amd64.RCX
	rEnd  = amd64.R9
	rWin  = amd64.R12
	rLast = amd64.R13
	rMask = amd64.RAX
	rTmp  = amd64.RBX
)

var rProbe = [MaxProbes]amd64.Reg{amd64.R8, amd64.R10, amd64.R11}

func field(off int32) amd64.Mem { return amd64.Mem{Base: rCtx, Disp: off} }

// Generate returns the machine code of the loop d describes and the names
// of its labels by offset, for disassembly.
func Generate(d Desc) ([]byte, map[int]string, error) {
	unroll := max(d.Unroll, 1)
	if d.Probes < 1 || d.Probes > MaxProbes || d.Kind > Exact || d.Step() > 64 || d.Kind == Nibble && unroll > 1 {
		return nil, nil, fmt.Errorf("litscan: bad description %+v", d)
	}
	var a amd64.Assembler
	g := &gen{a: &a, d: d}
	bad, yield, loop, found := a.NewLabel("bad"), a.NewLabel("yield"), a.NewLabel("loop"), a.NewLabel("found")

	// Load and check the context.
	a.Mov(amd64.W64, rPos, field(entry.OffPos))
	a.Mov(amd64.W64, rEnd, field(entry.OffLimit))
	a.Cmp(amd64.W64, rEnd, field(entry.OffLen)) // never trust Limit
	a.Cmov(amd64.CondA, amd64.W64, rEnd, field(entry.OffLen))
	a.Mov(amd64.W64, rWin, field(entry.OffArg+24))
	a.Cmp(amd64.W64, rWin, amd64.Imm(MaxWindow))
	a.J(amd64.CondAE, bad)
	for i := 0; i < d.Probes; i++ {
		a.Mov(amd64.W64, rProbe[i], field(entry.OffArg+8*int32(i)))
		a.Cmp(amd64.W64, rProbe[i], rWin)
		a.J(amd64.CondA, bad)
		a.Add(amd64.W64, rProbe[i], rHay)
	}
	a.Cmp(amd64.W64, field(entry.OffScratchLen), amd64.Imm(int64(ProbeBytes*d.Probes)))
	a.J(amd64.CondB, bad)
	g.loadConstants()
	// The last position a step may start at: end - window - step. The
	// comparison is signed, so a short haystack yields at once.
	a.Mov(amd64.W64, rLast, rEnd)
	a.Sub(amd64.W64, rLast, rWin)
	a.Sub(amd64.W64, rLast, amd64.Imm(int64(d.Step())))

	a.Align(16)
	a.Bind(loop)
	a.Cmp(amd64.W64, rPos, rLast)
	a.J(amd64.CondG, yield)
	// Each block leaves its candidates as 0xFF bytes (Eq, Exact); one
	// movemask of their OR says whether the step has any, and only then
	// are the blocks' masks gathered.
	for u := 0; u < unroll; u++ {
		g.block(int32(u*d.Width()), vBlock+u)
		if u > 0 {
			g.or(vAny, vBlock+u, u == 1)
		}
	}
	if unroll == 1 {
		g.movemask(rMask, vBlock)
	} else {
		g.movemask(rMask, vAny)
	}
	a.Test(amd64.W32, rMask, rMask)
	a.J(amd64.CondNE, found)
	a.Add(amd64.W64, rPos, amd64.Imm(int64(d.Step())))
	a.Jmp(loop)

	a.Bind(found)
	if unroll > 1 {
		g.movemask(rMask, vBlock)
		for u := 1; u < unroll; u++ {
			g.movemask(rTmp, vBlock+u)
			a.Shl(amd64.W64, rTmp, amd64.Imm(int64(u*d.Width())))
			a.Or(amd64.W64, rMask, rTmp)
		}
	}
	a.Bsf(amd64.W64, rMask, rMask)
	a.Add(amd64.W64, rPos, rMask)
	a.Mov(amd64.W64, field(entry.OffPos), rPos)
	g.leave()
	a.Xor(amd64.W32, amd64.RAX, amd64.RAX) // Done
	a.Ret()

	a.Bind(yield)
	a.Mov(amd64.W64, field(entry.OffPos), rPos)
	g.leave()
	a.Mov(amd64.W32, amd64.RAX, amd64.Imm(int64(entry.Yield)))
	a.Ret()

	a.Bind(bad)
	a.Mov(amd64.W32, amd64.RAX, amd64.Imm(int64(BadTable)))
	a.Ret()

	code, err := a.Assemble()
	return code, a.Labels(), err
}

type gen struct {
	a *amd64.Assembler
	d Desc
}

// Vector registers: probe i's A and B in 2i and 2i+1, then the nibble
// mask, zero, the blocks' results (up to 4), their OR and temporaries.
func (g *gen) vreg(i int) amd64.VReg {
	if g.d.AVX2 {
		return amd64.Y0 + amd64.VReg(i)
	}
	return amd64.X0 + amd64.VReg(i)
}

const (
	vMask0F = 6
	vZero   = 7
	vBlock  = 8
	vAny    = 12
	vT1     = 13
	vT2     = 14
	vT3     = 15
)

func (g *gen) loadConstants() {
	a := g.a
	for i := 0; i < g.d.Probes; i++ {
		for j := 0; j < 2; j++ {
			m := amd64.Mem{Base: rTab, Disp: int32(ProbeBytes*i + 32*j)}
			if g.d.AVX2 {
				a.Vmovdqu(g.vreg(2*i+j), m)
			} else {
				a.Movdqu(g.vreg(2*i+j), m)
			}
		}
	}
	if g.d.Kind != Nibble {
		return
	}
	a.Mov(amd64.W32, rTmp, amd64.Imm(0x0F0F0F0F))
	if g.d.AVX2 {
		a.Vmovd(amd64.X0+vMask0F, rTmp)
		a.Vpbroadcastb(g.vreg(vMask0F), amd64.X0+vMask0F)
		a.Vpxor(g.vreg(vZero), g.vreg(vZero), g.vreg(vZero))
		return
	}
	// SSE: build 0x0F in every byte from the 32-bit pattern.
	a.Movd(g.vreg(vMask0F), rTmp)
	a.Pxor(g.vreg(vZero), g.vreg(vZero))
	a.Pshufb(g.vreg(vMask0F), g.vreg(vZero)) // broadcast byte 0
}

// block tests Width positions from pos+disp and leaves the result in the
// vector dst: 0xFF bytes at candidates (Eq, Exact), or, for Nibble, 0xFF
// bytes where no bucket bit is left (see movemask).
func (g *gen) block(disp int32, dst int) {
	for i := 0; i < g.d.Probes; i++ {
		src := amd64.Mem{Base: rProbe[i], Index: rPos, Scale: 1, Disp: disp}
		v := dst
		if i > 0 {
			v = vT1
		}
		switch g.d.Kind {
		case Eq:
			g.eq(i, src, v)
		case Exact:
			g.exact(i, src, v)
		case Nibble:
			g.nibble(i, src, v)
		}
		if i > 0 {
			g.and(dst, vT1)
		}
	}
	if g.d.Kind == Nibble {
		if g.d.AVX2 {
			g.a.Vpcmpeqb(g.vreg(dst), g.vreg(dst), g.vreg(vZero))
		} else {
			g.a.Pcmpeqb(g.vreg(dst), g.vreg(vZero))
		}
	}
}

// movemask sets r to the candidate bits of a block's result v.
func (g *gen) movemask(r amd64.Reg, v int) {
	a := g.a
	if g.d.AVX2 {
		a.Vpmovmskb(r, g.vreg(v))
	} else {
		a.Pmovmskb(r, g.vreg(v))
	}
	if g.d.Kind == Nibble {
		a.Not(amd64.W32, r)
		if !g.d.AVX2 {
			a.And(amd64.W32, r, amd64.Imm(0xFFFF))
		}
	}
}

func (g *gen) and(dst, src int) {
	if g.d.AVX2 {
		g.a.Vpand(g.vreg(dst), g.vreg(dst), g.vreg(src))
	} else {
		g.a.Pand(g.vreg(dst), g.vreg(src))
	}
}

// or sets dst to dst | src, or with first to the first block's result
// | src.
func (g *gen) or(dst, src int, first bool) {
	a := g.a
	from := dst
	if first {
		from = vBlock
	}
	if g.d.AVX2 {
		a.Vpor(g.vreg(dst), g.vreg(from), g.vreg(src))
		return
	}
	if first {
		a.Movdqu(g.vreg(dst), g.vreg(from))
	}
	a.Por(g.vreg(dst), g.vreg(src))
}

// exact leaves 0xFF in the bytes of dst where b == B.
func (g *gen) exact(i int, src amd64.Mem, dst int) {
	a := g.a
	B, v := g.vreg(2*i+1), g.vreg(dst)
	if g.d.AVX2 {
		a.Vpcmpeqb(v, B, src)
		return
	}
	a.Movdqu(v, src)
	a.Pcmpeqb(v, B)
}

// eq leaves 0xFF in the bytes of dst where (b | A) == B.
func (g *gen) eq(i int, src amd64.Mem, dst int) {
	a := g.a
	A, B, v := g.vreg(2*i), g.vreg(2*i+1), g.vreg(dst)
	if g.d.AVX2 {
		a.Vpor(v, A, src)
		a.Vpcmpeqb(v, v, B)
		return
	}
	a.Movdqu(v, src)
	a.Por(v, A)
	a.Pcmpeqb(v, B)
}

// nibble leaves lo[b&15] & hi[b>>4] in the bytes of dst.
func (g *gen) nibble(i int, src amd64.Mem, dst int) {
	a := g.a
	lo, hi, v := g.vreg(2*i), g.vreg(2*i+1), g.vreg(dst)
	t2, t3, m := g.vreg(vT2), g.vreg(vT3), g.vreg(vMask0F)
	if g.d.AVX2 {
		a.Shufti(v, src, lo, hi, m, t2, t3)
		return
	}
	a.Movdqu(t2, src)
	a.Movdqu(t3, t2)
	a.Psrlw(t3, 4)
	a.Pand(t2, m)
	a.Pand(t3, m)
	a.Movdqu(v, lo)
	a.Pshufb(v, t2)
	a.Movdqu(t2, hi)
	a.Pshufb(t2, t3)
	a.Pand(v, t2)
}

// leave clears the upper halves of the vector registers after AVX code.
func (g *gen) leave() {
	if g.d.AVX2 {
		g.a.Vzeroupper()
	}
}
