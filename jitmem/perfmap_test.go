package jitmem

import "testing"

// TestPerfLines checks the lines of the perf map: one range per label,
// each up to the next, the first from the blob's start.
func TestPerfLines(t *testing.T) {
	got := perfLines(0x1000, 0x40, "dfa", map[int]string{0x10: "loop", 0x30: "exit", 0x50: "beyond", 0x20: ""})
	want := "1000 10 dfa\n1010 20 dfa:loop\n1030 10 dfa:exit\n"
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	if got, want := perfLines(0x2000, 8, "x", nil), "2000 8 x\n"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}
