package jit

import (
	"fmt"
	"math/rand/v2"
	"regexp/syntax"
	"slices"
	"strings"
	"testing"
	"unsafe"

	"github.com/rxjit/rxjit/codegen/entry"
	"github.com/rxjit/rxjit/codegen/runscan"
	"github.com/rxjit/rxjit/regex/internal/classrun"
	"golang.org/x/sys/cpu"
)

func runSpec(t testing.TB, pattern string) *classrun.Spec {
	t.Helper()
	re, err := syntax.Parse(pattern, syntax.Perl)
	if err != nil {
		t.Fatal(err)
	}
	s := classrun.New(re.Simplify())
	if s == nil {
		t.Fatalf("%s: not a one-class pattern", pattern)
	}
	return s
}

// TestRunScan runs the generated scan and its Go twin call for call on
// the same texts, from every kind of state, and compares every result.
func TestRunScan(t *testing.T) {
	if RunScanCode() == nil {
		t.Skip("no generated run scan (no executable memory, or neither AVX2 nor SSSE3)")
	}
	for _, d := range []runscan.Desc{{AVX2: true}, {}} {
		if d.AVX2 && !cpu.X86.HasAVX2 || !d.AVX2 && !cpu.X86.HasSSSE3 {
			continue
		}
		r, err := newRunScan(d)
		if err != nil {
			t.Fatal(err)
		}
		t.Run(fmt.Sprintf("avx2=%v", d.AVX2), func(t *testing.T) { testRunScan(t, r) })
	}
}

func testRunScan(t *testing.T, r *RunScan) {
	rng := rand.New(rand.NewPCG(7, 8))
	patterns := []string{`[A-Za-z]{8,13}`, `\w+`, `a`, `[ab]{2}`, `\d{3,}`, `[a-z]{16}`, `[a-z]{31}`, `[a-z]{32}`, `[a-z]{33,}`, `[\x00-\x7f]+`, `[\x7f]+`}
	bytesOf := []byte("aAbz09_ .\x7f\x80\xff\xc3\x00Zq")
	for _, p := range patterns {
		s := runSpec(t, p)
		for range 300 {
			n := rng.IntN(400)
			in := make([]byte, n)
			for i := 0; i < n; {
				c := bytesOf[rng.IntN(len(bytesOf))]
				for k := rng.IntN(50); k >= 0 && i < n; k-- {
					in[i] = c
					if rng.IntN(6) == 0 {
						c = bytesOf[rng.IntN(len(bytesOf))]
					}
					i++
				}
			}
			pos := rng.IntN(n + 1)
			st := classrun.State{Pos: pos, Run: []int{0, 0, 1, 7, 40, 1 << 20}[rng.IntN(6)]}
			limit := []int{n, n - rng.IntN(64), pos + rng.IntN(100)}[rng.IntN(3)]
			words := classrun.TableWords + []int{2 * classrun.BlockPairs, 2*classrun.BlockPairs + 5, 100, 300}[rng.IntN(4)]
			gbuf, cbuf := make([]uint64, words), make([]uint64, words)
			for {
				gst, gk := classrun.GoScan{}.Scan(s, in, st, limit, gbuf)
				cst, ck := r.Scan(s, in, st, limit, cbuf)
				gp, cp := gbuf[classrun.TableWords:classrun.TableWords+2*gk], cbuf[classrun.TableWords:classrun.TableWords+2*ck]
				if gst != cst || gk != ck || !slices.Equal(gp, cp) {
					t.Fatalf("%s on %q from %+v, limit %d, %d words: code %+v %v, Go %+v %v", p, in, st, limit, words, cst, cp, gst, gp)
				}
				if gst.Pos == st.Pos {
					break
				}
				st = gst
			}
		}
	}
}

// TestRunScanBadTable checks that the scan refuses a scratch block too
// short for one block's pairs (entry.Call checks the position).
func TestRunScanBadTable(t *testing.T) {
	r := RunScanCode()
	if r == nil {
		t.Skip("no generated run scan")
	}
	in := make([]byte, 100)
	buf := make([]uint64, classrun.TableWords+2*classrun.BlockPairs-1)
	ctx := entry.Context{Limit: 100}
	ctx.Arg[0] = 1
	mem := unsafe.Slice((*byte)(unsafe.Pointer(unsafe.SliceData(buf))), 8*len(buf))
	// An exit code beyond Yield is also an error for Call.
	if exit, _ := entry.Call(r.code, &ctx, in, mem); exit != runscan.BadTable {
		t.Errorf("exit %v, want BadTable", exit)
	}
	if _, k := r.Scan(runSpec(t, `a`), in, classrun.State{}, 100, make([]uint64, classrun.BufWords)); k != 0 {
		t.Errorf("%d runs in a text without the class", k)
	}
}

// BenchmarkRunScan scans 1 MiB of English prose for the runs of a class
// through the Go twin and the generated scan (and its SSE variant, on a
// CPU with AVX2), with matches made from
// them as FindAll makes them: letters (rebar's 10-bounded-repeat/
// letters-en), long words (08-words/long-english, no match here) and
// digits, which the prose lacks.
//
//	go test ./regex/internal/jit -run '^$' -bench RunScan -count 6 > runs.txt
//	benchstat -col /scan runs.txt
func BenchmarkRunScan(b *testing.B) {
	prose := []byte(strings.Repeat("It is a capital mistake to theorize before one has data. Insensibly one begins to twist facts to suit theories, instead of theories to suit facts.\n", (1<<20)/142))
	for _, tc := range []struct{ name, pattern string }{
		{"letters", `[A-Za-z]{8,13}`},
		{"long", `\b[0-9A-Za-z_]{12,}\b`},
		{"digits", `\d+`},
	} {
		s := runSpec(b, tc.pattern)
		var sse classrun.Scanner = (*RunScan)(nil)
		if cpu.X86.HasSSSE3 && RunScanCode() != nil {
			r, err := newRunScan(runscan.Desc{})
			if err != nil {
				b.Fatal(err)
			}
			sse = r
		}
		for _, sc := range []struct {
			name string
			sc   classrun.Scanner
		}{{"go", classrun.GoScan{}}, {"jit", RunScanCode()}, {"jit-sse", sse}} {
			if sc.sc == (*RunScan)(nil) {
				continue
			}
			b.Run(tc.name+"/scan="+sc.name, func(b *testing.B) {
				buf := make([]uint64, classrun.BufWords)
				b.SetBytes(int64(len(prose)))
				for b.Loop() {
					n := 0
					s.Each(prose, 0, false, sc.sc, buf, func(pairs []uint64) bool {
						n += len(pairs)
						return true
					})
				}
			})
		}
	}
}
