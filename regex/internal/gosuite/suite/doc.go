// Package suite is empty on purpose: it is the package to which
// [github.com/rxjit/rxjit/regex/internal/gosuite] adds Go's regexp test
// files, rewritten, through go test -overlay. The files never exist in this
// directory, so "go test ./..." finds no tests here.
package suite
