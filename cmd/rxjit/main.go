// Command rxjit searches files for lines that match regular expressions,
// with GNU grep's options and output and rxjit's engine.
//
// Patterns use Go's regular-expression syntax (RE2), whatever -E, -G or -P
// says. Files are searched as whole buffers: a large file is mapped, a
// small one read at once, and only the lines around a match are looked at
// as lines. Directories are searched recursively and in parallel, skipping
// hidden files and what .gitignore and .ignore exclude; each file's output
// is written together and in the order the files were found.
//
// The exit status is 0 if a line was selected, 1 if none was, and 2 if an
// error occurred (unless -q was given and a line was selected).
//
// Run "rxjit --help" for the options.
package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"runtime"
	"runtime/debug"
	"sync"
	"sync/atomic"
	"syscall"
)

// main runs the command and exits with its status.
func main() {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(gcPercent)
	}
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr, os.Getenv))
}

// gcPercent is the command's GOGC unless the environment sets one. A
// search keeps little on the heap (each worker reuses its buffer), so
// with Go's default of 100 the garbage of a few hundred files (names,
// results) started a collection every megabyte or so: five in a search
// of Go's source tree, each taking half of one of two cores for
// milliseconds while the search waited for it. At 400 that search runs
// no collection at all, and a heap grown by large buffers is collected
// when it is five times what is live.
const gcPercent = 400

// run is the whole command: it parses args, searches, writes to stdout and
// stderr, and returns the exit status.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer, getenv func(string) string) int {
	o, err := parseArgs(args)
	if err != nil {
		return reportSetupError(stderr, err)
	}
	switch {
	case o.help:
		io.WriteString(stdout, usageText)
		return 0
	case o.version:
		io.WriteString(stdout, versionText())
		return 0
	case o.explain != explainNone:
		if err := explainPattern(stdout, o); err != nil {
			return reportSetupError(stderr, err)
		}
		return 0
	}
	m, err := newMatcher(o)
	if err != nil {
		return reportSetupError(stderr, err)
	}
	if o.maxCount == 0 {
		// grep reads nothing when no line may be selected.
		return 1
	}
	f, _ := stdout.(*os.File)
	cfg := newConfig(o, m, newPalette(o.color, f, getenv))
	return search(cfg, stdin, stdout, stderr)
}

// newConfig derives the shared search settings from the options.
func newConfig(o *options, m *matcher, colors *palette) *config {
	cfg := &config{
		opt:       o,
		m:         m,
		colors:    colors,
		eol:       m.eol,
		contextOn: o.after >= 0 || o.before >= 0,
		before:    max(o.before, 0),
		after:     max(o.after, 0),
		stop:      newStopper(),
	}
	cfg.threads = o.threads
	if cfg.threads <= 0 {
		cfg.threads = runtime.GOMAXPROCS(0)
	}
	cfg.printLines = !o.count && !o.countMatch && !o.listMatch && !o.listNoMatch && !o.quiet
	cfg.countOnly = o.count && !o.countMatch && o.maxCount < 0
	return cfg
}

// jobBatch is the most jobs the walker hands over at once.
const jobBatch = 16

// search walks the inputs and searches them on all cores, writing results
// in order, and returns the exit status.
func search(cfg *config, stdin io.Reader, stdout, stderr io.Writer) int {
	o := cfg.opt
	ow := newOrderedWriter(stdout, stderr, cfg.colors, cfg.stop)
	ow.quiet = o.quiet
	f, isFile := stdout.(*os.File)
	ow.blocks = !o.lineBuffered && !(isFile && isTerminal(f))
	threads := cfg.threads
	jobs := make(chan []*job, 4*threads)
	var (
		wg          sync.WaitGroup
		anySelected atomic.Bool
		anyError    atomic.Bool
	)
	for range threads {
		wg.Add(1)
		go func() {
			defer wg.Done()
			wk := &worker{cfg: cfg}
			for batch := range jobs {
				for _, j := range batch {
					r := ow.result(j.seq)
					if !cfg.stop.stopped(j.seq) {
						wk.searchJob(j, r, stdin)
					}
					if r.selected {
						anySelected.Store(true)
					}
					if r.err {
						anyError.Store(true)
					}
					ow.finish(r)
				}
			}
		}()
	}
	// Jobs go to the workers in batches: one channel send per file made
	// the walker and the workers wake each other for every file of a
	// source tree. A batch is sent when full and before the walker
	// reads a directory, so a slow listing holds back no file already
	// found.
	var batch []*job
	send := func() {
		if len(batch) > 0 {
			jobs <- batch
			batch = nil
		}
	}
	w := &walker{opt: o, stop: cfg.stop, flush: send, emit: func(j *job) {
		if batch = append(batch, j); len(batch) == jobBatch {
			send()
		}
	}}
	w.walk()
	send()
	close(jobs)
	wg.Wait()
	ow.flush()
	if ow.err != nil {
		if !errors.Is(ow.err, syscall.EPIPE) {
			fmt.Fprintf(stderr, "rxjit: write error: %s\n", errnoText(ow.err))
		}
		return 2
	}
	switch {
	case o.quiet && anySelected.Load():
		return 0
	case anyError.Load():
		return 2
	case anySelected.Load():
		return 0
	}
	return 1
}

// reportSetupError reports an error found before any search and returns
// exit status 2.
func reportSetupError(stderr io.Writer, err error) int {
	var ue *usageError
	if errors.As(err, &ue) {
		fmt.Fprintf(stderr, "rxjit: %s\nUsage: rxjit [OPTION]... PATTERNS [FILE]...\nTry 'rxjit --help' for more information.\n", ue.msg)
		return 2
	}
	fmt.Fprintf(stderr, "rxjit: %s\n", err)
	return 2
}
