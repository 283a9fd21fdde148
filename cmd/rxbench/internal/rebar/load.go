package rebar

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"

	"github.com/BurntSushi/toml"
)

// Benchmark is one [[bench]] entry of a definition file.
type Benchmark struct {
	// Group is the slash-separated group name: the directories below
	// benchmarks/definitions and the file's base name without ".toml",
	// for example "curated/01-literal".
	Group string
	// Name is the benchmark's name within its group.
	Name string
	// Model is the benchmark model, for example "count" or "grep".
	Model string
	// Regex says how to build the patterns.
	Regex RegexSpec
	// CaseInsensitive asks for case-insensitive matching.
	CaseInsensitive bool
	// Unicode asks for Unicode mode. Go's engines have no such switch and
	// ignore it.
	Unicode bool
	// Haystack says how to build the haystack.
	Haystack HaystackSpec
	// Counts holds the expected counts in definition order.
	Counts []CountRule
	// Engines lists the rebar engine names the definition measures.
	Engines []string
}

// FullName returns "group/name", the benchmark's unique name.
func (b *Benchmark) FullName() string { return b.Group + "/" + b.Name }

// Lists reports whether the definition's engine list names engine.
func (b *Benchmark) Lists(engine string) bool {
	for _, e := range b.Engines {
		if e == engine {
			return true
		}
	}
	return false
}

// CountRule is one expected count: Count applies to every engine whose
// name matches Engine, a regular expression anchored at both ends.
type CountRule struct {
	Engine string
	Count  int
}

// Models lists the benchmark models rebar defines.
var Models = []string{"compile", "count", "count-spans", "count-captures", "grep", "grep-captures", "regex-redux"}

var nameRE = regexp.MustCompile(`^[-A-Za-z0-9]+$`)

// Load reads every definition file below dir/definitions, where dir is
// rebar's benchmark directory (the one holding definitions, regexes and
// haystacks). Benchmarks come grouped, groups in lexical order, and in
// definition order within a group. Pattern and haystack files are not
// read.
func Load(dir string) ([]Benchmark, error) {
	root := filepath.Join(dir, "definitions")
	var all []Benchmark
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() || !strings.HasSuffix(path, ".toml") {
			return nil
		}
		rel, err := filepath.Rel(root, path)
		if err != nil {
			return err
		}
		group := strings.TrimSuffix(filepath.ToSlash(rel), ".toml")
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		bs, err := Parse(group, data)
		if err != nil {
			return fmt.Errorf("%s: %w", path, err)
		}
		all = append(all, bs...)
		return nil
	})
	if err != nil {
		return nil, err
	}
	sort.SliceStable(all, func(i, j int) bool { return all[i].Group < all[j].Group })
	seen := map[string]bool{}
	for i := range all {
		if seen[all[i].FullName()] {
			return nil, fmt.Errorf("duplicate benchmark %s", all[i].FullName())
		}
		seen[all[i].FullName()] = true
	}
	return all, nil
}

// rawFile mirrors a definition file. The polymorphic fields (regex,
// haystack, count) are decoded into generic values and interpreted by
// hand, because TOML allows several shapes for each.
type rawFile struct {
	Analysis string     `toml:"analysis"`
	Bench    []rawBench `toml:"bench"`
}

type rawBench struct {
	Model           string   `toml:"model"`
	Name            string   `toml:"name"`
	Regex           any      `toml:"regex"`
	CaseInsensitive bool     `toml:"case-insensitive"`
	Unicode         bool     `toml:"unicode"`
	Haystack        any      `toml:"haystack"`
	Count           any      `toml:"count"`
	Engines         []string `toml:"engines"`
	Analysis        string   `toml:"analysis"`
}

// Parse decodes one definition file's contents. Group is the group name
// the file's benchmarks belong to. Unknown keys are errors, so a field
// this package does not implement cannot be silently ignored.
func Parse(group string, data []byte) ([]Benchmark, error) {
	var raw rawFile
	md, err := toml.Decode(string(data), &raw)
	if err != nil {
		return nil, err
	}
	// Keys below regex, haystack and count land in generic values and
	// are checked by hand; every other undecoded key is unknown.
	var unknown []string
	for _, k := range md.Undecoded() {
		if len(k) > 2 && k[0] == "bench" && (k[1] == "regex" || k[1] == "haystack" || k[1] == "count") {
			continue
		}
		unknown = append(unknown, k.String())
	}
	if len(unknown) > 0 {
		return nil, fmt.Errorf("unknown keys %v", unknown)
	}
	out := make([]Benchmark, 0, len(raw.Bench))
	for i, rb := range raw.Bench {
		b, err := rb.convert(group)
		if err != nil {
			return nil, fmt.Errorf("bench #%d (%q): %w", i, rb.Name, err)
		}
		out = append(out, b)
	}
	return out, nil
}

func (rb *rawBench) convert(group string) (Benchmark, error) {
	b := Benchmark{
		Group:           group,
		Name:            rb.Name,
		Model:           rb.Model,
		CaseInsensitive: rb.CaseInsensitive,
		Unicode:         rb.Unicode,
		Engines:         rb.Engines,
	}
	if !nameRE.MatchString(rb.Name) {
		return b, fmt.Errorf("invalid name %q", rb.Name)
	}
	known := false
	for _, m := range Models {
		known = known || m == rb.Model
	}
	if !known {
		return b, fmt.Errorf("unknown model %q", rb.Model)
	}
	var err error
	if b.Regex, err = parseRegex(rb.Regex); err != nil {
		return b, fmt.Errorf("regex: %w", err)
	}
	if b.Haystack, err = parseHaystack(rb.Haystack); err != nil {
		return b, fmt.Errorf("haystack: %w", err)
	}
	if b.Counts, err = parseCount(rb.Count); err != nil {
		return b, fmt.Errorf("count: %w", err)
	}
	if len(b.Engines) == 0 {
		return b, fmt.Errorf("engines: missing or empty")
	}
	return b, nil
}

// LoadGroup reads the one definition file of group (for example
// "curated/01-literal") below dir/definitions.
func LoadGroup(dir, group string) ([]Benchmark, error) {
	path := filepath.Join(dir, "definitions", filepath.FromSlash(group)+".toml")
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	bs, err := Parse(group, data)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return bs, nil
}

// Find returns the benchmark named full ("group/name") from its group's
// definition file.
func Find(dir, full string) (*Benchmark, error) {
	i := strings.LastIndexByte(full, '/')
	if i < 0 {
		return nil, fmt.Errorf("benchmark name %q has no group", full)
	}
	bs, err := LoadGroup(dir, full[:i])
	if err != nil {
		return nil, err
	}
	for k := range bs {
		if bs[k].Name == full[i+1:] {
			return &bs[k], nil
		}
	}
	return nil, fmt.Errorf("no benchmark %q", full)
}
