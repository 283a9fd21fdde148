//go:build race

package gosuite

// raceEnabled reports whether this test was built with -race, so that the
// suite is built with it too.
const raceEnabled = true
