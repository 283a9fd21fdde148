package regex_test

import (
	"regexp"
	"strings"
	"testing"

	"github.com/rxjit/rxjit/regex"
)

// Go's benchmark grid: the patterns and sizes of regexp's own
// BenchmarkMatch, run for rxjit and regexp side by side. Compare with
//
//	go test ./regex -run '^$' -bench 'Match/' -count 6 > grid.txt
//	benchstat -col /engine grid.txt

var gridPatterns = []struct{ name, pattern string }{
	{"Easy0", "ABCDEFGHIJKLMNOPQRSTUVWXYZ$"},
	{"Easy0i", "(?i)ABCDEFGHIJklmnopqrstuvwxyz$"},
	{"Easy1", "A[AB]B[BC]C[CD]D[DE]E[EF]F[FG]G[GH]H[HI]I[IJ]J$"},
	{"Medium", "[XYZ]ABCDEFGHIJKLMNOPQRSTUVWXYZ$"},
	{"Hard", "[ -~]*ABCDEFGHIJKLMNOPQRSTUVWXYZ$"},
	{"Hard1", "ABCD|CDEF|EFGH|GHIJ|IJKL|KLMN|MNOP|OPQR|QRST|STUV|UVWX|WXYZ"},
}

var gridSizes = []struct {
	name string
	n    int
}{
	{"16", 16}, {"32", 32}, {"1K", 1 << 10}, {"32K", 32 << 10}, {"1M", 1 << 20},
}

// gridText returns n bytes of printable ASCII with a newline every 31
// bytes or so, from the same linear feedback shift register regexp's
// benchmarks use, so that figures read against regexp's own.
func gridText(n int) []byte {
	text := make([]byte, n)
	x := ^uint32(0)
	for i := range text {
		x += x
		x ^= 1
		if int32(x) < 0 {
			x ^= 0x88888eef
		}
		if x%31 == 0 {
			text[i] = '\n'
		} else {
			text[i] = byte(x%(0x7E+1-0x20) + 0x20)
		}
	}
	return text
}

func BenchmarkMatch(b *testing.B) {
	for _, p := range gridPatterns {
		std := regexp.MustCompile(p.pattern)
		rx := regex.MustCompile(p.pattern)
		for _, size := range gridSizes {
			text := gridText(size.n)
			b.Run(p.name+"/"+size.name+"/engine=regexp", func(b *testing.B) {
				b.SetBytes(int64(size.n))
				for b.Loop() {
					if std.Match(text) {
						b.Fatal("match")
					}
				}
			})
			b.Run(p.name+"/"+size.name+"/engine=rxjit", func(b *testing.B) {
				b.SetBytes(int64(size.n))
				for b.Loop() {
					if rx.Match(text) {
						b.Fatal("match")
					}
				}
			})
		}
	}
}

// BenchmarkCompile measures compile time for patterns of every size class.
func BenchmarkCompile(b *testing.B) {
	for _, p := range []struct{ name, pattern string }{
		{"Onepass", `^foo(?P<bar>b*)baz$`},
		{"Medium", `^((a|b|[d-z0-9])*(日){4,5}.)+$`},
		{"Hard", `^(([a-c]+|[d-f]*)(\pL|\p{Greek}){2,4}?[^x-z]+(?i)straße)*$`},
		{"Unicode", `\p{L}+\s\p{N}+`},
	} {
		b.Run(p.name+"/engine=regexp", func(b *testing.B) {
			for b.Loop() {
				regexp.MustCompile(p.pattern)
			}
		})
		b.Run(p.name+"/engine=rxjit", func(b *testing.B) {
			for b.Loop() {
				regex.MustCompile(p.pattern)
			}
		})
	}
}

// BenchmarkFindSubmatch measures group extraction on short inputs, where
// regexp runs its backtracker.
func BenchmarkFindSubmatch(b *testing.B) {
	const pattern = `(\w+)@(\w+)\.(com|org)`
	inputs := []struct{ name, text string }{
		{"16", "mail joe@ex.com!"},
		{"1K", strings.Repeat("no address here; ", 58) + "joe@example.org"},
	}
	std, rx := regexp.MustCompile(pattern), regex.MustCompile(pattern)
	for _, in := range inputs {
		b.Run(in.name+"/engine=regexp", func(b *testing.B) {
			for b.Loop() {
				if std.FindStringSubmatchIndex(in.text) == nil {
					b.Fatal("no match")
				}
			}
		})
		b.Run(in.name+"/engine=rxjit", func(b *testing.B) {
			for b.Loop() {
				if rx.FindStringSubmatchIndex(in.text) == nil {
					b.Fatal("no match")
				}
			}
		})
	}
}
