package regex_test

import (
	"bytes"
	"fmt"
	"io"
	"math/rand/v2"
	"regexp"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/rxjit/rxjit/regex"
	"github.com/rxjit/rxjit/regex/internal/testgen"
)

// The differential test compiles generated patterns (regex/internal/testgen)
// with both packages and checks that every matching method gives the same
// answer on generated inputs.

// results collects the answers of every matching method of one regexp on
// one input, so that two implementations can be compared with one cmp.Diff.
type results struct {
	Match, MatchString, MatchReader                     bool
	Find                                                []byte
	FindIndex, FindStringIndex, FindReaderIndex         []int
	FindString                                          string
	FindSubmatch                                        [][]byte
	FindSubmatchIndex, FindStringSubmatchIndex          []int
	FindReaderSubmatchIndex                             []int
	FindStringSubmatch                                  []string
	FindAll                                             [][]byte
	FindAllIndex, FindAllStringIndex                    [][]int
	FindAllString                                       []string
	FindAllSubmatch                                     [][][]byte
	FindAllSubmatchIndex, FindAllStringSubmatchIndex    [][]int
	FindAllStringSubmatch                               [][]string
	FindAllN                                            []string
	ReplaceAll, ReplaceAllLiteral, ReplaceAllFunc       []byte
	ReplaceAllString, ReplaceAllLiteralString, ReplFunc string
	Expand                                              []byte
	Split, Split2                                       []string
	LiteralPrefix                                       string
	LiteralComplete                                     bool
	NumSubexp                                           int
	SubexpNames                                         []string
	SubexpIndex                                         int
}

const template = "<$0|$1|${n1}|$$|$2x|${9}>"

// api is the method set that regexp.Regexp and regex.Regexp share and the
// differential test calls.
type api interface {
	Match([]byte) bool
	MatchString(string) bool
	MatchReader(io.RuneReader) bool
	Find([]byte) []byte
	FindIndex([]byte) []int
	FindString(string) string
	FindStringIndex(string) []int
	FindReaderIndex(io.RuneReader) []int
	FindSubmatch([]byte) [][]byte
	FindSubmatchIndex([]byte) []int
	FindStringSubmatch(string) []string
	FindStringSubmatchIndex(string) []int
	FindReaderSubmatchIndex(io.RuneReader) []int
	FindAll([]byte, int) [][]byte
	FindAllIndex([]byte, int) [][]int
	FindAllString(string, int) []string
	FindAllStringIndex(string, int) [][]int
	FindAllSubmatch([]byte, int) [][][]byte
	FindAllSubmatchIndex([]byte, int) [][]int
	FindAllStringSubmatch(string, int) [][]string
	FindAllStringSubmatchIndex(string, int) [][]int
	ReplaceAll(src, repl []byte) []byte
	ReplaceAllLiteral(src, repl []byte) []byte
	ReplaceAllFunc([]byte, func([]byte) []byte) []byte
	ReplaceAllString(src, repl string) string
	ReplaceAllLiteralString(src, repl string) string
	ReplaceAllStringFunc(string, func(string) string) string
	Expand(dst, template, src []byte, match []int) []byte
	Split(string, int) []string
	LiteralPrefix() (string, bool)
	NumSubexp() int
	SubexpNames() []string
	SubexpIndex(string) int
}

// collect calls every method of re on in.
func collect(re api, in string) results {
	b := []byte(in)
	var r results
	r.Match, r.MatchString = re.Match(b), re.MatchString(in)
	r.MatchReader = re.MatchReader(strings.NewReader(in))
	r.Find, r.FindIndex, r.FindString, r.FindStringIndex = re.Find(b), re.FindIndex(b), re.FindString(in), re.FindStringIndex(in)
	r.FindReaderIndex = re.FindReaderIndex(strings.NewReader(in))
	r.FindSubmatch, r.FindSubmatchIndex = re.FindSubmatch(b), re.FindSubmatchIndex(b)
	r.FindStringSubmatch, r.FindStringSubmatchIndex = re.FindStringSubmatch(in), re.FindStringSubmatchIndex(in)
	r.FindReaderSubmatchIndex = re.FindReaderSubmatchIndex(strings.NewReader(in))
	r.FindAll, r.FindAllIndex = re.FindAll(b, -1), re.FindAllIndex(b, -1)
	r.FindAllString, r.FindAllStringIndex = re.FindAllString(in, -1), re.FindAllStringIndex(in, -1)
	r.FindAllSubmatch, r.FindAllSubmatchIndex = re.FindAllSubmatch(b, -1), re.FindAllSubmatchIndex(b, -1)
	r.FindAllStringSubmatch, r.FindAllStringSubmatchIndex = re.FindAllStringSubmatch(in, -1), re.FindAllStringSubmatchIndex(in, -1)
	r.FindAllN = re.FindAllString(in, 2)
	r.ReplaceAll = re.ReplaceAll(b, []byte(template))
	r.ReplaceAllLiteral = re.ReplaceAllLiteral(b, []byte("$1"))
	r.ReplaceAllFunc = re.ReplaceAllFunc(b, bytes.ToUpper)
	r.ReplaceAllString = re.ReplaceAllString(in, template)
	r.ReplaceAllLiteralString = re.ReplaceAllLiteralString(in, "[$0]")
	r.ReplFunc = re.ReplaceAllStringFunc(in, strings.ToUpper)
	if m := re.FindSubmatchIndex(b); m != nil {
		r.Expand = re.Expand([]byte("x"), []byte(template), b, m)
	}
	r.Split, r.Split2 = re.Split(in, -1), re.Split(in, 2)
	r.LiteralPrefix, r.LiteralComplete = re.LiteralPrefix()
	r.NumSubexp, r.SubexpNames, r.SubexpIndex = re.NumSubexp(), re.SubexpNames(), re.SubexpIndex("n1")
	return r
}

func TestDifferential(t *testing.T) {
	patterns, inputs := 3000, 12
	if testing.Short() {
		patterns = 300
	}
	rng := rand.New(rand.NewPCG(1, 2))
	failures := 0
	for i := 0; i < patterns && failures < 10; i++ {
		pat := testgen.Pattern(rng, 4)
		ins := []string{""}
		for j := 0; j < inputs; j++ {
			ins = append(ins, testgen.Input(rng))
		}
		for _, posix := range []bool{false, true} {
			compileStd, compileRx := regexp.Compile, regex.Compile
			if posix {
				compileStd, compileRx = regexp.CompilePOSIX, regex.CompilePOSIX
			}
			want, werr := compileStd(pat)
			got, gerr := compileRx(pat)
			if fmt.Sprint(werr) != fmt.Sprint(gerr) {
				t.Errorf("Compile(%q) posix=%v: error %v, want %v", pat, posix, gerr, werr)
				failures++
				continue
			}
			if werr != nil {
				continue
			}
			for _, in := range ins {
				if diff := cmp.Diff(collect(want, in), collect(got, in)); diff != "" {
					t.Errorf("pattern %q posix=%v input %q: (-regexp +rxjit)\n%s", pat, posix, in, diff)
					failures++
					break
				}
			}
		}
	}
}
