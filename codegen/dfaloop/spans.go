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
// step leads to the dead state, or at the end of the text (Len) the step
// on the end-of-input column Arg[2] leads to it or to a state below the
// limit. A match longer than empty is written to the buffer as two 64-bit
// words, start and end, and the loop goes on at its end, adding Credit to
// the credit in Arg[1] but not past Slack, and taking from it the bytes
// the walk read past the match (up to the one that led to the dead
// state, or the end of the text), which it also takes from the room in
// Match: if the credit is then below zero, or the room is below minus
// twice the match's end, it stops there, after the match, with
// StopBudget. A candidate with no match is a
// failed try: the loop counts it, takes the bytes it read, up to the one
// that led to the dead state, from the credit, and goes on at the next
// byte, unless the credit is then below zero: then it stops there with
// StopBudget. With Arg[3] non-zero a failed try costs nothing and the
// loop goes on at the byte that led to the dead state (the next byte if
// that is the candidate), or at the end of the text after the
// end-of-input transition. It stops, with Pos at the candidate, where the candidate
// needs its caller: a start state of 0 or at or above the limit, an empty
// match, a step to a special ID other than the dead state (with the match
// and acceleration tags removed), or the end of the slice reached, short
// of Len, before the dead state. A walk that has read Walk bytes short of
// the end of the slice, from a candidate more than Rest bytes before it,
// or has taken a state whose step carried the
// acceleration tag, is handed over with StopLong (Pos at the candidate;
// the walk's state, position and match in State, Aux[2] and Aux[3]): the
// forward loop finishes it faster. The loop also stops, at the next
// candidate, when the buffer is full, and at the end of the slice when no
// candidate is left.
//
// Context fields:
//
//	Pos      in/out  where the search starts; where the caller goes on
//	Limit    in      the end of the slice (clamped to Len)
//	Match    in/out  the room for bytes walks read past their matches (signed)
//	Arg[0]   in      the limit: the first special ID
//	Arg[1]   in/out  the credit for failed tries' bytes (signed)
//	Arg[2]   in      the end-of-input column (below 256)
//	Arg[3]   in      non-zero: a failed try skips what it read
//	Count    out     the number of matches in the buffer
//	Aux[0]   out     why it stopped: StopNeed, StopFull, StopEnd, StopBudget or StopLong
//	Aux[1]   out     the number of failed tries
//	State    out     StopLong: the state the walk handed over is in
//	Aux[2]   out     StopLong: where it goes on
//	Aux[3]   out     StopLong: the end of the last match it passed, or -1
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
	// Credit is the credit a match adds for failed tries' bytes, and
	// Slack the most credit there can be.
	Credit, Slack int32
	// Walk is the most bytes a walk reads before it is handed over,
	// unless its candidate is at most Rest bytes before the end of the
	// slice.
	Walk, Rest int32
	// AVX2 lets a walk skip along a match run 32 bytes at a time where
	// the match state has a record in its column 0 (emitRunSkip).
	AVX2 bool
}

// The reasons a span loop stops, in Context.Aux[0].
const (
	StopNeed   = 0
	StopFull   = 1
	StopEnd    = 2
	StopBudget = 3
	StopLong   = 4
)

// GenerateSpans returns the machine code of the span loop d describes and
// the names of its labels by offset, for disassembly.
func GenerateSpans(d SpansDesc) ([]byte, map[int]string, error) {
	if d.Set < 256 || d.Set+256 > d.Starts || d.Starts+4*257 > d.Spans || d.Spans%8 != 0 ||
		d.Spans+16*d.Cap > d.Header || d.Header%4 != 0 || d.Cap <= 0 ||
		d.Credit < 0 || d.Slack < 0 || d.Walk <= 0 || d.Rest < 0 {
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
	failed, budget, atEnd, over := a.NewLabel("failed"), a.NewLabel("budget"), a.NewLabel("at_end"), a.NewLabel("over")
	overdrawn := a.NewLabel("overdrawn")
	walkEnd, long, takeLong, atCand := a.NewLabel("walk_end"), a.NewLabel("long"), a.NewLabel("take_long"), a.NewLabel("at_candidate")
	run, ran, next := a.NewLabel("match_run"), a.NewLabel("match_ran"), a.NewLabel("next")
	const rWalkEnd = rTmp // during a walk: min(candidate + Walk, end of slice)
	arg := func(i int32) amd64.Mem { return field(entry.OffArg + 8*i) }
	aux := func(i int32) amd64.Mem { return field(entry.OffAux + 8*i) }

	// Load and check the context: the table must hold the header, the
	// limit's rows and the slack.
	emitLimit(&a, d.Header, bad)
	a.Mov(amd64.W64, rPos, field(entry.OffPos))
	a.Cmp(amd64.W64, arg(2), amd64.Imm(slackWords)) // the end-of-input column
	a.J(amd64.CondAE, bad)
	a.Mov(amd64.W64, rEnd, field(entry.OffLimit))
	a.Cmp(amd64.W64, rEnd, field(entry.OffLen)) // never trust Limit
	a.Cmov(amd64.CondA, amd64.W64, rEnd, field(entry.OffLen))
	a.Xor(amd64.W32, rN, rN)
	a.Mov(amd64.W64, aux(1), amd64.Imm(0))
	if d.AVX2 {
		// The constants of the run skips (emitRunSkip).
		a.Mov(amd64.W32, rB, amd64.Imm(0x0F))
		a.Vmovd(amd64.X5, rB)
		a.Vpbroadcastb(amd64.Y5, amd64.X5)
		a.Vpxor(amd64.Y6, amd64.Y6, amd64.Y6)
	}

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
	a.Mov(amd64.W64, rB, rEnd)
	a.Sub(amd64.W64, rB, rPos)
	a.Cmp(amd64.W64, rB, amd64.Imm(int64(d.Rest)))
	a.Lea(amd64.W64, rWalkEnd, amd64.Mem{Base: rPos, Disp: d.Walk}) // lea keeps the flags
	a.Cmov(amd64.CondBE, amd64.W64, rWalkEnd, rEnd)                 // the rest of the slice is short
	a.Cmp(amd64.W64, rWalkEnd, rEnd)
	a.Cmov(amd64.CondA, amd64.W64, rWalkEnd, rEnd)

	// Walk to the dead state.
	a.Align(16)
	a.Bind(walk)
	a.Cmp(amd64.W64, rPos, rWalkEnd)
	a.J(amd64.CondAE, walkEnd)
	emitStep(&a, rNext, amd64.Mem{Base: rHay, Index: rPos, Scale: 1})
	a.Cmp(amd64.W32, rNext, rLimit)
	a.J(amd64.CondAE, special)
	a.Mov(amd64.W32, rState, rNext)
	a.Inc(amd64.W64, rPos)
	a.Jmp(walk)

	// special: a match tag records the match; the rest must be a state
	// (taken; an accelerated one hands the walk over), or the dead state
	// (the walk is over).
	// untag records the match a step's tag says ends at rPos, keeps the
	// tagged ID in rB and leaves rNext untagged, compared with the limit.
	untag := func() {
		a.Test(amd64.W32, rNext, amd64.Imm(int64(d.TagMatch)))
		a.Cmov(amd64.CondNE, amd64.W64, rMatch, rPos)
		a.Mov(amd64.W32, rB, rNext)
		a.And(amd64.W32, rNext, amd64.Imm(int64(^(d.TagMatch | d.TagAccel))))
		a.Cmp(amd64.W32, rNext, rLimit)
	}
	a.Bind(special)
	untag()
	a.J(amd64.CondB, take)
	a.Cmp(amd64.W32, rNext, amd64.Imm(int64(d.Dead)))
	a.J(amd64.CondNE, need)
	// The walk is over: a match longer than empty goes to the buffer.
	a.Bind(over)
	a.Test(amd64.W64, rMatch, rMatch)
	a.J(amd64.CondS, failed)
	a.Cmp(amd64.W64, rMatch, rStart)
	a.J(amd64.CondLE, need)
	a.Mov(amd64.W64, rTmp, rN)
	a.Shl(amd64.W64, rTmp, amd64.Imm(4))
	a.Mov(amd64.W64, amd64.Mem{Base: rTab, Index: rTmp, Scale: 1, Disp: d.Spans}, rStart)
	a.Mov(amd64.W64, amd64.Mem{Base: rTab, Index: rTmp, Scale: 1, Disp: d.Spans + 8}, rMatch)
	a.Inc(amd64.W64, rN)
	a.Mov(amd64.W64, rB, rPos)
	a.Sub(amd64.W64, rB, rMatch) // the bytes the walk read past the match
	a.Mov(amd64.W64, rPos, rMatch)
	a.Sub(amd64.W64, field(entry.OffMatch), rB)
	a.Mov(amd64.W64, rTmp, arg(1))
	a.Add(amd64.W64, rTmp, amd64.Imm(int64(d.Credit)))
	a.Mov(amd64.W32, rNext, amd64.Imm(int64(d.Slack)))
	a.Cmp(amd64.W64, rTmp, rNext)
	a.Cmov(amd64.CondG, amd64.W64, rTmp, rNext)
	a.Sub(amd64.W64, rTmp, rB)
	a.Mov(amd64.W64, arg(1), rTmp) // mov keeps the flags
	a.J(amd64.CondS, overdrawn)
	a.Mov(amd64.W64, rTmp, field(entry.OffMatch))
	a.Lea(amd64.W64, rTmp, amd64.Mem{Base: rTmp, Index: rPos, Scale: 2})
	a.Test(amd64.W64, rTmp, rTmp)
	a.J(amd64.CondNS, cand)
	a.Bind(overdrawn)
	a.Mov(amd64.W32, rB, amd64.Imm(StopBudget)) // stop after the match
	a.Jmp(exit)
	// Walk bytes read: hand over, unless at the end of the slice.
	a.Bind(walkEnd)
	a.Cmp(amd64.W64, rPos, rEnd)
	a.J(amd64.CondB, long)
	// The end of the slice: at the end of the text, the end-of-input
	// transition (its column was checked on entry) ends the walk.
	a.Bind(atEnd)
	a.Cmp(amd64.W64, rPos, field(entry.OffLen))
	a.J(amd64.CondB, need)
	a.Mov(amd64.W64, rB, arg(2))
	a.Lea(amd64.W64, rB, amd64.Mem{Base: rRows, Index: rB, Scale: 4})
	a.Mov(amd64.W32, rNext, amd64.Mem{Base: rB, Index: rState, Scale: 4})
	untag()
	a.J(amd64.CondB, over)
	a.Cmp(amd64.W32, rNext, amd64.Imm(int64(d.Dead)))
	a.J(amd64.CondE, over)
	a.Jmp(need)

	// take: rB holds the step's ID with its tags. An accelerated state
	// hands the walk over; a match state runs along its own transition
	// (as in the forward loop), the match moving on with it. The run
	// steps on from the next byte itself, and where the step is another
	// it goes on with it as the walk would, rather than step again: a
	// run of one byte is the common case (the counting states of
	// \p{L}{8,13}, each a match state entered once).
	a.Bind(take)
	a.Mov(amd64.W32, rState, rNext)
	a.Test(amd64.W32, rB, amd64.Imm(int64(d.TagAccel)))
	a.J(amd64.CondNE, takeLong)
	a.Test(amd64.W32, rB, amd64.Imm(int64(d.TagMatch)))
	a.J(amd64.CondE, next)
	a.Mov(amd64.W64, rMatch, rPos)
	a.Inc(amd64.W64, rPos)
	if d.AVX2 {
		// Skip along the run, the match moving to the byte before
		// the first that leaves it.
		emitRunSkip(&a, rWalkEnd, rNext, rMatch, amd64.NoReg)
		a.Lea(amd64.W64, rMatch, amd64.Mem{Base: rPos, Disp: -1})
	}
	a.Bind(run)
	a.Cmp(amd64.W64, rPos, rWalkEnd)
	a.J(amd64.CondAE, walkEnd)
	emitStep(&a, rNext, amd64.Mem{Base: rHay, Index: rPos, Scale: 1})
	a.Cmp(amd64.W32, rNext, rB)
	a.J(amd64.CondNE, ran)
	a.Mov(amd64.W64, rMatch, rPos)
	a.Inc(amd64.W64, rPos)
	a.Jmp(run)
	a.Bind(ran)
	a.Cmp(amd64.W32, rNext, rLimit)
	a.J(amd64.CondAE, special)
	a.Mov(amd64.W32, rState, rNext)
	a.Bind(next)
	a.Inc(amd64.W64, rPos)
	a.Jmp(walk)
	a.Bind(takeLong)
	a.Inc(amd64.W64, rPos)
	a.Bind(long)
	a.Mov(amd64.W64, field(entry.OffState), rState)
	a.Mov(amd64.W64, aux(2), rPos)
	a.Mov(amd64.W64, aux(3), rMatch)
	a.Mov(amd64.W32, rB, amd64.Imm(StopLong))
	a.Jmp(atCand)

	// A failed try, which read the bytes up to rPos. With Arg[3] it
	// rules out the candidates before rPos and costs nothing.
	a.Bind(failed)
	a.Inc(amd64.W64, aux(1))
	skipTo := a.NewLabel("skip_to")
	a.Cmp(amd64.W64, arg(3), amd64.Imm(0))
	a.J(amd64.CondNE, skipTo)
	a.Lea(amd64.W64, rTmp, amd64.Mem{Base: rPos, Disp: 1})
	a.Sub(amd64.W64, rTmp, rStart) // the bytes the try read
	a.Sub(amd64.W64, arg(1), rTmp)
	a.J(amd64.CondS, budget)
	a.Lea(amd64.W64, rPos, amd64.Mem{Base: rStart, Disp: 1})
	a.Jmp(cand)
	a.Bind(skipTo)
	a.Cmp(amd64.W64, rPos, rStart)
	a.J(amd64.CondA, cand)
	a.Lea(amd64.W64, rPos, amd64.Mem{Base: rStart, Disp: 1})
	a.Jmp(cand)

	// Stops in front of the candidate.
	a.Bind(budget)
	a.Mov(amd64.W32, rB, amd64.Imm(StopBudget))
	a.Jmp(atCand)
	a.Bind(need)
	a.Mov(amd64.W32, rB, amd64.Imm(StopNeed))
	a.Bind(atCand)
	a.Mov(amd64.W64, rPos, rStart)
	a.Jmp(exit)
	a.Bind(full)
	a.Mov(amd64.W32, rB, amd64.Imm(StopFull))
	a.Jmp(exit)
	a.Bind(end)
	a.Mov(amd64.W64, rPos, rEnd)
	a.Mov(amd64.W32, rB, amd64.Imm(StopEnd))
	a.Bind(exit)
	if d.AVX2 {
		a.Vzeroupper()
	}
	a.Mov(amd64.W64, field(entry.OffPos), rPos)
	a.Mov(amd64.W64, field(entry.OffCount), rN)
	a.Mov(amd64.W64, field(entry.OffAux), rB)
	a.Xor(amd64.W32, amd64.RAX, amd64.RAX) // Done
	a.Ret()

	return assemble(&a, bad)
}
