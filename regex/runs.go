package regex

import (
	"sync"

	"github.com/rxjit/rxjit/regex/internal/classrun"
	"github.com/rxjit/rxjit/regex/internal/meta"
)

// runBufs lends the buffers of class-run searches (classrun.Each's: the
// tables, and room for 64 runs and 64 matches).
var runBufs = sync.Pool{New: func() any { return new([classrun.BufWords]uint64) }}

// useRuns reports whether a search of p that asks for no groups is a scan
// for runs of one class (meta.Plan.Runs).
func useRuns(p *meta.Plan) bool {
	return p.Runs != nil && (meta.Forced == meta.Auto || meta.Forced == meta.ClassRun)
}

// runsFind returns the leftmost match of re at or after pos, found by the
// scan for runs of p's class, or -1, -1.
func (re *Regexp) runsFind(p *meta.Plan, input []byte, pos int) (start, end int) {
	if len(input)-pos < classrun.Block {
		return p.Runs.FindShort(input, pos, re.longest)
	}
	buf := runBufs.Get().(*[classrun.BufWords]uint64)
	start, end = p.Runs.Find(input, pos, re.longest, p.RunScanner(), buf[:])
	runBufs.Put(buf)
	return start, end
}

// runsAll adds to m the matches of re at or after pos, as a call's
// successive searches would find them, found in one scan for runs of
// p's class, until m holds n.
func (re *Regexp) runsAll(p *meta.Plan, input []byte, pos, n int, m *matchList) {
	buf := runBufs.Get().(*[classrun.BufWords]uint64)
	p.Runs.Each(input, pos, re.longest, p.RunScanner(), buf[:], func(pairs []uint64) bool {
		m.addSpans(pairs[:min(len(pairs), 2*(n-m.n))])
		return m.n < n
	})
	runBufs.Put(buf)
}
