// Command rxbench measures rxjit against Go's other regex engines on the
// rebar benchmark suite and prints a markdown table of median throughput
// per benchmark and engine, followed by rebar's score per engine.
//
// Usage, from anywhere inside the rxjit repository:
//
//	cd cmd/rxbench && go run .                 # the curated set, every engine
//	go run . -bench 'curated/01-literal/sherlock-en$' -engine rxjit,regexp
//	go run . -glob 'curated/0[1-2]-*/*-en'     # the same with a glob
//	go run . -list                             # show what a filter selects
//
// The suite is read from <repo>/../shared/bench/rebar unless -suite says
// otherwise. Each benchmark runs, for each engine, in a fresh process: the
// harness builds the pattern and haystack as rebar's FORMAT.md defines,
// compiles the pattern, checks the engine's count against the
// definition's, then warms up and takes single-iteration samples for
// about -time, reporting the median. An engine that rejects a pattern,
// miscounts, fails or exceeds -timeout keeps its cell, which says so.
//
// Two curated haystacks are absent from the shared suite; the benchmarks
// that use them run on a stand-in made of Go's own sources (see package
// substitute) and take their expected counts from Go's regexp. The table
// marks them.
//
// The Go benchmark grid (Easy0 … Hard1 × 16 B … 32 MB) for every engine is
// in the grid package: go test -bench . ./grid
package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"time"

	"github.com/rxjit/rxjit/cmd/rxbench/internal/engine"
	"github.com/rxjit/rxjit/cmd/rxbench/internal/measure"
	"github.com/rxjit/rxjit/cmd/rxbench/internal/rebar"
)

func main() {
	var (
		suite    = flag.String("suite", "", "rebar suite `dir` (holding benchmarks/ and record/); default <repo>/../shared/bench/rebar")
		benchRE  = flag.String("bench", "^curated/", "run the benchmarks whose full name (group/name) matches this Go `regexp`")
		glob     = flag.String("glob", "", "run the benchmarks whose full name matches this `glob` (path.Match; * does not cross /); replaces the -bench default")
		engines  = flag.String("engine", strings.Join(engine.Names(), ","), "comma-separated `engines` to run")
		budget   = flag.Duration("time", measure.Default.Time, "measurement budget per benchmark and engine")
		warmup   = flag.Duration("warmup", measure.Default.WarmupTime, "warm-up budget per benchmark and engine")
		timeout  = flag.Duration("timeout", 60*time.Second, "kill a benchmark × engine process after this long")
		goroot   = flag.String("goroot", "", "Go tree whose src/ makes the substitute haystacks; default $(go env GOROOT)")
		list     = flag.Bool("list", false, "list the selected benchmarks and exit")
		jsonOut  = flag.String("json", "", "also write the raw results to this `file`")
		fromJSON = flag.String("from-json", "", "render the results saved in this `file` by -json instead of running")
		records  = flag.String("record", "go/regexp,re2,rust/regex", "comma-separated rebar `engines` whose published medians are shown as extra columns (empty: none)")
		recDir   = flag.String("record-dir", "", "published records `dir`; default <suite>/record/all/2023-12-30")
		noCache  = flag.Bool("nocache", false, "recompute regexp's counts for substitute haystacks instead of using the cache")

		// Flags of the measuring child process; not for people.
		child       = flag.Bool("child", false, "internal: measure one benchmark with one engine")
		childDir    = flag.String("child-dir", "", "internal")
		childBench  = flag.String("child-bench", "", "internal")
		childEngine = flag.String("child-engine", "", "internal")
		expect      = flag.Int("expect", -1, "internal")
		verifyOnly  = flag.Bool("verify-only", false, "internal")
	)
	flag.Parse()
	cfg := measure.Default
	cfg.Time, cfg.WarmupTime = *budget, *warmup
	if *goroot == "" {
		*goroot = defaultGOROOT()
	}
	if *child {
		runChild(childJob{dir: *childDir, goroot: *goroot, bench: *childBench, engine: *childEngine,
			expect: *expect, verifyOnly: *verifyOnly, cfg: cfg})
		return
	}

	repo, err := findRepo()
	check(err)
	if *suite == "" {
		*suite = filepath.Join(repo, "..", "shared", "bench", "rebar")
	}
	if *fromJSON != "" {
		var saved savedRun
		data, err := os.ReadFile(*fromJSON)
		check(err)
		check(json.Unmarshal(data, &saved))
		saved.render(os.Stdout)
		return
	}
	dir := filepath.Join(*suite, "benchmarks")
	all, err := rebar.Load(dir)
	check(err)
	sel, err := selectBenchmarks(all, *benchRE, *glob, isFlagSet("bench"))
	check(err)
	engs, err := selectEngines(*engines)
	check(err)
	if *list {
		for _, b := range sel {
			mark := ""
			if usesSubstitute(dir, b) {
				mark = "  (substitute haystack)"
			}
			fmt.Printf("%s\t%s%s\n", b.FullName(), b.Model, mark)
		}
		return
	}
	cacheDir := ""
	if !*noCache {
		if c, err := os.UserCacheDir(); err == nil {
			cacheDir = filepath.Join(c, "rxbench")
		}
	}
	d := &driver{
		dir: dir, goroot: *goroot, cfg: cfg, timeout: *timeout, engines: engs,
		oracle: newOracle(dir, *goroot, cacheDir, *timeout),
	}
	run := savedRun{
		Command:   commandLine(os.Args[1:]),
		Date:      time.Now().UTC().Format("2006-01-02 15:04 MST"),
		CPU:       cpuModel(),
		NumCPU:    runtime.NumCPU(),
		GoVersion: runtime.Version(),
		Revision:  gitRevision(repo),
		LoadStart: loadAverage(),
		JITNote:   jitNote(repo),
		Settings:  fmt.Sprintf("warm-up ≤ %v, measurement ≈ %v (at least %d samples unless one iteration exceeds it), timeout %v per benchmark × engine", cfg.WarmupTime, cfg.Time, cfg.MinSamples, *timeout),
		Engines:   engs,
	}
	for _, e := range engs {
		eng, _ := engine.Lookup(e)
		v := eng.Version()
		if strings.HasPrefix(e, "rxjit") {
			// The replaced module has no version of its own.
			_, extra, _ := strings.Cut(v, ", ")
			v = "rev " + run.Revision
			if extra != "" {
				v += " with " + extra
			}
		}
		run.Versions = append(run.Versions, e+" "+v)
	}
	start := time.Now()
	run.Rows, run.Results = d.runAll(sel)
	run.Elapsed = time.Since(start).Round(time.Second).String()
	if *records != "" {
		if *recDir == "" {
			*recDir = filepath.Join(*suite, "record", "all", "2023-12-30")
		}
		run.Refs, run.RecordNote, err = referenceColumns(*recDir, strings.Split(*records, ","), run.Rows)
		check(err)
	}
	run.LoadEnd = loadAverage()
	if *jsonOut != "" {
		data, err := json.MarshalIndent(run, "", "\t")
		check(err)
		check(os.WriteFile(*jsonOut, data, 0o644))
	}
	run.render(os.Stdout)
}

// selectBenchmarks applies the name filters. The default -bench filter
// (the curated set) gives way to an explicit -glob.
func selectBenchmarks(all []rebar.Benchmark, benchRE, glob string, benchSet bool) ([]*rebar.Benchmark, error) {
	re, err := regexp.Compile(benchRE)
	if err != nil {
		return nil, fmt.Errorf("-bench: %w", err)
	}
	if _, err := path.Match(glob, ""); err != nil {
		return nil, fmt.Errorf("-glob: %w", err)
	}
	var out []*rebar.Benchmark
	for i := range all {
		name := all[i].FullName()
		if glob != "" {
			if ok, _ := path.Match(glob, name); !ok {
				continue
			}
			if benchSet && !re.MatchString(name) {
				continue
			}
		} else if !re.MatchString(name) {
			continue
		}
		out = append(out, &all[i])
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("no benchmark matches the filter (try -list)")
	}
	return out, nil
}

// selectEngines validates a comma-separated engine list and returns it in
// column order.
func selectEngines(list string) ([]string, error) {
	want := map[string]bool{}
	for _, n := range strings.Split(list, ",") {
		n = strings.TrimSpace(n)
		if n == "" {
			continue
		}
		if _, err := engine.Lookup(n); err != nil {
			return nil, err
		}
		want[n] = true
	}
	var out []string
	for _, n := range engine.Names() {
		if want[n] {
			out = append(out, n)
		}
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("-engine selects no engine")
	}
	return out, nil
}

// findRepo returns the root of the rxjit repository containing the
// working directory: the nearest ancestor whose go.mod declares module
// github.com/rxjit/rxjit.
func findRepo() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		data, err := os.ReadFile(filepath.Join(dir, "go.mod"))
		if err == nil && bytes.HasPrefix(data, []byte("module github.com/rxjit/rxjit\n")) {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", fmt.Errorf("run rxbench from inside the rxjit repository (no go.mod of github.com/rxjit/rxjit above the working directory)")
		}
		dir = parent
	}
}

// defaultGOROOT asks the go command, falling back to $GOROOT.
func defaultGOROOT() string {
	if out, err := exec.Command("go", "env", "GOROOT").Output(); err == nil {
		if s := strings.TrimSpace(string(out)); s != "" {
			return s
		}
	}
	return os.Getenv("GOROOT")
}

// commandLine returns the shell command that reproduces this run, with
// arguments quoted where the shell would otherwise alter them.
func commandLine(args []string) string {
	safe := regexp.MustCompile(`^[-A-Za-z0-9_./=:,@+]+$`)
	out := []string{"cd cmd/rxbench && go run ."}
	for _, a := range args {
		if !safe.MatchString(a) {
			a = "'" + strings.ReplaceAll(a, "'", `'\''`) + "'"
		}
		out = append(out, a)
	}
	return strings.Join(out, " ")
}

func isFlagSet(name string) bool {
	set := false
	flag.Visit(func(f *flag.Flag) { set = set || f.Name == name })
	return set
}

func check(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, "rxbench:", err)
		os.Exit(2)
	}
}
