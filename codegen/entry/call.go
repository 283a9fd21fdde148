package entry

import (
	"errors"
	"fmt"
	"runtime"
	"unsafe"

	"github.com/rxjit/rxjit/jitmem"
)

// SliceBytes is the most input [Run] lets one call process. At the
// ≥1 GB/s of the slowest generated loops that is about 250 µs, which bounds
// how long the goroutine can delay a stop-the-world.
const SliceBytes = 256 << 10

var (
	errPos   = errors.New("entry: Context.Pos beyond the haystack")
	errLimit = errors.New("entry: Context.Limit before Context.Pos")
)

// Call enters code once with ctx, the haystack and the scratch block, and
// returns the function's exit code. It sets ctx.Len and ctx.ScratchLen from
// the slices and clamps ctx.Limit to ctx.Len. It fails without entering
// if the code cannot be made executable, if ctx.Pos > len(hay) or
// ctx.Limit < ctx.Pos, and after the call if the function returned an unknown
// exit code.
//
// Call is never inlined: its prologue is where a goroutine looping over Call
// can be preempted, since the generated code itself cannot be.
//
//go:noinline
func Call(code *jitmem.Code, ctx *Context, hay, scratch []byte) (Exit, error) {
	fn := code.Addr()
	if fn == 0 {
		var err error
		if fn, err = code.Entry(); err != nil {
			return 0, err
		}
	}
	ctx.Len = uint64(len(hay))
	ctx.ScratchLen = uint64(len(scratch))
	if ctx.Pos > ctx.Len {
		return 0, errPos
	}
	ctx.Limit = min(ctx.Limit, ctx.Len)
	if ctx.Limit < ctx.Pos {
		return 0, errLimit
	}
	exit := Exit(enter(fn, ctx, unsafe.SliceData(hay), unsafe.SliceData(scratch)))
	// The code must stay mapped until the call has returned: without this,
	// the last use of code is code.Entry above, and a cleanup could unmap
	// the instructions while they run.
	runtime.KeepAlive(code)
	if exit > Yield {
		return exit, fmt.Errorf("entry: generated code returned unknown exit code %d", uint64(exit))
	}
	return exit, nil
}

// Run calls code repeatedly until it returns Done, giving it at most
// SliceBytes of input per call (slice bytes if slice > 0). After Yield it
// moves Limit on and calls again; after NeedState it calls needState, which
// must prepare ctx.State (or the scratch block) so the function can go on.
// A nil needState makes NeedState an error.
func Run(code *jitmem.Code, ctx *Context, hay, scratch []byte, slice int, needState func(*Context) error) error {
	if slice <= 0 {
		slice = SliceBytes
	}
	for {
		ctx.Limit = min(ctx.Pos+uint64(slice), uint64(len(hay)))
		exit, err := Call(code, ctx, hay, scratch)
		if err != nil {
			return err
		}
		switch exit {
		case Done:
			return nil
		case Yield:
			if ctx.Pos >= uint64(len(hay)) {
				return errors.New("entry: generated code yielded at the end of its input")
			}
		case NeedState:
			if needState == nil {
				return errors.New("entry: generated code needs state and no handler was given")
			}
			if err := needState(ctx); err != nil {
				return err
			}
		}
	}
}
