// Package suite is empty on purpose: it is the package to which
// [github.com/rxjit/rxjit/regex/internal/gosuite] adds Go's regexp test
// files, rewritten, through go test -overlay. Those files never exist in
// this directory, and shims.go, the public-API stand-ins added with them,
// is excluded from ordinary builds, so "go test ./..." finds no tests here.
package suite
