//go:build !amd64

package entry

// enter is never reached on other architectures: jitmem refuses to produce
// code, so Call fails before it would be called.
func enter(fn uintptr, ctx *Context, hay *byte, scratch *byte) uint64 {
	panic("entry: generated code on a non-amd64 build")
}
