package engine

import (
	"reflect"
	"testing"
)

func TestOrder(t *testing.T) {
	want := []string{"rxjit", "rxjit-nojit", "regexp", "go-re2", "regexp2", "grafana"}
	if got := Names(); !reflect.DeepEqual(got, want) {
		t.Errorf("Names() = %v, want %v", got, want)
	}
	if _, err := Lookup("nope"); err == nil {
		t.Error("Lookup(nope): want an error")
	}
}

func TestEnvSatisfied(t *testing.T) {
	on, _ := Lookup("rxjit")
	off, _ := Lookup("rxjit-nojit")
	t.Setenv(EnvNoJIT, "")
	if !EnvSatisfied(on) || EnvSatisfied(off) {
		t.Error("with RXJIT_NOJIT unset only rxjit should be satisfied")
	}
	t.Setenv(EnvNoJIT, "1")
	if EnvSatisfied(on) || !EnvSatisfied(off) {
		t.Error("with RXJIT_NOJIT=1 only rxjit-nojit should be satisfied")
	}
}

// TestRejects checks that every engine reports a syntax error as an
// error rather than panicking.
func TestRejects(t *testing.T) {
	for _, e := range All() {
		if _, err := e.Compile("a(b"); err == nil {
			t.Errorf("%s accepted a(b", e.Name())
		}
	}
}
