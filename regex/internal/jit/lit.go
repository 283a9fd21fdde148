package jit

import (
	"fmt"
	"sync"
	"sync/atomic"

	"github.com/rxjit/rxjit/codegen/entry"
	"github.com/rxjit/rxjit/codegen/litscan"
	"github.com/rxjit/rxjit/jitmem"
	"github.com/rxjit/rxjit/regex/internal/prefilter"
	"golang.org/x/sys/cpu"
)

// Scanner is the literal prefilters' candidate scan as generated code: a
// prefilter.Scanner. Its zero value is ready: the first Scan starts
// generating the loops in the background (nine of them, about 0.15 ms),
// and until they are sealed, or where they cannot be made (no executable
// memory), every Scan runs prefilter.GoScan, which answers the same.
//
// The loops take 32-byte AVX2 vectors where the CPU has AVX2, else
// 16-byte vectors in x86-64's baseline SSE2; only the nibble probes'
// table lookups need SSSE3 (pshufb, which SSE2 has nothing like), and on a
// CPU without it those scans run prefilter.GoScan.
type Scanner struct{}

var (
	scanStart sync.Once
	scanDone  = make(chan struct{}) // closed when scanLoops or scanErr is set
	scanReady atomic.Bool
	scanLoops [3][litscan.MaxProbes + 1]*jitmem.Code // [kind][probes]
	scanErr   error
)

func startScanLoops() { go func() { loadScanLoops(); close(scanDone) }() }

// waitScanLoops waits for the loops and returns why there are none, if
// there are none.
func waitScanLoops() error {
	scanStart.Do(startScanLoops)
	<-scanDone
	return scanErr
}

// ScanDesc returns the description of the loop for a kind and number of
// probes on this CPU.
func ScanDesc(kind prefilter.ProbeKind, probes int) litscan.Desc {
	return scanDesc(kind, probes, cpu.X86.HasAVX2)
}

// scanDesc returns the description of the loop for a kind and number of
// probes, in 32-byte AVX2 vectors or 16-byte SSE ones.
func scanDesc(kind prefilter.ProbeKind, probes int, avx2 bool) litscan.Desc {
	d := litscan.Desc{Kind: litscan.Kind(kind), Probes: probes, AVX2: avx2}
	// 64 positions per step for Eq and Exact; Nibble probes test one
	// vector per step.
	d.Unroll = 64 / d.Width()
	if kind == prefilter.Nibble {
		d.Unroll = 1
	}
	return d
}

func loadScanLoops() {
	if scanErr = jitmem.Available(); scanErr != nil {
		return
	}
	var arena jitmem.Arena
	for k := range scanLoops {
		if prefilter.ProbeKind(k) == prefilter.Nibble && !cpu.X86.HasAVX2 && !cpu.X86.HasSSSE3 {
			continue // no pshufb: GoScan serves
		}
		for p := 1; p <= litscan.MaxProbes; p++ {
			code, labels, err := litscan.Generate(ScanDesc(prefilter.ProbeKind(k), p))
			if err != nil {
				scanErr = err
				return
			}
			if scanLoops[k][p], scanErr = arena.Add(code); scanErr != nil {
				return
			}
			scanLoops[k][p].Describe(fmt.Sprintf("litscan-%d-%d", k, p), labels)
		}
	}
	scanReady.Store(true)
}

// Scan implements prefilter.Scanner.
func (Scanner) Scan(s *prefilter.Spec, hay []byte, at int) int {
	if !scanReady.Load() {
		scanStart.Do(startScanLoops)
		return prefilter.GoScan{}.Scan(s, hay, at)
	}
	if len(hay)-at < prefilter.ShortScan+s.Window {
		// Too short for a vector step or two (prefilter.Literals does
		// not call for such texts): entering the code would only add
		// its cost to the Go scan of the tail.
		return prefilter.GoScan{}.Scan(s, hay, at)
	}
	code := scanLoops[s.Kind][len(s.Offsets)]
	if code == nil {
		return prefilter.GoScan{}.Scan(s, hay, at)
	}
	return scanWith(code, s, hay, at)
}

// scanWith runs code, the loop for s's kind and number of probes, over
// hay from at.
func scanWith(code *jitmem.Code, s *prefilter.Spec, hay []byte, at int) int {
	var ctx entry.Context
	for i, off := range s.Offsets {
		ctx.Arg[i] = uint64(off)
	}
	ctx.Arg[3] = uint64(s.Window)
	ctx.Pos = uint64(at)
	for int(ctx.Pos) < len(hay) {
		// One slice per call, so that a stop-the-world never waits long.
		ctx.Limit = uint64(min(len(hay), int(ctx.Pos)+entry.SliceBytes+s.Window))
		exit, err := entry.Call(code, &ctx, hay, s.Scratch)
		if err != nil {
			panic(fmt.Sprintf("jit: literal scan: %v", err)) // the Spec and the loop are built to agree
		}
		if exit == entry.Done {
			return int(ctx.Pos)
		}
		if ctx.Limit == uint64(len(hay)) {
			break
		}
	}
	// The last positions, fewer than one step of the loop.
	return prefilter.GoScan{}.Scan(s, hay, int(ctx.Pos))
}
