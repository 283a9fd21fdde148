package jit

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"testing"

	"github.com/rxjit/rxjit/regex/internal/literal"
	"github.com/rxjit/rxjit/regex/internal/prefilter"
)

func BenchmarkZZScan(b *testing.B) {
	waitScanLoops()
	var hay []byte
	files, _ := filepath.Glob(filepath.Join(runtime.GOROOT(), "src", "net", "http", "*.go"))
	for _, f := range files {
		d, _ := os.ReadFile(f)
		hay = append(hay, d...)
	}
	sets := map[string][]string{"quick": {"ASIA", "AKIA", "AROA", "AIDA"}}
	var noqa []string
	for i := 0; i < 16; i++ {
		s := []byte("# NOQA")
		for j := 0; j < 4; j++ {
			if i&(1<<j) != 0 {
				s[2+j] += 32
			}
		}
		noqa = append(noqa, string(s))
	}
	sets["noqa"] = noqa
	for name, lits := range sets {
		var set literal.Set
		for _, l := range lits {
			set.Lits = append(set.Lits, literal.Lit{Bytes: []byte(l), Exact: true})
		}
		for _, n := range []int{70, 100, 150, 250, 500, 1000} {
			for _, mode := range []string{"jit", "go"} {
				var sc prefilter.Scanner = Scanner{}
				if mode == "go" {
					sc = prefilter.GoScan{}
				}
				l := prefilter.NewLiterals(set, sc)
				b.Run(fmt.Sprintf("%s/%d/%s", name, n, mode), func(b *testing.B) {
					b.SetBytes(int64(len(hay) / n * n))
					for i := 0; i < b.N; i++ {
						for p := 0; p+n <= len(hay); p += n {
							l.Spec()
							sp := l.Spec()
							if mode == "go" {
								prefilter.GoScan{}.Scan(sp, hay[p:p+n], 0)
							} else {
								Scanner{}.Scan(sp, hay[p:p+n], 0)
							}
						}
					}
				})
			}
		}
	}
}
