//go:build linux && amd64

package jitmem

import (
	"runtime"
	"sync"
	"testing"
	"time"
)

var sink []byte

// TestChurn creates and drops 100,000 sealed blobs, each in its own region
// (the worst case: a Compile immediately followed by a match), while another
// goroutine allocates so that the GC keeps cycling. Executable memory lives
// outside the Go heap and the GC cannot see it, so this checks that cleanups
// keep pace and the mapped total stays bounded instead of growing with the
// number of blobs ever created (100,000 × 4 KiB = 400 MB).
func TestChurn(t *testing.T) {
	requireJIT(t)
	const blobs = 100_000
	const bound = 64 << 20
	before := settle(t)
	stop := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for {
			select {
			case <-stop:
				return
			default:
				sink = make([]byte, 64<<10)
			}
		}
	}()
	start := time.Now()
	var peak int64
	var memStats runtime.MemStats
	runtime.ReadMemStats(&memStats)
	gcBefore := memStats.NumGC
	for i := 0; i < blobs; i++ {
		c, err := Alloc(ret)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := c.Entry(); err != nil {
			t.Fatal(err)
		}
		if b := ReadStats().BytesMapped - before.BytesMapped; b > peak {
			peak = b
		}
	}
	close(stop)
	wg.Wait()
	runtime.ReadMemStats(&memStats)
	t.Logf("%d blobs in %v, %d GCs: peak executable memory %d KiB (%d regions' worth)",
		blobs, time.Since(start).Round(time.Millisecond), memStats.NumGC-gcBefore, peak>>10, peak/int64(pageSize()))
	if peak > bound {
		t.Errorf("peak mapped bytes %d, want ≤ %d", peak, bound)
	}
	after := settle(t)
	if after.RegionsLive > before.RegionsLive+1 { // the default arena may hold one
		t.Errorf("after churn: %+v, before: %+v", after, before)
	}
}
