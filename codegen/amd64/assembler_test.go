package amd64

import (
	"bytes"
	"encoding/hex"
	"strings"
	"testing"

	"golang.org/x/arch/x86/x86asm"
)

// decodeAll decodes code from start to end and returns the instructions with
// their offsets.
func decodeAll(t *testing.T, code []byte) ([]x86asm.Inst, []int) {
	t.Helper()
	var insts []x86asm.Inst
	var offs []int
	for pc := 0; pc < len(code); {
		inst, err := Decode(code[pc:])
		if err != nil {
			t.Fatalf("decode at %d (% x): %v", pc, code[pc:], err)
		}
		insts = append(insts, inst)
		offs = append(offs, pc)
		pc += inst.Len
	}
	return insts, offs
}

// branchTarget returns the absolute target of the branch inst at pc.
func branchTarget(t *testing.T, inst x86asm.Inst, pc int) int {
	t.Helper()
	rel, ok := inst.Args[0].(x86asm.Rel)
	if !ok {
		t.Fatalf("%v at %d is not a relative branch", inst, pc)
	}
	return pc + inst.Len + int(rel)
}

func TestBranchSizes(t *testing.T) {
	tests := []struct {
		name     string
		backward bool
		cond     bool
		gap      int // bytes of NOPs between branch and target
		wantLen  int
	}{
		{"jmp forward 0", false, false, 0, 2},
		{"jmp forward 127 (rel8 max)", false, false, 127, 2},
		{"jmp forward 128", false, false, 128, 5},
		{"jcc forward 127", false, true, 127, 2},
		{"jcc forward 128", false, true, 128, 6},
		{"jmp backward 126 (rel8 min -128)", true, false, 126, 2},
		{"jmp backward 127", true, false, 127, 5},
		{"jcc backward 126", true, true, 126, 2},
		{"jcc backward 127", true, true, 127, 6},
		{"jcc forward 100000", false, true, 100000, 6},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var a Assembler
			l := a.NewLabel("target")
			branch := func() {
				if tt.cond {
					a.J(CondNE, l)
				} else {
					a.Jmp(l)
				}
			}
			if tt.backward {
				a.Bind(l)
				a.Nop(tt.gap)
				branch()
			} else {
				branch()
				a.Nop(tt.gap)
				a.Bind(l)
			}
			code, err := a.Assemble()
			if err != nil {
				t.Fatal(err)
			}
			at := 0
			if tt.backward {
				at = tt.gap
			}
			inst, err := Decode(code[at:])
			if err != nil {
				t.Fatal(err)
			}
			if inst.Len != tt.wantLen {
				t.Errorf("branch is %d bytes (% x), want %d", inst.Len, code[at:at+inst.Len], tt.wantLen)
			}
			want, _ := a.Offset(l)
			if got := branchTarget(t, inst, at); got != want {
				t.Errorf("branch goes to %d, label at %d", got, want)
			}
		})
	}
}

// TestBranchConditions checks every condition in rel8 and rel32 form.
func TestBranchConditions(t *testing.T) {
	for _, long := range []bool{false, true} {
		var a Assembler
		l := a.NewLabel("top")
		a.Bind(l)
		if long {
			a.Nop(200)
		}
		for cc := CondO; cc <= CondG; cc++ {
			a.J(cc, l)
		}
		code, err := a.Assemble()
		if err != nil {
			t.Fatal(err)
		}
		insts, offs := decodeAll(t, code)
		var i int
		for i = 0; i < len(insts) && insts[i].Op == x86asm.NOP; i++ {
		}
		for cc := CondO; cc <= CondG; cc, i = cc+1, i+1 {
			inst := insts[i]
			if got, want := strings.ToLower(inst.Op.String()), "j"+cc.String(); !sameCond(got, want) {
				t.Errorf("long=%v: condition %v decodes as %s", long, cc, got)
			}
			if wantLen := map[bool]int{false: 2, true: 6}[long]; inst.Len != wantLen {
				t.Errorf("long=%v: j%v is %d bytes", long, cc, inst.Len)
			}
			if got := branchTarget(t, inst, offs[i]); got != 0 {
				t.Errorf("j%v goes to %d, want 0", cc, got)
			}
		}
	}
}

// sameCond compares x86asm's condition spellings with ours.
func sameCond(got, want string) bool {
	alias := map[string]string{"jnb": "jae", "jz": "je", "jnz": "jne", "jnbe": "ja", "jnl": "jge", "jnle": "jg", "jnp": "jnp", "jp": "jp"}
	if a, ok := alias[got]; ok {
		got = a
	}
	return got == want
}

// TestRelaxationCascade builds a chain where widening one branch pushes a
// neighbour out of rel8 range, so layout must iterate.
func TestRelaxationCascade(t *testing.T) {
	var a Assembler
	end := a.NewLabel("end")
	a.Jmp(end) // reaches 2+2+123 = 127 bytes only if the next branch stays short
	far := a.NewLabel("far")
	a.J(CondE, far)
	a.Nop(123)
	a.Bind(end)
	a.Nop(4)
	a.Ret()
	a.Nop(200)
	a.Bind(far)
	a.Ret()
	code, err := a.Assemble()
	if err != nil {
		t.Fatal(err)
	}
	insts, offs := decodeAll(t, code)
	for i, inst := range insts[:2] {
		wantTarget := map[int]Label{0: end, 1: far}[i]
		want, _ := a.Offset(wantTarget)
		if got := branchTarget(t, inst, offs[i]); got != want {
			t.Errorf("branch %d goes to %d, want %d", i, got, want)
		}
	}
	if insts[0].Len != 5 || insts[1].Len != 6 {
		t.Errorf("branch sizes %d and %d, want 5 and 6 (the jcc's widening pushes the jmp out of range)", insts[0].Len, insts[1].Len)
	}
}

func TestAlign(t *testing.T) {
	for _, align := range []int{2, 4, 8, 16, 32, 64} {
		for pre := 0; pre < align+3; pre++ {
			var a Assembler
			a.Data(bytes.Repeat([]byte{0xCC}, pre))
			l := a.NewLabel("head")
			a.Align(align)
			a.Bind(l)
			a.Ret()
			code, err := a.Assemble()
			if err != nil {
				t.Fatal(err)
			}
			off, _ := a.Offset(l)
			if off%align != 0 || off-pre >= align {
				t.Fatalf("align %d after %d bytes: label at %d", align, pre, off)
			}
			insts, offs := decodeAll(t, code[pre:])
			for i, inst := range insts {
				if pre+offs[i] < off && inst.Op != x86asm.NOP {
					t.Errorf("align %d after %d bytes: padding decodes as %v", align, pre, inst)
				}
			}
			if n := len(insts) - 1; n > (align+8)/9 {
				t.Errorf("align %d after %d bytes: %d NOP instructions", align, pre, n)
			}
		}
	}
}

func TestNopForms(t *testing.T) {
	var cases []encCase
	want := []string{"", "nop", "xchg %ax,%ax", "nopl (%rax)", "nopl 0x0(%rax)", "nopl 0x0(%rax,%rax,1)",
		"nopw 0x0(%rax,%rax,1)", "nopl 0x0(%rax)", "nopl 0x0(%rax,%rax,1)", "nopw 0x0(%rax,%rax,1)"}
	for n := 1; n <= 9; n++ {
		cases = append(cases, encCase{name: "nop" + string(rune('0'+n)), emit: func(a *Assembler) { a.Nop(n) },
			hex: hex.EncodeToString(nops[n]), att: want[n]})
	}
	checkCases(t, cases)
}

func TestRIPLabel(t *testing.T) {
	var a Assembler
	table := a.NewLabel(".table")
	a.Lea(W64, RAX, Mem{Label: table})
	a.Movdqu(X0, Mem{Label: table, Disp: 16})
	a.Cmp(W8, Mem{Label: table, Disp: 1}, Imm(7)) // immediate after the disp32
	a.Ret()
	a.Align(16)
	a.Bind(table)
	a.Data(make([]byte, 32))
	code, err := a.Assemble()
	if err != nil {
		t.Fatal(err)
	}
	tableOff, _ := a.Offset(table)
	insts, offs := decodeAll(t, code[:tableOff])
	for i, wantAddend := range []int{0, 16, 1} {
		mem := insts[i].Args[0]
		if _, ok := mem.(x86asm.Mem); !ok {
			mem = insts[i].Args[1]
		}
		disp := int(mem.(x86asm.Mem).Disp)
		if got := offs[i] + insts[i].Len + disp; got != tableOff+wantAddend {
			t.Errorf("%v: reaches %d, want %d", insts[i], got, tableOff+wantAddend)
		}
	}
}

func TestErrors(t *testing.T) {
	tests := []struct {
		name string
		emit func(a *Assembler)
	}{
		{"mem to mem", func(a *Assembler) { a.Mov(W64, Mem{Base: RAX}, Mem{Base: RCX}) }},
		{"rsp index", func(a *Assembler) { a.Mov(W64, RAX, Mem{Base: RAX, Index: RSP}) }},
		{"scale 3", func(a *Assembler) { a.Mov(W64, RAX, Mem{Base: RAX, Index: RCX, Scale: 3}) }},
		{"rip with base", func(a *Assembler) { a.Mov(W64, RAX, Mem{Base: RAX, RIP: true}) }},
		{"imm too wide for r8", func(a *Assembler) { a.Add(W8, RAX, Imm(256)) }},
		{"imm too wide for r64", func(a *Assembler) { a.Add(W64, RAX, Imm(1<<31)) }},
		{"imm to imm", func(a *Assembler) { a.Add(W64, Imm(1), Imm(2)) }},
		{"bad width", func(a *Assembler) { a.Add(Width(7), RAX, RCX) }},
		{"shift by rdx", func(a *Assembler) { a.Shl(W64, RAX, RDX) }},
		{"shift count 64", func(a *Assembler) { a.Shl(W64, RAX, Imm(64)) }},
		{"bt 8-bit", func(a *Assembler) { a.Bt(W8, RAX, Imm(1)) }},
		{"movzx 8 to 8", func(a *Assembler) { a.Movzx(W8, RAX, W8, RCX) }},
		{"movzx from 32", func(a *Assembler) { a.Movzx(W64, RAX, W32, RCX) }},
		{"tzcnt 8-bit", func(a *Assembler) { a.Tzcnt(W8, RAX, RCX) }},
		{"sse with ymm", func(a *Assembler) { a.Pcmpeqb(Y1, Y2) }},
		{"avx mixed widths", func(a *Assembler) { a.Vpcmpeqb(Y1, X2, Y3) }},
		{"vpbroadcastb from ymm", func(a *Assembler) { a.Vpbroadcastb(Y1, Y2) }},
		{"no register", func(a *Assembler) { a.Mov(W64, NoReg, RAX) }},
		{"align 3", func(a *Assembler) { a.Align(3) }},
		{"unbound label", func(a *Assembler) { a.Jmp(a.NewLabel("x")) }},
		{"unbound rip label", func(a *Assembler) { a.Lea(W64, RAX, Mem{Label: a.NewLabel("x")}) }},
		{"label bound twice", func(a *Assembler) { l := a.NewLabel("x"); a.Bind(l); a.Bind(l) }},
		{"foreign label", func(a *Assembler) { var b Assembler; a.Jmp(b.NewLabel("x")) }},
		{"zero label", func(a *Assembler) { a.Jmp(Label{}) }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var a Assembler
			tt.emit(&a)
			a.Ret()
			if code, err := a.Assemble(); err == nil {
				t.Errorf("no error; code % x", code)
			}
		})
	}
}
