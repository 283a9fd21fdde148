package meta

import (
	"fmt"
	"os"
	"strings"
)

// Engine names an engine that every search can be forced onto, so that
// the differential tests, Go's suite and the fuzz targets hold each
// engine to regexp's answers on its own, not only where the planner
// picks it.
type Engine uint8

// The engines.
const (
	// Auto lets the planner choose per search.
	Auto Engine = iota
	// DFA runs the lazy DFA's generated loop where executable memory is
	// available (its Go loop elsewhere) for every search it can answer,
	// whatever the input's length.
	DFA
	// DFAGo runs the lazy DFA's Go loop for every search it can answer.
	DFAGo
	// PikeVM runs the PikeVM for every search.
	PikeVM
	// Backtrack runs the bounded backtracker for every search it can
	// answer (leftmost-first, within its span limit), the PikeVM for the
	// rest.
	Backtrack
	// OnePass runs the one-pass engine for every search for groups it
	// can answer (one-pass patterns, leftmost-first), starting at the
	// match the DFA found where a match may start anywhere; other
	// searches run as under Auto.
	OnePass
	// BitNFA runs the position automaton's linear-time search (package
	// bitnfa) for every leftmost-first search that it can answer,
	// FindAll's and ReplaceAll's iterations included from their first
	// search: the liveness finds the match, and the walk along the
	// liveness of its span reports the groups; other searches run as
	// under Auto.
	BitNFA
	// ClassRun runs the scan for runs of one class (package classrun)
	// for every search without groups of a pattern it answers, at any
	// length, FindAll's included; other searches run as under Auto.
	// (Auto takes it too, except where a literal search serves.)
	ClassRun
)

// EnvEngine is the environment variable that forces an engine: auto,
// dfa, dfa-go, pikevm, backtrack, onepass, bitnfa, classrun or runes. It is read
// once, at start-up.
const EnvEngine = "RXJIT_ENGINE"

// runesName is RXJIT_ENGINE's name for the rune program (see Runes).
const runesName = "runes"

var engineNames = [...]string{Auto: "auto", DFA: "dfa", DFAGo: "dfa-go", PikeVM: "pikevm", Backtrack: "backtrack", OnePass: "onepass", BitNFA: "bitnfa", ClassRun: "classrun"}

func (e Engine) String() string { return engineNames[e] }

// Forced is the engine RXJIT_ENGINE names, Auto when it is unset.
//
// Runes is set by RXJIT_ENGINE=runes: every leftmost-first search that
// the rune program a pattern's first searches run on (package runeprog)
// can answer runs there, however many searches came before, and the
// others run as under Auto (Forced is Auto). It is not an Engine because
// every other part of the plan stays the planner's.
var Forced, Runes = parseEngine(os.Getenv(EnvEngine))

func parseEngine(s string) (Engine, bool) {
	switch s {
	case "":
		return Auto, false
	case runesName:
		return Auto, true
	}
	for e, name := range engineNames {
		if s == name {
			return Engine(e), false
		}
	}
	panic(fmt.Sprintf("rxjit: %s=%q: want one of %s or %s", EnvEngine, s, strings.Join(engineNames[:], ", "), runesName))
}

// EnvEager is the environment variable that, set to 1, makes every
// pattern build its engines at its first search, rather than run its
// first searches on its rune program (package runeprog), and every plan
// build its late parts (the literals inside matches, Plan.Inside) then
// too, rather than once it has been used enough to pay for them: tests
// and fuzz targets, whose inputs are short and few per pattern, then
// exercise the planner's choices. It is read once, at start-up.
const EnvEager = "RXJIT_EAGER"

// Eager is set by RXJIT_EAGER=1; tests may set it too.
var Eager = os.Getenv(EnvEager) == "1"
