package engine

import (
	"unicode/utf8"
	"unsafe"

	"github.com/dlclark/regexp2"
)

// dotnet is github.com/dlclark/regexp2, a port of .NET's backtracking
// engine, compiled with its RE2 option so that the syntax follows RE2's.
// It searches strings as []rune and reports positions in runes; SumSpans
// converts match lengths back to UTF-8 bytes.
type dotnet struct{}

func init() { register(dotnet{}) }

// Name returns "regexp2".
func (dotnet) Name() string { return "regexp2" }

// Version returns the module version the harness was built with.
func (dotnet) Version() string { return moduleVersion("github.com/dlclark/regexp2") + " (RE2 option)" }

// Env returns nil: regexp2 needs no settings.
func (dotnet) Env() []string { return nil }

// Compile calls regexp2.Compile with regexp2.RE2.
func (dotnet) Compile(p string) (Regex, error) {
	re, err := regexp2.Compile(p, regexp2.RE2)
	if err != nil {
		return nil, err
	}
	return dotnetRegex{re}, nil
}

type dotnetRegex struct{ re *regexp2.Regexp }

// str views b as a string without copying; the harness never modifies a
// haystack while it is being searched.
func str(b []byte) string {
	if len(b) == 0 {
		return ""
	}
	return unsafe.String(&b[0], len(b))
}

// IsMatch calls MatchString.
func (d dotnetRegex) IsMatch(b []byte) (bool, error) { return d.re.MatchString(str(b)) }

// each calls f for every successive match, found with FindStringMatch
// and FindNextMatch.
func (d dotnetRegex) each(b []byte, f func(m *regexp2.Match)) error {
	m, err := d.re.FindStringMatch(str(b))
	for m != nil && err == nil {
		f(m)
		m, err = d.re.FindNextMatch(m)
	}
	return err
}

// Count counts the matches.
func (d dotnetRegex) Count(b []byte) (int, error) {
	n := 0
	err := d.each(b, func(*regexp2.Match) { n++ })
	return n, err
}

// SumSpans sums the UTF-8 lengths of the matched runes.
func (d dotnetRegex) SumSpans(b []byte) (int, error) {
	n := 0
	err := d.each(b, func(m *regexp2.Match) {
		for _, r := range m.Runes() {
			n += utf8.RuneLen(r)
		}
	})
	return n, err
}

// CountCaptures counts the groups with at least one capture.
func (d dotnetRegex) CountCaptures(b []byte) (int, error) {
	n := 0
	err := d.each(b, func(m *regexp2.Match) {
		for _, g := range m.Groups() {
			if len(g.Captures) > 0 {
				n++
			}
		}
	})
	return n, err
}
