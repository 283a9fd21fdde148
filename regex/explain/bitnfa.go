package explain

import (
	"fmt"
	"strings"

	"github.com/rxjit/rxjit/codegen/amd64"
	"github.com/rxjit/rxjit/codegen/bitcode"
	"github.com/rxjit/rxjit/regex/internal/bitnfa"
	"github.com/rxjit/rxjit/regex/internal/jit"
)

// writeBitNFA describes the position automaton, when the pattern has one,
// where the planner uses it, and its generated liveness pass.
func writeBitNFA(b *strings.Builder, c *compiled) {
	b.WriteString("\n== position automaton (bitnfa)\n")
	a := c.plan.BitNFA()
	if a == nil {
		fmt.Fprintf(b, "none: beyond %d positions or %d kinds of assertion; FindAll stays on the DFAs\n", bitnfa.MaxPositions, bitnfa.MaxLooks)
		return
	}
	b.WriteString(a.String())
	switch {
	case c.posix:
		b.WriteString("used: never (leftmost-longest)\n")
	case a.Skips():
		b.WriteString("used: by FindAll and ReplaceAll once their searches go quadratic, or once matches come densely; the rest of the call then costs one pass back and one forward\n")
	default:
		b.WriteString("used: by FindAll and ReplaceAll once their searches go quadratic\n")
	}
	d, ok := jit.BitNFADesc(a)
	if !ok {
		b.WriteString("liveness pass: the Go loop (more than 64 positions)\n")
		return
	}
	code, labels, err := bitcode.Generate(d)
	if err != nil {
		fmt.Fprintf(b, "liveness pass: the Go loop (%v)\n", err)
		return
	}
	// The table of word bytes follows the instructions.
	end := len(code)
	for off, name := range labels {
		if name == "word_bytes" {
			end = min(end, off)
		}
	}
	fmt.Fprintf(b, "\n== machine code (liveness pass, shared by automata of shape %s): %d bytes; the tables (%d words) are copied in front of the liveness array\n",
		bitcode.Shape(d), end, len(bitcode.Layout(d)))
	if err := amd64.Disassemble(b, code[:end], labels); err != nil {
		fmt.Fprintf(b, "disassembly failed: %v\n", err)
	}
	if !a.Batches() {
		b.WriteString("\nspan searches: none (an empty match at the start, or assertions other than U+FFFD's guard); each match is a walk in Go\n")
		return
	}
	guard := a.Looks() != 0
	code, labels, err = bitcode.GenerateSpans(jit.BitSpansDesc(), guard)
	if err != nil {
		fmt.Fprintf(b, "span searches: the Go loop (%v)\n", err)
		return
	}
	fmt.Fprintf(b, "\n== machine code (span searches on the liveness, shared by every automaton %s U+FFFD's guard): %d bytes; the walk table (%d words) follows the bitmap\n",
		map[bool]string{false: "without", true: "with"}[guard], len(code), bitnfa.WalkWords)
	if err := amd64.Disassemble(b, code, labels); err != nil {
		fmt.Fprintf(b, "disassembly failed: %v\n", err)
	}
}
