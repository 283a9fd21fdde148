package main

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// The tests in this file run rxjit and GNU grep on the same files with the
// same flags and require the same standard output, the same standard error
// (with "grep:" read as "rxjit:") and the same exit status, byte for byte.
//
// Patterns are written in the syntax both accept. grep runs with -P (PCRE,
// leftmost-first like Go, ASCII \w \b \d in grep 3.8) for a single pattern,
// with -E for several (grep -P takes only one) where leftmost-first and
// leftmost-longest agree, and with -F for fixed strings.

// fixtures are the files every comparison searches.
var fixtures = map[string]string{
	"words.txt": "foo bar\nbaz\nfoo foo\nqux\nquux\nfoo\n\nfood is good\nbarfoo foobar\n" +
		"the Foo and the FOO\nsnake_case foo_bar foo-bar\n123 4567 89\n" +
		"end with foo",
	"prose.txt": "Sherlock Holmes sat in his chair.\nDr. Watson took notes.\n" +
		"Mrs Hudson brought tea at 4 o'clock.\n\n\n" +
		"Holmes: \"Elementary, my dear Watson.\"\n" +
		"email: holmes@baker.street, watson@baker.street\n" +
		"a line with trailing spaces   \n\tindented with a tab\n" +
		"windows line\r\n" +
		"one more foo at the end\n",
	"utf8.txt": "café crème brûlée\nΑλφα βήτα γάμμα\nnaïve résumé\n" +
		"ÉCOLE école\nplain ascii line\nmixed Ωmega and foo\n日本語のテキスト\n",
	"empty.txt": "",
	"nl.txt":    "\n\n\n",
}

// compareCase is one run of both programs.
type compareCase struct {
	grepSyntax string   // -P, -E or -F for grep
	flags      []string // the same for both
	patterns   []string // one → a single operand; several → -e each
	files      []string // fixture names
}

// patternsP are searched with grep -P and rxjit alike.
var patternsP = []string{
	`foo`, `foo|bar`, `\bba[rz]\b`, `[0-9]+`, `^foo`, `foo$`, `o*`, `(?i)foo`,
	`\w+@\w+`, `é`, `\p{Greek}+`, `a.c`, `^$`, `[[:alpha:]]+`, `\d{2,3}`,
	`(ab|a)(c|bcd)`, `Holmes|Watson`, `[^a-z ]+`, `\s+`, `o\b`, `.`, `x?`,
	`foo\sbar`, `\Bo+`, `[A-Z][a-z]+`,
	// Inner literals: only the lines they occur on are searched.
	`\w+\s+Holmes\s*\w*`, `\w*foo\b`, `[a-z]+ with`, `(\w+)@baker\.street`, `\S+ foo$`,
}

// flagSets are combined with every pattern.
var flagSets = [][]string{
	{}, {"-i"}, {"-v"}, {"-w"}, {"-x"}, {"-c"}, {"-l"}, {"-L"}, {"-n"}, {"-b"},
	{"-o"}, {"-H"}, {"-h"}, {"-q"}, {"-s"}, {"-m", "2"}, {"-A", "1"}, {"-B", "2"},
	{"-C", "1"}, {"-n", "-C", "1"}, {"-o", "-n", "-b"}, {"-o", "-i"},
	{"-v", "-n", "-A1"}, {"-c", "-v"}, {"-w", "-o"}, {"--color=always"},
	{"--color=always", "-n", "-C1"}, {"--color=always", "-o", "-b"},
	{"--color=always", "-v", "-C1"}, {"--color=always", "-w", "-i"},
	{"-z"}, {"-z", "-o"}, {"-x", "-n"}, {"-m", "1", "-A", "2", "-n"},
	{"-n", "-b", "-H"}, {"-o", "-b", "-w"}, {"-A", "0"}, {"-B1", "-A3", "-n"},
	{"-v", "-o"}, {"-c", "-m", "3"}, {"-l", "-v"}, {"-L", "-v"}, {"-Z", "-l"},
	{"-o", "-C", "1", "-n"}, {"-v", "-m", "2", "-B1"}, {"-2"}, {"-inw"},
	{"-c", "-o"}, {"-b", "-v", "-C1"}, {"-Z", "-c"}, {"-Z", "-n", "-A1"},
	{"--color=always", "-x"}, {"--color=always", "-c", "-H"}, {"--color=always", "-l"},
	{"--color=always", "-o", "-v", "-C1"}, {"-m", "1", "-c", "-v"}, {"-x", "-w"},
}

// fileSets are the operand lists.
var fileSets = [][]string{
	{"words.txt"},
	{"prose.txt", "utf8.txt"},
	{"words.txt", "empty.txt", "nl.txt", "prose.txt"},
	{"utf8.txt", "missing.txt", "words.txt"},
}

func TestCompareWithGrep(t *testing.T) {
	dir := fixtureDir(t)
	var cases []compareCase
	// Every pattern meets every flag set; the file sets take turns, so
	// that each flag set and each pattern sees every file set.
	for i, p := range patternsP {
		for j, f := range flagSets {
			files := fileSets[(i+j)%len(fileSets)]
			cases = append(cases, compareCase{"-P", f, []string{p}, files})
		}
	}
	multi := [][]string{{"foo", "bar"}, {"Holmes", "tea", "ascii"}, {"qux", ""}, {"zzz", "yyy"}}
	for _, ps := range multi {
		for _, f := range flagSets {
			cases = append(cases, compareCase{"-E", f, ps, fileSets[2]})
			// grep -E and -F take non-ASCII letters as word characters
			// for -w in a UTF-8 locale; rxjit's \w is ASCII, as Go's and
			// grep -P's are. These runs use ASCII files.
			cases = append(cases, compareCase{"-F", f, ps, []string{"prose.txt", "words.txt"}})
		}
	}
	fixed := []string{"foo", "o o", "a.c", "(", "é", "FOO"}
	for _, p := range fixed {
		for _, f := range flagSets {
			cases = append(cases, compareCase{"-F", f, []string{p}, fileSets[0]})
		}
	}
	failed := 0
	for _, c := range cases {
		if !compareOne(t, dir, c) {
			failed++
			if failed > 20 {
				t.Fatal("too many differences")
			}
		}
	}
	t.Logf("%d cases compared", len(cases))
}

// TestCompareBinaryAndControl covers inputs with NUL bytes, invalid UTF-8
// and NUL-separated records.
func TestCompareBinaryAndControl(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"bin.dat":    "text foo line\nmore\x00binary foo\nfoo again\n",
		"badutf.txt": "ok foo\nbad \xff foo\nfoo after\n",
		"recs.z":     "foo one\x00two\nlines foo\x00three\x00foo",
		"cr.txt":     "foo\r\nbar\r\n",
	}
	for name, s := range files {
		must(t, os.WriteFile(filepath.Join(dir, name), []byte(s), 0o644))
	}
	cases := []compareCase{
		{"-P", nil, []string{"foo"}, []string{"bin.dat"}},
		{"-P", []string{"-c"}, []string{"foo"}, []string{"bin.dat"}},
		{"-P", []string{"-a"}, []string{"foo"}, []string{"bin.dat"}},
		{"-P", []string{"-l"}, []string{"foo"}, []string{"bin.dat", "cr.txt"}},
		{"-P", []string{"-v"}, []string{"foo"}, []string{"bin.dat"}},
		{"-P", []string{"-n"}, []string{"foo"}, []string{"badutf.txt"}},
		{"-P", []string{"-o"}, []string{"foo"}, []string{"badutf.txt"}},
		{"-P", []string{"-c"}, []string{"foo"}, []string{"badutf.txt"}},
		{"-P", []string{"-a", "-n"}, []string{"foo"}, []string{"badutf.txt"}},
		{"-P", []string{"-z"}, []string{"foo"}, []string{"recs.z"}},
		{"-P", []string{"-z", "-n", "-b"}, []string{"^foo"}, []string{"recs.z"}},
		{"-P", []string{"-z", "-o"}, []string{"fo+"}, []string{"recs.z"}},
		{"-P", []string{"-z", "-v", "-c"}, []string{"two"}, []string{"recs.z"}},
		{"-P", []string{"-z", "-C1"}, []string{"three"}, []string{"recs.z"}},
		{"-P", []string{"--color=always"}, []string{"foo$"}, []string{"cr.txt"}},
		{"-P", []string{"-x"}, []string{"foo"}, []string{"cr.txt"}},
		{"-P", []string{"-C1", "-n"}, []string{"foo"}, []string{"bin.dat", "cr.txt"}},
	}
	for _, c := range cases {
		compareOne(t, dir, c)
	}
}

// compareOne runs case c through both programs in dir and reports any
// difference; it returns whether they agreed.
func compareOne(t *testing.T, dir string, c compareCase) bool {
	t.Helper()
	var args []string
	args = append(args, c.flags...)
	if len(c.patterns) == 1 {
		args = append(args, "--", c.patterns[0])
	} else {
		for _, p := range c.patterns {
			args = append(args, "-e", p)
		}
		args = append(args, "--")
	}
	for _, f := range c.files {
		args = append(args, filepath.Join(dir, f))
	}
	grepArgs := append([]string{c.grepSyntax}, args...)
	if c.grepSyntax == "-F" {
		args = append([]string{"-F"}, args...)
	}
	wantOut, wantErr, wantCode := runGrep(t, dir, grepArgs)
	var out, errb bytes.Buffer
	code := run(args, strings.NewReader(""), &out, &errb, func(string) string { return "" })
	gotErr := errb.String()
	wantErr = strings.ReplaceAll(wantErr, "grep: ", "rxjit: ")
	if out.String() != wantOut || code != wantCode || gotErr != wantErr {
		t.Errorf("grep %s\n exit: rxjit %d, grep %d\n stdout rxjit:\n%q\n stdout grep:\n%q\n stderr rxjit: %q\n stderr grep:  %q",
			strings.Join(grepArgs, " "), code, wantCode, out.String(), wantOut, gotErr, wantErr)
		return false
	}
	return true
}

// runGrep runs GNU grep in a UTF-8 locale with default colours.
func runGrep(t *testing.T, dir string, args []string) (stdout, stderr string, code int) {
	t.Helper()
	cmd := exec.Command(grepPath(t), args...)
	cmd.Args[0] = "grep"
	cmd.Dir = dir
	cmd.Env = []string{"LC_ALL=C.UTF-8", "PATH=/usr/bin:/bin"}
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	var ee *exec.ExitError
	switch {
	case err == nil:
	case errors.As(err, &ee):
		code = ee.ExitCode()
	default:
		t.Fatalf("running grep: %v", err)
	}
	return out.String(), errb.String(), code
}

// grepPath finds GNU grep or skips the test.
func grepPath(t *testing.T) string {
	t.Helper()
	p, err := exec.LookPath("grep")
	if err != nil {
		t.Skip("GNU grep is not installed")
	}
	out, err := exec.Command(p, "--version").Output()
	if err != nil || !bytes.Contains(out, []byte("GNU grep")) {
		t.Skip("grep is not GNU grep")
	}
	if err := exec.Command(p, "-P", "x", "/dev/null").Run(); err != nil {
		var ee *exec.ExitError
		if !errors.As(err, &ee) || ee.ExitCode() != 1 {
			t.Skip("grep -P is not supported here")
		}
	}
	return p
}

// fixtureDir writes the fixtures into a fresh directory.
func fixtureDir(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	for name, s := range fixtures {
		must(t, os.WriteFile(filepath.Join(dir, name), []byte(s), 0o644))
	}
	return dir
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}
