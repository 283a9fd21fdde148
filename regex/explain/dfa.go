package explain

import (
	"fmt"
	"strings"

	"github.com/rxjit/rxjit/codegen/amd64"
	"github.com/rxjit/rxjit/codegen/dfaloop"
	"github.com/rxjit/rxjit/regex/internal/dfa"
	"github.com/rxjit/rxjit/regex/internal/jit"
)

// Sample is the text over which Text and Dot run the forward DFA to show
// the states a search builds.
var Sample = []byte("The quick brown fox jumps over the lazy dog.\nSherlock Holmes, 221B Baker Street, 1887-1914.\n")

// exploreDFA runs the forward DFA over sample, as an unanchored search
// for every match in turn, and returns its cache.
func exploreDFA(c *compiled, sample []byte) (*dfa.DFA, *dfa.Cache) {
	d := c.plan.Fwd
	if d == nil {
		return nil, nil
	}
	cache := d.NewCache()
	for pos := 0; pos <= len(sample); {
		end, err := d.Search(cache, dfa.GoLoop{}, sample, pos, false, false)
		if err != nil || end < 0 {
			break
		}
		pos = max(end, pos+1)
	}
	return d, cache
}

// writeDFA writes the forward DFA's classes and the states built for
// sample, one per line with its transitions.
func writeDFA(b *strings.Builder, c *compiled, sample []byte) {
	d, cache := exploreDFA(c, sample)
	b.WriteString("\n== DFA (forward, lazy)\n")
	if d == nil {
		b.WriteString("none: nothing can match\n")
		return
	}
	b.WriteString(d.String())
	for col := 1; col <= d.NumClasses(); col++ {
		fmt.Fprintf(b, "  class %d: %s\n", col, d.ColumnBytes(col))
	}
	states := cache.States()
	fmt.Fprintf(b, "states built for a search over %d bytes of sample text: %d (%d bytes of cache, %d accelerated, %d of them by byte pairs)\n",
		len(sample), len(states), cache.Memory(), cache.Accelerated(), cache.Pairs())
	for _, s := range states {
		var tags []string
		if s.Match {
			tags = append(tags, "match")
		}
		if s.Accel {
			tags = append(tags, "accel")
		}
		if s.Pair {
			tags = append(tags, "pairs")
		}
		if s.Start {
			tags = append(tags, "start")
		}
		if s.Facts != "" {
			tags = append(tags, s.Facts)
		}
		if s.UTF8 != 0 {
			tags = append(tags, fmt.Sprintf("utf8:%d", s.UTF8))
		}
		fmt.Fprintf(b, "  %d [%s] nfa %v:", s.ID, strings.Join(tags, " "), s.Kernel)
		for col, next := range s.Next {
			if next != dfa.TagUnknown {
				fmt.Fprintf(b, " %d->%s", col+1, dfa.IDString(next))
			}
		}
		b.WriteByte('\n')
	}
}

// writeCode disassembles the generated forward loop.
func writeCode(b *strings.Builder) {
	b.WriteString("\n== machine code (forward DFA loop, shared by every pattern)\n")
	code, labels, err := dfaloop.Generate(jit.DFADesc(false))
	if err != nil {
		fmt.Fprintf(b, "none: %v\n", err)
		return
	}
	if _, err := jit.WaitDFA(); err != nil {
		fmt.Fprintf(b, "not run here (%v): searches use the DFA's Go loop\n", err)
	}
	fmt.Fprintf(b, "%d bytes\n", len(code))
	if err := amd64.Disassemble(b, code, labels); err != nil {
		fmt.Fprintf(b, "disassembly failed: %v\n", err)
	}
}

// writeDFADot adds the forward DFA's states for Sample to a Graphviz
// graph, as a cluster of its own.
func writeDFADot(b *strings.Builder, c *compiled) {
	d, cache := exploreDFA(c, Sample)
	if d == nil {
		return
	}
	b.WriteString("\tsubgraph cluster_dfa {\n\t\tlabel=\"DFA states built for the sample text\";\n")
	for _, s := range cache.States() {
		shape := "circle"
		if s.Match {
			shape = "doublecircle"
		}
		fmt.Fprintf(b, "\t\td%d [shape=%s, label=\"%d\"];\n", s.ID, shape, s.ID)
		edges := map[uint32][]string{}
		for col, next := range s.Next {
			if next == dfa.TagUnknown || next&(dfa.TagDead|dfa.TagQuit) != 0 {
				continue
			}
			edges[next&(dfa.TagAccel-1)] = append(edges[next&(dfa.TagAccel-1)], d.ColumnBytes(col+1))
		}
		for to, labels := range edges {
			fmt.Fprintf(b, "\t\td%d -> d%d [label=%q];\n", s.ID, to, strings.Join(labels, " "))
		}
	}
	b.WriteString("\t}\n")
}
