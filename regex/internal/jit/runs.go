package jit

import (
	"fmt"
	"sync"
	"unsafe"

	"github.com/rxjit/rxjit/codegen/entry"
	"github.com/rxjit/rxjit/codegen/runscan"
	"github.com/rxjit/rxjit/jitmem"
	"github.com/rxjit/rxjit/regex/internal/classrun"
	"golang.org/x/sys/cpu"
)

// RunScan is the run scan of one-class patterns as generated code
// (codegen/runscan): a classrun.Scanner. One function serves every
// pattern; it reads the class's tables from the buffer.
type RunScan struct {
	code *jitmem.Code
}

var runScan struct {
	once sync.Once
	r    *RunScan
}

// The layouts of the two packages agree.
var (
	_ = [1]struct{}{}[classrun.Block-runscan.Block]
	_ = [1]struct{}{}[classrun.BlockPairs-runscan.BlockPairs]
	_ = [1]struct{}{}[8*classrun.TableWords-runscan.TableBytes]
)

// RunScanDesc returns the description of the run scan for this CPU, and
// false where it has neither AVX2 nor SSSE3 (classrun.GoScan serves).
func RunScanDesc() (runscan.Desc, bool) {
	return runscan.Desc{AVX2: cpu.X86.HasAVX2}, cpu.X86.HasAVX2 || cpu.X86.HasSSSE3
}

// RunScanCode returns the run scan, generated and placed on first use,
// or nil where executable memory is unavailable or the CPU lacks both
// AVX2 and SSSE3 (classrun.GoScan then serves).
func RunScanCode() *RunScan {
	runScan.once.Do(func() {
		d, ok := RunScanDesc()
		if !ok || jitmem.Available() != nil {
			return
		}
		runScan.r, _ = newRunScan(d)
	})
	return runScan.r
}

// newRunScan generates and places the scan d describes.
func newRunScan(d runscan.Desc) (*RunScan, error) {
	text, labels, err := runscan.Generate(d)
	if err != nil {
		panic(fmt.Sprintf("jit: run scan: %v", err)) // a bug in the generator
	}
	code, err := jitmem.Alloc(text)
	if err != nil {
		return nil, err
	}
	code.Describe("runscan", labels)
	return &RunScan{code: code}, nil
}

// Scan implements classrun.Scanner: one call of the generated code,
// over a slice of entry.SliceBytes at most.
func (r *RunScan) Scan(s *classrun.Spec, input []byte, st classrun.State, limit int, buf []uint64) (classrun.State, int) {
	if st.Pos+classrun.Block > limit {
		return st, 0 // no whole block: nothing to enter the code for
	}
	copy(buf, s.Tables[:])
	ctx := entry.Context{Pos: uint64(st.Pos), Limit: uint64(min(limit, st.Pos+entry.SliceBytes)), State: uint64(st.Run)}
	ctx.Arg[0], ctx.Arg[1] = uint64(s.Min), s.Shifts
	mem := unsafe.Slice((*byte)(unsafe.Pointer(unsafe.SliceData(buf))), 8*len(buf))
	if exit, err := entry.Call(r.code, &ctx, input, mem); err != nil || exit != entry.Yield {
		// Only a bug can bring us here: the buffer is classrun's,
		// and the code checks it.
		panic(fmt.Sprintf("jit: run scan: exit %v, %v", exit, err))
	}
	return classrun.State{Pos: int(ctx.Pos), Run: int(ctx.State)}, int(ctx.Count)
}
