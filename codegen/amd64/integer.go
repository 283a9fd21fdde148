package amd64

import "fmt"

// sized returns the prefix/REX.W settings for width w, with the 8-bit
// opcode op8 or the wider opcode op.
func sized(w Width, op8, op byte) (p66, rexW bool, opcode byte, ok bool) {
	switch w {
	case W8:
		return false, false, op8, true
	case W16:
		return true, false, op, true
	case W32:
		return false, false, op, true
	case W64:
		return false, true, op, true
	}
	return false, false, 0, false
}

// immediate checks that v fits an immediate for operand width w and returns
// it sign-normalised. Values up to 2^w-1 are accepted as unsigned spellings
// of the same bits; 64-bit operations take sign-extended 32-bit immediates.
func immediate(name string, v int64, w Width) (int64, error) {
	switch w {
	case W8:
		if v >= -1<<7 && v < 1<<8 {
			return int64(int8(v)), nil
		}
	case W16:
		if v >= -1<<15 && v < 1<<16 {
			return int64(int16(v)), nil
		}
	case W32:
		if v >= -1<<31 && v < 1<<32 {
			return int64(int32(v)), nil
		}
	case W64:
		if fitsInt32(v) {
			return v, nil
		}
	}
	return 0, fmt.Errorf("%s: immediate %#x does not fit %d-bit operand", name, v, w)
}

// immSize returns the size of a full-width immediate for w.
func immSize(w Width) int {
	switch w {
	case W8:
		return 1
	case W16:
		return 2
	}
	return 4
}

// ALU operation numbers: the ModRM.reg extension of the 0x80–0x83 group and
// the high bits of the register forms.
const (
	aluAdd = iota
	aluOr
	aluAdc
	aluSbb
	aluAnd
	aluSub
	aluXor
	aluCmp
)

var aluNames = [8]string{"add", "or", "adc", "sbb", "and", "sub", "xor", "cmp"}

// Add emits dst += src. dst is a Reg or Mem; src is a Reg, a Mem (when dst is
// a Reg) or an Imm. Immediates that fit 8 bits use the short sign-extended form.
func (a *Assembler) Add(w Width, dst, src Operand) { a.alu(aluAdd, w, dst, src) }

// Or emits dst |= src, with the operands of [Assembler.Add].
func (a *Assembler) Or(w Width, dst, src Operand) { a.alu(aluOr, w, dst, src) }

// Adc emits dst += src + CF, with the operands of [Assembler.Add].
func (a *Assembler) Adc(w Width, dst, src Operand) { a.alu(aluAdc, w, dst, src) }

// Sbb emits dst -= src + CF, with the operands of [Assembler.Add].
func (a *Assembler) Sbb(w Width, dst, src Operand) { a.alu(aluSbb, w, dst, src) }

// And emits dst &= src, with the operands of [Assembler.Add].
func (a *Assembler) And(w Width, dst, src Operand) { a.alu(aluAnd, w, dst, src) }

// Sub emits dst -= src, with the operands of [Assembler.Add].
func (a *Assembler) Sub(w Width, dst, src Operand) { a.alu(aluSub, w, dst, src) }

// Xor emits dst ^= src, with the operands of [Assembler.Add].
func (a *Assembler) Xor(w Width, dst, src Operand) { a.alu(aluXor, w, dst, src) }

// Cmp sets flags from dst - src, with the operands of [Assembler.Add].
func (a *Assembler) Cmp(w Width, dst, src Operand) { a.alu(aluCmp, w, dst, src) }

func (a *Assembler) alu(op byte, w Width, dst, src Operand) {
	name := aluNames[op]
	switch s := src.(type) {
	case Imm:
		rm, ok := gprRM(dst, w)
		p66, rexW, _, okw := sized(w, 0, 0)
		if !ok || !okw {
			a.fail(badOperands(name, dst, src))
			return
		}
		v, err := immediate(name, int64(s), w)
		if err != nil {
			a.fail(err)
			return
		}
		e := legacy{p66: p66, w: rexW, reg: op, rm: rm, imm: v}
		switch {
		case w == W8:
			e.op, e.immSize = []byte{0x80}, 1
		case fitsInt8(v):
			e.op, e.immSize = []byte{0x83}, 1
		default:
			e.op, e.immSize = []byte{0x81}, immSize(w)
		}
		a.emit(e)
	case Reg:
		rm, ok := gprRM(dst, w)
		p66, rexW, opc, okw := sized(w, op<<3, op<<3|1)
		if !ok || !okw || !s.valid() {
			a.fail(badOperands(name, dst, src))
			return
		}
		a.emit(legacy{p66: p66, w: rexW, op: []byte{opc}, reg: s.enc(), regByte: w == W8, rm: rm})
	case Mem:
		d, ok := dst.(Reg)
		p66, rexW, opc, okw := sized(w, op<<3|2, op<<3|3)
		if !ok || !okw || !d.valid() {
			a.fail(badOperands(name, dst, src))
			return
		}
		a.emit(legacy{p66: p66, w: rexW, op: []byte{opc}, reg: d.enc(), regByte: w == W8, rm: rmOp{mem: s}})
	default:
		a.fail(badOperands(name, dst, src))
	}
}

// Mov emits dst = src for register, memory and immediate operands (not
// memory to memory). A 64-bit register immediate uses the shortest exact form:
// a 32-bit move (which zero-extends) for values below 2^32, a sign-extended
// imm32 for other values that fit, and a 10-byte movabs otherwise.
func (a *Assembler) Mov(w Width, dst, src Operand) {
	switch s := src.(type) {
	case Imm:
		if d, ok := dst.(Reg); ok && d.valid() {
			a.movRegImm(w, d, int64(s))
			return
		}
		rm, ok := gprRM(dst, w)
		p66, rexW, opc, okw := sized(w, 0xC6, 0xC7)
		if !ok || !okw {
			a.fail(badOperands("mov", dst, src))
			return
		}
		v, err := immediate("mov", int64(s), w)
		if err != nil {
			a.fail(err)
			return
		}
		a.emit(legacy{p66: p66, w: rexW, op: []byte{opc}, rm: rm, imm: v, immSize: immSize(w)})
	case Reg:
		rm, ok := gprRM(dst, w)
		p66, rexW, opc, okw := sized(w, 0x88, 0x89)
		if !ok || !okw || !s.valid() {
			a.fail(badOperands("mov", dst, src))
			return
		}
		a.emit(legacy{p66: p66, w: rexW, op: []byte{opc}, reg: s.enc(), regByte: w == W8, rm: rm})
	case Mem:
		d, ok := dst.(Reg)
		p66, rexW, opc, okw := sized(w, 0x8A, 0x8B)
		if !ok || !okw || !d.valid() {
			a.fail(badOperands("mov", dst, src))
			return
		}
		a.emit(legacy{p66: p66, w: rexW, op: []byte{opc}, reg: d.enc(), regByte: w == W8, rm: rmOp{mem: s}})
	default:
		a.fail(badOperands("mov", dst, src))
	}
}

func (a *Assembler) movRegImm(w Width, d Reg, v int64) {
	r := d.enc()
	e := legacy{rm: rmOp{isReg: true, reg: r, byteReg: w == W8}}
	switch {
	case w == W64 && v >= 0 && v < 1<<32:
		w = W32 // mov r32, imm32 zero-extends: same result, 5 bytes shorter
	case w == W64 && fitsInt32(v):
		e.w, e.op, e.imm, e.immSize = true, []byte{0xC7}, v, 4
		a.emit(e)
		return
	case w == W64:
		a.emitOpReg(legacy{w: true, imm: v, immSize: 8}, 0xB8, d, false)
		return
	}
	v, err := immediate("mov", v, w)
	if err != nil {
		a.fail(err)
		return
	}
	switch w {
	case W8:
		a.emitOpReg(legacy{imm: v, immSize: 1}, 0xB0, d, true)
	case W16:
		a.emitOpReg(legacy{p66: true, imm: v, immSize: 2}, 0xB8, d, false)
	case W32:
		a.emitOpReg(legacy{imm: v, immSize: 4}, 0xB8, d, false)
	default:
		a.fail(fmt.Errorf("mov: width %d", w))
	}
}

// emitOpReg emits an instruction whose register is added to the opcode
// byte (mov r, imm), so it has no ModRM byte.
func (a *Assembler) emitOpReg(e legacy, op byte, r Reg, byteReg bool) {
	b := a.buf
	if e.p66 {
		b = append(b, 0x66)
	}
	rex := r.enc() >> 3 & 1
	if e.w {
		rex |= 8
	}
	if rex != 0 || (byteReg && r.enc() >= 4) {
		b = append(b, 0x40|rex)
	}
	b = append(b, op+r.enc()&7)
	a.buf = appendImm(b, e.imm, e.immSize)
}

// Movzx emits dst = zero-extended src, where dst has width dw (16, 32 or 64)
// and src, a Reg or Mem, has width sw (8 or 16, narrower than dw).
func (a *Assembler) Movzx(dw Width, dst Reg, sw Width, src Operand) {
	a.extend("movzx", 0xB6, dw, dst, sw, src)
}

// Movsx emits dst = sign-extended src, with the operands of
// [Assembler.Movzx].
func (a *Assembler) Movsx(dw Width, dst Reg, sw Width, src Operand) {
	a.extend("movsx", 0xBE, dw, dst, sw, src)
}

func (a *Assembler) extend(name string, op8 byte, dw Width, dst Reg, sw Width, src Operand) {
	rm, ok := gprRM(src, sw)
	p66, rexW, _, okw := sized(dw, 0, 0)
	if !ok || !okw || dw == W8 || !dst.valid() || (sw != W8 && sw != W16) || sw >= dw {
		a.fail(fmt.Errorf("%s: unsupported widths %d←%d or operands %v, %v", name, dw, sw, dst, src))
		return
	}
	op := op8
	if sw == W16 {
		op++
	}
	a.emit(legacy{p66: p66, w: rexW, op: []byte{0x0F, op}, reg: dst.enc(), rm: rm})
}

// Lea emits dst = the address of src. w is 16, 32 or 64.
func (a *Assembler) Lea(w Width, dst Reg, src Mem) {
	p66, rexW, _, ok := sized(w, 0, 0)
	if !ok || w == W8 || !dst.valid() {
		a.fail(badOperands("lea", dst, src))
		return
	}
	a.emit(legacy{p66: p66, w: rexW, op: []byte{0x8D}, reg: dst.enc(), rm: rmOp{mem: src}})
}

// Test sets flags from dst & src. dst is a Reg or Mem; src is a Reg or an Imm.
func (a *Assembler) Test(w Width, dst, src Operand) {
	rm, ok := gprRM(dst, w)
	if !ok {
		a.fail(badOperands("test", dst, src))
		return
	}
	switch s := src.(type) {
	case Imm:
		p66, rexW, opc, okw := sized(w, 0xF6, 0xF7)
		v, err := immediate("test", int64(s), w)
		if !okw || err != nil {
			a.fail(badOperands("test", dst, src))
			return
		}
		a.emit(legacy{p66: p66, w: rexW, op: []byte{opc}, rm: rm, imm: v, immSize: immSize(w)})
	case Reg:
		p66, rexW, opc, okw := sized(w, 0x84, 0x85)
		if !okw || !s.valid() {
			a.fail(badOperands("test", dst, src))
			return
		}
		a.emit(legacy{p66: p66, w: rexW, op: []byte{opc}, reg: s.enc(), regByte: w == W8, rm: rm})
	default:
		a.fail(badOperands("test", dst, src))
	}
}

// Bt copies bit src of dst into CF. dst is a Reg or Mem, src a Reg or an
// Imm; w is 16, 32 or 64. With a register bit index and a memory operand the
// index is not reduced modulo w, so the access may reach beyond dst: generated
// code must bound it.
func (a *Assembler) Bt(w Width, dst, src Operand) { a.bitOp("bt", 0xA3, 4, w, dst, src) }

// Bts is [Assembler.Bt] that also sets the bit.
func (a *Assembler) Bts(w Width, dst, src Operand) { a.bitOp("bts", 0xAB, 5, w, dst, src) }

// Btr is [Assembler.Bt] that also clears the bit.
func (a *Assembler) Btr(w Width, dst, src Operand) { a.bitOp("btr", 0xB3, 6, w, dst, src) }

func (a *Assembler) bitOp(name string, opReg, ext byte, w Width, dst, src Operand) {
	rm, ok := gprRM(dst, w)
	p66, rexW, _, okw := sized(w, 0, 0)
	if !ok || !okw || w == W8 {
		a.fail(badOperands(name, dst, src))
		return
	}
	switch s := src.(type) {
	case Imm:
		if s < 0 || s >= Imm(w) {
			a.fail(fmt.Errorf("%s: bit %d out of range for width %d", name, s, w))
			return
		}
		a.emit(legacy{p66: p66, w: rexW, op: []byte{0x0F, 0xBA}, reg: ext, rm: rm, imm: int64(s), immSize: 1})
	case Reg:
		if !s.valid() {
			a.fail(badOperands(name, dst, src))
			return
		}
		a.emit(legacy{p66: p66, w: rexW, op: []byte{0x0F, opReg}, reg: s.enc(), rm: rm})
	default:
		a.fail(badOperands(name, dst, src))
	}
}

// Shift operations: the ModRM.reg extension of C0/C1/D2/D3.
const (
	shRol = 0
	shRor = 1
	shShl = 4
	shShr = 5
	shSar = 7
)

// Shl shifts dst left by count, an Imm below the width or the register RCX
// (meaning CL). dst is a Reg or Mem.
func (a *Assembler) Shl(w Width, dst, count Operand) { a.shift("shl", shShl, w, dst, count) }

// Shr shifts dst right, filling with zeros, with the operands of [Assembler.Shl].
func (a *Assembler) Shr(w Width, dst, count Operand) { a.shift("shr", shShr, w, dst, count) }

// Sar shifts dst right, filling with the sign bit, with the operands of
// [Assembler.Shl].
func (a *Assembler) Sar(w Width, dst, count Operand) { a.shift("sar", shSar, w, dst, count) }

// Rol rotates dst left, with the operands of [Assembler.Shl].
func (a *Assembler) Rol(w Width, dst, count Operand) { a.shift("rol", shRol, w, dst, count) }

// Ror rotates dst right, with the operands of [Assembler.Shl].
func (a *Assembler) Ror(w Width, dst, count Operand) { a.shift("ror", shRor, w, dst, count) }

func (a *Assembler) shift(name string, ext byte, w Width, dst, count Operand) {
	rm, ok := gprRM(dst, w)
	if !ok {
		a.fail(badOperands(name, dst, count))
		return
	}
	switch c := count.(type) {
	case Imm:
		p66, rexW, opc, okw := sized(w, 0xC0, 0xC1)
		if !okw || c < 0 || c >= Imm(w) {
			a.fail(fmt.Errorf("%s: count %d for width %d", name, c, w))
			return
		}
		a.emit(legacy{p66: p66, w: rexW, op: []byte{opc}, reg: ext, rm: rm, imm: int64(c), immSize: 1})
	case Reg:
		p66, rexW, opc, okw := sized(w, 0xD2, 0xD3)
		if !okw || c != RCX {
			a.fail(fmt.Errorf("%s: count must be an immediate or rcx (cl), not %v", name, c))
			return
		}
		a.emit(legacy{p66: p66, w: rexW, op: []byte{opc}, reg: ext, rm: rm})
	default:
		a.fail(badOperands(name, dst, count))
	}
}

// Tzcnt emits dst = the number of trailing zero bits of src (w if src is 0),
// for w 16, 32 or 64. It needs BMI1; on older CPUs it executes as Bsf.
func (a *Assembler) Tzcnt(w Width, dst Reg, src Operand) { a.count("tzcnt", true, 0xBC, w, dst, src) }

// Lzcnt emits dst = the number of leading zero bits of src; it needs LZCNT
// (ABM).
func (a *Assembler) Lzcnt(w Width, dst Reg, src Operand) { a.count("lzcnt", true, 0xBD, w, dst, src) }

// Popcnt emits dst = the number of set bits of src; it needs POPCNT.
func (a *Assembler) Popcnt(w Width, dst Reg, src Operand) {
	a.count("popcnt", true, 0xB8, w, dst, src)
}

// Bsf emits dst = the index of the lowest set bit of src; dst is undefined
// and ZF set when src is 0.
func (a *Assembler) Bsf(w Width, dst Reg, src Operand) { a.count("bsf", false, 0xBC, w, dst, src) }

// Bsr emits dst = the index of the highest set bit of src; dst is undefined
// and ZF set when src is 0.
func (a *Assembler) Bsr(w Width, dst Reg, src Operand) { a.count("bsr", false, 0xBD, w, dst, src) }

func (a *Assembler) count(name string, f3 bool, op byte, w Width, dst Reg, src Operand) {
	a.regRM16(name, legacy{pF3: f3, op: []byte{0x0F, op}}, w, dst, src)
}

// regRM16 emits a "reg, r/m" instruction available in widths 16, 32 and 64.
func (a *Assembler) regRM16(name string, e legacy, w Width, dst Reg, src Operand) {
	rm, ok := gprRM(src, w)
	p66, rexW, _, okw := sized(w, 0, 0)
	if !ok || !okw || w == W8 || !dst.valid() {
		a.fail(badOperands(name, dst, src))
		return
	}
	e.p66, e.w, e.reg, e.rm = p66, rexW, dst.enc(), rm
	a.emit(e)
}

// Cmov emits "if cc then dst = src" for w 16, 32 or 64; src is a Reg or Mem.
// A memory source is loaded even when cc is false, so it must be in bounds.
func (a *Assembler) Cmov(cc Cond, w Width, dst Reg, src Operand) {
	a.regRM16("cmov", legacy{op: []byte{0x0F, 0x40 | byte(cc&15)}}, w, dst, src)
}

// Imul emits dst *= src (truncating) for w 16, 32 or 64.
func (a *Assembler) Imul(w Width, dst Reg, src Operand) {
	a.regRM16("imul", legacy{op: []byte{0x0F, 0xAF}}, w, dst, src)
}

// Setcc sets the byte dst (a Reg or Mem) to 1 if cc holds and to 0 otherwise.
func (a *Assembler) Setcc(cc Cond, dst Operand) {
	rm, ok := gprRM(dst, W8)
	if !ok {
		a.fail(badOperands("set"+cc.String(), dst))
		return
	}
	a.emit(legacy{op: []byte{0x0F, 0x90 | byte(cc&15)}, rm: rm})
}

// Inc emits dst++ for a Reg or Mem dst.
func (a *Assembler) Inc(w Width, dst Operand) { a.unary("inc", 0xFE, 0xFF, 0, w, dst) }

// Dec emits dst-- for a Reg or Mem dst.
func (a *Assembler) Dec(w Width, dst Operand) { a.unary("dec", 0xFE, 0xFF, 1, w, dst) }

// Not emits dst = ^dst for a Reg or Mem dst.
func (a *Assembler) Not(w Width, dst Operand) { a.unary("not", 0xF6, 0xF7, 2, w, dst) }

// Neg emits dst = -dst for a Reg or Mem dst.
func (a *Assembler) Neg(w Width, dst Operand) { a.unary("neg", 0xF6, 0xF7, 3, w, dst) }

func (a *Assembler) unary(name string, op8, op, ext byte, w Width, dst Operand) {
	rm, ok := gprRM(dst, w)
	p66, rexW, opc, okw := sized(w, op8, op)
	if !ok || !okw {
		a.fail(badOperands(name, dst))
		return
	}
	a.emit(legacy{p66: p66, w: rexW, op: []byte{opc}, reg: ext, rm: rm})
}

// JmpIndirect jumps to the 64-bit address in target, a Reg or Mem.
func (a *Assembler) JmpIndirect(target Operand) {
	rm, ok := gprRM(target, W64)
	if !ok {
		a.fail(badOperands("jmp", target))
		return
	}
	a.emit(legacy{op: []byte{0xFF}, reg: 4, rm: rm})
}

// Ret returns to the caller.
func (a *Assembler) Ret() { a.buf = append(a.buf, 0xC3) }

// Ud2 emits an instruction that always raises an invalid-opcode fault.
func (a *Assembler) Ud2() { a.buf = append(a.buf, 0x0F, 0x0B) }

// Int3 emits a breakpoint trap.
func (a *Assembler) Int3() { a.buf = append(a.buf, 0xCC) }
