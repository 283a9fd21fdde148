package fuzz

import (
	"errors"
	"fmt"
	"reflect"
	"regexp"
	"regexp/syntax"
	"strings"
	"testing"
)

// errorSeeds are patterns that exercise the parser's error paths, one or
// more per syntax.ErrorCode (FuzzCompile adds the large ones),
// plus patterns that are not valid UTF-8 and a few valid oddities.
var errorSeeds = []string{
	`a**`, `a*+`, `a??*`, `(?P<n>a)(?P<n>b)`, `(?<n>a`, `(?P<>a)`, `(?P<a-b>x)`,
	`x{1001}`, `x{2,1}`, `(x{500}){3}`, `((((((((((a{100}){100}){100})))))))))`,
	`[z-a]`, `[a`, `[]`, `[[:foo:]]`, `\8`, `\pX`, `\p{Foo}`, `\x{110000}`,
	`(?i`, `(?z)`, `(?i-)`, `(?--i)`, `(a`, `a)`, `*`, `+a`, `\`, `a\`,
	`\Qa\E*`, `\Q`, "\xff", "a\xe2\x82", "[\xff]", `\C`, `(?P=n)`, `\1`,
	`a{,3}`, `a{1,2,3}`, `{`, `a{`, `a{1`, `x{1001,}`, `(?U)a*?`, `(?<n>`,
	`(?P<n>`, `(?P>a)`, `[[:alpha:]-z]`, `[\d-z]`, `\z\Z`, `(?i)\Q\E`,
}

// FuzzCompile checks that rxjit accepts exactly the patterns regexp
// accepts, with equal errors: the same message, and the same
// *syntax.Error code and expression. It checks Compile, CompilePOSIX and
// MustCompile on the raw fuzz bytes, and again on the pattern Generate
// builds from the same bytes with the Full and the POSIX grammar, so that
// valid patterns of every shape are compiled too. For accepted patterns the compile-time accessors
// (String, NumSubexp, SubexpNames, SubexpIndex, LiteralPrefix,
// MarshalText) must agree, and QuoteMeta must agree on any string.
func FuzzCompile(f *testing.F) {
	if !seedsDisabled() {
		for _, p := range errorSeeds {
			f.Add(p)
		}
		// ErrNestingDepth: the parser allows 1000 levels of nesting.
		f.Add(strings.Repeat("(", 1001) + strings.Repeat(")", 1001))
		f.Add(strings.Repeat("(?:", 1000) + "a" + strings.Repeat(")", 1000))
		// ErrLarge: a program of more than a few million instructions.
		f.Add("(?:" + strings.Repeat("a", 4000) + "){1000}")
		seen := map[string]bool{}
		for _, s := range goSeeds() {
			if !seen[s.pattern] {
				seen[s.pattern] = true
				f.Add(s.pattern)
			}
		}
	}
	f.Fuzz(func(t *testing.T, pattern string) {
		checkCompile(t, pattern)
		gen := Generate([]byte(pattern), Full)
		if _, err := regexp.Compile(gen.Expr); err != nil {
			t.Fatalf("Generate built an invalid pattern %q: %v", gen.Expr, err)
		}
		checkCompile(t, gen.Expr)
		posix := Generate([]byte(pattern), POSIX)
		if _, err := regexp.CompilePOSIX(posix.Expr); err != nil {
			t.Fatalf("Generate built an invalid POSIX pattern %q: %v", posix.Expr, err)
		}
		checkCompile(t, posix.Expr)
		if got, want := rxQuoteMeta(pattern), regexp.QuoteMeta(pattern); got != want {
			t.Errorf("QuoteMeta(%q) = %q, regexp has %q", pattern, got, want)
		}
	})
}

// checkCompile compares rxjit's and regexp's Compile, CompilePOSIX and
// MustCompile on pattern, on every engine.
func checkCompile(t *testing.T, pattern string) {
	t.Helper()
	type compiler struct {
		name string
		rx   func(string) (*rxRegexp, error)
		std  func(string) (*regexp.Regexp, error)
	}
	compilers := []compiler{
		{"Compile", rxCompile, regexp.Compile},
		{"CompilePOSIX", rxCompilePOSIX, regexp.CompilePOSIX},
	}
	for _, c := range compilers {
		want, wantErr := c.std(pattern)
		for _, e := range engines {
			var got *rxRegexp
			var gotErr error
			withEngine(e, func() { got, gotErr = c.rx(pattern) })
			if d := diffError(gotErr, wantErr); d != "" {
				t.Fatalf("%s(%q) [%s]: %s", c.name, pattern, e.name, d)
			}
			if wantErr != nil {
				continue
			}
			if d := diffAccessors(got, want); d != "" && !ignored(d) {
				t.Errorf("%s(%q) [%s]: %s", c.name, pattern, e.name, d)
			}
		}
	}
	// MustCompile panics with a message that quotes the pattern and the
	// error; a user may match on it.
	if _, err := regexp.Compile(pattern); err == nil {
		return
	}
	for _, e := range engines {
		var got string
		withEngine(e, func() { got = panicMessage(func() { rxMustCompile(pattern) }) })
		want := panicMessage(func() { regexp.MustCompile(pattern) })
		if got != want {
			t.Errorf("MustCompile(%q) [%s] panics with %q, regexp with %q", pattern, e.name, got, want)
		}
	}
}

// panicMessage runs f and returns what it panicked with, formatted, or ""
// if it returned normally.
func panicMessage(f func()) (msg string) {
	defer func() {
		if r := recover(); r != nil {
			msg = fmt.Sprint(r)
		}
	}()
	f()
	return ""
}

// diffError describes how got differs from want, the error regexp
// returned, or returns "" if they are equal: both nil, or equal messages
// and, when want is a *syntax.Error, a *syntax.Error with equal Code and
// Expr.
func diffError(got, want error) string {
	switch {
	case got == nil && want == nil:
		return ""
	case got == nil:
		return fmt.Sprintf("accepted; regexp rejects it with %q", want)
	case want == nil:
		return fmt.Sprintf("rejected with %q; regexp accepts it", got)
	case got.Error() != want.Error():
		return fmt.Sprintf("error %q, regexp has %q", got, want)
	}
	var gs, ws *syntax.Error
	gotSyntax, wantSyntax := errors.As(got, &gs), errors.As(want, &ws)
	switch {
	case gotSyntax != wantSyntax:
		return fmt.Sprintf("error of type %T, regexp has %T", got, want)
	case wantSyntax && (gs.Code != ws.Code || gs.Expr != ws.Expr):
		return fmt.Sprintf("*syntax.Error{%q, %q}, regexp has {%q, %q}", gs.Code, gs.Expr, ws.Code, ws.Expr)
	}
	return ""
}

// diffAccessors compares the methods of a compiled Regexp that do not
// take an input.
func diffAccessors(got *rxRegexp, want *regexp.Regexp) string {
	gp, gc := got.LiteralPrefix()
	wp, wc := want.LiteralPrefix()
	gm, gerr := got.MarshalText()
	wm, werr := want.MarshalText()
	names := want.SubexpNames()
	gi, wi := make([]int, 0, len(names)+1), make([]int, 0, len(names)+1)
	for _, n := range append(names, "nope") {
		gi = append(gi, got.SubexpIndex(n))
		wi = append(wi, want.SubexpIndex(n))
	}
	switch {
	case got.String() != want.String():
		return fmt.Sprintf("String() = %q, regexp has %q", got.String(), want.String())
	case got.NumSubexp() != want.NumSubexp():
		return fmt.Sprintf("NumSubexp() = %d, regexp has %d", got.NumSubexp(), want.NumSubexp())
	case !reflect.DeepEqual(got.SubexpNames(), names):
		return fmt.Sprintf("SubexpNames() = %q, regexp has %q", got.SubexpNames(), names)
	case !reflect.DeepEqual(gi, wi):
		return fmt.Sprintf("SubexpIndex over %q = %v, regexp has %v", names, gi, wi)
	case gp != wp || gc != wc:
		return fmt.Sprintf("LiteralPrefix() = %q, %v; regexp has %q, %v", gp, gc, wp, wc)
	case string(gm) != string(wm) || (gerr == nil) != (werr == nil):
		return fmt.Sprintf("MarshalText() = %q, %v; regexp has %q, %v", gm, gerr, wm, werr)
	}
	return ""
}
