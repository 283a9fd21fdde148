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

// TestTextBitNFA checks the position automaton's section: its
// positions, where the planner uses it, and its generated pass.
func TestTextBitNFA(t *testing.T) {
	for _, tt := range []struct {
		pattern string
		want    []string
	}{
		{`[A-Za-z]{8,13}`, []string{"13 positions in 1 word(s)", "7: 41-5a,61-7a -> [8 match]", "once matches come densely", "liveness pass, shared by automata of shape", "adc r8, r8"}},
		{`\b\w+\b`, []string{"assertions \\b", "once their searches go quadratic\n"}},
		{`[a-z]{100}`, []string{"100 positions in 2 word(s)", "the Go loop (more than 64 positions)"}},
		{`\pL{100}`, []string{"none: beyond 512 positions"}},
	} {
		var b strings.Builder
		if err := Text(&b, tt.pattern, false); err != nil {
			t.Fatal(err)
		}
		out := b.String()
		for _, want := range tt.want {
			if !strings.Contains(out, want) {
				t.Errorf("Text(%q) lacks %q:\n%s", tt.pattern, want, out[strings.Index(out, "== position automaton"):])
			}
		}
	}
}

func TestTextPlan(t *testing.T) {
	for _, tt := range []struct{ pattern, want string }{
		{`hello`, `whole pattern is literal text`},
		{`hello\d`, `prefilter: literal "hello"; candidates by exact probes @0='h' @2='l'`},
		{`Sherlock|Watson`, `prefilter: 2 literals {"Sherlock" "Watson"}, exact; candidates by `},
		{`e\d`, `prefilter: prefix "e"`},
		{`[xy]\d`, `prefilter: first byte in {'x'-'y'}`},
		{`[^\x00-\x{10FFFF}]`, `nothing can match`},
		{`\b[a-z]{4,}\b`, `every match is a run of one ASCII class \b[a-z]{4,}\b`},
		{`\b[a-z]{4,}\b`, "matches in the sample text: 5\n  [4, 9) \"quick\""},
		{`\b[a-z]{4,}\b`, `== machine code (run scan, shared by every pattern)`},
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
