package report

import (
	"fmt"
	"time"
)

// Throughput formats n bytes per d with binary units (1 MB = 2^20 bytes,
// 1 GB = 2^30 bytes) and three significant digits.
func Throughput(n int, d time.Duration) string {
	if d <= 0 {
		return "∞"
	}
	bps := float64(n) / d.Seconds()
	switch {
	case bps >= 1<<30:
		return sig3(bps/(1<<30)) + " GB/s"
	case bps >= 1<<20:
		return sig3(bps/(1<<20)) + " MB/s"
	case bps >= 1<<10:
		return sig3(bps/(1<<10)) + " KB/s"
	}
	return sig3(bps) + " B/s"
}

// Duration formats d with three significant digits.
func Duration(d time.Duration) string {
	ns := float64(d)
	switch {
	case ns >= 1e9:
		return sig3(ns/1e9) + "s"
	case ns >= 1e6:
		return sig3(ns/1e6) + "ms"
	case ns >= 1e3:
		return sig3(ns/1e3) + "µs"
	}
	return sig3(ns) + "ns"
}

// Size formats a byte count with binary units.
func Size(n int) string {
	switch {
	case n >= 1<<20:
		return sig3(float64(n)/(1<<20)) + " MB"
	case n >= 1<<10:
		return sig3(float64(n)/(1<<10)) + " KB"
	}
	return fmt.Sprintf("%d B", n)
}

func sig3(v float64) string {
	switch {
	case v >= 100:
		return fmt.Sprintf("%.0f", v)
	case v >= 10:
		return fmt.Sprintf("%.1f", v)
	}
	return fmt.Sprintf("%.2f", v)
}
