package jit

import (
	"fmt"
	"sync"
	"unsafe"

	"github.com/rxjit/rxjit/codegen/backtrackcode"
	"github.com/rxjit/rxjit/codegen/entry"
	"github.com/rxjit/rxjit/codegen/lookcode"
	"github.com/rxjit/rxjit/jitmem"
	"github.com/rxjit/rxjit/regex/internal/backtrack"
	"github.com/rxjit/rxjit/regex/internal/nfa"
	"golang.org/x/sys/cpu"
)

// Backtrack is a bounded backtracker compiled to machine code
// (codegen/backtrackcode), a block per NFA state: the answers of
// backtrack.(*Backtracker).SearchSpan, from the same NFA and the same
// choice of visited rows.
type Backtrack struct {
	b    *backtrack.Backtracker
	code *jitmem.Code
}

// BacktrackDesc returns the description codegen compiles for b.
func BacktrackDesc(b *backtrack.Backtracker) backtrackcode.Desc {
	n := b.NFA()
	d := backtrackcode.Desc{
		States:        make([]backtrackcode.State, len(n.States)),
		Start:         uint32(n.StartAnchored),
		NumSlots:      n.NumSlots,
		Rows:          b.Rows(),
		AnchoredBegin: n.AnchoredBegin,
		AVX2:          cpu.X86.HasAVX2,
	}
	for i := range n.States {
		s := &n.States[i]
		out := backtrackcode.State{
			Kind: backtrackcode.Kind(s.Kind), Lo: s.Lo, Hi: s.Hi, Look: lookcode.Look(s.Look),
			Row: b.Row(nfa.StateID(i)), Next: uint32(s.Next), Slot: s.Slot,
		}
		switch s.Kind {
		case nfa.KindSparse:
			for _, t := range n.Trans(s) {
				out.Trans = append(out.Trans, backtrackcode.Trans{Lo: t.Lo, Hi: t.Hi, Next: uint32(t.Next)})
			}
		case nfa.KindUnion:
			for _, a := range n.Alts(s) {
				out.Alts = append(out.Alts, uint32(a))
			}
			if byByte, atEnd, lists, ok := b.Choice(nfa.StateID(i)); ok {
				ch := &backtrackcode.Choice{ByByte: *byByte, AtEnd: atEnd, Lists: make([][]uint32, len(lists))}
				for k, l := range lists {
					for _, a := range l {
						ch.Lists[k] = append(ch.Lists[k], uint32(a))
					}
				}
				out.Choice = ch
			}
			if set, ok := b.Run(nfa.StateID(i)); ok {
				out.Run = &set
			}
			if pairs, follow, ok := b.PairRun(nfa.StateID(i)); ok {
				out.Pair = &[2][4]uint64{pairs, follow}
			}
		}
		d.States[i] = out
	}
	return d
}

// CompileBacktrack generates and places the code of b. It fails where
// executable memory is unavailable and for NFAs too large to compile
// (backtrackcode.MaxStates); b answers those searches.
func CompileBacktrack(b *backtrack.Backtracker) (*Backtrack, error) {
	return compileBacktrack(b, BacktrackDesc(b))
}

// compileBacktrack is CompileBacktrack from the description d of b (tests
// vary its CPU level).
func compileBacktrack(b *backtrack.Backtracker, d backtrackcode.Desc) (*Backtrack, error) {
	if err := jitmem.Available(); err != nil {
		return nil, err
	}
	code, labels, err := backtrackcode.Generate(d)
	if err != nil {
		return nil, err
	}
	c, err := jitmem.Alloc(code)
	if err != nil {
		return nil, err
	}
	c.Describe("backtrack", labels)
	return &Backtrack{b: b, code: c}, nil
}

// btScratch holds scratch blocks (*btBlock) for the compiled
// backtrackers; any block serves any of them.
var btScratch sync.Pool

// btBlock is the scratch block of one search, and the stack size it
// offers, which grows when a search overflows it.
type btBlock struct {
	words       []uint64
	stackFrames int
}

const (
	minStackFrames = 1 << 10
	maxStackFrames = 1 << 16 // 1 MiB
	spanFrames     = 4       // frames per byte of span a search starts with room for
)

// SearchSpan is backtrack.(*Backtracker).SearchSpan run by the generated
// code. ok is false when the search needed a deeper stack than the code
// had: the caller must answer it another way (the Go backtracker);
// later searches get a deeper stack, up to 1 MiB.
func (p *Backtrack) SearchSpan(input []byte, start, end int, slots []int) (matched, ok bool) {
	blk, _ := btScratch.Get().(*btBlock)
	if blk == nil {
		blk = &btBlock{stackFrames: minStackFrames}
	}
	defer btScratch.Put(blk)
	matched, ok, _ = p.searchSpan(blk, input, start, end, slots)
	return matched, ok
}

// searchSpan is SearchSpan with the scratch block blk; it also returns
// the visited bitset the search left (for tests that compare it with the
// Go backtracker's).
func (p *Backtrack) searchSpan(blk *btBlock, input []byte, start, end int, slots []int) (matched, ok bool, visited []uint64) {
	b := p.b
	span := end - start
	if span > b.MaxInput() {
		panic("jit: backtrack span longer than MaxInput")
	}
	if span < 0 || b.NFA().AnchoredBegin && start > 0 {
		return false, true, nil
	}
	ns := b.NFA().NumSlots
	nv := (b.Rows()*(span+1) + 63) / 64
	// A path holds a few frames per byte it has consumed: start with
	// room for that, rather than overflow and grow search by search (a
	// pooled block that a collection drops starts small again).
	blk.stackFrames = max(blk.stackFrames, min(spanFrames*(span+1), maxStackFrames))
	stack := blk.stackFrames * backtrackcode.FrameBytes / 8
	if need := ns + nv + stack; cap(blk.words) < need {
		blk.words = make([]uint64, need)
	}
	matched, ok = p.run(input, start, end, blk.words[:ns+nv+stack], ns, nv, slots)
	if !ok {
		blk.stackFrames = min(4*blk.stackFrames, maxStackFrames)
	}
	return matched, ok, blk.words[ns : ns+nv]
}

// run lays out w (the slots, the visited bitset, the stack in the rest),
// runs the code over input[start:end] and fills slots from w when there
// is a match. ok is false when the stack overflowed.
func (p *Backtrack) run(input []byte, start, end int, w []uint64, ns, visited int, slots []int) (matched, ok bool) {
	fillOnes(w[:ns])
	clear(w[ns : ns+visited])
	ctx := entry.Context{Pos: uint64(start), Limit: uint64(end), Match: -1}
	ctx.Arg = [4]uint64{uint64(8 * ns), uint64(8 * (ns + visited)), uint64(8 * len(w)), uint64(start)}
	scratch := unsafe.Slice((*byte)(unsafe.Pointer(unsafe.SliceData(w))), 8*len(w))
	exit, err := entry.Call(p.code, &ctx, input, scratch)
	if err != nil {
		// Only a bug can bring us here: the block is laid out as the
		// code checks it.
		panic(fmt.Sprintf("jit: backtrack code: %v", err))
	}
	switch {
	case exit == entry.NeedState:
		return false, false
	case ctx.Match < 0:
		return false, true
	}
	// int and uint64 have one layout on amd64, the only place the code
	// runs: the slots move as one block (a loop of 176 slots a match,
	// rebar's 05-lexer-veryl, was a third of its time).
	k := copy(slots, unsafe.Slice((*int)(unsafe.Pointer(unsafe.SliceData(w))), ns))
	fillOnes(slots[k:])
	if len(slots) > 0 {
		slots[0] = int(ctx.Aux[0])
	}
	if len(slots) > 1 {
		slots[1] = int(ctx.Match)
	}
	return true, true
}

// fillOnes sets every element of s to all ones (-1), by doubling copies
// rather than element by element.
func fillOnes[T ~int | ~uint64](s []T) {
	if len(s) == 0 {
		return
	}
	s[0] = ^T(0)
	for n := 1; n < len(s); n *= 2 {
		copy(s[n:], s[:n])
	}
}
