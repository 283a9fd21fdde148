package measure

import (
	"errors"
	"testing"
	"time"
)

func TestSummarize(t *testing.T) {
	for _, tc := range []struct {
		in          []time.Duration
		median, mad time.Duration
	}{
		{[]time.Duration{5}, 5, 0},
		{[]time.Duration{3, 1, 2}, 2, 1},
		{[]time.Duration{4, 1, 3, 2}, 2, 1}, // (2+3)/2 = 2 in integer nanoseconds; deviations 0,1,1,2 → 1
		{[]time.Duration{10, 10, 10, 1000}, 10, 0},
	} {
		st := Summarize(tc.in)
		if st.Median != tc.median || st.MAD != tc.mad || st.Samples != len(tc.in) {
			t.Errorf("Summarize(%v) = %+v, want median %v, MAD %v", tc.in, st, tc.median, tc.mad)
		}
	}
}

func TestRunBounds(t *testing.T) {
	cfg := Config{WarmupIters: 2, WarmupTime: time.Second, Time: time.Hour, MinSamples: 1, MaxIters: 7}
	calls := 0
	st, err := Run(cfg, func() (int, error) { calls++; return 4, nil }, true, 4)
	if err != nil || st.Samples != 7 || calls != 9 {
		t.Errorf("Run = %+v, %v after %d calls; want 7 samples after 9 calls", st, err, calls)
	}
	_, err = Run(cfg, func() (int, error) { return 5, nil }, true, 4)
	if err == nil {
		t.Error("a changed count must be an error")
	}
	boom := errors.New("boom")
	if _, err := Run(cfg, func() (int, error) { return 0, boom }, false, 0); !errors.Is(err, boom) {
		t.Errorf("Run error = %v, want boom", err)
	}
	// A slow iteration stops sampling at 3×Time even below MinSamples.
	slow := Config{Time: time.Millisecond, MinSamples: 100, MaxIters: 100}
	st, _ = Run(slow, func() (int, error) { time.Sleep(2 * time.Millisecond); return 0, nil }, false, 0)
	if st.Samples > 3 {
		t.Errorf("slow run took %d samples, want at most 3", st.Samples)
	}
}
