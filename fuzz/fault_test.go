package fuzz

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// faultFuzzTime is how long each target may fuzz a deliberately broken
// engine before TestFuzzTargetsCatchFaults gives up on it.
const faultFuzzTime = "30s"

// TestFuzzTargetsCatchFaults proves that the targets can fail. It builds
// this package's tests with the rxjitfault tag, which compiles the regex
// package's fault switch in, and fuzzes each target with the fault that
// target must catch (RXJIT_FAULT=compile: Compile rejects valid patterns
// containing '{'; RXJIT_FAULT=match: matches of three bytes or more end a
// byte early). Each run must fail and write a failing input within
// faultFuzzTime. The runs add no seeds (RXJIT_FUZZ_NOSEEDS=1) and run in a
// temporary directory, so they do not see the committed corpus: what they
// find they find by mutation, and they write their findings and cache
// outside the repository.
func TestFuzzTargetsCatchFaults(t *testing.T) {
	if testing.Short() {
		t.Skip("fuzzes each target for up to " + faultFuzzTime + "; skipped in -short mode")
	}
	if os.Getenv("RXJIT_FAULT") != "" {
		t.Skip("RXJIT_FAULT is set: this is one of the fault runs")
	}
	gobin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command on PATH")
	}
	bin := filepath.Join(t.TempDir(), "fuzz.test")
	// -fuzz with -c builds the coverage instrumentation fuzzing needs.
	build := exec.Command(gobin, "test", "-c", "-tags", "rxjitfault", "-fuzz", "^Fuzz", "-o", bin, ".")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("%v: %v\n%s", build, err, out)
	}
	for _, c := range []struct{ target, fault string }{
		{"FuzzCompile", "compile"},
		{"FuzzMatch", "match"},
		{"FuzzRegexp2", "match"},
	} {
		t.Run(c.target, func(t *testing.T) {
			work := t.TempDir()
			cmd := exec.Command(bin,
				"-test.run=^$",
				"-test.fuzz=^"+c.target+"$",
				"-test.fuzztime="+faultFuzzTime,
				"-test.fuzzcachedir="+filepath.Join(work, "cache"),
				"-test.parallel=2",
			)
			cmd.Dir = work
			cmd.Env = append(os.Environ(), "RXJIT_FAULT="+c.fault, noSeedsEnv+"=1")
			start := time.Now()
			out, err := cmd.CombinedOutput()
			elapsed := time.Since(start).Round(time.Second)
			if err == nil {
				t.Fatalf("RXJIT_FAULT=%s: %s found nothing in %s:\n%s", c.fault, c.target, faultFuzzTime, out)
			}
			written, _ := filepath.Glob(filepath.Join(work, "testdata", "fuzz", c.target, "*"))
			if len(written) == 0 || !strings.Contains(string(out), "Failing input written to") {
				t.Fatalf("RXJIT_FAULT=%s: %s failed (%v) without writing a failing input:\n%s", c.fault, c.target, err, out)
			}
			input, _ := os.ReadFile(written[0])
			t.Logf("RXJIT_FAULT=%s: %s failed after %s with input\n%s\n%s", c.fault, c.target, elapsed, input, failureLines(out))
		})
	}
}

// failureLines returns the lines of a fuzzing run's output that explain
// the failure.
func failureLines(out []byte) string {
	var keep []string
	for line := range strings.SplitSeq(string(out), "\n") {
		if strings.Contains(line, "_test.go:") {
			keep = append(keep, strings.TrimSpace(line))
		}
	}
	return strings.Join(keep, "\n")
}
