package dfa

import (
	"strings"
	"testing"
)

// TestStaysLong checks the acceleration rule on the text it will meet:
// a loop that leaves only on Cyrillic lead bytes stays long in English
// (and by the English table, with no sample) but not in Russian, and a
// loop that leaves on ASCII letters stays long only in Russian, which
// has none.
func TestStaysLong(t *testing.T) {
	var leads, letters [256]bool
	leads[0xD0], leads[0xD1] = true, true
	for c := 'a'; c <= 'z'; c++ {
		letters[c] = true
	}
	count := func(text string) *[256]uint32 {
		var s [256]uint32
		for i := 0; i < len(text); i++ {
			s[text[i]]++
		}
		return &s
	}
	english := count(strings.Repeat("It was the best of times, it was the worst of times. ", 40))
	russian := count(strings.Repeat("Это было лучшее из времён, это было худшее из времён. ", 40))
	for _, tt := range []struct {
		name   string
		escape *[256]bool
		sample *[256]uint32
		want   bool
	}{
		{"lead bytes, no sample", &leads, nil, true},
		{"lead bytes, English", &leads, english, true},
		{"lead bytes, Russian", &leads, russian, false},
		{"letters, no sample", &letters, nil, false},
		{"letters, English", &letters, english, false},
		{"letters, Russian", &letters, russian, true},
	} {
		if got := staysLong(tt.escape, tt.sample); got != tt.want {
			t.Errorf("%s: staysLong = %v, want %v", tt.name, got, tt.want)
		}
	}
}
