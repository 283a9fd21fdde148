package entry

import (
	"testing"

	"github.com/rxjit/rxjit/codegen/amd64"
)

// genDone generates the smallest function: return Done.
func genDone() ([]byte, error) {
	var a amd64.Assembler
	a.Xor(amd64.W32, amd64.RAX, amd64.RAX)
	a.Ret()
	return a.Assemble()
}

// goDone is the Go function equivalent to genDone, called with the same
// arguments and kept out of line so the comparison is call against call.
//
//go:noinline
func goDone(ctx *Context, hay, scratch []byte) (Exit, error) {
	ctx.Len = uint64(len(hay))
	return Done, nil
}

// BenchmarkEntry measures the cost of entering generated code: Call (entry
// check, trampoline, call, return) against a plain out-of-line Go call with
// the same signature, and the bare trampoline.
func BenchmarkEntry(b *testing.B) {
	code, err := genDone()
	c := load(b, code, err)
	hay := []byte("x")
	var ctx Context
	b.Run("jit", func(b *testing.B) {
		for b.Loop() {
			if _, err := Call(c, &ctx, hay, nil); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("go", func(b *testing.B) {
		for b.Loop() {
			if _, err := goDone(&ctx, hay, nil); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("trampoline", func(b *testing.B) {
		fn, err := c.Entry()
		if err != nil {
			b.Fatal(err)
		}
		for b.Loop() {
			enter(fn, &ctx, &hay[0], nil)
		}
	})
}

// BenchmarkCount counts a byte in haystacks of Go's grid sizes with each
// generated loop beside the same count written in Go.
func BenchmarkCount(b *testing.B) {
	for _, size := range []struct {
		name string
		n    int
	}{{"16", 16}, {"1K", 1 << 10}, {"32K", 32 << 10}, {"1M", 1 << 20}} {
		hay := make([]byte, size.n)
		for i := range hay {
			hay[i] = byte(i * 7)
		}
		b.Run("go/"+size.name, func(b *testing.B) {
			b.SetBytes(int64(size.n))
			for b.Loop() {
				goCount(hay, 'a')
			}
		})
		for _, k := range []countKind{scalar, sse, avx2} {
			b.Run(k.String()+"/"+size.name, func(b *testing.B) {
				if !k.supported() {
					b.Skip("unsupported CPU")
				}
				code, _, err := genCount(k)
				c := load(b, code, err)
				b.SetBytes(int64(size.n))
				var ctx Context
				for b.Loop() {
					ctx = Context{Limit: uint64(size.n), Arg: [4]uint64{'a'}}
					if _, err := Call(c, &ctx, hay, nil); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}
