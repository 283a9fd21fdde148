package engine

import re2 "github.com/wasilibs/go-re2"

// goRE2 is github.com/wasilibs/go-re2: the C++ RE2 library translated to
// Go through WebAssembly (the default, cgo-free build), behind the
// standard regexp API.
type goRE2 struct{}

func init() { register(goRE2{}) }

// Name returns "go-re2".
func (goRE2) Name() string { return "go-re2" }

// Version returns the module version the harness was built with.
func (goRE2) Version() string { return moduleVersion("github.com/wasilibs/go-re2") }

// Env returns nil: go-re2 needs no settings.
func (goRE2) Env() []string { return nil }

// Compile calls re2.Compile.
func (goRE2) Compile(p string) (Regex, error) {
	re, err := re2.Compile(p)
	if err != nil {
		return nil, err
	}
	return stdRegex{re}, nil
}
