package amd64

import "fmt"

// Operand is a Reg, a VReg, a Mem or an Imm.
type Operand interface {
	operand()
}

func (Reg) operand()  {}
func (VReg) operand() {}
func (Mem) operand()  {}
func (Imm) operand()  {}

// Imm is an immediate operand. Each instruction states which immediates it
// accepts; a value that does not fit is an error, never silently truncated.
type Imm int64

// Mem is a memory operand: [Base + Index*Scale + Disp], or, when Label is
// set or RIP is true, [RIP + Disp] relative to the label or to the next
// instruction. Base and Index may be NoReg; RSP cannot be an index. Scale is
// 1, 2, 4 or 8, and 0 means 1. The encoder picks the shortest form: no
// displacement when Disp is 0 (except with RBP or R13 as base, which need
// disp8), disp8 when it fits, disp32 otherwise, and a SIB byte whenever
// there is an index or the base is RSP or R12.
type Mem struct {
	Base  Reg
	Index Reg
	Scale uint8
	Disp  int32
	Label Label // RIP-relative to this label, plus Disp, when valid
	RIP   bool  // RIP-relative to the end of the instruction, plus Disp
}

// String formats m in Intel syntax, for error messages.
func (m Mem) String() string {
	switch {
	case m.Label.valid():
		return fmt.Sprintf("[rip+L%d%+d]", m.Label.id, m.Disp)
	case m.RIP:
		return fmt.Sprintf("[rip%+d]", m.Disp)
	}
	s := "["
	if m.Base != NoReg {
		s += m.Base.String()
	}
	if m.Index != NoReg {
		if m.Base != NoReg {
			s += "+"
		}
		s += fmt.Sprintf("%s*%d", m.Index, max(m.Scale, 1))
	}
	if m.Disp != 0 || (m.Base == NoReg && m.Index == NoReg) {
		s += fmt.Sprintf("%+d", m.Disp)
	}
	return s + "]"
}

func (m Mem) ripRelative() bool { return m.RIP || m.Label.valid() }

// scaleBits returns the SIB scale field.
func (m Mem) scaleBits() (byte, bool) {
	switch m.Scale {
	case 0, 1:
		return 0, true
	case 2:
		return 1, true
	case 4:
		return 2, true
	case 8:
		return 3, true
	}
	return 0, false
}

func (m Mem) check() error {
	if m.ripRelative() {
		if m.Base != NoReg || m.Index != NoReg {
			return fmt.Errorf("RIP-relative operand %v with base or index", m)
		}
		return nil
	}
	if m.Base != NoReg && !m.Base.valid() {
		return fmt.Errorf("bad base register in %v", m)
	}
	if m.Index != NoReg && !m.Index.valid() {
		return fmt.Errorf("bad index register in %v", m)
	}
	if m.Index == RSP {
		return fmt.Errorf("rsp cannot be an index register in %v", m)
	}
	if _, ok := m.scaleBits(); !ok {
		return fmt.Errorf("scale %d in %v", m.Scale, m)
	}
	return nil
}

// Cond is a condition code, as used by J, Cmov and Setcc.
type Cond uint8

// The condition codes, in hardware order; aliases share a value.
const (
	CondO  Cond = 0x0 // overflow
	CondNO Cond = 0x1 // not overflow
	CondB  Cond = 0x2 // below (unsigned <), carry set
	CondAE Cond = 0x3 // above or equal (unsigned >=), carry clear
	CondE  Cond = 0x4 // equal, zero
	CondNE Cond = 0x5 // not equal, not zero
	CondBE Cond = 0x6 // below or equal (unsigned <=)
	CondA  Cond = 0x7 // above (unsigned >)
	CondS  Cond = 0x8 // sign
	CondNS Cond = 0x9 // not sign
	CondP  Cond = 0xA // parity even
	CondNP Cond = 0xB // parity odd
	CondL  Cond = 0xC // less (signed <)
	CondGE Cond = 0xD // greater or equal (signed >=)
	CondLE Cond = 0xE // less or equal (signed <=)
	CondG  Cond = 0xF // greater (signed >)

	CondC  = CondB
	CondNC = CondAE
	CondZ  = CondE
	CondNZ = CondNE
)

var condNames = [16]string{"o", "no", "b", "ae", "e", "ne", "be", "a", "s", "ns", "p", "np", "l", "ge", "le", "g"}

// String returns the mnemonic suffix of c, for example "ae".
func (c Cond) String() string { return condNames[c&15] }

// Invert returns the condition that holds exactly when c does not.
func (c Cond) Invert() Cond { return c ^ 1 }
