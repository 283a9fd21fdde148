package regex_test

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"testing"

	"github.com/rxjit/rxjit/regex"
)

func zzHay(b *testing.B) [][]byte {
	var buf bytes.Buffer
	files, _ := filepath.Glob(filepath.Join(runtime.GOROOT(), "src", "net", "http", "*.go"))
	for _, f := range files {
		d, _ := os.ReadFile(f)
		buf.Write(d)
	}
	return bytes.Split(buf.Bytes(), []byte("\n"))
}

const zzPat = `(?:# [Nn][Oo][Qq][Aa])(?::\s?(([A-Z]+[0-9]+(?:[,\s]+)?)+))?`

func BenchmarkZZTweaked(b *testing.B) {
	lines := zzHay(b)
	n := 0
	for _, l := range lines {
		n += len(l) + 1
	}
	b.Run("rxjit", func(b *testing.B) {
		re := regex.MustCompile(zzPat)
		b.SetBytes(int64(n))
		for i := 0; i < b.N; i++ {
			for _, l := range lines {
				re.FindAllSubmatchIndex(l, -1)
			}
		}
	})
	b.Run("regexp", func(b *testing.B) {
		re := regexp.MustCompile(zzPat)
		b.SetBytes(int64(n))
		for i := 0; i < b.N; i++ {
			for _, l := range lines {
				re.FindAllSubmatchIndex(l, -1)
			}
		}
	})
}

func BenchmarkZZQuick(b *testing.B) {
	lines := zzHay(b)
	n := 0
	for _, l := range lines {
		n += len(l) + 1
	}
	const pat = `((?:ASIA|AKIA|AROA|AIDA)([A-Z0-7]{16}))`
	b.Run("rxjit", func(b *testing.B) {
		re := regex.MustCompile(pat)
		b.SetBytes(int64(n))
		for i := 0; i < b.N; i++ {
			for _, l := range lines {
				re.Match(l)
			}
		}
	})
	b.Run("regexp", func(b *testing.B) {
		re := regexp.MustCompile(pat)
		b.SetBytes(int64(n))
		for i := 0; i < b.N; i++ {
			for _, l := range lines {
				re.Match(l)
			}
		}
	})
}

func zzBig() []byte {
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

func BenchmarkZZContext(b *testing.B) {
	hay := zzBig()
	const pat = `[A-Za-z]{10}\s+[\s\S]{0,100}Result[\s\S]{0,100}\s+[A-Za-z]{10}`
	b.Run("rxjit", func(b *testing.B) {
		re := regex.MustCompile(pat)
		b.SetBytes(int64(len(hay)))
		for i := 0; i < b.N; i++ {
			b.ReportMetric(float64(len(re.FindAllIndex(hay, -1))), "matches")
		}
	})
	b.Run("regexp", func(b *testing.B) {
		re := regexp.MustCompile(pat)
		b.SetBytes(int64(len(hay)))
		for i := 0; i < b.N; i++ {
			b.ReportMetric(float64(len(re.FindAllIndex(hay, -1))), "matches")
		}
	})
}

func TestZZCount(t *testing.T) {
	hay := zzBig()
	re := regexp.MustCompile(`[A-Za-z]{10}\s`)
	t.Log(len(hay), len(re.FindAllIndex(hay, -1)))
	re = regexp.MustCompile(`Result`)
	t.Log(len(hay), len(re.FindAllIndex(hay, -1)))
}

func BenchmarkZZDate(b *testing.B) {
	hay := zzBig()
	lines := bytes.SplitAfter(hay, []byte("\n"))
	hay = bytes.Join(lines[190000:200000], nil)
	pat, _ := os.ReadFile("/work/shared/bench/rebar/benchmarks/regexes/wild/date.txt")
	p := "(?i)" + string(bytes.TrimSpace(pat))
	b.Run("rxjit", func(b *testing.B) {
		re := regex.MustCompile(p)
		b.SetBytes(int64(len(hay)))
		for i := 0; i < b.N; i++ {
			b.ReportMetric(float64(len(re.FindAllIndex(hay, -1))), "matches")
		}
	})
}

func zzLines(path string, n int) []byte {
	d, _ := os.ReadFile(path)
	lines := bytes.SplitAfter(d, []byte("\n"))
	if len(lines) > n {
		lines = lines[:n]
	}
	return bytes.Join(lines, nil)
}

func BenchmarkZZLetters(b *testing.B) {
	const dir = "/work/shared/bench/rebar/benchmarks/haystacks/opensubtitles/"
	for _, tc := range []struct{ name, pat, file string }{
		{"ru", `\p{L}{8,13}`, "ru-sampled.txt"},
		{"en", `[A-Za-z]{8,13}`, "en-sampled.txt"},
		{"words-en", `\b\w+\b`, "en-sampled.txt"},
	} {
		hay := zzLines(dir+tc.file, 5000)
		b.Run(tc.name, func(b *testing.B) {
			re := regex.MustCompile(tc.pat)
			b.SetBytes(int64(len(hay)))
			for i := 0; i < b.N; i++ {
				b.ReportMetric(float64(len(re.FindAllIndex(hay, -1))), "matches")
			}
		})
	}
}

func BenchmarkZZVeryl(b *testing.B) {
	const dir = "/work/shared/bench/rebar/benchmarks/"
	pats, _ := os.ReadFile(dir + "regexes/wild/parol-veryl.txt")
	var alts []string
	for _, l := range bytes.Split(bytes.TrimSpace(pats), []byte("\n")) {
		alts = append(alts, "("+string(l)+")")
	}
	pat := ""
	for i, a := range alts {
		if i > 0 {
			pat += "|"
		}
		pat += a
	}
	hay, _ := os.ReadFile(dir + "haystacks/wild/parol-veryl.vl")
	re := regex.MustCompile(pat)
	b.SetBytes(int64(len(hay)))
	for i := 0; i < b.N; i++ {
		b.ReportMetric(float64(len(re.FindAllSubmatchIndex(hay, -1))), "matches")
	}
}
