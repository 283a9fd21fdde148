package fuzz

import (
	"fmt"
	"regexp"
	"strings"
)

// Grammar selects the constructs Generate may emit and bounds the size of
// what it builds. The zero value emits ASCII literals, dots, classes and
// plain operators only; Full enables everything.
type Grammar struct {
	// MaxNodes bounds the number of syntax nodes, and MaxDepth their
	// nesting, so that Compile stays cheap.
	MaxNodes, MaxDepth int
	// MaxCount bounds n and m in {n}, {n,} and {n,m}.
	MaxCount int

	NonASCII      bool // non-ASCII literals, Unicode ranges in classes
	UnicodeProps  bool // \pL, \p{Greek}, \PL, \p{^Greek}
	FoldCase      bool // (?i)
	DotNL         bool // (?s)
	MultiLine     bool // (?m)
	Ungreedy      bool // (?U)
	Lazy          bool // *? +? ?? {n,m}?
	WordBoundary  bool // \b \B
	PerlClasses   bool // \d \D \w \W \s \S
	PosixClasses  bool // [[:alpha:]] [[:^digit:]]
	LineAnchors   bool // ^ $
	TextAnchors   bool // \A \z
	Captures      bool // (x)
	NamedCaptures bool // (?P<name>x) (?<name>x)
	HexEscapes    bool // \x61 \x{263a}
	Quoting       bool // \Q...\E

	// Props lists the Unicode property escapes to draw from when
	// UnicodeProps is set, and ClassProps those to use inside brackets;
	// nil means all of UnicodeProperties.
	Props, ClassProps []string
	// Posix lists the POSIX classes to draw from when PosixClasses is
	// set; nil means all of PosixClasses.
	Posix []string

	// NoRepeatOfRepeat keeps a repetition from applying directly to
	// another repetition, as in (?:a{2,5})+.
	NoRepeatOfRepeat bool
	// POSIXSyntax groups with (x) where the Perl syntax would use (?:x),
	// for CompilePOSIX, which accepts no (?...) at all.
	POSIXSyntax bool
}

// Full is the whole grammar, as used by FuzzMatch and FuzzCompile.
var Full = Grammar{
	MaxNodes: 24, MaxDepth: 5, MaxCount: 4,
	NonASCII: true, UnicodeProps: true, FoldCase: true, DotNL: true,
	MultiLine: true, Ungreedy: true, Lazy: true, WordBoundary: true,
	PerlClasses: true, PosixClasses: true, LineAnchors: true,
	TextAnchors: true, Captures: true, NamedCaptures: true,
	HexEscapes: true, Quoting: true,
}

// POSIX is the grammar of patterns that CompilePOSIX accepts: egrep
// syntax (no (?...) groups or flags, no Perl classes, \A, \z, \b, \p or
// \Q), plus POSIX classes, hex escapes and non-ASCII text.
var POSIX = Grammar{
	MaxNodes: 24, MaxDepth: 5, MaxCount: 4,
	NonASCII: true, PosixClasses: true, LineAnchors: true,
	Captures: true, HexEscapes: true, POSIXSyntax: true,
}

// Pattern is a generated regular expression with the literal strings it
// contains, which BuildInput plants in inputs so that matches happen.
type Pattern struct {
	Expr     string
	Literals []string
}

// Generate builds a pattern from data using the constructs g allows. Every
// byte of data steers one choice; once data runs out every choice takes
// its first alternative, which always ends the recursion, so any data,
// including none, yields a pattern. The result always compiles with
// regexp.Compile; for the full grammar, Compile of the result costs at
// most a few tens of microseconds.
func Generate(data []byte, g Grammar) Pattern {
	gen := &generator{src: source{data: data}, g: g, countProduct: 1}
	expr, _ := gen.alternation(0)
	return Pattern{Expr: expr, Literals: gen.lits}
}

// source hands out the fuzz bytes one choice at a time.
type source struct {
	data []byte
	pos  int
}

// next returns the next byte, or 0 once data is exhausted.
func (s *source) next() byte {
	if s.pos >= len(s.data) {
		return 0
	}
	b := s.data[s.pos]
	s.pos++
	return b
}

// intn returns a choice in [0, n).
func (s *source) intn(n int) int {
	if n <= 1 {
		return 0
	}
	return int(s.next()) % n
}

// exhausted reports whether every byte has been consumed.
func (s *source) exhausted() bool { return s.pos >= len(s.data) }

type generator struct {
	src   source
	g     Grammar
	nodes int
	ncap  int
	lits  []string
	// countProduct is the product of the repetition counts enclosing
	// the node being generated.
	countProduct int
	// endsInRepeat says whether the last term generated was, or ended
	// in, a repetition.
	endsInRepeat bool
}

// maxCountProduct bounds the product of nested repetition counts.
const maxCountProduct = 64

// Literal tables. The ASCII table mixes letters that appear in the
// Unicode case-folding orbits (k, s), word and non-word bytes, line ends
// and metacharacters that must be escaped. The non-ASCII table has
// two-, three- and four-byte runes, the folding specials (U+212A KELVIN
// SIGN, U+017F LONG S, final sigma), U+FFFD itself and a non-BMP rune.
var (
	asciiLits = []string{
		"a", "b", "ab", "abc", "ba", "aa", "x", "foo", "bar", "A", "B",
		"k", "K", "s", "S", "0", "9", "_", " ", "-", ".", "\n", "\r",
		"\t", "a.b", "(", "[", "$", "^", "\\", "{", "}", "*", "+", "?", "|",
	}
	nonASCIILits = []string{
		"é", "É", "ſ", "\u212a", "☺", "𝄞", "Σ", "σ", "ς", "ß", "ẞ",
		"\ufffd", "日本", "\u00a0", "ǅ", "ａ",
	}
)

// Class items: single characters and ranges, written as they appear
// inside brackets.
var (
	asciiClassItems = []string{
		"a", "b", "c", "a-c", "a-z", "A-Z", "0-9", "x-z", "_", "\\-",
		"\\]", "\\[", "\\\\", "\\^", ".", " ", "\\n", "\\x00-\\x1f",
		"!-/", "k", "s", "\\x7f",
	}
	nonASCIIClassItems = []string{
		"é", "α-ω", "Α-Ω", "\\x{80}-\\x{10FFFF}", "\\x{100}-\\x{2FF}",
		"😀-🙏", "\\x{FFFD}", "\u212a", "ſ", "\\x{800}-\\x{FFFF}",
		"\\x{0}-\\x{10FFFF}", "ß",
	}
	perlClasses = []string{`\d`, `\D`, `\w`, `\W`, `\s`, `\S`}
	// PosixClasses are the POSIX classes Generate emits.
	PosixClasses = []string{
		"[:alpha:]", "[:digit:]", "[:^digit:]", "[:word:]", "[:space:]",
		"[:upper:]", "[:^alnum:]", "[:punct:]",
	}
	// UnicodeProperties are the property escapes Generate emits: one- and
	// two-letter categories, scripts, negations in both spellings, and
	// Go's Any.
	UnicodeProperties = []string{
		`\pL`, `\p{Greek}`, `\PL`, `\p{^Greek}`, `\p{Lu}`, `\pN`,
		`\p{Cyrillic}`, `\p{Han}`, `\p{Ll}`, `\P{Nd}`, `\p{Any}`,
	}
	flagSets = []string{"i", "s", "m", "U", "-s", "im", "is-m", "sU", "-i"}
)

// alternation produces e1|e2|... and reports whether the result is a
// single atom that a repetition operator may follow directly.
func (gen *generator) alternation(depth int) (string, bool) {
	if gen.stop(depth) || gen.src.intn(4) != 0 {
		return gen.concat(depth)
	}
	n := 2 + gen.src.intn(2)
	parts := make([]string, n)
	for i := range parts {
		parts[i], _ = gen.concat(depth + 1)
	}
	return strings.Join(parts, "|"), false
}

// concat produces a sequence of one to three terms.
func (gen *generator) concat(depth int) (string, bool) {
	n := 1
	if !gen.stop(depth) {
		n += gen.src.intn(3)
	}
	if n == 1 {
		return gen.term(depth)
	}
	var b strings.Builder
	for range n {
		s, _ := gen.term(depth + 1)
		b.WriteString(s)
	}
	return b.String(), false
}

// stop reports whether the generator must emit only terminals from now on.
func (gen *generator) stop(depth int) bool {
	return depth >= gen.g.MaxDepth || gen.nodes >= gen.g.MaxNodes || gen.src.exhausted()
}

// term produces one atom, possibly repeated.
func (gen *generator) term(depth int) (string, bool) {
	gen.nodes++
	gen.endsInRepeat = false
	if gen.stop(depth) {
		return gen.literal(), false
	}
	switch gen.src.intn(16) {
	case 0, 1, 2:
		return gen.literal(), false
	case 3:
		return ".", true
	case 4, 5:
		return gen.class(), true
	case 6:
		return gen.escapeClass()
	case 7:
		return gen.assertion()
	case 8, 9, 10:
		return gen.repeat(depth)
	case 11, 12:
		return gen.group(depth)
	case 13:
		return gen.flagGroup(depth)
	case 14:
		return gen.literalAlternation(), true
	default:
		return gen.wrap(""), true
	}
}

// literal emits one literal string from the tables, written with
// QuoteMeta or (when the grammar allows) with hex escapes or between \Q
// and \E, and records it.
func (gen *generator) literal() string {
	table := asciiLits
	if gen.g.NonASCII && gen.src.intn(3) == 0 {
		table = nonASCIILits
	}
	lit := table[gen.src.intn(len(table))]
	gen.lits = append(gen.lits, lit)
	switch gen.src.intn(6) {
	case 1:
		if gen.g.HexEscapes {
			return hexEscape(lit)
		}
	case 2:
		if gen.g.Quoting {
			return `\Q` + lit + `\E`
		}
	}
	return regexp.QuoteMeta(lit)
}

// hexEscape writes s as \xHH and \x{HHHH} escapes, one per rune.
func hexEscape(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r < 0x80 {
			fmt.Fprintf(&b, `\x%02x`, r)
		} else {
			fmt.Fprintf(&b, `\x{%x}`, r)
		}
	}
	return b.String()
}

// literalAlternation emits a group of two to four alternative literals,
// sometimes with an empty alternative, the shape that literal-set
// prefilters (Teddy, Aho-Corasick) accelerate.
func (gen *generator) literalAlternation() string {
	n := 2 + gen.src.intn(3)
	parts := make([]string, n)
	for i := range parts {
		parts[i] = gen.literal()
		if gen.src.intn(3) == 0 {
			parts[i] += gen.literal()
		}
	}
	if gen.src.intn(5) == 0 {
		parts[gen.src.intn(n)] = ""
	}
	return gen.wrap(strings.Join(parts, "|"))
}

// class emits a bracketed class, possibly negated.
func (gen *generator) class() string {
	var b strings.Builder
	b.WriteByte('[')
	if gen.src.intn(3) == 0 {
		b.WriteByte('^')
	}
	n := 1 + gen.src.intn(3)
	for range n {
		switch k := gen.src.intn(8); {
		case k == 0 && gen.g.PerlClasses:
			b.WriteString(perlClasses[gen.src.intn(len(perlClasses))])
		case k == 1 && gen.g.PosixClasses:
			posix := gen.g.Posix
			if posix == nil {
				posix = PosixClasses
			}
			b.WriteString("[" + posix[gen.src.intn(len(posix))] + "]")
		case k == 2 && gen.g.UnicodeProps:
			b.WriteString(gen.prop(gen.g.ClassProps))
		case k >= 6 && gen.g.NonASCII:
			b.WriteString(nonASCIIClassItems[gen.src.intn(len(nonASCIIClassItems))])
		default:
			b.WriteString(asciiClassItems[gen.src.intn(len(asciiClassItems))])
		}
	}
	b.WriteByte(']')
	return b.String()
}

// escapeClass emits a Perl class or a Unicode property outside brackets,
// falling back to a bracketed class when the grammar has neither.
func (gen *generator) escapeClass() (string, bool) {
	if gen.g.UnicodeProps && gen.src.intn(2) == 0 {
		return gen.prop(gen.g.Props), true
	}
	if gen.g.PerlClasses {
		return perlClasses[gen.src.intn(len(perlClasses))], true
	}
	return gen.class(), true
}

// prop returns a Unicode property escape from props, or from
// UnicodeProperties if props is nil.
func (gen *generator) prop(props []string) string {
	if props == nil {
		props = UnicodeProperties
	}
	return props[gen.src.intn(len(props))]
}

// assertion emits an empty-width assertion the grammar allows, or an
// empty group when it allows none.
func (gen *generator) assertion() (string, bool) {
	var choices []string
	if gen.g.LineAnchors {
		choices = append(choices, "^", "$")
	}
	if gen.g.TextAnchors {
		choices = append(choices, `\A`, `\z`)
	}
	if gen.g.WordBoundary {
		choices = append(choices, `\b`, `\B`)
	}
	if len(choices) == 0 {
		return gen.wrap(""), true
	}
	// An assertion is wrapped before it is repeated: see repeat.
	return choices[gen.src.intn(len(choices))], false
}

// repeat emits x*, x+, x?, x{n}, x{n,} or x{n,m}, possibly lazy. An operand
// that is not a single atom is wrapped in (?:...) first, which also keeps
// the parser from seeing a**, an error. Counted repetitions nest, and the
// parser rejects nests whose counts multiply past 1000 (and the compiled
// program grows with the product), so the product of the counts on the
// path from the root is kept at most maxCountProduct.
func (gen *generator) repeat(depth int) (string, bool) {
	var op string
	count := 1
	switch gen.src.intn(6) {
	case 0:
		op = "*"
	case 1:
		op = "+"
	case 2:
		op = "?"
	case 3:
		count = gen.src.intn(gen.g.MaxCount + 1)
		op = fmt.Sprintf("{%d}", count)
	case 4:
		count = gen.src.intn(gen.g.MaxCount + 1)
		op = fmt.Sprintf("{%d,}", count)
	default:
		n := gen.src.intn(gen.g.MaxCount + 1)
		count = n + gen.src.intn(gen.g.MaxCount+1)
		op = fmt.Sprintf("{%d,%d}", n, count)
	}
	if count > 1 && gen.countProduct*count > maxCountProduct {
		op, count = "*", 1
	}
	if gen.g.Lazy && gen.src.intn(3) == 0 {
		op += "?"
	}
	outer := gen.countProduct
	gen.countProduct *= max(count, 1)
	x, atom := gen.term(depth + 1)
	gen.countProduct = outer
	if gen.endsInRepeat && gen.g.NoRepeatOfRepeat {
		return x, false
	}
	if !atom {
		x = gen.wrap(x)
	}
	gen.endsInRepeat = true
	return x + op, false
}

// group emits a capturing, named or non-capturing group around an
// alternation.
func (gen *generator) group(depth int) (string, bool) {
	body, _ := gen.alternation(depth + 1)
	switch k := gen.src.intn(4); {
	case k == 0 && gen.g.NamedCaptures:
		gen.ncap++
		if gen.src.intn(2) == 0 {
			return fmt.Sprintf("(?P<n%d>%s)", gen.ncap, body), true
		}
		return fmt.Sprintf("(?<n%d>%s)", gen.ncap, body), true
	case k <= 2 && gen.g.Captures:
		gen.ncap++
		return "(" + body + ")", true
	default:
		return gen.wrap(body), true
	}
}

// flagGroup emits (?flags:x) or (?flags)x with the flags the grammar
// allows.
func (gen *generator) flagGroup(depth int) (string, bool) {
	var flags string
	for range 1 + gen.src.intn(2) {
		f := flagSets[gen.src.intn(len(flagSets))]
		if gen.flagsAllowed(f) && !strings.Contains(flags, "-") {
			flags += f
		}
	}
	flags = dedupFlags(flags)
	body, _ := gen.alternation(depth + 1)
	if flags == "" {
		return gen.wrap(body), true
	}
	if gen.src.intn(3) == 0 {
		// A bare flag setting applies to the rest of the enclosing
		// group; wrap it so that it applies to body only.
		return "(?:(?" + flags + ")" + body + ")", true
	}
	return "(?" + flags + ":" + body + ")", true
}

// wrap groups s: (?:s), or (s) in POSIX syntax, which has no
// non-capturing groups.
func (gen *generator) wrap(s string) string {
	if gen.g.POSIXSyntax {
		return "(" + s + ")"
	}
	return "(?:" + s + ")"
}

// flagsAllowed reports whether every flag letter in f is enabled.
func (gen *generator) flagsAllowed(f string) bool {
	for _, c := range f {
		switch {
		case c == 'i' && !gen.g.FoldCase,
			c == 's' && !gen.g.DotNL,
			c == 'm' && !gen.g.MultiLine,
			c == 'U' && !gen.g.Ungreedy:
			return false
		}
	}
	return true
}

// dedupFlags rewrites a concatenation of flag sets such as "is-mU" into a
// form the parser accepts: each letter at most once, at most one '-', and
// the '-' not last.
func dedupFlags(f string) string {
	var on, off strings.Builder
	seen := map[rune]bool{}
	neg := false
	for _, c := range f {
		if c == '-' {
			neg = true
			continue
		}
		if seen[c] {
			continue
		}
		seen[c] = true
		if neg {
			off.WriteRune(c)
		} else {
			on.WriteRune(c)
		}
	}
	if off.Len() == 0 {
		return on.String()
	}
	return on.String() + "-" + off.String()
}

// regexp2Props are the Unicode properties of the Regexp2 grammar: no \P
// negations and no \p{^...} or \p{Any}.
var regexp2Props = []string{`\pL`, `\p{Greek}`, `\p{Lu}`, `\pN`, `\p{Cyrillic}`, `\p{Han}`, `\p{Ll}`}

// Regexp2 and Regexp2ASCII are the sub-grammars on which
// github.com/dlclark/regexp2, with its RE2 option, means the same as Go.
// Regexp2 has non-ASCII literals, ranges and properties but no (?i);
// Regexp2ASCII has (?i) but only ASCII, and FuzzRegexp2 gives it ASCII
// inputs. Each exclusion was found by running the comparison
// (TestRegexp2Subset keeps checking that none is missing):
//
//   - \b and \B: regexp2's word characters are Unicode letters and
//     digits even in RE2 mode; Go's are ASCII. \b matches on both sides
//     of "é" for regexp2, nowhere for Go.
//   - (?i) with non-ASCII text: regexp2 folds by comparing ToLower, Go by
//     unicode.SimpleFold orbits, so (?i)s does not match "ſ" (U+017F) nor
//     (?i)σ "ς" for regexp2; (?i)\W and ranges that contain such runes
//     differ too. Hence (?i) only in the ASCII grammar, on ASCII inputs.
//   - (?U): regexp2 accepts the flag but does not swap greediness;
//     (?U)a+ on "aaa" is [0 1] for Go, [0 3] for regexp2.
//   - \Q...\E, \p{^Greek} and \p{Any}: regexp2 rejects them.
//   - \P{...}: regexp2 computes the union of a negated property and
//     other class items wrongly ([\PL\p{Ll}] does not match "k"), and
//     its first-character prefilter builds such unions from alternations
//     (\PL\x{263a}.|[k\p{Ll}] misses every "σ"), so no \P at all.
//   - [[:space:]], [[:digit:]], [[:^digit:]]: Unicode in regexp2 (U+00A0,
//     "٣"), ASCII in Go. The other POSIX classes agree.
//   - A repetition applied directly to a repetition: regexp2 merges
//     (?:a{2,5})+ into one loop, which on "aaaaaa" matches 6 bytes where
//     Go (and Perl) match 5 (NoRepeatOfRepeat).
//
// What stays in: lazy quantifiers, (?s), (?m), ^ $ \A \z ($ is the end
// of the text in RE2 mode, as in Go, not "before a final \n"), Perl
// classes (ASCII in both), named groups in both spellings, hex escapes.
// Repetitions of nullable operands and Go's empty-match rule for FindAll
// are handled in FuzzRegexp2 rather than excluded.
var (
	Regexp2 = Grammar{
		MaxNodes: 16, MaxDepth: 4, MaxCount: 3,
		NonASCII: true, UnicodeProps: true, DotNL: true, MultiLine: true,
		Lazy: true, PerlClasses: true, PosixClasses: true,
		LineAnchors: true, TextAnchors: true, Captures: true,
		NamedCaptures: true, HexEscapes: true, NoRepeatOfRepeat: true,
		Posix:      []string{"[:alpha:]", "[:word:]", "[:upper:]", "[:^alnum:]", "[:punct:]"},
		Props:      regexp2Props,
		ClassProps: regexp2Props,
	}
	Regexp2ASCII = Grammar{
		MaxNodes: 16, MaxDepth: 4, MaxCount: 3,
		FoldCase: true, DotNL: true, MultiLine: true, Lazy: true,
		PerlClasses: true, PosixClasses: true, LineAnchors: true,
		TextAnchors: true, Captures: true, NamedCaptures: true,
		HexEscapes: true, NoRepeatOfRepeat: true,
	}
)
