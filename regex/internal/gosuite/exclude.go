package gosuite

// Files are the test files of package regexp that the harness runs, in
// $(go env GOROOT)/src/regexp. onepass_test.go is left out as a whole: every
// test in it examines the unexported one-pass compiler.
var Files = []string{
	"all_test.go",
	"exec_test.go",
	"exec2_test.go",
	"find_test.go",
	"example_test.go",
}

// Exclusions maps each declaration of [Files] that cannot run through the
// public API to the reason. [Rewrite] fails unless this list names exactly
// the declarations that the type checker finds reaching into regexp's
// internals (less those in [Replacements]), so review any change to it as
// a change to what is tested.
var Exclusions = map[string]string{
	"TestOnePassCutoff": "checks that the unexported one-pass compiler (compileOnePass) rejects a large program; " +
		"which engine runs is not observable through the API",
	"TestMinInputLen": "checks the unexported minInputLen, regexp's lower bound on match length",
	"BenchmarkMatch": "a benchmark that imports internal/testenv, which only the standard library may import; " +
		"rxjit has its own benchmarks of the same grid, run beside regexp",
	"BenchmarkMatch_onepass_regex": "a benchmark that reads the unexported field onepass " +
		"and imports internal/testenv",
}

// Replacements maps what suite/shims.go stands in for to the reason its
// public-API version tests the same thing. [Rewrite] fails if an entry is
// not needed.
var Replacements = map[string]string{
	"compile": "testFowler compiles the AT&T patterns with syntax.POSIX|syntax.ClassNL (and FoldCase), " +
		"which no public constructor accepts; the stand-in parses with those flags and compiles the " +
		"parse tree's String with Compile, then Longest, as regexp's TestParseAndCompile does",
	"special":            "BenchmarkQuoteMetaAll lists the bytes QuoteMeta escapes; the stand-in asks QuoteMeta",
	"maxBacktrackVector": "TestSwitchBacktrack needs only a long input; the stand-in is the same number, 256 KiB",
	"runFull": "testRE2's helpers switch regexps between leftmost-first and leftmost-longest through the " +
		"unexported field longest; the stand-ins call Longest in place the first time and use a " +
		"leftmost-first twin compiled from String afterwards",
	"runPartial":          "as runFull",
	"runFullLongest":      "as runFull",
	"runPartialLongest":   "as runFull",
	"matchFull":           "as runFull",
	"matchPartial":        "as runFull",
	"matchFullLongest":    "as runFull",
	"matchPartialLongest": "as runFull",
}
