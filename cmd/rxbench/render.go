package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/rxjit/rxjit/cmd/rxbench/internal/report"
	"github.com/rxjit/rxjit/cmd/rxbench/internal/substitute"
)

// savedRun is everything a report needs; -json writes it and -from-json
// renders it again.
type savedRun struct {
	Command   string
	Date      string
	CPU       string
	NumCPU    int
	GoVersion string
	Revision  string
	LoadStart string
	LoadEnd   string
	Elapsed   string
	JITNote   string
	Settings  string
	Engines   []string
	Versions  []string
	Rows      []report.Row
	Results   []report.Result
	// Refs are the published records shown for context; RecordNote
	// explains where they come from.
	Refs       []report.RefColumn
	RecordNote string
}

// render writes the markdown report: context, table, legend, scores.
func (s *savedRun) render(w io.Writer) {
	fmt.Fprintf(w, "Command: `%s` (took %s)  \n", s.Command, s.Elapsed)
	fmt.Fprintf(w, "Date: %s; machine: %d × %s; %s; rxjit rev %s  \n", s.Date, s.NumCPU, s.CPU, s.GoVersion, s.Revision)
	fmt.Fprintf(w, "Load average (1/5/15 min) at start %s, at end %s: the machine is shared, so timings are noisy; rerun a row with -bench before trusting a small difference.  \n", s.LoadStart, s.LoadEnd)
	fmt.Fprintf(w, "Settings: %s.  \n", s.Settings)
	fmt.Fprintf(w, "Engines: %s.  \n", strings.Join(s.Versions, "; "))
	fmt.Fprintf(w, "JIT: %s\n\n", s.JITNote)
	fmt.Fprintln(w, "Median throughput (haystack bytes ÷ median time of one iteration; 1 MB = 2^20 bytes); compile rows show the median compile time. Bold: fastest in the row.")
	fmt.Fprintln(w)
	t := report.Table{Engines: s.Engines, Rows: s.Rows, Results: s.Results, Refs: s.Refs}
	t.Markdown(w)
	fmt.Fprintln(w)
	var subs, nogo bool
	for _, r := range s.Rows {
		subs = subs || strings.Contains(r.Marks, markSubstitute)
		nogo = nogo || strings.Contains(r.Marks, markNoGo)
	}
	if subs {
		fmt.Fprintf(w, "%s Substitute haystack: the original is absent from the shared suite. Used instead: the %s (and likewise %d bytes for %s). "+
			"Throughput is therefore not comparable with rebar's records for these rows, and the expected count was computed by Go's regexp, not taken from the definition.  \n",
			markSubstitute, substitute.Describe("wild/cpython-226484e4.py"), substitute.Sizes["rust-src-tools-3b0d4813.txt"], "rust-src-tools-3b0d4813.txt")
	}
	if nogo {
		fmt.Fprintf(w, "%s rebar's own definition leaves go/regexp out of this benchmark (multi-pattern search, or Unicode-aware \\w, \\b, \\d, \\s that Go's engines lack), so a failure here is expected rather than a bug.  \n", markNoGo)
	}
	if s.RecordNote != "" {
		fmt.Fprintf(w, "%s  \n", s.RecordNote)
	}
	fmt.Fprintln(w)
	best := report.Best(s.Results)
	fmt.Fprintln(w, "rebar score per engine, computed as `rebar rank` does: for each benchmark the engine measured, its median time ÷ the best median of any engine on that benchmark; then the geometric mean. Benchmarks without a measurement are left out of that engine's mean, so compare scores together with the measured counts.")
	fmt.Fprintln(w)
	report.ScoreMarkdown(w, report.Scores(s.Results, s.Engines), len(best))
}
