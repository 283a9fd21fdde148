package gosuite

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"
)

// DefaultTarget is the package the suite tests unless told otherwise.
const DefaultTarget = "github.com/rxjit/rxjit/regex"

var (
	targetFlag = flag.String("gosuite.target", "", "import path of the package to test (default $GOSUITE_TARGET, else "+DefaultTarget+")")
	runFlag    = flag.String("gosuite.run", "", "run only the suite's tests matching this regular expression (default $GOSUITE_RUN)")
	workFlag   = flag.String("gosuite.work", "", "write the rewritten files to this directory and keep them (default: a temporary directory)")
)

// TestGoRegexpSuite rewrites regexp's test files for the target package and
// runs them with go test in the suite subdirectory. It fails if any test of
// the suite fails, if the suite does not build, or if a Test or Example that
// should have run did not report a result.
func TestGoRegexpSuite(t *testing.T) {
	target := setting(*targetFlag, "GOSUITE_TARGET", DefaultTarget)
	run := setting(*runFlag, "GOSUITE_RUN", "")
	cfg := config(t, target)
	res, err := Rewrite(cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("target %s; suite from %s", target, cfg.Dir)
	logResult(t, res)

	suiteDir, err := filepath.Abs("suite")
	if err != nil {
		t.Fatal(err)
	}
	work := *workFlag
	if work == "" {
		work = t.TempDir()
	} else if err := os.MkdirAll(work, 0o755); err != nil {
		t.Fatal(err)
	}
	overlay := map[string]string{}
	for _, f := range res.Files {
		p := filepath.Join(work, f.Name)
		if err := os.WriteFile(p, f.Source, 0o644); err != nil {
			t.Fatal(err)
		}
		overlay[filepath.Join(suiteDir, f.Name)] = p
	}
	js, err := json.MarshalIndent(map[string]any{"Replace": overlay}, "", "\t")
	if err != nil {
		t.Fatal(err)
	}
	overlayFile := filepath.Join(work, "overlay.json")
	if err := os.WriteFile(overlayFile, js, 0o644); err != nil {
		t.Fatal(err)
	}

	// Leave the inner go test enough time to report a timeout itself, with
	// the stacks of the goroutines, before this test's own deadline.
	ctx := context.Background()
	timeout := "0"
	if deadline, ok := t.Deadline(); ok {
		left := time.Until(deadline)
		timeout = (left - left/10 - 5*time.Second).Round(time.Second).String()
		var cancel context.CancelFunc
		ctx, cancel = context.WithDeadline(ctx, deadline.Add(-left/20))
		defer cancel()
	}
	args := []string{"test", "-overlay=" + overlayFile, "-json", "-count=1", "-timeout=" + timeout}
	if testing.Short() {
		args = append(args, "-short")
	}
	if raceEnabled {
		args = append(args, "-race")
	}
	if run != "" {
		args = append(args, "-run="+run)
	}
	args = append(args, ".")
	t.Logf("in %s: go %s", suiteDir, strings.Join(args, " "))

	cmd := exec.CommandContext(ctx, "go", args...)
	cmd.Dir = suiteDir
	cmd.Stderr = os.Stderr
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	rep := newReporter(os.Stdout, testing.Verbose())
	if err := rep.read(stdout); err != nil {
		t.Error(err)
	}
	waitErr := cmd.Wait()
	rep.flush()
	t.Logf("go test ran for %v", time.Since(start).Round(time.Millisecond))

	if len(rep.failed) > 0 {
		t.Errorf("%d of the suite's tests failed: %s", len(rep.failed), strings.Join(rep.failed, " "))
	}
	if len(rep.unfinished) > 0 {
		t.Errorf("tests started but reported no result (crash or timeout?): %s", strings.Join(rep.unfinished, " "))
	}
	if waitErr != nil {
		t.Fatalf("go test: %v", waitErr)
	}
	if run != "" {
		return
	}
	// A test whose file the inner build leaves out (exec2_test.go under
	// -race) is not expected to run.
	built := func(name string) bool {
		expr, ok := res.Constraints[name]
		return !ok || expr.Eval(func(tag string) bool {
			switch tag {
			case "race":
				return raceEnabled
			case runtime.GOOS, runtime.GOARCH, "gc":
				return true
			}
			return strings.HasPrefix(tag, "go1.")
		})
	}
	var missing []string
	for _, name := range slices.Concat(res.Tests, res.Examples) {
		if _, ok := rep.results[name]; !ok && built(name) {
			missing = append(missing, name)
		}
	}
	if len(missing) > 0 {
		t.Errorf("tests of the suite that never ran: %s", strings.Join(missing, " "))
	}
	t.Logf("%d tests and %d examples ran: %d passed, %d skipped",
		len(res.Tests), len(res.Examples), rep.count("pass"), rep.count("skip"))
}

// event is one line of the output of go test -json; see go doc test2json.
type event struct {
	Action string
	Test   string
	Output string
}

// A reporter turns the event stream of the inner go test back into text.
// When verbose, it copies all output as it arrives; otherwise it holds each
// top-level test's output and prints it only if the test fails, like go
// test does for a whole package.
type reporter struct {
	w          io.Writer
	verbose    bool
	held       map[string]*bytes.Buffer
	results    map[string]string // top-level test name -> pass, fail or skip
	failed     []string
	unfinished []string
}

func newReporter(w io.Writer, verbose bool) *reporter {
	return &reporter{w: w, verbose: verbose, held: map[string]*bytes.Buffer{}, results: map[string]string{}}
}

// read consumes the event stream until EOF.
func (r *reporter) read(rd io.Reader) error {
	sc := bufio.NewScanner(rd)
	sc.Buffer(nil, 64<<20)
	for sc.Scan() {
		line := sc.Bytes()
		var e event
		if len(line) == 0 || line[0] != '{' || json.Unmarshal(line, &e) != nil {
			fmt.Fprintf(r.w, "%s\n", line)
			continue
		}
		r.handle(e)
	}
	return sc.Err()
}

func (r *reporter) handle(e event) {
	top, _, sub := strings.Cut(e.Test, "/")
	switch {
	case e.Action == "output" || e.Action == "build-output":
		if r.verbose || e.Test == "" {
			io.WriteString(r.w, e.Output)
			return
		}
		b := r.held[top]
		if b == nil {
			b = new(bytes.Buffer)
			r.held[top] = b
		}
		b.WriteString(e.Output)
	case e.Test == "" || sub:
	case e.Action == "pass" || e.Action == "skip" || e.Action == "fail":
		r.results[top] = e.Action
		if e.Action == "fail" {
			r.failed = append(r.failed, top)
			if b := r.held[top]; b != nil {
				r.w.Write(b.Bytes())
			}
		}
		delete(r.held, top)
	}
}

// flush prints the held output of tests that never finished, which is
// where a panic or a timeout shows.
func (r *reporter) flush() {
	names := make([]string, 0, len(r.held))
	for name := range r.held {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		r.unfinished = append(r.unfinished, name)
		r.w.Write(r.held[name].Bytes())
	}
	r.held = map[string]*bytes.Buffer{}
}

// count returns how many top-level tests ended with the given action.
func (r *reporter) count(action string) int {
	n := 0
	for _, a := range r.results {
		if a == action {
			n++
		}
	}
	return n
}

// logResult logs what Rewrite changed, so that a reader of a verbose run
// sees every skipped test and why.
func logResult(t *testing.T, res *Result) {
	t.Helper()
	for _, s := range res.Skipped {
		t.Logf("skipped %s (%s, uses %s): %s", s.Name, s.File, strings.Join(s.Uses, ", "), s.Reason)
	}
	for _, s := range res.Replaced {
		uses := ""
		if len(s.Uses) > 0 {
			uses = ", uses " + strings.Join(s.Uses, ", ")
		}
		t.Logf("replaced %s (%s%s): %s", s.Name, s.File, uses, s.Reason)
	}
	for _, c := range res.Testdata {
		t.Logf("testdata %s", c)
	}
	if len(res.Unrun) > 0 {
		t.Logf("examples without output, compiled only: %s", strings.Join(res.Unrun, " "))
	}
	t.Logf("%d tests and %d examples to run", len(res.Tests), len(res.Examples))
}

// setting returns the flag value if set, else the environment variable if
// set, else def.
func setting(flagValue, env, def string) string {
	if flagValue != "" {
		return flagValue
	}
	if v := os.Getenv(env); v != "" {
		return v
	}
	return def
}

// goEnv returns the value of a go env variable, from the go command that
// go test put first on $PATH.
func goEnv(t *testing.T, name string) string {
	t.Helper()
	out, err := exec.Command("go", "env", name).Output()
	if err != nil {
		t.Fatalf("go env %s: %v", name, err)
	}
	return strings.TrimSpace(string(out))
}
