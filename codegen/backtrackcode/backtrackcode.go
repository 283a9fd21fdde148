// Package backtrackcode compiles a bounded backtracker to x86-64 machine
// code: each NFA state becomes a block of code, alternatives wait on an
// explicit stack in the scratch block, and a visited bit per (state,
// position) keeps the search linear, as in the Go backtracker whose
// answers it reproduces.
//
// The code follows the contract of package entry: RDI holds the
// *entry.Context, RSI the haystack, RDX the scratch block. The scratch
// block holds, from its start, the capture slots (NumSlots words, all -1
// on entry), the visited bitset (Rows × (Limit-Arg[3]+1) bits, zero on
// entry) at byte offset Arg[0], and the stack from Arg[1] to Arg[2].
// Context fields:
//
//	Pos     in   the first start to try
//	Limit   in   the end of the span: no byte at or after it is consumed
//	Match   out  the end of the match, or -1
//	Arg[0]  in   byte offset of the visited bitset in the scratch block
//	Arg[1]  in   byte offset of the stack
//	Arg[2]  in   byte offset of the stack's end
//	Arg[3]  in   the position the visited bitset starts at (at most Pos)
//	Aux[0]  out  the start of the match
//
// Aux[1..3], State and Count are the code's own scratch.
//
// The code tries Pos and each later rune boundary up to Limit (only Pos
// when AnchoredBegin), exploring each start's paths depth first in
// priority order, and returns Done with the first match, or with Match -1.
// It returns NeedState when the stack is full: the caller answers the
// search another way (or again with a larger stack). It returns BadScratch,
// without running, when the offsets do not fit the scratch block.
package backtrackcode

import (
	"encoding/binary"
	"fmt"

	"github.com/rxjit/rxjit/codegen/amd64"
	"github.com/rxjit/rxjit/codegen/entry"
	"github.com/rxjit/rxjit/codegen/lookcode"
)

// Kind is the kind of a state.
type Kind uint8

// The kinds of states, as package nfa defines them.
const (
	Fail Kind = iota
	Match
	Range      // consume Lo..Hi, go to Next
	Sparse     // consume a byte of one of Trans, go to its Next
	Union      // try Alts in order
	Capture    // save the position in slot Slot, go to Next
	LookAround // go to Next if Look holds
)

// State is one state of the automaton.
type State struct {
	Kind   Kind
	Lo, Hi byte
	Look   lookcode.Look
	// Row is the state's row of the visited bitset, or -1 if it has
	// none (a state entered along one edge only).
	Row   int32
	Next  uint32
	Slot  uint32
	Trans []Trans
	Alts  []uint32
	// Choice, for a Union, says which alternatives the code follows
	// from the next byte; nil where it follows them all.
	Choice *Choice
	// Run, for a union with a row that heads a loop, holds the bytes
	// that go once around the loop and straight back to it, forced
	// (bit b of word b/64): while the next byte is one of them, the code
	// marks the union's visited bit at the next position and reads on,
	// and it enters the union's own code at the first other byte. Nil
	// otherwise.
	Run *[4]uint64
	// Pair, for a union with Run, holds its pair bytes and their follow
	// bytes: a pair byte whose next byte lies before Limit and is not a
	// follow byte is a run byte too. Nil where it has none.
	Pair *[2][4]uint64
}

// Choice says which alternatives of a union to follow, in order: those
// of Lists[ByByte[c]] where the next byte is c, those of Lists[AtEnd] at
// Limit. A list names states, each one of the union's Alts; an empty list
// fails.
type Choice struct {
	ByByte [256]uint8
	AtEnd  uint16
	Lists  [][]uint32
}

// Trans is a transition of a Sparse state.
type Trans struct {
	Lo, Hi byte
	Next   uint32
}

// Desc describes the backtracker to compile.
type Desc struct {
	States []State
	Start  uint32
	// NumSlots is the number of capture slots; slots 0 and 1 are set by
	// the caller and at the match (1), never by a Capture state.
	NumSlots      int
	Rows          int
	AnchoredBegin bool
	// AVX2 lets runs (State.Run) test 32 bytes at a time and set their
	// visited bits a word at a time where the bytes are ASCII.
	AVX2 bool
}

// MaxStates bounds the states compiled: larger automata are left to the
// Go backtracker (their code would outgrow the instruction cache).
const MaxStates = 4096

// FrameBytes is the size of a stack frame: the code offset to resume at
// (low 32 bits) and a slot (high 32 bits), then a position or a saved
// slot value.
const FrameBytes = 16

// BadScratch is the exit code of a call whose scratch block does not fit
// its offsets. entry.Call reports it as an error.
const BadScratch entry.Exit = 97

// Registers.
const (
	rCtx      = amd64.RDI
	rHay      = amd64.RSI
	rSlots    = amd64.RDX
	rPos      = amd64.RCX
	rStackEnd = amd64.R8
	rSP       = amd64.R9
	rEnd      = amd64.R10
	rNpos     = amd64.R11
	rVisited  = amd64.R12
	rOrigin   = amd64.R13
	rT        = amd64.R14
	rStart    = amd64.R15
	rA        = amd64.RAX
	rB        = amd64.RBX
)

func field(off int32) amd64.Mem { return amd64.Mem{Base: rCtx, Disp: off} }

// stackBase holds the stack's first frame's address while the code runs;
// spill0 and spill1 hold registers a run loop borrows.
var (
	stackBase = field(entry.OffAux + 8)
	spill0    = field(entry.OffAux + 16)
	spill1    = field(entry.OffAux + 24)
)

// Generate compiles d. It returns the code and the names of its labels
// by offset, for disassembly.
func Generate(d Desc) ([]byte, map[int]string, error) {
	if len(d.States) > MaxStates {
		return nil, nil, fmt.Errorf("backtrackcode: more than %d states", MaxStates)
	}
	if int(d.Start) >= len(d.States) || d.NumSlots < 0 || d.NumSlots > 1<<16 || d.Rows < 0 {
		return nil, nil, fmt.Errorf("backtrackcode: bad description")
	}
	var a amd64.Assembler
	g := &gen{a: &a, d: d, labels: make([]amd64.Label, len(d.States))}
	for i := range g.labels {
		g.labels[i] = a.NewLabel("")
	}
	g.base, g.fail, g.restore = a.NewLabel("base"), a.NewLabel("fail"), a.NewLabel("restore")
	g.nextStart, g.noMatch, g.overflow = a.NewLabel("next_start"), a.NewLabel("no_match"), a.NewLabel("overflow")
	g.bad, g.words, g.masks = a.NewLabel("bad"), a.NewLabel("word_bytes"), a.NewLabel("low_masks")

	a.Bind(g.base)
	g.prologue()
	for id := range d.States {
		if err := g.state(uint32(id)); err != nil {
			return nil, nil, err
		}
	}
	g.epilogue()
	code, err := a.Assemble()
	return code, a.Labels(), err
}

type gen struct {
	a                                                             *amd64.Assembler
	d                                                             Desc
	labels                                                        []amd64.Label
	base, fail, restore, nextStart, noMatch, overflow, bad, words amd64.Label
	data                                                          []dataBlock
	// masks labels the table of low masks (bit x-1 and below set, for x
	// in 0..64) that AVX2 runs set visited bits with; usesMasks says a
	// run has used it.
	masks     amd64.Label
	usesMasks bool
}

// prologue loads and checks the context, then enters the start state.
func (g *gen) prologue() {
	a, d := g.a, g.d
	a.Mov(amd64.W64, rPos, field(entry.OffPos))
	a.Mov(amd64.W64, rStart, rPos)
	a.Mov(amd64.W64, rEnd, field(entry.OffLimit))
	a.Mov(amd64.W64, rOrigin, field(entry.OffArg+24))
	// origin <= pos <= end <= len (Call checks pos <= limit <= len).
	a.Cmp(amd64.W64, rOrigin, rPos)
	a.J(amd64.CondA, g.bad)
	a.Cmp(amd64.W64, rEnd, field(entry.OffLen))
	a.J(amd64.CondA, g.bad)
	// npos = end - origin + 1; the bitset needs ceil(rows*npos/64) words.
	a.Mov(amd64.W64, rNpos, rEnd)
	a.Sub(amd64.W64, rNpos, rOrigin)
	a.Inc(amd64.W64, rNpos)
	a.Mov(amd64.W32, rA, amd64.Imm(int64(d.Rows)))
	a.Imul(amd64.W64, rA, rNpos)
	a.Add(amd64.W64, rA, amd64.Imm(63))
	a.Shr(amd64.W64, rA, amd64.Imm(6))
	a.Shl(amd64.W64, rA, amd64.Imm(3))
	// slots <= visited; visited + bitset <= stack; stack + frame <= stack end <= scratch.
	a.Mov(amd64.W64, rB, field(entry.OffArg))
	a.Cmp(amd64.W64, rB, amd64.Imm(int64(8*d.NumSlots)))
	a.J(amd64.CondB, g.bad)
	a.Add(amd64.W64, rA, rB)
	a.Cmp(amd64.W64, rA, field(entry.OffArg+8))
	a.J(amd64.CondA, g.bad)
	a.Mov(amd64.W64, rA, field(entry.OffArg+8))
	a.Add(amd64.W64, rA, amd64.Imm(FrameBytes))
	a.Cmp(amd64.W64, rA, field(entry.OffArg+16))
	a.J(amd64.CondA, g.bad)
	a.Mov(amd64.W64, rA, field(entry.OffArg+16))
	a.Cmp(amd64.W64, rA, field(entry.OffScratchLen))
	a.J(amd64.CondA, g.bad)
	// Absolute addresses.
	a.Lea(amd64.W64, rVisited, amd64.Mem{Base: rSlots, Index: rB, Scale: 1})
	a.Mov(amd64.W64, rSP, field(entry.OffArg+8))
	a.Add(amd64.W64, rSP, rSlots)
	a.Mov(amd64.W64, stackBase, rSP)
	a.Mov(amd64.W64, rStackEnd, field(entry.OffArg+16))
	a.Add(amd64.W64, rStackEnd, rSlots)
	a.Sub(amd64.W64, rStackEnd, amd64.Imm(FrameBytes)) // room for one frame
	a.Jmp(g.labels[d.Start])
}

// push emits a frame: resume at label l's offset with value in v (a
// register), and slot in the high half of the first word.
func (g *gen) push(l amd64.Label, slot uint32, v amd64.Reg) {
	a := g.a
	a.Cmp(amd64.W64, rSP, rStackEnd)
	a.J(amd64.CondA, g.overflow)
	// The offset of l from base, computed at run time: lea then sub.
	a.Lea(amd64.W64, rB, amd64.Mem{Label: l})
	a.Lea(amd64.W64, rT, amd64.Mem{Label: g.base})
	a.Sub(amd64.W64, rB, rT)
	a.Mov(amd64.W32, amd64.Mem{Base: rSP}, rB)
	a.Mov(amd64.W32, amd64.Mem{Base: rSP, Disp: 4}, amd64.Imm(int64(slot)))
	a.Mov(amd64.W64, amd64.Mem{Base: rSP, Disp: 8}, v)
	a.Add(amd64.W64, rSP, amd64.Imm(FrameBytes))
}

// state emits the block of state id.
func (g *gen) state(id uint32) error {
	a, s := g.a, &g.d.States[id]
	a.Bind(g.labels[id])
	if s.Row >= int32(g.d.Rows) {
		return fmt.Errorf("backtrackcode: state %d: row %d of %d", id, s.Row, g.d.Rows)
	}
	if s.Row >= 0 && s.Kind == Union && s.Run != nil {
		g.run(s)
	} else if s.Row >= 0 && s.Kind != Match && s.Kind != Fail {
		// bit = row*npos + pos - origin: test and set, or fail.
		a.Mov(amd64.W32, rA, amd64.Imm(int64(s.Row)))
		a.Imul(amd64.W64, rA, rNpos)
		a.Add(amd64.W64, rA, rPos)
		a.Sub(amd64.W64, rA, rOrigin)
		a.Mov(amd64.W64, rB, rA)
		a.Shr(amd64.W64, rB, amd64.Imm(6))
		a.Mov(amd64.W64, rT, amd64.Mem{Base: rVisited, Index: rB, Scale: 8})
		a.Bt(amd64.W64, rT, rA)
		a.J(amd64.CondB, g.fail)
		a.Bts(amd64.W64, rT, rA)
		a.Mov(amd64.W64, amd64.Mem{Base: rVisited, Index: rB, Scale: 8}, rT)
	}
	next := func(n uint32) (amd64.Label, error) {
		if int(n) >= len(g.labels) {
			return amd64.Label{}, fmt.Errorf("backtrackcode: state %d: successor %d out of range", id, n)
		}
		return g.labels[n], nil
	}
	switch s.Kind {
	case Fail:
		a.Jmp(g.fail)
	case Match:
		a.Mov(amd64.W64, field(entry.OffMatch), rPos)
		a.Mov(amd64.W64, field(entry.OffAux), rStart)
		a.Xor(amd64.W32, amd64.RAX, amd64.RAX) // Done
		g.ret()
	case Range:
		n, err := next(s.Next)
		if err != nil {
			return err
		}
		a.Cmp(amd64.W64, rPos, rEnd)
		a.J(amd64.CondAE, g.fail)
		a.Movzx(amd64.W32, rA, amd64.W8, amd64.Mem{Base: rHay, Index: rPos, Scale: 1})
		a.Sub(amd64.W32, rA, amd64.Imm(int64(s.Lo)))
		a.Cmp(amd64.W32, rA, amd64.Imm(int64(s.Hi-s.Lo)))
		a.J(amd64.CondA, g.fail)
		a.Inc(amd64.W64, rPos)
		a.Jmp(n)
	case Sparse:
		a.Cmp(amd64.W64, rPos, rEnd)
		a.J(amd64.CondAE, g.fail)
		a.Movzx(amd64.W32, rA, amd64.W8, amd64.Mem{Base: rHay, Index: rPos, Scale: 1})
		var cases []amd64.ByteCase
		var targets []amd64.Label
		at := 0
		for _, t := range s.Trans {
			if int(t.Lo) < at || t.Hi < t.Lo {
				return fmt.Errorf("backtrackcode: state %d: transitions not sorted", id)
			}
			if int(t.Lo) > at {
				cases = append(cases, amd64.ByteCase{Lo: at, Target: g.fail})
			}
			n, err := next(t.Next)
			if err != nil {
				return err
			}
			step := a.NewLabel("")
			cases = append(cases, amd64.ByteCase{Lo: int(t.Lo), Target: step})
			targets = append(targets, n)
			at = int(t.Hi) + 1
		}
		if at < 256 {
			cases = append(cases, amd64.ByteCase{Lo: at, Target: g.fail})
		}
		if len(cases) == 0 || cases[0].Lo != 0 {
			return fmt.Errorf("backtrackcode: state %d: no transitions", id)
		}
		a.ByteSwitch(rA, cases)
		i := 0
		for _, c := range cases {
			if c.Target == g.fail {
				continue
			}
			a.Bind(c.Target)
			a.Inc(amd64.W64, rPos)
			a.Jmp(targets[i])
			i++
		}
	case Union:
		if s.Choice != nil {
			return g.choice(id, s.Choice)
		}
		if len(s.Alts) == 0 {
			a.Jmp(g.fail)
			break
		}
		for i := len(s.Alts) - 1; i > 0; i-- {
			n, err := next(s.Alts[i])
			if err != nil {
				return err
			}
			g.push(n, 0, rPos)
		}
		n, err := next(s.Alts[0])
		if err != nil {
			return err
		}
		a.Jmp(n)
	case Capture:
		n, err := next(s.Next)
		if err != nil {
			return err
		}
		if int(s.Slot) < g.d.NumSlots {
			slot := amd64.Mem{Base: rSlots, Disp: int32(8 * s.Slot)}
			a.Mov(amd64.W64, rA, slot)
			g.push(g.restore, s.Slot, rA)
			a.Mov(amd64.W64, slot, rPos)
		}
		a.Jmp(n)
	case LookAround:
		n, err := next(s.Next)
		if err != nil {
			return err
		}
		if err := lookcode.Emit(a, g.regs(), s.Look, g.fail); err != nil {
			return fmt.Errorf("backtrackcode: state %d: %v", id, err)
		}
		a.Jmp(n)
	default:
		return fmt.Errorf("backtrackcode: state %d: kind %d", id, s.Kind)
	}
	return nil
}

// run emits the visited test of a union that heads a loop, fused with
// the loop's run: the bit of each position is set in a register, a word
// at a time, and the union's own code is entered at the first byte not in
// s.Run (or at the end), its bit set; a bit already set fails. It borrows
// rStackEnd for the table's address and rNpos for the byte, and gives
// them back on both ways out. With AVX2, while 32 bytes remain, the run
// first classifies them at once against the ASCII part of s.Run (a
// nibble table: bit h of entry l says byte h<<4|l is in the set) and
// sets the bits of the leading run bytes with two masks (see markRun);
// a byte above 0x7F stops the vector test and the byte loop decides it.
func (g *gen) run(s *State) {
	a := g.a
	table := a.NewLabel("")
	// The table: 1 for a run byte, 2 for a pair byte (tested with the
	// next byte), 0 for the rest.
	b := make([]byte, 256)
	for c := range 256 {
		switch {
		case s.Run[c/64]&(1<<(c%64)) != 0:
			b[c] = 1
		case s.Pair != nil && s.Pair[0][c/64]&(1<<(c%64)) != 0:
			b[c] = 2
		}
	}
	// nibbles appends the ASCII bytes c for which in(c) holds as a
	// nibble table, twice: bit h of entry l says byte h<<4|l is in.
	nibbles := func(in func(c int) bool) {
		var nib [16]byte
		for c := range 128 {
			if in(c) {
				nib[c&15] |= 1 << (c >> 4)
			}
		}
		b = append(b, nib[:]...)
		b = append(b, nib[:]...)
	}
	if g.d.AVX2 {
		nibbles(func(c int) bool { return b[c] == 1 })
		for range 32 {
			b = append(b, 0x0F)
		}
		for range 2 {
			b = append(b, 1, 2, 4, 8, 16, 32, 64, 128, 0, 0, 0, 0, 0, 0, 0, 0)
		}
	}
	var pairs *pairTables
	followOff := int32(len(b)) // the follow bytes' table, 1 for each
	if s.Pair != nil {
		for c := range 256 {
			var f byte
			if s.Pair[1][c/64]&(1<<(c%64)) != 0 {
				f = 1
			}
			b = append(b, f)
		}
		if g.d.AVX2 {
			// The vector test takes ASCII pair bytes too, where the
			// byte after is ASCII and no follow byte.
			pairs = &pairTables{pairs: int32(len(b))}
			nibbles(func(c int) bool { return b[c] == 2 })
			pairs.follow = int32(len(b))
			nibbles(func(c int) bool { return s.Pair[1][c/64]&(1<<(c%64)) != 0 })
			pairs.high = int32(len(b))
			for range 32 {
				b = append(b, 0x80)
			}
		}
	}
	g.data = append(g.data, dataBlock{table, b})
	loop, checked, scalar, stop, hit := a.NewLabel(""), a.NewLabel(""), a.NewLabel(""), a.NewLabel(""), a.NewLabel("")
	rTable, rByte := rStackEnd, rNpos
	// bit = row*npos + pos - origin in rA, its word's index in rB, the
	// word in rT.
	a.Mov(amd64.W32, rA, amd64.Imm(int64(s.Row)))
	a.Imul(amd64.W64, rA, rNpos)
	a.Add(amd64.W64, rA, rPos)
	a.Sub(amd64.W64, rA, rOrigin)
	a.Mov(amd64.W64, spill0, rTable)
	a.Mov(amd64.W64, spill1, rByte)
	a.Lea(amd64.W64, rTable, amd64.Mem{Label: table})
	a.Mov(amd64.W64, rB, rA)
	a.Shr(amd64.W64, rB, amd64.Imm(6))
	a.Mov(amd64.W64, rT, amd64.Mem{Base: rVisited, Index: rB, Scale: 8})
	a.Bind(loop)
	a.Bts(amd64.W64, rT, rA) // bit rA mod 64; CF: it was set
	a.J(amd64.CondB, hit)
	a.Bind(checked) // pos's bit is set; its byte is not tested yet
	if g.d.AVX2 {
		g.vectorRun(table, pairs, checked, scalar, hit)
	}
	a.Bind(scalar)
	a.Cmp(amd64.W64, rPos, rEnd)
	a.J(amd64.CondAE, stop)
	a.Movzx(amd64.W32, rByte, amd64.W8, amd64.Mem{Base: rHay, Index: rPos, Scale: 1})
	if s.Pair == nil {
		a.Cmp(amd64.W8, amd64.Mem{Base: rTable, Index: rByte, Scale: 1}, amd64.Imm(0))
		a.J(amd64.CondE, stop)
	} else {
		take := a.NewLabel("")
		a.Movzx(amd64.W32, rByte, amd64.W8, amd64.Mem{Base: rTable, Index: rByte, Scale: 1})
		a.Cmp(amd64.W32, rByte, amd64.Imm(1))
		a.J(amd64.CondB, stop)
		a.J(amd64.CondE, take)
		// A pair byte: a run byte where the next byte is there and
		// no follow byte.
		a.Lea(amd64.W64, rByte, amd64.Mem{Base: rPos, Disp: 1})
		a.Cmp(amd64.W64, rByte, rEnd)
		a.J(amd64.CondAE, stop)
		a.Movzx(amd64.W32, rByte, amd64.W8, amd64.Mem{Base: rHay, Index: rPos, Scale: 1, Disp: 1})
		a.Cmp(amd64.W8, amd64.Mem{Base: rTable, Index: rByte, Scale: 1, Disp: followOff}, amd64.Imm(0))
		a.J(amd64.CondNE, stop)
		a.Bind(take)
	}
	a.Inc(amd64.W64, rPos)
	a.Inc(amd64.W64, rA)
	a.Test(amd64.W32, rA, amd64.Imm(63))
	a.J(amd64.CondNE, loop)
	a.Mov(amd64.W64, amd64.Mem{Base: rVisited, Index: rB, Scale: 8}, rT)
	a.Inc(amd64.W64, rB)
	a.Mov(amd64.W64, rT, amd64.Mem{Base: rVisited, Index: rB, Scale: 8})
	a.Jmp(loop)
	a.Bind(hit)
	a.Mov(amd64.W64, amd64.Mem{Base: rVisited, Index: rB, Scale: 8}, rT)
	a.Mov(amd64.W64, rTable, spill0)
	a.Mov(amd64.W64, rByte, spill1)
	a.Jmp(g.fail)
	a.Bind(stop)
	a.Mov(amd64.W64, amd64.Mem{Base: rVisited, Index: rB, Scale: 8}, rT)
	a.Mov(amd64.W64, rTable, spill0)
	a.Mov(amd64.W64, rByte, spill1)
}

// Registers a vector run borrows besides rStackEnd and rNpos, saved in
// context fields the backtracker does not otherwise use.
var (
	spill2 = field(entry.OffState)
	spill3 = field(entry.OffCount)
)

// pairTables holds the offsets, in a run's table, of the nibble tables
// of its ASCII pair bytes and follow bytes, and of 32 bytes of 0x80.
type pairTables struct{ pairs, follow, high int32 }

// vectorRun emits the AVX2 part of a run (see run), entered with pos's
// bit set and rTable at the run's table: where 32 bytes remain it counts
// the leading bytes in the run's ASCII set, sets the bits of the
// positions after each (markRun), moves pos past them and goes back to
// checked, or to scalar where the byte after them is outside the set;
// with none it goes to scalar. Where fewer than 32 bytes remain it tests
// the 32 that end at the span's end, when the text has them, and counts
// from pos, then goes to scalar. With pairs,
// ASCII pair bytes count as in the set where the byte after them (33
// bytes must remain) is ASCII and no follow byte: the byte loop would
// take them too, so markRun's argument holds.
func (g *gen) vectorRun(table amd64.Label, pairs *pairTables, checked, scalar, hit amd64.Label) {
	a := g.a
	rTable, rK := rStackEnd, rNpos
	need := int32(32)
	if pairs != nil {
		need = 33
	}
	tail := a.NewLabel("")
	a.Lea(amd64.W64, rK, amd64.Mem{Base: rPos, Disp: need})
	a.Cmp(amd64.W64, rK, rEnd)
	a.J(amd64.CondA, tail)
	g.runBytes(amd64.Mem{Base: rHay, Index: rPos, Scale: 1}, pairs)
	a.Vpmovmskb(rK, amd64.Y0)
	a.Bts(amd64.W64, rK, amd64.Imm(32))
	a.Bsf(amd64.W64, rK, rK) // k: the leading run bytes, 0..32
	a.Test(amd64.W32, rK, rK)
	a.J(amd64.CondE, scalar)
	g.markRun(table, hit)
	a.Add(amd64.W64, rPos, rK)
	a.Add(amd64.W64, rA, rK)
	// Fewer than 32: the byte at pos is outside the run's ASCII set, so
	// the byte loop decides it at once (a short run, such as a word, saw
	// a second vector test that found nothing).
	a.Cmp(amd64.W64, rK, amd64.Imm(32))
	a.J(amd64.CondB, scalar)
	a.Jmp(checked)

	// Fewer bytes remain: the 32 that end at end, where there are 32,
	// tested as above for the run's ASCII set alone, and counted from
	// pos. (Most runs are shorter than 32 bytes: words, fields.)
	a.Bind(tail)
	a.Mov(amd64.W64, rK, rEnd)
	a.Sub(amd64.W64, rK, rPos)
	a.J(amd64.CondE, scalar) // at end: the byte loop stops
	a.Cmp(amd64.W64, rEnd, amd64.Imm(32))
	a.J(amd64.CondB, scalar)
	g.runBytes(amd64.Mem{Base: rHay, Index: rEnd, Scale: 1, Disp: -32}, nil)
	a.Vpmovmskb(rK, amd64.Y0)
	// Bit i is byte end-32+i: drop the bits below s = pos+32-end, the
	// bytes before pos, with low_masks (no variable shift: rPos is
	// RCX), and count from s. rOrigin holds s meanwhile.
	g.usesMasks = true
	a.Mov(amd64.W64, spill2, rOrigin)
	a.Lea(amd64.W64, rOrigin, amd64.Mem{Base: rPos, Disp: 32})
	a.Sub(amd64.W64, rOrigin, rEnd)
	a.Lea(amd64.W64, rTable, amd64.Mem{Label: g.masks})
	a.Mov(amd64.W64, rTable, amd64.Mem{Base: rTable, Index: rOrigin, Scale: 8})
	a.Not(amd64.W64, rTable)
	a.And(amd64.W64, rK, rTable)
	a.Bts(amd64.W64, rK, amd64.Imm(32))
	a.Bsf(amd64.W64, rK, rK)
	a.Sub(amd64.W64, rK, rOrigin) // k: the run bytes from pos, 0..end-pos
	a.Mov(amd64.W64, rOrigin, spill2)
	a.Lea(amd64.W64, rTable, amd64.Mem{Label: table})
	a.Test(amd64.W32, rK, rK)
	a.J(amd64.CondE, scalar)
	g.markRun(table, hit)
	a.Add(amd64.W64, rPos, rK)
	a.Add(amd64.W64, rA, rK)
	// The byte at pos is outside the set, or pos is end: the byte loop
	// decides.
	a.Jmp(scalar)
}

// runBytes emits the 32-byte test of a run (see vectorRun) of the bytes
// at src, with rTable at the run's table: Y0 ends 0xFF at each byte
// outside the run's ASCII set, and, with pairs, not an ASCII pair byte
// whose next byte is ASCII and no follow byte.
func (g *gen) runBytes(src amd64.Mem, pairs *pairTables) {
	a := g.a
	rTable := rStackEnd
	const nibOff, lowOff, bitsOff = 256, 288, 320
	mem := func(off int32) amd64.Mem { return amd64.Mem{Base: rTable, Disp: off} }
	after := src
	after.Disp++
	a.Vmovdqu(amd64.Y0, src)
	a.Vpsrlw(amd64.Y1, amd64.Y0, 4)
	a.Vpand(amd64.Y1, amd64.Y1, mem(lowOff)) // high nibbles
	a.Vpand(amd64.Y0, amd64.Y0, mem(lowOff)) // low nibbles
	a.Vmovdqu(amd64.Y3, mem(bitsOff))
	a.Vpshufb(amd64.Y1, amd64.Y3, amd64.Y1) // 1<<high, 0 above 0x7F
	if pairs != nil {
		a.Vmovdqu(amd64.Y5, mem(pairs.pairs))
		a.Vpshufb(amd64.Y5, amd64.Y5, amd64.Y0)
		a.Vpand(amd64.Y5, amd64.Y5, amd64.Y1) // nonzero: a pair byte
	}
	a.Vmovdqu(amd64.Y2, mem(nibOff))
	a.Vpshufb(amd64.Y0, amd64.Y2, amd64.Y0) // the high nibbles each low one allows
	a.Vpand(amd64.Y0, amd64.Y0, amd64.Y1)
	a.Vpxor(amd64.Y1, amd64.Y1, amd64.Y1)
	a.Vpcmpeqb(amd64.Y0, amd64.Y0, amd64.Y1) // 0xFF: not in the run
	if pairs != nil {
		// The bytes after: Y6 nonzero for a follow byte, Y4 0xFF for
		// an ASCII byte.
		a.Vmovdqu(amd64.Y4, after)
		a.Vpsrlw(amd64.Y6, amd64.Y4, 4)
		a.Vpand(amd64.Y6, amd64.Y6, mem(lowOff))
		a.Vpshufb(amd64.Y6, amd64.Y3, amd64.Y6)
		a.Vpand(amd64.Y2, amd64.Y4, mem(lowOff))
		a.Vmovdqu(amd64.Y7, mem(pairs.follow))
		a.Vpshufb(amd64.Y2, amd64.Y7, amd64.Y2)
		a.Vpand(amd64.Y6, amd64.Y6, amd64.Y2)
		a.Vpcmpeqb(amd64.Y6, amd64.Y6, amd64.Y1) // 0xFF: no ASCII follow byte
		a.Vpand(amd64.Y4, amd64.Y4, mem(pairs.high))
		a.Vpcmpeqb(amd64.Y4, amd64.Y4, amd64.Y1) // 0xFF: ASCII
		a.Vpand(amd64.Y6, amd64.Y6, amd64.Y4)    // 0xFF: neither a follow byte nor above 0x7F
		a.Vpcmpeqb(amd64.Y5, amd64.Y5, amd64.Y1) // 0xFF: not a pair byte
		a.Vpandn(amd64.Y5, amd64.Y5, amd64.Y6)   // 0xFF: a pair byte taken
		a.Vpandn(amd64.Y0, amd64.Y5, amd64.Y0)   // 0xFF: neither in the run nor taken
	}
}

// markRun sets the bits rA+1 to rA+k (k in rNpos, 1..32), with rT
// holding word rB, the word of rA: in the one or two words they fall in,
// leaving rT holding the word of rA+k. Where one of the bits was set
// already it sets them all and fails: the run that set it went on
// through every byte of this one (the bytes are all in the set), so the
// bits after it were set too, and the bitset ends as the byte loop (and
// the Go backtracker) leave it. It borrows rOrigin and rStart, and gives
// them back.
func (g *gen) markRun(table, hit amd64.Label) {
	a := g.a
	g.usesMasks = true
	rTable, rK := rStackEnd, rNpos
	rLo, rHi := rOrigin, rStart
	low := func(r amd64.Reg) amd64.Mem { return amd64.Mem{Base: rTable, Index: r, Scale: 8} }
	cross, marked, done := a.NewLabel(""), a.NewLabel(""), a.NewLabel("")
	failLo, failHi, failed := a.NewLabel(""), a.NewLabel(""), a.NewLabel("")
	a.Mov(amd64.W64, spill2, rLo)
	a.Mov(amd64.W64, spill3, rHi)
	a.Lea(amd64.W64, rLo, amd64.Mem{Base: rA, Disp: 1})
	a.And(amd64.W32, rLo, amd64.Imm(63))
	inWord := a.NewLabel("")
	a.J(amd64.CondNE, inWord)
	// rA is the last bit of its word: the bits to set start the next.
	a.Mov(amd64.W64, amd64.Mem{Base: rVisited, Index: rB, Scale: 8}, rT)
	a.Inc(amd64.W64, rB)
	a.Mov(amd64.W64, rT, amd64.Mem{Base: rVisited, Index: rB, Scale: 8})
	a.Bind(inWord)
	a.Lea(amd64.W64, rHi, amd64.Mem{Base: rLo, Index: rK, Scale: 1})
	a.Lea(amd64.W64, rTable, amd64.Mem{Label: g.masks})
	a.Cmp(amd64.W64, rHi, amd64.Imm(64))
	a.J(amd64.CondA, cross)
	// Bits lo..hi-1 of this word: low(hi) &^ low(lo).
	a.Mov(amd64.W64, rHi, low(rHi))
	a.Mov(amd64.W64, rLo, low(rLo))
	a.Not(amd64.W64, rLo)
	a.And(amd64.W64, rHi, rLo)
	a.Test(amd64.W64, rT, rHi)
	a.J(amd64.CondNE, failHi)
	a.Or(amd64.W64, rT, rHi)
	a.Jmp(marked)
	a.Bind(cross)
	// Bits lo..63 of this word, then 0..hi-65 of the next.
	a.Mov(amd64.W64, rLo, low(rLo))
	a.Not(amd64.W64, rLo)
	a.Test(amd64.W64, rT, rLo)
	a.J(amd64.CondNE, failLo)
	a.Or(amd64.W64, rT, rLo)
	a.Mov(amd64.W64, amd64.Mem{Base: rVisited, Index: rB, Scale: 8}, rT)
	a.Inc(amd64.W64, rB)
	a.Mov(amd64.W64, rT, amd64.Mem{Base: rVisited, Index: rB, Scale: 8})
	a.Sub(amd64.W64, rHi, amd64.Imm(64))
	a.Mov(amd64.W64, rHi, low(rHi))
	a.Test(amd64.W64, rT, rHi)
	a.J(amd64.CondNE, failHi)
	a.Or(amd64.W64, rT, rHi)
	a.Bind(marked)
	a.Lea(amd64.W64, rTable, amd64.Mem{Label: table})
	a.Mov(amd64.W64, rLo, spill2)
	a.Mov(amd64.W64, rHi, spill3)
	a.Jmp(done)
	a.Bind(failLo)
	a.Or(amd64.W64, rT, rLo)
	a.Jmp(failed)
	a.Bind(failHi)
	a.Or(amd64.W64, rT, rHi)
	a.Bind(failed)
	a.Mov(amd64.W64, rLo, spill2)
	a.Mov(amd64.W64, rHi, spill3)
	a.Jmp(hit)
	a.Bind(done)
}

// choice emits a union that follows only the alternatives its choice
// lists for the next byte: a binary search over the byte's ranges leads
// to the list's code, which pushes all but the first and goes to the
// first. A union of two alternatives that must each consume a byte
// tests two bitmaps instead (dispatch).
func (g *gen) choice(id uint32, ch *Choice) error {
	a := g.a
	for _, k := range ch.ByByte {
		if int(k) >= len(ch.Lists) {
			return fmt.Errorf("backtrackcode: state %d: choice list %d of %d", id, k, len(ch.Lists))
		}
	}
	if int(ch.AtEnd) >= len(ch.Lists) {
		return fmt.Errorf("backtrackcode: state %d: choice list %d of %d", id, ch.AtEnd, len(ch.Lists))
	}
	for _, l := range ch.Lists {
		for _, alt := range l {
			if int(alt) >= len(g.labels) {
				return fmt.Errorf("backtrackcode: state %d: successor %d out of range", id, alt)
			}
		}
	}
	if sets, ok := twoWay(g.d.States[id].Alts, ch); ok {
		g.dispatch(g.d.States[id].Alts, sets)
		return nil
	}
	lists := make([]amd64.Label, len(ch.Lists))
	for k := range lists {
		lists[k] = a.NewLabel("")
	}
	a.Cmp(amd64.W64, rPos, rEnd)
	a.J(amd64.CondAE, lists[ch.AtEnd])
	var cases []amd64.ByteCase
	for c, k := range ch.ByByte {
		if c == 0 || k != ch.ByByte[c-1] {
			cases = append(cases, amd64.ByteCase{Lo: c, Target: lists[k]})
		}
	}
	if len(cases) > 1 {
		a.Movzx(amd64.W32, rA, amd64.W8, amd64.Mem{Base: rHay, Index: rPos, Scale: 1})
	}
	a.ByteSwitch(rA, cases)
	for k, l := range ch.Lists {
		a.Bind(lists[k])
		if len(l) == 0 {
			a.Jmp(g.fail)
			continue
		}
		for i := len(l) - 1; i > 0; i-- {
			g.push(g.labels[l[i]], 0, rPos)
		}
		a.Jmp(g.labels[l[0]])
	}
	return nil
}

// twoWay returns, for a choice between two distinct alternatives that
// each must consume a byte (none goes on at the end), the bytes each
// follows from, and false for any other choice.
func twoWay(alts []uint32, ch *Choice) (sets [2][4]uint64, ok bool) {
	if len(alts) != 2 || alts[0] == alts[1] || len(ch.Lists[ch.AtEnd]) != 0 {
		return sets, false
	}
	for c, k := range ch.ByByte {
		for i, alt := range ch.Lists[k] {
			switch {
			case alt == alts[0] && i == 0:
				sets[0][c/64] |= 1 << (c % 64)
			case alt == alts[1]:
				sets[1][c/64] |= 1 << (c % 64)
			default:
				return sets, false
			}
		}
	}
	return sets, true
}

// dispatch emits a union of two alternatives that each consume a byte
// first, where sets holds the bytes each is followed from: the second is
// pushed only when both are.
func (g *gen) dispatch(alts []uint32, sets [2][4]uint64) {
	a := g.a
	next := [2]amd64.Label{g.labels[alts[0]], g.labels[alts[1]]}
	var tables [2]amd64.Label
	for i := range tables {
		tables[i] = a.NewLabel("")
		var b [32]byte
		for w, bits := range sets[i] {
			for k := range 8 {
				b[8*w+k] = byte(bits >> (8 * k))
			}
		}
		g.data = append(g.data, dataBlock{tables[i], b[:]})
	}
	onlySecond, noPush := a.NewLabel(""), a.NewLabel("")
	// in tests the byte (rA; its word of the table in rB) against
	// table i: CF set when the alternative can start with it. A
	// register bt, since bt with a memory operand is microcoded.
	in := func(i int) {
		a.Lea(amd64.W64, rT, amd64.Mem{Label: tables[i]})
		a.Mov(amd64.W64, rT, amd64.Mem{Base: rT, Index: rB, Scale: 8})
		a.Bt(amd64.W64, rT, rA)
	}
	a.Cmp(amd64.W64, rPos, rEnd)
	a.J(amd64.CondAE, g.fail)
	a.Movzx(amd64.W32, rA, amd64.W8, amd64.Mem{Base: rHay, Index: rPos, Scale: 1})
	a.Mov(amd64.W32, rB, rA)
	a.Shr(amd64.W32, rB, amd64.Imm(6))
	in(0)
	a.J(amd64.CondAE, onlySecond) // CF clear
	in(1)
	a.J(amd64.CondAE, noPush)
	g.push(next[1], 0, rPos)
	a.Bind(noPush)
	a.Jmp(next[0])
	a.Bind(onlySecond)
	in(1)
	a.J(amd64.CondAE, g.fail)
	a.Jmp(next[1])
}

// ret returns from the code, clearing the upper halves of the vector
// registers first where runs may have used them.
func (g *gen) ret() {
	if g.d.AVX2 {
		g.a.Vzeroupper()
	}
	g.a.Ret()
}

// dataBlock is a table placed after the code.
type dataBlock struct {
	l amd64.Label
	b []byte
}

// regs is the register assignment of the assertion tests.
func (g *gen) regs() lookcode.Regs {
	return lookcode.Regs{Hay: rHay, Pos: rPos, Len: field(entry.OffLen), T1: rA, T2: rB, T3: rT, Words: g.words}
}

// epilogue emits the shared paths: popping a frame, restoring a slot,
// moving to the next start, and the exits; then the word-byte table.
func (g *gen) epilogue() {
	a := g.a
	a.Bind(g.fail)
	a.Cmp(amd64.W64, rSP, stackBase)
	a.J(amd64.CondBE, g.nextStart)
	a.Sub(amd64.W64, rSP, amd64.Imm(FrameBytes))
	a.Mov(amd64.W32, rA, amd64.Mem{Base: rSP}) // zero-extends
	a.Mov(amd64.W64, rPos, amd64.Mem{Base: rSP, Disp: 8})
	a.Lea(amd64.W64, rB, amd64.Mem{Label: g.base})
	a.Add(amd64.W64, rA, rB)
	a.JmpIndirect(rA)

	// restore: rPos holds the saved value of the frame's slot.
	a.Bind(g.restore)
	a.Mov(amd64.W32, rA, amd64.Mem{Base: rSP, Disp: 4})
	a.Mov(amd64.W64, amd64.Mem{Base: rSlots, Index: rA, Scale: 8}, rPos)
	a.Jmp(g.fail)

	// Every path from rStart failed, and every slot is restored.
	a.Bind(g.nextStart)
	if g.d.AnchoredBegin {
		a.Jmp(g.noMatch)
	} else {
		a.Cmp(amd64.W64, rStart, rEnd)
		a.J(amd64.CondAE, g.noMatch)
		one := a.NewLabel("")
		lookcode.Decode(a, g.regs(), rStart, one)
		a.Add(amd64.W64, rStart, rB)
		moved := a.NewLabel("")
		a.Jmp(moved)
		a.Bind(one)
		a.Inc(amd64.W64, rStart)
		a.Bind(moved)
		a.Cmp(amd64.W64, rStart, rEnd)
		a.J(amd64.CondA, g.noMatch)
		a.Mov(amd64.W64, rPos, rStart)
		a.Jmp(g.labels[g.d.Start])
	}

	a.Bind(g.noMatch)
	a.Mov(amd64.W64, field(entry.OffMatch), amd64.Imm(-1))
	a.Xor(amd64.W32, amd64.RAX, amd64.RAX) // Done
	g.ret()
	a.Bind(g.overflow)
	a.Mov(amd64.W32, amd64.RAX, amd64.Imm(int64(entry.NeedState)))
	g.ret()
	a.Bind(g.bad)
	a.Mov(amd64.W32, amd64.RAX, amd64.Imm(int64(BadScratch)))
	g.ret()

	lookcode.WordTable(a, g.words)
	if g.usesMasks {
		var b []byte
		for x := range 65 {
			b = binary.LittleEndian.AppendUint64(b, uint64(1)<<x-1) // 1<<64 is 0 in Go: all ones
		}
		g.data = append(g.data, dataBlock{g.masks, b})
	}
	for _, d := range g.data {
		a.Bind(d.l)
		a.Data(d.b)
	}
}
