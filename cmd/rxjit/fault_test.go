package main

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// The tests in this file run the built command as a separate process, for
// what only a process shows: signals, permissions, files changing under
// it.

// binPath is the rxjit binary built by TestMain.
var binPath string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "rxjit-test-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	// Other users (the tests drop root to "nobody") must reach the binary.
	os.Chmod(dir, 0o755)
	binPath = filepath.Join(dir, "rxjit")
	out, err := exec.Command("go", "build", "-o", binPath, ".").CombinedOutput()
	if err != nil {
		fmt.Fprintf(os.Stderr, "building rxjit: %v\n%s", err, out)
		os.Exit(2)
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// result is what a finished process left behind.
type result struct {
	stdout, stderr string
	code           int
}

// runBin runs the built rxjit with args in dir, as the user "nobody" when
// asNobody is set (the tests run as root, for whom permissions do not
// apply).
func runBin(t *testing.T, dir string, asNobody bool, args ...string) result {
	t.Helper()
	cmd := exec.Command(binPath, args...)
	cmd.Dir = dir
	if asNobody {
		cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: 65534, Gid: 65534}}
	}
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	var ee *exec.ExitError
	code := 0
	switch {
	case err == nil:
	case errors.As(err, &ee):
		code = ee.ExitCode()
	default:
		t.Fatalf("running rxjit: %v", err)
	}
	return result{out.String(), errb.String(), code}
}

// permissionDir returns a directory in which chmod takes effect for the
// process runBin starts, and whether that process must run as nobody.
func permissionDir(t *testing.T) (string, bool) {
	t.Helper()
	dir := t.TempDir()
	// t.TempDir makes its directories private: open them up to the root
	// of the temporary directory.
	for p := dir; strings.HasPrefix(p, os.TempDir()+"/"); p = filepath.Dir(p) {
		must(t, os.Chmod(p, 0o755))
	}
	for p := filepath.Dir(dir); p != "/" && p != "."; p = filepath.Dir(p) {
		st, err := os.Stat(p)
		if err != nil || st.Mode().Perm()&0o001 == 0 {
			t.Skipf("%s is not searchable by other users", p)
		}
	}
	if os.Geteuid() != 0 {
		return dir, false
	}
	return dir, true
}

func TestUnreadableFile(t *testing.T) {
	dir, nobody := permissionDir(t)
	must(t, os.WriteFile(filepath.Join(dir, "a.txt"), []byte("foo a\n"), 0o644))
	must(t, os.WriteFile(filepath.Join(dir, "secret.txt"), []byte("foo secret\n"), 0o000))
	must(t, os.WriteFile(filepath.Join(dir, "z.txt"), []byte("foo z\n"), 0o644))
	r := runBin(t, dir, nobody, "foo", "a.txt", "secret.txt", "z.txt")
	if r.stdout != "a.txt:foo a\nz.txt:foo z\n" || r.stderr != "rxjit: secret.txt: Permission denied\n" || r.code != 2 {
		t.Errorf("got %+v", r)
	}
	// -s hides the message but not the status.
	r = runBin(t, dir, nobody, "-s", "foo", "a.txt", "secret.txt")
	if r.stderr != "" || r.code != 2 {
		t.Errorf("-s: got %+v", r)
	}
	// -q with a match before the bad file: status 0, as grep.
	r = runBin(t, dir, nobody, "-q", "foo", "a.txt", "secret.txt")
	if r.code != 0 || r.stderr != "" {
		t.Errorf("-q: got %+v", r)
	}
}

func TestUnreadableDirectory(t *testing.T) {
	dir, nobody := permissionDir(t)
	for _, d := range []string{"tree/a", "tree/locked", "tree/z"} {
		must(t, os.MkdirAll(filepath.Join(dir, d), 0o755))
		must(t, os.WriteFile(filepath.Join(dir, d, "f.txt"), []byte("foo in "+d+"\n"), 0o644))
	}
	must(t, os.Chmod(filepath.Join(dir, "tree/locked"), 0o000))
	defer os.Chmod(filepath.Join(dir, "tree/locked"), 0o755)
	r := runBin(t, dir, nobody, "-r", "foo", "tree")
	want := "tree/a/f.txt:foo in tree/a\ntree/z/f.txt:foo in tree/z\n"
	if r.stdout != want || r.stderr != "rxjit: tree/locked: Permission denied\n" || r.code != 2 {
		t.Errorf("got %+v", r)
	}
}

// bigLines writes a file of n lines that all match "x" and returns its path.
func bigLines(t *testing.T, n int) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "big.txt")
	f, err := os.Create(p)
	must(t, err)
	w := bufio.NewWriterSize(f, 1<<20)
	for i := range n {
		fmt.Fprintf(w, "x line %09d with some padding text\n", i)
	}
	must(t, w.Flush())
	must(t, f.Close())
	return p
}

func TestBrokenPipe(t *testing.T) {
	big := bigLines(t, 2_000_000) // 76 MB of matching lines
	cmd := exec.Command(binPath, "x", big)
	stdout, err := cmd.StdoutPipe()
	must(t, err)
	var errb bytes.Buffer
	cmd.Stderr = &errb
	must(t, cmd.Start())
	line, err := bufio.NewReader(stdout).ReadString('\n')
	must(t, err)
	if !strings.HasPrefix(line, "x line 000000000") {
		t.Errorf("first line %q", line)
	}
	start := time.Now()
	stdout.Close() // like head -1 exiting
	err = cmd.Wait()
	elapsed := time.Since(start)
	if elapsed > 2*time.Second {
		t.Errorf("rxjit took %v to stop after its reader went away", elapsed)
	}
	var ee *exec.ExitError
	if !errors.As(err, &ee) {
		t.Fatalf("rxjit ran to completion (err %v): it should die of SIGPIPE", err)
	}
	ws := ee.Sys().(syscall.WaitStatus)
	if !(ws.Signaled() && ws.Signal() == syscall.SIGPIPE) && ws.ExitStatus() != 2 {
		t.Errorf("exit %v, want SIGPIPE or status 2", ws)
	}
	if errb.Len() != 0 {
		t.Errorf("stderr %q, want nothing", errb.String())
	}
}

// TestShrinkingFileMapped truncates a file after its size was taken and
// before the mapped search reads it: the fault is recovered and the search
// is redone by reading what is left.
func TestShrinkingFileMapped(t *testing.T) {
	if !mapAllowed() {
		// The engine runs generated code: files must never be mapped.
		t.Skip("executable memory is on, so files are read, not mapped; RXJIT_NOJIT=1 runs this test")
	}
	big := bigLines(t, 400_000) // about 15 MB
	f, err := os.Open(big)
	must(t, err)
	defer f.Close()
	st, err := f.Stat()
	must(t, err)
	must(t, os.Truncate(big, 4096))

	o, err := parseArgs([]string{"-c", "x", big})
	must(t, err)
	m, err := newMatcher(o)
	must(t, err)
	cfg := newConfig(o, m, nil)
	wk := &worker{cfg: cfg}
	r := &fileResult{}
	fs := newFileSearch(cfg, big, false, r)
	ok, err := wk.searchMapped(fs, int(f.Fd()), st.Size())
	if ok || err != nil {
		t.Fatalf("searchMapped = %v, %v; want a recovered fault (false, nil)", ok, err)
	}
	// The whole command on the truncated file counts what is left.
	res := runBin(t, filepath.Dir(big), false, "--mmap=always", "-c", "x", big)
	lineLen := len(fmt.Sprintf("x line %09d with some padding text\n", 0))
	if res.stdout != fmt.Sprintf("%d\n", (4096+lineLen-1)/lineLen) || res.code != 0 {
		t.Errorf("after truncation: %+v", res)
	}
}

// TestShrinkingFileWhileRead truncates a file while rxjit searches it,
// through a mapping and by reading; it must end normally either way.
func TestShrinkingFileWhileRead(t *testing.T) {
	for _, mode := range []string{"always", "never"} {
		big := bigLines(t, 1_000_000)
		cmd := exec.Command(binPath, "--mmap="+mode, "-c", `x line \d+5 with`, big)
		var out, errb bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &errb
		must(t, cmd.Start())
		time.Sleep(30 * time.Millisecond)
		must(t, os.Truncate(big, 1<<20))
		err := cmd.Wait()
		var ee *exec.ExitError
		if err != nil && !errors.As(err, &ee) {
			t.Fatal(err)
		}
		if strings.Contains(errb.String(), "panic") || strings.Contains(errb.String(), "fault") && !strings.Contains(errb.String(), "shrank") {
			t.Errorf("--mmap=%s: crashed: %s", mode, errb.String())
		}
		if code := cmd.ProcessState.ExitCode(); code != 0 && code != 2 {
			t.Errorf("--mmap=%s: exit %d, stderr %q", mode, code, errb.String())
		}
	}
}

func TestHugeSingleLine(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "line.txt")
	line := bytes.Repeat([]byte("abcdefghij"), 10<<20) // 100 MB, one line
	mid := len(line) / 2
	copy(line[mid:], "NEEDLE")
	line = append(line, "tail\n"...)
	must(t, os.WriteFile(p, line, 0o644))
	r := runBin(t, dir, false, "-o", "-b", "NEEDLE", p)
	if want := fmt.Sprintf("%d:NEEDLE\n", mid); r.stdout != want || r.code != 0 {
		t.Errorf("mapped: got %+v, want %q", r, want)
	}
	r = runBin(t, dir, false, "-o", "-b", "tail$", p)
	if want := fmt.Sprintf("%d:tail\n", len(line)-5); r.stdout != want || r.code != 0 {
		t.Errorf("mapped: got %+v, want %q", r, want)
	}
	// Through a pipe the window must grow to hold the whole line.
	cmd := exec.Command(binPath, "-c", "NEEDLE")
	cmd.Stdin = bytes.NewReader(line)
	out, err := cmd.Output()
	if err != nil || string(out) != "1\n" {
		t.Errorf("piped: %q, %v", out, err)
	}
}

func TestInvalidUTF8(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "bad.txt")
	must(t, os.WriteFile(p, []byte("good a\nbad \xff\xfe a\ntrunc \xe2\x82 a\nok a\n"), 0o644))
	tests := []struct {
		args   []string
		stdout string
		stderr string
	}{
		{[]string{"a"}, "good a\nok a\n", "rxjit: bad.txt: binary file matches\n"},
		{[]string{"-a", "-c", "."}, "4\n", ""},
		{[]string{"-a", "-o", `\x{FFFD} a`}, "\xfe a\n\x82 a\n", ""},
		{[]string{"-c", `[^\x00-\x7f]`}, "2\n", ""},
		{[]string{"-o", "[a-z]+ a"}, "good a\nok a\n", ""},
	}
	for _, tc := range tests {
		r := runBin(t, dir, false, append(tc.args, "bad.txt")...)
		if r.stdout != tc.stdout || r.stderr != tc.stderr {
			t.Errorf("%v: got %+v, want %q %q", tc.args, r, tc.stdout, tc.stderr)
		}
	}
}

func TestBadPattern(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		args []string
		want []string
	}{
		{[]string{"ab(cd"}, []string{"missing closing )", "column 3"}},
		{[]string{"-e", "ok", "-e", "x{2,1}"}, []string{"invalid repeat count", "column 2"}},
		{[]string{"a**"}, []string{"invalid nested repetition operator", "column 2"}},
		{[]string{`\8`}, []string{"invalid escape sequence", "column 1"}},
	}
	for _, tc := range tests {
		r := runBin(t, dir, false, append(tc.args, "/dev/null")...)
		if r.code != 2 || r.stdout != "" {
			t.Errorf("%v: exit %d, stdout %q", tc.args, r.code, r.stdout)
		}
		for _, w := range tc.want {
			if !strings.Contains(r.stderr, w) {
				t.Errorf("%v: stderr %q lacks %q", tc.args, r.stderr, w)
			}
		}
	}
}
