package fuzz

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// RE2SearchCase is one search of RE2's search log: a pattern and a text.
type RE2SearchCase struct{ Pattern, Input string }

// ReadRE2Search parses RE2's search log (Go keeps it as
// $GOROOT/src/regexp/testdata/re2-search.txt): blocks of a "strings" line,
// quoted strings, a "regexps" line, then quoted regexps, each followed by
// result lines. It returns every regexp of a block paired with every
// string of the block, in the log's order; the results are ignored, since
// the tests that read the log take regexp as their oracle.
func ReadRE2Search(r io.Reader) ([]RE2SearchCase, error) {
	var cases []RE2SearchCase
	var strs []string
	inStrings := false
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		line := sc.Text()
		switch {
		case line == "strings":
			strs, inStrings = nil, true
		case line == "regexps":
			inStrings = false
		case strings.HasPrefix(line, `"`):
			s, err := strconv.Unquote(line)
			if err != nil {
				return cases, fmt.Errorf("re2 search log: %q: %v", line, err)
			}
			if inStrings {
				strs = append(strs, s)
				continue
			}
			for _, in := range strs {
				cases = append(cases, RE2SearchCase{Pattern: s, Input: in})
			}
		}
	}
	return cases, sc.Err()
}
