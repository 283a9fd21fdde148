package main

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"time"

	"github.com/rxjit/rxjit/cmd/rxbench/internal/rebar"
	"github.com/rxjit/rxjit/cmd/rxbench/internal/report"
)

// oracle computes the expected counts of benchmarks that run on a
// substitute haystack, where the definition's count (taken on the
// original haystack) cannot apply. The count is whatever Go's regexp
// produces, computed once in a measuring process and cached on disk, so
// that iterating on one such benchmark with another engine does not pay
// for a regexp run every time.
type oracle struct {
	dir, goroot string
	timeout     time.Duration
	cacheFile   string // empty: no cache
	cache       map[string]int
}

func newOracle(dir, goroot, cacheDir string, timeout time.Duration) *oracle {
	o := &oracle{dir: dir, goroot: goroot, timeout: timeout, cache: map[string]int{}}
	if cacheDir != "" {
		o.cacheFile = filepath.Join(cacheDir, "oracle-counts.json")
		if data, err := os.ReadFile(o.cacheFile); err == nil {
			json.Unmarshal(data, &o.cache) // a corrupt cache is rebuilt
		}
	}
	return o
}

// key identifies everything the count depends on: the Go release (its
// regexp and its sources), GOROOT, and the benchmark's definition.
func (o *oracle) key(b *rebar.Benchmark) string {
	h := sha256.New()
	fmt.Fprintf(h, "%s\x00%s\x00%#v", runtime.Version(), o.goroot, *b)
	return b.FullName() + "@" + hex.EncodeToString(h.Sum(nil))[:16]
}

// count returns regexp's count for b on its substitute haystack. When
// regexp cannot produce one, it returns false and regexp's Result, whose
// status and detail then apply to every engine.
func (o *oracle) count(b *rebar.Benchmark) (int, bool, report.Result) {
	k := o.key(b)
	if n, ok := o.cache[k]; ok {
		return n, true, report.Result{}
	}
	res := spawn(childJob{dir: o.dir, goroot: o.goroot, bench: b.FullName(), engine: "regexp", expect: 0, verifyOnly: true}, o.timeout)
	if res.Status != report.StatusOK {
		res.Detail = "no expected count on the substitute haystack, where regexp supplies it: regexp failed (" + string(res.Status) + "): " + res.Detail
		return 0, false, res
	}
	o.cache[k] = res.Count
	if o.cacheFile != "" {
		if data, err := json.MarshalIndent(o.cache, "", "\t"); err == nil {
			os.MkdirAll(filepath.Dir(o.cacheFile), 0o755)
			os.WriteFile(o.cacheFile, data, 0o644)
		}
	}
	return res.Count, true, res
}
