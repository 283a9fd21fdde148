package main

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/rxjit/rxjit/cmd/rxbench/internal/measure"
	"github.com/rxjit/rxjit/cmd/rxbench/internal/report"
)

// TestMeasureOne runs the measuring process's logic on real definitions,
// one per outcome the table can show.
func TestMeasureOne(t *testing.T) {
	dir := filepath.Join("..", "..", "..", "shared", "bench", "rebar", "benchmarks")
	if _, err := os.Stat(dir); err != nil {
		t.Skipf("rebar suite not found: %v", err)
	}
	quick := measure.Config{Time: time.Millisecond, MinSamples: 1, MaxIters: 3}
	for _, tc := range []struct {
		bench, engine string
		expect        int
		verifyOnly    bool
		status        report.Status
		count         int // -1: not checked
	}{
		{"curated/14-quadratic/1x", "regexp", -1, false, report.StatusOK, 100},
		{"curated/14-quadratic/1x", "regexp2", -1, false, report.StatusOK, 100},
		{"curated/11-unstructured-to-json/compile", "regexp", -1, false, report.StatusOK, 1},
		{"curated/12-dictionary/multi", "regexp", -1, false, report.StatusUnsupported, -1},
		{"curated/08-words/long-russian", "regexp", -1, false, report.StatusMiscount, -1}, // Go's \w and \b are ASCII
		{"curated/14-quadratic/1x", "regexp", 7, false, report.StatusMiscount, 100},       // an -expect override
		{"curated/09-aws-keys/quick", "regexp", 0, true, report.StatusOK, -1},             // substitute haystack
		{"curated/no/such", "regexp", -1, false, report.StatusError, -1},
	} {
		res := measureOne(childJob{dir: dir, goroot: defaultGOROOT(), bench: tc.bench, engine: tc.engine,
			expect: tc.expect, verifyOnly: tc.verifyOnly, cfg: quick})
		if res.Status != tc.status || (tc.count >= 0 && res.Count != tc.count) {
			t.Errorf("%s on %s: %s (%s), count %d; want %s, count %d", tc.engine, tc.bench, res.Status, res.Detail, res.Count, tc.status, tc.count)
		}
		if tc.status == report.StatusOK && !tc.verifyOnly && res.Stats.Samples == 0 {
			t.Errorf("%s on %s: no samples", tc.engine, tc.bench)
		}
	}
}
