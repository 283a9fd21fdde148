package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"runtime/debug"
	"time"

	"github.com/rxjit/rxjit/cmd/rxbench/internal/engine"
	"github.com/rxjit/rxjit/cmd/rxbench/internal/measure"
	"github.com/rxjit/rxjit/cmd/rxbench/internal/model"
	"github.com/rxjit/rxjit/cmd/rxbench/internal/rebar"
	"github.com/rxjit/rxjit/cmd/rxbench/internal/report"
)

// countEngine is the rebar engine name whose expected count applies to
// every engine here: all of them implement Go's (RE2's) semantics, and
// regexp2 is run with its RE2 option.
const countEngine = "go/regexp"

// childJob is what the driver asks one measuring process to do.
type childJob struct {
	dir, goroot string
	bench       string
	engine      string
	// expect overrides the definition's count when it is not negative.
	expect int
	// verifyOnly skips the timing: the result carries only the count.
	verifyOnly bool
	cfg        measure.Config
}

// runChild measures one benchmark with one engine in this process and
// writes the Result as JSON to standard output. It runs in its own
// process so that engines cannot disturb one another (heap, caches,
// goroutines left running) and so that a runaway search can be killed.
func runChild(job childJob) {
	res := measureOne(job)
	if err := json.NewEncoder(os.Stdout).Encode(res); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

func measureOne(job childJob) (res report.Result) {
	res = report.Result{Bench: job.bench, Engine: job.engine}
	fail := func(s report.Status, format string, args ...any) report.Result {
		res.Status, res.Detail = s, fmt.Sprintf(format, args...)
		return res
	}
	defer func() {
		if p := recover(); p != nil {
			res = fail(report.StatusError, "panic: %v\n%s", p, debug.Stack())
		}
	}()

	e, err := engine.Lookup(job.engine)
	if err != nil {
		return fail(report.StatusError, "%v", err)
	}
	if !engine.EnvSatisfied(e) {
		return fail(report.StatusError, "environment does not match %v", e.Env())
	}
	b, err := rebar.Find(job.dir, job.bench)
	if err != nil {
		return fail(report.StatusError, "%v", err)
	}
	res.Model = b.Model
	w, err := prepare(job.dir, job.goroot, b)
	if err != nil {
		return fail(report.StatusError, "%v", err)
	}
	res.HaystackLen = len(w.haystack)
	want, ok := job.expect, job.expect >= 0
	if !ok {
		want, ok = b.ExpectedCount(countEngine)
	}
	if !ok {
		return fail(report.StatusError, "the definition has no count for %s", countEngine)
	}
	res.Expected = want
	if len(w.patterns) != 1 {
		return fail(report.StatusUnsupported, "%d patterns: multi-pattern search has no equivalent in Go's regexp API", len(w.patterns))
	}
	re, err := e.Compile(w.patterns[0])
	if err != nil {
		return fail(report.StatusRejected, "%v", err)
	}
	task, err := model.New(b.Model, e, w.patterns[0], re, w.haystack)
	if errors.Is(err, model.ErrUnsupported) {
		return fail(report.StatusUnsupported, "%v", err)
	}
	if err != nil {
		return fail(report.StatusError, "%v", err)
	}
	verifyStart := time.Now()
	n, err := task.Verify()
	// The verification iteration warms up too; only the rest of the
	// warm-up budget remains.
	job.cfg.WarmupTime -= time.Since(verifyStart)
	res.Count = n
	if err != nil {
		return fail(report.StatusError, "%v", err)
	}
	if job.verifyOnly {
		res.Status = report.StatusOK
		return res
	}
	if n != want {
		return fail(report.StatusMiscount, "counted %d, expected %d", n, want)
	}
	st, err := measure.Run(job.cfg, task.Run, task.Checked, want)
	if err != nil {
		return fail(report.StatusError, "%v", err)
	}
	res.Status, res.Stats = report.StatusOK, st
	return res
}
