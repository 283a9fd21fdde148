// Package model implements rebar's benchmark models (MODELS.md) on top of
// the engine interface: what one measured iteration does, and what count
// it must produce.
package model

import (
	"bytes"
	"fmt"

	"github.com/rxjit/rxjit/cmd/rxbench/internal/engine"
)

// Task is one benchmark model bound to an engine, a pattern and a
// haystack.
type Task struct {
	// Run performs one measured iteration. When Checked is true it
	// returns the model's count, which must equal the expected count on
	// every iteration.
	Run     func() (int, error)
	Checked bool
	// Verify computes the model's count outside any measurement.
	Verify func() (int, error)
}

// ErrUnsupported reports a model the harness does not implement.
var ErrUnsupported = fmt.Errorf("model not supported")

// New binds model m to the compiled re (for compile: to pattern and e,
// which each iteration compiles anew) and haystack h.
func New(m string, e engine.Engine, pattern string, re engine.Regex, h []byte) (Task, error) {
	var run func() (int, error)
	switch m {
	case "count":
		run = func() (int, error) { return re.Count(h) }
	case "count-spans":
		run = func() (int, error) { return re.SumSpans(h) }
	case "count-captures":
		run = func() (int, error) { return re.CountCaptures(h) }
	case "grep":
		run = func() (int, error) { return Grep(re, h) }
	case "grep-captures":
		run = func() (int, error) { return GrepCaptures(re, h) }
	case "compile":
		// The measurement is the compilation alone; the count (matches in
		// the haystack) is verified once, outside the timing.
		compile := func() (int, error) {
			_, err := e.Compile(pattern)
			return 0, err
		}
		return Task{Run: compile, Verify: func() (int, error) { return re.Count(h) }}, nil
	default:
		return Task{}, fmt.Errorf("%w: %s", ErrUnsupported, m)
	}
	return Task{Run: run, Checked: true, Verify: run}, nil
}

// Lines calls f for each line of h as MODELS.md's grep pseudo-code
// defines it: lines end at "\n", which is not part of the line; a "\r"
// before it is dropped too; a final line without "\n" counts; an empty
// haystack has no lines. It stops at the first error f returns.
func Lines(h []byte, f func(line []byte) error) error {
	for len(h) > 0 {
		end := bytes.IndexByte(h, '\n')
		var line []byte
		if end < 0 {
			line, h = h, nil
		} else {
			line, h = h[:end], h[end+1:]
		}
		if n := len(line); n > 0 && line[n-1] == '\r' {
			line = line[:n-1]
		}
		if err := f(line); err != nil {
			return err
		}
	}
	return nil
}

// Grep returns the number of lines of h that contain a match.
func Grep(re engine.Regex, h []byte) (int, error) {
	n := 0
	err := Lines(h, func(line []byte) error {
		ok, err := re.IsMatch(line)
		if ok {
			n++
		}
		return err
	})
	return n, err
}

// GrepCaptures returns, summed over the lines of h, the number of
// matching capture groups of every match in the line.
func GrepCaptures(re engine.Regex, h []byte) (int, error) {
	n := 0
	err := Lines(h, func(line []byte) error {
		c, err := re.CountCaptures(line)
		n += c
		return err
	})
	return n, err
}
