package amd64

import (
	"bufio"
	"bytes"
	"encoding/hex"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/arch/x86/x86asm"
)

// encCase is one encoder test: the call, the bytes it must produce (empty in
// generated sweeps, where the decoders alone judge), and the instruction meant
// in GNU objdump's AT&T syntax.
type encCase struct {
	name string
	emit func(a *Assembler)
	hex  string
	att  string
}

// checkCases assembles every case, compares its bytes, and decodes it with
// x86asm and with GNU objdump (all cases in one objdump run); both must read
// back exactly one instruction spanning all the bytes, saying what att says.
func checkCases(t *testing.T, cases []encCase) {
	t.Helper()
	var blob []byte
	var offs []int
	codes := make([][]byte, len(cases))
	for i, c := range cases {
		var a Assembler
		c.emit(&a)
		code, err := a.Assemble()
		if err != nil {
			t.Errorf("%s: %v", c.name, err)
			continue
		}
		codes[i] = code
		if c.hex != "" {
			if got := hex.EncodeToString(code); got != c.hex {
				t.Errorf("%s: bytes %s, want %s", c.name, got, c.hex)
			}
		}
		inst, err := Decode(code)
		switch {
		case err != nil:
			t.Errorf("%s: x86asm cannot decode % x: %v", c.name, code, err)
		case inst.Len != len(code):
			t.Errorf("%s: x86asm decodes %d of %d bytes (% x) as %s", c.name, inst.Len, len(code), code, x86asm.GNUSyntax(inst, 0, nil))
		default:
			if got := x86asm.GNUSyntax(inst, uint64(len(blob)), nil); !sameInst(got, c.att) {
				t.Errorf("%s: x86asm reads % x as %q, want %q", c.name, code, got, c.att)
			}
		}
		offs = append(offs, len(blob))
		blob = append(blob, code...)
	}
	if t.Failed() {
		return
	}
	got := objdump(t, blob)
	if got == nil {
		return
	}
	for i, c := range cases {
		text, ok := got[offs[i]]
		switch {
		case !ok:
			t.Errorf("%s: objdump found no instruction at offset %d", c.name, offs[i])
		case canonObjdump(text) != canonObjdump(c.att):
			t.Errorf("%s: objdump reads % x as %q, want %q", c.name, codes[i], text, c.att)
		}
		// An instruction that objdump split in two leaves a line at an
		// offset inside it.
		for off := offs[i] + 1; off < offs[i]+len(codes[i]); off++ {
			if text, ok := got[off]; ok {
				t.Errorf("%s: objdump decodes a second instruction %q inside % x", c.name, text, codes[i])
			}
		}
	}
}

var objdumpLine = regexp.MustCompile(`^\s*([0-9a-f]+):\t[0-9a-f ]+\t(.*)$`)

// objdump disassembles code with GNU objdump and returns its text per offset,
// or nil (after t.Skip-style logging) when objdump is absent.
func objdump(t *testing.T, code []byte) map[int]string {
	t.Helper()
	path, err := exec.LookPath("objdump")
	if err != nil {
		t.Log("objdump not found; x86asm checks only")
		return nil
	}
	file := filepath.Join(t.TempDir(), "code.bin")
	if err := os.WriteFile(file, code, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(path, "-D", "-b", "binary", "-m", "i386:x86-64", "--insn-width=16", file).Output()
	if err != nil {
		t.Fatalf("objdump: %v", err)
	}
	m := make(map[int]string)
	sc := bufio.NewScanner(bytes.NewReader(out))
	for sc.Scan() {
		if f := objdumpLine.FindStringSubmatch(sc.Text()); f != nil {
			off, _ := strconv.ParseInt(f[1], 16, 64)
			m[int(off)] = f[2]
		}
	}
	return m
}

var spaces = regexp.MustCompile(`\s+`)

// canonObjdump drops objdump's trailing "# target" comments and collapses
// white space.
func canonObjdump(s string) string {
	if i := strings.Index(s, "#"); i >= 0 {
		s = s[:i]
	}
	return strings.TrimSpace(spaces.ReplaceAllString(s, " "))
}

var (
	zeroDisp = regexp.MustCompile(`(^|[ ,])0x0\(`)
	dispRe   = regexp.MustCompile(`(^|[ ,])(-?0x[0-9a-f]+)\(`)
	immRe    = regexp.MustCompile(`\$-?0x[0-9a-f]+`)
	aliases  = strings.NewReplacer("jmpq ", "jmp ", "retq", "ret", "movabs ", "mov ", "data16 nop", "xchg %ax,%ax")
)

// canonGNU removes the cosmetic differences between x86asm's GNU syntax and
// objdump's: mnemonic spellings, an explicit scale of 1, a printed zero
// displacement, displacements printed unsigned, and the pseudo-register
// %riz (or %eiz, in VEX forms) that x86asm prints for the absent index of an
// R12-based SIB.
func canonGNU(s string) string {
	s = aliases.Replace(canonObjdump(s) + " ")
	s = strings.ReplaceAll(s, ",1)", ")")
	s = strings.ReplaceAll(s, ",%riz)", ")")
	s = strings.ReplaceAll(s, ",%eiz)", ")")
	s = zeroDisp.ReplaceAllString(s, "$1(")
	s = dispRe.ReplaceAllStringFunc(s, func(m string) string {
		lead, num := "", m[:len(m)-1]
		if num[0] == ' ' || num[0] == ',' {
			lead, num = num[:1], num[1:]
		}
		v, _ := strconv.ParseInt(strings.Replace(num, "0x", "", 1), 16, 64)
		if v >= 1<<31 && v < 1<<32 {
			v = int64(int32(v))
		}
		if v < 0 {
			return lead + "-0x" + strconv.FormatInt(-v, 16) + "("
		}
		return lead + "0x" + strconv.FormatInt(v, 16) + "("
	})
	return strings.TrimSpace(s)
}

// sameInst reports whether x86asm's text got and the expected objdump text
// want name the same instruction. Immediates compare equal modulo 2^k, where k
// is the smallest of 8, 16, 32 and 64 that holds objdump's (zero-extended)
// value: x86asm prints sign-extended immediates, objdump prints them at
// operand width.
func sameInst(got, want string) bool {
	got, want = canonGNU(got), canonGNU(want)
	gi, wi := immRe.FindAllString(got, -1), immRe.FindAllString(want, -1)
	if immRe.ReplaceAllString(got, "$") != immRe.ReplaceAllString(want, "$") || len(gi) != len(wi) {
		return false
	}
	for i := range gi {
		g, w := parseImm(gi[i]), parseImm(wi[i])
		k := uint(8)
		for k < 64 && w >= 1<<k {
			k *= 2
		}
		mask := uint64(1)<<k - 1
		if k == 64 {
			mask = ^uint64(0)
		}
		if g&mask != w&mask {
			return false
		}
	}
	return true
}

func parseImm(s string) uint64 {
	s = strings.TrimPrefix(s, "$")
	neg := strings.HasPrefix(s, "-")
	v, _ := strconv.ParseUint(strings.TrimPrefix(strings.TrimPrefix(s, "-"), "0x"), 16, 64)
	if neg {
		return -v
	}
	return v
}
