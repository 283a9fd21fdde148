package report

import (
	"bytes"
	"math"
	"testing"
	"time"

	"github.com/rxjit/rxjit/cmd/rxbench/internal/measure"
)

func ok(bench, engine string, median time.Duration) Result {
	return Result{Bench: bench, Model: "count", Engine: engine, Status: StatusOK, HaystackLen: 1 << 20, Stats: measure.Stats{Median: median}}
}

func TestScores(t *testing.T) {
	results := []Result{
		ok("a", "x", 10), ok("a", "y", 40),
		ok("b", "x", 30), ok("b", "y", 10),
		ok("c", "x", 5),
		{Bench: "c", Engine: "y", Status: StatusMiscount},
	}
	got := Scores(results, []string{"x", "y", "z"})
	// x: ratios 1, 3, 1 → geomean 3^(1/3); y: ratios 4, 1 → 2.
	want := []Score{{"x", math.Cbrt(3), 3, 2}, {"y", 2, 2, 1}, {"z", math.NaN(), 0, 0}}
	for i, w := range want {
		g := got[i]
		same := g.Engine == w.Engine && g.Measured == w.Measured && g.Wins == w.Wins &&
			(math.Abs(g.Geomean-w.Geomean) < 1e-9 || math.IsNaN(g.Geomean) && math.IsNaN(w.Geomean))
		if !same {
			t.Errorf("Scores[%d] = %+v, want %+v", i, g, w)
		}
	}
}

func TestUnits(t *testing.T) {
	for _, tc := range []struct{ got, want string }{
		{Throughput(1<<30, time.Second), "1.00 GB/s"},
		{Throughput(3<<20, 2*time.Second), "1.50 MB/s"},
		{Throughput(500, time.Second), "500 B/s"},
		{Duration(1500 * time.Nanosecond), "1.50µs"},
		{Duration(123456 * time.Microsecond), "123ms"},
		{Duration(12 * time.Nanosecond), "12.0ns"},
		{Size(2048), "2.00 KB"},
		{Size(7), "7 B"},
	} {
		if tc.got != tc.want {
			t.Errorf("got %q, want %q", tc.got, tc.want)
		}
	}
}

func TestMarkdown(t *testing.T) {
	tab := Table{
		Engines: []string{"x", "y"},
		Rows:    []Row{{Bench: "a", Model: "count", HaystackLen: 1 << 20, Marks: "†"}, {Bench: "b", Model: "compile"}},
		Results: []Result{
			ok("a", "x", time.Millisecond), ok("a", "y", 2*time.Millisecond),
			{Bench: "b", Model: "compile", Engine: "x", Status: StatusRejected, Detail: "too | big"},
			{Bench: "b", Model: "compile", Engine: "y", Status: StatusOK, Stats: measure.Stats{Median: 3 * time.Microsecond}},
		},
		Refs: []RefColumn{{Name: "r", Cells: map[string]string{"a": "9 GB/s"}}},
	}
	var buf bytes.Buffer
	tab.Markdown(&buf)
	want := `| benchmark | model | haystack | x | y | r |
|---|---|--:|--:|--:|--:|
| a† | count | 1.00 MB | **1000 MB/s** | 500 MB/s | 9 GB/s |
| b | compile | — | ✗ rejected [1] | **3.00µs** | — |

[1] too \| big  
`
	if got := buf.String(); got != want {
		t.Errorf("Markdown:\n%s\nwant:\n%s", got, want)
	}
}
