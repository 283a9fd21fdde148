package literal

import (
	"math/rand/v2"
	"regexp"
	"regexp/syntax"
	"strings"
	"testing"
)

func TestRequiredByte(t *testing.T) {
	for _, tc := range []struct {
		pat  string
		want string // "" for none
	}{
		{`(\s*)((?:# [Nn][Oo][Qq][Aa])(?::\s?(([A-Z]+[0-9]+(?:[,\s]+)?)+))?)`, "#"},
		{`abc`, ""}, // every byte is required; the rarest is asserted below
		{`(?i)abc`, ""},
		{`a|#`, ""},
		{`x*#?`, ""},
		{`(?:z#){2,}`, "#"},
		{`\x{FFFD}`, ""},
		{`(日)+`, ""}, // one of its three bytes, asserted below
	} {
		re, err := syntax.Parse(tc.pat, syntax.Perl)
		if err != nil {
			t.Fatal(err)
		}
		b, ok := RequiredByte(re.Simplify())
		switch {
		case tc.pat == `abc` || tc.pat == `(日)+`:
			lit := strings.Trim(tc.pat, "()+")
			if !ok || !strings.Contains(lit, string([]byte{b})) {
				t.Errorf("RequiredByte(%q) = %q, %v; want a byte of %q", tc.pat, b, ok, lit)
			}
		case tc.want == "":
			if ok {
				t.Errorf("RequiredByte(%q) = %q; want none", tc.pat, b)
			}
		case !ok || b != tc.want[0]:
			t.Errorf("RequiredByte(%q) = %q, %v; want %q", tc.pat, b, ok, tc.want)
		}
	}
}

// TestRequiredByteInMatches checks on generated patterns and inputs that
// every match regexp finds contains the byte.
func TestRequiredByteInMatches(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 10))
	atoms := []string{`a`, `#`, `(?i)k`, `é`, `\x{FFFD}`, `[ab]`, `.`, `\s*`, `(x|#)`, `(#y)+`, `z?`, `(?i:é)`}
	checked := 0
	for range 5000 {
		var sb strings.Builder
		for range 1 + rng.IntN(4) {
			sb.WriteString(atoms[rng.IntN(len(atoms))])
		}
		pat := sb.String()
		re, err := syntax.Parse(pat, syntax.Perl)
		if err != nil {
			t.Fatal(err)
		}
		b, ok := RequiredByte(re.Simplify())
		if !ok {
			continue
		}
		std := regexp.MustCompile(pat)
		for range 4 {
			in := make([]byte, rng.IntN(12))
			const alphabet = "a#kKéz \xffyx\xe2\x84\xaa"
			for i := range in {
				in[i] = alphabet[rng.IntN(len(alphabet))]
			}
			for _, m := range std.FindAllIndex(in, -1) {
				checked++
				if !strings.Contains(string(in[m[0]:m[1]]), string([]byte{b})) {
					t.Fatalf("%q on %q: match %q lacks the required byte %q", pat, in, in[m[0]:m[1]], b)
				}
			}
		}
	}
	if checked < 100 {
		t.Fatalf("only %d matches checked", checked)
	}
}
