package jit

import (
	"fmt"
	"sync"

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
	fwd, rev *jitmem.Code
}

var (
	once    sync.Once
	loaded  *DFARunner
	errLoad error
)

// LoadDFA returns the process's Runner, generating and sealing its code on
// the first call. It fails where executable memory is unavailable (other
// platforms, RXJIT_NOJIT=1, a kernel that refuses it); the caller then
// uses dfa.GoLoop, which answers the same.
func LoadDFA() (*DFARunner, error) {
	once.Do(func() {
		if err := jitmem.Available(); err != nil {
			errLoad = err
			return
		}
		var arena jitmem.Arena
		gen := func(rev bool) (*jitmem.Code, error) {
			code, _, err := dfaloop.Generate(DFADesc(rev))
			if err != nil {
				return nil, err
			}
			return arena.Add(code)
		}
		r := &DFARunner{}
		if r.fwd, errLoad = gen(false); errLoad != nil {
			return
		}
		if r.rev, errLoad = gen(true); errLoad != nil {
			return
		}
		if _, errLoad = r.fwd.Entry(); errLoad != nil {
			return
		}
		loaded = r
	})
	return loaded, errLoad
}

// DFADesc returns the description of the forward or reverse loop.
func DFADesc(reverse bool) dfaloop.Desc {
	return dfaloop.Desc{
		Reverse:  reverse,
		TagMatch: dfa.TagMatch,
		TagAccel: dfa.TagAccel,
		AVX2:     cpu.X86.HasAVX2,
		Unroll:   DFAUnroll,
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
			ctx.Arg[1] = uint64(max(s.Bound, int(ctx.Pos)-entry.SliceBytes))
		} else {
			ctx.Limit = uint64(min(s.Bound, int(ctx.Pos)+entry.SliceBytes))
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
