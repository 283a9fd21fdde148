package entry

import (
	"testing"

	"github.com/rxjit/rxjit/codegen/amd64"
	"github.com/rxjit/rxjit/jitmem"
	"golang.org/x/sys/cpu"
)

// Registers of the generated-code contract.
const (
	rCtx     = amd64.RDI
	rHay     = amd64.RSI
	rScratch = amd64.RDX
)

func field(off int32) amd64.Mem { return amd64.Mem{Base: rCtx, Disp: off} }

// countKind selects the inner loop of genCount.
type countKind int

const (
	scalar countKind = iota
	sse              // 16 bytes per step: pcmpeqb, pmovmskb, popcnt
	avx2             // 32 bytes per step: vpcmpeqb, vpmovmskb, popcnt
)

func (k countKind) String() string { return [...]string{"scalar", "sse", "avx2"}[k] }

// supported reports whether this CPU runs k.
func (k countKind) supported() bool {
	switch k {
	case sse:
		return cpu.X86.HasSSSE3 && cpu.X86.HasPOPCNT
	case avx2:
		return cpu.X86.HasAVX2 && cpu.X86.HasPOPCNT
	}
	return true
}

// genCount generates a resumable byte counter: it adds to Count the number of
// bytes equal to Arg[0] in hay[Pos:min(Limit, Len)], stores the new Pos, and
// returns Done at the end of the haystack or Yield before it. The vector
// loops run only while a whole vector remains before the end and finish with
// the scalar loop, so no load ever reaches past Len.
func genCount(k countKind) ([]byte, map[int]string, error) {
	var a amd64.Assembler
	const (
		pos    = amd64.RCX
		end    = amd64.R8
		length = amd64.R9
		needle = amd64.R10
		count  = amd64.R11
		tmp    = amd64.RAX
		tmp2   = amd64.RDX // the scratch pointer is unused here
	)
	scalarLoop, out, vecLoop := a.NewLabel("scalar"), a.NewLabel("out"), a.NewLabel("vector")
	a.Mov(amd64.W64, pos, field(OffPos))
	a.Mov(amd64.W64, end, field(OffLimit))
	a.Mov(amd64.W64, length, field(OffLen))
	a.Cmp(amd64.W64, end, length) // end = min(Limit, Len): never trust Limit
	a.Cmov(amd64.CondA, amd64.W64, end, length)
	a.Movzx(amd64.W32, needle, amd64.W8, field(OffArg))
	a.Mov(amd64.W64, count, field(OffCount))

	if k != scalar {
		width := int64(16)
		if k == avx2 {
			width = 32
		}
		vecEnd := amd64.RBX // end - width, when end ≥ width
		a.Cmp(amd64.W64, end, amd64.Imm(width))
		a.J(amd64.CondB, scalarLoop)
		a.Lea(amd64.W64, vecEnd, amd64.Mem{Base: end, Disp: int32(-width)})
		if k == sse {
			a.Movd(amd64.X0, needle)
			a.Pxor(amd64.X1, amd64.X1)
			a.Pshufb(amd64.X0, amd64.X1) // broadcast the needle
		} else {
			a.Vmovd(amd64.X0, needle)
			a.Vpbroadcastb(amd64.Y0, amd64.X0)
		}
		a.Align(32)
		a.Bind(vecLoop)
		a.Cmp(amd64.W64, pos, vecEnd) // a whole vector fits iff pos ≤ end-width
		a.J(amd64.CondA, scalarLoop)
		hay := amd64.Mem{Base: rHay, Index: pos, Scale: 1}
		if k == sse {
			a.Movdqu(amd64.X1, hay)
			a.Pcmpeqb(amd64.X1, amd64.X0)
			a.Pmovmskb(tmp, amd64.X1)
		} else {
			a.Vpcmpeqb(amd64.Y1, amd64.Y0, hay)
			a.Vpmovmskb(tmp, amd64.Y1)
		}
		a.Popcnt(amd64.W32, tmp, tmp)
		a.Add(amd64.W64, count, tmp)
		a.Add(amd64.W64, pos, amd64.Imm(width))
		a.Jmp(vecLoop)
	}

	a.Align(16)
	a.Bind(scalarLoop)
	a.Cmp(amd64.W64, pos, end)
	a.J(amd64.CondAE, out)
	a.Movzx(amd64.W32, tmp, amd64.W8, amd64.Mem{Base: rHay, Index: pos, Scale: 1})
	a.Xor(amd64.W32, tmp2, tmp2)
	a.Cmp(amd64.W32, tmp, needle)
	a.Setcc(amd64.CondE, tmp2)
	a.Add(amd64.W64, count, tmp2)
	a.Inc(amd64.W64, pos)
	a.Jmp(scalarLoop)

	a.Bind(out)
	if k == avx2 {
		a.Vzeroupper()
	}
	a.Mov(amd64.W64, field(OffPos), pos)
	a.Mov(amd64.W64, field(OffCount), count)
	a.Mov(amd64.W32, amd64.RAX, amd64.Imm(int64(Yield)))
	a.Mov(amd64.W32, tmp2, amd64.Imm(int64(Done)))
	a.Cmp(amd64.W64, pos, length)
	a.Cmov(amd64.CondAE, amd64.W32, amd64.RAX, tmp2)
	a.Ret()
	code, err := a.Assemble()
	return code, a.Labels(), err
}

// genWeights generates a function that needs state: it adds scratch[b] to
// Count for each byte b of hay[Pos:min(Limit, Len)], where scratch is a
// 256-byte table Go fills lazily. An entry of 0xFF means "not computed yet":
// the function stores Pos (at that byte) and State = b and returns
// NeedState, and Go fills the entry and calls again.
func genWeights() ([]byte, error) {
	var a amd64.Assembler
	const (
		pos = amd64.RCX
		end = amd64.R8
		sum = amd64.R11
		b   = amd64.RAX
		w   = amd64.R9
	)
	loop, out, miss, bad := a.NewLabel("loop"), a.NewLabel("out"), a.NewLabel("miss"), a.NewLabel("bad")
	a.Cmp(amd64.W64, field(OffScratchLen), amd64.Imm(256)) // the table must be whole
	a.J(amd64.CondB, bad)
	a.Mov(amd64.W64, pos, field(OffPos))
	a.Mov(amd64.W64, end, field(OffLimit))
	a.Cmp(amd64.W64, end, field(OffLen))
	a.Cmov(amd64.CondA, amd64.W64, end, field(OffLen))
	a.Mov(amd64.W64, sum, field(OffCount))
	a.Align(16)
	a.Bind(loop)
	a.Cmp(amd64.W64, pos, end)
	a.J(amd64.CondAE, out)
	a.Movzx(amd64.W32, b, amd64.W8, amd64.Mem{Base: rHay, Index: pos, Scale: 1})
	a.Movzx(amd64.W32, w, amd64.W8, amd64.Mem{Base: rScratch, Index: b, Scale: 1}) // b < 256 ≤ ScratchLen
	a.Cmp(amd64.W32, w, amd64.Imm(0xFF))
	a.J(amd64.CondE, miss)
	a.Add(amd64.W64, sum, w)
	a.Inc(amd64.W64, pos)
	a.Jmp(loop)

	a.Bind(miss)
	a.Mov(amd64.W64, field(OffState), b)
	a.Mov(amd64.W64, field(OffPos), pos)
	a.Mov(amd64.W64, field(OffCount), sum)
	a.Mov(amd64.W32, amd64.RAX, amd64.Imm(int64(NeedState)))
	a.Ret()

	a.Bind(out)
	a.Mov(amd64.W64, field(OffPos), pos)
	a.Mov(amd64.W64, field(OffCount), sum)
	a.Mov(amd64.W32, amd64.RAX, amd64.Imm(int64(Yield)))
	a.Mov(amd64.W32, amd64.RDX, amd64.Imm(int64(Done)))
	a.Cmp(amd64.W64, pos, field(OffLen))
	a.Cmov(amd64.CondAE, amd64.W32, amd64.RAX, amd64.RDX)
	a.Ret()

	a.Bind(bad)
	a.Mov(amd64.W32, amd64.RAX, amd64.Imm(99)) // an exit code Call must reject
	a.Ret()
	return a.Assemble()
}

// load assembles into executable memory, skipping the test where that is
// unavailable.
func load(t testing.TB, code []byte, err error) *jitmem.Code {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
	if err := jitmem.Available(); err != nil {
		t.Skip(err)
	}
	c, err := jitmem.Alloc(code)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// goCount is the reference for genCount.
func goCount(hay []byte, needle byte) uint64 {
	var n uint64
	for _, c := range hay {
		if c == needle {
			n++
		}
	}
	return n
}
