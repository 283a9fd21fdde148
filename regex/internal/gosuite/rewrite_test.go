package gosuite

import (
	"maps"
	"path/filepath"
	"strings"
	"testing"
)

// config returns the configuration TestGoRegexpSuite uses, for target.
func config(t *testing.T, target string) Config {
	shims, err := filepath.Abs(filepath.Join("suite", "shims.go"))
	if err != nil {
		t.Fatal(err)
	}
	return Config{
		Dir:     filepath.Join(goEnv(t, "GOROOT"), "src", "regexp"),
		Files:   Files,
		Target:  target,
		Package: "suite",
		Exclude: Exclusions,
		Shims:   shims,
		Replace: Replacements,
	}
}

// TestRewrite checks the reviewed lists against the GOROOT files without
// running the suite, and logs what the rewrite removes and replaces.
func TestRewrite(t *testing.T) {
	res, err := Rewrite(config(t, "regexp"))
	if err != nil {
		t.Fatal(err)
	}
	logResult(t, res)
	if len(res.Files) != len(Files)+1 {
		t.Errorf("got %d files, want %d and the shims", len(res.Files), len(Files))
	}
}

// TestRewriteStaleLists checks that Rewrite refuses lists that do not match
// the test files, in each direction.
func TestRewriteStaleLists(t *testing.T) {
	cfg := config(t, "regexp")
	cfg.Exclude = maps.Clone(Exclusions)
	delete(cfg.Exclude, "TestMinInputLen")
	cfg.Exclude["TestNoSuchTest"] = "gone"
	cfg.Exclude["TestLongest"] = "uses only the public API"
	cfg.Replace = maps.Clone(Replacements)
	cfg.Replace["TestFind"] = "not declared in the shims"
	_, err := Rewrite(cfg)
	if err == nil {
		t.Fatal("Rewrite accepted stale lists")
	}
	for _, want := range []string{
		"TestMinInputLen (all_test.go) reaches into regexp's internals (func minInputLen) but is in neither",
		"TestNoSuchTest is in the exclusion list but no longer declared",
		"TestLongest (exec_test.go) is in the exclusion list but no longer reaches",
		"TestFind is in the replacement list but " + cfg.Shims + " does not declare it",
		"TestFind (find_test.go) is in the replacement list but no longer reaches",
	} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error does not say %q:\n%v", want, err)
		}
	}
}
