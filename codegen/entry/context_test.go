package entry

import (
	"testing"
	"unsafe"
)

// TestContextOffsets checks every offset generated code relies on against
// the compiler's layout.
func TestContextOffsets(t *testing.T) {
	var c Context
	tests := []struct {
		name      string
		got, want uintptr
	}{
		{"Pos", unsafe.Offsetof(c.Pos), OffPos},
		{"Limit", unsafe.Offsetof(c.Limit), OffLimit},
		{"Len", unsafe.Offsetof(c.Len), OffLen},
		{"ScratchLen", unsafe.Offsetof(c.ScratchLen), OffScratchLen},
		{"State", unsafe.Offsetof(c.State), OffState},
		{"Match", unsafe.Offsetof(c.Match), OffMatch},
		{"Count", unsafe.Offsetof(c.Count), OffCount},
		{"Arg", unsafe.Offsetof(c.Arg), OffArg},
		{"Arg[1]", unsafe.Offsetof(c.Arg) + unsafe.Sizeof(c.Arg[0]), OffArg + 8},
		{"Aux", unsafe.Offsetof(c.Aux), OffAux},
		{"size", unsafe.Sizeof(c), SizeofContext},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("%s: compiler says %d, constant says %d", tt.name, tt.got, tt.want)
		}
	}
}

func TestExitString(t *testing.T) {
	for e, want := range map[Exit]string{Done: "done", NeedState: "needs-state", Yield: "yield", 7: "Exit(7)"} {
		if got := e.String(); got != want {
			t.Errorf("Exit(%d).String() = %q, want %q", uint64(e), got, want)
		}
	}
}
