package engine

import (
	"regexp"
	"runtime"
)

// stdlib is Go's standard regexp package, the oracle.
type stdlib struct{}

func init() { register(stdlib{}) }

// Name returns "regexp".
func (stdlib) Name() string { return "regexp" }

// Version returns the Go release the harness was built with.
func (stdlib) Version() string { return runtime.Version() }

// Env returns nil: regexp needs no settings.
func (stdlib) Env() []string { return nil }

// Compile calls regexp.Compile.
func (stdlib) Compile(p string) (Regex, error) {
	re, err := regexp.Compile(p)
	if err != nil {
		return nil, err
	}
	return stdRegex{re}, nil
}
