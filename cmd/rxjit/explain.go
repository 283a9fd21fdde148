package main

import (
	"errors"
	"io"

	"github.com/rxjit/rxjit/regex/explain"
)

// explainPattern prints what rxjit does with the command line's patterns:
// the expression the CLI builds from them and its flags (-F, -i, -w, -x,
// several -e), then the engine's own account of it: parse tree, NFA,
// strategy, literals and machine code, or with --explain=dot a Graphviz
// graph of its automata. The expression explained is the whole-buffer one
// the search runs, or the per-line one with -z.
func explainPattern(w io.Writer, o *options) error {
	src, err := buildSources(o)
	if err != nil {
		return err
	}
	if src.none {
		return errors.New("--explain: no pattern")
	}
	pattern := src.buffer
	if src.perRecord {
		pattern = src.line
	}
	if o.explain == explainDot {
		return explain.Dot(w, pattern, false)
	}
	return explain.Text(w, pattern, false)
}
