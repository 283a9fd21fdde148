package main

import (
	"fmt"
	"os"
	"time"

	"github.com/rxjit/rxjit/cmd/rxbench/internal/measure"
	"github.com/rxjit/rxjit/cmd/rxbench/internal/rebar"
	"github.com/rxjit/rxjit/cmd/rxbench/internal/report"
)

// Row marks, explained under the table by render.
const (
	markSubstitute = "†" // substitute haystack, expected count from regexp
	markNoGo       = "‡" // rebar's definition leaves go/regexp out
)

// driver runs the selected benchmarks one engine at a time, each in its
// own process, strictly one after another so that measurements do not
// compete for the CPU.
type driver struct {
	dir, goroot string
	cfg         measure.Config
	timeout     time.Duration
	engines     []string
	oracle      *oracle
}

// runAll measures every benchmark with every engine and returns the table
// rows and the results, reporting progress on standard error.
func (d *driver) runAll(benches []*rebar.Benchmark) ([]report.Row, []report.Result) {
	var rows []report.Row
	var results []report.Result
	total := len(benches) * len(d.engines)
	done := 0
	for _, b := range benches {
		row := report.Row{Bench: b.FullName(), Model: b.Model}
		expect := -1
		var shared *report.Result // one failure that applies to every engine
		if usesSubstitute(d.dir, b) {
			row.Marks += markSubstitute
			n, ok, res := d.oracle.count(b)
			if ok {
				expect = n
			} else {
				shared = &res
			}
		}
		if !b.Lists(countEngine) {
			row.Marks += markNoGo
		}
		for _, e := range d.engines {
			var res report.Result
			if shared != nil {
				// Without regexp's count no other engine can be verified;
				// regexp itself keeps the status of its failure.
				res = *shared
				if e != shared.Engine {
					res.Engine, res.Status = e, report.StatusUnsupported
				}
			} else {
				res = spawn(childJob{dir: d.dir, goroot: d.goroot, bench: b.FullName(), engine: e, expect: expect, cfg: d.cfg}, d.timeout)
			}
			res.Bench, res.Model = b.FullName(), b.Model
			if res.HaystackLen > 0 {
				row.HaystackLen = res.HaystackLen
			}
			results = append(results, res)
			done++
			fmt.Fprintf(os.Stderr, "[%3d/%d] %-45s %-12s %s\n", done, total, b.FullName(), e, progress(res))
		}
		rows = append(rows, row)
	}
	return rows, results
}

// progress is the one-line summary of a result on standard error.
func progress(r report.Result) string {
	if r.Status != report.StatusOK {
		return fmt.Sprintf("%s: %s", r.Status, lastLine(r.Detail))
	}
	v := report.Throughput(r.HaystackLen, r.Stats.Median)
	if r.Model == "compile" {
		v = report.Duration(r.Stats.Median)
	}
	return fmt.Sprintf("%s (median %s of %d samples)", v, report.Duration(r.Stats.Median), r.Stats.Samples)
}
