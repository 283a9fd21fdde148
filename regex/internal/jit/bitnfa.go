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
// sets, from the same tables, in slices of entry.SliceBytes so that the
// goroutine can be preempted between them.
func (b *BitNFA) Fill(input []byte, from, hi int, live []uint64) {
	scratch := unsafe.Slice((*byte)(unsafe.Pointer(unsafe.SliceData(live))), 8*len(live))
	ctx := entry.Context{Pos: uint64(hi), State: live[hi-from]}
	ctx.Arg[0] = uint64(from)
	for int(ctx.Pos) > from {
		ctx.Arg[1] = uint64(max(from, int(ctx.Pos)-entry.SliceBytes))
		ctx.Limit = ctx.Pos
		if _, err := entry.Call(b.code, &ctx, input, scratch); err != nil {
			// Only a bug can bring us here: Fill's arguments are
			// checked by its callers and by the code.
			panic(fmt.Sprintf("jit: liveness code: %v", err))
		}
	}
}
