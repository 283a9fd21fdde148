// Package engine puts every regex engine the harness measures behind one
// small interface, so the models and the timing loop never see an
// engine's own API.
package engine

import (
	"fmt"
	"os"
	"sort"
	"strings"
)

// Engine compiles patterns for one regex implementation.
type Engine interface {
	// Name is the engine's name in tables and on the command line.
	Name() string
	// Version describes what is measured, for example a module version.
	Version() string
	// Env lists environment settings (NAME=value, or NAME= to remove a
	// variable) that the process measuring this engine must run with.
	Env() []string
	// Compile compiles one pattern with the engine's default options
	// (leftmost-first, Go/RE2 syntax).
	Compile(pattern string) (Regex, error)
}

// Regex is a compiled pattern. Each method searches the whole of b and is
// what one of rebar's models needs; an error means the engine gave up
// (for example a backtracker's time limit), not that nothing matched.
type Regex interface {
	// IsMatch reports whether b contains a match.
	IsMatch(b []byte) (bool, error)
	// Count returns the number of successive non-overlapping matches, with
	// the engine's own rule for advancing past empty matches.
	Count(b []byte) (int, error)
	// SumSpans returns the sum of the byte lengths of those matches.
	SumSpans(b []byte) (int, error)
	// CountCaptures returns, summed over those matches, the number of
	// capture groups (group 0 included) that participate in the match.
	CountCaptures(b []byte) (int, error)
}

// order is the column order of tables: the default engine first, then
// its JIT-less twin, then the oracle and the peers.
var order = []string{"rxjit", "rxjit-nojit", "regexp", "go-re2", "regexp2", "grafana"}

var registry []Engine

// register adds e to the list All returns; each engine's file calls it
// from init.
func register(e Engine) {
	registry = append(registry, e)
	rank := func(name string) int {
		for i, n := range order {
			if n == name {
				return i
			}
		}
		return len(order)
	}
	sort.SliceStable(registry, func(i, j int) bool { return rank(registry[i].Name()) < rank(registry[j].Name()) })
}

// All returns every engine in column order, default first.
func All() []Engine { return registry }

// Lookup returns the engine named name.
func Lookup(name string) (Engine, error) {
	for _, e := range registry {
		if e.Name() == name {
			return e, nil
		}
	}
	return nil, fmt.Errorf("unknown engine %q (have %s)", name, strings.Join(Names(), ", "))
}

// Names returns the names of all engines in column order.
func Names() []string {
	var out []string
	for _, e := range registry {
		out = append(out, e.Name())
	}
	return out
}

// EnvSatisfied reports whether the current process's environment is the
// one e needs (see Engine.Env): NAME=value requires the variable to be
// set to value, NAME= requires it to be unset or empty.
func EnvSatisfied(e Engine) bool {
	for _, kv := range e.Env() {
		name, value, _ := strings.Cut(kv, "=")
		if os.Getenv(name) != value {
			return false
		}
	}
	return true
}
