package nfa

import "testing"

func TestLookHolds(t *testing.T) {
	input := []byte("a b\n\xe2\x82")
	for _, tt := range []struct {
		look Look
		at   int
		want bool
	}{
		{LookBeginText, 0, true},
		{LookBeginText, 1, false},
		{LookEndText, len(input), true},
		{LookBeginLine, 4, true},
		{LookEndLine, 3, true},
		{LookEndLine, 2, false},
		{LookWordBoundary, 0, true},
		{LookWordBoundary, 1, true},
		{LookNoWordBoundary, 5, true},
		{LookInvalidRune, 4, true},
		{LookInvalidRune, 5, true},
		{LookInvalidRune, 0, false},
		{LookInvalidRune, len(input), false},
	} {
		if got := LookHolds(tt.look, input, tt.at); got != tt.want {
			t.Errorf("LookHolds(%v, %q, %d) = %v, want %v", tt.look, input, tt.at, got, tt.want)
		}
	}
}
