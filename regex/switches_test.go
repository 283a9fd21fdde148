package regex

import (
	"os"
	"testing"

	"github.com/rxjit/rxjit/jitmem"
	"github.com/rxjit/rxjit/regex/internal/meta"
)

// TestSwitches reads the environment switches that the engines read once,
// at start-up. go test's cache keys a package's results on the variables
// its tests read, and it does not see reads made before the tests start:
// without this test, a run with RXJIT_ENGINE set would replay the results
// of a run without it.
func TestSwitches(t *testing.T) {
	for _, name := range []string{meta.EnvEngine, meta.EnvEager, jitmem.EnvNoJIT} {
		t.Logf("%s=%q", name, os.Getenv(name))
	}
	got := meta.Forced.String()
	if meta.Runes {
		got = "runes"
	}
	if os.Getenv(meta.EnvEngine) != "" && got != os.Getenv(meta.EnvEngine) {
		t.Errorf("the forced engine is %s, %s=%q", got, meta.EnvEngine, os.Getenv(meta.EnvEngine))
	}
}
