package jit

import (
	"errors"
	"fmt"
	"sync"
	"sync/atomic"

	"github.com/rxjit/rxjit/codegen/dfaloop"
	"github.com/rxjit/rxjit/codegen/entry"
	"github.com/rxjit/rxjit/jitmem"
	"github.com/rxjit/rxjit/regex/internal/dfa"
	"golang.org/x/sys/cpu"
)

// DFAUnroll is the number of steps per iteration of the generated main
// loop.
const DFAUnroll = 4

// DFARunner is the generated executor loop. Its zero value is not usable;
// call LoadDFA.
type DFARunner struct {
	fwd, rev, spans, chains *jitmem.Code
}

var (
	dfaStart sync.Once
	dfaDone  = make(chan struct{}) // closed when dfaLoaded or dfaErr is set
	dfaReady atomic.Pointer[DFARunner]
	dfaErr   error
)

// ErrNotReady is returned while the generated code is still being made.
var ErrNotReady = errors.New("jit: code not generated yet")

// LoadDFA returns the process's Runner if its code is ready. The first
// call starts generating it in the background (four loops, about 0.2 ms)
// and answers ErrNotReady, as every call does until the code is sealed:
// no search waits for code, the caller uses dfa.GoLoop, which answers the
// same, meanwhile. It fails for good where executable memory is
// unavailable (other platforms, RXJIT_NOJIT=1, a kernel that refuses it).
func LoadDFA() (*DFARunner, error) {
	if r := dfaReady.Load(); r != nil {
		return r, nil
	}
	dfaStart.Do(startDFA)
	select {
	case <-dfaDone:
		return dfaReady.Load(), dfaErr
	default:
		return nil, ErrNotReady
	}
}

// WaitDFA is LoadDFA that waits for the code rather than answer
// ErrNotReady: for tests, and for searches forced onto the generated loop.
func WaitDFA() (*DFARunner, error) {
	dfaStart.Do(startDFA)
	<-dfaDone
	return dfaReady.Load(), dfaErr
}

func startDFA() {
	if err := jitmem.Available(); err != nil {
		dfaErr = err
		close(dfaDone)
		return
	}
	go func() {
		defer close(dfaDone)
		var arena jitmem.Arena
		gen := func(rev bool) (*jitmem.Code, error) {
			code, labels, err := dfaloop.Generate(DFADesc(rev))
			if err != nil {
				return nil, err
			}
			c, err := arena.Add(code)
			if err != nil {
				return nil, err
			}
			name := "dfa-forward"
			if rev {
				name = "dfa-reverse"
			}
			c.Describe(name, labels)
			return c, nil
		}
		r := &DFARunner{}
		if r.fwd, dfaErr = gen(false); dfaErr != nil {
			return
		}
		if r.rev, dfaErr = gen(true); dfaErr != nil {
			return
		}
		code, labels, err := dfaloop.GenerateSpans(SpansDesc())
		if err != nil {
			dfaErr = err
			return
		}
		if r.spans, dfaErr = arena.Add(code); dfaErr != nil {
			return
		}
		r.spans.Describe("dfa-spans", labels)
		if code, labels, dfaErr = dfaloop.GenerateChains(ChainsDesc()); dfaErr != nil {
			return
		}
		if r.chains, dfaErr = arena.Add(code); dfaErr != nil {
			return
		}
		r.chains.Describe("dfa-chains", labels)
		if _, dfaErr = r.fwd.Entry(); dfaErr != nil {
			return
		}
		dfaReady.Store(r)
	}()
}

// dfaSlice is the most input one call of the forward or reverse loop
// scans (entry.SliceBytes); tests make it small to check that slices
// do not change the answers.
var dfaSlice = entry.SliceBytes

// DFADesc returns the description of the forward or reverse loop.
func DFADesc(reverse bool) dfaloop.Desc {
	return dfaloop.Desc{
		Reverse:    reverse,
		TagMatch:   dfa.TagMatch,
		TagAccel:   dfa.TagAccel,
		PairRecord: dfa.PairRecord,
		Unknown:    dfa.TagUnknown,
		AVX2:       cpu.X86.HasAVX2,
		Unroll:     DFAUnroll,
		Header:     4 * dfa.HeaderWords,
	}
}

// Forward runs the generated forward loop, one slice of at most
// entry.SliceBytes per call so that a stop-the-world never waits long.
func (r *DFARunner) Forward(c *dfa.Cache, hay []byte, s *dfa.Scan) {
	r.run(r.fwd, c, hay, s, false)
}

// Reverse runs the generated reverse loop, in slices like Forward.
func (r *DFARunner) Reverse(c *dfa.Cache, hay []byte, s *dfa.Scan) {
	r.run(r.rev, c, hay, s, true)
}

// SpansDesc returns the description of the span loop.
func SpansDesc() dfaloop.SpansDesc {
	return dfaloop.SpansDesc{
		TagMatch: dfa.TagMatch,
		TagAccel: dfa.TagAccel,
		Dead:     dfa.TagDead,
		Header:   4 * dfa.HeaderWords,
		Set:      dfa.SetOffset,
		Starts:   dfa.StartsOffset,
		Spans:    dfa.SpansOffset,
		Cap:      dfa.SpanCap,
		Credit:   dfa.SpanCredit,
		Slack:    dfa.SpanSlack,
		Walk:     dfa.SpanWalk,
		Rest:     dfa.SpanRest,
		AVX2:     cpu.X86.HasAVX2,
	}
}

// ChainsDesc returns the description of the two-chain round.
func ChainsDesc() dfaloop.ChainsDesc {
	return dfaloop.ChainsDesc{
		Header:      4 * dfa.HeaderWords,
		Checkpoints: dfa.ChainsOffset,
		Every:       dfa.ChainEvery,
		Max:         dfa.ChainSpan / dfa.ChainEvery,
	}
}

// Chains runs a generated two-chain round (dfa.ChainRunner). A round
// reads at most 2*span bytes, far less than a slice.
func (r *DFARunner) Chains(c *dfa.Cache, hay []byte, s *dfa.Scan, span int, guess uint32) (outcome, lost int) {
	ctx := entry.Context{Pos: uint64(s.Pos), Limit: uint64(len(hay)), State: uint64(s.State)}
	ctx.Arg[0] = uint64(c.Limit())
	ctx.Arg[1] = uint64(span)
	ctx.Arg[2] = uint64(guess)
	if _, err := entry.Call(r.chains, &ctx, hay, c.Table()); err != nil {
		panic(fmt.Sprintf("jit: %v", err)) // as in run
	}
	s.Pos, s.State = int(ctx.Pos), uint32(ctx.State)
	return int(ctx.Aux[0]), int(ctx.Aux[1])
}

// Spans runs the generated span loop. The caller bounds s.Bound to
// entry.SliceBytes past s.Pos, so that one call is one slice.
func (r *DFARunner) Spans(c *dfa.Cache, hay []byte, s *dfa.SpanScan) {
	ctx := entry.Context{Pos: uint64(s.Pos), Limit: uint64(s.Bound), Match: int64(s.Room)}
	ctx.Arg[0] = uint64(c.Limit())
	ctx.Arg[1] = uint64(s.Credit)
	ctx.Arg[2] = uint64(c.EOI())
	if c.SkipsFailed() {
		ctx.Arg[3] = 1
	}
	if _, err := entry.Call(r.spans, &ctx, hay, c.Table()); err != nil {
		panic(fmt.Sprintf("jit: %v", err)) // as in run
	}
	s.Pos, s.N, s.Fails, s.Stop = int(ctx.Pos), int(ctx.Count), int(ctx.Aux[1]), dfa.SpanStop(ctx.Aux[0])
	s.Credit, s.Room = int(int64(ctx.Arg[1])), int(ctx.Match)
	s.State, s.At, s.Match = uint32(ctx.State), int(ctx.Aux[2]), int(int64(ctx.Aux[3]))
}

func (r *DFARunner) run(code *jitmem.Code, c *dfa.Cache, hay []byte, s *dfa.Scan, reverse bool) {
	ctx := entry.Context{
		Pos:   uint64(s.Pos),
		Limit: uint64(len(hay)),
		State: uint64(s.State),
		Match: int64(s.Match),
	}
	ctx.Arg[0] = uint64(c.Limit())
	if s.Earliest {
		ctx.Arg[2] = 1
	}
	table := c.Table()
	for {
		if reverse {
			ctx.Arg[1] = uint64(max(s.Bound, int(ctx.Pos)-dfaSlice))
		} else {
			ctx.Limit = uint64(min(s.Bound, int(ctx.Pos)+dfaSlice))
		}
		exit, err := entry.Call(code, &ctx, hay, table)
		if err != nil {
			// Only a bug can bring us here: the table and the loop are
			// built to agree.
			panic(fmt.Sprintf("jit: %v", err))
		}
		if exit != entry.Yield || int(ctx.Pos) == s.Bound {
			break
		}
	}
	s.Pos, s.State, s.Match = int(ctx.Pos), uint32(ctx.State), int(ctx.Match)
	s.Next = uint32(ctx.Aux[0])
}
