package engine

import "github.com/grafana/regexp"

// grafana is github.com/grafana/regexp, a fork of the standard package
// with extra optimisations and the same API.
type grafana struct{}

func init() { register(grafana{}) }

// Name returns "grafana".
func (grafana) Name() string { return "grafana" }

// Version returns the module version the harness was built with.
func (grafana) Version() string { return moduleVersion("github.com/grafana/regexp") }

// Env returns nil: grafana/regexp needs no settings.
func (grafana) Env() []string { return nil }

// Compile calls regexp.Compile of the fork.
func (grafana) Compile(p string) (Regex, error) {
	re, err := regexp.Compile(p)
	if err != nil {
		return nil, err
	}
	return stdRegex{re}, nil
}
