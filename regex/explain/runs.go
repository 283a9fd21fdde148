package explain

import (
	"fmt"
	"strings"

	"github.com/rxjit/rxjit/codegen/amd64"
	"github.com/rxjit/rxjit/codegen/runscan"
	"github.com/rxjit/rxjit/regex/internal/classrun"
	"github.com/rxjit/rxjit/regex/internal/jit"
)

// writeRuns shows, for a pattern whose matches are runs of one class,
// the runs of the class in Sample, the matches they hold, and the
// disassembly of the generated run scan.
func writeRuns(b *strings.Builder, c *compiled) {
	s := c.plan.Runs
	if s == nil {
		return
	}
	fmt.Fprintf(b, "\n== class runs: %v\n", s)
	buf := make([]uint64, classrun.BufWords)
	var matches [][2]uint64
	s.Each(Sample, 0, false, classrun.GoScan{}, buf, func(pairs []uint64) bool {
		for i := 0; i < len(pairs); i += 2 {
			matches = append(matches, [2]uint64{pairs[i], pairs[i+1]})
		}
		return true
	})
	fmt.Fprintf(b, "matches in the sample text: %d\n", len(matches))
	for _, m := range matches {
		fmt.Fprintf(b, "  [%d, %d) %q\n", m[0], m[1], Sample[m[0]:m[1]])
	}
	b.WriteString("\n== machine code (run scan, shared by every pattern)\n")
	d, ok := jit.RunScanDesc()
	code, labels, err := runscan.Generate(d)
	if err != nil {
		fmt.Fprintf(b, "none: %v\n", err)
		return
	}
	if !ok || jit.RunScanCode() == nil {
		b.WriteString("not run here (no executable memory, or neither AVX2 nor SSSE3): searches use the Go loop\n")
	}
	fmt.Fprintf(b, "%d bytes\n", len(code))
	if err := amd64.Disassemble(b, code, labels); err != nil {
		fmt.Fprintf(b, "disassembly failed: %v\n", err)
	}
}
