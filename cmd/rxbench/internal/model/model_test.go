package model

import (
	"reflect"
	"testing"

	"github.com/rxjit/rxjit/cmd/rxbench/internal/engine"
)

func TestLines(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want []string
	}{
		{"", nil},
		{"\n", []string{""}},
		{"a", []string{"a"}},
		{"a\n", []string{"a"}},
		{"a\r\nb\r", []string{"a", "b"}},
		{"a\n\nb", []string{"a", "", "b"}},
		{"\r\r\n", []string{"\r"}},
	} {
		var got []string
		Lines([]byte(tc.in), func(l []byte) error { got = append(got, string(l)); return nil })
		if !reflect.DeepEqual(got, tc.want) {
			t.Errorf("Lines(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// TestModels runs every model on every engine with the examples of
// MODELS.md and FORMAT.md plus a few edge cases.
func TestModels(t *testing.T) {
	for _, tc := range []struct {
		model, re, hay string
		want           int
	}{
		{"count-spans", `[0-9]{2}|[a-z]`, "12a!!34", 5}, // MODELS.md
		{"count-captures", `([0-9])([0-9])|([a-z])`, "12a34", 8},
		{"count", `[0-9]{2}|[a-z]`, "12a!!34", 3},
		{"count", `.*[^A-Z]|[A-Z]`, "AAAA", 4}, // curated/14-quadratic
		{"count", `x*`, "ab", 3},               // empty matches
		{"grep", `b`, "ab\nbb\r\nc\nb", 3},
		{"grep", `^$`, "a\n\nb\r\n\r\n", 2},
		{"grep", `\r`, "a\r\n", 0}, // the "\r" of "\r\n" is not given to the engine
		{"grep-captures", `(a)|(b)`, "ab\nb", 6},
		{"compile", `a`, "aaa", 3},
	} {
		for _, e := range engine.All() {
			re, err := e.Compile(tc.re)
			if err != nil {
				t.Errorf("%s: Compile(%q): %v", e.Name(), tc.re, err)
				continue
			}
			task, err := New(tc.model, e, tc.re, re, []byte(tc.hay))
			if err != nil {
				t.Fatal(err)
			}
			got, err := task.Verify()
			if err != nil || got != tc.want {
				t.Errorf("%s %s %q on %q = %d, %v; want %d", e.Name(), tc.model, tc.re, tc.hay, got, err, tc.want)
			}
			if _, err := task.Run(); err != nil {
				t.Errorf("%s %s: Run: %v", e.Name(), tc.model, err)
			}
		}
	}
	if _, err := New("regex-redux", nil, "", nil, nil); err == nil {
		t.Error("regex-redux: want ErrUnsupported")
	}
}
