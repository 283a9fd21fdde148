package substitute

import (
	"bytes"
	"os/exec"
	"strings"
	"testing"
)

func TestBuild(t *testing.T) {
	out, err := exec.Command("go", "env", "GOROOT").Output()
	if err != nil {
		t.Skip("no go command: ", err)
	}
	goroot := strings.TrimSpace(string(out))
	const path = "rust-src-tools-3b0d4813.txt"
	a, err := Build(goroot, path)
	if err != nil {
		t.Skipf("GOROOT sources unavailable: %v", err)
	}
	if len(a) != Sizes[path] {
		t.Errorf("len = %d, want %d", len(a), Sizes[path])
	}
	b, err := Build(goroot, path)
	if err != nil || !bytes.Equal(a, b) {
		t.Errorf("Build is not deterministic (err %v)", err)
	}
	// curated/03-date reads lines 190,000–200,000 of this haystack.
	if n := bytes.Count(a, []byte("\n")); n < 200_000 {
		t.Errorf("substitute has %d lines; curated/03-date needs 200,000", n)
	}
	if _, err := Build(goroot, "nope"); err == nil {
		t.Error("unknown haystack: want an error")
	}
}
