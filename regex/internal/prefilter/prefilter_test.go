package prefilter

import "testing"

func TestPrefix(t *testing.T) {
	p := NewPrefix([]byte("ab"))
	for _, tt := range []struct {
		hay  string
		at   int
		want int
	}{
		{"xxab", 0, 2},
		{"xxab", 2, 2},
		{"xxab", 3, -1},
		{"abab", 1, 2},
		{"", 0, -1},
		{"a", 0, -1},
	} {
		if got := p.Find([]byte(tt.hay), tt.at); got != tt.want {
			t.Errorf("Prefix(ab).Find(%q, %d) = %d, want %d", tt.hay, tt.at, got, tt.want)
		}
	}
}

func TestByteSet(t *testing.T) {
	var one, many [256]bool
	one['x'] = true
	many['x'], many['y'], many[0xE2] = true, true, true
	for _, tt := range []struct {
		set  *[256]bool
		hay  string
		at   int
		want int
	}{
		{&one, "aax", 0, 2},
		{&one, "aax", 3, -1},
		{&one, "aaa", 0, -1},
		{&many, "ab€y", 0, 2},
		{&many, "ab€y", 3, 5},
		{&many, "abc", 0, -1},
	} {
		if got := NewByteSet(tt.set).Find([]byte(tt.hay), tt.at); got != tt.want {
			t.Errorf("ByteSet.Find(%q, %d) = %d, want %d", tt.hay, tt.at, got, tt.want)
		}
	}
}

func TestString(t *testing.T) {
	var set [256]bool
	for c := 'a'; c <= 'c'; c++ {
		set[c] = true
	}
	set['x'] = true
	if got, want := NewByteSet(&set).String(), "first byte in {'a'-'c' 'x'} (4 bytes)"; got != want {
		t.Errorf("String() = %q, want %q", got, want)
	}
	if got, want := NewPrefix([]byte("ab")).String(), `prefix "ab" (substring search)`; got != want {
		t.Errorf("String() = %q, want %q", got, want)
	}
}
