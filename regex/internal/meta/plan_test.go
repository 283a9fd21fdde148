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
		{`hello`, `exact; prefilter literal "hello", exact; candidates by exact probes @0='h' @2='l' @3='l'; dfa prefilter; minlen 5`, ""},
		{`hello\d+`, `prefilter literal "hello"; candidates by exact probes @0='h' @2='l' @3='l'; dfa prefilter; minlen 6`, ""},
		{`ab\w`, `prefilter literal "ab"; candidates by exact probes @1='b' @0='a'; dfa prefilter; minlen 3`, ""},
		{`[xy]z+`, `prefilter 2 literals {"xz" "yz"}; candidates by eq probes @1='z' @0='y'|'x'; dfa prefilter; minlen 2`, ""},
		// A one-byte prefix is left to the substring search, and to the
		// DFA's acceleration where its loop is generated.
		{`e\d+`, `prefilter prefix "e" (substring search); dfa accelerates; minlen 2`, `prefilter prefix "e" (substring search); dfa prefilter; minlen 2`},
		{`Sherlock Holmes|John Watson|Irene Adler`, `exact; prefilter 3 literals {"Sherlock Holmes" "John Watson" "Irene Adler"}, exact; candidates by teddy probes @0 @3 @6; dfa prefilter; minlen 11`, ""},
		// A case-folded literal is searched by its runes' orbits: the
		// long s (two bytes) moves the bytes after it, so the probes
		// start after the first rune.
		{`(?i)Sherlock`, `exact; prefilter case-folded literal "SHERLOCK" (8 runes), exact; candidates by eq probes @5='c'|'C' @3='l'|'L' @0='h'|'H', offsets from a rune 1-2 bytes into the literal; dfa prefilter; minlen 8`, ""},
		{`(?i)Шерлок`, `exact; prefilter case-folded literal "\u0428\u0415\u0420\u041b\u041e\u041a" (6 runes), exact; candidates by eq probes @1='\xa8'|'\x88' @7='\xbb'|'\x9b' @3='\xb5'|'\x95'; dfa prefilter; minlen 12`, ""},
		// Short enough to list: the exact set.
		{`(?i)ab`, `exact; prefilter 4 literals {"AB" "Ab" "aB" "ab"}, exact; candidates by eq probes @1='b'|'B' @0='a'|'A'; dfa prefilter; minlen 2`, ""},
		{`\w+\s+Holmes`, `prefilter first byte in {'0'-'9' 'A'-'Z' '_' 'a'-'z'} (63 bytes); required 'H'; dfa accelerates; minlen 8`, ""},
		{`x*`, `prefilter none; dfa accelerates; minlen 0`, ""},
		// Whitespace passes the first-byte set everywhere; the '#' every
		// match contains rules out the lines that lack one.
		{`(\s*)(# [Nn][Oo][Qq][Aa])`, `prefilter first byte in {'\t'-'\n' '\f'-'\r' ' ' '#'} (6 bytes); required '#'; dfa accelerates; minlen 6`, ""},
		{`[^\x00-\x{10FFFF}]`, `nothing can match`, ""},
		// Runs of one ASCII class: a scan for the runs, whatever the
		// prefilter (which the searches for groups still use).
		{`[A-Za-z]{8,13}`, `runs of [A-Za-z]{8,13}; prefilter first byte in {'A'-'Z' 'a'-'z'} (52 bytes); dfa accelerates; minlen 8`, ""},
		{`\b[0-9A-Za-z_]+\b`, `runs of \b[0-9A-Z_a-z]{1,}\b; prefilter first byte in {'0'-'9' 'A'-'Z' '_' 'a'-'z'} (63 bytes); dfa accelerates; minlen 1`, ""},
		{`(\d)\d{2,}?`, `runs of [0-9]{3,}?; prefilter first byte in {'0'-'9'} (10 bytes); dfa accelerates; minlen 3`, ""},
		{`(?i)x`, `runs of [Xx]{1}; prefilter first byte in {'X' 'x'} (2 bytes); dfa accelerates; minlen 1`, ""},
		// The space: the automata.
		{`[\p{L} ]+`, `prefilter first byte in {' ' 'A'-'Z' 'a'-'z' 'Â'-'Ë' 'Í'-'í' 'ï'-'ð'} (98 bytes); dfa accelerates; minlen 1`, ""},
		// Not ASCII: the runs of the bytes its runes use, decoded.
		{`\p{L}{8,13}`, `runs of [A-Za-zªµºÀ-ÖØ-öø-ˁ…659 ranges]{8,13}; prefilter first byte in {'A'-'Z' 'a'-'z' 'Â'-'Ë' 'Í'-'í' 'ï'-'ð'} (97 bytes); dfa accelerates; minlen 8`, ""},
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
	if p.Exact != nil {
		parts = append(parts, "exact")
	}
	if p.Runs != nil {
		parts = append(parts, fmt.Sprintf("runs of %v", p.Runs))
	}
	if p.Literal != nil {
		parts = append(parts, `literal "`+string(p.Literal)+`"`)
	}
	if p.Prefilter != nil {
		parts = append(parts, fmt.Sprintf("prefilter %v", p.Prefilter))
	} else {
		parts = append(parts, "prefilter none")
	}
	if p.Required >= 0 {
		parts = append(parts, fmt.Sprintf("required %q", byte(p.Required)))
	}
	if p.Fwd.HasPrefilter() {
		parts = append(parts, "dfa prefilter")
	} else {
		parts = append(parts, "dfa accelerates")
	}
	parts = append(parts, fmt.Sprintf("minlen %d", p.MinLen))
	return strings.Join(parts, "; ")
}
