package jit

import (
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"unsafe"

	"github.com/rxjit/rxjit/codegen/bitcode"
	"github.com/rxjit/rxjit/codegen/entry"
	"github.com/rxjit/rxjit/codegen/lookcode"
	"github.com/rxjit/rxjit/jitmem"
	"github.com/rxjit/rxjit/regex/internal/bitnfa"
)

// BitNFA is the liveness pass of a position automaton of at most 64
// positions run as generated code (codegen/bitcode): the code shared by
// every automaton of its shape, and the automaton's tables, which Fill
// lays out in front of the liveness array.
type BitNFA struct {
	code   *jitmem.Code
	tables []uint64
	id     uint64
}

// bitIDs numbers BitNFAs, so that a buffer can tell whose tables it holds.
var bitIDs atomic.Uint64

// bitCode holds the generated passes by shape: a few functions serve
// every pattern, so compiling many patterns maps no executable memory.
var bitCode struct {
	sync.Mutex
	m map[string]*jitmem.Code
}

// maxBitTables bounds the tables a pass copies in front of the array
// (128 KiB: four contexts with six exception tables each); larger
// automata run the Go loop, with ErrBitTables.
const maxBitTables = 16384

// ErrBitTables is CompileBitNFA's error for automata whose tables
// exceed maxBitTables words.
var ErrBitTables = errors.New("jit: liveness tables too large")

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

// CompileBitNFA returns the liveness pass of a: its tables, and the code
// of its shape, generated and placed on first use. It fails where
// executable memory is unavailable and for automata of more than 64
// positions or tables over maxBitTables words, whose Go loop answers.
func CompileBitNFA(a *bitnfa.Automaton) (*BitNFA, error) {
	if err := jitmem.Available(); err != nil {
		return nil, err
	}
	d, ok := BitNFADesc(a)
	if !ok {
		return nil, errors.New("jit: more than 64 positions")
	}
	tables := bitcode.Layout(d)
	if len(tables) > maxBitTables {
		return nil, ErrBitTables
	}
	bitCode.Lock()
	defer bitCode.Unlock()
	shape := bitcode.Shape(d)
	code := bitCode.m[shape]
	if code == nil {
		text, labels, err := bitcode.Generate(d)
		if err != nil {
			return nil, err
		}
		if code, err = jitmem.Alloc(text); err != nil {
			return nil, err
		}
		code.Describe("bitnfa-fill", labels)
		if bitCode.m == nil {
			bitCode.m = make(map[string]*jitmem.Code)
		}
		bitCode.m[shape] = code
	}
	return &BitNFA{code: code, tables: tables, id: bitIDs.Add(1)}, nil
}

// Prefix is the number of words Fill needs in front of the liveness
// array: the tables.
func (b *BitNFA) Prefix() int { return len(b.tables) }

// ID identifies b's tables, which are never 0.
func (b *BitNFA) ID() uint64 { return b.id }

// Fill is bitnfa.(*Automaton).Fill1 run by the generated code: the same
// sets and marks, from the same tables, in slices of about
// entry.SliceBytes so that the goroutine can be preempted between them.
// buf holds Prefix words for the tables (laid out unless ready), then the
// liveness array of hi-from+1 words (the last already set), then the
// bitmap.
func (b *BitNFA) Fill(input []byte, from, hi int, buf []uint64, ready bool) {
	if !ready {
		copy(buf, b.tables)
	}
	live := buf[len(b.tables):]
	scratch := unsafe.Slice((*byte)(unsafe.Pointer(unsafe.SliceData(buf))), 8*len(buf))
	ctx := entry.Context{Pos: uint64(hi), State: live[hi-from]}
	ctx.Arg[0] = uint64(from)
	ctx.Arg[2] = uint64(8 * (len(b.tables) + hi - from + 1))
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
