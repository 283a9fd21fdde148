package jit

import (
	"fmt"

	"github.com/rxjit/rxjit/codegen/entry"
	"github.com/rxjit/rxjit/codegen/onepasscode"
	"github.com/rxjit/rxjit/jitmem"
	"github.com/rxjit/rxjit/regex/internal/onepass"
	"golang.org/x/sys/cpu"
)

// OnePass is a one-pass DFA compiled to machine code (codegen/onepasscode):
// unlike the table loops, its code is generated for one pattern, a block
// per state.
type OnePass struct {
	d       *onepass.DFA
	code    *jitmem.Code
	entries []uint32
}

// OnePassDesc returns the description codegen compiles for d.
func OnePassDesc(d *onepass.DFA) onepasscode.Desc {
	return onepasscode.Desc{
		Classes:   &d.Classes,
		Rows:      d.Rows,
		Stride:    d.Stride,
		MaxSlots:  onepass.MaxSlots,
		NumSlots:  d.NumSlots(),
		NextMask:  onepass.NextMask,
		FlagQuit:  onepass.FlagQuit,
		FlagWins:  onepass.FlagWins,
		MatchBit:  onepass.MatchBit,
		LookShift: onepass.LookShift,
		SlotShift: onepass.SlotShift,
		AVX:       cpu.X86.HasAVX2,
	}
}

// CompileOnePass generates and places the code of d. It fails where
// executable memory is unavailable and for automata too large to compile
// (onepasscode.MaxRanges); d's Go loop answers those searches.
func CompileOnePass(d *onepass.DFA) (*OnePass, error) {
	if err := jitmem.Available(); err != nil {
		return nil, err
	}
	r, err := onepasscode.Generate(OnePassDesc(d))
	if err != nil {
		return nil, err
	}
	code, err := jitmem.Alloc(r.Code)
	if err != nil {
		return nil, err
	}
	code.Describe("onepass", r.Labels)
	return &OnePass{d: d, code: code, entries: r.Entries}, nil
}

// onePassSlice is how many bytes a call of the code covers at most
// (entry.SliceBytes); tests make it small, to hold resumption to the
// same answers.
var onePassSlice = entry.SliceBytes

// Search is onepass.(*DFA).Search run by the generated code: the same
// answers, from the same table. Steps the code leaves to Go (transitions
// that may meet invalid UTF-8, matches whose assertions decide whether
// the transitions they win over stop the search) are taken by the Go
// loop, one byte each, and the code goes on after them.
func (p *OnePass) Search(input []byte, start int, slots []int) (matched, ok bool) {
	d := p.d
	var e onepass.Exec
	if !d.Begin(&e, start, len(slots)) {
		return false, true
	}
	ctx := entry.Context{}
	scratch := e.Scratch()
	for {
		ctx.Pos = uint64(e.At)
		ctx.Limit = uint64(min(len(input), e.At+onePassSlice))
		ctx.Match = int64(e.Match)
		ctx.Arg[0] = uint64(p.entries[int(e.State)/d.Stride])
		exit, err := entry.Call(p.code, &ctx, input, scratch)
		if err != nil {
			// Only a bug can bring us here: the code and the Exec are
			// built to agree.
			panic(fmt.Sprintf("jit: one-pass code: %v", err))
		}
		e.Match = int(ctx.Match)
		if exit == entry.Done {
			break
		}
		e.At, e.State = int(ctx.Pos), uint32(ctx.State)
		if exit == entry.NeedState {
			done, ok := d.Step(&e, input, e.At+1)
			if !ok {
				return false, false
			}
			if done {
				break
			}
		}
	}
	return e.Finish(slots), true
}
