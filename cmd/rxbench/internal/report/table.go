package report

import (
	"fmt"
	"io"
	"math"
	"slices"
	"strings"
)

// Row describes one benchmark of a table.
type Row struct {
	Bench string
	Model string
	// HaystackLen is shown in the size column; zero shows "—".
	HaystackLen int
	// Marks are appended to the benchmark name (for example "†"); the
	// caller explains them below the table.
	Marks string
}

// Table renders results as markdown: one row per benchmark, one column
// per engine, the fastest median of each row in bold. A cell shows
// throughput (haystack length ÷ median time), or the median time itself
// for the compile model. A cell without a measurement says why in a few
// words and points to a numbered note with the details.
type Table struct {
	Engines []string
	Rows    []Row
	Results []Result
	// Refs are extra columns shown after the engines, for context only:
	// they take no part in bold or scores.
	Refs []RefColumn
}

// RefColumn is a column of preformatted cells keyed by benchmark name;
// missing cells show "—".
type RefColumn struct {
	Name  string
	Cells map[string]string
}

// Markdown writes the table followed by its notes.
func (t *Table) Markdown(w io.Writer) {
	byKey := map[[2]string]Result{}
	for _, r := range t.Results {
		byKey[[2]string{r.Bench, r.Engine}] = r
	}
	best := Best(t.Results)
	var notes []string
	noteOf := func(text string) int {
		for i, n := range notes {
			if n == text {
				return i + 1
			}
		}
		notes = append(notes, text)
		return len(notes)
	}

	heads := slices.Clone(t.Engines)
	for _, ref := range t.Refs {
		heads = append(heads, ref.Name)
	}
	fmt.Fprintf(w, "| benchmark | model | haystack | %s |\n", strings.Join(heads, " | "))
	fmt.Fprintf(w, "|---|---|--:|%s\n", strings.Repeat("--:|", len(heads)))
	for _, row := range t.Rows {
		size := "—"
		if row.HaystackLen > 0 && row.Model != "compile" {
			size = Size(row.HaystackLen)
		}
		cells := make([]string, len(t.Engines))
		for i, e := range t.Engines {
			r, ok := byKey[[2]string{row.Bench, e}]
			switch {
			case !ok:
				cells[i] = "not run"
			case r.Status == StatusOK:
				var v string
				if r.Model == "compile" {
					v = Duration(r.Stats.Median)
				} else {
					v = Throughput(r.HaystackLen, r.Stats.Median)
				}
				if r.Stats.Median == best[row.Bench] {
					v = "**" + v + "**"
				}
				cells[i] = v
			case r.Status == StatusMiscount:
				cells[i] = short(r) // the cell says it all
			default:
				cells[i] = fmt.Sprintf("%s [%d]", short(r), noteOf(r.Detail))
			}
		}
		for _, ref := range t.Refs {
			c, ok := ref.Cells[row.Bench]
			if !ok {
				c = "—"
			}
			cells = append(cells, c)
		}
		fmt.Fprintf(w, "| %s%s | %s | %s | %s |\n", row.Bench, row.Marks, row.Model, size, strings.Join(cells, " | "))
	}
	if len(notes) > 0 {
		fmt.Fprintln(w)
		for i, n := range notes {
			fmt.Fprintf(w, "[%d] %s  \n", i+1, escape(n))
		}
	}
}

// short names a failed cell's status in a few words.
func short(r Result) string {
	switch r.Status {
	case StatusMiscount:
		return fmt.Sprintf("✗ count %d≠%d", r.Count, r.Expected)
	case StatusRejected:
		return "✗ rejected"
	case StatusUnsupported:
		return "n/a"
	case StatusTimeout:
		return "✗ timeout"
	}
	return "✗ error"
}

// escape keeps a note from breaking the markdown around it.
func escape(s string) string {
	s = strings.ReplaceAll(s, "\n", " ")
	s = strings.ReplaceAll(s, "|", `\|`)
	if len(s) > 300 {
		s = s[:300] + "…"
	}
	return s
}

// ScoreMarkdown writes rebar's score per engine as a markdown table.
// Total is the number of benchmarks on which at least one engine has a
// measurement.
func ScoreMarkdown(w io.Writer, scores []Score, total int) {
	fmt.Fprintln(w, "| engine | score (geomean of time ÷ best time; 1.00 = fastest) | benchmarks measured | wins |")
	fmt.Fprintln(w, "|---|--:|--:|--:|")
	for _, s := range scores {
		g := "—"
		if !math.IsNaN(s.Geomean) {
			g = fmt.Sprintf("%.2f", s.Geomean)
		}
		fmt.Fprintf(w, "| %s | %s | %d/%d | %d |\n", s.Engine, g, s.Measured, total, s.Wins)
	}
}
