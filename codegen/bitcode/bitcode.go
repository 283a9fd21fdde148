// Package bitcode compiles the backward liveness pass of a position
// automaton of at most 64 positions (package bitnfa's Step1) to x86-64
// machine code, and the span loop that finds FindAll's matches on that
// liveness (spans.go).
//
// The set of live positions stays in a register for the whole pass. Per
// byte, from the end of the text towards its start, the code takes the
// context of the position after the byte (the assertions the automaton
// uses, tested inline by package lookcode), then the step
//
//	X = (X>>1)&Shifted[b] | Matched[b] | (Tables[0][byte c0 of X] | …) & Accept[b]
//
// and stores X, the set live at the byte, in the liveness array. It also
// marks, in a bitmap after the array, the bytes where X meets StartSet
// (with StartHigh, every byte above 0x7F too). The tables are built by
// package bitnfa, which also runs them in its Go loop (Automaton.Fill1):
// one definition, two executors. They are not part of the code: the
// caller lays them out (Layout) at the start of the scratch block, so
// one function serves every automaton of the same shape (assertions,
// exception chunks, StartHigh), and patterns cost no executable memory
// of their own.
//
// The code follows the contract of package entry: RDI holds the
// *entry.Context, RSI the haystack, RDX the scratch block, which holds
// the tables (Layout), then the liveness array (word k is the set of
// position From+k), then the bitmap (bit k%64 of its word k/64 for
// position From+k). Context fields:
//
//	Pos     in/out  the position after the next byte to take
//	State   in/out  the set live at Pos
//	Arg[0]  in      From: the position of the array's first word
//	Arg[1]  in      Stop: stop when Pos reaches it; Stop-From is a
//	                multiple of 64, or Stop is From
//	Arg[2]  in      the offset of the bitmap in the scratch block, in bytes
//
// (Limit, which entry.Call keeps at or after Pos, is not read: the pass
// runs backwards.) A call writes the bitmap's words from the one holding
// Pos-1 down to the one holding Stop, whole. The code returns Done at
// Stop, or BadArgs (without touching memory) when From <= Stop <= Pos <=
// Len does not hold, Stop is not aligned, or the scratch block has no
// room for the tables and what the call writes.
package bitcode

import (
	"fmt"

	"github.com/rxjit/rxjit/codegen/amd64"
	"github.com/rxjit/rxjit/codegen/entry"
	"github.com/rxjit/rxjit/codegen/lookcode"
)

// Desc describes the automaton's step.
type Desc struct {
	// Accept holds, for each byte, the set of positions that accept it.
	Accept *[256]uint64
	// Looks are the assertions that choose the context; context k holds
	// where, for each j, the j-th lowest assertion of Looks holds exactly
	// when bit j of k is set.
	Looks lookcode.Look
	// Contexts holds the step of each context; Chunks says which byte of
	// the set each of a context's Tables is indexed by.
	Contexts []Context
	Chunks   []uint8
	// StartSet and StartHigh say which bytes the bitmap marks.
	StartSet  uint64
	StartHigh bool
}

// Context is the step in one context (bitnfa.Step1).
type Context struct {
	Shifted, Matched *[256]uint64
	Tables           [][256]uint64
}

// BadArgs is the exit code of a call whose Context does not describe a
// valid pass. entry.Call reports it as an error.
const BadArgs entry.Exit = 97

// Registers. lookcode's scratch registers are T1-T3.
const (
	rCtx  = amd64.RDI
	rHay  = amd64.RSI
	rLive = amd64.RDX // the array, biased by -8*From so that Pos indexes it
	rPos  = amd64.RCX
	rBM   = amd64.R8 // the bitmap word being filled
	rLo   = amd64.R9
	rT1   = amd64.R10
	rT2   = amd64.R11
	rT3   = amd64.RAX
	rX    = amd64.R12
	rCur  = amd64.R13
	rTmp  = amd64.R14
	rData = amd64.R15 // the tables: the scratch block's start
	rStep = amd64.RBX // the context's step record
	// After the context is known, lookcode's scratch registers hold the
	// byte and the exceptions.
	rB   = rT1
	rExc = rT2
)

func field(off int32) amd64.Mem { return amd64.Mem{Base: rCtx, Disp: off} }

// Layout returns the tables of d as the code reads them at the start of
// the scratch block: StartSet, Accept, then for each context Shifted,
// Matched and its exception tables.
func Layout(d Desc) []uint64 {
	words := make([]uint64, 0, tableWords(d))
	words = append(words, d.StartSet)
	words = append(words, d.Accept[:]...)
	for _, c := range d.Contexts {
		if len(c.Tables) != len(d.Chunks) {
			panic(fmt.Sprintf("bitcode: %d exception tables for %d chunks", len(c.Tables), len(d.Chunks)))
		}
		words = append(words, c.Shifted[:]...)
		words = append(words, c.Matched[:]...)
		for t := range c.Tables {
			words = append(words, c.Tables[t][:]...)
		}
	}
	return words
}

// tableWords is the length of Layout(d).
func tableWords(d Desc) int { return 1 + 256 + len(d.Contexts)*256*(2+len(d.Chunks)) }

// Shape is what the code of d depends on: two automata of the same
// shape share their code.
func Shape(d Desc) string {
	return fmt.Sprintf("looks=%#x chunks=%v high=%v", uint8(d.Looks), d.Chunks, d.StartHigh)
}

// Generate compiles the pass for automata of d's shape (only d's shape is
// read, not its tables).
func Generate(d Desc) ([]byte, map[int]string, error) {
	nlooks := 0
	for l := d.Looks; l != 0; l &= l - 1 {
		nlooks++
	}
	if d.Looks&^lookcode.All != 0 || len(d.Contexts) != 1<<nlooks {
		return nil, nil, fmt.Errorf("bitcode: %d contexts for assertions %#x", len(d.Contexts), d.Looks)
	}
	for _, ch := range d.Chunks {
		if ch >= 8 {
			return nil, nil, fmt.Errorf("bitcode: chunk %d", ch)
		}
	}
	// The tables: StartSet, Accept, then a record per context: Shifted,
	// Matched and its exception tables.
	const acceptOff = 8
	const acceptBytes = 256 * 8
	record := 256 * 8 * (2 + len(d.Chunks))
	tablesBytes := int64(8 * tableWords(d))

	var a amd64.Assembler
	words := a.NewLabel("word_bytes")
	loop, word, done, bad := a.NewLabel("loop"), a.NewLabel("word"), a.NewLabel("done"), a.NewLabel("bad")
	regs := lookcode.Regs{Hay: rHay, Pos: rPos, Len: field(entry.OffLen), T1: rT1, T2: rT2, T3: rT3, Words: words}
	from, startsOff := field(entry.OffArg), field(entry.OffArg+16)
	// The bitmap's address, kept below the stack pointer (the contract
	// allows 128 bytes there).
	startsBase := amd64.Mem{Base: amd64.RSP, Disp: -8}
	startSet := amd64.Mem{Base: rData}
	accept := func(index amd64.Reg) amd64.Mem {
		return amd64.Mem{Base: rData, Index: index, Scale: 8, Disp: acceptOff}
	}

	a.Mov(amd64.W64, rPos, field(entry.OffPos))
	a.Mov(amd64.W64, rX, field(entry.OffState))
	a.Mov(amd64.W64, rLo, field(entry.OffArg+8))
	a.Mov(amd64.W64, rTmp, from)
	a.Cmp(amd64.W64, rPos, field(entry.OffLen))
	a.J(amd64.CondA, bad)
	a.Cmp(amd64.W64, rLo, rPos)
	a.J(amd64.CondA, bad)
	a.Cmp(amd64.W64, rTmp, rLo)
	a.J(amd64.CondA, bad)
	a.Mov(amd64.W64, rCur, rLo)
	a.Sub(amd64.W64, rCur, rTmp)
	a.Test(amd64.W64, rCur, amd64.Imm(63))
	a.J(amd64.CondNE, bad)
	a.Cmp(amd64.W64, rPos, rLo)
	a.J(amd64.CondE, done) // nothing to write
	// The scratch block must hold the tables, the array's words
	// From..Pos-1 after them, and the bitmap, at its offset, words up to
	// (Pos-1-From)/64.
	a.Mov(amd64.W64, rCur, rPos)
	a.Sub(amd64.W64, rCur, rTmp)
	a.Shl(amd64.W64, rCur, amd64.Imm(3))
	a.Add(amd64.W64, rCur, amd64.Imm(tablesBytes))
	a.Cmp(amd64.W64, rCur, field(entry.OffScratchLen))
	a.J(amd64.CondA, bad)
	a.Mov(amd64.W64, rCur, rPos)
	a.Sub(amd64.W64, rCur, rTmp)
	a.Dec(amd64.W64, rCur)
	a.Shr(amd64.W64, rCur, amd64.Imm(6))
	a.Inc(amd64.W64, rCur)
	a.Shl(amd64.W64, rCur, amd64.Imm(3)) // the bitmap's bytes
	a.Mov(amd64.W64, rExc, startsOff)
	a.Mov(amd64.W64, rB, field(entry.OffScratchLen))
	a.Cmp(amd64.W64, rExc, rB)
	a.J(amd64.CondA, bad)
	a.Sub(amd64.W64, rB, rExc)
	a.Cmp(amd64.W64, rCur, rB)
	a.J(amd64.CondA, bad)
	a.Add(amd64.W64, rExc, rLive)
	a.Mov(amd64.W64, startsBase, rExc)
	a.Mov(amd64.W64, rData, rLive)
	a.Shl(amd64.W64, rTmp, amd64.Imm(3))
	a.Sub(amd64.W64, rLive, rTmp)
	a.Add(amd64.W64, rLive, amd64.Imm(tablesBytes))
	a.Xor(amd64.W32, rBM, rBM)
	if nlooks == 0 {
		a.Lea(amd64.W64, rStep, amd64.Mem{Base: rData, Disp: acceptOff + acceptBytes})
	}
	// The loop runs a bitmap word at a time: rLo holds the lowest
	// position of the current word (Stop stays in Arg[1]). The first
	// word may be partial; the others are whole, as Stop is aligned.
	a.Mov(amd64.W64, rTmp, rPos)
	a.Sub(amd64.W64, rTmp, from)
	a.Dec(amd64.W64, rTmp)
	a.And(amd64.W64, rTmp, amd64.Imm(-64))
	a.Add(amd64.W64, rTmp, from)
	a.Mov(amd64.W64, rLo, rTmp)
	a.Align(16)
	a.Bind(loop)
	a.Cmp(amd64.W64, rPos, rLo)
	a.J(amd64.CondBE, word)
	if nlooks > 0 {
		// The context of Pos: bit j for the j-th assertion that holds.
		a.Xor(amd64.W32, rStep, rStep)
		j := 0
		for l := d.Looks; l != 0; l &= l - 1 {
			skip := a.NewLabel("")
			if err := lookcode.Emit(&a, regs, l&-l, skip); err != nil {
				return nil, nil, err
			}
			a.Or(amd64.W32, rStep, amd64.Imm(1<<j))
			a.Bind(skip)
			j++
		}
		a.Mov(amd64.W32, rTmp, amd64.Imm(int64(record)))
		a.Imul(amd64.W64, rStep, rTmp)
		a.Lea(amd64.W64, rStep, amd64.Mem{Base: rData, Index: rStep, Scale: 1, Disp: acceptOff + acceptBytes})
	}
	a.Dec(amd64.W64, rPos)
	a.Movzx(amd64.W32, rB, amd64.W8, amd64.Mem{Base: rHay, Index: rPos, Scale: 1})
	if len(d.Chunks) > 0 {
		// The exceptions, from X before the shift.
		a.Xor(amd64.W32, rExc, rExc)
		for t, ch := range d.Chunks {
			a.Mov(amd64.W64, rTmp, rX)
			if ch > 0 {
				a.Shr(amd64.W64, rTmp, amd64.Imm(int64(8*ch)))
			}
			a.Movzx(amd64.W32, rTmp, amd64.W8, rTmp)
			a.Or(amd64.W64, rExc, amd64.Mem{Base: rStep, Index: rTmp, Scale: 8, Disp: int32(256 * 8 * (2 + t))})
		}
		a.And(amd64.W64, rExc, accept(rB))
	}
	a.Shr(amd64.W64, rX, amd64.Imm(1))
	a.And(amd64.W64, rX, amd64.Mem{Base: rStep, Index: rB, Scale: 8})               // Shifted
	a.Or(amd64.W64, rX, amd64.Mem{Base: rStep, Index: rB, Scale: 8, Disp: 256 * 8}) // Matched
	if len(d.Chunks) > 0 {
		a.Or(amd64.W64, rX, rExc)
	}
	a.Mov(amd64.W64, amd64.Mem{Base: rLive, Index: rPos, Scale: 8}, rX)
	// The bitmap: shift in this byte's mark (neg sets the carry when
	// X meets StartSet).
	a.Mov(amd64.W64, rTmp, rX)
	a.And(amd64.W64, rTmp, startSet)
	a.Neg(amd64.W64, rTmp)
	a.Adc(amd64.W64, rBM, rBM)
	if d.StartHigh {
		a.Cmp(amd64.W32, rB, amd64.Imm(0x7F))
		a.Setcc(amd64.CondA, rExc)
		a.Or(amd64.W8, rBM, rExc)
	}
	a.Jmp(loop)

	// A word is done: store it, and go on with the next, if any.
	a.Bind(word)
	a.Mov(amd64.W64, rTmp, rPos)
	a.Sub(amd64.W64, rTmp, from)
	a.Shr(amd64.W64, rTmp, amd64.Imm(6))
	a.Mov(amd64.W64, rExc, startsBase)
	a.Mov(amd64.W64, amd64.Mem{Base: rExc, Index: rTmp, Scale: 8}, rBM)
	a.Xor(amd64.W32, rBM, rBM)
	a.Cmp(amd64.W64, rPos, field(entry.OffArg+8))
	a.J(amd64.CondBE, done)
	a.Lea(amd64.W64, rLo, amd64.Mem{Base: rPos, Disp: -64})
	a.Jmp(loop)

	a.Bind(done)
	a.Mov(amd64.W64, field(entry.OffPos), rPos)
	a.Mov(amd64.W64, field(entry.OffState), rX)
	a.Xor(amd64.W32, amd64.RAX, amd64.RAX) // Done
	a.Ret()
	a.Bind(bad)
	a.Mov(amd64.W32, amd64.RAX, amd64.Imm(int64(BadArgs)))
	a.Ret()

	lookcode.WordTable(&a, words)
	code, err := a.Assemble()
	if err != nil {
		return nil, nil, err
	}
	return code, a.Labels(), nil
}
