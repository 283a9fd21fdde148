// Package measure times a benchmark iteration the way rebar does: a
// warm-up phase, then repeated single-iteration samples within a time
// budget, summarised by the median.
package measure

import (
	"fmt"
	"slices"
	"time"
)

// Config bounds a measurement.
type Config struct {
	// WarmupTime and WarmupIters bound the warm-up phase, whichever is
	// reached first; the warm-up is skipped when WarmupIters is zero.
	WarmupTime  time.Duration
	WarmupIters int
	// Time is the measurement budget: sampling stops once it has elapsed
	// and at least MinSamples samples exist, or once MaxIters samples
	// exist, or once 3×Time has elapsed (an iteration slower than the
	// budget still yields at least one sample).
	Time       time.Duration
	MinSamples int
	MaxIters   int
}

// Default is the configuration of the curated run: about 0.6 s per
// benchmark and engine, so that the whole curated set for six engines
// (312 processes) stays under fifteen minutes on two busy cores.
var Default = Config{
	WarmupTime:  100 * time.Millisecond,
	WarmupIters: 1000,
	Time:        500 * time.Millisecond,
	MinSamples:  3,
	MaxIters:    100000,
}

// Stats summarises the samples of one measurement.
type Stats struct {
	Samples          int
	Median, Min, Max time.Duration
	Mean, MAD        time.Duration
	Total            time.Duration
}

// Run warms up and then samples run, one iteration per sample. When check
// is true each iteration's count must equal want. It returns the first
// error an iteration reports.
func Run(cfg Config, run func() (int, error), check bool, want int) (Stats, error) {
	iter := func() (time.Duration, error) {
		start := time.Now()
		n, err := run()
		d := time.Since(start)
		if err != nil {
			return d, err
		}
		if check && n != want {
			return d, fmt.Errorf("count changed between iterations: got %d, want %d", n, want)
		}
		return d, nil
	}
	begin := time.Now()
	for i := 0; i < cfg.WarmupIters && time.Since(begin) < cfg.WarmupTime; i++ {
		if _, err := iter(); err != nil {
			return Stats{}, err
		}
	}
	var samples []time.Duration
	begin = time.Now()
	for {
		d, err := iter()
		if err != nil {
			return Stats{}, err
		}
		samples = append(samples, d)
		el := time.Since(begin)
		if len(samples) >= cfg.MaxIters || el >= 3*cfg.Time || (el >= cfg.Time && len(samples) >= cfg.MinSamples) {
			break
		}
	}
	return Summarize(samples), nil
}

// Summarize computes the statistics of a non-empty sample set. The median
// of an even number of samples is the mean of the middle two; MAD is the
// median absolute deviation from the median.
func Summarize(samples []time.Duration) Stats {
	s := slices.Clone(samples)
	slices.Sort(s)
	st := Stats{Samples: len(s), Min: s[0], Max: s[len(s)-1], Median: median(s)}
	for _, d := range s {
		st.Total += d
	}
	st.Mean = st.Total / time.Duration(len(s))
	dev := make([]time.Duration, len(s))
	for i, d := range s {
		dev[i] = max(d-st.Median, st.Median-d)
	}
	slices.Sort(dev)
	st.MAD = median(dev)
	return st
}

func median(sorted []time.Duration) time.Duration {
	n := len(sorted)
	if n%2 == 1 {
		return sorted[n/2]
	}
	return (sorted[n/2-1] + sorted[n/2]) / 2
}
