package jitmem

import (
	"errors"
	"fmt"
	"os"
	"sync"
)

// ErrUnavailable is wrapped by every error that means executable memory cannot
// be used in this process: an unsupported platform, the RXJIT_NOJIT switch, or a
// kernel that refuses executable mappings. Callers that see it should use their
// portable fallback; retrying will not help.
var ErrUnavailable = errors.New("jitmem: executable memory unavailable")

// EnvNoJIT names the environment variable that disables executable memory.
// When it is set to "1", [Available] and every allocation report
// [ErrUnavailable], so the portable fallback can be tested on any machine.
// The variable is read on every call, so tests may set it with t.Setenv.
const EnvNoJIT = "RXJIT_NOJIT"

var probe struct {
	once sync.Once
	err  error
}

// Available reports whether executable memory can be used, returning nil if
// it can and an error wrapping [ErrUnavailable] if it cannot. The first call
// maps, seals and unmaps one page to find out whether the kernel permits
// executable mappings; the result of that probe is cached, but the
// RXJIT_NOJIT switch is consulted on every call.
func Available() error {
	if err := envDisabled(); err != nil {
		return err
	}
	probe.once.Do(func() { probe.err = probeExec() })
	return probe.err
}

// envDisabled returns an error wrapping ErrUnavailable if RXJIT_NOJIT=1.
func envDisabled() error {
	if os.Getenv(EnvNoJIT) == "1" {
		return fmt.Errorf("%w: %s=1 is set", ErrUnavailable, EnvNoJIT)
	}
	return nil
}

// probeExec maps one page, seals it and unmaps it, reporting why that failed.
func probeExec() error {
	if !supported {
		return fmt.Errorf("%w: %s", ErrUnavailable, unsupportedReason)
	}
	m, err := newMapping(pageSize())
	if err != nil {
		return err
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	err = m.sealLocked()
	if err == nil {
		m.unmapLocked()
	}
	return err
}
