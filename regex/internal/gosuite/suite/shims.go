//go:build ignore

// This file is never built on its own. The harness in gosuite adds it to
// the rewritten regexp suite as shims_test.go, with the import of regexp
// below replaced by the target package, so that its declarations stand in
// for the regexp internals, and for the test helpers that touch them, that
// gosuite.Replacements lists. Everything here uses only the public API.

package suite

import (
	. "regexp"
	"regexp/syntax"
)

// compile stands in for regexp's unexported compile(expr, mode, longest),
// which testFowler calls with flags that no public constructor accepts
// (syntax.POSIX|syntax.ClassNL, sometimes with syntax.FoldCase). It parses
// with those flags, then compiles the parse tree's Perl-syntax String form,
// which spells every flag out, as regexp's own TestParseAndCompile does.
// Parse errors are the same *syntax.Error values compile returns.
func compile(expr string, mode syntax.Flags, longest bool) (*Regexp, error) {
	parsed, err := syntax.Parse(expr, mode)
	if err != nil {
		return nil, err
	}
	re, err := Compile(parsed.String())
	if err != nil {
		return nil, err
	}
	if longest {
		re.Longest()
	}
	return re, nil
}

// special stands in for regexp's unexported special, which
// BenchmarkQuoteMetaAll uses to list the bytes QuoteMeta escapes.
func special(b byte) bool {
	return QuoteMeta(string(b)) != string(b)
}

// maxBacktrackVector stands in for regexp's limit on the size of the
// backtracker's bit vector (256 KiB in regexp.go). TestSwitchBacktrack
// builds an input one byte longer than it; for another engine the number
// merely makes a long input.
const maxBacktrackVector = 256 * 1024

// The run and match functions of exec_test.go switch one regexp between
// leftmost-first and leftmost-longest by writing its unexported field
// longest. The public API can switch a regexp to leftmost-longest (Longest)
// but never back. So the first time a regexp is asked for in
// leftmost-longest mode, Longest is called on it in place, after it has
// served leftmost-first searches, which exercises Longest on a used regexp
// as the original does. From then on, leftmost-first searches go to a twin
// compiled from its String. This is right only for regexps made by Compile,
// which is how testRE2 makes them.

// A modes entry records whether Longest has been called on re, and re's
// leftmost-first twin once it has one.
type modes struct {
	re, first *Regexp
	longest   bool
}

// recent holds the entries of the regexps used most recently, newest
// first. testRE2 uses two regexps at a time, so a few entries are plenty;
// the bound keeps the exhaustive test from keeping every regexp alive.
var recent []*modes

// lookup returns the entry for re, creating it if needed.
func lookup(re *Regexp) *modes {
	for i, m := range recent {
		if m.re == re {
			copy(recent[1:i+1], recent[:i])
			recent[0] = m
			return m
		}
	}
	m := &modes{re: re}
	recent = append([]*modes{m}, recent[:min(len(recent), 7)]...)
	return m
}

// leftmostFirst returns re, or a leftmost-first twin of it once Longest has
// been called on re.
func leftmostFirst(re *Regexp) *Regexp {
	m := lookup(re)
	if !m.longest {
		return re
	}
	if m.first == nil {
		m.first = MustCompile(re.String())
	}
	return m.first
}

// leftmostLongest calls Longest on re, once, and returns it.
func leftmostLongest(re *Regexp) *Regexp {
	m := lookup(re)
	if !m.longest {
		re.Longest()
		m.longest = true
	}
	return re
}

func runFull(re, refull *Regexp, text string) ([]int, string) {
	return leftmostFirst(refull).FindStringSubmatchIndex(text), "[full]"
}

func runPartial(re, refull *Regexp, text string) ([]int, string) {
	return leftmostFirst(re).FindStringSubmatchIndex(text), ""
}

func runFullLongest(re, refull *Regexp, text string) ([]int, string) {
	return leftmostLongest(refull).FindStringSubmatchIndex(text), "[full,longest]"
}

func runPartialLongest(re, refull *Regexp, text string) ([]int, string) {
	return leftmostLongest(re).FindStringSubmatchIndex(text), "[longest]"
}

func matchFull(re, refull *Regexp, text string) (bool, string) {
	return leftmostFirst(refull).MatchString(text), "[full]"
}

func matchPartial(re, refull *Regexp, text string) (bool, string) {
	return leftmostFirst(re).MatchString(text), ""
}

func matchFullLongest(re, refull *Regexp, text string) (bool, string) {
	return leftmostLongest(refull).MatchString(text), "[full,longest]"
}

func matchPartialLongest(re, refull *Regexp, text string) (bool, string) {
	return leftmostLongest(re).MatchString(text), "[longest]"
}
