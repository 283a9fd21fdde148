package jitmem

import (
	"errors"
	"testing"
)

func TestNoJITSwitch(t *testing.T) {
	t.Setenv(EnvNoJIT, "1")
	if err := Available(); !errors.Is(err, ErrUnavailable) {
		t.Errorf("Available() = %v, want ErrUnavailable", err)
	}
	var a Arena
	if c, err := a.Add([]byte{0xC3}); !errors.Is(err, ErrUnavailable) || c != nil {
		t.Errorf("Add = %v, %v; want nil, ErrUnavailable", c, err)
	}
	if c, err := Alloc([]byte{0xC3}); !errors.Is(err, ErrUnavailable) || c != nil {
		t.Errorf("Alloc = %v, %v; want nil, ErrUnavailable", c, err)
	}
}

// TestUnsupportedPlatform runs on every platform but linux/amd64 and checks
// that executable memory reports itself unavailable instead of failing
// strangely.
func TestUnsupportedPlatform(t *testing.T) {
	if supported {
		t.Skip("executable memory is supported here")
	}
	if err := Available(); !errors.Is(err, ErrUnavailable) {
		t.Errorf("Available() = %v, want ErrUnavailable", err)
	}
	var a Arena
	if _, err := a.Add([]byte{0xC3}); !errors.Is(err, ErrUnavailable) {
		t.Errorf("Add: %v, want ErrUnavailable", err)
	}
}
