package main

import (
	"bufio"
	"bytes"
	"os"
	"path/filepath"
	"strings"

	"github.com/go-git/go-git/v5/plumbing/format/gitignore"
)

// ignoreFiles are read in each directory, in this order, so that a rule in
// .ignore overrides one in .gitignore of the same directory.
var ignoreFiles = []string{".gitignore", ".ignore"}

// ignoreRules holds the ignore patterns in force in one directory of a
// walk: those of its ancestors up to the walk's root, then its own. Rules
// of deeper directories take precedence, and a later "!pattern" re-includes
// what an earlier one excluded, as in git.
//
// Patterns are parsed and matched by go-git's gitignore package; paths are
// given to it as components relative to the walk's root.
type ignoreRules struct {
	patterns []gitignore.Pattern
	matcher  gitignore.Matcher
}

// enter returns the rules in force inside dir, whose path relative to the
// walk's root is domain: r plus the patterns of dir's own ignore files,
// those of ignoreFiles that has reports present. It returns r itself when
// dir has none.
func (r *ignoreRules) enter(dir string, domain []string, has func(name string) bool) *ignoreRules {
	var added []gitignore.Pattern
	for _, name := range ignoreFiles {
		if !has(name) {
			continue
		}
		data, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			continue
		}
		added = append(added, parseIgnore(data, domain)...)
	}
	if len(added) == 0 {
		return r
	}
	var ps []gitignore.Pattern
	if r != nil {
		ps = append(ps, r.patterns...)
	}
	ps = append(ps, added...)
	return &ignoreRules{patterns: ps, matcher: gitignore.NewMatcher(ps)}
}

// parseIgnore parses the lines of an ignore file; blank lines and comments
// are skipped.
func parseIgnore(data []byte, domain []string) []gitignore.Pattern {
	var ps []gitignore.Pattern
	sc := bufio.NewScanner(bytes.NewReader(data))
	for sc.Scan() {
		line := strings.TrimSuffix(sc.Text(), "\r")
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		ps = append(ps, gitignore.ParsePattern(line, domain))
	}
	return ps
}

// ignored reports whether the entry at path (components relative to the
// walk's root) is excluded by the rules.
func (r *ignoreRules) ignored(path []string, isDir bool) bool {
	return r != nil && r.matcher.Match(path, isDir)
}
