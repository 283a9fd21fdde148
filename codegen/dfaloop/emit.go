package dfaloop

import (
	"github.com/rxjit/rxjit/codegen/amd64"
	"github.com/rxjit/rxjit/codegen/entry"
)

// The emitters below are shared by the forward loop and the span loop,
// which keep the haystack, the table, the rows and the state in the same
// registers.

// emitStep emits dst = the transition of the state in rState on the byte
// at src, using dst for the byte and its class. The class's column is
// found off the chain of dependent loads, and the address adds the state:
// a step costs the chain one load and no add (BenchmarkLoop in
// regex/internal/jit: 17% less time than state+class, then a load;
// dfa.GoLoop indexes the same way).
func emitStep(a *amd64.Assembler, dst amd64.Reg, src amd64.Mem) {
	a.Movzx(amd64.W32, dst, amd64.W8, src)
	a.Movzx(amd64.W32, dst, amd64.W8, amd64.Mem{Base: rTab, Index: dst, Scale: 1})
	a.Lea(amd64.W64, dst, amd64.Mem{Base: rRows, Index: dst, Scale: 4})
	a.Mov(amd64.W32, dst, amd64.Mem{Base: dst, Index: rState, Scale: 4})
}

// emitMatchRun emits the loop that takes a run of one transition, want,
// forward: while rPos+1 is below end and the step on the byte there is
// want, it moves rPos on; then it jumps to ran. A match state that loops
// on itself (as .* ending a pattern) only moves the match on, so a run of
// it is a loop of its own. tmp and scratch are clobbered.
func emitMatchRun(a *amd64.Assembler, run, ran amd64.Label, end, want, tmp, scratch amd64.Reg) {
	a.Bind(run)
	a.Lea(amd64.W64, tmp, amd64.Mem{Base: rPos, Disp: 1})
	a.Cmp(amd64.W64, tmp, end)
	a.J(amd64.CondAE, ran)
	emitStep(a, scratch, amd64.Mem{Base: rHay, Index: rPos, Scale: 1, Disp: 1})
	a.Cmp(amd64.W32, scratch, want)
	a.J(amd64.CondNE, ran)
	a.Inc(amd64.W64, rPos)
	a.Jmp(run)
}

// emitEscapes emits the "shufti" test of the 32 bytes at rPos against
// the nibble tables of an acceleration record in Y1 (low nibbles) and Y2
// (high nibbles), with Y5 holding 0x0F in every byte and Y6 zero: dst
// gets a bit per byte, set where the byte escapes (is in the tables'
// set). It clobbers Y0 and Y3.
func emitEscapes(a *amd64.Assembler, dst amd64.Reg) {
	a.ShuftiOutside(dst, amd64.Mem{Base: rHay, Index: rPos, Scale: 1}, amd64.Y1, amd64.Y2, amd64.Y5, amd64.Y6, amd64.Y0, amd64.Y3)
	a.Not(amd64.W32, dst)
}

// emitRunSkip emits the skip along a match run, shared by the forward and
// span loops: where the state in rState has a match run's record in its
// column 0 (dfa's Cache.MatchRuns: the nibble tables of the bytes that do
// not take its tagged self-loop), the record lies below the limit, and
// 32 bytes lie between rPos and end, it moves rPos, 32 bytes at a time, to
// the first byte that leaves the run or to where fewer than 32 remain. It
// goes on after itself either way. It loads the tables into Y1 and Y2
// (not again where cache, unless NoReg, holds their address, which it
// then updates) and needs Y5 and Y6 as emitEscapes does; t1 and t2 are
// clobbered.
func emitRunSkip(a *amd64.Assembler, end, t1, t2, cache amd64.Reg) {
	done, loaded, loop, found := a.NewLabel("run_skip_done"), a.NewLabel("run_skip_loaded"), a.NewLabel("run_skip"), a.NewLabel("run_skip_found")
	a.Lea(amd64.W64, t1, amd64.Mem{Base: rPos, Disp: 32})
	a.Cmp(amd64.W64, t1, end)
	a.J(amd64.CondA, done)
	a.Mov(amd64.W32, t1, amd64.Mem{Base: rRows, Index: rState, Scale: 4})
	a.Test(amd64.W32, t1, t1)
	a.J(amd64.CondE, done)
	a.Add(amd64.W64, t1, amd64.Imm(16))
	a.Cmp(amd64.W64, t1, rLimit)
	a.J(amd64.CondA, done)
	a.Lea(amd64.W64, t1, amd64.Mem{Base: rRows, Index: t1, Scale: 4, Disp: -64})
	if cache != amd64.NoReg {
		a.Cmp(amd64.W64, t1, cache)
		a.J(amd64.CondE, loaded)
		a.Mov(amd64.W64, cache, t1)
	}
	a.Vmovdqu(amd64.Y1, amd64.Mem{Base: t1})
	a.Vmovdqu(amd64.Y2, amd64.Mem{Base: t1, Disp: 32})
	a.Bind(loaded)
	a.Bind(loop)
	emitEscapes(a, t2)
	a.Test(amd64.W32, t2, t2)
	a.J(amd64.CondNE, found)
	a.Add(amd64.W64, rPos, amd64.Imm(32))
	a.Lea(amd64.W64, t1, amd64.Mem{Base: rPos, Disp: 32})
	a.Cmp(amd64.W64, t1, end)
	a.J(amd64.CondBE, loop)
	a.Jmp(done)
	a.Bind(found)
	a.Bsf(amd64.W32, t2, t2)
	a.Add(amd64.W64, rPos, t2)
	a.Bind(done)
}

// emitLimit emits the checks every loop makes first: it loads the limit
// from Arg[0] into rLimit and jumps to bad unless the limit is plausible
// and the table holds a header of header bytes, the limit's rows and the
// slack; then it points rRows at the rows.
func emitLimit(a *amd64.Assembler, header int32, bad amd64.Label) {
	a.Mov(amd64.W64, rLimit, field(entry.OffArg))
	a.Cmp(amd64.W64, rLimit, amd64.Imm(1<<28)) // a limit this large is no table
	a.J(amd64.CondAE, bad)
	a.Lea(amd64.W64, rTmp, amd64.Mem{Base: amd64.NoReg, Index: rLimit, Scale: 4, Disp: header + 4*slackWords})
	a.Cmp(amd64.W64, rTmp, field(entry.OffScratchLen))
	a.J(amd64.CondA, bad)
	a.Lea(amd64.W64, rRows, amd64.Mem{Base: rTab, Disp: header})
}

// assemble emits the exit every loop ends with, bad returning BadTable,
// and assembles the loop.
func assemble(a *amd64.Assembler, bad amd64.Label) ([]byte, map[int]string, error) {
	a.Bind(bad)
	a.Mov(amd64.W32, amd64.RAX, amd64.Imm(int64(BadTable)))
	a.Ret()
	code, err := a.Assemble()
	return code, a.Labels(), err
}
