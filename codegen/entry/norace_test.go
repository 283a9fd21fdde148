//go:build !race

package entry

// raceEnabled is set in race builds, whose instrumentation makes timing
// tests meaningless.
const raceEnabled = false
