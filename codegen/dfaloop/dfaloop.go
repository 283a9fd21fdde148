// Package dfaloop generates the search loop of a table-driven DFA as x86-64
// machine code.
//
// The loop knows nothing of regular expressions. It walks a transition
// table laid out as a [Desc] says, the same table a Go loop walks, and
// leaves to its caller every state it cannot take by itself. It follows
// the contract of package entry: RDI holds the *entry.Context, RSI the
// haystack, RDX the table (the scratch block).
//
// Table layout (the scratch block): a header of Desc.Header bytes that
// starts with 256 bytes mapping each byte to its class, then rows of
// 32-bit state IDs. A state ID is the offset, in words, of its row; the
// step from state s on byte b reads word s + class[b] of the rows. IDs at
// or above the limit are special.
//
// Context fields:
//
//	Pos      in/out  forward: next byte to read; reverse: one past it
//	Limit    in      forward: stop here (clamped to Len)
//	State    in/out  the current state, below the limit
//	Match    in/out  the last match position
//	Arg[0]   in      the limit: the first special ID
//	Arg[1]   in      reverse: stop here (at most Pos)
//	Arg[2]   in      non-zero: stop right after the first match
//	Aux[0]   out     the special ID that stopped the loop
//
// A step to an ID below the limit is taken. A step to an ID whose tags
// are only the match and acceleration tags, the rest below the limit, is
// taken too: with the match tag it first records Match = Pos (the
// position before the byte), and with Arg[2] the loop then stops and
// returns Done; with the acceleration tag the loop then skips ahead (see
// Desc.TagAccel). Any other ID stops the loop before the byte, with the
// ID in Aux[0], and returns Done. Reaching the end of the slice returns
// Yield. Before the first step the code checks that the table holds the
// header, the limit's rows and 256 words of slack and that State is below
// the limit, so no load can leave the table or the haystack; it returns
// exit code BadTable otherwise.
package dfaloop

import (
	"fmt"

	"github.com/rxjit/rxjit/codegen/amd64"
	"github.com/rxjit/rxjit/codegen/entry"
)

// Desc describes the loop to generate. It holds no pointers.
type Desc struct {
	// Reverse reads the haystack backwards.
	Reverse bool
	// TagMatch is the bit of a state ID that marks a match state.
	TagMatch uint32
	// TagAccel is the bit of a state ID that marks a state whose row's
	// first word is the offset, in words from the first row, of its
	// acceleration record: 32 bytes of low-nibble table and 32 of
	// high-nibble table (each 16 bytes twice). A byte b leaves the state
	// when lo[b&15] & hi[b>>4] is not zero; the loop skips every other
	// byte.
	TagAccel uint32
	// PairRecord, if not zero, is the bit of an accelerated state's
	// column 0 that marks a pair record: its escapes' tables hold the
	// plain escapes on bucket bits 0-3 and the others on bits 4-7, and
	// 64 more bytes hold the tables of the follow bytes. A plain escape
	// is then skipped too unless the byte after it, which may lie past
	// the slice but not past Len, is a follow byte. A call that starts
	// in a state whose column 0 has PairRecord but not Unknown starts
	// with that skip.
	PairRecord uint32
	// Unknown is the tag of a transition not yet computed, which fills
	// column 0 of the states that have no record.
	Unknown uint32
	// AVX2 enables the 32-byte acceleration loop. Without it, accelerated
	// states are stepped like any other.
	AVX2 bool
	// Unroll is the number of steps per iteration of the main loop,
	// taken while that many bytes remain (1 disables unrolling).
	Unroll int
	// Header is the size in bytes of the table's header, at least 256
	// and a multiple of 4: the rows start there.
	Header int32
}

// BadTable is the exit code of a call whose table or state is not
// consistent with its limit. [entry.Call] reports it as an error.
const BadTable entry.Exit = 99

// Registers.
const (
	rCtx   = amd64.RDI
	rHay   = amd64.RSI
	rTab   = amd64.RDX // class map; rows start 256 bytes later
	rPos   = amd64.RCX
	rEnd   = amd64.R9
	rState = amd64.R10
	rLimit = amd64.R11
	rRows  = amd64.R8
	rB     = amd64.RAX
	rNext  = amd64.RBX
	rTmp   = amd64.R12
	rRec   = amd64.R13 // the acceleration record whose tables are loaded
)

const slackWords = 256

func field(off int32) amd64.Mem { return amd64.Mem{Base: rCtx, Disp: off} }

// Generate returns the machine code of the loop d describes and the names
// of its labels by offset, for disassembly.
func Generate(d Desc) ([]byte, map[int]string, error) {
	var a amd64.Assembler
	bad, atEnd, special, stop, loop := a.NewLabel("bad"), a.NewLabel("at_end"), a.NewLabel("special"), a.NewLabel("stop"), a.NewLabel("loop")
	done, accel, earliest := a.NewLabel("done"), a.NewLabel("accel"), a.NewLabel("earliest")
	unroll := max(d.Unroll, 1)
	resume := loop // where the loop goes on after a match

	// Load and check the context.
	if d.Header < 256 || d.Header%4 != 0 {
		return nil, nil, fmt.Errorf("dfaloop: header of %d bytes", d.Header)
	}
	emitLimit(&a, d.Header, bad)
	a.Mov(amd64.W64, rPos, field(entry.OffPos))
	a.Mov(amd64.W32, rState, field(entry.OffState))
	a.Cmp(amd64.W64, rState, rLimit)
	a.J(amd64.CondAE, bad)
	if d.AVX2 && !d.Reverse {
		// The acceleration path's constants, and no record loaded yet.
		a.Mov(amd64.W32, rB, amd64.Imm(0x0F))
		a.Vmovd(amd64.X5, rB)
		a.Vpbroadcastb(amd64.Y5, amd64.X5)
		a.Vpxor(amd64.Y6, amd64.Y6, amd64.Y6)
		a.Xor(amd64.W32, rRec, rRec)
	}
	if d.Reverse {
		a.Mov(amd64.W64, rEnd, field(entry.OffArg+8))
		a.Cmp(amd64.W64, rEnd, rPos)
		a.J(amd64.CondA, bad)
	} else {
		a.Mov(amd64.W64, rEnd, field(entry.OffLimit))
		a.Cmp(amd64.W64, rEnd, field(entry.OffLen)) // never trust Limit
		a.Cmov(amd64.CondA, amd64.W64, rEnd, field(entry.OffLen))
	}
	pair := a.NewLabel("accel_pair")
	if d.AVX2 && !d.Reverse && d.PairRecord != 0 {
		// A call that starts in a state with a pair record starts
		// with its skip, as the loop of the call before would have
		// gone on: where slices end must not change where skips stop.
		a.Mov(amd64.W32, rB, amd64.Mem{Base: rRows, Index: rState, Scale: 4})
		a.Mov(amd64.W32, rTmp, rB)
		a.And(amd64.W32, rTmp, amd64.Imm(int64(d.PairRecord|d.Unknown)))
		a.Cmp(amd64.W32, rTmp, amd64.Imm(int64(d.PairRecord)))
		a.J(amd64.CondE, pair)
	}

	// step emits one step reading the byte at pos+disp (forward) or
	// pos-1-disp (reverse): next = rows[state + class[byte]], then the
	// limit check. It leaves pos unchanged.
	step := func(disp int32, exit amd64.Label) {
		src := amd64.Mem{Base: rHay, Index: rPos, Scale: 1, Disp: disp}
		if d.Reverse {
			src.Disp = -1 - disp
		}
		emitStep(&a, rNext, src)
		a.Cmp(amd64.W32, rNext, rLimit)
		a.J(amd64.CondAE, exit)
		a.Mov(amd64.W32, rState, rNext)
	}
	advance := func(n int64) {
		if d.Reverse {
			a.Sub(amd64.W64, rPos, amd64.Imm(n))
		} else {
			a.Add(amd64.W64, rPos, amd64.Imm(n))
		}
	}

	// The unrolled loop runs while unroll bytes remain; a special in it
	// first moves pos to the byte that caused it, then joins the single
	// step's special path.
	if unroll > 1 {
		fast, fastExit := a.NewLabel("fast"), make([]amd64.Label, unroll)
		resume = fast
		for i := range fastExit {
			fastExit[i] = a.NewLabel("fast_special")
		}
		a.Align(16)
		a.Bind(fast)
		if d.Reverse {
			a.Lea(amd64.W64, rTmp, amd64.Mem{Base: rEnd, Disp: int32(unroll)})
			a.Cmp(amd64.W64, rPos, rTmp)
			a.J(amd64.CondB, loop)
		} else {
			a.Lea(amd64.W64, rTmp, amd64.Mem{Base: rPos, Disp: int32(unroll)})
			a.Cmp(amd64.W64, rTmp, rEnd)
			a.J(amd64.CondA, loop)
		}
		for i := 0; i < unroll; i++ {
			step(int32(i), fastExit[i])
		}
		advance(int64(unroll))
		a.Jmp(fast)
		for i := 1; i < unroll; i++ {
			a.Bind(fastExit[i])
			advance(int64(i))
			a.Jmp(special)
		}
		a.Bind(fastExit[0])
		a.Jmp(special)
	}

	// The checked loop: one byte per iteration.
	a.Align(16)
	a.Bind(loop)
	a.Cmp(amd64.W64, rPos, rEnd)
	if d.Reverse {
		a.J(amd64.CondBE, atEnd)
	} else {
		a.J(amd64.CondAE, atEnd)
	}
	step(0, special)
	advance(1)
	a.Jmp(loop)

	// special: rNext is at or above the limit. Match and acceleration
	// tags on a state below the limit are handled here.
	a.Bind(special)
	a.Mov(amd64.W32, rTmp, rNext)
	a.And(amd64.W32, rTmp, amd64.Imm(int64(^(d.TagMatch | d.TagAccel))))
	a.Cmp(amd64.W32, rTmp, rLimit)
	a.J(amd64.CondAE, stop)
	a.Mov(amd64.W32, rState, rTmp)
	take := a.NewLabel("take")
	a.Test(amd64.W32, rNext, amd64.Imm(int64(d.TagMatch)))
	a.J(amd64.CondE, take)
	a.Mov(amd64.W64, field(entry.OffMatch), rPos)
	a.Cmp(amd64.W64, field(entry.OffArg+16), amd64.Imm(0))
	if d.Reverse {
		a.J(amd64.CondE, take)
	} else {
		// A run of this same transition (a match state that loops on
		// itself, as .* ending a pattern) only moves the match on:
		// take it in a loop of its own. Accelerated states skip
		// instead.
		run, ran := a.NewLabel("match_run"), a.NewLabel("match_ran")
		a.J(amd64.CondNE, earliest)
		a.Test(amd64.W32, rNext, amd64.Imm(int64(d.TagAccel)))
		a.J(amd64.CondNE, take)
		if d.AVX2 {
			// Skip along the run from the byte after, to the last
			// byte before the first that leaves it, for the match
			// run below to finish.
			a.Inc(amd64.W64, rPos)
			emitRunSkip(&a, rEnd, rB, rTmp, rRec)
			a.Dec(amd64.W64, rPos)
		}
		emitMatchRun(&a, run, ran, rEnd, rNext, rTmp, rB)
		a.Bind(ran)
		a.Mov(amd64.W64, field(entry.OffMatch), rPos)
		a.Jmp(take)
	}
	// Earliest: stop after the match.
	a.Bind(earliest)
	advance(1)
	a.Mov(amd64.W64, field(entry.OffAux), amd64.Imm(0))
	a.Jmp(done)
	a.Bind(take)
	advance(1)
	if d.AVX2 && !d.Reverse {
		a.Test(amd64.W32, rNext, amd64.Imm(int64(d.TagAccel)))
		a.J(amd64.CondNE, accel)
	}
	a.Jmp(resume)

	if d.AVX2 && !d.Reverse {
		genAccel(&a, accel, pair, resume, d.PairRecord)
	}

	a.Bind(stop)
	a.Mov(amd64.W64, field(entry.OffAux), rNext) // zero-extended by the 32-bit load
	a.Bind(done)
	a.Mov(amd64.W64, field(entry.OffPos), rPos)
	a.Mov(amd64.W64, field(entry.OffState), rState)
	if d.AVX2 {
		a.Vzeroupper()
	}
	a.Xor(amd64.W32, amd64.RAX, amd64.RAX) // Done
	a.Ret()

	a.Bind(atEnd)
	a.Mov(amd64.W64, field(entry.OffPos), rPos)
	a.Mov(amd64.W64, field(entry.OffState), rState)
	if d.AVX2 {
		a.Vzeroupper()
	}
	a.Mov(amd64.W32, amd64.RAX, amd64.Imm(int64(entry.Yield)))
	a.Ret()

	return assemble(&a, bad)
}

// scalarBytes is how many bytes the acceleration path tests one at a
// time before it sets up its vectors.
const scalarBytes = 8

// genAccel emits the acceleration path, entered with the new state in
// rState and pos at the next byte: it reads the state's record and skips,
// 32 bytes at a time, every byte that keeps the state, then resumes the
// loop at the first byte that may leave it (or where fewer than 32 bytes
// remain, for the checked loop to finish). A pair record's skip is
// genPairAccel's, at pair.
func genAccel(a *amd64.Assembler, accel, pair, resume amd64.Label, pairRecord uint32) {
	const loTab, hiTab = amd64.Y1, amd64.Y2
	next, found, vector := a.NewLabel("accel_next"), a.NewLabel("accel_found"), a.NewLabel("accel_vector")
	a.Bind(accel)
	a.Mov(amd64.W32, rB, amd64.Mem{Base: rRows, Index: rState, Scale: 4})
	if pairRecord != 0 {
		a.Test(amd64.W32, rB, amd64.Imm(int64(pairRecord)))
		a.J(amd64.CondNE, pair)
	}
	emitRecord(a, 16, resume)
	// Escapes are often near: test up to scalarBytes bytes one at a time
	// before setting up the vectors.
	for i := 0; i < scalarBytes; i++ {
		a.Cmp(amd64.W64, rPos, rEnd)
		a.J(amd64.CondAE, resume)
		emitNibbleTest(a, rTmp, amd64.Mem{Base: rHay, Index: rPos, Scale: 1}, 0)
		a.J(amd64.CondNE, resume)
		a.Inc(amd64.W64, rPos)
	}
	a.Bind(vector)
	// Load the record's tables unless they are the ones loaded last;
	// the mask and zero vectors were set up on entry.
	loaded := a.NewLabel("accel_loaded")
	a.Cmp(amd64.W64, rTmp, rRec)
	a.J(amd64.CondE, loaded)
	a.Vmovdqu(loTab, amd64.Mem{Base: rTmp})
	a.Vmovdqu(hiTab, amd64.Mem{Base: rTmp, Disp: 32})
	a.Mov(amd64.W64, rRec, rTmp)
	a.Bind(loaded)
	a.Align(16)
	a.Bind(next)
	a.Lea(amd64.W64, rTmp, amd64.Mem{Base: rPos, Disp: 32})
	a.Cmp(amd64.W64, rTmp, rEnd)
	a.J(amd64.CondA, resume)
	emitEscapes(a, rB)
	emitSkipStep(a, next, found, resume)

	if pairRecord != 0 {
		genPairAccel(a, pair, resume, pairRecord)
	}
}

// emitRecord checks the record offset in rB, of words words, and leaves
// its address in rTmp; it goes to resume where there is none (0) or it
// does not lie below the limit: never trust the table.
func emitRecord(a *amd64.Assembler, words int32, resume amd64.Label) {
	a.Lea(amd64.W64, rTmp, amd64.Mem{Base: rB, Disp: words})
	a.Cmp(amd64.W64, rTmp, rLimit)
	a.J(amd64.CondA, resume)
	a.Test(amd64.W32, rB, rB)
	a.J(amd64.CondE, resume)
	a.Lea(amd64.W64, rTmp, amd64.Mem{Base: rRows, Index: rB, Scale: 4})
}

// genPairAccel emits the skip of a pair record (Desc.PairRecord), entered
// with the state's column 0 in rB. It passes the bytes the Go skip
// passes (dfa's Cache.skip): those that keep the state, and the plain
// escapes whose next byte is no follow byte. The next byte is read where
// it lies before Len, even past the slice's end, so that slices do not
// change where the skip stops. It keeps the follow tables in Y7 and Y8,
// loaded with Y1 and Y2 when rRec changes.
func genPairAccel(a *amd64.Assembler, pair, resume amd64.Label, pairRecord uint32) {
	const loTab, hiTab, loFol, hiFol = amd64.Y1, amd64.Y2, amd64.Y7, amd64.Y8
	loaded, next, found, tail := a.NewLabel("pair_loaded"), a.NewLabel("pair_next"), a.NewLabel("pair_found"), a.NewLabel("pair_tail")
	a.Bind(pair)
	a.And(amd64.W32, rB, amd64.Imm(int64(^pairRecord)))
	emitRecord(a, 32, resume)
	a.Cmp(amd64.W64, rTmp, rRec)
	a.J(amd64.CondE, loaded)
	a.Vmovdqu(loTab, amd64.Mem{Base: rTmp})
	a.Vmovdqu(hiTab, amd64.Mem{Base: rTmp, Disp: 32})
	a.Vmovdqu(loFol, amd64.Mem{Base: rTmp, Disp: 64})
	a.Vmovdqu(hiFol, amd64.Mem{Base: rTmp, Disp: 96})
	a.Mov(amd64.W64, rRec, rTmp)
	a.Bind(loaded)
	// The first byte alone: the loop comes back here right after the
	// escape it stopped at was stepped, or one byte after the word
	// that escape began; testing more bytes one at a time cost more in
	// mispredicted branches than the vectors.
	a.Cmp(amd64.W64, rPos, rEnd)
	a.J(amd64.CondAE, resume)
	emitPairByte(a, resume)
	a.Inc(amd64.W64, rPos)

	a.Align(16)
	a.Bind(next)
	// 32 bytes before the slice's end, and the byte after them before
	// Len.
	a.Lea(amd64.W64, rTmp, amd64.Mem{Base: rPos, Disp: 32})
	a.Cmp(amd64.W64, rTmp, rEnd)
	a.J(amd64.CondA, tail)
	a.Cmp(amd64.W64, rTmp, field(entry.OffLen))
	a.J(amd64.CondAE, tail)
	// The escapes' bucket bits of each byte, in Y0.
	a.Shufti(amd64.Y0, amd64.Mem{Base: rHay, Index: rPos, Scale: 1}, loTab, hiTab, amd64.Y5, amd64.Y0, amd64.Y3)
	// rB: the bytes that are no plain escape (no bit of 0-3); rTmp:
	// those that are no other escape (no bit of 4-7).
	a.Vpand(amd64.Y3, amd64.Y0, amd64.Y5)
	a.Vpcmpeqb(amd64.Y3, amd64.Y3, amd64.Y6)
	a.Vpmovmskb(rB, amd64.Y3)
	a.Vpandn(amd64.Y0, amd64.Y5, amd64.Y0)
	a.Vpcmpeqb(amd64.Y0, amd64.Y0, amd64.Y6)
	a.Vpmovmskb(rTmp, amd64.Y0)
	// rNext: the bytes whose next byte is no follow byte.
	a.ShuftiOutside(rNext, amd64.Mem{Base: rHay, Index: rPos, Scale: 1, Disp: 1}, loFol, hiFol, amd64.Y5, amd64.Y6, amd64.Y0, amd64.Y3)
	// Stop at the other escapes, and at plain ones a follow byte
	// follows.
	a.Or(amd64.W32, rB, rNext)
	a.And(amd64.W32, rB, rTmp)
	a.Not(amd64.W32, rB)
	emitSkipStep(a, next, found, resume)

	// Near the end, a byte at a time to the slice's end.
	a.Bind(tail)
	a.Cmp(amd64.W64, rPos, rEnd)
	a.J(amd64.CondAE, resume)
	emitPairByte(a, resume)
	a.Inc(amd64.W64, rPos)
	a.Jmp(tail)
}

// emitSkipStep ends a 32-byte step of a skip, with a bit in rB for each
// byte it must stop at: without any, on 32 bytes and back to next; else
// to the first such byte (binding found there) and on to resume.
func emitSkipStep(a *amd64.Assembler, next, found, resume amd64.Label) {
	a.Test(amd64.W32, rB, rB)
	a.J(amd64.CondNE, found)
	a.Add(amd64.W64, rPos, amd64.Imm(32))
	a.Jmp(next)
	a.Bind(found)
	a.Bsf(amd64.W32, rB, rB)
	a.Add(amd64.W64, rPos, rB)
	a.Jmp(resume)
}

// emitPairByte tests the byte at rPos, below rEnd, against the pair
// record at rRec, and jumps to stop where the skip must stop there; it
// falls through where the byte is passed. It clobbers rB and rNext.
func emitPairByte(a *amd64.Assembler, stop amd64.Label) {
	pass := a.NewLabel("pair_pass")
	emitNibbleTest(a, rRec, amd64.Mem{Base: rHay, Index: rPos, Scale: 1}, 0)
	a.J(amd64.CondE, pass)
	// An escape: stop if it is not plain, or unless the next byte lies
	// before Len and is no follow byte.
	a.Test(amd64.W32, rB, amd64.Imm(0xF0))
	a.J(amd64.CondNE, stop)
	a.Lea(amd64.W64, rB, amd64.Mem{Base: rPos, Disp: 1})
	a.Cmp(amd64.W64, rB, field(entry.OffLen))
	a.J(amd64.CondAE, stop)
	emitNibbleTest(a, rRec, amd64.Mem{Base: rHay, Index: rPos, Scale: 1, Disp: 1}, 64)
	a.J(amd64.CondNE, stop)
	a.Bind(pass)
}

// emitNibbleTest tests the byte at src against the nibble tables at tab
// plus off (low nibbles, then high nibbles 32 bytes on): it leaves
// lo[b&15] & hi[b>>4] in rB, and ZF clear where that is not zero (the
// byte is in their set). It clobbers rNext.
func emitNibbleTest(a *amd64.Assembler, tab amd64.Reg, src amd64.Mem, off int32) {
	a.Movzx(amd64.W32, rB, amd64.W8, src)
	a.Mov(amd64.W32, rNext, rB)
	a.And(amd64.W32, rB, amd64.Imm(15))
	a.Shr(amd64.W32, rNext, amd64.Imm(4))
	a.Movzx(amd64.W32, rB, amd64.W8, amd64.Mem{Base: tab, Index: rB, Scale: 1, Disp: off})
	a.Movzx(amd64.W32, rNext, amd64.W8, amd64.Mem{Base: tab, Index: rNext, Scale: 1, Disp: off + 32})
	a.And(amd64.W32, rB, rNext)
}
