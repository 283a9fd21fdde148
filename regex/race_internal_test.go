//go:build race

package regex

// raceEnabledInternal is set in race builds, whose instrumentation makes
// timing tests meaningless.
const raceEnabledInternal = true
