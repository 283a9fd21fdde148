package literal

import (
	"regexp/syntax"
	"testing"
)

// TestInnerLiteral checks which proof, if any, InnerLiteral finds for
// patterns on each side of its conditions, the shapes that broke other
// engines' reverse suffix and inner strategies included.
func TestInnerLiteral(t *testing.T) {
	const none = "none"
	for _, c := range []struct {
		pattern, lits, proof string
	}{
		{`\w+\s+Holmes\s+\w+`, `{"Holmes"}`, Separator.String()},
		{`\w+\sHolmes`, `{"Holmes"}`, Separator.String()},
		{`(\w+)(\s+)(?:Holmes|Watson)`, `{"Holmes" "Watson"}`, Separator.String()},
		{`\b\w+\s+\bHolmes`, `{"Holmes"}`, Separator.String()},
		{`[A-Z][0-9]XYZ`, `{"XYZ"}`, FixedPrefix.String()},
		{`(?i)[A-Z]\dxyz`, `{"XYZ" "XYz" "XyZ" "Xyz" "xYZ" "xYz" "xyZ" "xyz"}`, Separator.String()},
		{`(?i)[a-z][a-z]xyz`, `{"XYZ" "XYz" "XyZ" "Xyz" "xYZ" "xYz" "xyZ" "xyz"}`, Widened.String()},
		{`\s*# noqa`, `{"# noqa"}`, Absent.String()},
		{`(a|aa)bcd`, `{"bcd"}`, Absent.String()},
		{`[^ab]abab`, `{"abab"}`, Separator.String()}, // [^ab] spans 1 to 4 bytes
		{`[a-c][^\x{80}-\x{10FFFF}]abab`, `{"abab"}`, FixedPrefix.String()},
		{`[^a]+abab`, `{"abab"}`, Absent.String()},
		{`\w+\w+Holmes`, `{"Holmes"}`, Widened.String()},
		{`\w+\s*Holmes`, `{"Holmes"}`, Widened.String()},
		{`.+\sHolmes`, `{"Holmes"}`, Widened.String()},
		{`[a-z]+[0-9a]+xyz`, `{"xyz"}`, Widened.String()},
		{`(?:[a-z]cb|c)[a-z]*bb`, `{"bb"}`, Widened.String()},
		{`[^()]*(?:\([^()]*\))?[^()]*:ab`, `{":ab"}`, Widened.String()},
		{`(?:..acbb|b)ab(?:c|d)`, `{"ab"}`, Widened.String()},
		{`(?:[a-wyz]{3}|[a-wyz]).bb`, `{"bb"}`, Widened.String()},
		{`(?:[ac-z]{2}b[ac-z])?[ac-z]bb`, `{"bb"}`, Widened.String()},
		{`[a-z]+\x{FFFD}ab`, ``, none}, // U+FFFD also matches invalid bytes
		{`Holmes\w+`, ``, none},        // a prefix, not an inner literal
	} {
		re, err := syntax.Parse(c.pattern, syntax.Perl)
		if err != nil {
			t.Fatal(err)
		}
		in, ok := InnerLiteral(re, 2)
		lits, proof := "", none
		if ok {
			lits, proof = in.Lits.String(), in.Why.String()
		}
		if lits != c.lits || proof != c.proof {
			t.Errorf("%s: InnerLiteral = %s (%s), want %s (%s)", c.pattern, lits, proof, c.lits, c.proof)
		}
	}
}

// TestContained checks the literal sets Contained finds: through groups,
// repetitions and alternations, the best element of a concatenation, and
// nothing where a branch or an optional part could do without.
func TestContained(t *testing.T) {
	for _, c := range []struct{ pattern, want string }{
		{`\w+\s+Holmes\s+\w+`, `{"Holmes"}`},
		{`[a-z]+ing|[A-Z]+tion`, `{"ing" "tion"}`},
		{`(x(?:ASIA|AKIA)[A-Z]{16}y|z[a-z]{40}(?:ASIA|AKIA)z)+`, `{"xASIA"… "xAKIA"… "SIA" "KIA"}`}, // Simplify factors out the A
		{`(?:abc)+\d`, `{"abc"…}`},
		{`(?:abc)?\d`, `∞`},
		{`[a-z]+ing|[A-Z]+`, `∞`},
		{`\d+ab\d+`, `∞`}, // too short
		{`(?i)\w+hol`, `{"HOL" "HOl" "HoL" "Hol" "hOL" "hOl" "hoL" "hol"}`},
	} {
		re, err := syntax.Parse(c.pattern, syntax.Perl)
		if err != nil {
			t.Fatal(err)
		}
		if got := Contained(re, 3).String(); got != c.want {
			t.Errorf("%s: Contained = %s, want %s", c.pattern, got, c.want)
		}
	}
}
