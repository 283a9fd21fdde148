package rebar

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
)

// RegexSpec is the regex field of a definition: either inline patterns
// or a pattern file, with the options FORMAT.md defines.
type RegexSpec struct {
	// Patterns are the inline patterns; unused when Path is set.
	Patterns []string
	// Path names a file below benchmarks/regexes.
	Path string
	// Literal asks for every pattern to have its meta characters escaped.
	Literal bool
	// PerLine is "", "alternate" or "pattern"; it applies only to Path.
	PerLine string
	// Prepend and Append are added around each final pattern.
	Prepend, Append string
}

func parseRegex(v any) (RegexSpec, error) {
	var r RegexSpec
	if v == nil {
		return r, fmt.Errorf("missing")
	}
	if _, isTable := v.(map[string]any); !isTable {
		pats, err := stringList(v)
		r.Patterns = pats
		return r, err
	}
	m, err := table(v, "patterns", "path", "literal", "per-line", "prepend", "append")
	if err != nil {
		return r, err
	}
	if p, ok := m["patterns"]; ok {
		if r.Patterns, err = stringList(p); err != nil {
			return r, fmt.Errorf("patterns: %w", err)
		}
	}
	if r.Path, err = getString(m, "path"); err != nil {
		return r, err
	}
	if r.Path != "" && r.Patterns != nil {
		return r, fmt.Errorf("both path and patterns are set")
	}
	if r.Literal, err = getBool(m, "literal"); err != nil {
		return r, err
	}
	if r.PerLine, err = getString(m, "per-line"); err != nil {
		return r, err
	}
	switch r.PerLine {
	case "", "alternate", "pattern":
	default:
		return r, fmt.Errorf("per-line: unknown value %q", r.PerLine)
	}
	if r.Prepend, err = getString(m, "prepend"); err != nil {
		return r, err
	}
	if r.Append, err = getString(m, "append"); err != nil {
		return r, err
	}
	return r, nil
}

// Patterns returns the patterns to compile, built in FORMAT.md's order:
// read the file (trimmed of surrounding whitespace) or take the inline
// patterns; split into lines when per-line is set; escape meta characters
// when literal is set; join the lines with "|" for per-line = "alternate";
// then add prepend and append to each pattern. When caseInsensitive is
// true each pattern is wrapped as "(?i:" + p + ")", the portable way to
// ask Go-syntax engines for case-insensitive matching. Dir is rebar's
// benchmark directory. The result may hold zero, one or many patterns.
func (r RegexSpec) Build(dir string, caseInsensitive bool) ([]string, error) {
	pats := r.Patterns
	if r.Path != "" {
		data, err := os.ReadFile(filepath.Join(dir, "regexes", filepath.FromSlash(r.Path)))
		if err != nil {
			return nil, err
		}
		pats = splitPatterns(string(data), r.PerLine != "")
	}
	out := make([]string, 0, len(pats))
	for _, p := range pats {
		if r.Literal {
			p = regexp.QuoteMeta(p)
		}
		out = append(out, p)
	}
	if r.Path != "" && r.PerLine == "alternate" {
		out = []string{strings.Join(out, "|")}
	}
	for i, p := range out {
		p = r.Prepend + p + r.Append
		if caseInsensitive {
			p = "(?i:" + p + ")"
		}
		out[i] = p
	}
	return out, nil
}

// splitPatterns trims the file contents and, when perLine is set, splits
// them into lines (a "\r" before "\n" is dropped).
func splitPatterns(contents string, perLine bool) []string {
	contents = strings.TrimSpace(contents)
	if !perLine {
		return []string{contents}
	}
	if contents == "" {
		return nil
	}
	lines := strings.Split(contents, "\n")
	for i, l := range lines {
		lines[i] = strings.TrimSuffix(l, "\r")
	}
	return lines
}
