package jit

import (
	"regexp"
	"regexp/syntax"
	"testing"

	"golang.org/x/sys/unix"

	"github.com/rxjit/rxjit/regex/internal/dfa"
	"github.com/rxjit/rxjit/regex/internal/nfa"
)

// TestGuardPage runs the generated loops over haystacks that end exactly
// where a page that cannot be read begins: forward, reverse, through the
// unrolled loop and the 32-byte acceleration loop. A load past the end
// kills the test process.
func TestGuardPage(t *testing.T) {
	run := load(t)
	page, mem := guardedPage(t)
	for i := 0; i < page; i++ {
		mem[i] = "abcdefgh ij\n"[i%12]
	}
	for _, pattern := range []string{`[a-z]+ jx`, `a[^x]*x`, `(?s).*x$`, `h ij\n$`, `\bij\b`} {
		std := regexp.MustCompile(pattern)
		re, _ := syntax.Parse(pattern, syntax.Perl)
		fa := nfa.Compile(re)
		fwd, rev := dfa.New(fa, dfa.Forward), dfa.New(nfa.CompileReverse(re), dfa.Reverse)
		fc, rc := fwd.NewCache(), rev.NewCache()
		for _, n := range []int{0, 1, 7, 31, 32, 33, 100, page} {
			hay := mem[page-n : page : page]
			want := std.FindIndex(hay)
			end, err := fwd.Search(fc, run, hay, 0, false, false)
			if err != nil {
				t.Fatal(err)
			}
			if (end >= 0) != (want != nil) || want != nil && end != want[1] {
				t.Fatalf("%q on %d bytes: end %d, want %v", pattern, n, end, want)
			}
			if want == nil {
				continue
			}
			if start, err := rev.SearchReverse(rc, run, hay, 0, end); err != nil || start != want[0] {
				t.Fatalf("%q on %d bytes: start %d (%v), want %v", pattern, n, start, err, want)
			}
		}
	}
}

// guardedPage returns the page size and two pages of memory whose second
// page cannot be read, so that mem[page-n:page] is a haystack of n bytes
// that ends where reading faults. It skips the test if the mapping fails.
func guardedPage(t *testing.T) (int, []byte) {
	page := unix.Getpagesize()
	mem, err := unix.Mmap(-1, 0, 2*page, unix.PROT_READ|unix.PROT_WRITE, unix.MAP_PRIVATE|unix.MAP_ANON)
	if err != nil {
		t.Skip(err)
	}
	t.Cleanup(func() { unix.Munmap(mem) })
	if err := unix.Mprotect(mem[page:], unix.PROT_NONE); err != nil {
		t.Skip(err)
	}
	return page, mem
}
