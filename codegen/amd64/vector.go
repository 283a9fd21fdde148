package amd64

// SSE forms. Every SSE instruction here takes XMM registers (X0–X15); a Y
// register is an error.

// sse emits a 66-prefixed (or F3-prefixed) 0F-map "xmm, xmm/m128" instruction.
func (a *Assembler) sse(name string, f3 bool, op []byte, dst VReg, src Operand) {
	rm, ok := vecRM(src)
	if !ok || !dst.isX() || (rm.isReg && !src.(VReg).isX()) {
		a.fail(badOperands(name, dst, src))
		return
	}
	a.emit(legacy{p66: !f3, pF3: f3, op: op, reg: dst.enc(), rm: rm})
}

// Pcmpeqb sets each byte of dst to 0xFF where it equals src's byte and to 0
// elsewhere (SSE2). src is an X register or a 16-byte Mem, any alignment.
func (a *Assembler) Pcmpeqb(dst VReg, src Operand) {
	a.sse("pcmpeqb", false, []byte{0x0F, 0x74}, dst, src)
}

// Pand emits dst &= src (SSE2), with the operands of [Assembler.Pcmpeqb].
func (a *Assembler) Pand(dst VReg, src Operand) { a.sse("pand", false, []byte{0x0F, 0xDB}, dst, src) }

// Pandn emits dst = ^dst & src (SSE2), with the operands of
// [Assembler.Pcmpeqb].
func (a *Assembler) Pandn(dst VReg, src Operand) {
	a.sse("pandn", false, []byte{0x0F, 0xDF}, dst, src)
}

// Por emits dst |= src (SSE2), with the operands of [Assembler.Pcmpeqb].
func (a *Assembler) Por(dst VReg, src Operand) { a.sse("por", false, []byte{0x0F, 0xEB}, dst, src) }

// Pxor emits dst ^= src (SSE2), with the operands of [Assembler.Pcmpeqb].
func (a *Assembler) Pxor(dst VReg, src Operand) { a.sse("pxor", false, []byte{0x0F, 0xEF}, dst, src) }

// Pshufb shuffles the bytes of dst by the indices in src (SSSE3): each result
// byte is dst[src[i]&15], or 0 where src[i] has its top bit set.
func (a *Assembler) Pshufb(dst VReg, src Operand) {
	a.sse("pshufb", false, []byte{0x0F, 0x38, 0x00}, dst, src)
}

// Movdqu moves 16 bytes between an X register and a Mem of any alignment, or
// between two X registers.
func (a *Assembler) Movdqu(dst, src Operand) { a.movdq("movdqu", true, dst, src) }

// Movdqa is [Assembler.Movdqu] for 16-byte-aligned memory; a misaligned
// address faults.
func (a *Assembler) Movdqa(dst, src Operand) { a.movdq("movdqa", false, dst, src) }

func (a *Assembler) movdq(name string, f3 bool, dst, src Operand) {
	if d, ok := dst.(VReg); ok {
		a.sse(name, f3, []byte{0x0F, 0x6F}, d, src)
		return
	}
	s, ok := src.(VReg)
	m, okm := dst.(Mem)
	if !ok || !okm || !s.isX() {
		a.fail(badOperands(name, dst, src))
		return
	}
	a.emit(legacy{p66: !f3, pF3: f3, op: []byte{0x0F, 0x7F}, reg: s.enc(), rm: rmOp{mem: m}})
}

// Pmovmskb sets dst (32-bit) to the top bit of each byte of src (SSE2).
func (a *Assembler) Pmovmskb(dst Reg, src VReg) {
	if !dst.valid() || !src.isX() {
		a.fail(badOperands("pmovmskb", dst, src))
		return
	}
	a.emit(legacy{p66: true, op: []byte{0x0F, 0xD7}, reg: dst.enc(), rm: regRM(src.enc())})
}

// Psrlw shifts each 16-bit lane of dst right by count bits (SSE2).
func (a *Assembler) Psrlw(dst VReg, count Imm) {
	if !dst.isX() || count < 0 || count > 255 {
		a.fail(badOperands("psrlw", dst, count))
		return
	}
	a.emit(legacy{p66: true, op: []byte{0x0F, 0x71}, reg: 2, rm: regRM(dst.enc()), imm: int64(count), immSize: 1})
}

// Movd moves 32 bits between an X register and a Reg or Mem; moving into an
// X register zeroes its other bits.
func (a *Assembler) Movd(dst, src Operand) { a.movGPR("movd", false, dst, src) }

// Movq moves 64 bits between an X register and a Reg or Mem.
func (a *Assembler) Movq(dst, src Operand) { a.movGPR("movq", true, dst, src) }

func (a *Assembler) movGPR(name string, w bool, dst, src Operand) {
	width := W32
	if w {
		width = W64
	}
	if d, ok := dst.(VReg); ok && d.isX() {
		if rm, ok := gprRM(src, width); ok {
			a.emit(legacy{p66: true, w: w, op: []byte{0x0F, 0x6E}, reg: d.enc(), rm: rm})
			return
		}
	}
	if s, ok := src.(VReg); ok && s.isX() {
		if rm, ok := gprRM(dst, width); ok {
			a.emit(legacy{p66: true, w: w, op: []byte{0x0F, 0x7E}, reg: s.enc(), rm: rm})
			return
		}
	}
	a.fail(badOperands(name, dst, src))
}

// AVX forms. The width of the vector registers (X or Y) selects 128 or 256
// bits, and all vector operands of one instruction must have the same width.
// 256-bit integer forms need AVX2. Generated code must run [Assembler.Vzeroupper]
// before returning after using Y registers.

// avx3 emits a VEX "dst, src1, src2/m" instruction with implied 66 prefix.
func (a *Assembler) avx3(name string, mm, op byte, dst, src1 VReg, src2 Operand) {
	rm, ok := vecRM(src2)
	if !ok || !dst.valid() || !src1.valid() || dst.isY() != src1.isY() ||
		(rm.isReg && src2.(VReg).isY() != dst.isY()) {
		a.fail(badOperands(name, dst, src1, src2))
		return
	}
	a.emitVEX(vex{l: dst.isY(), pp: 1, mm: mm, op: op, reg: dst.enc(), vvvv: src1.enc(), rm: rm})
}

// Vpcmpeqb sets each byte of dst to 0xFF where src1 and src2 are equal and
// to 0 elsewhere. src2 is a register or a Mem of any alignment.
func (a *Assembler) Vpcmpeqb(dst, src1 VReg, src2 Operand) {
	a.avx3("vpcmpeqb", 1, 0x74, dst, src1, src2)
}

// Vpand emits dst = src1 & src2.
func (a *Assembler) Vpand(dst, src1 VReg, src2 Operand) { a.avx3("vpand", 1, 0xDB, dst, src1, src2) }

// Vpandn emits dst = ^src1 & src2.
func (a *Assembler) Vpandn(dst, src1 VReg, src2 Operand) { a.avx3("vpandn", 1, 0xDF, dst, src1, src2) }

// Vpor emits dst = src1 | src2.
func (a *Assembler) Vpor(dst, src1 VReg, src2 Operand) { a.avx3("vpor", 1, 0xEB, dst, src1, src2) }

// Vpxor emits dst = src1 ^ src2.
func (a *Assembler) Vpxor(dst, src1 VReg, src2 Operand) { a.avx3("vpxor", 1, 0xEF, dst, src1, src2) }

// Vpshufb shuffles the bytes of src1 by the indices in src2 within each
// 128-bit lane.
func (a *Assembler) Vpshufb(dst, src1 VReg, src2 Operand) {
	a.avx3("vpshufb", 2, 0x00, dst, src1, src2)
}

// Vpmovmskb sets dst (32-bit) to the top bit of each byte of src.
func (a *Assembler) Vpmovmskb(dst Reg, src VReg) {
	if !dst.valid() || !src.valid() {
		a.fail(badOperands("vpmovmskb", dst, src))
		return
	}
	a.emitVEX(vex{l: src.isY(), pp: 1, mm: 1, op: 0xD7, reg: dst.enc(), rm: regRM(src.enc())})
}

// Vpsrlw shifts each 16-bit lane of src right by count bits into dst.
func (a *Assembler) Vpsrlw(dst, src VReg, count Imm) {
	if !dst.valid() || !src.valid() || dst.isY() != src.isY() || count < 0 || count > 255 {
		a.fail(badOperands("vpsrlw", dst, src, count))
		return
	}
	a.emitVEX(vex{l: dst.isY(), pp: 1, mm: 1, op: 0x71, reg: 2, vvvv: dst.enc(), rm: regRM(src.enc()),
		imm: int64(count), immSize: 1})
}

// Vpbroadcastb copies the low byte of src (an X register or a 1-byte Mem)
// into every byte of dst.
func (a *Assembler) Vpbroadcastb(dst VReg, src Operand) {
	rm, ok := vecRM(src)
	if !ok || !dst.valid() || (rm.isReg && !src.(VReg).isX()) {
		a.fail(badOperands("vpbroadcastb", dst, src))
		return
	}
	a.emitVEX(vex{l: dst.isY(), pp: 1, mm: 2, op: 0x78, reg: dst.enc(), rm: rm})
}

// Vmovdqu moves 16 or 32 bytes between a vector register and a Mem of any
// alignment, or between two registers of the same width.
func (a *Assembler) Vmovdqu(dst, src Operand) {
	if d, ok := dst.(VReg); ok && d.valid() {
		rm, ok := vecRM(src)
		if ok && (!rm.isReg || src.(VReg).isY() == d.isY()) {
			a.emitVEX(vex{l: d.isY(), pp: 2, mm: 1, op: 0x6F, reg: d.enc(), rm: rm})
			return
		}
	}
	if s, ok := src.(VReg); ok && s.valid() {
		if m, ok := dst.(Mem); ok {
			a.emitVEX(vex{l: s.isY(), pp: 2, mm: 1, op: 0x7F, reg: s.enc(), rm: rmOp{mem: m}})
			return
		}
	}
	a.fail(badOperands("vmovdqu", dst, src))
}

// Vmovd moves 32 bits from a Reg or Mem into an X register (zeroing the rest
// of the full YMM register) or from an X register into a Reg or Mem.
func (a *Assembler) Vmovd(dst, src Operand) {
	if d, ok := dst.(VReg); ok && d.isX() {
		if rm, ok := gprRM(src, W32); ok {
			a.emitVEX(vex{pp: 1, mm: 1, op: 0x6E, reg: d.enc(), rm: rm})
			return
		}
	}
	if s, ok := src.(VReg); ok && s.isX() {
		if rm, ok := gprRM(dst, W32); ok {
			a.emitVEX(vex{pp: 1, mm: 1, op: 0x7E, reg: s.enc(), rm: rm})
			return
		}
	}
	a.fail(badOperands("vmovd", dst, src))
}

// Vzeroupper zeroes the upper halves of all YMM registers. Generated code
// runs it before returning to Go after using Y registers, to avoid the
// SSE/AVX transition penalty in the Go code that follows.
func (a *Assembler) Vzeroupper() { a.buf = append(a.buf, 0xC5, 0xF8, 0x77) }
