package amd64

import "fmt"

// Reg is a general-purpose register. The zero Reg is "no register", which
// is what an unset Base or Index of a [Mem] means.
type Reg uint8

// The general-purpose registers, in hardware-encoding order.
const (
	RAX Reg = 1 + iota
	RCX
	RDX
	RBX
	RSP
	RBP
	RSI
	RDI
	R8
	R9
	R10
	R11
	R12
	R13
	R14
	R15
)

// NoReg is the absent register.
const NoReg Reg = 0

var regNames = [17]string{"none", "rax", "rcx", "rdx", "rbx", "rsp", "rbp", "rsi", "rdi",
	"r8", "r9", "r10", "r11", "r12", "r13", "r14", "r15"}

// String returns the 64-bit name of r, for example "rax" or "r12".
func (r Reg) String() string {
	if int(r) < len(regNames) {
		return regNames[r]
	}
	return fmt.Sprintf("Reg(%d)", r)
}

func (r Reg) valid() bool { return r >= RAX && r <= R15 }

// enc returns the 4-bit hardware number of r.
func (r Reg) enc() byte { return byte(r - 1) }

// VReg is an SSE or AVX vector register: X0–X15 name the 128-bit XMM
// registers and Y0–Y15 the 256-bit YMM registers. SSE instructions take only
// X registers; AVX instructions take X or Y, and the register width selects
// VEX.L.
type VReg uint8

// The vector registers.
const (
	X0 VReg = 1 + iota
	X1
	X2
	X3
	X4
	X5
	X6
	X7
	X8
	X9
	X10
	X11
	X12
	X13
	X14
	X15
	Y0
	Y1
	Y2
	Y3
	Y4
	Y5
	Y6
	Y7
	Y8
	Y9
	Y10
	Y11
	Y12
	Y13
	Y14
	Y15
)

// String returns the name of v, for example "xmm3" or "ymm12".
func (v VReg) String() string {
	switch {
	case v >= X0 && v <= X15:
		return fmt.Sprintf("xmm%d", v-X0)
	case v >= Y0 && v <= Y15:
		return fmt.Sprintf("ymm%d", v-Y0)
	}
	return fmt.Sprintf("VReg(%d)", v)
}

func (v VReg) valid() bool { return v >= X0 && v <= Y15 }
func (v VReg) isX() bool   { return v >= X0 && v <= X15 }
func (v VReg) isY() bool   { return v >= Y0 && v <= Y15 }

// enc returns the 4-bit hardware number of v.
func (v VReg) enc() byte {
	if v.isY() {
		return byte(v - Y0)
	}
	return byte(v - X0)
}

// Width is an operand size.
type Width uint8

// The operand sizes.
const (
	W8  Width = 8
	W16 Width = 16
	W32 Width = 32
	W64 Width = 64
)
