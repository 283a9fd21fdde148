package amd64

import (
	"strings"
	"testing"
)

func TestDisassemble(t *testing.T) {
	var a Assembler
	loop := a.NewLabel("loop")
	done := a.NewLabel("done")
	table := a.NewLabel(".table")
	a.Xor(W32, RAX, RAX)
	a.Align(16)
	a.Bind(loop)
	a.Cmp(W64, RCX, RDX)
	a.J(CondAE, done)
	a.Movzx(W32, R8, W8, Mem{Base: RSI, Index: RCX, Scale: 1})
	a.Add(W64, RAX, R8)
	a.Inc(W64, RCX)
	a.Jmp(loop)
	a.Bind(done)
	a.Lea(W64, RDI, Mem{Label: table})
	a.Ret()
	a.Bind(table)
	a.Data([]byte{1, 2, 3})
	code, err := a.Assemble()
	if err != nil {
		t.Fatal(err)
	}
	var sb strings.Builder
	if err := Disassemble(&sb, code, a.Labels()); err != nil {
		t.Fatal(err)
	}
	want := `  0000  31 c0                    xor eax, eax
  0002  66 0f 1f 84 00 00 00 00 00 nop word ptr [rax+rax], ax
  000b  0f 1f 44 00 00           nop dword ptr [rax+rax], eax
loop:
  0010  48 39 d1                 cmp rcx, rdx
  0013  73 0d                    jnb done
  0015  44 0f b6 04 0e           movzx r8d, byte ptr [rsi+rcx]
  001a  4c 01 c0                 add rax, r8
  001d  48 ff c1                 inc rcx
  0020  eb ee                    jmp loop
done:
  0022  48 8d 3d 01 00 00 00     lea rdi, ptr [.table]
  0029  c3                       ret
.table:
  002a  01 02 03                 .byte 0x01, 0x02, 0x03
`
	if got := sb.String(); got != want {
		t.Errorf("Disassemble:\n%s\nwant:\n%s", got, want)
	}
}
