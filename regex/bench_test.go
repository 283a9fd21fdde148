package regex_test

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/rxjit/rxjit/regex"
	"github.com/rxjit/rxjit/regex/internal/testgen"
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

func BenchmarkMatch(b *testing.B) {
	for _, p := range gridPatterns {
		std := regexp.MustCompile(p.pattern)
		rx := regex.MustCompile(p.pattern)
		for _, size := range gridSizes {
			text := testgen.GridText(size.n)
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

// BenchmarkRebarGroups runs rebar's group rows the way cmd/rxbench's
// models do, rxjit beside regexp, for profiling them without the
// harness: lexer is 05-lexer-veryl/single (FindAllSubmatchIndex over the
// whole haystack, 62,400 matches of 176 slots), ucd 07-unicode-character-
// data/parse-line, log 11-unstructured-to-json/extract and aws
// 09-aws-keys/full over the first 4 MiB of the Go-source stand-in
// (FindAllSubmatchIndex line by line). It reads the suite from
// ../../shared/bench/rebar and skips without it.
func BenchmarkRebarGroups(b *testing.B) {
	dir := filepath.Join("..", "..", "shared", "bench", "rebar", "benchmarks")
	read := func(name string) []byte {
		data, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			b.Skip(err)
		}
		return data
	}
	type finder interface{ FindAllSubmatchIndex([]byte, int) [][]int }
	for _, row := range []struct {
		name, pattern, haystack string
		lines                   bool
	}{
		{"lexer", "regexes/wild/parol-veryl.txt", "haystacks/wild/parol-veryl.vl", false},
		{"ucd", "regexes/wild/ucd-parse.txt", "haystacks/wild/UnicodeData-15.0.0.txt", true},
		{"log", "regexes/wild/unstructured-to-json.txt", "haystacks/wild/unstructured-to-json.log", true},
		{"aws", "definitions/curated/09-aws-keys.toml", "definitions/curated/09-aws-keys.toml", true},
	} {
		pattern := strings.TrimSpace(string(read(row.pattern)))
		if !row.lines {
			pattern = strings.Join(strings.Split(pattern, "\n"), "|") // one alternative a line
		}
		hay := read(row.haystack)
		if row.name == "aws" {
			// The definition holds the pattern; the haystack is
			// cmd/rxbench's Go-source stand-in, its first 4 MiB,
			// where it has no match.
			if !strings.Contains(pattern, awsKeysFull) {
				b.Fatal("awsKeysFull is not 09-aws-keys.toml's pattern")
			}
			pattern, hay = awsKeysFull, goSource(b, 4<<20)
		}
		var texts [][]byte
		if row.lines {
			for line := range bytes.Lines(hay) {
				texts = append(texts, bytes.TrimSuffix(bytes.TrimSuffix(line, []byte("\n")), []byte("\r")))
			}
		} else {
			texts = [][]byte{hay}
		}
		for _, e := range []struct {
			name string
			re   finder
		}{{"regexp", regexp.MustCompile(pattern)}, {"rxjit", regex.MustCompile(pattern)}} {
			b.Run(row.name+"/engine="+e.name, func(b *testing.B) {
				b.SetBytes(int64(len(hay)))
				for b.Loop() {
					n := 0
					for _, t := range texts {
						n += len(e.re.FindAllSubmatchIndex(t, -1))
					}
					if n == 0 && row.name != "aws" {
						b.Fatal("no match")
					}
				}
			})
		}
	}
}

// awsKeysFull is rebar's 09-aws-keys/full pattern (its definition,
// definitions/curated/09-aws-keys.toml): most lines are too short for it.
const awsKeysFull = `(('|")((?:ASIA|AKIA|AROA|AIDA)([A-Z0-7]{16}))('|").*?(\n^.*?){0,4}(('|")[a-zA-Z0-9+/]{40}('|"))+|('|")[a-zA-Z0-9+/]{40}('|").*?(\n^.*?){0,3}('|")((?:ASIA|AKIA|AROA|AIDA)([A-Z0-7]{16}))('|"))+`

// BenchmarkGoFindSubmatch is regexp's own BenchmarkFindSubmatch and
// BenchmarkFindStringSubmatch (all_test.go): a(a+b+)b in 11 bytes, the
// groups' texts wanted, rxjit beside regexp.
func BenchmarkGoFindSubmatch(b *testing.B) {
	const pattern, text = "a(a+b+)b", "acbbaaabbdd"
	std, rx := regexp.MustCompile(pattern), regex.MustCompile(pattern)
	for _, e := range []struct {
		name  string
		bytes func([]byte) [][]byte
		str   func(string) []string
	}{{"regexp", std.FindSubmatch, std.FindStringSubmatch}, {"rxjit", rx.FindSubmatch, rx.FindStringSubmatch}} {
		b.Run("bytes/engine="+e.name, func(b *testing.B) {
			b.ReportAllocs()
			t := []byte(text)
			for b.Loop() {
				if string(e.bytes(t)[1]) != "aab" {
					b.Fatal("wrong group")
				}
			}
		})
		b.Run("string/engine="+e.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if e.str(text)[1] != "aab" {
					b.Fatal("wrong group")
				}
			}
		})
	}
}

// cp1251 returns Russian text in the single-byte Windows-1251 encoding:
// almost every letter is a byte that is not valid UTF-8, so every search
// meets invalid UTF-8 at once.
func cp1251(n int) []byte {
	words := []string{"Шерлок", "Холмс", "сказал", "доктор", "Ватсон", "и", "в", "1887", "году", "London", "Baker", "Street,", "221B.", "Ёлка", "—"}
	var b []byte
	for i := 0; len(b) < n; i++ {
		for _, r := range words[(i*7+i/3)%len(words)] {
			switch {
			case r >= 'А' && r <= 'я':
				b = append(b, byte(r-'А'+0xC0))
			case r == 'Ё':
				b = append(b, 0xA8)
			case r == '—':
				b = append(b, 0x97)
			default:
				b = append(b, byte(r))
			}
		}
		b = append(b, " \n"[i%9/8])
	}
	return b[:n]
}

// BenchmarkFindShort runs FindStringIndex on texts of 8 to 64 bytes
// beside regexp, for one-class patterns (the scan for runs answers them
// without entering generated code below a block of 32 bytes). Each
// pattern has searched a long text first, so that its engines, not its
// rune program, run.
func BenchmarkFindShort(b *testing.B) {
	for _, c := range []struct{ name, pattern, text string }{
		{"w16", `\w+`, "  ... hello, wor"},
		{"az3", `[a-z]{3}`, "A1 B2 C3 xyz!!!!"},
		{"ru", `\p{L}+`, ", привет"},
		{"w64", `\b\w{6,}\b`, strings.Repeat("ab cd ", 10) + "abcdefgh"},
	} {
		std, rx := regexp.MustCompile(c.pattern), regex.MustCompile(c.pattern)
		rx.FindStringIndex(strings.Repeat("x", 20000))
		for _, e := range []struct {
			name string
			find func(string) []int
		}{{"regexp", std.FindStringIndex}, {"rxjit", rx.FindStringIndex}} {
			b.Run(c.name+"/engine="+e.name, func(b *testing.B) {
				for b.Loop() {
					e.find(c.text)
				}
			})
		}
	}
}

// BenchmarkInvalidUTF8 searches 1 MiB of Windows-1251 text, where the DFA
// runs over a sanitized copy, beside regexp.
func BenchmarkInvalidUTF8(b *testing.B) {
	text := cp1251(1 << 20)
	for _, p := range []struct{ name, pattern string }{
		{"digits", `\d{4}`},
		{"words", `[A-Za-z]{4,}`},
		{"any", `\s.{6}\s`},
		{"none", `Sherlock\s+\w+`},
	} {
		std, rx := regexp.MustCompile(p.pattern), regex.MustCompile(p.pattern)
		if fmt.Sprint(std.FindAllIndex(text, -1)) != fmt.Sprint(rx.FindAllIndex(text, -1)) {
			b.Fatalf("%s: answers differ", p.pattern)
		}
		b.Run(p.name+"/engine=regexp", func(b *testing.B) {
			b.SetBytes(int64(len(text)))
			for b.Loop() {
				std.FindAllIndex(text, -1)
			}
		})
		b.Run(p.name+"/engine=rxjit", func(b *testing.B) {
			b.SetBytes(int64(len(text)))
			for b.Loop() {
				rx.FindAllIndex(text, -1)
			}
		})
	}
}

// BenchmarkPathological runs the classic exponential patterns of
// backtracking engines, asking for groups, on inputs of 10 KB, 100 KB
// and 1 MB that end in a match, beside regexp: time per byte stays flat
// (linear time) for whichever engine answers. Each engine can be held to
// it on its own: RXJIT_ENGINE=backtrack, pikevm or dfa, with or without
// RXJIT_NOJIT=1.
func BenchmarkPathological(b *testing.B) {
	for _, p := range []struct{ name, pattern, unit, tail string }{
		{"StarStar", `(a*)*b`, "a", "b"},
		{"AltDouble", `(a|aa)*c`, "a", "c"},
		{"PlusPlus", `(x+x+)+y`, "x", "y"},
		{"NestedBounded", `((a{1,10}){1,10})*b`, "a", "b"},
	} {
		std, rx := regexp.MustCompile(p.pattern), regex.MustCompile(p.pattern)
		for _, size := range []struct {
			name string
			n    int
		}{{"10K", 10 << 10}, {"100K", 100 << 10}, {"1M", 1 << 20}} {
			text := strings.Repeat(p.unit, size.n-len(p.tail)) + p.tail
			for _, e := range []struct {
				name string
				find func(string) []int
			}{{"regexp", std.FindStringSubmatchIndex}, {"rxjit", rx.FindStringSubmatchIndex}} {
				b.Run(p.name+"/"+size.name+"/engine="+e.name, func(b *testing.B) {
					b.SetBytes(int64(len(text)))
					for b.Loop() {
						if e.find(text) == nil {
							b.Fatal("no match")
						}
					}
				})
			}
		}
	}
}

// BenchmarkFindAll iterates over every match where the DFAs' searches
// each cost two passes and a set-up (dense matches) or rescan to the end
// of the text (rebar's 14-quadratic), rxjit beside regexp:
//
//	go test ./regex -run '^$' -bench 'FindAll/' -count 6 > findall.txt
//	benchstat -col /engine findall.txt
func BenchmarkFindAll(b *testing.B) {
	words := strings.Repeat("It is a capital mistake to theorize before one has data. Insensibly one begins to twist facts to suit theories. ", 1000)
	lines := strings.Repeat("It is a capital mistake to theorize before one has data.\nInsensibly one begins to twist facts to suit theories, instead of theories to suit facts.\n", 800)
	ruWords := strings.Repeat("Шерлок Холмс сказал доктору Ватсону: «Элементарно» — и улыбнулся… ", 1000)
	for _, c := range []struct {
		name, pattern, text string
		groups              bool
	}{
		{"Quadratic/1K", `.*[^A-Z]|[A-Z]`, strings.Repeat("A", 1000), false},
		{"Quadratic/100", `.*[^A-Z]|[A-Z]`, strings.Repeat("A", 100), false},
		// A match state that loops on itself to the end of the text
		// (rebar's 06-cloud-flare-redos, original and simplified-long):
		// match runs skipped with the state's record.
		{"MatchRun/107", cloudFlare, "math x=" + strings.Repeat("x", 100), false},
		{"MatchRun/10K", `.*.*=.*`, "x=" + strings.Repeat("x", 10000), false},
		// A pattern anchored at the start, as a program parses a line
		// per call: one search, no list.
		{"Anchored/9", `^(\w+)=(\w+)$`, "key=value", true},
		{"QuadraticGroups/1K", `.*[^A-Z]|([A-Z])`, strings.Repeat("A", 1000), true},
		{"Dense/1K", `[A-Z]`, strings.Repeat("A", 1000), false},
		{"Letters/112K", `[A-Za-z]{8,13}`, words, false},
		// Runs of a Unicode class (rebar's 10-bounded-repeat/letters-ru):
		// the scan finds the runs of the bytes its runes use, each
		// decoded rune by rune.
		{"LettersRu/124K", `\p{L}{8,13}`, ruWords, false},
		// Classes that hold U+FFFD: runs of bytes that can only be
		// in runes of the class, matched without decoding.
		{"Lines/115K", `.+`, lines, false},
		{"LongLines/115K", `[^\n]{60,}`, lines, false},
		// Span searches: a match every few bytes (rebar's
		// 08-words/all-english and, with failed tries among the
		// matches, 03-date).
		{"Words/112K", `\b[0-9A-Za-z_]+\b`, words, false},
		{"Tokens/112K", `(?i)(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*|\d+|[\s,.]+`, words, false},
		// Patterns that may start a match with an invalid byte: span
		// searches over the text checked valid.
		{"Fields/112K", `\S+`, words, false},
		{"Runes/112K", `.`, words, false},
	} {
		std, rx := regexp.MustCompile(c.pattern), regex.MustCompile(c.pattern)
		want := len(std.FindAllStringIndex(c.text, -1))
		for _, e := range []struct {
			name string
			find func(string, int) [][]int
		}{
			{"regexp", std.FindAllStringIndex},
			{"rxjit", rx.FindAllStringIndex},
		} {
			if c.groups {
				e.find = map[string]func(string, int) [][]int{"regexp": std.FindAllStringSubmatchIndex, "rxjit": rx.FindAllStringSubmatchIndex}[e.name]
			}
			b.Run(c.name+"/engine="+e.name, func(b *testing.B) {
				b.SetBytes(int64(len(c.text)))
				for b.Loop() {
					if len(e.find(c.text, -1)) != want {
						b.Fatal("count")
					}
				}
			})
		}
	}
}

// cloudFlare is rebar's 06-cloud-flare-redos/original pattern.
const cloudFlare = `(?:(?:"|'|\]|\}|\\|\d|(?:nan|infinity|true|false|null|undefined|symbol|math)|` + "`" + `|-|\+)+[)]*;?((?:\s|-|~|!|\{\}|\|\||\+)*.*(?:.*=.*)))`

// BenchmarkReplaceAll replaces every match in 112 KB of English, regexp
// beside: whitespace runs (a match every five bytes, span searches) and
// words (a match every two).
func BenchmarkReplaceAll(b *testing.B) {
	text := strings.Repeat("It is a capital mistake to theorize before one has data.\n\tInsensibly one begins to twist facts to suit theories. ", 1000)
	for _, c := range []struct{ name, pattern, repl string }{
		{"Spaces", `\s+`, " "},
		{"Words", `\b[A-Za-z]+\b`, "w"},
	} {
		std, rx := regexp.MustCompile(c.pattern), regex.MustCompile(c.pattern)
		want := std.ReplaceAllString(text, c.repl)
		for _, e := range []struct {
			name    string
			replace func(string, string) string
		}{
			{"regexp", std.ReplaceAllString},
			{"rxjit", rx.ReplaceAllString},
		} {
			b.Run(c.name+"/engine="+e.name, func(b *testing.B) {
				b.SetBytes(int64(len(text)))
				for b.Loop() {
					if e.replace(text, c.repl) != want {
						b.Fatal("result")
					}
				}
			})
		}
	}
}

// BenchmarkResultFloor is what building FindAllIndex's result for 1,000
// one-byte matches costs without any search: the index pairs carved from
// slabs and the [][]int grown by appending (as FindAll* once did), or both
// made at their size (as matchList does now). It bounds FindAll's
// throughput at a match a byte (rebar's 14-quadratic). Its lexer case
// bounds FindAllSubmatchIndex on rebar's 05-lexer-veryl, its ucd and log
// cases the rows that call it once a line (07, 11).
func BenchmarkResultFloor(b *testing.B) {
	const n = 1000
	var sink [][]int
	b.Run("grown", func(b *testing.B) {
		for b.Loop() {
			var out [][]int
			var slab []int
			for j := range n {
				if len(slab)+2 > cap(slab) {
					slab = make([]int, 0, min(512, max(2, 2*cap(slab))))
				}
				slab = append(slab, j, j+1)
				out = append(out, slab[len(slab)-2:len(slab):len(slab)])
			}
			sink = out
		}
	})
	b.Run("sized", func(b *testing.B) {
		for b.Loop() {
			out, slab := make([][]int, n), make([]int, 2*n)
			for j := range n {
				slab[2*j], slab[2*j+1] = j, j+1
				out[j] = slab[2*j : 2*j+2 : 2*j+2]
			}
			sink = out
		}
	})
	// ucd and log are rebar's 07-unicode-character-data/parse-line and
	// 11-unstructured-to-json/extract as RebarGroups runs them, a
	// FindAllSubmatchIndex call per line, with no search at all: the
	// harness's line split, the one-match result that rxjit builds for
	// every line (Single; 32 and 12 slots) and the count.
	dir := filepath.Join("..", "..", "shared", "bench", "rebar", "benchmarks", "haystacks", "wild")
	for _, row := range []struct {
		name, haystack string
		slots          int
	}{{"ucd", "UnicodeData-15.0.0.txt", 32}, {"log", "unstructured-to-json.log", 12}} {
		b.Run(row.name, func(b *testing.B) {
			hay, err := os.ReadFile(filepath.Join(dir, row.haystack))
			if err != nil {
				b.Skip(err)
			}
			var texts [][]byte
			for line := range bytes.Lines(hay) {
				texts = append(texts, bytes.TrimSuffix(bytes.TrimSuffix(line, []byte("\n")), []byte("\r")))
			}
			slots := make([]int, row.slots)
			b.SetBytes(int64(len(hay)))
			for b.Loop() {
				n := 0
				for _, t := range texts {
					slots[1] = len(t)
					sink = regex.Single(slots)
					n += len(sink)
				}
				if n != len(texts) {
					b.Fatal("lost a result")
				}
			}
		})
	}
	// lexer is rebar's 05-lexer-veryl/single: 62,400 matches of 88
	// groups, 176 slots each, written once into chunks of 32 KiB as
	// matchList does, with no search at all: 88 MB a call.
	b.Run("lexer", func(b *testing.B) {
		const k, ncap = 62400, 176
		for b.Loop() {
			out := make([][]int, k)
			for i := 0; i < k; {
				chunk := make([]int, 4096)
				for j := 0; j+ncap <= len(chunk) && i < k; j, i = j+ncap, i+1 {
					s := chunk[j : j+ncap : j+ncap]
					for x := range s {
						s[x] = i + x
					}
					out[i] = s
				}
			}
			sink = out
		}
	})
	_ = sink
}
