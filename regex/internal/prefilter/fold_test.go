package prefilter

import (
	"math/rand/v2"
	"regexp"
	"regexp/syntax"
	"strings"
	"testing"

	"github.com/rxjit/rxjit/regex/internal/literal"
)

// TestFoldLeftmost holds FoldLiteral and FoldSet to regexp's answers on
// texts of a few letters whose case variants differ in width (k and the
// Kelvin sign, s and the long s), so that occurrences of different
// literals overlap and a literal anchored far into itself may start
// before one found at an earlier anchor. At each start the first literal
// in priority order wins, or the longest (regexp with Longest).
func TestFoldLeftmost(t *testing.T) {
	pieces := []string{"k", "K", "\u212a", "s", "S", "ſ", "q", "Q", "x", "z", "a", "b", "c", "#", "@", " ", "\xe2", "\xc5", "veomd", "jhermnp"}
	rng := rand.New(rand.NewPCG(7, 8))
	for _, pat := range []string{
		`(?i)kkqx|qxab|sqxa|xab`, `(?i)ssqz|zqxx|qz`, `(?i)kszqx|zqxb|q zab|kszq`,
		`(?i)sssqxz|qxzab`, `(?i)abzq|kkkkabzq|bz`, `(?i)zqxk`, `(?i)kkqxzab`,
		`(?i)kszjx|kszjxq`,
		// Small classes are orbits too, ASCII runes that are not a
		// letter's two cases among them.
		`[bc]x[qz]|q[kz]x`, `[#@]x[Qq]z|zz[ab]q`, `(?i)[sk]q[xz]`,
		`(?i)kkkkkxqz|kkxq|xqz`, `(?i)qxsssszb|sszb|zbq`, `(?i)bqzzs|sksksqz`,
		// The second literal takes its probes two or four runes in, the
		// first at once: in "veomd" the scan stops at the anchor of eom
		// (start 1) before that of veomd (start 0), which must still win.
		`(?i)eom|veomd`, `(?i)her|jhermnp`,
	} {
		re, err := syntax.Parse(pat, syntax.Perl)
		if err != nil {
			t.Fatal(err)
		}
		alts, ok := literal.Folded(re)
		if !ok {
			t.Fatalf("%#q: not a folded literal set", pat)
		}
		var m Matcher
		leftmost, longestStd := regexp.MustCompile(pat), regexp.MustCompile(pat)
		longestStd.Longest()
		if len(alts) == 1 {
			if f := NewFoldLiteral(alts[0], nil); f != nil {
				m = f
			}
		} else if f := NewFoldSet(alts, nil); f != nil {
			m = f
		}
		if m == nil {
			t.Fatalf("%#q: no probes", pat)
		}
		for range 3000 {
			var b strings.Builder
			for n := rng.IntN(40); b.Len() < n; {
				b.WriteString(pieces[rng.IntN(len(pieces))])
			}
			hay := []byte(b.String())
			at := rng.IntN(len(hay) + 1)
			for _, longest := range []bool{false, true} {
				std := leftmost
				if longest {
					std = longestStd
				}
				ws, we := -1, -1
				if loc := std.FindIndex(hay[at:]); loc != nil {
					ws, we = at+loc[0], at+loc[1]
				}
				gs, ge := m.FindMatch(hay, at, longest)
				if gs < 0 {
					ge = -1
				}
				if gs != ws || ge != we {
					t.Fatalf("%#q on %q from %d (longest %v): got [%d,%d], want [%d,%d]", pat, hay, at, longest, gs, ge, ws, we)
				}
			}
		}
	}
}
