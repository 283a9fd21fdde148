package main

import (
	"errors"
	"fmt"
	"io"
)

// explain prints what rxjit does with the command line's patterns: the
// expression the CLI builds from them and its flags, then the engine's own
// account of it (parse tree, NFA, strategy, literals, machine code), or
// with --explain=dot a Graphviz graph of its automata.
func explain(w io.Writer, o *options) error {
	src, err := buildSources(o)
	if err != nil {
		return err
	}
	if src.none {
		return errors.New("--explain: no pattern")
	}
	pattern := src.buffer
	if pattern == "" {
		pattern = src.line
	}
	if o.explain == explainDot {
		return explainDotGraph(w, pattern)
	}
	fmt.Fprintf(w, "pattern: %s\n", pattern)
	return explainTextReport(w, pattern)
}

// explainTextReport and explainDotGraph are the engine's explain hooks.
func explainTextReport(w io.Writer, pattern string) error {
	return errors.New("--explain: the engine's explain package is not available yet")
}

func explainDotGraph(w io.Writer, pattern string) error {
	return errors.New("--explain: the engine's explain package is not available yet")
}
