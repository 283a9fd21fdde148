package entry

import (
	"errors"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/rxjit/rxjit/codegen/amd64"
	"github.com/rxjit/rxjit/jitmem"
)

// randomHay returns n bytes drawn mostly from a small alphabet, so that
// needles match often.
func randomHay(r *rand.Rand, n int) []byte {
	hay := make([]byte, n)
	for i := range hay {
		if r.IntN(4) == 0 {
			hay[i] = byte(r.UintN(256))
		} else {
			hay[i] = "abc\x00\xff"[r.IntN(5)]
		}
	}
	return hay
}

// TestCountDifferential calls a generated bounded byte-count loop 10 million
// times with random haystack windows, start positions, limits and needles
// and checks every result (count, position and exit code) against Go.
func TestCountDifferential(t *testing.T) {
	calls := 10_000_000
	if testing.Short() {
		calls = 1_000_000
	}
	for _, k := range []countKind{scalar, sse, avx2} {
		t.Run(k.String(), func(t *testing.T) {
			if !k.supported() {
				t.Skipf("CPU lacks %v", k)
			}
			code, _, err := genCount(k)
			c := load(t, code, err)
			r := rand.New(rand.NewPCG(1, uint64(k)))
			buf := randomHay(r, 1<<16)
			n := calls
			if k != scalar {
				n = calls / 10 // the scalar loop carries the 10 M; vectors check their tails
			}
			var ctx Context
			for i := 0; i < n; i++ {
				// A window ending anywhere, often exactly at a page-sized
				// boundary of buf, so vector tails meet the end of input.
				maxLen := 1 + r.IntN(80)
				if k != scalar {
					maxLen = 1 + r.IntN(300)
				}
				lo := r.IntN(len(buf))
				hi := min(len(buf), lo+r.IntN(maxLen))
				hay := buf[lo:hi:hi]
				pos := r.IntN(len(hay) + 1)
				limit := pos + r.IntN(len(hay)-pos+8) // sometimes past Len: must be clamped
				needle := "abc\x00\xff"[r.IntN(5)]
				start := uint64(r.IntN(1000))
				ctx = Context{Pos: uint64(pos), Limit: uint64(limit), Count: start}
				ctx.Arg[0] = uint64(needle)
				exit, err := Call(c, &ctx, hay, nil)
				if err != nil {
					t.Fatal(err)
				}
				end := min(limit, len(hay))
				want := start + goCount(hay[pos:end], needle)
				wantExit := Done
				if end < len(hay) {
					wantExit = Yield
				}
				if ctx.Count != want || ctx.Pos != uint64(end) || exit != wantExit {
					t.Fatalf("call %d: hay % x [%d:%d] needle %#x: count %d pos %d exit %v; want %d %d %v",
						i, hay, pos, limit, needle, ctx.Count, ctx.Pos, exit, want, end, wantExit)
				}
			}
		})
	}
}

// TestRunReentry drives generated code through Yield and NeedState exits
// with several slice sizes and checks that resuming loses and repeats
// nothing.
func TestRunReentry(t *testing.T) {
	code, err := genWeights()
	c := load(t, code, err)
	r := rand.New(rand.NewPCG(2, 2))
	hay := randomHay(r, 100_000)
	weight := func(b byte) byte { return byte(b*7+3) % 0xF0 }
	var want uint64
	distinct := map[byte]bool{}
	for _, b := range hay {
		want += uint64(weight(b))
		distinct[b] = true
	}
	for _, slice := range []int{1, 7, 4096, SliceBytes} {
		table := make([]byte, 256)
		for i := range table {
			table[i] = 0xFF
		}
		var ctx Context
		misses := 0
		err := Run(c, &ctx, hay, table, slice, func(ctx *Context) error {
			b := byte(ctx.State)
			if hay[ctx.Pos] != b || table[b] != 0xFF {
				t.Fatalf("needs state %#x at %d, where the byte is %#x", b, ctx.Pos, hay[ctx.Pos])
			}
			table[b] = weight(b)
			misses++
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		if ctx.Count != want || ctx.Pos != uint64(len(hay)) {
			t.Errorf("slice %d: sum %d at %d, want %d at %d", slice, ctx.Count, ctx.Pos, want, len(hay))
		}
		if misses != len(distinct) {
			t.Errorf("slice %d: %d state misses, want one per distinct byte (%d)", slice, misses, len(distinct))
		}
	}
}

func TestCallErrors(t *testing.T) {
	code, err := genWeights()
	c := load(t, code, err)
	hay := []byte("abc")

	ctx := Context{Pos: 4}
	if _, err := Call(c, &ctx, hay, make([]byte, 256)); err == nil {
		t.Error("Call with Pos > len(hay) succeeded")
	}
	ctx = Context{Pos: 2, Limit: 1}
	if _, err := Call(c, &ctx, hay, make([]byte, 256)); err == nil {
		t.Error("Call with Limit < Pos succeeded")
	}
	// A short scratch block makes the function return an unknown exit code.
	ctx = Context{}
	if _, err := Call(c, &ctx, hay, make([]byte, 10)); err == nil || !strings.Contains(err.Error(), "unknown exit") {
		t.Errorf("unknown exit code: err = %v", err)
	}
	table := make([]byte, 256) // all weights known: no NeedState
	table['a'] = 0xFF
	ctx = Context{}
	if err := Run(c, &ctx, hay, table, 0, nil); err == nil {
		t.Error("Run without a needState handler succeeded on NeedState")
	}
	released, err := jitmem.Alloc(code)
	if err != nil {
		t.Fatal(err)
	}
	released.Release()
	if _, err := Call(released, &Context{}, hay, table); err == nil {
		t.Error("Call of released code succeeded")
	}
}

// TestEmptyHaystack enters with a nil haystack pointer: the code must not
// load anything.
func TestEmptyHaystack(t *testing.T) {
	code, _, err := genCount(scalar)
	c := load(t, code, err)
	ctx := Context{Limit: 100}
	if exit, err := Call(c, &ctx, nil, nil); err != nil || exit != Done || ctx.Count != 0 {
		t.Errorf("empty haystack: %v %v count %d", exit, err, ctx.Count)
	}
}

func TestNoJIT(t *testing.T) {
	t.Setenv(jitmem.EnvNoJIT, "1")
	var a amd64.Assembler
	a.Ret()
	code, _ := a.Assemble()
	if _, err := jitmem.Alloc(code); !errors.Is(err, jitmem.ErrUnavailable) {
		t.Errorf("Alloc with %s=1: %v, want ErrUnavailable", jitmem.EnvNoJIT, err)
	}
}
