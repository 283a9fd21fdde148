package entry

// enter calls the generated function at fn. The pointer arguments keep ctx,
// the haystack and the scratch block alive and unmoved for the call; they do
// not escape.
//
//go:noescape
func enter(fn uintptr, ctx *Context, hay *byte, scratch *byte) uint64
