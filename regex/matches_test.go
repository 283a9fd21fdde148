package regex_test

import (
	"math/rand/v2"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
	"github.com/rxjit/rxjit/regex"
)

// TestManyMatches checks the FindAll methods against regexp where the
// matches fill many chunks of slots, with few and with many groups, and
// that appending to one match of a result leaves the others alone.
func TestManyMatches(t *testing.T) {
	groups := strings.Repeat("(a)?", 40) // 41 pairs of slots a match
	for _, tc := range []struct{ pattern, text string }{
		{`\w+`, strings.Repeat("ab cd ", 5000)},
		{`(\w)(\w)?`, strings.Repeat("abc ", 3000)},
		{groups + `(b)`, strings.Repeat("aab", 2000)},
		{`x*`, strings.Repeat("yx", 3000)}, // empty matches between
	} {
		ours, std := regex.MustCompile(tc.pattern), regexp.MustCompile(tc.pattern)
		b := []byte(tc.text)
		for _, n := range []int{-1, 1, 7, 2500} {
			check := func(name string, got, want any) {
				t.Helper()
				if d := cmp.Diff(want, got); d != "" {
					t.Fatalf("%s(`%s`, n=%d): (-regexp +rxjit)\n%s", name, tc.pattern, n, d)
				}
			}
			check("FindAllIndex", ours.FindAllIndex(b, n), std.FindAllIndex(b, n))
			check("FindAllStringIndex", ours.FindAllStringIndex(tc.text, n), std.FindAllStringIndex(tc.text, n))
			check("FindAllSubmatchIndex", ours.FindAllSubmatchIndex(b, n), std.FindAllSubmatchIndex(b, n))
			check("FindAllString", ours.FindAllString(tc.text, n), std.FindAllString(tc.text, n))
			check("FindAllSubmatch", ours.FindAllSubmatch(b, n), std.FindAllSubmatch(b, n))
			check("FindAllStringSubmatch", ours.FindAllStringSubmatch(tc.text, n), std.FindAllStringSubmatch(tc.text, n))
		}
		all := ours.FindAllSubmatchIndex(b, -1)
		want := std.FindAllSubmatchIndex(b, -1)
		for i := range all {
			all[i] = append(all[i], -7, -7)
		}
		for i := range all {
			if d := cmp.Diff(want[i], all[i][:len(all[i])-2]); d != "" {
				t.Fatalf("`%s`: appending to the matches changed match %d: %s", tc.pattern, i, d)
			}
		}
	}
}

// TestFewMatches checks the FindAll methods where the matches fit the
// list's own small chunk, or outgrow it into pooled ones: the
// answers are regexp's, and a result stays as it was while later calls
// reuse the list.
func TestFewMatches(t *testing.T) {
	for _, tc := range []struct{ pattern, text string }{
		{`(\w)(\w)`, "ab"}, // 6 slots, one match
		{strings.Repeat(`(\w)`, 31), strings.Repeat("a", 31)},   // 64 slots: the small chunk, full
		{strings.Repeat(`(\w)`, 32), strings.Repeat("a", 32)},   // 66 slots: never the small chunk
		{`(\w)(\w)?(\w)?`, strings.Repeat("abc ", 8)},           // 8 slots: outgrows it at the ninth match
		{strings.Repeat(`(\w)`, 15), strings.Repeat("b", 15*5)}, // 32 slots: two matches, then a chunk
		{`(\w)(\w)?(\w)?`, strings.Repeat("abc ", 1500)},        // then chunks the result keeps
	} {
		ours, std := regex.MustCompile(tc.pattern), regexp.MustCompile(tc.pattern)
		b := []byte(tc.text)
		first := ours.FindAllSubmatchIndex(b, -1)
		want := std.FindAllSubmatchIndex(b, -1)
		if d := cmp.Diff(want, first); d != "" {
			t.Fatalf("FindAllSubmatchIndex(`%s`): (-regexp +rxjit)\n%s", tc.pattern, d)
		}
		shifted := append([]byte("  "), b...) // every match two bytes later
		for range 3 {
			ours.FindAllSubmatchIndex(shifted, -1)
			ours.FindAllIndex(shifted, -1)
		}
		if d := cmp.Diff(want, first); d != "" {
			t.Fatalf("`%s`: later calls changed an earlier result: (-want +got)\n%s", tc.pattern, d)
		}
		if d := cmp.Diff(std.FindAllStringSubmatch(tc.text, -1), ours.FindAllStringSubmatch(tc.text, -1)); d != "" {
			t.Fatalf("FindAllStringSubmatch(`%s`): (-regexp +rxjit)\n%s", tc.pattern, d)
		}
	}
}

// TestSpansInvalidUTF8 checks FindAll, ReplaceAll and Split against
// regexp for patterns that may start a match with the U+FFFD of an
// invalid byte ([^,], \S, .): span searches run on them only over valid
// UTF-8, which validEnd checks a chunk at a time. Texts of many chunks
// carry stray continuation and lead bytes, truncated runes and runes cut
// at chunk ends, at random places.
func TestSpansInvalidUTF8(t *testing.T) {
	r := rand.New(rand.NewPCG(11, 12))
	pieces := []string{"ab", "cd,", " ", "\t", "é", "日本", "x,y", "\x80", "\xff", "\xe6\x97", "\xc3", "a\xbfb", ",", "\n"}
	for _, pattern := range []string{`[^,]+`, `\S+`, `.`, `[^\n]+`, `\w+|\S`, `(?s).`} {
		ours, std := regex.MustCompile(pattern), regexp.MustCompile(pattern)
		for i := 0; i < 40; i++ {
			var b strings.Builder
			valid := i%2 == 0
			for b.Len() < 1000+r.IntN(12000) {
				p := pieces[r.IntN(len(pieces))]
				if valid && !utf8.ValidString(p) {
					continue
				}
				b.WriteString(p)
			}
			text := b.String()
			if d := cmp.Diff(std.FindAllStringIndex(text, -1), ours.FindAllStringIndex(text, -1)); d != "" {
				t.Fatalf("FindAllStringIndex(`%s`) on %d bytes (valid %v): (-regexp +rxjit)\n%s", pattern, len(text), valid, d)
			}
			if got, want := ours.ReplaceAllString(text, "<$0>"), std.ReplaceAllString(text, "<$0>"); got != want {
				t.Fatalf("ReplaceAllString(`%s`) on %d bytes (valid %v) differs", pattern, len(text), valid)
			}
			if d := cmp.Diff(std.Split(text, -1), ours.Split(text, -1)); d != "" {
				t.Fatalf("Split(`%s`) on %d bytes (valid %v): (-regexp +rxjit)\n%s", pattern, len(text), valid, d)
			}
		}
	}
}

// TestSingleMatch checks the results of calls that find one match, which
// take one allocation sized to a class (2 to 64 slots) or two: the answers
// are regexp's, and each match's slots have their capacity cut to their
// length, so that an append cannot write past them.
func TestSingleMatch(t *testing.T) {
	for groups := 0; groups <= 40; groups++ {
		pattern := "x" + strings.Repeat(`(\w)`, groups)
		text := "-x" + strings.Repeat("a", groups) + "-"
		ours, std := regex.MustCompile(pattern), regexp.MustCompile(pattern)
		for _, f := range []struct {
			name      string
			ours, std func([]byte, int) [][]int
		}{
			{"FindAllIndex", ours.FindAllIndex, std.FindAllIndex},
			{"FindAllSubmatchIndex", ours.FindAllSubmatchIndex, std.FindAllSubmatchIndex},
		} {
			got, want := f.ours([]byte(text), -1), f.std([]byte(text), -1)
			if d := cmp.Diff(want, got); d != "" {
				t.Fatalf("%s(`%s`): (-regexp +rxjit)\n%s", f.name, pattern, d)
			}
			if len(got) != 1 || cap(got[0]) != len(got[0]) {
				t.Fatalf("%s(`%s`): %d matches, the first of capacity %d for %d slots", f.name, pattern, len(got), cap(got[0]), len(got[0]))
			}
		}
	}
}

// TestAnchoredIndexes checks the FindAll methods of patterns whose
// matches all start at the start of the text, which one search answers
// once the plan is built (anchoredIndexes, anchoredRow), against regexp: with and
// without a match, an empty match, groups that do not take part, invalid
// UTF-8, every n from -1 to 2, more than 16 and more than 64 slots, and
// each call repeated so that the first (before the plan) and the later
// (after it) are both held to the same answers.
func TestAnchoredIndexes(t *testing.T) {
	groups := func(k int) string { return strings.Repeat("(a)?", k) }
	for _, tc := range []struct {
		pattern string
		texts   []string
	}{
		{`^([A-Z0-9]+);([^;]+);([0-9]*)$`, []string{"00E9;LATIN;0065", "00E9;LATIN;x", "", ";;", "0041;\xff\xfe;1"}},
		{`^(\w+)=(\w*)`, []string{"key=value rest", "key=", "=value", "k\xff=v"}},
		{`^x*`, []string{"", "xxx", "yxx", "\xff"}},
		{`\A(?:a|(b))`, []string{"a", "b", "ab", "ba"}},
		{`^` + groups(10), []string{"aaa", "", "b"}},
		{`^` + groups(12), []string{"aaa", "", "b"}},
		{`^` + groups(40), []string{"aaa", "", "b"}},
		{`(?m)^(\w+)`, []string{"one\ntwo", "\nthree"}}, // not anchored: allMatches
	} {
		re, std := regex.MustCompile(tc.pattern), regexp.MustCompile(tc.pattern)
		for round := range 3 {
			for _, text := range tc.texts {
				for n := -1; n <= 2; n++ {
					if got, want := re.FindAllIndex([]byte(text), n), std.FindAllIndex([]byte(text), n); !cmp.Equal(got, want) {
						t.Errorf("%q round %d: FindAllIndex(%q, %d) = %v, want %v", tc.pattern, round, text, n, got, want)
					}
					if got, want := re.FindAllStringIndex(text, n), std.FindAllStringIndex(text, n); !cmp.Equal(got, want) {
						t.Errorf("%q round %d: FindAllStringIndex(%q, %d) = %v, want %v", tc.pattern, round, text, n, got, want)
					}
					if got, want := re.FindAllSubmatchIndex([]byte(text), n), std.FindAllSubmatchIndex([]byte(text), n); !cmp.Equal(got, want) {
						t.Errorf("%q round %d: FindAllSubmatchIndex(%q, %d) = %v, want %v", tc.pattern, round, text, n, got, want)
					}
					if got, want := re.FindAllStringSubmatchIndex(text, n), std.FindAllStringSubmatchIndex(text, n); !cmp.Equal(got, want) {
						t.Errorf("%q round %d: FindAllStringSubmatchIndex(%q, %d) = %v, want %v", tc.pattern, round, text, n, got, want)
					}
					if got, want := re.FindAll([]byte(text), n), std.FindAll([]byte(text), n); !cmp.Equal(got, want) {
						t.Errorf("%q round %d: FindAll(%q, %d) = %q, want %q", tc.pattern, round, text, n, got, want)
					}
					if got, want := re.FindAllString(text, n), std.FindAllString(text, n); !cmp.Equal(got, want) {
						t.Errorf("%q round %d: FindAllString(%q, %d) = %q, want %q", tc.pattern, round, text, n, got, want)
					}
					if got, want := re.FindAllSubmatch([]byte(text), n), std.FindAllSubmatch([]byte(text), n); !cmp.Equal(got, want) {
						t.Errorf("%q round %d: FindAllSubmatch(%q, %d) = %q, want %q", tc.pattern, round, text, n, got, want)
					}
					if got, want := re.FindAllStringSubmatch(text, n), std.FindAllStringSubmatch(text, n); !cmp.Equal(got, want) {
						t.Errorf("%q round %d: FindAllStringSubmatch(%q, %d) = %q, want %q", tc.pattern, round, text, n, got, want)
					}
				}
			}
			// Past the pattern's first searches, onto the plan.
			for range 300 {
				re.MatchString(strings.Repeat("a", 64))
			}
		}
	}
}

// TestAdjacentMatches checks FindAllSubmatchIndex and ReplaceAll where a
// match starts where the last ended (the anchored attempt there wins),
// where the next match starts later (it fails, after reading a byte or
// after reading far), at invalid UTF-8 and at empty matches.
func TestAdjacentMatches(t *testing.T) {
	lexer := `(\r\n|\n)|([\t ]+)|(\bif\b)|([a-z_][a-z0-9_]*)|([0-9]+)|(==|=)|(.)`
	for _, tc := range []struct{ pattern, text string }{
		{lexer, strings.Repeat("if x_1 == 42\n\tgo\xffé =\r\n", 200)},
		{`(ab)|(c)`, strings.Repeat("ababcxxcab", 300)},                            // wins, then fails on a byte
		{`(a[^\n]*b)|(x)`, strings.Repeat("xxa"+strings.Repeat("a", 80)+"\n", 40)}, // fails after reading the line
		{`(\w+)(\d)?`, strings.Repeat("word1 word22  w\xff3", 200)},
		{`(x*)(y?)`, strings.Repeat("xxyz", 300)}, // empty matches between
	} {
		ours, std := regex.MustCompile(tc.pattern), regexp.MustCompile(tc.pattern)
		b := []byte(tc.text)
		if d := cmp.Diff(std.FindAllSubmatchIndex(b, -1), ours.FindAllSubmatchIndex(b, -1)); d != "" {
			t.Errorf("FindAllSubmatchIndex(`%s`): (-regexp +rxjit)\n%s", tc.pattern, d)
		}
		if got, want := ours.ReplaceAllString(tc.text, "<$2>"), std.ReplaceAllString(tc.text, "<$2>"); got != want {
			t.Errorf("ReplaceAllString(`%s`): %.80q…, want %.80q…", tc.pattern, got, want)
		}
	}
}
