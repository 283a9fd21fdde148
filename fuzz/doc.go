// Package fuzz holds rxjit's differential fuzz targets and the helpers
// that feed them.
//
// The targets live in the package's tests and are run with go test -fuzz:
//
//   - FuzzCompile: any pattern bytes; rxjit must accept exactly the
//     patterns regexp accepts and return equal errors.
//   - FuzzMatch: a pattern, an input and a mode; every matching method of
//     rxjit must agree with regexp, after Compile, CompilePOSIX and
//     Longest, on every engine path rxjit has.
//   - FuzzRegexp2: patterns from a sub-grammar on which
//     github.com/dlclark/regexp2 (RE2 option) means the same as Go; the
//     leftmost-first match positions of rxjit, regexp and regexp2 agree.
//
// This file's package (non-test code) supplies the pieces the targets
// share: Generate, which turns fuzz bytes into a valid pattern built from
// a grammar so that the fuzzer reaches deep engine paths instead of syntax
// errors, and BuildInput, which turns fuzz bytes into an input that
// contains the pattern's literals, invalid UTF-8, line ends and lengths
// that cross the engines' chunk boundaries.
//
// Run the targets for a long time with fuzz/run.sh.
package fuzz
