package amd64

import (
	"fmt"
	"strings"
	"testing"
)

// The sweeps generate every register in every operand position of each form
// and let x86asm and objdump judge the bytes. Expected text is built from the
// operands in objdump's AT&T syntax.

var (
	allRegs  = []Reg{RAX, RCX, RDX, RBX, RSP, RBP, RSI, RDI, R8, R9, R10, R11, R12, R13, R14, R15}
	allX     = []VReg{X0, X1, X2, X3, X4, X5, X6, X7, X8, X9, X10, X11, X12, X13, X14, X15}
	allY     = []VReg{Y0, Y1, Y2, Y3, Y4, Y5, Y6, Y7, Y8, Y9, Y10, Y11, Y12, Y13, Y14, Y15}
	allWidth = []Width{W8, W16, W32, W64}
)

var (
	names32 = [16]string{"eax", "ecx", "edx", "ebx", "esp", "ebp", "esi", "edi"}
	names16 = [16]string{"ax", "cx", "dx", "bx", "sp", "bp", "si", "di"}
	names8  = [16]string{"al", "cl", "dl", "bl", "spl", "bpl", "sil", "dil"}
)

// gpr returns the AT&T name of r at width w.
func gpr(r Reg, w Width) string {
	i := r.enc()
	if i >= 8 {
		return "%" + r.String() + map[Width]string{W8: "b", W16: "w", W32: "d", W64: ""}[w]
	}
	switch w {
	case W8:
		return "%" + names8[i]
	case W16:
		return "%" + names16[i]
	case W32:
		return "%" + names32[i]
	}
	return "%" + r.String()
}

func vreg(v VReg) string { return "%" + v.String() }

// memATT formats m as objdump does: a displacement whenever it is non-zero or
// encoded (RBP/R13 base, no base), and the scale always printed.
func memATT(m Mem) string {
	var sb strings.Builder
	if m.Disp != 0 || m.Base == NoReg || m.Base == RBP || m.Base == R13 {
		if m.Disp < 0 {
			fmt.Fprintf(&sb, "-%#x", -int64(m.Disp))
		} else {
			fmt.Fprintf(&sb, "%#x", m.Disp)
		}
	}
	sb.WriteString("(")
	if m.Base != NoReg {
		sb.WriteString(gpr(m.Base, W64))
	}
	if m.Index != NoReg {
		fmt.Fprintf(&sb, ",%s,%d", gpr(m.Index, W64), max(m.Scale, 1))
	}
	sb.WriteString(")")
	return sb.String()
}

// att formats an instruction with Intel-order operands in AT&T order.
func att(op string, intelOrder ...string) string {
	for i, j := 0, len(intelOrder)-1; i < j; i, j = i+1, j-1 {
		intelOrder[i], intelOrder[j] = intelOrder[j], intelOrder[i]
	}
	return op + " " + strings.Join(intelOrder, ",")
}

// memSweep returns memory operands covering every base with every index
// (and none), cycling through scales and the three displacement sizes.
func memSweep() []Mem {
	var ms []Mem
	disps := []int32{0, -8, 0x1000}
	scales := []uint8{1, 2, 4, 8}
	i := 0
	for _, base := range append([]Reg{NoReg}, allRegs...) {
		for _, index := range append([]Reg{NoReg}, allRegs...) {
			if index == RSP || (base == NoReg && index == NoReg) {
				continue
			}
			m := Mem{Base: base, Index: index, Disp: disps[i%3]}
			if index != NoReg {
				m.Scale = scales[i%4]
			}
			ms = append(ms, m)
			i++
		}
	}
	return ms
}

func TestSweepInteger(t *testing.T) {
	var cases []encCase
	add := func(text string, emit func(a *Assembler)) {
		cases = append(cases, encCase{name: text, emit: emit, att: text})
	}
	aluOps := []struct {
		name string
		f    func(a *Assembler, w Width, d, s Operand)
	}{
		{"add", (*Assembler).Add}, {"or", (*Assembler).Or}, {"adc", (*Assembler).Adc}, {"sbb", (*Assembler).Sbb},
		{"and", (*Assembler).And}, {"sub", (*Assembler).Sub}, {"xor", (*Assembler).Xor}, {"cmp", (*Assembler).Cmp},
		{"mov", (*Assembler).Mov}, {"test", (*Assembler).Test},
	}
	for _, op := range aluOps {
		for _, w := range allWidth {
			for _, d := range allRegs {
				dst := gpr(d, w)
				if op.name == "mov" && w == W64 {
					dst = gpr(d, W32) // small immediates load zero-extended
				}
				add(att(op.name, dst, "$0x7f"), func(a *Assembler) { op.f(a, w, d, Imm(0x7f)) })
				for _, s := range allRegs {
					add(att(op.name, gpr(d, w), gpr(s, w)), func(a *Assembler) { op.f(a, w, d, s) })
				}
			}
		}
	}
	for _, mm := range memSweep() {
		add(att("mov", "%rax", memATT(mm)), func(a *Assembler) { a.Mov(W64, RAX, mm) })
		add(att("mov", memATT(mm), "%r9d"), func(a *Assembler) { a.Mov(W32, mm, R9) })
		add(att("lea", "%r10", memATT(mm)), func(a *Assembler) { a.Lea(W64, R10, mm) })
		add(att("movzbl", "%ecx", memATT(mm)), func(a *Assembler) { a.Movzx(W32, RCX, W8, mm) })
	}
	for _, d := range allRegs {
		mm := Mem{Base: RSI, Index: RCX, Scale: 1}
		add(att("mov", gpr(d, W64), memATT(mm)), func(a *Assembler) { a.Mov(W64, d, mm) })
		add(att("mov", memATT(mm), gpr(d, W8)), func(a *Assembler) { a.Mov(W8, mm, d) })
		add(att("mov", gpr(d, W32), "$0x12345678"), func(a *Assembler) { a.Mov(W64, d, Imm(0x12345678)) })
		add(att("movabs", gpr(d, W64), "$0x123456789"), func(a *Assembler) { a.Mov(W64, d, Imm(0x123456789)) })
		add(att("mov", gpr(d, W8), "$0x80"), func(a *Assembler) { a.Mov(W8, d, Imm(0x80)) })
		add(att("movzbl", gpr(d, W32), memATT(mm)), func(a *Assembler) { a.Movzx(W32, d, W8, mm) })
		for _, n := range []struct {
			name string
			f    func(a *Assembler, w Width, d Operand)
		}{{"inc", (*Assembler).Inc}, {"dec", (*Assembler).Dec}, {"neg", (*Assembler).Neg}, {"not", (*Assembler).Not}} {
			for _, w := range allWidth {
				add(att(n.name, gpr(d, w)), func(a *Assembler) { n.f(a, w, d) })
			}
		}
		for _, sh := range []struct {
			name string
			f    func(a *Assembler, w Width, d, c Operand)
		}{{"shl", (*Assembler).Shl}, {"shr", (*Assembler).Shr}, {"sar", (*Assembler).Sar}, {"rol", (*Assembler).Rol}, {"ror", (*Assembler).Ror}} {
			for _, w := range allWidth {
				add(att(sh.name, gpr(d, w), "$0x3"), func(a *Assembler) { sh.f(a, w, d, Imm(3)) })
				add(att(sh.name, gpr(d, w), "%cl"), func(a *Assembler) { sh.f(a, w, d, RCX) })
			}
		}
		for cc := CondO; cc <= CondG; cc++ {
			add(att("set"+cc.String(), gpr(d, W8)), func(a *Assembler) { a.Setcc(cc, d) })
			add(att("cmov"+cc.String(), gpr(d, W64), "%r13"), func(a *Assembler) { a.Cmov(cc, W64, d, R13) })
		}
		for _, s := range allRegs {
			for _, w := range []Width{W16, W32, W64} {
				add(att("tzcnt", gpr(d, w), gpr(s, w)), func(a *Assembler) { a.Tzcnt(w, d, s) })
				add(att("popcnt", gpr(d, w), gpr(s, w)), func(a *Assembler) { a.Popcnt(w, d, s) })
				add(att("cmove", gpr(d, w), gpr(s, w)), func(a *Assembler) { a.Cmov(CondE, w, d, s) })
				add(att("bt", gpr(d, w), gpr(s, w)), func(a *Assembler) { a.Bt(w, d, s) })
			}
			add(att("lzcnt", gpr(d, W64), gpr(s, W64)), func(a *Assembler) { a.Lzcnt(W64, d, s) })
			add(att("bsf", gpr(d, W64), gpr(s, W64)), func(a *Assembler) { a.Bsf(W64, d, s) })
			add(att("bsr", gpr(d, W32), gpr(s, W32)), func(a *Assembler) { a.Bsr(W32, d, s) })
			add(att("imul", gpr(d, W64), gpr(s, W64)), func(a *Assembler) { a.Imul(W64, d, s) })
			add(att("movzbl", gpr(d, W32), gpr(s, W8)), func(a *Assembler) { a.Movzx(W32, d, W8, s) })
			add(att("movzwq", gpr(d, W64), gpr(s, W16)), func(a *Assembler) { a.Movzx(W64, d, W16, s) })
			add(att("movsbq", gpr(d, W64), gpr(s, W8)), func(a *Assembler) { a.Movsx(W64, d, W8, s) })
		}
		add(att("bts", gpr(d, W64), "$0x21"), func(a *Assembler) { a.Bts(W64, d, Imm(33)) })
		add(att("jmp", "*"+gpr(d, W64)), func(a *Assembler) { a.JmpIndirect(d) })
	}
	checkCases(t, cases)
	t.Logf("%d generated cases", len(cases))
}

func TestSweepVector(t *testing.T) {
	var cases []encCase
	add := func(text string, emit func(a *Assembler)) {
		cases = append(cases, encCase{name: text, emit: emit, att: text})
	}
	sse := []struct {
		name string
		f    func(a *Assembler, d VReg, s Operand)
	}{
		{"pcmpeqb", (*Assembler).Pcmpeqb}, {"pand", (*Assembler).Pand}, {"pandn", (*Assembler).Pandn},
		{"por", (*Assembler).Por}, {"pxor", (*Assembler).Pxor}, {"pshufb", (*Assembler).Pshufb},
	}
	avx := []struct {
		name string
		f    func(a *Assembler, d, s1 VReg, s2 Operand)
	}{
		{"vpcmpeqb", (*Assembler).Vpcmpeqb}, {"vpand", (*Assembler).Vpand}, {"vpandn", (*Assembler).Vpandn},
		{"vpor", (*Assembler).Vpor}, {"vpxor", (*Assembler).Vpxor}, {"vpshufb", (*Assembler).Vpshufb},
	}
	mm := Mem{Base: R13, Index: R12, Scale: 2, Disp: 64}
	for i, d := range allX {
		y := allY[i]
		for _, op := range sse {
			add(att(op.name, vreg(d), memATT(mm)), func(a *Assembler) { op.f(a, d, mm) })
		}
		for _, op := range avx {
			add(att(op.name, vreg(y), vreg(Y3), memATT(mm)), func(a *Assembler) { op.f(a, y, Y3, mm) })
		}
		add(att("psrlw", vreg(d), "$0x4"), func(a *Assembler) { a.Psrlw(d, Imm(4)) })
		add(att("movdqu", vreg(d), memATT(mm)), func(a *Assembler) { a.Movdqu(d, mm) })
		add(att("movdqu", memATT(mm), vreg(d)), func(a *Assembler) { a.Movdqu(mm, d) })
		add(att("movdqa", vreg(d), memATT(mm)), func(a *Assembler) { a.Movdqa(d, mm) })
		add(att("vmovdqu", vreg(y), memATT(mm)), func(a *Assembler) { a.Vmovdqu(y, mm) })
		add(att("vmovdqu", memATT(mm), vreg(y)), func(a *Assembler) { a.Vmovdqu(mm, y) })
		add(att("vmovdqu", vreg(d), memATT(mm)), func(a *Assembler) { a.Vmovdqu(d, mm) })
		add(att("vpbroadcastb", vreg(y), memATT(mm)), func(a *Assembler) { a.Vpbroadcastb(y, mm) })
		for j, s := range allX {
			sy := allY[j]
			for _, op := range sse {
				add(att(op.name, vreg(d), vreg(s)), func(a *Assembler) { op.f(a, d, s) })
			}
			for _, op := range avx {
				add(att(op.name, vreg(y), vreg(sy), vreg(Y2)), func(a *Assembler) { op.f(a, y, sy, Y2) })
				add(att(op.name, vreg(Y5), vreg(Y6), vreg(sy)), func(a *Assembler) { op.f(a, Y5, Y6, sy) })
				add(att(op.name, vreg(d), vreg(X7), vreg(s)), func(a *Assembler) { op.f(a, d, X7, s) })
			}
			add(att("vpsrlw", vreg(y), vreg(sy), "$0x4"), func(a *Assembler) { a.Vpsrlw(y, sy, Imm(4)) })
			add(att("vpbroadcastb", vreg(y), vreg(s)), func(a *Assembler) { a.Vpbroadcastb(y, s) })
			add(att("vmovdqu", vreg(y), vreg(sy)), func(a *Assembler) { a.Vmovdqu(y, sy) })
			add(att("movdqu", vreg(d), vreg(s)), func(a *Assembler) { a.Movdqu(d, s) })
		}
		for _, r := range allRegs {
			add(att("pmovmskb", gpr(r, W32), vreg(d)), func(a *Assembler) { a.Pmovmskb(r, d) })
			add(att("vpmovmskb", gpr(r, W32), vreg(y)), func(a *Assembler) { a.Vpmovmskb(r, y) })
			add(att("movd", vreg(d), gpr(r, W32)), func(a *Assembler) { a.Movd(d, r) })
			add(att("movd", gpr(r, W32), vreg(d)), func(a *Assembler) { a.Movd(r, d) })
			add(att("movq", vreg(d), gpr(r, W64)), func(a *Assembler) { a.Movq(d, r) })
			add(att("movq", gpr(r, W64), vreg(d)), func(a *Assembler) { a.Movq(r, d) })
			add(att("vmovd", vreg(d), gpr(r, W32)), func(a *Assembler) { a.Vmovd(d, r) })
			add(att("vmovd", gpr(r, W32), vreg(d)), func(a *Assembler) { a.Vmovd(r, d) })
		}
	}
	for _, base := range allRegs {
		m := Mem{Base: base, Disp: 32}
		add(att("vpcmpeqb", "%ymm1", "%ymm2", memATT(m)), func(a *Assembler) { a.Vpcmpeqb(Y1, Y2, m) })
		add(att("pcmpeqb", "%xmm1", memATT(m)), func(a *Assembler) { a.Pcmpeqb(X1, m) })
		for _, index := range allRegs {
			if index == RSP {
				continue
			}
			m := Mem{Base: base, Index: index, Scale: 1}
			add(att("vmovdqu", "%ymm9", memATT(m)), func(a *Assembler) { a.Vmovdqu(Y9, m) })
			add(att("movdqu", "%xmm9", memATT(m)), func(a *Assembler) { a.Movdqu(X9, m) })
		}
	}
	checkCases(t, cases)
	t.Logf("%d generated cases", len(cases))
}
