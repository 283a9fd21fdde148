package classrun

import (
	"math/rand/v2"
	"regexp"
	"regexp/syntax"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
)

func spec(t *testing.T, pattern string) *Spec {
	t.Helper()
	re, err := syntax.Parse(pattern, syntax.Perl)
	if err != nil {
		t.Fatal(err)
	}
	return New(re.Simplify())
}

func TestNew(t *testing.T) {
	for _, tc := range []struct {
		pattern  string
		min, max int
		lazy     bool
		ws, we   bool
	}{
		{pattern: `[A-Za-z]{8,13}`, min: 8, max: 13},
		{pattern: `\b[0-9A-Za-z_]{12,}\b`, min: 12, max: -1, ws: true, we: true},
		{pattern: `\b\w+\b`, min: 1, max: -1, ws: true, we: true},
		{pattern: `\d+`, min: 1, max: -1},
		{pattern: `\d+?`, min: 1, max: -1, lazy: true},
		{pattern: `[a-z]{2,5}?`, min: 2, max: 5, lazy: true},
		{pattern: `[a-z][a-z]+`, min: 2, max: -1},
		{pattern: `([a-z])(?:[a-z]?)`, min: 1, max: 2},
		{pattern: `aaa+`, min: 3, max: -1},
		{pattern: `(?i)a{2}`, min: 2, max: 2},
		{pattern: `\b[a-z]{3}`, min: 3, max: 3, ws: true},
		{pattern: `[ \t]+`, min: 1, max: -1},
		{pattern: `x{40,}`, min: 40, max: -1},
		{pattern: `\p{L}{8,13}`, min: 8, max: 13},
		{pattern: `(?i)k+`, min: 1, max: -1}, // K, k and the Kelvin sign
		{pattern: `[а-яё]{2,}?`, min: 2, max: -1, lazy: true},
	} {
		s := spec(t, tc.pattern)
		if s == nil {
			t.Errorf("%s: not recognized", tc.pattern)
			continue
		}
		if s.Min != tc.min || s.Max != tc.max || s.Lazy != tc.lazy || s.WordStart != tc.ws || s.WordEnd != tc.we {
			t.Errorf("%s: got min %d max %d lazy %v \\b %v %v", tc.pattern, s.Min, s.Max, s.Lazy, s.WordStart, s.WordEnd)
		}
	}
	for _, p := range []string{
		`[a-z]*`,                // may be empty
		`[a-z]+[0-9]`,           // two classes
		`(?:aa)+`,               // even lengths
		`a?b`,                   // two classes
		`[a-z]+?[a-z]+`,         // lazy and greedy
		`\b[a-z.]+`,             // \b with a class that is not all word characters
		`^[a-z]+`,               // anchors
		`[a-z]+$`,               // anchors
		`[^a-z\x{FFFD}]+`,       // the space, without U+FFFD
		`\b\p{L}+`,              // \b with a class that is not ASCII
		`[\p{L}\n]+`,            // the line end
		`[a-z]{3}(?:[a-z]{3})?`, // {0} ∪ [3, 3] is not an interval
		`\B[a-z]+`,
	} {
		if s := spec(t, p); s != nil {
			t.Errorf("%s: recognized as %v", p, s)
		}
	}
}

func TestShifts(t *testing.T) {
	for min := 1; min <= 100; min++ {
		// The generated scan takes six at most (codegen/runscan).
		if sh := shifts(min); sh>>48 != 0 {
			t.Errorf("shifts(%d) = %#x: more than six", min, sh)
		}
	}
	rng := rand.New(rand.NewPCG(1, 2))
	for min := 1; min <= 40; min++ {
		for range 200 {
			m := uint64(rng.Uint32())
			if rng.IntN(2) == 0 {
				m |= m >> 1 // longer runs
				m |= m << 3
				m &= 1<<32 - 1
			}
			var want uint64
			for i := range 32 {
				all := i-min+1 >= 0
				for j := max(0, i-min+1); j <= i && all; j++ {
					all = m&(1<<j) != 0
				}
				if all {
					want |= 1 << i
				}
			}
			if got := longRuns(m, shifts(min)); got != want {
				t.Fatalf("longRuns(%#x, %d) = %#x, want %#x", m, min, got, want)
			}
		}
	}
}

// naiveRuns returns the maximal runs of the class in input[pos:] of at
// least min bytes, as Scan and Finish report them.
func naiveRuns(s *Spec, input []byte, pos, min int) []uint64 {
	var out []uint64
	for i := pos; i < len(input); {
		if !s.Has(input[i]) {
			i++
			continue
		}
		j := i
		for j < len(input) && s.Has(input[j]) {
			j++
		}
		if j-i >= min {
			out = append(out, uint64(i), uint64(j))
		}
		i = j
	}
	return out
}

// allRuns drives Scan and Finish as Each does, with a buffer of words
// words, and returns every run.
func allRuns(s *Spec, sc Scanner, input []byte, pos int, words int) []uint64 {
	var out []uint64
	buf := make([]uint64, words)
	st := State{Pos: pos}
	for st.Pos+Block <= len(input) {
		var k int
		st, k = sc.Scan(s, input, st, len(input), buf)
		out = append(out, buf[TableWords:TableWords+2*k]...)
	}
	k := s.Finish(input, st, buf[TableWords:])
	return append(out, buf[TableWords:TableWords+2*k]...)
}

// texts returns random texts over an alphabet that mixes bytes of the
// class, other word characters, spaces, multi-byte UTF-8 and invalid
// bytes, with long runs of the class.
func texts(rng *rand.Rand, n int) [][]byte {
	alphabet := []string{"a", "b", "z", "\x11", "w", "3", "\"", "A", "Q", "0", "7", "_", " ", ".", "\n", "é", "\xff", "\xc3", "日", "Я",
		"ж", "Ω", "K", "k", "\u212a", "—", "…", "\U0001F600", "\U00010400", "\xd0", "\xe2\x82", "\xed\xa0\x80", "\xc0\x80", "\xc1\xbf", "\xe0\x80\x80", "\xe0\x9f\xbf", "\x00", "\x7f", "\xbf", "\u0800", "\u0fff"}
	var out [][]byte
	for range n {
		var b []byte
		for len(b) < rng.IntN(300) {
			if rng.IntN(4) == 0 {
				c := alphabet[rng.IntN(len(alphabet))]
				for range rng.IntN(40) {
					b = append(b, c...)
				}
				continue
			}
			b = append(b, alphabet[rng.IntN(len(alphabet))]...)
		}
		out = append(out, b)
	}
	return out
}

var diffPatterns = []string{
	`[A-Za-z]{8,13}`,
	`[a-z]{2,5}?`,
	`\b[0-9A-Za-z_]{12,}\b`,
	`\b\w+\b`,
	`\b[a-z]{3}`,
	`[a-z]{3,4}\b`,
	`\b[a-z]{2,3}\b`,
	`\b[a-z]+?`,
	`[a-z]+?\b`,
	`\d+`,
	`[ab]`,
	`a{33,}`,
	`[a-z]{31,40}`,
	`(?i)[b-j]+`,
	`[^\x00-\x60\x7b-\x{10FFFF}]{5}`,
	`_+`,
	`[ .]{2,}`,
	`\p{L}{8,13}`,
	`\p{L}{2,3}?`,
	`[а-яА-ЯёЁ]+`,
	`(?i)k{2,}`,
	`\p{Greek}+`,
	`[é-ü]{2,3}`,
	`\p{Han}{2}`,
	`[\x{10000}-\x{10FFFF}]+`,
	`[a-z\x{10400}-\x{1044F}]{3}`,
	`[\x80-\x{7FF}]{2,}`,
	// Overlong encodings of these runes are invalid bytes.
	`[\x00-\x09\x7F-\x{7FF}]{2,}`,
	`[\x00-\x09\x7F-\x{FFF}]{2,}`,
	// U+FFFD: invalid bytes are runes of the class.
	`\S+`,
	`[^,]+`,
	`.{3,}`,
	`[^a]{2,5}`,
	`[^\s]{2,}?`,
	`[\p{L}\x{FFFD}]+`,
	`[^a-z]+`,
	`[^\x{2000}-\x{2FFF}]+`,
	// Nine distinct rows of low nibbles: the scan's tables hold a
	// superset of the class's bytes.
	`[^\x00\x11\x22\x33\x44\x55\x66\x77]+`,
}

func TestEach(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	inputs := texts(rng, 300)
	for _, p := range diffPatterns {
		s := spec(t, p)
		if s == nil {
			t.Fatalf("%s: not recognized", p)
		}
		for _, longest := range []bool{false, true} {
			re := regexp.MustCompile(p)
			if longest {
				re.Longest()
			}
			for _, in := range inputs {
				var got [][]int
				s.Each(in, 0, longest, GoScan{}, make([]uint64, BufWords), func(pairs []uint64) bool {
					for i := 0; i < len(pairs); i += 2 {
						got = append(got, []int{int(pairs[i]), int(pairs[i+1])})
					}
					return true
				})
				// The first match, from FindShort where it serves.
				var first []int
				if len(got) > 0 {
					first = got[0]
				}
				find := (*Spec).Find
				if len(in) < Block {
					find = (*Spec).findShort
				}
				if start, end := find(s, in, 0, longest, GoScan{}, make([]uint64, BufWords)); start >= 0 != (first != nil) || first != nil && (start != first[0] || end != first[1]) {
					t.Fatalf("%s (longest %v) on %q: first match [%d %d], want %v", p, longest, in, start, end, first)
				}
				want := re.FindAllIndex(in, -1)
				if diff := cmp.Diff(want, got); diff != "" {
					t.Fatalf("%s (longest %v) on %q: (-regexp +classrun)\n%s", p, longest, in, diff)
				}
			}
		}
	}
}

func TestScan(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	for _, p := range diffPatterns {
		s := spec(t, p)
		for _, in := range texts(rng, 50) {
			for pos := 0; pos <= len(in); pos += 1 + rng.IntN(9) {
				want := naiveRuns(s, in, pos, s.Min)
				// The smallest buffer makes a call stop before
				// every block.
				for _, words := range []int{TableWords + 2*BlockPairs, BufWords} {
					if got := allRuns(s, GoScan{}, in, pos, words); !cmp.Equal(want, got) {
						t.Fatalf("%s from %d on %q: runs %v, want %v", p, pos, in, got, want)
					}
				}
			}
		}
	}
}

// findShort is FindShort with Find's parameters.
func (s *Spec) findShort(input []byte, pos int, longest bool, _ Scanner, _ []uint64) (int, int) {
	return s.FindShort(input, pos, longest)
}

// TestRuneSet checks the membership of every rune against the class's
// ranges, for classes whose ranges start and end everywhere in a word.
func TestRuneSet(t *testing.T) {
	for _, p := range []string{`\p{L}`, `\p{Greek}`, `[\x{80}-\x{BF}\x{100}\x{13F}-\x{140}\x{FFC0}-\x{10FFFF}]`, `[а-яё]`} {
		re, err := syntax.Parse(p, syntax.Perl)
		if err != nil {
			t.Fatal(err)
		}
		class := re.Rune
		rs := newRuneSet(class)
		// Every rune of the BMP (the bitmap), and a sample above.
		for r := rune(0); r <= 0x10FFFF; r += 1 + r/0x10000*97 {
			if got, want := rs.has(r), inClass(class, r); got != want {
				t.Fatalf("%s: has(%U) = %v, want %v", p, r, got, want)
			}
		}
	}
}

// TestWhole checks runeSet.whole against decoding: random texts of
// ASCII, two-byte runes in and out of \p{L} and broken sequences, whole
// exactly where every rune is valid, in the class, and ASCII or led by a
// byte whose 64 runes are all letters.
func TestWhole(t *testing.T) {
	re, err := syntax.Parse(`\p{L}`, syntax.Perl)
	if err != nil {
		t.Fatal(err)
	}
	rs := newRuneSet(re.Rune)
	if rs.kind[0xD0] != kindLead || rs.kind[0xC3] == kindLead || rs.kind['a'] != kindASCII || rs.kind['1'] != 0 {
		t.Fatalf("kinds of D0, C3, a, 1: %d %d %d %d", rs.kind[0xD0], rs.kind[0xC3], rs.kind['a'], rs.kind['1'])
	}
	rng := rand.New(rand.NewPCG(11, 12))
	pieces := []string{"a", "Z", "1", "ж", "Ё", "é", "×", "\xd0", "\x80", "\xd1\x8f\x80", "ѣ", "ξ"}
	wholes := 0
	for range 5000 {
		var in []byte
		for range rng.IntN(8) {
			in = append(in, pieces[rng.IntN(len(pieces))]...)
		}
		want := true
		for i := 0; i < len(in); {
			r, w := utf8.DecodeRune(in[i:])
			if r == utf8.RuneError && w == 1 || !unicode.IsLetter(r) || w > 2 || w == 2 && rs.kind[in[i]] != kindLead {
				want = false
			}
			i += w
		}
		if got := rs.whole(in); got != want {
			t.Fatalf("whole(%q) = %v, want %v", in, got, want)
		}
		if want {
			wholes++
		}
	}
	if wholes < 100 {
		t.Fatalf("only %d whole texts: the test misses its path", wholes)
	}
}

// TestContinuations checks the word-at-a-time count of continuation
// bytes against a byte loop, for every span of random texts.
func TestContinuations(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 10))
	for range 50 {
		in := make([]byte, rng.IntN(40))
		for i := range in {
			in[i] = []byte{'a', 0x80, 0xBF, 0xC0, 0xD0, 0x7F, 0xFF, 0x40}[rng.IntN(8)]
		}
		for a := 0; a <= len(in); a++ {
			for b := a; b <= len(in); b++ {
				want := 0
				for _, c := range in[a:b] {
					if c >= 0x80 && c <= 0xBF {
						want++
					}
				}
				if got := continuations(in, a, b); got != want {
					t.Fatalf("continuations(%x, %d, %d) = %d, want %d", in, a, b, got, want)
				}
			}
		}
	}
}
