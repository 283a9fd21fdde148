package gosuite

// The harness runs the target in a go test subprocess, which go test's
// result cache cannot see. Importing the default target makes it part of
// this test binary, so that a change to the engine invalidates the cached
// result of TestGoRegexpSuite. (The cache also records $GOSUITE_TARGET and
// the GOROOT files the harness reads.)
import _ "github.com/rxjit/rxjit/regex"
