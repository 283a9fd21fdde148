package meta

import (
	"fmt"
	"regexp/syntax"
	"strings"
	"testing"

	"github.com/rxjit/rxjit/jitmem"
	"github.com/rxjit/rxjit/regex/internal/nfa"
)

// TestPlanGolden records the strategy each of a set of patterns gets:
// the literal shortcut, the prefilter, whether the DFA leaves its loop to
// run the prefilter, and the minimum match length.
func TestPlanGolden(t *testing.T) {
	noJIT := jitmem.Available() != nil
	for _, tt := range []struct{ pattern, want, wantNoJIT string }{
		{`hello`, `literal "hello"; prefilter prefix "hello" (substring search); dfa prefilter; minlen 5`, ""},
		{`hello\d+`, `prefilter prefix "hello" (substring search); dfa prefilter; minlen 6`, ""},
		// Short prefixes: the generated loop's acceleration beats leaving
		// it at every candidate; the Go loop's does not.
		{`ab\w`, `prefilter prefix "ab" (substring search); dfa accelerates; minlen 3`, `prefilter prefix "ab" (substring search); dfa prefilter; minlen 3`},
		{`[xy]z+`, `prefilter first byte in {'x'-'y'} (2 bytes); dfa accelerates; minlen 2`, ""},
		{`\w+\s+Holmes`, `prefilter first byte in {'0'-'9' 'A'-'Z' '_' 'a'-'z'} (63 bytes); dfa accelerates; minlen 8`, ""},
		{`x*`, `prefilter none; dfa accelerates; minlen 0`, ""},
		{`[^\x00-\x{10FFFF}]`, `nothing can match`, ""},
	} {
		re, err := syntax.Parse(tt.pattern, syntax.Perl)
		if err != nil {
			t.Fatal(err)
		}
		p := New(re, nfa.Compile(re))
		want := tt.want
		if noJIT && tt.wantNoJIT != "" {
			want = tt.wantNoJIT
		}
		if got := summary(p); got != want {
			t.Errorf("%q:\n got  %s\n want %s", tt.pattern, got, want)
		}
	}
}

// summary describes the decisions of a plan in one line.
func summary(p *Plan) string {
	if p.Fwd == nil {
		return "nothing can match"
	}
	var parts []string
	if p.Literal != nil {
		parts = append(parts, `literal "`+string(p.Literal)+`"`)
	}
	if p.Prefilter != nil {
		parts = append(parts, fmt.Sprintf("prefilter %v", p.Prefilter))
	} else {
		parts = append(parts, "prefilter none")
	}
	if p.Fwd.HasPrefilter() {
		parts = append(parts, "dfa prefilter")
	} else {
		parts = append(parts, "dfa accelerates")
	}
	parts = append(parts, fmt.Sprintf("minlen %d", p.MinLen))
	return strings.Join(parts, "; ")
}
