package main

import (
	"math"
	"sync/atomic"
)

// stopper tells parallel searches when to give up. grep -q exits at its
// first selected line, so once file N selects a line no file after N
// needs searching, while files before N still do (their errors are still
// reported, in order). A write error stops everything.
type stopper struct {
	after atomic.Int64 // files with a greater sequence number stop
}

// newStopper returns a stopper that stops nothing yet.
func newStopper() *stopper {
	s := &stopper{}
	s.after.Store(math.MaxInt64)
	return s
}

// stopAfter makes every file numbered above seq stop.
func (s *stopper) stopAfter(seq int) {
	for {
		cur := s.after.Load()
		if int64(seq) >= cur || s.after.CompareAndSwap(cur, int64(seq)) {
			return
		}
	}
}

// stopAll stops every file.
func (s *stopper) stopAll() { s.stopAfter(-1) }

// stopped reports whether file seq should stop.
func (s *stopper) stopped(seq int) bool { return int64(seq) > s.after.Load() }

// any reports whether some stop was requested; the walker then finds no
// more files, since any it finds would be numbered higher.
func (s *stopper) any() bool { return s.after.Load() != math.MaxInt64 }
