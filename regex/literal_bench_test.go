package regex_test

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/rxjit/rxjit/regex"
)

// BenchmarkLiterals runs rebar's 01-literal and 02-literal-alternate
// patterns over its subtitle samples (count of matches, as rebar's count
// model), rxjit beside regexp. The haystacks are read from the rebar
// suite beside the repository; the benchmark is skipped without it.
func BenchmarkLiterals(b *testing.B) {
	dir := filepath.Join("..", "..", "shared", "bench", "rebar", "benchmarks", "haystacks", "opensubtitles")
	for _, bm := range []struct{ name, pattern, file string }{
		{"en", `Sherlock Holmes`, "en-sampled.txt"},
		{"casei-en", `(?i)Sherlock Holmes`, "en-sampled.txt"},
		{"ru", `Шерлок Холмс`, "ru-sampled.txt"},
		{"casei-ru", `(?i)Шерлок Холмс`, "ru-sampled.txt"},
		{"zh", `夏洛克·福尔摩斯`, "zh-sampled.txt"},
		{"alt-en", `Sherlock Holmes|John Watson|Irene Adler|Inspector Lestrade|Professor Moriarty`, "en-sampled.txt"},
		{"alt-casei-en", `(?i)Sherlock Holmes|John Watson|Irene Adler|Inspector Lestrade|Professor Moriarty`, "en-sampled.txt"},
		{"alt-ru", `Шерлок Холмс|Джон Уотсон|Ирен Адлер|инспектор Лестрейд|профессор Мориарти`, "ru-sampled.txt"},
		{"alt-casei-ru", `(?i)Шерлок Холмс|Джон Уотсон|Ирен Адлер|инспектор Лестрейд|профессор Мориарти`, "ru-sampled.txt"},
		{"alt-zh", `夏洛克·福尔摩斯|约翰华生|阿德勒|雷斯垂德|莫里亚蒂教授`, "zh-sampled.txt"},
	} {
		hay, err := os.ReadFile(filepath.Join(dir, bm.file))
		if err != nil {
			b.Skip(err)
		}
		benchFindAll(b, bm.name, bm.pattern, hay)
	}
}

// benchFindAll runs FindAllIndex of pattern over hay as two
// sub-benchmarks, name/rxjit and name/regexp.
func benchFindAll(b *testing.B, name, pattern string, hay []byte) {
	type finder interface {
		FindAllIndex([]byte, int) [][]int
	}
	for _, eng := range []struct {
		name string
		re   finder
	}{{"rxjit", regex.MustCompile(pattern)}, {"regexp", regexp.MustCompile(pattern)}} {
		b.Run(name+"/"+eng.name, func(b *testing.B) {
			b.SetBytes(int64(len(hay)))
			for b.Loop() {
				eng.re.FindAllIndex(hay, -1)
			}
		})
	}
}

// BenchmarkLiteralsWorstCase runs literal patterns on haystacks built to
// make their prefilters stop nearly everywhere, rxjit beside regexp: the
// probes of `Sherlock Holmes` ('S' at 0, 'H' at 9) pass at every other
// position of "SHSH...", near misses of the case-folded and alternated
// sets pass the probes and the literal checks every few bytes, and
// "abab..." makes every anchored attempt of `ab[^x]*y` scan to the end (the
// rescan guard must keep it linear).
func BenchmarkLiteralsWorstCase(b *testing.B) {
	const size = 1 << 20
	fill := func(unit string) []byte {
		return []byte(strings.Repeat(unit, size/len(unit)))
	}
	for _, bm := range []struct {
		name, pattern string
		hay           []byte
	}{
		{"pair", `Sherlock Holmes`, fill("SH")},
		{"casei", `(?i)Sherlock Holmes`, fill("sherlock holmex ")},
		{"alternate", `Sherlock Holmes|John Watson|Irene Adler`, fill("Sherlock HolmeJohn WatsoIrene Adle")},
		{"rescan", `ab[^x]*y`, fill("ab")},
	} {
		for _, eng := range []struct {
			name string
			re   interface{ FindAllIndex([]byte, int) [][]int }
		}{{"rxjit", regex.MustCompile(bm.pattern)}, {"regexp", regexp.MustCompile(bm.pattern)}} {
			b.Run(bm.name+"/"+eng.name, func(b *testing.B) {
				b.SetBytes(int64(len(bm.hay)))
				for b.Loop() {
					eng.re.FindAllIndex(bm.hay, -1)
				}
			})
		}
	}
}

// BenchmarkInner runs patterns whose only literal is inside them (the
// inner literal strategy: reverse suffix and reverse inner) over rebar's
// subtitle samples, and on haystacks where the literal occurs everywhere
// but matches never or rarely follow, rxjit beside regexp; the widened
// rows are patterns without a proof, the last the shape of rebar's
// 10-bounded-repeat/context.
func BenchmarkInner(b *testing.B) {
	dir := filepath.Join("..", "..", "shared", "bench", "rebar", "benchmarks", "haystacks", "opensubtitles")
	en, err := os.ReadFile(filepath.Join(dir, "en-sampled.txt"))
	if err != nil {
		b.Skip(err)
	}
	ru, err := os.ReadFile(filepath.Join(dir, "ru-sampled.txt"))
	if err != nil {
		b.Skip(err)
	}
	fill := func(unit string) []byte {
		return []byte(strings.Repeat(unit, (1<<20)/len(unit)))
	}
	for _, bm := range []struct {
		name, pattern string
		hay           []byte
	}{
		{"word-holmes-word", `\w+\s+Holmes\s+\w+`, en},
		{"word-holmes", `\w+\s+Holmes`, en},
		{"capital-digit-suffix", `[A-Z][0-9]ing`, en},
		{"word-holmes-ru", `[а-яА-Я]+\s+Холмс`, ru},
		{"crowded", `\w+\s+ab\s+\w+`, fill("ab ")},
		{"unconfirmed", `\w+\s+Holmes\s+\w+`, fill("Mr Holmes. ")},
		// No proof holds (literal.Widened): the search widens back
		// from each confirmed occurrence.
		{"widened-word-holmes", `\w+\s*Holmes\s+\w+`, en},
		{"widened-context", `[A-Za-z]{10}\s+[\s\S]{0,100}Holmes[\s\S]{0,100}\s+[A-Za-z]{5}`, en},
	} {
		benchFindAll(b, bm.name, bm.pattern, bm.hay)
	}
}
