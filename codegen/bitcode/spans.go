package bitcode

import (
	"github.com/rxjit/rxjit/codegen/amd64"
	"github.com/rxjit/rxjit/codegen/entry"
)

// SpansDesc is the layout a span loop reads: package bitnfa's walk table
// and limits (bitnfa/spans.go says what a span search is).
type SpansDesc struct {
	// StartBefore, Flags, Before and Match are the word indexes of the
	// walk table's parts; Guard is the flag for U+FFFD's guard, and
	// StartMatch the flag that says the start list holds the match.
	StartBefore, Flags, Before, Match int32
	Guard, StartMatch                 uint64
	// Words is the length of the walk table, Cap the most matches a
	// call may ask for, WalkMax the longest walk.
	Words, Cap, WalkMax int32
}

// The exits of a span loop, in Context.Aux[0] (as package bitnfa numbers
// them).
const (
	SpansDone = 0
	SpansFull = 1
	SpansFind = 2
)

// BadLive is the exit code of a span loop that found no live thread and
// no match on a live path, or a start or walk past the text: the data
// it was given is not a liveness, and only a bug can bring it there.
const BadLive entry.Exit = 98

// GenerateSpans returns the machine code of the span loop of one-word
// automata and the names of its labels by offset. It serves every
// automaton: what it reads of one is in the scratch block.
//
// The scratch block (RDX) holds the liveness array at offset 0 (word k is
// the set of position From+k), the bitmap, the walk table and the span
// area at the offsets Arg[1], Arg[2] and Arg[3]. From Pos, the loop finds
// the next mark of the bitmap; at a mark i below the limit whose byte is
// ASCII it walks as bitnfa's walk1 does (the live entries of a list before
// its match: none ends the match, one is taken, two leave the match to
// Find), and writes a non-empty match as two 64-bit words, start and end,
// then goes on at its end. Context fields:
//
//	Pos     in/out  where the search starts; where the next one starts
//	Arg[0]  in      From
//	Arg[1]  in      the offset of the bitmap, in bytes (multiple of 8)
//	Arg[2]  in      the offset of the walk table, in bytes (multiple of 8)
//	Arg[3]  in      the offset of the span area, in bytes (multiple of 8)
//	Aux[0]  in/out  in: the most matches to write (at most Cap); out: why it stopped
//	Aux[1]  in      the limit: marks at or after it are left to Find
//	Count   out     the number of matches written
//
// It returns Done, BadArgs (without touching memory) when the offsets do
// not fit the scratch block or the text, or BadLive.
//
// With guard the code is for automata with U+FFFD's guard (the walk table's
// Guard flag, which the code itself does not read), without it for the
// others.
func GenerateSpans(d SpansDesc, guard bool) ([]byte, map[int]string, error) {
	const (
		rLive  = amd64.RDX // the scratch block, then biased by -8*From
		rMarks = amd64.R8  // the bitmap
		rWalk  = amd64.R9  // the walk table
		rOut   = amd64.R10 // the span area
		rPos   = amd64.R11
		rN     = amd64.R15
		rA     = amd64.RAX
		rB     = amd64.RBX
		rC     = amd64.RCX // shift counts
		rI     = amd64.R14 // the start of the walk
		rBef   = amd64.R12 // the list's before set; in the scan, the mask
		rE     = amd64.R13 // the position whose list the walk is on, -1 for the start list
	)
	// The walk's bound, the start plus WalkMax or the text's end, below
	// the stack pointer
	// (the contract allows 128 bytes there).
	walkBound := amd64.Mem{Base: amd64.RSP, Disp: -8}
	// The bitmap's length in words, below it.
	marksLen := amd64.Mem{Base: amd64.RSP, Disp: -16}
	arg := func(i int32) amd64.Mem { return amd64.Mem{Base: amd64.RDI, Disp: entry.OffArg + 8*i} }
	aux := func(i int32) amd64.Mem { return amd64.Mem{Base: amd64.RDI, Disp: entry.OffAux + 8*i} }
	lenF := amd64.Mem{Base: amd64.RDI, Disp: entry.OffLen}
	from := arg(0)

	var a amd64.Assembler
	bad, badLive, next, scan, hit, walk, walkEnd, noCheck := a.NewLabel("bad"), a.NewLabel("bad_live"), a.NewLabel("next"), a.NewLabel("scan"), a.NewLabel("hit"), a.NewLabel("walk"), a.NewLabel("walk_end"), a.NewLabel("no_check")
	done, full, find, exit := a.NewLabel("done"), a.NewLabel("full"), a.NewLabel("find"), a.NewLabel("exit")
	long := a.NewLabel("long")

	// Check the context: From <= Pos <= Len, and each part within the
	// scratch block, in order.
	a.Mov(amd64.W64, rPos, amd64.Mem{Base: amd64.RDI, Disp: entry.OffPos})
	a.Mov(amd64.W64, rA, from)
	a.Cmp(amd64.W64, rA, rPos)
	a.J(amd64.CondA, bad)
	a.Cmp(amd64.W64, rPos, lenF)
	a.J(amd64.CondA, bad)
	a.Mov(amd64.W64, rB, lenF)
	a.Sub(amd64.W64, rB, rA) // Len - From
	a.Lea(amd64.W64, rC, amd64.Mem{Base: amd64.NoReg, Index: rB, Scale: 8, Disp: 8})
	a.Cmp(amd64.W64, rC, arg(1)) // the liveness ends before the bitmap
	a.J(amd64.CondA, bad)
	a.Lea(amd64.W64, rC, amd64.Mem{Base: rB, Disp: 63})
	a.Shr(amd64.W64, rC, amd64.Imm(6))
	a.Shl(amd64.W64, rC, amd64.Imm(3))
	a.Add(amd64.W64, rC, arg(1))
	a.Cmp(amd64.W64, rC, arg(2)) // the bitmap ends before the walk table
	a.J(amd64.CondA, bad)
	a.Mov(amd64.W64, rC, arg(2))
	a.Add(amd64.W64, rC, amd64.Imm(int64(8*d.Words)))
	a.Cmp(amd64.W64, rC, arg(3)) // the walk table ends before the span area
	a.J(amd64.CondA, bad)
	a.Mov(amd64.W64, rC, aux(0))
	a.Cmp(amd64.W64, rC, amd64.Imm(int64(d.Cap)))
	a.J(amd64.CondA, bad)
	a.Shl(amd64.W64, rC, amd64.Imm(4))
	a.Add(amd64.W64, rC, arg(3))
	a.Cmp(amd64.W64, rC, amd64.Mem{Base: amd64.RDI, Disp: entry.OffScratchLen})
	a.J(amd64.CondA, bad)
	a.Mov(amd64.W64, rC, arg(1))
	a.Or(amd64.W64, rC, arg(2))
	a.Or(amd64.W64, rC, arg(3))
	a.Test(amd64.W64, rC, amd64.Imm(7))
	a.J(amd64.CondNE, bad)
	a.Mov(amd64.W64, rMarks, rLive)
	a.Add(amd64.W64, rMarks, arg(1))
	a.Mov(amd64.W64, rWalk, rLive)
	a.Add(amd64.W64, rWalk, arg(2))
	a.Mov(amd64.W64, rOut, rLive)
	a.Add(amd64.W64, rOut, arg(3))
	a.Lea(amd64.W64, rC, amd64.Mem{Base: rB, Disp: 63})
	a.Shr(amd64.W64, rC, amd64.Imm(6))
	a.Mov(amd64.W64, marksLen, rC)
	a.Shl(amd64.W64, rA, amd64.Imm(3))
	a.Sub(amd64.W64, rLive, rA) // live[p] at rLive + 8p
	a.Xor(amd64.W32, rN, rN)

	// The next mark at or after Pos: word w = (Pos-From)/64 on, the bits
	// below Pos masked off in the first.
	a.Align(16)
	a.Bind(next)
	a.Cmp(amd64.W64, rN, aux(0))
	a.J(amd64.CondAE, full)
	a.Mov(amd64.W64, rA, rPos)
	a.Sub(amd64.W64, rA, from)
	a.Mov(amd64.W64, rB, rA)
	a.Shr(amd64.W64, rB, amd64.Imm(6))
	a.Mov(amd64.W32, rC, rA)
	a.And(amd64.W32, rC, amd64.Imm(63))
	a.Mov(amd64.W64, rBef, amd64.Imm(-1))
	a.Shl(amd64.W64, rBef, amd64.RCX)
	a.Bind(scan)
	a.Cmp(amd64.W64, rB, marksLen)
	a.J(amd64.CondAE, done)
	a.Mov(amd64.W64, rA, rB)
	a.Shl(amd64.W64, rA, amd64.Imm(6))
	a.Add(amd64.W64, rA, from) // the word's first position
	a.Cmp(amd64.W64, rA, aux(1))
	a.J(amd64.CondAE, find)
	a.Mov(amd64.W64, rI, amd64.Mem{Base: rMarks, Index: rB, Scale: 8})
	a.And(amd64.W64, rI, rBef)
	a.J(amd64.CondNE, hit)
	a.Inc(amd64.W64, rB)
	a.Mov(amd64.W64, rBef, amd64.Imm(-1))
	a.Jmp(scan)

	// A mark at i: a start, if below the limit and ASCII.
	a.Bind(hit)
	a.Bsf(amd64.W64, rI, rI)
	a.Add(amd64.W64, rI, rA)
	a.Cmp(amd64.W64, rI, aux(1))
	a.J(amd64.CondAE, find)
	a.Cmp(amd64.W64, rI, lenF)
	a.J(amd64.CondAE, badLive)
	a.Movzx(amd64.W32, rA, amd64.W8, amd64.Mem{Base: amd64.RSI, Index: rI, Scale: 1})
	a.Cmp(amd64.W32, rA, amd64.Imm(0x80))
	a.J(amd64.CondAE, find)
	a.Mov(amd64.W64, rBef, amd64.Mem{Base: rWalk, Disp: 8 * d.StartBefore})
	a.Mov(amd64.W64, rE, amd64.Imm(-1))
	a.Lea(amd64.W64, rA, amd64.Mem{Base: rI, Disp: d.WalkMax})
	a.Cmp(amd64.W64, rA, lenF)
	a.Cmov(amd64.CondA, amd64.W64, rA, lenF)
	a.Mov(amd64.W64, walkBound, rA) // min(i+WalkMax, Len)
	a.Mov(amd64.W64, rB, rI)        // p

	// The walk: m = live[p] & before.
	a.Align(16)
	a.Bind(walk)
	a.Mov(amd64.W64, rA, amd64.Mem{Base: rLive, Index: rB, Scale: 8})
	a.And(amd64.W64, rA, rBef)
	a.J(amd64.CondE, walkEnd)
	a.Lea(amd64.W64, rC, amd64.Mem{Base: rA, Disp: -1})
	a.Test(amd64.W64, rC, rA)
	a.J(amd64.CondNE, find) // two live entries
	a.Cmp(amd64.W64, rB, walkBound)
	a.J(amd64.CondAE, long)  // a long walk, or one past the text
	a.Bsf(amd64.W64, rE, rA) // e
	a.Inc(amd64.W64, rB)     // at most Len
	if guard {
		a.Cmp(amd64.W64, rB, lenF)
		a.J(amd64.CondE, noCheck)
		a.Movzx(amd64.W32, rC, amd64.W8, amd64.Mem{Base: amd64.RSI, Index: rB, Scale: 1})
		a.Cmp(amd64.W32, rC, amd64.Imm(0x80))
		a.J(amd64.CondAE, find)
	}
	a.Bind(noCheck)
	a.Mov(amd64.W64, rBef, amd64.Mem{Base: rWalk, Index: rE, Scale: 8, Disp: 8 * d.Before})
	a.Jmp(walk)

	// At the walk's bound: a long walk is left to Find; a live entry at
	// the end of the text says the data is no liveness.
	a.Bind(long)
	a.Cmp(amd64.W64, rB, lenF)
	a.J(amd64.CondAE, badLive)
	a.Jmp(find)

	// No live entry before the match: the match ends at p, if the list
	// holds it.
	a.Bind(walkEnd)
	matched, startList := a.NewLabel("matched"), a.NewLabel("start_list")
	a.Test(amd64.W64, rE, rE)
	a.J(amd64.CondS, startList)
	a.Mov(amd64.W64, rC, amd64.Mem{Base: rWalk, Disp: 8 * d.Match})
	a.Bt(amd64.W64, rC, rE) // bt on memory with a register index is microcoded
	a.J(amd64.CondB, matched)
	a.Jmp(badLive)
	a.Bind(startList)
	a.Test(amd64.W64, amd64.Mem{Base: rWalk, Disp: 8 * d.Flags}, amd64.Imm(int64(d.StartMatch)))
	a.J(amd64.CondE, badLive)
	a.Bind(matched)
	a.Cmp(amd64.W64, rB, rI)
	a.J(amd64.CondE, find) // empty
	a.Mov(amd64.W64, rA, rN)
	a.Shl(amd64.W64, rA, amd64.Imm(4))
	a.Mov(amd64.W64, amd64.Mem{Base: rOut, Index: rA, Scale: 1}, rI)
	a.Mov(amd64.W64, amd64.Mem{Base: rOut, Index: rA, Scale: 1, Disp: 8}, rB)
	a.Inc(amd64.W64, rN)
	a.Mov(amd64.W64, rPos, rB)
	a.Jmp(next)

	a.Bind(done)
	a.Mov(amd64.W32, rA, amd64.Imm(SpansDone))
	a.Jmp(exit)
	a.Bind(full)
	a.Mov(amd64.W32, rA, amd64.Imm(SpansFull))
	a.Jmp(exit)
	a.Bind(find)
	a.Mov(amd64.W32, rA, amd64.Imm(SpansFind))
	a.Bind(exit)
	a.Mov(amd64.W64, amd64.Mem{Base: amd64.RDI, Disp: entry.OffPos}, rPos)
	a.Mov(amd64.W64, amd64.Mem{Base: amd64.RDI, Disp: entry.OffCount}, rN)
	a.Mov(amd64.W64, aux(0), rA)
	a.Xor(amd64.W32, amd64.RAX, amd64.RAX) // Done
	a.Ret()
	a.Bind(badLive)
	a.Mov(amd64.W32, amd64.RAX, amd64.Imm(int64(BadLive)))
	a.Ret()
	a.Bind(bad)
	a.Mov(amd64.W32, amd64.RAX, amd64.Imm(int64(BadArgs)))
	a.Ret()
	code, err := a.Assemble()
	if err != nil {
		return nil, nil, err
	}
	return code, a.Labels(), nil
}
