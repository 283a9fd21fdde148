package regex

import (
	"bytes"
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

func zzBig2() []byte {
	var buf bytes.Buffer
	filepath.Walk(filepath.Join(runtime.GOROOT(), "src"), func(p string, info os.FileInfo, err error) error {
		if err == nil && info.IsDir() && info.Name() == "testdata" {
			return filepath.SkipDir
		}
		if err == nil && !info.IsDir() && filepath.Ext(p) == ".go" && buf.Len() < 7384531 {
			d, _ := os.ReadFile(p)
			buf.Write(d)
		}
		return nil
	})
	return buf.Bytes()[:7384531]
}

func BenchmarkZZDateNoAlloc(b *testing.B) {
	hay := zzBig2()
	lines := bytes.SplitAfter(hay, []byte("\n"))
	hay = bytes.Join(lines[190000:200000], nil)
	pat, _ := os.ReadFile("/work/shared/bench/rebar/benchmarks/regexes/wild/date.txt")
	p := "(?i)" + string(bytes.TrimSpace(pat))
	re := MustCompile(p)
	b.SetBytes(int64(len(hay)))
	for i := 0; i < b.N; i++ {
		n := 0
		n = re.allMatches(hay, -1, false).count()
		b.ReportMetric(float64(n), "matches")
	}
}
