package jit

import (
	"errors"
	"fmt"
	"unsafe"

	"github.com/rxjit/rxjit/codegen/bitcode"
	"github.com/rxjit/rxjit/codegen/entry"
	"github.com/rxjit/rxjit/codegen/lookcode"
	"github.com/rxjit/rxjit/jitmem"
	"github.com/rxjit/rxjit/regex/internal/bitnfa"
)

// BitNFA is the liveness pass of a position automaton of at most 64
// positions compiled to machine code (codegen/bitcode).
type BitNFA struct {
	code *jitmem.Code
}

// BitNFADesc returns the description codegen compiles for a, and false
// when a has more than 64 positions.
func BitNFADesc(a *bitnfa.Automaton) (bitcode.Desc, bool) {
	steps, chunks := a.Step1()
	if steps == nil {
		return bitcode.Desc{}, false
	}
	d := bitcode.Desc{
		Accept:   (*[256]uint64)(a.Accept1()),
		Looks:    lookcode.Look(a.Looks()),
		Contexts: make([]bitcode.Context, len(steps)),
		Chunks:   chunks,
	}
	d.StartSet, d.StartHigh = a.Start1()
	for k, st := range steps {
		d.Contexts[k] = bitcode.Context{Shifted: st.Shifted, Matched: st.Matched, Tables: st.Tables}
	}
	return d, true
}

// CompileBitNFA generates and places the liveness pass of a. It fails
// where executable memory is unavailable and for automata of more than
// 64 positions, whose Go loop answers.
func CompileBitNFA(a *bitnfa.Automaton) (*BitNFA, error) {
	if err := jitmem.Available(); err != nil {
		return nil, err
	}
	d, ok := BitNFADesc(a)
	if !ok {
		return nil, errors.New("jit: more than 64 positions")
	}
	code, _, err := bitcode.Generate(d)
	if err != nil {
		return nil, err
	}
	mem, err := jitmem.Alloc(code)
	if err != nil {
		return nil, err
	}
	return &BitNFA{code: mem}, nil
}

// Fill is bitnfa.(*Automaton).Fill1 run by the generated code: the same
// sets and marks, from the same tables, in slices of about
// entry.SliceBytes so that the goroutine can be preempted between them.
// starts must follow live in memory.
func (b *BitNFA) Fill(input []byte, from, hi int, live, starts []uint64) {
	if len(starts) > 0 && unsafe.SliceData(starts) != (*uint64)(unsafe.Add(unsafe.Pointer(unsafe.SliceData(live)), 8*len(live))) {
		panic("jit: the liveness bitmap does not follow the array")
	}
	scratch := unsafe.Slice((*byte)(unsafe.Pointer(unsafe.SliceData(live))), 8*(len(live)+len(starts)))
	ctx := entry.Context{Pos: uint64(hi), State: live[hi-from]}
	ctx.Arg[0] = uint64(from)
	ctx.Arg[2] = uint64(8 * len(live))
	for int(ctx.Pos) > from {
		// Each slice but the last stops where a bitmap word begins.
		stop := int(ctx.Pos) - entry.SliceBytes
		if stop <= from {
			stop = from
		} else {
			stop = from + (stop-from)/64*64
		}
		ctx.Arg[1] = uint64(stop)
		ctx.Limit = ctx.Pos
		if _, err := entry.Call(b.code, &ctx, input, scratch); err != nil {
			// Only a bug can bring us here: Fill's arguments are
			// checked by its callers and by the code.
			panic(fmt.Sprintf("jit: liveness code: %v", err))
		}
	}
}
