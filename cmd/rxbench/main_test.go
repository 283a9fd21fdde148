package main

import (
	"reflect"
	"testing"

	"github.com/rxjit/rxjit/cmd/rxbench/internal/rebar"
)

func TestSelectBenchmarks(t *testing.T) {
	all := []rebar.Benchmark{
		{Group: "curated/01-literal", Name: "sherlock-en"},
		{Group: "curated/01-literal", Name: "sherlock-ru"},
		{Group: "curated/02-literal-alternate", Name: "sherlock-en"},
		{Group: "misc", Name: "x"},
	}
	names := func(bs []*rebar.Benchmark) []string {
		var out []string
		for _, b := range bs {
			out = append(out, b.FullName())
		}
		return out
	}
	for _, tc := range []struct {
		re, glob string
		reSet    bool
		want     []string
	}{
		{"^curated/", "", false, []string{"curated/01-literal/sherlock-en", "curated/01-literal/sherlock-ru", "curated/02-literal-alternate/sherlock-en"}},
		{"sherlock-en$", "", true, []string{"curated/01-literal/sherlock-en", "curated/02-literal-alternate/sherlock-en"}},
		{"^curated/", "*/*/sherlock-ru", false, []string{"curated/01-literal/sherlock-ru"}},
		{"^curated/", "misc/*", false, []string{"misc/x"}},                                          // the default -bench gives way to -glob
		{"02", "curated/*/sherlock-en", true, []string{"curated/02-literal-alternate/sherlock-en"}}, // both apply when both are given
	} {
		got, err := selectBenchmarks(all, tc.re, tc.glob, tc.reSet)
		if err != nil || !reflect.DeepEqual(names(got), tc.want) {
			t.Errorf("select(%q, %q) = %v, %v; want %v", tc.re, tc.glob, names(got), err, tc.want)
		}
	}
	if _, err := selectBenchmarks(all, "nothing", "", true); err == nil {
		t.Error("an empty selection must be an error")
	}
}

func TestSelectEngines(t *testing.T) {
	got, err := selectEngines("regexp, rxjit")
	if err != nil || !reflect.DeepEqual(got, []string{"rxjit", "regexp"}) {
		t.Errorf("selectEngines = %v, %v; want column order [rxjit regexp]", got, err)
	}
	if _, err := selectEngines("pcre"); err == nil {
		t.Error("an unknown engine must be an error")
	}
}

func TestChildEnv(t *testing.T) {
	env := []string{"A=1", "RXJIT_NOJIT=1", "B=2"}
	if got := childEnv(env, "rxjit"); !reflect.DeepEqual(got, []string{"A=1", "B=2"}) {
		t.Errorf("rxjit env = %v", got)
	}
	if got := childEnv([]string{"A=1"}, "rxjit-nojit"); !reflect.DeepEqual(got, []string{"A=1", "RXJIT_NOJIT=1"}) {
		t.Errorf("rxjit-nojit env = %v", got)
	}
	if got := childEnv(env, "regexp"); !reflect.DeepEqual(got, env) {
		t.Errorf("regexp env = %v", got)
	}
}

func TestCommandLine(t *testing.T) {
	got := commandLine([]string{"-bench", "a|b$", "-record", "", "-engine", "rxjit,regexp", "it's"})
	want := `cd cmd/rxbench && go run . -bench 'a|b$' -record '' -engine rxjit,regexp 'it'\''s'`
	if got != want {
		t.Errorf("commandLine = %s\nwant %s", got, want)
	}
}
