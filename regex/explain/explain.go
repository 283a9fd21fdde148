// Package explain describes what rxjit does with a pattern: how it parses,
// the NFA it compiles to, the search plan chosen for it, and the machine
// code generated for it. It backs rxjit --explain.
package explain

import (
	"fmt"
	"io"
	"regexp/syntax"
	"strings"

	"github.com/rxjit/rxjit/regex/internal/meta"
	"github.com/rxjit/rxjit/regex/internal/nfa"
	"github.com/rxjit/rxjit/regex/internal/runeprog"
)

// compiled is everything the package regex builds for a pattern.
type compiled struct {
	parsed, simple *syntax.Regexp
	nfa            *nfa.NFA
	plan           *meta.Plan
	posix          bool
}

// compile builds a pattern the way regex.Compile (or, with posix,
// regex.CompilePOSIX) does. Errors are the same *syntax.Error values.
func compile(pattern string, posix bool) (*compiled, error) {
	flags := syntax.Perl
	if posix {
		flags = syntax.POSIX
	}
	parsed, err := syntax.Parse(pattern, flags)
	if err != nil {
		return nil, err
	}
	n := nfa.Compile(parsed)
	return &compiled{parsed: parsed, simple: parsed.Simplify(), nfa: n, plan: meta.New(parsed, n), posix: posix}, nil
}

// Text writes a human-readable account of pattern to w: the parse tree,
// the rune program that the first searches run on, the NFA with its size, the search plan with its literals, the forward
// DFA's byte classes and the states a search over Sample builds, and the
// generated search loop, disassembled, and the position automaton with
// its liveness pass. It returns the pattern's compile
// error, if any.
func Text(w io.Writer, pattern string, posix bool) error {
	c, err := compile(pattern, posix)
	if err != nil {
		return err
	}
	semantics := "leftmost-first (Compile)"
	if posix {
		semantics = "leftmost-longest (CompilePOSIX)"
	}
	var b strings.Builder
	fmt.Fprintf(&b, "pattern: %s\nsemantics: %s\n", pattern, semantics)
	fmt.Fprintf(&b, "\n== parse tree (simplified: %s)\n", c.simple)
	writeTree(&b, c.simple, 0)

	byteStates, groups := 0, c.nfa.NumSlots/2-1
	for i := range c.nfa.States {
		if k := c.nfa.States[i].Kind; k == nfa.KindRange || k == nfa.KindSparse {
			byteStates++
		}
	}
	if posix {
		b.WriteString("\n== rune program: none (leftmost-longest searches run on the engines from the first)\n")
	} else if prog := runeprog.Compile(c.simple, runeprog.MaxInsts); prog == nil {
		fmt.Fprintf(&b, "\n== rune program: none (more than %d instructions; the engines run from the first search)\n", runeprog.MaxInsts)
	} else {
		fmt.Fprintf(&b, "\n== rune program: %d instructions, for the first searches, of inputs up to %d bytes\n", prog.Len(), prog.MaxInput())
		b.WriteString(prog.String())
	}
	fmt.Fprintf(&b, "\n== NFA: %d states (%d consume a byte), %d capture groups, start ^%d, unanchored start >%d\n",
		len(c.nfa.States), byteStates, groups, c.nfa.StartAnchored, c.nfa.StartUnanchored)
	b.WriteString(c.nfa.String())

	b.WriteString("\n== plan\n")
	b.WriteString(c.plan.String())
	writeDFA(&b, c, Sample)
	writeCode(&b)
	writeRuns(&b, c)
	writeBitNFA(&b, c)
	_, err = io.WriteString(w, b.String())
	return err
}

// writeTree writes re as an indented tree, one operator per line.
func writeTree(b *strings.Builder, re *syntax.Regexp, depth int) {
	b.WriteString(strings.Repeat("  ", depth))
	b.WriteString(opName(re.Op))
	switch re.Op {
	case syntax.OpLiteral:
		fmt.Fprintf(b, " %q", string(re.Rune))
		if re.Flags&syntax.FoldCase != 0 {
			b.WriteString(" (case-folded)")
		}
	case syntax.OpCharClass:
		fmt.Fprintf(b, " %s", (&syntax.Regexp{Op: syntax.OpCharClass, Rune: re.Rune}).String())
	case syntax.OpCapture:
		fmt.Fprintf(b, " #%d", re.Cap)
		if re.Name != "" {
			fmt.Fprintf(b, " <%s>", re.Name)
		}
	case syntax.OpStar, syntax.OpPlus, syntax.OpQuest:
		if re.Flags&syntax.NonGreedy != 0 {
			b.WriteString(" (lazy)")
		}
	}
	b.WriteByte('\n')
	for _, sub := range re.Sub {
		writeTree(b, sub, depth+1)
	}
}

func opName(op syntax.Op) string {
	s := op.String()
	return strings.ToLower(s[:1]) + s[1:]
}

// Dot writes the NFA of pattern to w as a Graphviz digraph, with the
// forward DFA's states for Sample in a cluster of their own: byte
// transitions are solid edges labelled with their byte ranges, moves that
// consume nothing are dashed (unions number their alternatives in
// priority order), and the anchored start is marked. It returns the
// pattern's compile error, if any.
func Dot(w io.Writer, pattern string, posix bool) error {
	c, err := compile(pattern, posix)
	if err != nil {
		return err
	}
	var b strings.Builder
	fmt.Fprintf(&b, "digraph nfa {\n\trankdir=LR;\n\tlabel=%q;\n\tnode [shape=circle, fontsize=10];\n", pattern)
	fmt.Fprintf(&b, "\tstart [shape=point];\n\tstart -> s%d;\n", c.nfa.StartAnchored)
	for i := range c.nfa.States {
		s := &c.nfa.States[i]
		switch s.Kind {
		case nfa.KindMatch:
			fmt.Fprintf(&b, "\ts%d [shape=doublecircle, label=\"%d\"];\n", i, i)
		case nfa.KindFail:
			fmt.Fprintf(&b, "\ts%d [shape=octagon, label=\"fail\"];\n", i)
		case nfa.KindRange:
			fmt.Fprintf(&b, "\ts%d [label=\"%d\"];\n\ts%d -> s%d [label=%q];\n", i, i, i, s.Next, rangeLabel(s.Lo, s.Hi))
		case nfa.KindSparse:
			fmt.Fprintf(&b, "\ts%d [label=\"%d\"];\n", i, i)
			for _, t := range c.nfa.Trans(s) {
				fmt.Fprintf(&b, "\ts%d -> s%d [label=%q];\n", i, t.Next, rangeLabel(t.Lo, t.Hi))
			}
		case nfa.KindUnion:
			fmt.Fprintf(&b, "\ts%d [label=\"%d\", shape=diamond];\n", i, i)
			for k, a := range c.nfa.Alts(s) {
				fmt.Fprintf(&b, "\ts%d -> s%d [style=dashed, label=\"%d\"];\n", i, a, k+1)
			}
		case nfa.KindCapture:
			fmt.Fprintf(&b, "\ts%d [label=\"%d\", shape=box];\n\ts%d -> s%d [style=dashed, label=\"slot %d\"];\n", i, i, i, s.Next, s.Slot)
		case nfa.KindLook:
			fmt.Fprintf(&b, "\ts%d [label=\"%d\", shape=box];\n\ts%d -> s%d [style=dashed, label=%q];\n", i, i, i, s.Next, s.Look.String())
		}
	}
	writeDFADot(&b, c)
	b.WriteString("}\n")
	_, err = io.WriteString(w, b.String())
	return err
}

func rangeLabel(lo, hi byte) string {
	if lo == hi {
		return fmt.Sprintf("%02x", lo)
	}
	return fmt.Sprintf("%02x-%02x", lo, hi)
}
