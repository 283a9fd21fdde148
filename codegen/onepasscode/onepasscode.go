// Package onepasscode compiles a one-pass DFA (a DFA whose transitions
// carry capture-slot writes) to x86-64 machine code, one block of code per
// state.
//
// Where a table-walking loop loads the next state from memory at every
// byte, here the state is the program counter: a state's block reads a
// byte, finds its transition by a few compares on byte ranges (a binary
// search the branch predictor learns), stores the position into the
// transition's capture slots with immediate offsets, and jumps to the
// next state's block. Nothing is looked up at run time but the byte.
//
// The code follows the contract of package entry: RDI holds the
// *entry.Context, RSI the haystack, RDX the scratch block, which holds
// the working slots (Desc.MaxSlots words) and then the slots of the last
// match (as many again). Context fields:
//
//	Pos     in/out  the position of the next byte
//	Limit   in      stop here (clamped to Len): Yield, or Done at Len
//	State   out     on Yield and NeedState: the row of the state to resume
//	Match   in/out  the position of the last match, or -1
//	Arg[0]  in      the offset in the code of the state to start in
//	                (Result.Entries)
//
// Exits: Done when the search is over (a dead transition, a transition
// the match of its state wins over, or the end of the input); Yield at
// Limit; NeedState when a step needs what the code does not decide (a
// transition that must give up on invalid UTF-8, or a match whose
// assertions decide whether transitions it wins over stop the search):
// the caller takes that step itself and may re-enter at the next state.
package onepasscode

import (
	"fmt"
	"math/bits"

	"github.com/rxjit/rxjit/codegen/amd64"
	"github.com/rxjit/rxjit/codegen/entry"
	"github.com/rxjit/rxjit/codegen/lookcode"
)

// Desc describes the automaton: its table and the layout of its words.
type Desc struct {
	// Classes maps a byte to its class; Rows holds the states, Stride
	// words each: a match word, then one transition per class. A state
	// is named by the offset of its row; row 0 is the dead state.
	Classes *[256]byte
	Rows    []uint64
	Stride  int
	// MaxSlots is the number of slots in each half of the scratch block,
	// and NumSlots the number the pattern has (the rest are not copied
	// when a match is recorded).
	MaxSlots, NumSlots int
	// The word layout. A transition holds its next state in NextMask,
	// the assertions that must hold before its byte from LookShift (8
	// bits) and the slots it writes from SlotShift (bit SlotShift+k is
	// slot 2+k); FlagQuit and FlagWins as package onepass defines them.
	// A match word has MatchBit set and holds its assertions and slots
	// in the same places.
	// The assertion bits are package lookcode's (and nfa's).
	NextMask, FlagQuit, FlagWins, MatchBit uint64
	LookShift, SlotShift                   uint
	// AVX enables the skip loops of states that loop on themselves
	// (see accel.go): the code then uses VEX-encoded 128-bit vectors.
	AVX bool
}

// Result is the generated code and where each state's block starts.
type Result struct {
	Code []byte
	// Entries holds, for the state whose row is at offset r, the offset
	// of its block in Code at index r/Stride.
	Entries []uint32
	// Labels names offsets of Code, for disassembly.
	Labels map[int]string
}

// MaxRanges bounds the byte ranges, summed over all states, that a
// pattern may dispatch on; larger automata are left to the table loop
// (their code would outgrow the instruction cache).
const MaxRanges = 8192

// Registers.
const (
	rCtx   = amd64.RDI
	rHay   = amd64.RSI
	rSlots = amd64.RDX
	rPos   = amd64.RCX
	rLen   = amd64.R8
	rEnd   = amd64.R9
	rB     = amd64.RAX
	rTmp   = amd64.R10
	rTmp2  = amd64.R11
)

// BadScratch is the exit code of a call whose scratch block is too
// small for the slots. entry.Call reports it as an error.
const BadScratch entry.Exit = 98

func field(off int32) amd64.Mem { return amd64.Mem{Base: rCtx, Disp: off} }

// Generate compiles d.
func Generate(d Desc) (*Result, error) {
	if d.Stride < 2 || len(d.Rows)%d.Stride != 0 || d.MaxSlots < 2 || d.MaxSlots > 64 || d.NumSlots > d.MaxSlots {
		return nil, fmt.Errorf("onepasscode: bad layout")
	}
	nstates := len(d.Rows) / d.Stride
	var a amd64.Assembler
	base := a.NewLabel("base")
	done, yield, needGo, bad := a.NewLabel("done"), a.NewLabel("yield"), a.NewLabel("need_go"), a.NewLabel("bad")
	words := a.NewLabel("word_bytes")
	regs := lookcode.Regs{Hay: rHay, Pos: rPos, Len: rLen, T1: rB, T2: rTmp, T3: rTmp2, Words: words}
	entries := make([]amd64.Label, nstates)
	loops := make([]amd64.Label, nstates)
	for s := 1; s < nstates; s++ {
		// Unnamed: naming them costs a tenth of the generation time.
		entries[s] = a.NewLabel("")
		loops[s] = a.NewLabel("")
	}
	var skips skipPool
	slot := func(half, k int) amd64.Mem { return amd64.Mem{Base: rSlots, Disp: int32(8 * (half*d.MaxSlots + k))} }

	a.Bind(base)
	a.Cmp(amd64.W64, field(entry.OffScratchLen), amd64.Imm(int64(16*d.MaxSlots)))
	a.J(amd64.CondB, bad)
	a.Mov(amd64.W64, rPos, field(entry.OffPos))
	a.Mov(amd64.W64, rLen, field(entry.OffLen))
	a.Mov(amd64.W64, rEnd, field(entry.OffLimit))
	a.Cmp(amd64.W64, rEnd, rLen) // never trust Limit
	a.Cmov(amd64.CondA, amd64.W64, rEnd, rLen)
	a.Lea(amd64.W64, rB, amd64.Mem{Label: base})
	a.Add(amd64.W64, rB, field(entry.OffArg))
	a.JmpIndirect(rB)

	ranges := 0
	for s := 1; s < nstates; s++ {
		row := d.Rows[s*d.Stride : (s+1)*d.Stride]
		m := row[0]
		looks := m >> d.LookShift & 0xFF
		winsStops := m&d.MatchBit != 0 && looks == 0
		exitTo := func(l amd64.Label) {
			a.Mov(amd64.W32, field(entry.OffState), amd64.Imm(int64(s*d.Stride)))
			a.Jmp(l)
		}
		a.Align(16)
		a.Bind(entries[s])
		if m&d.MatchBit != 0 {
			hasWins := false
			for _, t := range row[1:] {
				hasWins = hasWins || t&d.FlagWins != 0
			}
			record := true
			switch l := lookcode.Look(looks); {
			case l == 0:
			case l&lookcode.InvalidRune == 0 && (l == lookcode.EndText || !hasWins):
				// Where the match fails, so do its transitions' wins
				// (an end-of-text match never holds before a byte).
				if err := lookcode.Emit(&a, regs, l, loops[s]); err != nil {
					return nil, err
				}
			default:
				exitTo(needGo)
				record = false
			}
			if record {
				// Record the match: the working slots, then the
				// match's own, at the position.
				k := 2
				for ; k+1 < d.NumSlots; k += 2 {
					a.Movdqu(amd64.X0, slot(0, k))
					a.Movdqu(slot(1, k), amd64.X0)
				}
				if k < d.NumSlots {
					a.Mov(amd64.W64, rTmp, slot(0, k))
					a.Mov(amd64.W64, slot(1, k), rTmp)
				}
				a.Mov(amd64.W64, slot(1, 1), rPos)
				for w := m >> d.SlotShift; w != 0; w &= w - 1 {
					a.Mov(amd64.W64, slot(1, 2+bits.TrailingZeros64(w)), rPos)
				}
				a.Mov(amd64.W64, field(entry.OffMatch), rPos)
				a.Cmp(amd64.W64, rPos, rLen)
				a.J(amd64.CondE, done)
			}
		}
		a.Bind(loops[s])
		stop := a.NewLabel("")
		if d.AVX && m == 0 {
			if set, ok := stopSet(d, row, s); ok {
				skips.emit(&a, set, loops[s], stop)
			}
		}
		a.Cmp(amd64.W64, rPos, rEnd)
		a.J(amd64.CondAE, stop)
		a.Movzx(amd64.W32, rB, amd64.W8, amd64.Mem{Base: rHay, Index: rPos, Scale: 1})

		// The state's distinct transitions and the byte runs that take
		// them.
		var edges []uint64
		var spans []int // per run of bytes with one transition: its edge
		var cases []amd64.ByteCase
		for c, prev := 0, -1; c < 256; c++ {
			cls := int(d.Classes[c])
			if cls == prev {
				continue // the byte before's transition, in its run
			}
			prev = cls
			t := row[1+cls]
			e := -1
			for i, u := range edges {
				if u == t {
					e = i
				}
			}
			if e < 0 {
				e = len(edges)
				edges = append(edges, t)
			}
			if len(spans) == 0 || spans[len(spans)-1] != e {
				spans = append(spans, e)
				cases = append(cases, amd64.ByteCase{Lo: c})
			}
		}
		if ranges += len(spans); ranges > MaxRanges {
			return nil, fmt.Errorf("onepasscode: more than %d byte ranges", MaxRanges)
		}
		edgeLabels := make([]amd64.Label, len(edges))
		for i := range edges {
			edgeLabels[i] = a.NewLabel("")
		}
		for i, e := range spans {
			cases[i].Target = edgeLabels[e]
		}
		a.ByteSwitch(rB, cases)

		for i, t := range edges {
			a.Bind(edgeLabels[i])
			next := int(t & d.NextMask)
			switch {
			case t == 0 || winsStops && t&d.FlagWins != 0:
				a.Jmp(done)
				continue
			case t&d.FlagQuit != 0:
				exitTo(needGo)
				continue
			case next%d.Stride != 0 || next >= len(d.Rows):
				return nil, fmt.Errorf("onepasscode: transition %#x of row %d leaves the table", t, s*d.Stride)
			}
			if l := lookcode.Look(t >> d.LookShift); l != 0 {
				if err := lookcode.Emit(&a, regs, l, done); err != nil {
					return nil, err
				}
			}
			for w := t >> d.SlotShift; w != 0; w &= w - 1 {
				k := 2 + bits.TrailingZeros64(w)
				if k >= d.MaxSlots {
					return nil, fmt.Errorf("onepasscode: slot %d beyond MaxSlots", k)
				}
				a.Mov(amd64.W64, slot(0, k), rPos)
			}
			a.Inc(amd64.W64, rPos)
			target := entries[next/d.Stride]
			if d.Rows[next] == 0 {
				target = loops[next/d.Stride] // no match to check
			}
			a.Jmp(target)
		}
		a.Bind(stop)
		exitTo(yield)
	}

	// Exits.
	a.Bind(yield)
	a.Mov(amd64.W64, field(entry.OffPos), rPos)
	a.Cmp(amd64.W64, rPos, rLen)
	a.J(amd64.CondE, done)
	a.Mov(amd64.W32, amd64.RAX, amd64.Imm(int64(entry.Yield)))
	a.Ret()
	a.Bind(needGo)
	a.Mov(amd64.W64, field(entry.OffPos), rPos)
	a.Mov(amd64.W32, amd64.RAX, amd64.Imm(int64(entry.NeedState)))
	a.Ret()
	a.Bind(done)
	a.Xor(amd64.W32, amd64.RAX, amd64.RAX) // Done
	a.Ret()
	a.Bind(bad)
	a.Mov(amd64.W32, amd64.RAX, amd64.Imm(int64(BadScratch)))
	a.Ret()
	lookcode.WordTable(&a, words)
	skips.emitTables(&a)

	code, err := a.Assemble()
	if err != nil {
		return nil, err
	}
	r := &Result{Code: code, Entries: make([]uint32, nstates), Labels: a.Labels()}
	for s := 1; s < nstates; s++ {
		off, _ := a.Offset(entries[s])
		r.Entries[s] = uint32(off)
	}
	return r, nil
}
