package main

import (
	"bytes"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// tree writes files (path → content) under a fresh directory.
func tree(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for p, s := range files {
		full := filepath.Join(dir, p)
		must(t, os.MkdirAll(filepath.Dir(full), 0o755))
		must(t, os.WriteFile(full, []byte(s), 0o644))
	}
	return dir
}

// runIn runs rxjit in-process with dir as the working directory.
func runIn(t *testing.T, dir string, stdin string, args ...string) (string, string, int) {
	t.Helper()
	wd, err := os.Getwd()
	must(t, err)
	must(t, os.Chdir(dir))
	defer os.Chdir(wd)
	var out, errb bytes.Buffer
	code := run(args, strings.NewReader(stdin), &out, &errb, func(string) string { return "" })
	return out.String(), errb.String(), code
}

func TestWalkIgnoreRules(t *testing.T) {
	dir := tree(t, map[string]string{
		".gitignore":           "*.log\nbuild/\n!keep.log\n",
		"a.txt":                "hit\n",
		"debug.log":            "hit\n",
		"keep.log":             "hit\n",
		"build/out.txt":        "hit\n",
		"src/build":            "hit\n", // a file named build: build/ only ignores directories
		"src/.ignore":          "gen_*.go\n",
		"src/main.go":          "hit\n",
		"src/gen_x.go":         "hit\n",
		"src/sub/gen_y.go":     "hit\n",
		"src/sub/.gitignore":   "!gen_y.go\n",
		".hidden/h.txt":        "hit\n",
		".dot.txt":             "hit\n",
		"docs/.gitignore":      "/local.md\n",
		"docs/local.md":        "hit\n",
		"docs/sub/local.md":    "hit\n",
		"vendor/x/.gitignore":  "*\n",
		"vendor/x/anything.go": "hit\n",
	})
	tests := []struct {
		args []string
		want []string
	}{
		{[]string{"-l", "hit"}, nil}, // stdin is empty: no -r, no operand
		{[]string{"-r", "-l", "hit"}, []string{
			"a.txt", "docs/sub/local.md", "keep.log", "src/build", "src/main.go", "src/sub/gen_y.go"}},
		{[]string{"-l", "hit", "."}, []string{
			"./a.txt", "./docs/sub/local.md", "./keep.log", "./src/build", "./src/main.go", "./src/sub/gen_y.go"}},
		{[]string{"-l", "hit", "src"}, []string{"src/build", "src/main.go", "src/sub/gen_y.go"}},
		{[]string{"-l", "--hidden", "hit", "src"}, []string{"src/build", "src/main.go", "src/sub/gen_y.go"}},
		{[]string{"-r", "-l", "--hidden", "hit"}, []string{
			".dot.txt", ".hidden/h.txt", "a.txt", "docs/sub/local.md", "keep.log", "src/build", "src/main.go", "src/sub/gen_y.go"}},
		{[]string{"-r", "-l", "--no-ignore", "hit"}, []string{
			"a.txt", "build/out.txt", "debug.log", "docs/local.md", "docs/sub/local.md", "keep.log",
			"src/build", "src/gen_x.go", "src/main.go", "src/sub/gen_y.go", "vendor/x/anything.go"}},
		// Explicit files are searched whatever the rules say.
		{[]string{"-l", "hit", "debug.log", ".dot.txt"}, []string{"debug.log", ".dot.txt"}},
	}
	for _, tc := range tests {
		out, errs, _ := runIn(t, dir, "", tc.args...)
		var got []string
		if out != "" {
			got = strings.Split(strings.TrimSuffix(out, "\n"), "\n")
		}
		if strings.Join(got, " ") != strings.Join(tc.want, " ") || errs != "" {
			t.Errorf("%q:\n got %q (stderr %q)\nwant %q", tc.args, got, errs, tc.want)
		}
	}
}

// TestRecursiveMatchesGrep compares a recursive search with grep -r on a
// tree without ignore files or hidden entries; grep walks in directory
// order, so lines are compared sorted.
func TestRecursiveMatchesGrep(t *testing.T) {
	files := map[string]string{}
	for name, s := range fixtures {
		files["top/"+name] = s
		files["top/deep/er/"+name] = s
	}
	dir := tree(t, files)
	for _, args := range [][]string{{"-n", "foo"}, {"-c", "Holmes"}, {"-o", "-b", `\w+@\w+`}, {"-L", "foo"}} {
		var out, errb bytes.Buffer
		code := run(append(append([]string{}, args...), filepath.Join(dir, "top")), nil, &out, &errb, func(string) string { return "" })
		wantOut, _, wantCode := runGrep(t, dir, append(append([]string{"-r", "-P"}, args...), filepath.Join(dir, "top")))
		if sortedLines(out.String()) != sortedLines(wantOut) || code != wantCode {
			t.Errorf("%q: exit %d vs grep %d\n%s\nvs grep\n%s", args, code, wantCode, out.String(), wantOut)
		}
	}
}

func sortedLines(s string) string {
	l := strings.Split(s, "\n")
	sort.Strings(l)
	return strings.Join(l, "\n")
}

func TestOutputOrderWithManyFiles(t *testing.T) {
	files := map[string]string{}
	var want strings.Builder
	for i := range 300 {
		name := filepath.Join("d", string(rune('a'+i/26%26))+string(rune('a'+i%26))+".txt")
		body := strings.Repeat("match line\nother\n", i%7+1)
		files[name] = body
	}
	dir := tree(t, files)
	var names []string
	for n := range files {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		for _, l := range strings.Split(strings.TrimSuffix(files[n], "\n"), "\n") {
			if strings.HasPrefix(l, "match") {
				want.WriteString(n + ":" + l + "\n")
			}
		}
	}
	for _, threads := range []string{"1", "2", "8"} {
		out, errs, code := runIn(t, dir, "", "-j", threads, "match", "d")
		if out != want.String() || errs != "" || code != 0 {
			t.Errorf("-j %s: output out of order or wrong (exit %d, stderr %q)", threads, code, errs)
		}
	}
}
