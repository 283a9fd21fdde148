package main

import (
	"bufio"
	"os"
	"os/exec"
	"runtime"
	"strings"
)

// cpuModel returns the "model name" line of /proc/cpuinfo, or GOARCH.
func cpuModel() string {
	f, err := os.Open("/proc/cpuinfo")
	if err != nil {
		return runtime.GOARCH
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if k, v, ok := strings.Cut(sc.Text(), ":"); ok && strings.TrimSpace(k) == "model name" {
			return strings.TrimSpace(v)
		}
	}
	return runtime.GOARCH
}

// loadAverage returns the first three fields of /proc/loadavg, which say
// how busy the machine was: other work makes timings noisy.
func loadAverage() string {
	data, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "unknown"
	}
	f := strings.Fields(string(data))
	if len(f) < 3 {
		return "unknown"
	}
	return strings.Join(f[:3], " ")
}

// gitRevision returns the short revision of the repository at repo, with
// "+dirty" when tracked files have uncommitted changes.
func gitRevision(repo string) string {
	out, err := exec.Command("git", "-C", repo, "rev-parse", "--short", "HEAD").Output()
	if err != nil {
		return "unknown"
	}
	rev := strings.TrimSpace(string(out))
	if err := exec.Command("git", "-C", repo, "diff", "--quiet", "HEAD", "--", ".").Run(); err != nil {
		rev += "+dirty"
	}
	return rev
}

// jitNote says whether rxjit's regex package can reach the JIT at all in
// this checkout, judged by whether it imports the code generator or the
// executable-memory package. When it cannot, rxjit and rxjit-nojit run
// the same code and the table should not suggest otherwise.
func jitNote(repo string) string {
	cmd := exec.Command("go", "list", "-deps", "./regex")
	cmd.Dir = repo
	out, err := cmd.Output()
	if err != nil {
		return "could not tell whether rxjit uses a JIT (go list failed); rxjit-nojit is rxjit run with RXJIT_NOJIT=1."
	}
	deps := string(out)
	if !strings.Contains(deps, "github.com/rxjit/rxjit/codegen") && !strings.Contains(deps, "github.com/rxjit/rxjit/jitmem") {
		return "rxjit has no JIT yet: its regex package imports neither codegen nor jitmem, so rxjit and rxjit-nojit " +
			"(RXJIT_NOJIT=1) run identical code and any difference between those two columns is noise."
	}
	return "rxjit's regex package links the JIT (codegen/jitmem); rxjit-nojit runs with RXJIT_NOJIT=1, which forces the portable engines."
}
