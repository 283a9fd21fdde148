package amd64

import (
	"fmt"
	"io"
	"sort"
	"strings"

	"golang.org/x/arch/x86/x86asm"
)

// Decode decodes the instruction at the start of code with
// golang.org/x/arch/x86/x86asm (v0.32.0), correcting two decoder mistakes on
// VEX instructions: it claims a ModRM byte that VZEROUPPER and VZEROALL do not
// have whenever more bytes follow, and it reads a SIB byte of 0x64 or 0x65 as
// an FS or GS segment override. A VEX prefix at the start of code means there
// is no legacy prefix, so no segment override either.
func Decode(code []byte) (x86asm.Inst, error) {
	inst, err := x86asm.Decode(code, 64)
	if err != nil {
		return inst, err
	}
	if len(code) > 0 && (code[0] == 0xC4 || code[0] == 0xC5) {
		var keep x86asm.Prefixes
		n := 0
		for _, p := range inst.Prefix {
			switch p &^ (x86asm.PrefixImplicit | x86asm.PrefixIgnored | x86asm.PrefixInvalid) {
			case x86asm.PrefixCS, x86asm.PrefixDS, x86asm.PrefixES, x86asm.PrefixFS, x86asm.PrefixGS, x86asm.PrefixSS:
				continue
			}
			keep[n] = p
			n++
		}
		inst.Prefix = keep
		for i, arg := range inst.Args {
			if m, ok := arg.(x86asm.Mem); ok {
				m.Segment = 0
				inst.Args[i] = m
			}
		}
	}
	if inst.Op == x86asm.VZEROUPPER || inst.Op == x86asm.VZEROALL {
		switch code[0] {
		case 0xC5:
			inst.Len = 3
		case 0xC4:
			inst.Len = 4
		}
	}
	return inst, nil
}

// Disassemble writes a listing of code in Intel syntax to w, one
// instruction per line with its offset and bytes, printing each name of labels
// (offsets to names, as returned by [Assembler.Labels]) on a line of its own
// before the instruction at that offset. Branch targets and RIP-relative
// operands that hit a label are printed as the label's name. Bytes that do
// not decode, such as constant tables, are printed as ".byte" lines and
// decoding resumes at the next label or byte; Disassemble only fails when w
// does.
func Disassemble(w io.Writer, code []byte, labels map[int]string) error {
	sym := func(addr uint64) (string, uint64) {
		if name, ok := labels[int(addr)]; ok {
			return name, addr
		}
		return "", 0
	}
	// Labels that mark data: decode nothing after them until the next
	// label. By convention such labels are named with a leading '.'.
	var offs []int
	for off := range labels {
		offs = append(offs, off)
	}
	sort.Ints(offs)
	data := false
	for pc := 0; pc < len(code); {
		if name, ok := labels[pc]; ok {
			if _, err := fmt.Fprintf(w, "%s:\n", name); err != nil {
				return err
			}
			data = strings.HasPrefix(name, ".")
		}
		next := len(code)
		if i := sort.SearchInts(offs, pc+1); i < len(offs) {
			next = offs[i]
		}
		var inst x86asm.Inst
		var err error
		if !data {
			inst, err = Decode(code[pc:next])
		}
		if data || err != nil {
			n := min(next-pc, 8)
			if !data {
				n = 1
			}
			if _, err := fmt.Fprintf(w, "  %04x  %-24s .byte %s\n", pc, hexBytes(code[pc:pc+n]), byteList(code[pc:pc+n])); err != nil {
				return err
			}
			pc += n
			continue
		}
		text := x86asm.IntelSyntax(inst, uint64(pc), sym)
		if _, err := fmt.Fprintf(w, "  %04x  %-24s %s\n", pc, hexBytes(code[pc:pc+inst.Len]), text); err != nil {
			return err
		}
		pc += inst.Len
	}
	return nil
}

func hexBytes(b []byte) string {
	var sb strings.Builder
	for i, c := range b {
		if i > 0 {
			sb.WriteByte(' ')
		}
		fmt.Fprintf(&sb, "%02x", c)
	}
	return sb.String()
}

func byteList(b []byte) string {
	var sb strings.Builder
	for i, c := range b {
		if i > 0 {
			sb.WriteString(", ")
		}
		fmt.Fprintf(&sb, "%#02x", c)
	}
	return sb.String()
}
