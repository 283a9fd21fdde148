package amd64

import "testing"

// m is shorthand for a memory operand in the tables.
func m(base, index Reg, scale uint8, disp int32) Mem {
	return Mem{Base: base, Index: index, Scale: scale, Disp: disp}
}

// The hand-written table: one or more cases per form, chosen to hit each
// encoding rule (REX bits, SIB and displacement special cases, immediate
// sizes, VEX two- and three-byte forms). The sweeps in sweep_test.go cover
// every register in every operand position.
var encodingCases = []encCase{
	// ALU, all forms and widths.
	{"add r64,r64", func(a *Assembler) { a.Add(W64, RAX, RCX) }, "4801c8", "add %rcx,%rax"},
	{"add r64,r64 ext", func(a *Assembler) { a.Add(W64, R15, R8) }, "4d01c7", "add %r8,%r15"},
	{"or r32,r32", func(a *Assembler) { a.Or(W32, RDX, RBX) }, "09da", "or %ebx,%edx"},
	{"adc r16,r16", func(a *Assembler) { a.Adc(W16, RSI, R9) }, "664411ce", "adc %r9w,%si"},
	{"sbb r8,r8 needs REX for sil", func(a *Assembler) { a.Sbb(W8, RSI, RDI) }, "4018fe", "sbb %dil,%sil"},
	{"and r8,r8 legacy", func(a *Assembler) { a.And(W8, RAX, RBX) }, "20d8", "and %bl,%al"},
	{"sub r64,m64", func(a *Assembler) { a.Sub(W64, RAX, m(RDI, NoReg, 0, 8)) }, "482b4708", "sub 0x8(%rdi),%rax"},
	{"xor m32,r32", func(a *Assembler) { a.Xor(W32, m(R12, NoReg, 0, 0), R10) }, "45311424", "xor %r10d,(%r12)"},
	{"cmp r64,imm8", func(a *Assembler) { a.Cmp(W64, RCX, Imm(-1)) }, "4883f9ff", "cmp $0xffffffffffffffff,%rcx"},
	{"cmp r64,imm32", func(a *Assembler) { a.Cmp(W64, R11, Imm(0x12345)) }, "4981fb45230100", "cmp $0x12345,%r11"},
	{"cmp r32,imm32 unsigned spelling", func(a *Assembler) { a.Cmp(W32, RAX, Imm(0xFFFFFFF0)) }, "83f8f0", "cmp $0xfffffff0,%eax"},
	{"cmp r8,imm8", func(a *Assembler) { a.Cmp(W8, RDI, Imm('a')) }, "4080ff61", "cmp $0x61,%dil"},
	{"cmp m8,imm8", func(a *Assembler) { a.Cmp(W8, m(RSI, RCX, 1, 0), Imm(0xFF)) }, "803c0eff", "cmpb $0xff,(%rsi,%rcx,1)"},
	{"add m64,imm8", func(a *Assembler) { a.Add(W64, m(RDI, NoReg, 0, 16), Imm(1)) }, "4883471001", "addq $0x1,0x10(%rdi)"},
	{"add r16,imm16", func(a *Assembler) { a.Add(W16, RDX, Imm(0x1234)) }, "6681c23412", "add $0x1234,%dx"},

	// mov and its immediate forms.
	{"mov r64,r64", func(a *Assembler) { a.Mov(W64, R13, RSP) }, "4989e5", "mov %rsp,%r13"},
	{"mov r8,m8", func(a *Assembler) { a.Mov(W8, R9, m(RAX, NoReg, 0, 0)) }, "448a08", "mov (%rax),%r9b"},
	{"mov m64,r64", func(a *Assembler) { a.Mov(W64, m(RSP, NoReg, 0, 8), RDI) }, "48897c2408", "mov %rdi,0x8(%rsp)"},
	{"mov r64,imm zero-extended", func(a *Assembler) { a.Mov(W64, RAX, Imm(0xFFFFFFFF)) }, "b8ffffffff", "mov $0xffffffff,%eax"},
	{"mov r64,imm sign-extended", func(a *Assembler) { a.Mov(W64, R8, Imm(-5)) }, "49c7c0fbffffff", "mov $0xfffffffffffffffb,%r8"},
	{"mov r64,imm64", func(a *Assembler) { a.Mov(W64, R14, Imm(1<<40)) }, "49be0000000000010000", "movabs $0x10000000000,%r14"},
	{"mov r32,imm", func(a *Assembler) { a.Mov(W32, R10, Imm(7)) }, "41ba07000000", "mov $0x7,%r10d"},
	{"mov r16,imm", func(a *Assembler) { a.Mov(W16, RCX, Imm(0xBEEF)) }, "66b9efbe", "mov $0xbeef,%cx"},
	{"mov r8,imm spl", func(a *Assembler) { a.Mov(W8, RSP, Imm(1)) }, "40b401", "mov $0x1,%spl"},
	{"mov m32,imm", func(a *Assembler) { a.Mov(W32, m(RBP, NoReg, 0, -4), Imm(42)) }, "c745fc2a000000", "movl $0x2a,-0x4(%rbp)"},
	{"mov m64,imm", func(a *Assembler) { a.Mov(W64, m(R13, NoReg, 0, 0), Imm(-1)) }, "49c74500ffffffff", "movq $0xffffffffffffffff,0x0(%r13)"},
	{"mov m8,imm", func(a *Assembler) { a.Mov(W8, m(RDI, R8, 2, 0x100), Imm(0x80)) }, "42c684470001000080", "movb $0x80,0x100(%rdi,%r8,2)"},

	// Addressing modes: the SIB and displacement special cases.
	{"base rsp needs SIB", func(a *Assembler) { a.Mov(W64, RAX, m(RSP, NoReg, 0, 0)) }, "488b0424", "mov (%rsp),%rax"},
	{"base r12 needs SIB", func(a *Assembler) { a.Mov(W64, RAX, m(R12, NoReg, 0, 0)) }, "498b0424", "mov (%r12),%rax"},
	{"base rbp needs disp8", func(a *Assembler) { a.Mov(W64, RAX, m(RBP, NoReg, 0, 0)) }, "488b4500", "mov 0x0(%rbp),%rax"},
	{"base r13 needs disp8", func(a *Assembler) { a.Mov(W64, RAX, m(R13, NoReg, 0, 0)) }, "498b4500", "mov 0x0(%r13),%rax"},
	{"base r13 index needs disp8", func(a *Assembler) { a.Mov(W64, RAX, m(R13, RAX, 1, 0)) }, "498b440500", "mov 0x0(%r13,%rax,1),%rax"},
	{"index r12 is fine", func(a *Assembler) { a.Mov(W64, RAX, m(RAX, R12, 4, 0)) }, "4a8b04a0", "mov (%rax,%r12,4),%rax"},
	{"disp8 negative", func(a *Assembler) { a.Mov(W64, RAX, m(RSI, NoReg, 0, -128)) }, "488b4680", "mov -0x80(%rsi),%rax"},
	{"disp32 just past disp8", func(a *Assembler) { a.Mov(W64, RAX, m(RSI, NoReg, 0, 128)) }, "488b8680000000", "mov 0x80(%rsi),%rax"},
	{"disp32 negative", func(a *Assembler) { a.Mov(W64, RAX, m(RSI, RDI, 8, -0x10000)) }, "488b84fe0000ffff", "mov -0x10000(%rsi,%rdi,8),%rax"},
	{"no base, index", func(a *Assembler) { a.Lea(W64, RAX, m(NoReg, RCX, 4, 16)) }, "488d048d10000000", "lea 0x10(,%rcx,4),%rax"},
	{"absolute disp32", func(a *Assembler) { a.Mov(W32, RAX, m(NoReg, NoReg, 0, 0x1000)) }, "8b042500100000", "mov 0x1000,%eax"},
	{"rip-relative", func(a *Assembler) { a.Lea(W64, R9, Mem{RIP: true, Disp: 0x40}) }, "4c8d0d40000000", "lea 0x40(%rip),%r9"},

	// movzx, movsx, lea.
	{"movzx r32,m8", func(a *Assembler) { a.Movzx(W32, RAX, W8, m(RSI, RCX, 1, 0)) }, "0fb6040e", "movzbl (%rsi,%rcx,1),%eax"},
	{"movzx r64,r8 dil", func(a *Assembler) { a.Movzx(W64, R9, W8, RDI) }, "4c0fb6cf", "movzbq %dil,%r9"},
	{"movzx r32,r16", func(a *Assembler) { a.Movzx(W32, R15, W16, RAX) }, "440fb7f8", "movzwl %ax,%r15d"},
	{"movzx r16,r8", func(a *Assembler) { a.Movzx(W16, RAX, W8, RBX) }, "660fb6c3", "movzbw %bl,%ax"},
	{"movsx r64,m8", func(a *Assembler) { a.Movsx(W64, RDX, W8, m(R8, NoReg, 0, 1)) }, "490fbe5001", "movsbq 0x1(%r8),%rdx"},
	{"lea r32", func(a *Assembler) { a.Lea(W32, RAX, m(RAX, RAX, 2, 0)) }, "8d0440", "lea (%rax,%rax,2),%eax"},

	// test, bt.
	{"test r64,r64", func(a *Assembler) { a.Test(W64, RAX, RAX) }, "4885c0", "test %rax,%rax"},
	{"test r8,imm", func(a *Assembler) { a.Test(W8, RAX, Imm(0x80)) }, "f6c080", "test $0x80,%al"},
	{"test m32,imm", func(a *Assembler) { a.Test(W32, m(RDI, NoReg, 0, 4), Imm(0x100)) }, "f7470400010000", "testl $0x100,0x4(%rdi)"},
	{"bt r64,imm", func(a *Assembler) { a.Bt(W64, RAX, Imm(63)) }, "480fbae03f", "bt $0x3f,%rax"},
	{"bt r64,r64", func(a *Assembler) { a.Bt(W64, R12, R13) }, "4d0fa3ec", "bt %r13,%r12"},
	{"bt m32,r32", func(a *Assembler) { a.Bt(W32, m(RDI, NoReg, 0, 0), RCX) }, "0fa30f", "bt %ecx,(%rdi)"},
	{"bts r32,imm", func(a *Assembler) { a.Bts(W32, RDX, Imm(5)) }, "0fbaea05", "bts $0x5,%edx"},
	{"btr r64,r64", func(a *Assembler) { a.Btr(W64, RAX, RCX) }, "480fb3c8", "btr %rcx,%rax"},

	// Shifts.
	{"shl r64,imm", func(a *Assembler) { a.Shl(W64, RAX, Imm(4)) }, "48c1e004", "shl $0x4,%rax"},
	{"shr r32,cl", func(a *Assembler) { a.Shr(W32, R9, RCX) }, "41d3e9", "shr %cl,%r9d"},
	{"sar r8,imm", func(a *Assembler) { a.Sar(W8, RSI, Imm(1)) }, "40c0fe01", "sar $0x1,%sil"},
	{"rol m64,imm", func(a *Assembler) { a.Rol(W64, m(RSP, NoReg, 0, 0), Imm(8)) }, "48c1042408", "rolq $0x8,(%rsp)"},
	{"ror r16,cl", func(a *Assembler) { a.Ror(W16, RDX, RCX) }, "66d3ca", "ror %cl,%dx"},

	// Bit counts.
	{"tzcnt r64,r64", func(a *Assembler) { a.Tzcnt(W64, RAX, R8) }, "f3490fbcc0", "tzcnt %r8,%rax"},
	{"tzcnt r32,r32", func(a *Assembler) { a.Tzcnt(W32, R11, RDX) }, "f3440fbcda", "tzcnt %edx,%r11d"},
	{"lzcnt r64,m64", func(a *Assembler) { a.Lzcnt(W64, RCX, m(RDI, NoReg, 0, 0)) }, "f3480fbd0f", "lzcnt (%rdi),%rcx"},
	{"popcnt r16,r16", func(a *Assembler) { a.Popcnt(W16, RAX, R8) }, "66f3410fb8c0", "popcnt %r8w,%ax"},
	{"popcnt r64,r64", func(a *Assembler) { a.Popcnt(W64, R15, R15) }, "f34d0fb8ff", "popcnt %r15,%r15"},
	{"bsf r32,r32", func(a *Assembler) { a.Bsf(W32, RAX, RCX) }, "0fbcc1", "bsf %ecx,%eax"},
	{"bsr r64,r64", func(a *Assembler) { a.Bsr(W64, R10, RBX) }, "4c0fbdd3", "bsr %rbx,%r10"},

	// cmov, setcc, imul, inc/dec/neg/not.
	{"cmovae r64,m64", func(a *Assembler) { a.Cmov(CondAE, W64, RAX, m(R13, NoReg, 0, 0)) }, "490f434500", "cmovae 0x0(%r13),%rax"},
	{"cmovne r32,r32", func(a *Assembler) { a.Cmov(CondNE, W32, R8, R9) }, "450f45c1", "cmovne %r9d,%r8d"},
	{"cmovl r16,r16", func(a *Assembler) { a.Cmov(CondL, W16, RAX, RBX) }, "660f4cc3", "cmovl %bx,%ax"},
	{"sete sil", func(a *Assembler) { a.Setcc(CondE, RSI) }, "400f94c6", "sete %sil"},
	{"setb m8", func(a *Assembler) { a.Setcc(CondB, m(RDI, NoReg, 0, 3)) }, "0f924703", "setb 0x3(%rdi)"},
	{"imul r64,r64", func(a *Assembler) { a.Imul(W64, RAX, R12) }, "490fafc4", "imul %r12,%rax"},
	{"inc r64", func(a *Assembler) { a.Inc(W64, R11) }, "49ffc3", "inc %r11"},
	{"dec m32", func(a *Assembler) { a.Dec(W32, m(RAX, NoReg, 0, 0)) }, "ff08", "decl (%rax)"},
	{"neg r32", func(a *Assembler) { a.Neg(W32, RCX) }, "f7d9", "neg %ecx"},
	{"not r8", func(a *Assembler) { a.Not(W8, RBP) }, "40f6d5", "not %bpl"},

	// Control and padding.
	{"ret", func(a *Assembler) { a.Ret() }, "c3", "ret"},
	{"ud2", func(a *Assembler) { a.Ud2() }, "0f0b", "ud2"},
	{"int3", func(a *Assembler) { a.Int3() }, "cc", "int3"},
	{"jmp r64", func(a *Assembler) { a.JmpIndirect(R11) }, "41ffe3", "jmp *%r11"},
	{"jmp m64", func(a *Assembler) { a.JmpIndirect(m(RDI, RAX, 8, 0)) }, "ff24c7", "jmp *(%rdi,%rax,8)"},

	// SSE2/SSSE3.
	{"pcmpeqb x,x", func(a *Assembler) { a.Pcmpeqb(X1, X9) }, "66410f74c9", "pcmpeqb %xmm9,%xmm1"},
	{"pcmpeqb x,m", func(a *Assembler) { a.Pcmpeqb(X15, m(RSI, RCX, 1, 16)) }, "66440f747c0e10", "pcmpeqb 0x10(%rsi,%rcx,1),%xmm15"},
	{"pmovmskb r32,x", func(a *Assembler) { a.Pmovmskb(R10, X15) }, "66450fd7d7", "pmovmskb %xmm15,%r10d"},
	{"pshufb x,m", func(a *Assembler) { a.Pshufb(X0, m(RAX, NoReg, 0, 0)) }, "660f380000", "pshufb (%rax),%xmm0"},
	{"pand x,x", func(a *Assembler) { a.Pand(X2, X3) }, "660fdbd3", "pand %xmm3,%xmm2"},
	{"pandn x,x", func(a *Assembler) { a.Pandn(X10, X3) }, "66440fdfd3", "pandn %xmm3,%xmm10"},
	{"por x,x", func(a *Assembler) { a.Por(X4, X12) }, "66410febe4", "por %xmm12,%xmm4"},
	{"pxor x,x", func(a *Assembler) { a.Pxor(X0, X0) }, "660fefc0", "pxor %xmm0,%xmm0"},
	{"psrlw x,imm", func(a *Assembler) { a.Psrlw(X9, Imm(4)) }, "66410f71d104", "psrlw $0x4,%xmm9"},
	{"movdqu x,m", func(a *Assembler) { a.Movdqu(X3, m(RSI, RCX, 1, 0)) }, "f30f6f1c0e", "movdqu (%rsi,%rcx,1),%xmm3"},
	{"movdqu m,x", func(a *Assembler) { a.Movdqu(m(RSI, NoReg, 0, 0), X12) }, "f3440f7f26", "movdqu %xmm12,(%rsi)"},
	{"movdqu x,x", func(a *Assembler) { a.Movdqu(X1, X2) }, "f30f6fca", "movdqu %xmm2,%xmm1"},
	{"movdqa x,m rip", func(a *Assembler) { a.Movdqa(X7, Mem{RIP: true, Disp: 0x20}) }, "660f6f3d20000000", "movdqa 0x20(%rip),%xmm7"},
	{"movd x,r32", func(a *Assembler) { a.Movd(X1, RAX) }, "660f6ec8", "movd %eax,%xmm1"},
	{"movd r32,x", func(a *Assembler) { a.Movd(R9, X8) }, "66450f7ec1", "movd %xmm8,%r9d"},
	{"movq x,r64", func(a *Assembler) { a.Movq(X1, R11) }, "66490f6ecb", "movq %r11,%xmm1"},
	{"movq r64,x", func(a *Assembler) { a.Movq(RAX, X14) }, "664c0f7ef0", "movq %xmm14,%rax"},

	// AVX2.
	{"vpcmpeqb y,y,y 3-byte VEX", func(a *Assembler) { a.Vpcmpeqb(Y1, Y2, Y9) }, "c4c16d74c9", "vpcmpeqb %ymm9,%ymm2,%ymm1"},
	{"vpcmpeqb y,y,y 2-byte VEX", func(a *Assembler) { a.Vpcmpeqb(Y8, Y15, Y7) }, "c50574c7", "vpcmpeqb %ymm7,%ymm15,%ymm8"},
	{"vpcmpeqb y,y,m", func(a *Assembler) { a.Vpcmpeqb(Y1, Y12, m(R9, NoReg, 0, 32)) }, "c4c11d744920", "vpcmpeqb 0x20(%r9),%ymm12,%ymm1"},
	{"vpcmpeqb x,x,x", func(a *Assembler) { a.Vpcmpeqb(X1, X2, X3) }, "c5e974cb", "vpcmpeqb %xmm3,%xmm2,%xmm1"},
	{"vpmovmskb r32,y", func(a *Assembler) { a.Vpmovmskb(RAX, Y3) }, "c5fdd7c3", "vpmovmskb %ymm3,%eax"},
	{"vpmovmskb r32,y ext", func(a *Assembler) { a.Vpmovmskb(R12, Y13) }, "c4417dd7e5", "vpmovmskb %ymm13,%r12d"},
	{"vpshufb y,y,y", func(a *Assembler) { a.Vpshufb(Y0, Y1, Y2) }, "c4e27500c2", "vpshufb %ymm2,%ymm1,%ymm0"},
	{"vpand y,y,m", func(a *Assembler) { a.Vpand(Y3, Y4, m(RSP, NoReg, 0, 0)) }, "c5dddb1c24", "vpand (%rsp),%ymm4,%ymm3"},
	{"vpandn y,y,y", func(a *Assembler) { a.Vpandn(Y3, Y4, Y5) }, "c5dddfdd", "vpandn %ymm5,%ymm4,%ymm3"},
	{"vpor y,y,y", func(a *Assembler) { a.Vpor(Y10, Y11, Y12) }, "c44125ebd4", "vpor %ymm12,%ymm11,%ymm10"},
	{"vpxor y,y,y", func(a *Assembler) { a.Vpxor(Y0, Y0, Y0) }, "c5fdefc0", "vpxor %ymm0,%ymm0,%ymm0"},
	{"vpsrlw y,y,imm", func(a *Assembler) { a.Vpsrlw(Y1, Y14, Imm(4)) }, "c4c17571d604", "vpsrlw $0x4,%ymm14,%ymm1"},
	{"vpbroadcastb y,x", func(a *Assembler) { a.Vpbroadcastb(Y4, X5) }, "c4e27d78e5", "vpbroadcastb %xmm5,%ymm4"},
	{"vpbroadcastb y,m8", func(a *Assembler) { a.Vpbroadcastb(Y9, m(RDI, NoReg, 0, 1)) }, "c4627d784f01", "vpbroadcastb 0x1(%rdi),%ymm9"},
	{"vpbroadcastb x,x", func(a *Assembler) { a.Vpbroadcastb(X0, X8) }, "c4c27978c0", "vpbroadcastb %xmm8,%xmm0"},
	{"vmovdqu y,m", func(a *Assembler) { a.Vmovdqu(Y5, m(RDI, NoReg, 0, 0)) }, "c5fe6f2f", "vmovdqu (%rdi),%ymm5"},
	{"vmovdqu m,y", func(a *Assembler) { a.Vmovdqu(m(R8, RCX, 1, -32), Y15) }, "c4417e7f7c08e0", "vmovdqu %ymm15,-0x20(%r8,%rcx,1)"},
	{"vmovdqu y,y", func(a *Assembler) { a.Vmovdqu(Y1, Y9) }, "c4c17e6fc9", "vmovdqu %ymm9,%ymm1"},
	{"vmovd x,r32", func(a *Assembler) { a.Vmovd(X1, RAX) }, "c5f96ec8", "vmovd %eax,%xmm1"},
	{"vmovd x,r32 ext", func(a *Assembler) { a.Vmovd(X10, R10) }, "c441796ed2", "vmovd %r10d,%xmm10"},
	{"vmovd r32,x", func(a *Assembler) { a.Vmovd(RDX, X3) }, "c5f97eda", "vmovd %xmm3,%edx"},
	{"vzeroupper", func(a *Assembler) { a.Vzeroupper() }, "c5f877", "vzeroupper"},
}

func TestEncoding(t *testing.T) { checkCases(t, encodingCases) }
