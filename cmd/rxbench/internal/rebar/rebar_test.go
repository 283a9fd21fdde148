package rebar

import (
	"encoding/csv"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"
)

func TestParse(t *testing.T) {
	const src = `
analysis = "ignored"

[[bench]]
model = "count"
name = "inline"
regex = 'a|b'
haystack = "abc"
count = 2
engines = ["go/regexp"]

[[bench]]
model = "grep"
name = "table"
regex = { path = "x/y.txt", literal = true, per-line = "alternate", prepend = "<", append = ">" }
case-insensitive = true
unicode = true
haystack = { path = "h.txt", utf8-lossy = true, trim = true, line-start = 1_000, line-end = 2_000, repeat = 3, prepend = "p", append = "q" }
count = [
  { engine = 'hyperscan', count = 7 },
  { engine = '.*', count = 5 },
]
engines = ["rust/regex", "hyperscan"]

[[bench]]
model = "count"
name = "list"
regex = ["a", "b"]
haystack = { contents = "" }
count = 0
engines = ["x"]
`
	got, err := Parse("g", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	want := []Benchmark{
		{
			Group: "g", Name: "inline", Model: "count",
			Regex:    RegexSpec{Patterns: []string{"a|b"}},
			Haystack: HaystackSpec{Contents: "abc", HasContents: true},
			Counts:   []CountRule{{".*", 2}},
			Engines:  []string{"go/regexp"},
		},
		{
			Group: "g", Name: "table", Model: "grep", CaseInsensitive: true, Unicode: true,
			Regex: RegexSpec{Path: "x/y.txt", Literal: true, PerLine: "alternate", Prepend: "<", Append: ">"},
			Haystack: HaystackSpec{Path: "h.txt", UTF8Lossy: true, Trim: true, LineStart: 1000,
				LineEnd: 2000, HasLineEnd: true, Repeat: 3, Prepend: "p", Append: "q"},
			Counts:  []CountRule{{"hyperscan", 7}, {".*", 5}},
			Engines: []string{"rust/regex", "hyperscan"},
		},
		{
			Group: "g", Name: "list", Model: "count",
			Regex:    RegexSpec{Patterns: []string{"a", "b"}},
			Haystack: HaystackSpec{HasContents: true},
			Counts:   []CountRule{{".*", 0}},
			Engines:  []string{"x"},
		},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Parse:\n got %+v\nwant %+v", got, want)
	}
	if n, ok := got[1].ExpectedCount("hyperscan"); !ok || n != 7 {
		t.Errorf("ExpectedCount(hyperscan) = %d, %v; want 7, true", n, ok)
	}
	if n, ok := got[1].ExpectedCount("go/regexp"); !ok || n != 5 {
		t.Errorf("ExpectedCount(go/regexp) = %d, %v; want 5, true", n, ok)
	}
	if n, ok := got[1].ExpectedCount("hyperscanx"); !ok || n != 5 {
		t.Errorf("ExpectedCount(hyperscanx) = %d, %v; want 5 (rules are anchored), true", n, ok)
	}
}

func TestParseErrors(t *testing.T) {
	const head = "[[bench]]\nmodel = \"count\"\nname = \"n\"\nengines = [\"e\"]\n"
	for _, tc := range []struct{ name, body, want string }{
		{"unknown top key", "regex = 'a'\nhaystack = 'b'\ncount = 1\nbogus = 1\n", "unknown keys"},
		{"unknown regex key", "regex = { patterns = 'a', bogus = 1 }\nhaystack = 'b'\ncount = 1\n", "unknown keys"},
		{"path and patterns", "regex = { patterns = 'a', path = 'p' }\nhaystack = 'b'\ncount = 1\n", "both path and patterns"},
		{"bad per-line", "regex = { path = 'p', per-line = 'x' }\nhaystack = 'b'\ncount = 1\n", "per-line"},
		{"no haystack", "regex = 'a'\ncount = 1\n", "haystack: missing"},
		{"path and contents", "regex = 'a'\nhaystack = { path = 'p', contents = 'c' }\ncount = 1\n", "exactly one"},
		{"no count", "regex = 'a'\nhaystack = 'b'\n", "count: missing"},
		{"bad count rule", "regex = 'a'\nhaystack = 'b'\ncount = [{ engine = '(' , count = 1 }]\n", "count rule"},
	} {
		_, err := Parse("g", []byte(head+tc.body))
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: err = %v, want it to mention %q", tc.name, err, tc.want)
		}
	}
}

func TestRegexBuild(t *testing.T) {
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "regexes"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "regexes", "words"), []byte("  a.b\r\nc+\n\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		spec RegexSpec
		ci   bool
		want []string
	}{
		{"inline", RegexSpec{Patterns: []string{"x", "y"}}, false, []string{"x", "y"}},
		{"inline ci", RegexSpec{Patterns: []string{"x|y"}}, true, []string{"(?i:x|y)"}},
		{"none", RegexSpec{Patterns: []string{}}, false, []string{}},
		{"file trimmed", RegexSpec{Path: "words"}, false, []string{"a.b\r\nc+"}},
		{"alternate", RegexSpec{Path: "words", PerLine: "alternate"}, false, []string{"a.b|c+"}},
		{"alternate literal", RegexSpec{Path: "words", PerLine: "alternate", Literal: true}, false, []string{`a\.b|c\+`}},
		{"pattern literal", RegexSpec{Path: "words", PerLine: "pattern", Literal: true}, false, []string{`a\.b`, `c\+`}},
		{"affixes ci", RegexSpec{Path: "words", PerLine: "pattern", Prepend: "^", Append: "$"}, true, []string{"(?i:^a.b$)", "(?i:^c+$)"}},
	} {
		got, err := tc.spec.Build(dir, tc.ci)
		if err != nil {
			t.Errorf("%s: %v", tc.name, err)
			continue
		}
		if !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%s: got %q, want %q", tc.name, got, tc.want)
		}
	}
}

func TestHaystackBuild(t *testing.T) {
	const lines = "l0\nl1\nl2\nl3"
	for _, tc := range []struct {
		name string
		spec HaystackSpec
		raw  string
		want string
	}{
		{"plain", HaystackSpec{}, "abc", "abc"},
		{"trim", HaystackSpec{Trim: true}, " \t\nabc \n", "abc"},
		{"line-start", HaystackSpec{LineStart: 2}, lines, "l2\nl3"},
		{"line-end", HaystackSpec{LineEnd: 2, HasLineEnd: true}, lines, "l0\nl1\n"},
		{"line-end zero", HaystackSpec{LineEnd: 0, HasLineEnd: true}, lines, ""},
		{"line range", HaystackSpec{LineStart: 1, LineEnd: 3, HasLineEnd: true}, lines, "l1\nl2\n"},
		{"line-end past end", HaystackSpec{LineStart: 3, LineEnd: 99, HasLineEnd: true}, lines, "l3"},
		{"line-start past end", HaystackSpec{LineStart: 9}, lines, ""},
		{"trailing newline", HaystackSpec{LineStart: 4}, lines + "\n", ""},
		{"repeat", HaystackSpec{Repeat: 3}, "A", "AAA"},
		{"order", HaystackSpec{Trim: true, Repeat: 2, Prepend: "<", Append: ">"}, " ab ", "<abab>"},
		{"lossy", HaystackSpec{UTF8Lossy: true}, "a\xffb", "a\uFFFDb"},
	} {
		got := string(tc.spec.Build([]byte(tc.raw)))
		if got != tc.want {
			t.Errorf("%s: got %q, want %q", tc.name, got, tc.want)
		}
	}
}

func TestBuildDoesNotAlias(t *testing.T) {
	raw := []byte("abc")
	got := HaystackSpec{}.Build(raw)
	got[0] = 'X'
	if raw[0] != 'a' {
		t.Error("Build returned memory shared with raw")
	}
}

func TestLossyUTF8(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"", ""},
		{"valid ж 😀", "valid ж 😀"},
		{"\xff", "\uFFFD"},
		{"\xE2\x82", "\uFFFD"},                 // truncated 3-byte sequence: one maximal subpart
		{"\xE2\x82a", "\uFFFDa"},               // likewise, followed by ASCII
		{"\xC0\xAF", "\uFFFD\uFFFD"},           // overlong: C0 never starts a sequence
		{"\xED\xA0\x80", "\uFFFD\uFFFD\uFFFD"}, // surrogate: A0 is outside ED's range
		{"\xF4\x90\x80\x80", "\uFFFD\uFFFD\uFFFD\uFFFD"},
		{"\xF0\x9F\x98", "\uFFFD"},
		// The example of the Unicode Standard, Table 3-8.
		{"\x61\xF1\x80\x80\xE1\x80\xC2\x62\x80\x63\x80\xBF\x64", "a\uFFFD\uFFFD\uFFFDb\uFFFDc\uFFFD\uFFFDd"},
	} {
		if got := string(LossyUTF8([]byte(tc.in))); got != tc.want {
			t.Errorf("LossyUTF8(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// suiteDir finds the rebar suite the way the harness does by default:
// ../shared/bench/rebar relative to the repository root.
func suiteDir(t *testing.T) string {
	dir := filepath.Join("..", "..", "..", "..", "..", "shared", "bench", "rebar")
	if _, err := os.Stat(filepath.Join(dir, "benchmarks", "definitions")); err != nil {
		t.Skipf("rebar suite not found: %v", err)
	}
	return dir
}

// TestSuiteHaystackLengths builds every haystack that is present and
// compares its length with the haystack_len that rebar itself recorded,
// which checks the option handling (lossy, trim, line ranges, repeat)
// against the reference implementation.
func TestSuiteHaystackLengths(t *testing.T) {
	dir := suiteDir(t)
	benches, err := Load(filepath.Join(dir, "benchmarks"))
	if err != nil {
		t.Fatal(err)
	}
	if len(benches) != 357 {
		t.Errorf("loaded %d benchmarks, SOURCE.md says 357", len(benches))
	}
	recorded := recordedLengths(t, filepath.Join(dir, "record", "all", "2023-12-30"))
	checked := 0
	for i := range benches {
		b := &benches[i]
		want, ok := recorded[b.FullName()]
		if !ok {
			continue
		}
		raw, err := b.Haystack.ReadRaw(filepath.Join(dir, "benchmarks"))
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			t.Fatal(err)
		}
		if got := len(b.Haystack.Build(raw)); got != want {
			t.Errorf("%s: haystack length %d, rebar recorded %d", b.FullName(), got, want)
		}
		if _, err := b.Regex.Build(filepath.Join(dir, "benchmarks"), b.CaseInsensitive); err != nil {
			t.Errorf("%s: %v", b.FullName(), err)
		}
		checked++
	}
	if checked < 150 {
		t.Errorf("checked only %d haystacks", checked)
	}
}

func recordedLengths(t *testing.T, dir string) map[string]int {
	files, err := filepath.Glob(filepath.Join(dir, "*.csv"))
	if err != nil || len(files) == 0 {
		t.Skipf("no records in %s", dir)
	}
	out := map[string]int{}
	for _, f := range files {
		fh, err := os.Open(f)
		if err != nil {
			t.Fatal(err)
		}
		rows, err := csv.NewReader(fh).ReadAll()
		fh.Close()
		if err != nil {
			t.Fatal(err)
		}
		if len(rows) < 2 {
			continue
		}
		for _, r := range rows[1:] {
			if n, err := strconv.Atoi(r[6]); err == nil {
				out[r[0]] = n
			}
		}
	}
	return out
}
