package pikevm

import (
	"fmt"
	"regexp"
	"regexp/syntax"
	"slices"
	"testing"

	"github.com/rxjit/rxjit/regex/internal/nfa"
	"github.com/rxjit/rxjit/regex/internal/testgen"
)

func compile(t *testing.T, pattern string) *VM {
	t.Helper()
	re, err := syntax.Parse(pattern, syntax.Perl)
	if err != nil {
		t.Fatal(err)
	}
	return New(nfa.Compile(re), nil)
}

// TestSearch runs the VM directly; the public package's differential
// tests check it against regexp far more widely.
func TestSearch(t *testing.T) {
	for _, tt := range []struct {
		pattern, input string
		start          int
		longest        bool
		nslots         int
		want           []int // nil: no match
	}{
		{`a+`, "baaab", 0, false, 2, []int{1, 4}},
		{`a+?`, "baaab", 0, false, 2, []int{1, 2}},
		{`(a|ab)(c|bcd)`, "abcd", 0, false, 6, []int{0, 4, 0, 1, 1, 4}},
		{`(a|ab)(c|bcd)`, "abcd", 0, true, 6, []int{0, 4, 0, 1, 1, 4}},
		{`a|ab`, "ab", 0, false, 2, []int{0, 1}},
		{`a|ab`, "ab", 0, true, 2, []int{0, 2}},
		{`(x)?y`, "y", 0, false, 4, []int{0, 1, -1, -1}},
		{`\bb`, "ab b", 0, false, 2, []int{3, 4}},
		{`^b`, "ab", 1, false, 2, nil},
		{`(?m)^b`, "a\nb", 1, false, 2, []int{2, 3}},
		// A match starts only at rune boundaries: the continuation byte
		// inside € is not a lone invalid byte.
		{`\x{FFFD}`, "€", 0, false, 2, nil},
		{`\x{FFFD}`, "\xe2\x82x", 0, false, 2, []int{0, 1}},
		{`.`, "\xff", 0, false, 2, []int{0, 1}},
		{`x*`, "abc", 3, false, 2, []int{3, 3}},
		{`a`, "b", 0, false, 0, nil},
		{`a`, "ba", 0, false, 0, []int{}},
	} {
		vm := compile(t, tt.pattern)
		slots := make([]int, tt.nslots)
		ok := vm.Search(NewCache(len(vm.states)), []byte(tt.input), tt.start, slots, tt.longest)
		if ok != (tt.want != nil) || ok && !slices.Equal(slots, tt.want) {
			t.Errorf("Search(`%s`, %q, %d, longest=%v) = %v %v, want %v", tt.pattern, tt.input, tt.start, tt.longest, ok, slots, tt.want)
		}
	}
}

func TestCacheTooSmall(t *testing.T) {
	vm := compile(t, `abc`)
	defer func() {
		if recover() == nil {
			t.Errorf("Search with a too-small Cache did not panic")
		}
	}()
	vm.Search(NewCache(1), []byte("abc"), 0, nil, false)
}

// BenchmarkHard runs Go's Hard and Medium grid rows (no match in the
// text) on the PikeVM beside regexp, which runs its own PikeVM on texts
// longer than its backtracker takes (about 8 KB for these programs), so
// the 32 KB and 1 MB rows compare the two VMs. Medium's first byte
// lets the VM's prefilter skip; Hard's [ -~]* keeps threads alive at
// every byte.
func BenchmarkHard(b *testing.B) {
	for _, row := range []struct{ name, pattern string }{
		{"Medium", "[XYZ]ABCDEFGHIJKLMNOPQRSTUVWXYZ$"},
		{"Hard", "[ -~]*ABCDEFGHIJKLMNOPQRSTUVWXYZ$"},
		{"Hard1", "ABCD|CDEF|EFGH|GHIJ|IJKL|KLMN|MNOP|OPQR|QRST|STUV|UVWX|WXYZ"},
	} {
		for _, n := range []int{32 << 10, 1 << 20} {
			text := testgen.GridText(n)
			size := fmt.Sprintf("%dK", n>>10)
			b.Run(row.name+"/"+size+"/engine=regexp", func(b *testing.B) {
				re := regexp.MustCompile(row.pattern)
				b.SetBytes(int64(n))
				for b.Loop() {
					if re.Match(text) {
						b.Fatal("match")
					}
				}
			})
			b.Run(row.name+"/"+size+"/engine=pikevm", func(b *testing.B) {
				re, err := syntax.Parse(row.pattern, syntax.Perl)
				if err != nil {
					b.Fatal(err)
				}
				vm := New(nfa.Compile(re), nil)
				c := NewCache(len(vm.states))
				b.SetBytes(int64(n))
				for b.Loop() {
					if vm.Search(c, text, 0, nil, false) {
						b.Fatal("match")
					}
				}
			})
		}
	}
}
