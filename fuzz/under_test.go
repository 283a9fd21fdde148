package fuzz

import (
	"os"
	"strings"

	rxjit "github.com/rxjit/rxjit/regex"
)

// This file names the package under test; every target reaches rxjit
// through these names only.
type rxRegexp = rxjit.Regexp

var (
	rxCompile      = rxjit.Compile
	rxCompilePOSIX = rxjit.CompilePOSIX
	rxMustCompile  = rxjit.MustCompile
	rxQuoteMeta    = rxjit.QuoteMeta
	rxMatch        = rxjit.Match
	rxMatchString  = rxjit.MatchString
	rxMatchReader  = rxjit.MatchReader
)

// noJITEnv is the environment switch that forces rxjit's portable engine.
// The regex package reads it at each Compile, so a target can build the
// same pattern once per engine.
const noJITEnv = "RXJIT_NOJIT"

// An engine is one of rxjit's execution paths, selected at Compile time by
// the value of RXJIT_NOJIT ("" means unset: the JIT where the platform
// allows it).
type engine struct {
	name  string
	nojit string
}

// engines lists every engine path; each target runs each input on all of
// them.
var engines = []engine{
	{name: "jit", nojit: ""},
	{name: "portable", nojit: "1"},
}

// withEngine runs compile with RXJIT_NOJIT set for e and restores the
// variable afterwards. Fuzz functions run one input at a time in each
// process, so changing the environment here races with nothing.
func withEngine(e engine, compile func()) {
	old, had := os.LookupEnv(noJITEnv)
	if e.nojit == "" {
		os.Unsetenv(noJITEnv)
	} else {
		os.Setenv(noJITEnv, e.nojit)
	}
	defer func() {
		if had {
			os.Setenv(noJITEnv, old)
		} else {
			os.Unsetenv(noJITEnv)
		}
	}()
	compile()
}

// ignoreEnv names the environment variable that lists, comma-separated,
// the checks the targets skip: a method or accessor name as the reports
// print it, such as LiteralPrefix. It is a triage aid for fuzzing past a
// bug already reported; the committed regression inputs keep the bug
// covered, and CI never sets it.
const ignoreEnv = "RXJIT_FUZZ_IGNORE"

// ignored reports whether the check named call is listed in
// RXJIT_FUZZ_IGNORE.
func ignored(call string) bool {
	list := os.Getenv(ignoreEnv)
	if list == "" {
		return false
	}
	for name := range strings.SplitSeq(list, ",") {
		if name != "" && strings.HasPrefix(call, name) {
			return true
		}
	}
	return false
}
