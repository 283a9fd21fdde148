package explain

import (
	"errors"
	"regexp/syntax"
	"strings"
	"testing"
)

func TestText(t *testing.T) {
	var b strings.Builder
	if err := Text(&b, `(?i)hello|wor+ld`, false); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	for _, want := range []string{
		"semantics: leftmost-first",
		"== parse tree",
		"alternate",
		"== NFA: ",
		"== plan",
		"engine: lazy DFA",
		"== DFA (forward, lazy)",
		"states built for a search",
		"== machine code",
		"mov rcx, qword ptr [rdi]", // the generated loop, disassembled
		"loop:",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("Text output lacks %q:\n%s", want, out)
		}
	}
}

func TestTextPlan(t *testing.T) {
	for _, tt := range []struct{ pattern, want string }{
		{`hello`, `whole pattern is a set of literals`},
		{`hello\d`, `prefilter: literal "hello"; candidates by exact probes @0='h' @2='l'`},
		{`Sherlock|Watson`, `prefilter: 2 literals {"Sherlock" "Watson"}, exact; candidates by `},
		{`e\d`, `prefilter: prefix "e"`},
		{`[xy]\d`, `prefilter: first byte in {'x'-'y'}`},
		{`[^\x00-\x{10FFFF}]`, `nothing can match`},
	} {
		var b strings.Builder
		if err := Text(&b, tt.pattern, false); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(b.String(), tt.want) {
			t.Errorf("Text(%q) lacks %q:\n%s", tt.pattern, tt.want, b.String())
		}
	}
}

func TestErrors(t *testing.T) {
	var b strings.Builder
	err := Text(&b, `a(b`, false)
	var se *syntax.Error
	if !errors.As(err, &se) || se.Code != syntax.ErrMissingParen {
		t.Errorf("Text(`a(b`) error = %v, want missing paren", err)
	}
	if err := Dot(&b, `x{2,1}`, true); err == nil {
		t.Errorf("Dot(`x{2,1}`) succeeded, want an error")
	}
}

func TestDot(t *testing.T) {
	var b strings.Builder
	if err := Dot(&b, `a|bc*`, false); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	if !strings.HasPrefix(out, "digraph nfa {") || !strings.HasSuffix(out, "}\n") {
		t.Errorf("Dot output is not a digraph:\n%s", out)
	}
	for _, want := range []string{"doublecircle", `label="61"`, "style=dashed", "subgraph cluster_dfa", "-> d"} {
		if !strings.Contains(out, want) {
			t.Errorf("Dot output lacks %q:\n%s", want, out)
		}
	}
}
