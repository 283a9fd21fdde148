package report

import (
	"math"
	"time"
)

// Score is rebar's ranking figure for one engine.
type Score struct {
	Engine string
	// Geomean is the geometric mean, over the benchmarks the engine
	// measured, of its median time divided by the best median time of
	// any engine on that benchmark; 1.0 means fastest everywhere. It is
	// NaN when the engine measured nothing.
	Geomean float64
	// Measured counts the benchmarks in the mean; Wins counts those on
	// which the engine was the fastest.
	Measured, Wins int
}

// Best returns, per benchmark, the smallest median among the results
// with StatusOK; benchmarks without any are absent.
func Best(results []Result) map[string]time.Duration {
	best := map[string]time.Duration{}
	for _, r := range results {
		if r.Status != StatusOK {
			continue
		}
		if b, ok := best[r.Bench]; !ok || r.Stats.Median < b {
			best[r.Bench] = r.Stats.Median
		}
	}
	return best
}

// Scores computes each engine's Score from results, in the order of
// engines. As in rebar, an engine is scored only on the benchmarks it
// measured, so a lower Measured count means a narrower comparison.
func Scores(results []Result, engines []string) []Score {
	best := Best(results)
	var out []Score
	for _, e := range engines {
		s := Score{Engine: e}
		sum := 0.0
		for _, r := range results {
			if r.Engine != e || r.Status != StatusOK {
				continue
			}
			b := best[r.Bench]
			ratio := 1.0
			if b > 0 {
				ratio = float64(r.Stats.Median) / float64(b)
			}
			if r.Stats.Median == b {
				s.Wins++
			}
			sum += math.Log(ratio)
			s.Measured++
		}
		s.Geomean = math.NaN()
		if s.Measured > 0 {
			s.Geomean = math.Exp(sum / float64(s.Measured))
		}
		out = append(out, s)
	}
	return out
}
