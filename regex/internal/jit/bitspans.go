package jit

import (
	"fmt"
	"sync"
	"unsafe"

	"github.com/rxjit/rxjit/codegen/bitcode"
	"github.com/rxjit/rxjit/codegen/entry"
	"github.com/rxjit/rxjit/jitmem"
	"github.com/rxjit/rxjit/regex/internal/bitnfa"
)

// BitSpans is the span loop of one-word position automata run as
// generated code (codegen/bitcode's GenerateSpans): one function for every
// automaton, which reads the automaton's walk table from the scratch
// block. It implements bitnfa.Spanner.
type BitSpans struct {
	// code holds the loop for automata without U+FFFD's guard, and
	// with it.
	code [2]*jitmem.Code
}

var bitSpans struct {
	once sync.Once
	b    *BitSpans
}

// BitSpansDesc returns the layout the span loop reads, as package bitnfa
// defines it.
func BitSpansDesc() bitcode.SpansDesc {
	return bitcode.SpansDesc{
		StartBefore: bitnfa.WalkStartBefore,
		Flags:       bitnfa.WalkFlags,
		Before:      bitnfa.WalkBefore,
		Match:       bitnfa.WalkMatch,
		Guard:       bitnfa.WalkGuard,
		StartMatch:  bitnfa.WalkStartMatch,
		Words:       bitnfa.WalkWords,
		Cap:         bitnfa.SpanCap,
		WalkMax:     bitnfa.SpanWalkMax,
	}
}

// BitSpansCode returns the span loop, generated and placed on first use,
// or nil where executable memory is unavailable.
func BitSpansCode() *BitSpans {
	bitSpans.once.Do(func() {
		if jitmem.Available() != nil {
			return
		}
		var b BitSpans
		for k := range b.code {
			text, labels, err := bitcode.GenerateSpans(BitSpansDesc(), k == 1)
			if err != nil {
				panic(fmt.Sprintf("jit: span loop: %v", err)) // a bug in the generator
			}
			if b.code[k], err = jitmem.Alloc(text); err != nil {
				return
			}
			b.code[k].Describe("bitnfa-spans", labels)
		}
		bitSpans.b = &b
	})
	return bitSpans.b
}

// Spans runs a span search (bitnfa.Scanner.Spans) in the generated loop.
func (b *BitSpans) Spans(input []byte, scratch []uint64, args bitnfa.SpanArgs) (int, int, bitnfa.SpanStop) {
	ctx := entry.Context{Pos: uint64(args.Pos), Limit: uint64(len(input))}
	ctx.Arg = [4]uint64{uint64(args.From), uint64(args.StartsOff), uint64(args.WalkOff), uint64(args.SpansOff)}
	ctx.Aux[0], ctx.Aux[1] = uint64(args.N), uint64(args.Limit)
	mem := unsafe.Slice((*byte)(unsafe.Pointer(unsafe.SliceData(scratch))), 8*len(scratch))
	code := b.code[0]
	if args.Guard {
		code = b.code[1]
	}
	if _, err := entry.Call(code, &ctx, input, mem); err != nil {
		// Only a bug can bring us here: the arguments are the
		// Scanner's own, and the code checks them.
		panic(fmt.Sprintf("jit: span loop: %v", err))
	}
	return int(ctx.Count), int(ctx.Pos), bitnfa.SpanStop(ctx.Aux[0])
}
