package dfaloop

import (
	"fmt"

	"github.com/rxjit/rxjit/codegen/amd64"
	"github.com/rxjit/rxjit/codegen/entry"
)

// ChainsDesc describes a two-chain round of the forward loop: a walk of
// the table in which two independent chains of dependent loads run side
// by side, so that the processor overlaps them. It holds no pointers.
//
// One step of a DFA waits for the step before it (the next state is a load
// whose address holds the state), so a walk runs at the latency of a load
// however wide the processor. A round splits the text ahead in two: chain
// one walks [Pos, Pos+D) from State, as the forward loop would, while chain
// two walks [Pos+D, Pos+2D) from Arg[2], a guess (the caller's unanchored
// start state there), storing its state every Every bytes in the header's
// checkpoint words (D/Every of them, at most Max). Then chain one goes on
// alone from Pos+D and, at each checkpoint, compares its state with the
// one stored: the same state at the same position has the same future, so
// where they agree chain one takes chain two's state at Pos+2D and the
// round is done, its second half read once. Where they never agree chain
// one has read Pos+2D itself. Either way State and Pos are what the
// forward loop would have left there.
//
// The round takes no special ID: where chain one's step leads to one it
// stops before the byte (Aux[0] = ChainStopped) for the forward loop to
// take it; where chain two's does, chain two's guess is dropped (Aux[0] =
// ChainLost, Aux[1] the position of the byte), and chain one has read the
// first half. The caller must give a region inside the text, D a
// non-zero multiple of Every with D/Every at most Max, and states below
// the limit; the code checks all of it, and that the table holds the
// header, the limit's rows and 256 words of slack, and returns BadTable
// otherwise.
//
// Context fields:
//
//	Pos      in/out  the next byte chain one reads
//	State    in/out  chain one's state
//	Arg[0]   in      the limit: the first special ID
//	Arg[1]   in      D, the length of each half
//	Arg[2]   in      chain two's state at Pos+D
//	Aux[0]   out     ChainDone, ChainStopped or ChainLost
//	Aux[1]   out     ChainLost: the position of chain two's special byte
type ChainsDesc struct {
	// Header is the size of the header in bytes, a multiple of 4; the
	// rows start there. Checkpoints is the offset in it of Max 32-bit
	// words.
	Header, Checkpoints int32
	// Every is the distance in bytes between checkpoints, and the
	// number of steps the loops unroll.
	Every int32
	// Max is the most checkpoints a round stores.
	Max int32
}

// The outcomes of a round, in Context.Aux[0].
const (
	ChainDone    = 0
	ChainStopped = 1
	ChainLost    = 2
)

// Registers of the round beyond the forward loop's.
const (
	rHay2   = amd64.R13 // the haystack, D bytes on: chain two reads rHay2[rPos]
	rState2 = amd64.R14
	rNext2  = amd64.R15
	rCk     = amd64.RAX // the checkpoint index
)

// GenerateChains returns the machine code of the round d describes and
// the names of its labels by offset, for disassembly.
func GenerateChains(d ChainsDesc) ([]byte, map[int]string, error) {
	if d.Header < 256 || d.Header%4 != 0 || d.Every < 1 || d.Every&(d.Every-1) != 0 || d.Max < 1 ||
		d.Checkpoints < 256 || d.Checkpoints%4 != 0 || d.Checkpoints+4*d.Max > d.Header {
		return nil, nil, fmt.Errorf("dfaloop: chains description %+v", d)
	}
	var a amd64.Assembler
	bad, store, lost, finish := a.NewLabel("bad"), a.NewLabel("store"), a.NewLabel("lost"), a.NewLabel("finish")
	both, alone, adopt := a.NewLabel("both"), a.NewLabel("alone"), a.NewLabel("adopt")
	every := d.Every

	// Load and check the context: the limit and the table as the forward
	// loop does, then D, the states and the region.
	emitLimit(&a, d.Header, bad)
	a.Mov(amd64.W64, rPos, field(entry.OffPos))
	a.Mov(amd64.W32, rState, field(entry.OffState))
	a.Cmp(amd64.W64, rState, rLimit)
	a.J(amd64.CondAE, bad)
	a.Mov(amd64.W64, rState2, field(entry.OffArg+16))
	a.Cmp(amd64.W64, rState2, rLimit)
	a.J(amd64.CondAE, bad)
	a.Mov(amd64.W64, rTmp, field(entry.OffArg+8)) // D
	a.Test(amd64.W64, rTmp, rTmp)
	a.J(amd64.CondE, bad)
	a.Cmp(amd64.W64, rTmp, amd64.Imm(int64(every)*int64(d.Max)))
	a.J(amd64.CondA, bad)
	a.Mov(amd64.W64, rNext, rTmp)
	a.And(amd64.W64, rNext, amd64.Imm(int64(every-1)))
	a.J(amd64.CondNE, bad)
	// End of the region, Pos+2D, within Len (no overflow: D is small,
	// Pos is checked against Len first).
	a.Cmp(amd64.W64, rPos, field(entry.OffLen))
	a.J(amd64.CondA, bad)
	a.Lea(amd64.W64, rEnd, amd64.Mem{Base: rPos, Index: rTmp, Scale: 2})
	a.Cmp(amd64.W64, rEnd, field(entry.OffLen))
	a.J(amd64.CondA, bad)
	a.Lea(amd64.W64, rHay2, amd64.Mem{Base: rHay, Index: rTmp, Scale: 1})
	a.Lea(amd64.W64, rEnd, amd64.Mem{Base: rPos, Index: rTmp, Scale: 1}) // end of the first half
	a.Xor(amd64.W32, rCk, rCk)

	// stepOf emits dst = the step of state on the byte at base[rPos+disp].
	stepOf := func(dst, state, base amd64.Reg, disp int32) {
		a.Movzx(amd64.W32, dst, amd64.W8, amd64.Mem{Base: base, Index: rPos, Scale: 1, Disp: disp})
		a.Movzx(amd64.W32, dst, amd64.W8, amd64.Mem{Base: rTab, Index: dst, Scale: 1})
		a.Lea(amd64.W64, dst, amd64.Mem{Base: rRows, Index: dst, Scale: 4})
		a.Mov(amd64.W32, dst, amd64.Mem{Base: dst, Index: state, Scale: 4})
	}
	checkpoint := amd64.Mem{Base: rTab, Index: rCk, Scale: 4, Disp: d.Checkpoints}

	// Both chains, every bytes at a time: a checkpoint, then the steps,
	// each pair interleaved.
	oneExit, twoExit := make([]amd64.Label, every), make([]amd64.Label, every)
	for i := range every {
		oneExit[i], twoExit[i] = a.NewLabel("one_special"), a.NewLabel("two_special")
	}
	a.Align(16)
	a.Bind(both)
	a.Cmp(amd64.W64, rPos, rEnd)
	a.J(amd64.CondAE, alone)
	a.Mov(amd64.W32, checkpoint, rState2)
	a.Inc(amd64.W64, rCk)
	for i := range every {
		stepOf(rNext, rState, rHay, i)
		stepOf(rNext2, rState2, rHay2, i)
		a.Cmp(amd64.W32, rNext, rLimit)
		a.J(amd64.CondAE, oneExit[i])
		a.Cmp(amd64.W32, rNext2, rLimit)
		a.J(amd64.CondAE, twoExit[i])
		a.Mov(amd64.W32, rState, rNext)
		a.Mov(amd64.W32, rState2, rNext2)
	}
	a.Add(amd64.W64, rPos, amd64.Imm(int64(every)))
	a.Jmp(both)

	// Chain one alone over the second half, comparing at each
	// checkpoint; rCk counts them down from the last stored.
	aloneLoop, aloneExit := a.NewLabel("alone_loop"), make([]amd64.Label, every)
	for i := range every {
		aloneExit[i] = a.NewLabel("alone_special")
	}
	a.Bind(alone)
	a.Mov(amd64.W64, rEnd, rCk) // the number of checkpoints stored
	a.Xor(amd64.W32, rCk, rCk)
	a.Align(16)
	a.Bind(aloneLoop)
	a.Cmp(amd64.W64, rCk, rEnd)
	a.J(amd64.CondAE, finish) // at Pos+2D: chain one read it all
	a.Cmp(amd64.W32, rState, checkpoint)
	a.J(amd64.CondE, adopt)
	a.Inc(amd64.W64, rCk)
	for i := range every {
		stepOf(rNext, rState, rHay, i)
		a.Cmp(amd64.W32, rNext, rLimit)
		a.J(amd64.CondAE, aloneExit[i])
		a.Mov(amd64.W32, rState, rNext)
	}
	a.Add(amd64.W64, rPos, amd64.Imm(int64(every)))
	a.Jmp(aloneLoop)

	// The chains agree: chain one goes on from chain two's end.
	a.Bind(adopt)
	a.Mov(amd64.W64, rPos, field(entry.OffPos))
	a.Add(amd64.W64, rPos, field(entry.OffArg+8))
	a.Add(amd64.W64, rPos, field(entry.OffArg+8))
	a.Mov(amd64.W32, rState, rState2)
	a.Bind(finish)
	a.Mov(amd64.W64, field(entry.OffAux), amd64.Imm(ChainDone))
	a.Jmp(store)

	// Chain one's special at step i: stop before its byte, i steps on
	// (the blocks fall through, each adding one).
	for i := every - 1; i >= 1; i-- {
		a.Bind(oneExit[i])
		a.Bind(aloneExit[i])
		a.Inc(amd64.W64, rPos)
	}
	a.Bind(oneExit[0])
	a.Bind(aloneExit[0])
	a.Mov(amd64.W64, field(entry.OffAux), amd64.Imm(ChainStopped))
	a.Jmp(store)

	// Chain two's special at step i: chain one takes its step and stops
	// after it; chain two's byte, D further, is reported.
	for i := range every {
		a.Bind(twoExit[i])
		a.Mov(amd64.W32, rState, rNext)
		a.Lea(amd64.W64, rPos, amd64.Mem{Base: rPos, Disp: i + 1})
		a.Jmp(lost)
	}
	a.Bind(lost)
	a.Lea(amd64.W64, rNext, amd64.Mem{Base: rPos, Disp: -1})
	a.Add(amd64.W64, rNext, field(entry.OffArg+8))
	a.Mov(amd64.W64, field(entry.OffAux+8), rNext)
	a.Mov(amd64.W64, field(entry.OffAux), amd64.Imm(ChainLost))
	a.Bind(store)
	a.Mov(amd64.W64, field(entry.OffPos), rPos)
	a.Mov(amd64.W64, field(entry.OffState), rState)
	a.Xor(amd64.W32, amd64.RAX, amd64.RAX) // Done
	a.Ret()

	return assemble(&a, bad)
}
