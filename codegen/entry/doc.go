// Package entry runs generated machine code inside a Go process.
//
// Go enters generated code through one ABI0 assembly trampoline. The
// generated function is a leaf that follows this contract:
//
//   - On entry RDI holds a *[Context], RSI the haystack's first byte and RDX
//     the scratch block's first byte (either may be nil when its length is 0).
//     Context.Len and Context.ScratchLen hold the lengths; they are set by [Call]
//     from the slices themselves, so generated code can trust them.
//   - It returns an [Exit] code in RAX and leaves its resumable state in the
//     Context: Done when the search is finished, Yield when it reached
//     Context.Limit with input left, NeedState when Go must build
//     Context.State (a lazy-DFA miss) before it can go on. Re-entering with
//     the same Context continues where it stopped.
//   - It may clobber every general-purpose and vector register except RSP
//     and RBP (R14 and X15 included: the compiler restores them after an ABI0
//     call), keeps RSP balanced, leaves the direction flag clear, runs
//     VZEROUPPER before returning if it used YMM registers, and uses at most
//     128 bytes of stack below RSP.
//   - It never calls Go, never stores a pointer, and never faults: every
//     load is bounds-checked against Context.Len or Context.ScratchLen.
//
// A call cannot be preempted, and a stop-the-world waits for it, so
// generated code must process a bounded slice per call. [Run] drives a
// function in slices of [SliceBytes], returning to Go between slices so
// the scheduler and the garbage collector can stop the goroutine.
package entry
