#include "textflag.h"

// func enter(fn uintptr, ctx *Context, hay *byte, scratch *byte) uint64
//
// The trampoline loads the generated function's arguments into the
// registers the contract names and calls it. It has no frame of its own;
// the generated code's return address and its ≤128 bytes of stack fit in the
// space every Go function guarantees to NOSPLIT callees below its frame.
TEXT ·enter(SB), NOSPLIT, $0-40
	MOVQ fn+0(FP), AX
	MOVQ ctx+8(FP), DI
	MOVQ hay+16(FP), SI
	MOVQ scratch+24(FP), DX
	CALL AX
	MOVQ AX, ret+32(FP)
	RET
