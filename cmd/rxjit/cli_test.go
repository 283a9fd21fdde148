package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestCountMatches(t *testing.T) {
	dir := tree(t, map[string]string{
		"a.txt": "foo foo\nbar\nfoofoo foo\n",
		"b.txt": "nothing\n",
	})
	tests := []struct {
		args []string
		want string
		code int
	}{
		{[]string{"--count-matches", "foo", "a.txt"}, "5\n", 0},
		{[]string{"--count-matches", "foo", "a.txt", "b.txt"}, "a.txt:5\nb.txt:0\n", 0},
		{[]string{"--count-matches", "-w", "foo", "a.txt"}, "3\n", 0},
		{[]string{"--count-matches", "-v", "foo", "a.txt"}, "1\n", 0},
		{[]string{"--count-matches", "-m1", "foo", "a.txt"}, "2\n", 0},
		{[]string{"--count-matches", "o*", "a.txt"}, "5\n", 0},
		{[]string{"--count-matches", "zzz", "b.txt"}, "0\n", 1},
	}
	for _, tc := range tests {
		out, errs, code := runIn(t, dir, "", tc.args...)
		if out != tc.want || code != tc.code || errs != "" {
			t.Errorf("%q: got %q exit %d (stderr %q), want %q exit %d", tc.args, out, code, errs, tc.want, tc.code)
		}
	}
}

func TestStdinAndPatternFiles(t *testing.T) {
	dir := tree(t, map[string]string{
		"pats":  "foo\nba.\n",
		"empty": "",
		"blank": "\n",
		"f.txt": "foo\nbar\nqux\n",
	})
	tests := []struct {
		stdin string
		args  []string
		want  string
		code  int
	}{
		{"a foo\nb\n", []string{"foo"}, "a foo\n", 0},
		{"a foo\nb\n", []string{"-H", "foo"}, "(standard input):a foo\n", 0},
		{"a foo\nb\n", []string{"--label=in", "-c", "foo", "-", "f.txt"}, "in:1\nf.txt:1\n", 0},
		{"", []string{"-f", "pats", "f.txt"}, "foo\nbar\n", 0},
		{"", []string{"-f", "empty", "f.txt"}, "", 1},
		{"", []string{"-v", "-f", "empty", "f.txt"}, "foo\nbar\nqux\n", 0},
		{"", []string{"-f", "blank", "f.txt"}, "foo\nbar\nqux\n", 0},
		{"", []string{"-e", "qux", "-f", "pats", "f.txt"}, "foo\nbar\nqux\n", 0},
		{"x\n", []string{"-m0", "x"}, "", 1},
	}
	for _, tc := range tests {
		out, errs, code := runIn(t, dir, tc.stdin, tc.args...)
		if out != tc.want || code != tc.code {
			t.Errorf("%q: got %q exit %d (stderr %q), want %q exit %d", tc.args, out, code, errs, tc.want, tc.code)
		}
	}
}

func TestHelpAndVersion(t *testing.T) {
	out, _, code := runIn(t, t.TempDir(), "", "--help")
	if code != 0 || !strings.Contains(out, "Usage: rxjit") || !strings.Contains(out, "Examples:") {
		t.Errorf("--help: exit %d, %q", code, out)
	}
	out, _, code = runIn(t, t.TempDir(), "", "--version")
	if code != 0 || !strings.HasPrefix(out, "rxjit ") || !strings.Contains(out, "engine: ") {
		t.Errorf("--version: exit %d, %q", code, out)
	}
	_, errs, code := runIn(t, t.TempDir(), "", "--bogus", "x")
	if code != 2 || !strings.Contains(errs, "Try 'rxjit --help'") {
		t.Errorf("bad option: exit %d, %q", code, errs)
	}
}

func TestColorAuto(t *testing.T) {
	dir := tree(t, map[string]string{"f.txt": "foo\n"})
	// Not a terminal: no colour.
	out, _, _ := runIn(t, dir, "", "--color=auto", "foo", "f.txt")
	if out != "foo\n" {
		t.Errorf("auto on a buffer: %q", out)
	}
	// GREP_COLORS is honoured, including ne.
	f, err := os.Create(filepath.Join(t.TempDir(), "out"))
	must(t, err)
	defer f.Close()
	o, _ := parseArgs([]string{"--color=always", "foo"})
	p := newPalette(o.color, f, func(k string) string {
		if k == "GREP_COLORS" {
			return "mt=01;32:ne"
		}
		return ""
	})
	if p == nil || p.ms != "01;32" || p.mc != "01;32" || !p.ne || string(p.appendStart(nil, p.ms)) != "\033[01;32m" {
		t.Errorf("palette %+v", p)
	}
}

func TestExplain(t *testing.T) {
	dir := t.TempDir()
	out, errs, code := runIn(t, dir, "", "--explain", "-i", "-w", "hello")
	// The expression explained is the one the search runs, -i and -w
	// included; the report's format belongs to the explain package.
	if code != 0 || errs != "" || !strings.Contains(out, "(?i)hello") {
		t.Errorf("--explain: exit %d, stderr %q, output %q", code, errs, out)
	}
	out, _, code = runIn(t, dir, "", "--explain=dot", "a+b")
	if code != 0 || !strings.HasPrefix(out, "digraph") {
		t.Errorf("--explain=dot: exit %d, output %q", code, out)
	}
	_, errs, code = runIn(t, dir, "", "--explain", "a(b")
	if code != 2 || !strings.Contains(errs, "missing closing )") {
		t.Errorf("--explain on a bad pattern: exit %d, stderr %q", code, errs)
	}
}

func TestZapNULs(t *testing.T) {
	for _, in := range []string{"", "\x00", "abc", "a\x00b\x00\x00c", strings.Repeat("\x00x", 21), "0123456\x00" + strings.Repeat("\x00", 9) + "tail\x00"} {
		b := []byte(in)
		zapNULs(b)
		if want := strings.ReplaceAll(in, "\x00", "\n"); string(b) != want {
			t.Errorf("zapNULs(%q) = %q, want %q", in, b, want)
		}
	}
}
