package main

import (
	"errors"
	"regexp/syntax"
	"testing"
)

// TestBuildSources is a golden table: the expressions the matcher
// compiles for given patterns and flags.
func TestBuildSources(t *testing.T) {
	tests := []struct {
		args                         []string
		line, buffer, wordCont, core string
	}{
		{args: []string{"foo"}, core: "foo", line: "foo", buffer: "foo"},
		{args: []string{"-e", "foo", "-e", "bar"}, core: "foo|bar", line: "foo|bar", buffer: "foo|bar"},
		{args: []string{"-e", "a+", "-e", "b"}, core: "(?:a+)|(?:b)", line: "(?:a+)|(?:b)", buffer: "(?:a+)|(?:b)"},
		{args: []string{"-F", "-e", "a.b", "-e", "(c"}, core: `a\.b|\(c`, line: `a\.b|\(c`, buffer: `a\.b|\(c`},
		{args: []string{"-i", "foo\nbar"}, core: "(?i)foo|bar", line: "(?i)foo|bar", buffer: "(?i)foo|bar"},
		{args: []string{"-x", "a|b"}, core: "a|b", line: "^(?:a|b)$", buffer: "a|b"},
		{args: []string{"-w", "foo"}, core: "foo",
			line:     "(?:^|[^0-9A-Za-z_])(foo)(?:$|[^0-9A-Za-z_])",
			wordCont: "[^0-9A-Za-z_](foo)(?:$|[^0-9A-Za-z_])",
			buffer:   "foo"},
		{args: []string{`^a\s[^x]$`}, core: `^a\s[^x]$`, line: `^a\s[^x]$`,
			buffer: `(?m:^a[\t\f\r ][^\nx]$)`},
		{args: []string{`a\nb|c`}, core: `a\nb|c`, line: `a\nb|c`, buffer: `[^\x00-\x{10FFFF}]|c`},
		{args: []string{"-z", "^foo"}, core: "^foo", line: "^foo", buffer: ""},
		{args: []string{`(?s)a.b`}, core: `(?s)a.b`, line: `(?s)a.b`, buffer: `(?-s:a.b)`},
	}
	for _, tc := range tests {
		o, err := parseArgs(append(tc.args, "file"))
		if err != nil {
			t.Fatal(err)
		}
		s, err := buildSources(o)
		if err != nil {
			t.Errorf("%q: %v", tc.args, err)
			continue
		}
		if s.core != tc.core || s.line != tc.line || s.buffer != tc.buffer || s.wordCont != tc.wordCont {
			t.Errorf("%q:\n got core %q line %q buffer %q wordCont %q\nwant core %q line %q buffer %q wordCont %q",
				tc.args, s.core, s.line, s.buffer, s.wordCont, tc.core, tc.line, tc.buffer, tc.wordCont)
		}
		for _, src := range []string{s.line, s.buffer, s.wordCont} {
			if _, err := compileEngine(src); src != "" && err != nil {
				t.Errorf("%q: %q does not compile: %v", tc.args, src, err)
			}
		}
	}
}

func TestErrorColumn(t *testing.T) {
	tests := []struct {
		pattern string
		column  int
	}{
		{"(abc", 1},
		{"ab(c(d)", 3},
		{`\((a`, 3},
		{"[(]abc(", 7},
		{"a{2,1}", 2},
		{"ab**", 3},
		{`x\q`, 2},
		{"a[b", 2},
		{"a)", 1},
	}
	for _, tc := range tests {
		_, err := syntax.Parse(tc.pattern, syntax.Perl)
		var se *syntax.Error
		if !errors.As(err, &se) {
			t.Fatalf("%q: no parse error", tc.pattern)
		}
		if got := errorColumn(tc.pattern, err); got != tc.column {
			t.Errorf("%q (%v): column %d, want %d", tc.pattern, err, got, tc.column)
		}
	}
}

// TestMatcherSpans checks the matches -o and --color see in one line.
func TestMatcherSpans(t *testing.T) {
	tests := []struct {
		args []string
		line string
		want [][2]int
	}{
		{[]string{"o*"}, "foo boo", [][2]int{{1, 3}, {5, 7}}},
		{[]string{"-w", "foo"}, "foo foofoo foo_ foo", [][2]int{{0, 3}, {16, 19}}},
		{[]string{"-w", "a|ab"}, "ab a", [][2]int{{0, 2}, {3, 4}}},
		{[]string{"-w", "foo "}, "foo foo x", nil},
		{[]string{"-w", "foo "}, "foo -foo -", [][2]int{{0, 4}, {5, 9}}},
		{[]string{"-w", "x*"}, "a  b", nil},
		{[]string{"-x", "a.c"}, "abc", [][2]int{{0, 3}}},
		{[]string{"-x", "a"}, "abc", nil},
		{[]string{"-i", "é"}, "ÉeÉé", [][2]int{{0, 2}, {3, 5}, {5, 7}}},
	}
	for _, tc := range tests {
		o, err := parseArgs(append(tc.args, "f"))
		must(t, err)
		m, err := newMatcher(o)
		must(t, err)
		var got [][2]int
		m.spans([]byte(tc.line), func(s, e int) bool { got = append(got, [2]int{s, e}); return true })
		if len(got) != len(tc.want) || (len(got) > 0 && !equalSpans(got, tc.want)) {
			t.Errorf("%q on %q: %v, want %v", tc.args, tc.line, got, tc.want)
		}
	}
}

func equalSpans(a, b [][2]int) bool {
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestInnerLiteral(t *testing.T) {
	for _, tc := range []struct{ pattern, want string }{
		{`\w+\s+Holmes\s+\w+`, "Holmes"},
		{`Sherlock \w+`, ""}, // starts every match: the library finds it
		{`(?i)\w+ holmes`, ""},
		{`\w+ (Holmes|Watson)`, ""},
		{`\w+ a`, ""}, // shorter than minInner
		{`x(\d+ Baker)+ Street`, " Street"},
		{`\w*\x{FFFD}\x{FFFD}\x{FFFD}`, ""},
	} {
		re, err := syntax.Parse(tc.pattern, syntax.Perl)
		if err != nil {
			t.Fatal(err)
		}
		if got := innerLiteral(re.Simplify()); got != tc.want {
			t.Errorf("innerLiteral(%q) = %q, want %q", tc.pattern, got, tc.want)
		}
	}
}
