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
