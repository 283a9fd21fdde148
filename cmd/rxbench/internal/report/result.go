// Package report holds the outcome of measuring one benchmark with one
// engine and renders many of them as markdown: a throughput table and
// rebar's score per engine.
package report

import "github.com/rxjit/rxjit/cmd/rxbench/internal/measure"

// Status classifies a Result.
type Status string

// The statuses a Result can have. Only StatusOK carries a measurement.
const (
	StatusOK          Status = "ok"
	StatusRejected    Status = "rejected"    // the engine refused to compile the pattern
	StatusMiscount    Status = "miscount"    // the verification count differs from the expected count
	StatusUnsupported Status = "unsupported" // the harness cannot run this benchmark on this engine
	StatusError       Status = "error"       // a search failed, or the harness failed
	StatusTimeout     Status = "timeout"     // the engine exceeded the per-benchmark time limit
)

// Result is the outcome of one benchmark on one engine. The measuring
// process writes it as JSON; the driver reads it back.
type Result struct {
	Bench  string `json:"bench"`
	Model  string `json:"model"`
	Engine string `json:"engine"`
	Status Status `json:"status"`
	// Detail explains a status other than StatusOK.
	Detail string `json:"detail,omitempty"`
	// Count is what the engine produced during verification; Expected is
	// what it had to produce.
	Count    int `json:"count"`
	Expected int `json:"expected"`
	// HaystackLen is the haystack's length in bytes.
	HaystackLen int           `json:"haystack_len"`
	Stats       measure.Stats `json:"stats"`
}
