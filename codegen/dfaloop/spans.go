package dfaloop

import (
	"fmt"

	"github.com/rxjit/rxjit/codegen/amd64"
	"github.com/rxjit/rxjit/codegen/entry"
)

// SpansDesc describes a span loop: many anchored searches of a forward
// DFA in one call, each at a candidate position, each match written to a
// buffer in the table's header. It holds no pointers.
//
// From Pos, the loop skips bytes outside the candidate set (a byte per
// byte value in the header, non-zero for a candidate) up to the end of
// the slice, min(Limit, Len). At a candidate p it takes the start state
// from the header's start table (the word for the byte at p-1, or for p =
// 0 the last word), then steps as the forward loop does, remembering the
// position before each byte whose step carries the match tag, until the
// step leads to the dead state. A match longer than empty is written to
// the buffer as two 64-bit words, start and end, and the loop goes on at
// its end. A candidate with no match is a failed try: the loop counts it
// and the bytes it read, up to the one that led to the dead state, and
// goes on at the next byte, unless the bytes all failed tries read exceed
// Rescan times the distance from Pos on entry to the candidate plus
// Slack: then it stops there with StopBudget. It stops, with Pos at the
// candidate, where the candidate needs its caller: a start state of 0 or
// at or above the limit, an empty match, a step to a special ID other
// than the dead state (with the match and acceleration tags removed), or
// the end of the slice reached before the dead state. It also stops, at
// the next candidate, when the buffer is full, and at the end of the
// slice when no candidate is left.
//
// Context fields:
//
//	Pos      in/out  where the search starts; where the caller goes on
//	Limit    in      the end of the slice (clamped to Len)
//	Arg[0]   in      the limit: the first special ID
//	Arg[1]   scratch the account of failed tries' bytes
//	Count    out     the number of matches in the buffer
//	Aux[0]   out     why it stopped: StopNeed, StopFull, StopEnd or StopBudget
//	Aux[1]   out     the number of failed tries
type SpansDesc struct {
	TagMatch, TagAccel uint32
	// Dead is the ID of the dead state.
	Dead uint32
	// Header is the size of the header in bytes, a multiple of 4; the
	// rows start there. Set, Starts and Spans are the offsets in it of the
	// candidate set (256 bytes), the start table (257 words) and the
	// buffer (Cap pairs of 64-bit words, 8-byte aligned).
	Header, Set, Starts, Spans int32
	Cap                        int32
	// Rescan and Slack bound failed tries.
	Rescan, Slack int32
}

// The reasons a span loop stops, in Context.Aux[0].
const (
	StopNeed   = 0
	StopFull   = 1
	StopEnd    = 2
	StopBudget = 3
)

// GenerateSpans returns the machine code of the span loop d describes and
// the names of its labels by offset, for disassembly.
func GenerateSpans(d SpansDesc) ([]byte, map[int]string, error) {
	if d.Set < 256 || d.Set+256 > d.Starts || d.Starts+4*257 > d.Spans || d.Spans%8 != 0 ||
		d.Spans+16*d.Cap > d.Header || d.Header%4 != 0 || d.Cap <= 0 ||
		d.Rescan != 1 && d.Rescan != 2 && d.Rescan != 4 && d.Rescan != 8 || d.Slack < 0 {
		return nil, nil, fmt.Errorf("dfaloop: inconsistent span layout %+v", d)
	}
	const (
		rStart = amd64.R13 // the candidate being tried
		rMatch = amd64.R14 // the last match end the walk passed, or -1
		rN     = amd64.R15 // matches in the buffer
	)
	var a amd64.Assembler
	bad, cand, found, walk, special, take := a.NewLabel("bad"), a.NewLabel("cand"), a.NewLabel("found"), a.NewLabel("walk"), a.NewLabel("special"), a.NewLabel("take")
	need, full, end, exit, first, gotStart := a.NewLabel("need"), a.NewLabel("full"), a.NewLabel("end"), a.NewLabel("exit"), a.NewLabel("first"), a.NewLabel("got_start")
	failed, budget := a.NewLabel("failed"), a.NewLabel("budget")
	arg := func(i int32) amd64.Mem { return field(entry.OffArg + 8*i) }
	aux := func(i int32) amd64.Mem { return field(entry.OffAux + 8*i) }

	// Load and check the context: the table must hold the header, the
	// limit's rows and the slack.
	a.Mov(amd64.W64, rPos, field(entry.OffPos))
	a.Mov(amd64.W64, rLimit, field(entry.OffArg))
	a.Cmp(amd64.W64, rLimit, amd64.Imm(1<<28))
	a.J(amd64.CondAE, bad)
	a.Lea(amd64.W64, rTmp, amd64.Mem{Base: amd64.NoReg, Index: rLimit, Scale: 4, Disp: d.Header + 4*slackWords})
	a.Cmp(amd64.W64, rTmp, field(entry.OffScratchLen))
	a.J(amd64.CondA, bad)
	a.Lea(amd64.W64, rRows, amd64.Mem{Base: rTab, Disp: d.Header})
	a.Mov(amd64.W64, rEnd, field(entry.OffLimit))
	a.Cmp(amd64.W64, rEnd, field(entry.OffLen)) // never trust Limit
	a.Cmov(amd64.CondA, amd64.W64, rEnd, field(entry.OffLen))
	a.Xor(amd64.W32, rN, rN)
	a.Mov(amd64.W64, aux(1), amd64.Imm(0))
	a.Lea(amd64.W64, rTmp, amd64.Mem{Base: amd64.NoReg, Index: rPos, Scale: uint8(d.Rescan)})
	a.Mov(amd64.W64, arg(1), rTmp)

	// Skip to the next candidate.
	a.Align(16)
	a.Bind(cand)
	a.Cmp(amd64.W64, rPos, rEnd)
	a.J(amd64.CondAE, end)
	a.Movzx(amd64.W32, rB, amd64.W8, amd64.Mem{Base: rHay, Index: rPos, Scale: 1})
	a.Cmp(amd64.W8, amd64.Mem{Base: rTab, Index: rB, Scale: 1, Disp: d.Set}, amd64.Imm(0))
	a.J(amd64.CondNE, found)
	a.Inc(amd64.W64, rPos)
	a.Jmp(cand)

	// A candidate: its start state, by the byte behind it.
	a.Bind(found)
	a.Cmp(amd64.W64, rN, amd64.Imm(int64(d.Cap)))
	a.J(amd64.CondAE, full)
	a.Mov(amd64.W64, rStart, rPos)
	a.Test(amd64.W64, rPos, rPos)
	a.J(amd64.CondE, first)
	a.Movzx(amd64.W32, rB, amd64.W8, amd64.Mem{Base: rHay, Index: rPos, Scale: 1, Disp: -1})
	a.Mov(amd64.W32, rState, amd64.Mem{Base: rTab, Index: rB, Scale: 4, Disp: d.Starts})
	a.Jmp(gotStart)
	a.Bind(first)
	a.Mov(amd64.W32, rState, amd64.Mem{Base: rTab, Disp: d.Starts + 4*256})
	a.Bind(gotStart)
	a.Test(amd64.W32, rState, rState)
	a.J(amd64.CondE, need)
	a.Cmp(amd64.W64, rState, rLimit)
	a.J(amd64.CondAE, need)
	a.Mov(amd64.W64, rMatch, amd64.Imm(-1))

	// Walk to the dead state.
	a.Align(16)
	a.Bind(walk)
	a.Cmp(amd64.W64, rPos, rEnd)
	a.J(amd64.CondAE, need)
	a.Movzx(amd64.W32, rB, amd64.W8, amd64.Mem{Base: rHay, Index: rPos, Scale: 1})
	a.Movzx(amd64.W32, rB, amd64.W8, amd64.Mem{Base: rTab, Index: rB, Scale: 1})
	a.Lea(amd64.W64, rB, amd64.Mem{Base: rRows, Index: rB, Scale: 4})
	a.Mov(amd64.W32, rNext, amd64.Mem{Base: rB, Index: rState, Scale: 4})
	a.Cmp(amd64.W32, rNext, rLimit)
	a.J(amd64.CondAE, special)
	a.Mov(amd64.W32, rState, rNext)
	a.Inc(amd64.W64, rPos)
	a.Jmp(walk)

	// special: a match tag records the match; the rest must be a state
	// (taken), or the dead state (the walk is over).
	a.Bind(special)
	a.Test(amd64.W32, rNext, amd64.Imm(int64(d.TagMatch)))
	a.Cmov(amd64.CondNE, amd64.W64, rMatch, rPos)
	a.And(amd64.W32, rNext, amd64.Imm(int64(^(d.TagMatch | d.TagAccel))))
	a.Cmp(amd64.W32, rNext, rLimit)
	a.J(amd64.CondB, take)
	a.Cmp(amd64.W32, rNext, amd64.Imm(int64(d.Dead)))
	a.J(amd64.CondNE, need)
	// The dead state: a match longer than empty goes to the buffer.
	a.Test(amd64.W64, rMatch, rMatch)
	a.J(amd64.CondS, failed)
	a.Cmp(amd64.W64, rMatch, rStart)
	a.J(amd64.CondLE, need)
	a.Mov(amd64.W64, rTmp, rN)
	a.Shl(amd64.W64, rTmp, amd64.Imm(4))
	a.Mov(amd64.W64, amd64.Mem{Base: rTab, Index: rTmp, Scale: 1, Disp: d.Spans}, rStart)
	a.Mov(amd64.W64, amd64.Mem{Base: rTab, Index: rTmp, Scale: 1, Disp: d.Spans + 8}, rMatch)
	a.Inc(amd64.W64, rN)
	a.Mov(amd64.W64, rPos, rMatch)
	a.Jmp(cand)
	a.Bind(take)
	a.Mov(amd64.W32, rState, rNext)
	a.Inc(amd64.W64, rPos)
	a.Jmp(walk)

	// A failed try, which read the bytes up to rPos.
	a.Bind(failed)
	a.Inc(amd64.W64, aux(1))
	a.Lea(amd64.W64, rTmp, amd64.Mem{Base: rPos, Disp: 1})
	a.Sub(amd64.W64, rTmp, rStart)
	a.Add(amd64.W64, rTmp, arg(1))
	a.Mov(amd64.W64, arg(1), rTmp)
	a.Lea(amd64.W64, rB, amd64.Mem{Base: amd64.NoReg, Index: rStart, Scale: uint8(d.Rescan)})
	a.Sub(amd64.W64, rTmp, rB)
	a.Cmp(amd64.W64, rTmp, amd64.Imm(int64(d.Slack)))
	a.J(amd64.CondG, budget)
	a.Lea(amd64.W64, rPos, amd64.Mem{Base: rStart, Disp: 1})
	a.Jmp(cand)

	a.Bind(budget)
	a.Mov(amd64.W64, rPos, rStart)
	a.Mov(amd64.W32, rB, amd64.Imm(StopBudget))
	a.Jmp(exit)

	a.Bind(need)
	a.Mov(amd64.W64, rPos, rStart)
	a.Mov(amd64.W32, rB, amd64.Imm(StopNeed))
	a.Jmp(exit)
	a.Bind(full)
	a.Mov(amd64.W32, rB, amd64.Imm(StopFull))
	a.Jmp(exit)
	a.Bind(end)
	a.Mov(amd64.W64, rPos, rEnd)
	a.Mov(amd64.W32, rB, amd64.Imm(StopEnd))
	a.Bind(exit)
	a.Mov(amd64.W64, field(entry.OffPos), rPos)
	a.Mov(amd64.W64, field(entry.OffCount), rN)
	a.Mov(amd64.W64, field(entry.OffAux), rB)
	a.Xor(amd64.W32, amd64.RAX, amd64.RAX) // Done
	a.Ret()

	a.Bind(bad)
	a.Mov(amd64.W32, amd64.RAX, amd64.Imm(int64(BadTable)))
	a.Ret()

	code, err := a.Assemble()
	return code, a.Labels(), err
}
