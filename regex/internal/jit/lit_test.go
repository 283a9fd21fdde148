package jit

import (
	"math/rand/v2"
	"strings"
	"testing"

	"golang.org/x/sys/cpu"

	"github.com/rxjit/rxjit/codegen/amd64"
	"github.com/rxjit/rxjit/codegen/litscan"
	"github.com/rxjit/rxjit/jitmem"
	"github.com/rxjit/rxjit/regex/internal/prefilter"
)

// randomSpecs returns the candidate scans (every kind and number of
// probes the planner weighs, not only those it picks) of random sets of
// literals drawn from a few bytes, some of them case pairs.
func randomSpecs(t *testing.T, rng *rand.Rand) []*prefilter.Spec {
	const alphabet = "QXZqxz#@\x01\xfe"
	var out []*prefilter.Spec
	kinds := map[[2]int]bool{}
	for len(out) < 400 {
		var lits [][]byte
		n := 1 + rng.IntN(12)
		for range n {
			b := make([]byte, 2+rng.IntN(6))
			for i := range b {
				b[i] = alphabet[rng.IntN(len(alphabet))]
			}
			lits = append(lits, b)
		}
		for _, s := range prefilter.CandidateSpecs(lits) {
			kinds[[2]int{int(s.Kind), len(s.Offsets)}] = true
			out = append(out, s)
		}
	}
	if len(kinds) < 7 {
		t.Fatalf("random sets gave only the probe kinds %v", kinds)
	}
	return out
}

// TestScanLockStep checks the generated candidate scan against GoScan at
// every starting position of random haystacks whose end is the start of
// an unreadable page: any load past the end kills the test.
func TestScanLockStep(t *testing.T) {
	if err := jitmem.Available(); err != nil {
		t.Skip(err)
	}
	if err := waitScanLoops(); err != nil {
		t.Skip(err)
	}
	page, mem := guardedPage(t)
	rng := rand.New(rand.NewPCG(1, 2))
	const fill = "QXZqxz#@ \x01\xfeabc"
	for _, s := range randomSpecs(t, rng) {
		for _, n := range []int{0, 1, 5, 33, 64, 65, 200, 700} {
			hay := mem[page-n : page : page]
			for i := range hay {
				hay[i] = fill[rng.IntN(len(fill))]
			}
			for at := 0; at <= n; at++ {
				got, want := Scanner{}.Scan(s, hay, at), prefilter.GoScan{}.Scan(s, hay, at)
				if got != want {
					t.Fatalf("spec %v, %d bytes %q, from %d: generated scan %d, Go scan %d", s, n, hay, at, got, want)
				}
			}
		}
	}
}

// TestScanKinds checks that package prefilter's probe kinds and scratch
// layout are codegen/litscan's.
func TestScanKinds(t *testing.T) {
	if litscan.Eq != litscan.Kind(prefilter.Eq) || litscan.Nibble != litscan.Kind(prefilter.Nibble) || litscan.Exact != litscan.Kind(prefilter.Exact) {
		t.Fatal("prefilter.ProbeKind and litscan.Kind disagree")
	}
	if prefilter.MaxProbes != litscan.MaxProbes || prefilter.ProbeBytes != litscan.ProbeBytes {
		t.Fatal("prefilter's probe count or scratch size disagrees with litscan's")
	}
}

// TestScanSSE (SSE2 and SSSE3 forms) generates the 16-byte loops that a
// CPU without AVX2 runs, checks that the Eq and Exact loops use nothing
// beyond x86-64's baseline SSE2 (no VEX encoding, no SSSE3 or later
// instruction), and runs every form this CPU can against GoScan at every
// start of random haystacks that end at an unreadable page.
func TestScanSSE(t *testing.T) {
	if err := jitmem.Available(); err != nil {
		t.Skip(err)
	}
	var arena jitmem.Arena
	var loops [3][litscan.MaxProbes + 1]*jitmem.Code
	for k := range loops {
		for p := 1; p <= litscan.MaxProbes; p++ {
			code, _, err := litscan.Generate(scanDesc(prefilter.ProbeKind(k), p, false))
			if err != nil {
				t.Fatal(err)
			}
			if prefilter.ProbeKind(k) != prefilter.Nibble {
				for pc := 0; pc < len(code); {
					inst, err := amd64.Decode(code[pc:])
					if err != nil {
						t.Fatalf("kind %d, %d probes, at %#x: %v", k, p, pc, err)
					}
					if op := inst.Op.String(); strings.HasPrefix(op, "V") || !sse2OrScalar(op) {
						t.Errorf("kind %d, %d probes, at %#x: %v is not baseline x86-64", k, p, pc, inst)
					}
					pc += inst.Len
				}
			} else if !cpu.X86.HasSSSE3 {
				continue
			}
			if loops[k][p], err = arena.Add(code); err != nil {
				t.Fatal(err)
			}
		}
	}
	page, mem := guardedPage(t)
	rng := rand.New(rand.NewPCG(5, 6))
	const fill = "QXZqxz#@ \x01\xfeabc"
	kinds := map[prefilter.ProbeKind]int{}
	for _, s := range randomSpecs(t, rng) {
		code := loops[s.Kind][len(s.Offsets)]
		if code == nil {
			continue
		}
		kinds[s.Kind]++
		for _, n := range []int{64, 65, 200, 700} {
			hay := mem[page-n : page : page]
			for i := range hay {
				hay[i] = fill[rng.IntN(len(fill))]
			}
			for at := 0; at <= n-prefilter.ShortScan-s.Window; at++ {
				got, want := scanWith(code, s, hay, at), prefilter.GoScan{}.Scan(s, hay, at)
				if got != want {
					t.Fatalf("spec %v, %d bytes %q, from %d: SSE scan %d, Go scan %d", s, n, hay, at, got, want)
				}
			}
		}
	}
	if kinds[prefilter.Eq] == 0 || kinds[prefilter.Exact] == 0 {
		t.Fatalf("the SSE2 loops ran on too few specs: %v", kinds)
	}
}

// sse2OrScalar reports whether an instruction (by x86asm's name) is a
// general-purpose one or an SSE/SSE2 one: the vector instructions of the
// baseline loops are listed.
func sse2OrScalar(op string) bool {
	switch op {
	case "MOVDQU", "MOVDQA", "MOVD", "MOVQ", "PCMPEQB", "POR", "PAND", "PXOR", "PMOVMSKB", "PSRLW":
		return true
	case "PSHUFB", "PALIGNR", "PTEST", "PBLENDVB", "PCMPESTRI", "PCMPISTRI":
		return false
	}
	return !strings.HasPrefix(op, "P") && !strings.HasPrefix(op, "MOVDQ")
}
