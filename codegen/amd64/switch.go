package amd64

import "sort"

// ByteCase is one arm of [Assembler.ByteSwitch]: the bytes from Lo up to
// the next case's Lo (or 255) go to Target.
type ByteCase struct {
	Lo     int
	Target Label
}

// ByteSwitch emits a binary search of the byte value in the 32-bit
// register r over cases, which must be sorted by Lo and start at 0, and
// jumps to the target of the case that holds it. The first split is at
// 0x80 when a case starts there, so that ASCII text meets only the
// compares of its half. It clobbers nothing but the flags.
func (a *Assembler) ByteSwitch(r Reg, cases []ByteCase) {
	if len(cases) == 1 {
		a.Jmp(cases[0].Target)
		return
	}
	mid := len(cases) / 2
	if i := sort.Search(len(cases), func(i int) bool { return cases[i].Lo >= 0x80 }); i > 0 && i < len(cases) && cases[i].Lo == 0x80 {
		mid = i
	}
	left := a.NewLabel("")
	a.Cmp(W32, r, Imm(int64(cases[mid].Lo)))
	a.J(CondB, left)
	a.ByteSwitch(r, cases[mid:])
	a.Bind(left)
	a.ByteSwitch(r, cases[:mid])
}
