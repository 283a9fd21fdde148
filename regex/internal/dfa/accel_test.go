package dfa

import (
	"regexp/syntax"
	"strings"
	"testing"

	"github.com/rxjit/rxjit/regex/internal/nfa"
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

// TestPairs builds the pair record of the start state of
// (?:[A-Z][a-z]+\s*){3,100} over text where capitals are too common for
// the state to be accelerated alone, but a capital followed by a
// lower-case letter is rare, and checks where the skip stops: at a
// capital a lower-case letter follows, at any other escape (an invalid
// byte, which quits; a UTF-8 lead byte, whose next byte mostly parts the
// states), and at a capital with no byte after it in the text, which may
// lie past the bound.
func TestPairs(t *testing.T) {
	re, err := syntax.Parse(`(?:[A-Z][a-z]+\s*){3,100}`, syntax.Perl)
	if err != nil {
		t.Fatal(err)
	}
	d := New(nfa.Compile(re), Forward)
	c := d.NewCache()
	text := []byte(strings.Repeat("x := f(A, B) + g(C, D) // the HTTP URL; Go\n", 200))
	for range 2 {
		if end, err := d.Search(c, GoLoop{}, text, 0, false, false); err != nil || end >= 0 {
			t.Fatalf("Search = %d, %v; want -1, nil", end, err)
		}
	}
	if esc, all := share(&[256]bool{'A': true, 'B': true, 'C': true, 'D': true, 'H': true, 'T': true, 'P': true, 'U': true, 'R': true, 'L': true, 'G': true}, c.sample); (all-esc)*1024 >= all*minStay {
		t.Fatal("capitals are rare enough in the text to accelerate the state alone")
	}
	if c.Accelerated() != 1 || c.Pairs() != 1 {
		t.Fatalf("%d states accelerated, %d with pair records; want 1 and 1", c.Accelerated(), c.Pairs())
	}
	var rec uint32
	for _, v := range c.States() {
		if v.Accel {
			rec = c.mem[HeaderWords+int(v.ID)]
		}
	}
	if rec&PairRecord == 0 {
		t.Fatalf("column 0 holds %#x, not a pair record", rec)
	}
	for _, tc := range []struct {
		hay              string
		pos, bound, want int
	}{
		{"ab(Cd", 0, 5, 3},
		{"AB(Cd", 0, 5, 3},
		{"AB(Cd", 4, 5, 5},
		{"ABCDEFGH", 0, 8, 7},
		{"xxA", 0, 3, 2},
		{"xA(", 0, 2, 2},
		{"xAb", 0, 2, 1},
		{"x\x80A(", 0, 4, 1},
		{"xA\x80(", 0, 4, 2},
		{"x\xc3\xa9A(", 0, 5, 1},
		{"x(y)z", 0, 5, 5},
	} {
		if got := c.skip([]byte(tc.hay), tc.pos, tc.bound, rec); got != tc.want {
			t.Errorf("skip(%q, %d, %d) = %d, want %d", tc.hay, tc.pos, tc.bound, got, tc.want)
		}
	}
}
