package fuzz

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
)

// A seedCase is one pattern and input from Go's own regexp test data.
type seedCase struct {
	pattern, input string
	posix          bool // from the AT&T .dat files, which describe POSIX ERE
}

// noSeedsEnv, when set to 1, makes the targets add no seeds, so that
// whatever the fuzzer finds it finds by mutation (see fault_test.go).
const noSeedsEnv = "RXJIT_FUZZ_NOSEEDS"

func seedsDisabled() bool { return os.Getenv(noSeedsEnv) == "1" }

// goSeeds reads $(go env GOROOT)/src/regexp/testdata at test time: every
// regexp of re2-search.txt paired with every string of its group, and
// every ERE line of the .dat files. It returns nil, without failing, if
// the files cannot be found.
var goSeeds = sync.OnceValue(func() []seedCase {
	dir := filepath.Join(goroot(), "src", "regexp", "testdata")
	seeds := readRE2Search(filepath.Join(dir, "re2-search.txt"))
	dats, _ := filepath.Glob(filepath.Join(dir, "*.dat"))
	for _, name := range dats {
		seeds = append(seeds, readDat(name)...)
	}
	return seeds
})

// goroot returns the GOROOT of the go command on PATH, falling back to
// $GOROOT.
func goroot() string {
	if out, err := exec.Command("go", "env", "GOROOT").Output(); err == nil {
		return strings.TrimSpace(string(out))
	}
	return os.Getenv("GOROOT")
}

// readRE2Search reads the RE2 search log (see ReadRE2Search) as seeds.
func readRE2Search(name string) []seedCase {
	f, err := os.Open(name)
	if err != nil {
		return nil
	}
	defer f.Close()
	cases, _ := ReadRE2Search(f)
	seeds := make([]seedCase, len(cases))
	for i, c := range cases {
		seeds[i] = seedCase{pattern: c.Pattern, input: c.Input}
	}
	return seeds
}

// fieldSep splits an AT&T test line: fields are separated by one or more
// tabs.
var fieldSep = regexp.MustCompile(`[^\t]+`)

// readDat parses an AT&T regex test file (basic.dat and friends): lines
// of flags, pattern, input and result. Only ERE lines (flag E) are kept;
// SAME repeats the previous pattern, NULL is the empty string, and a $
// flag means the fields hold C escapes.
func readDat(name string) []seedCase {
	data, err := os.ReadFile(name)
	if err != nil {
		return nil
	}
	var seeds []seedCase
	var last string
	for line := range strings.SplitSeq(string(data), "\n") {
		if line == "" || line[0] == '#' || strings.HasPrefix(line, "NOTE") {
			continue
		}
		field := fieldSep.FindAllString(line, -1)
		if len(field) < 3 {
			continue
		}
		flags, pat, in := field[0], field[1], field[2]
		if pat == "SAME" {
			pat = last
		}
		last = pat
		if !strings.Contains(flags, "E") {
			continue
		}
		if in == "NULL" {
			in = ""
		}
		if pat == "NULL" {
			pat = ""
		}
		if strings.Contains(flags, "$") {
			pat, in = unescapeC(pat), unescapeC(in)
		}
		seeds = append(seeds, seedCase{pattern: pat, input: in, posix: true})
	}
	return seeds
}

// unescapeC expands C escapes as Go's string literals do, leaving s as it
// is when it is not a valid literal body.
func unescapeC(s string) string {
	if u, err := strconv.Unquote(`"` + strings.ReplaceAll(s, `"`, `\"`) + `"`); err == nil {
		return u
	}
	return s
}
