package main

import (
	"reflect"
	"testing"
)

func TestParseArgs(t *testing.T) {
	base := func(f func(o *options)) *options {
		o := &options{withName: -1, maxCount: -1, after: -1, before: -1, context: -1}
		f(o)
		return o
	}
	tests := []struct {
		args []string
		want *options
	}{
		{[]string{"pat"}, base(func(o *options) { o.patterns = []string{"pat"} })},
		{[]string{"-inA3", "pat", "f"}, base(func(o *options) {
			o.ignoreCase, o.lineNumber, o.after = true, true, 3
			o.patterns, o.paths = []string{"pat"}, []string{"f"}
		})},
		{[]string{"-e", "a", "-eb", "--regexp=c", "f", "-v"}, base(func(o *options) {
			o.patterns, o.patternSet, o.paths, o.invert = []string{"a", "b", "c"}, true, []string{"f"}, true
		})},
		{[]string{"-C", "2", "-A", "5", "p"}, base(func(o *options) {
			o.context, o.after, o.before, o.patterns = 2, 5, 2, []string{"p"}
		})},
		{[]string{"-12", "p"}, base(func(o *options) {
			o.context, o.after, o.before, o.patterns = 12, 12, 12, []string{"p"}
		})},
		{[]string{"--", "-v", "-x"}, base(func(o *options) {
			o.patterns, o.paths = []string{"-v"}, []string{"-x"}
		})},
		{[]string{"--max-co", "4", "--colo=always", "p"}, base(func(o *options) {
			o.maxCount, o.color, o.patterns = 4, colorAlways, []string{"p"}
		})},
		{[]string{"--color", "p", "-"}, base(func(o *options) {
			o.color, o.patterns, o.paths = colorAuto, []string{"p"}, []string{"-"}
		})},
		{[]string{"-lL", "p"}, base(func(o *options) { o.listNoMatch, o.patterns = true, []string{"p"} })},
		{[]string{"-hH", "-m0", "p"}, base(func(o *options) { o.withName, o.maxCount, o.patterns = 1, 0, []string{"p"} })},
		{[]string{"--explain=dot", "p"}, base(func(o *options) { o.explain, o.patterns = explainDot, []string{"p"} })},
	}
	for _, tc := range tests {
		got, err := parseArgs(tc.args)
		if err != nil {
			t.Errorf("%q: %v", tc.args, err)
			continue
		}
		got.color = normColor(got.color, tc.want.color)
		if !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%q:\n got %+v\nwant %+v", tc.args, got, tc.want)
		}
	}
}

// normColor lets tests leave the colour unset when they do not care.
func normColor(got, want colorMode) colorMode {
	if want == colorNever {
		return colorNever
	}
	return got
}

func TestParseArgsErrors(t *testing.T) {
	tests := []struct {
		args []string
		want string
	}{
		{nil, "no pattern given"},
		{[]string{"-A"}, "option requires an argument -- 'A'"},
		{[]string{"-A", "x", "p"}, "x: invalid context length argument"},
		{[]string{"-k", "p"}, "invalid option -- 'k'"},
		{[]string{"--nope", "p"}, "unrecognized option '--nope'"},
		{[]string{"--co", "p"}, "option '--co' is ambiguous"},
		{[]string{"--count=3", "p"}, "option '--count' doesn't allow an argument"},
		{[]string{"--color=sometimes", "p"}, "invalid argument 'sometimes' for '--color'"},
		{[]string{"-m", "many", "p"}, "invalid max count"},
	}
	for _, tc := range tests {
		_, err := parseArgs(tc.args)
		if err == nil || err.Error() != tc.want {
			t.Errorf("%q: error %v, want %q", tc.args, err, tc.want)
		}
	}
}
