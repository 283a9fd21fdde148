package amd64

import (
	"encoding/binary"
	"fmt"
)

// rmOp is the operand encoded by ModRM.rm: a register number or memory.
type rmOp struct {
	isReg   bool
	reg     byte // 0–15 when isReg
	byteReg bool // an 8-bit register: 4–7 mean SPL..DIL and need a REX prefix
	mem     Mem
}

func regRM(r byte) rmOp { return rmOp{isReg: true, reg: r} }

// legacy describes one instruction in legacy (non-VEX) encoding.
type legacy struct {
	p66, pF3 bool   // 66 and F3 prefixes, operand-size or mandatory
	w        bool   // REX.W
	op       []byte // opcode bytes, after any REX prefix
	reg      byte   // ModRM.reg: a register number or an opcode extension
	regByte  bool   // reg holds an 8-bit register
	rm       rmOp
	immSize  int // 0, 1, 2, 4 or 8
	imm      int64
}

// rexBits returns REX.X and REX.B for an rm operand.
func (r rmOp) rexBits() (x, b byte) {
	if r.isReg {
		return 0, r.reg >> 3 & 1
	}
	m := r.mem
	if m.ripRelative() {
		return 0, 0
	}
	if m.Index != NoReg {
		x = m.Index.enc() >> 3 & 1
	}
	if m.Base != NoReg {
		b = m.Base.enc() >> 3 & 1
	}
	return x, b
}

func (a *Assembler) emit(e legacy) {
	if !e.rm.isReg {
		if err := e.rm.mem.check(); err != nil {
			a.fail(err)
			return
		}
	}
	b := a.buf
	if e.p66 {
		b = append(b, 0x66)
	}
	if e.pF3 {
		b = append(b, 0xF3)
	}
	x, bb := e.rm.rexBits()
	rex := x<<1 | bb | (e.reg>>3&1)<<2
	if e.w {
		rex |= 8
	}
	if rex != 0 || (e.regByte && e.reg >= 4) || (e.rm.isReg && e.rm.byteReg && e.rm.reg >= 4) {
		b = append(b, 0x40|rex)
	}
	b = append(b, e.op...)
	b = a.appendModRM(b, e.reg&7, e.rm, e.immSize)
	a.buf = appendImm(b, e.imm, e.immSize)
}

// appendModRM appends ModRM, SIB and displacement for reg and rm. immSize
// is the size of the immediate that follows, which RIP-relative
// displacements must skip.
func (a *Assembler) appendModRM(b []byte, reg byte, rm rmOp, immSize int) []byte {
	if rm.isReg {
		return append(b, 0xC0|reg<<3|rm.reg&7)
	}
	m := rm.mem
	if m.ripRelative() {
		b = append(b, reg<<3|5)
		if m.Label.valid() {
			a.fixups = append(a.fixups, ripFixup{
				item: len(a.items), dispPos: len(b), endPos: len(b) + 4 + immSize,
				label: m.Label, addend: m.Disp,
			})
		}
		return binary.LittleEndian.AppendUint32(b, uint32(m.Disp))
	}
	scale, _ := m.scaleBits()
	index := byte(4) // "no index"
	if m.Index != NoReg {
		index = m.Index.enc() & 7
	}
	if m.Base == NoReg {
		// [index*scale + disp32]: SIB with base 101 and mod 00.
		b = append(b, reg<<3|4, scale<<6|index<<3|5)
		return binary.LittleEndian.AppendUint32(b, uint32(m.Disp))
	}
	base := m.Base.enc() & 7
	var mod byte
	switch {
	case m.Disp == 0 && base != 5: // RBP and R13 have no disp-less form
		mod = 0
	case fitsInt8(int64(m.Disp)):
		mod = 1
	default:
		mod = 2
	}
	if m.Index != NoReg || base == 4 { // RSP and R12 need a SIB byte
		b = append(b, mod<<6|reg<<3|4, scale<<6|index<<3|base)
	} else {
		b = append(b, mod<<6|reg<<3|base)
	}
	switch mod {
	case 1:
		b = append(b, byte(int8(m.Disp)))
	case 2:
		b = binary.LittleEndian.AppendUint32(b, uint32(m.Disp))
	}
	return b
}

func appendImm(b []byte, v int64, size int) []byte {
	switch size {
	case 1:
		return append(b, byte(v))
	case 2:
		return binary.LittleEndian.AppendUint16(b, uint16(v))
	case 4:
		return binary.LittleEndian.AppendUint32(b, uint32(v))
	case 8:
		return binary.LittleEndian.AppendUint64(b, uint64(v))
	}
	return b
}

// vex describes one VEX-encoded instruction.
type vex struct {
	l       bool // VEX.L: 256-bit
	pp      byte // implied prefix: 0 none, 1 66, 2 F3, 3 F2
	mm      byte // opcode map: 1 0F, 2 0F38, 3 0F3A
	w       bool
	op      byte
	reg     byte // ModRM.reg
	vvvv    byte // extra source register, 0 when unused
	rm      rmOp
	immSize int
	imm     int64
}

func (a *Assembler) emitVEX(e vex) {
	if !e.rm.isReg {
		if err := e.rm.mem.check(); err != nil {
			a.fail(err)
			return
		}
	}
	x, bb := e.rm.rexBits()
	r := e.reg >> 3 & 1
	var l, w byte
	if e.l {
		l = 1
	}
	if e.w {
		w = 1
	}
	tail := (^e.vvvv&15)<<3 | l<<2 | e.pp
	b := a.buf
	if e.mm == 1 && w == 0 && x == 0 && bb == 0 {
		b = append(b, 0xC5, (r^1)<<7|tail)
	} else {
		b = append(b, 0xC4, (r^1)<<7|(x^1)<<6|(bb^1)<<5|e.mm, w<<7|tail)
	}
	b = append(b, e.op)
	b = a.appendModRM(b, e.reg&7, e.rm, e.immSize)
	a.buf = appendImm(b, e.imm, e.immSize)
}

// gprRM converts a Reg or Mem operand of width w into an rmOp.
func gprRM(o Operand, w Width) (rmOp, bool) {
	switch o := o.(type) {
	case Reg:
		if o.valid() {
			return rmOp{isReg: true, reg: o.enc(), byteReg: w == W8}, true
		}
	case Mem:
		return rmOp{mem: o}, true
	}
	return rmOp{}, false
}

// vecRM converts a VReg or Mem operand into an rmOp.
func vecRM(o Operand) (rmOp, bool) {
	switch o := o.(type) {
	case VReg:
		if o.valid() {
			return regRM(o.enc()), true
		}
	case Mem:
		return rmOp{mem: o}, true
	}
	return rmOp{}, false
}

func badOperands(name string, ops ...Operand) error {
	return fmt.Errorf("%s: unsupported operands %v", name, ops)
}
