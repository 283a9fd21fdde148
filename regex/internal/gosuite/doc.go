// Package gosuite runs Go's own regexp test suite against a package that
// claims to be a drop-in replacement for regexp, through its public API
// only.
//
// The suite is read in place from $(go env GOROOT)/src/regexp: the test
// files all_test.go, exec_test.go, exec2_test.go, find_test.go and
// example_test.go, and the corpora in testdata (re2-search.txt,
// re2-exhaustive.txt.bz2 and the AT&T .dat files). Nothing of it is copied
// into this repository. [Rewrite] parses the files and rewrites them into
// a temporary directory:
//
//   - Files of package regexp become in-package test files of package
//     suite, which dot-imports the target, so that unqualified Compile,
//     MustCompile and Regexp name the target's. Files of package
//     regexp_test import the target under the name regexp.
//   - Declarations that reach into regexp's unexported internals are
//     removed, together with the imports only they used. The type checker
//     finds them, and each must be accounted for in one of two reviewed
//     lists, with the reason: [Exclusions] (dropped: TestOnePassCutoff,
//     TestMinInputLen and two benchmarks) or [Replacements] (replaced by a
//     public-API stand-in in suite/shims.go, such as the helpers with which
//     testRE2 toggles the field longest, and the unexported compile that
//     testFowler calls with POSIX|ClassNL flags). If the lists and the
//     GOROOT files disagree in either direction, for instance when a new
//     Go release adds an internal reference, the run fails before any test
//     starts, naming each disagreement: no test is silently dropped, and
//     none silently kept.
//   - String literals beginning with "testdata/" are made absolute paths
//     into GOROOT's testdata directory.
//
// The rewritten files carry //line directives, so compiler errors and test
// failures name lines of the original files in GOROOT.
//
// TestGoRegexpSuite then runs "go test -overlay" on the package in the
// suite subdirectory, which holds only a doc comment and the shims (kept
// out of ordinary builds by a build constraint): the overlay adds the
// rewritten files without writing them into the module. The target is
// github.com/rxjit/rxjit/regex unless the flag -gosuite.target or the
// environment variable GOSUITE_TARGET names another import path; with
// target regexp every test must pass, which validates the harness itself:
//
//	go test ./regex/internal/gosuite/
//	GOSUITE_TARGET=regexp go test ./regex/internal/gosuite/
//	go test ./regex/internal/gosuite/ -v -gosuite.run='TestFowler|TestRE2Search'
//	go test ./regex/internal/gosuite/ -gosuite.work=/tmp/suite  # keep the rewritten files
//
// In -short mode the inner run is short too, which skips
// TestRE2Exhaustive, as in regexp's own suite; under -race it is built with
// -race, which leaves exec2_test.go out, as in regexp's own suite. The full run with target
// regexp takes about 40 seconds, most of it in TestRE2Exhaustive (5.7
// million cases).
//
// With -v the suite's output streams as it runs; otherwise only the output
// of failing tests is shown. The test fails if the suite does not build, if
// any of its tests fails, or if a Test or Example that should have run
// reported no result.
package gosuite
