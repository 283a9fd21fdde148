// Package lookcode emits x86-64 tests of the empty-width assertions of
// regular expressions (start and end of text and line, ASCII word
// boundaries, and where an invalid UTF-8 encoding starts), and the
// decoding of one rune as utf8.DecodeRune measures it, for the code
// generators that walk a haystack byte by byte.
package lookcode

import (
	"fmt"

	"github.com/rxjit/rxjit/codegen/amd64"
)

// Look is an assertion; the values are package nfa's.
type Look uint8

// The assertions.
const (
	BeginText Look = 1 << iota
	EndText
	BeginLine
	EndLine
	WordBoundary
	NoWordBoundary
	InvalidRune // an invalid or truncated UTF-8 encoding starts here
)

// All is every assertion Emit can test.
const All = BeginText | EndText | BeginLine | EndLine | WordBoundary | NoWordBoundary | InvalidRune

// Regs names what the emitted code reads and may clobber: the haystack
// and the position (registers), the haystack's length (a register or
// memory operand), three scratch registers, and the label of the table
// WordTable emits.
type Regs struct {
	Hay, Pos   amd64.Reg
	Len        amd64.Operand
	T1, T2, T3 amd64.Reg
	Words      amd64.Label
}

// Emit emits the tests of every assertion in looks at the position: the
// code falls through when all hold and jumps to fail otherwise. It
// clobbers the scratch registers.
func Emit(a *amd64.Assembler, r Regs, looks Look, fail amd64.Label) error {
	if looks&^All != 0 {
		return fmt.Errorf("lookcode: assertions %#x", looks&^All)
	}
	for l := Look(1); l != 0 && l <= looks; l <<= 1 {
		if looks&l != 0 {
			emit(a, r, l, fail)
		}
	}
	return nil
}

func emit(a *amd64.Assembler, r Regs, l Look, fail amd64.Label) {
	ok := a.NewLabel("")
	at := func(disp int32) amd64.Mem { return amd64.Mem{Base: r.Hay, Index: r.Pos, Scale: 1, Disp: disp} }
	switch l {
	case BeginText:
		a.Test(amd64.W64, r.Pos, r.Pos)
		a.J(amd64.CondNE, fail)
	case EndText:
		a.Cmp(amd64.W64, r.Pos, r.Len)
		a.J(amd64.CondNE, fail)
	case BeginLine:
		a.Test(amd64.W64, r.Pos, r.Pos)
		a.J(amd64.CondE, ok)
		a.Cmp(amd64.W8, at(-1), amd64.Imm('\n'))
		a.J(amd64.CondNE, fail)
	case EndLine:
		a.Cmp(amd64.W64, r.Pos, r.Len)
		a.J(amd64.CondE, ok)
		a.Cmp(amd64.W8, at(0), amd64.Imm('\n'))
		a.J(amd64.CondNE, fail)
	case WordBoundary, NoWordBoundary:
		// T2 = word(pos-1), T3 = word(pos), 0 or 1 each.
		a.Lea(amd64.W64, r.T1, amd64.Mem{Label: r.Words})
		a.Xor(amd64.W32, r.T2, r.T2)
		a.Xor(amd64.W32, r.T3, r.T3)
		before, after := a.NewLabel(""), a.NewLabel("")
		a.Test(amd64.W64, r.Pos, r.Pos)
		a.J(amd64.CondE, before)
		a.Movzx(amd64.W32, r.T2, amd64.W8, at(-1))
		a.Movzx(amd64.W32, r.T2, amd64.W8, amd64.Mem{Base: r.T1, Index: r.T2, Scale: 1})
		a.Bind(before)
		a.Cmp(amd64.W64, r.Pos, r.Len)
		a.J(amd64.CondE, after)
		a.Movzx(amd64.W32, r.T3, amd64.W8, at(0))
		a.Movzx(amd64.W32, r.T3, amd64.W8, amd64.Mem{Base: r.T1, Index: r.T3, Scale: 1})
		a.Bind(after)
		a.Cmp(amd64.W32, r.T2, r.T3)
		if l == WordBoundary {
			a.J(amd64.CondE, fail)
		} else {
			a.J(amd64.CondNE, fail)
		}
	case InvalidRune:
		a.Cmp(amd64.W64, r.Pos, r.Len)
		a.J(amd64.CondAE, fail)
		Decode(a, r, r.Pos, ok)
		a.Jmp(fail) // valid
	}
	a.Bind(ok)
}

// Decode emits the decoding of the rune at p (which must be below the
// haystack's length), as utf8.DecodeRune does: the code jumps to invalid
// when the encoding there is invalid or truncated (U+FFFD of width 1)
// and falls through otherwise, with the rune's width in r.T2. It
// clobbers the scratch registers.
func Decode(a *amd64.Assembler, r Regs, p amd64.Reg, invalid amd64.Label) {
	lead, width, t := r.T1, r.T2, r.T3
	done := a.NewLabel("")
	two, three, four := a.NewLabel(""), a.NewLabel(""), a.NewLabel("")
	// cont checks that byte p+k exists and lies in lo..hi.
	cont := func(k int32, lo, hi int64) {
		a.Lea(amd64.W64, t, amd64.Mem{Base: p, Disp: k})
		a.Cmp(amd64.W64, t, r.Len)
		a.J(amd64.CondAE, invalid)
		a.Movzx(amd64.W32, t, amd64.W8, amd64.Mem{Base: r.Hay, Index: p, Scale: 1, Disp: k})
		a.Sub(amd64.W32, t, amd64.Imm(lo))
		a.Cmp(amd64.W32, t, amd64.Imm(hi-lo))
		a.J(amd64.CondA, invalid)
	}
	// second checks the second byte of the encodings led by first,
	// whose range is narrower than a continuation byte's.
	second := func(first, lo, hi int64, join amd64.Label) {
		other := a.NewLabel("")
		a.Cmp(amd64.W32, lead, amd64.Imm(first))
		a.J(amd64.CondNE, other)
		cont(1, lo, hi)
		a.Jmp(join)
		a.Bind(other)
	}
	a.Mov(amd64.W32, width, amd64.Imm(1))
	a.Movzx(amd64.W32, lead, amd64.W8, amd64.Mem{Base: r.Hay, Index: p, Scale: 1})
	a.Cmp(amd64.W32, lead, amd64.Imm(0x80))
	a.J(amd64.CondB, done)
	a.Cmp(amd64.W32, lead, amd64.Imm(0xC2))
	a.J(amd64.CondB, invalid)
	a.Cmp(amd64.W32, lead, amd64.Imm(0xE0))
	a.J(amd64.CondB, two)
	a.Cmp(amd64.W32, lead, amd64.Imm(0xF0))
	a.J(amd64.CondB, three)
	a.Cmp(amd64.W32, lead, amd64.Imm(0xF4))
	a.J(amd64.CondBE, four)
	a.Jmp(invalid)

	a.Bind(two)
	cont(1, 0x80, 0xBF)
	a.Mov(amd64.W32, width, amd64.Imm(2))
	a.Jmp(done)

	a.Bind(three)
	rest3 := a.NewLabel("")
	second(0xE0, 0xA0, 0xBF, rest3)
	second(0xED, 0x80, 0x9F, rest3)
	cont(1, 0x80, 0xBF)
	a.Bind(rest3)
	cont(2, 0x80, 0xBF)
	a.Mov(amd64.W32, width, amd64.Imm(3))
	a.Jmp(done)

	a.Bind(four)
	rest4 := a.NewLabel("")
	second(0xF0, 0x90, 0xBF, rest4)
	second(0xF4, 0x80, 0x8F, rest4)
	cont(1, 0x80, 0xBF)
	a.Bind(rest4)
	cont(2, 0x80, 0xBF)
	cont(3, 0x80, 0xBF)
	a.Mov(amd64.W32, width, amd64.Imm(4))
	a.Bind(done)
}

// WordTable emits, at label l, the 256-byte table of ASCII word bytes
// (1) that the word-boundary tests read. Place it after the code.
func WordTable(a *amd64.Assembler, l amd64.Label) {
	a.Align(16)
	a.Bind(l)
	var table [256]byte
	for c := range table {
		if 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '_' {
			table[c] = 1
		}
	}
	a.Data(table[:])
}
