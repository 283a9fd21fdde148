package gosuite

import "github.com/rxjit/rxjit/regex"

// The harness runs the target in a go test subprocess, which go test's
// result cache cannot see. The cache keys on the content of this test
// binary, and a blank import does not make the engine part of it (the
// linker drops unreferenced code), so this variable reaches the target's
// whole compile and search path: a change to the engine changes this
// binary and invalidates the cached result of TestGoRegexpSuite. (The
// cache also records $GOSUITE_TARGET and the GOROOT files the harness
// reads.)
var _ = regex.MustCompile(`(a|b)*c`).FindStringSubmatchIndex("abc")
