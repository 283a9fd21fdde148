// Package amd64 encodes the x86-64 instructions a regular-expression engine
// needs: integer ALU operations, moves and loads with every addressing mode,
// bit operations, conditional moves, and the SSE2/SSSE3/AVX2 forms used for
// byte search. It also lays out labels, choosing rel8 or rel32 for every
// branch, and pads loop heads with multi-byte NOPs.
//
// An [Assembler] collects instructions; [Assembler.Assemble] resolves labels
// and returns the machine code. Invalid operand combinations do not panic:
// the first one is remembered and returned by Assemble, so code generators can
// emit a whole function and check once.
//
//	var a amd64.Assembler
//	loop := a.NewLabel("loop")
//	a.Align(16)
//	a.Bind(loop)
//	a.Movzx(amd64.W32, amd64.RAX, amd64.W8, amd64.Mem{Base: amd64.RSI, Index: amd64.RCX, Scale: 1})
//	a.Add(amd64.W64, amd64.RCX, amd64.Imm(1))
//	a.Cmp(amd64.W64, amd64.RCX, amd64.RDX)
//	a.J(amd64.CondB, loop)
//	a.Ret()
//	code, err := a.Assemble()
//
// [Disassemble] prints machine code with the assembler's label names, for
// tests and for rxjit --explain.
package amd64
