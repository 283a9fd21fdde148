package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"time"

	"github.com/rxjit/rxjit/cmd/rxbench/internal/engine"
	"github.com/rxjit/rxjit/cmd/rxbench/internal/report"
)

// spawn runs job in a fresh copy of this executable with the engine's
// environment, kills it after timeout, and returns its Result. A child
// that times out, crashes or prints garbage yields a Result saying so.
func spawn(job childJob, timeout time.Duration) report.Result {
	res := report.Result{Bench: job.bench, Engine: job.engine}
	self, err := os.Executable()
	if err != nil {
		res.Status, res.Detail = report.StatusError, err.Error()
		return res
	}
	args := []string{
		"-child",
		"-child-dir", job.dir,
		"-goroot", job.goroot,
		"-child-bench", job.bench,
		"-child-engine", job.engine,
		"-expect", strconv.Itoa(job.expect),
		"-time", job.cfg.Time.String(),
		"-warmup", job.cfg.WarmupTime.String(),
	}
	if job.verifyOnly {
		args = append(args, "-verify-only")
	}
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, self, args...)
	cmd.Env = childEnv(os.Environ(), job.engine)
	bindToParent(cmd)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err = cmd.Run()
	if ctx.Err() != nil {
		res.Status = report.StatusTimeout
		res.Detail = fmt.Sprintf("%s did not finish verification and timing within %v (the -timeout flag)", job.engine, timeout)
		return res
	}
	if jerr := json.Unmarshal(stdout.Bytes(), &res); jerr != nil || err != nil {
		res.Status = report.StatusError
		res.Detail = fmt.Sprintf("measuring process failed: %v; %s", errors.Join(err, jerr), lastLine(stderr.String()))
	}
	return res
}

// childEnv returns env adjusted to engine name's requirements.
func childEnv(env []string, name string) []string {
	e, err := engine.Lookup(name)
	if err != nil {
		return env
	}
	for _, kv := range e.Env() {
		key, value, _ := strings.Cut(kv, "=")
		out := env[:0:0]
		for _, old := range env {
			if !strings.HasPrefix(old, key+"=") {
				out = append(out, old)
			}
		}
		if value != "" {
			out = append(out, kv)
		}
		env = out
	}
	return env
}

func lastLine(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.LastIndexByte(s, '\n'); i >= 0 {
		s = s[i+1:]
	}
	return s
}
