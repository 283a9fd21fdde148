package meta

import (
	"sync"
	"sync/atomic"
)

// lazyCode is an engine's generated code, made once the engine's Go
// loop has shown it is worth making: after it has scanned a number of
// bytes (each search counted as at least callBytes and at most
// spanBytes, so that neither many tiny searches nor one long search
// that stops early is misjudged). The code is generated in the
// background of the search that crosses the threshold, never blocking
// another; until it is ready, and for good if it cannot be made, the Go
// loop answers.
type lazyCode[T any] struct {
	code    atomic.Pointer[T]
	scanned atomic.Int64
	started atomic.Bool
	once    sync.Once
}

const (
	callBytes = 32
	spanBytes = 4096
)

// get returns the code if it is ready, or nil. A search of p about to
// scan span bytes calls it; the call that brings the count to after
// starts compile(p) in the background. With wait, it compiles now (or
// waits for the compilation under way) instead: for forced engines, in
// tests. compile is a plain function, not a closure, so that the common
// path allocates nothing.
func (l *lazyCode[T]) get(p *Plan, span int, after int64, wait bool, compile func(*Plan) (*T, error)) *T {
	if c := l.code.Load(); c != nil {
		return c
	}
	if wait {
		l.once.Do(func() { l.make(p, compile) })
		return l.code.Load()
	}
	if l.scanned.Add(int64(min(max(span, callBytes), spanBytes))) >= after && l.started.CompareAndSwap(false, true) {
		go l.once.Do(func() { l.make(p, compile) })
	}
	return nil
}

func (l *lazyCode[T]) make(p *Plan, compile func(*Plan) (*T, error)) {
	if c, err := compile(p); err == nil {
		l.code.Store(c)
	}
}
