package fuzz

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"hash/fnv"
	"io"
	"reflect"
	"regexp"
	"strings"
	"testing"
	"unsafe"
)

// The bits of FuzzMatch's mode argument.
const (
	// modeKind selects how the pattern is compiled: see compileKinds.
	modeKind = 3
	// modeGenPattern builds the pattern with Generate from the pattern
	// argument's bytes instead of using them as the pattern.
	modeGenPattern = 1 << 2
	// modeGenInput builds the input with BuildInput from the input
	// argument's bytes instead of using them as the input.
	modeGenInput = 1 << 3
	// The high four bits choose one of templates for ReplaceAll and
	// Expand.
	modeTemplateShift = 4
)

// A compileKind is one way to build a Regexp.
type compileKind struct {
	name    string
	std     func(string) (*regexp.Regexp, error)
	rx      func(string) (*rxRegexp, error)
	longest bool
	grammar Grammar // for generated patterns
}

// compileKinds is indexed by mode&modeKind.
var compileKinds = [4]compileKind{
	{"Compile", regexp.Compile, rxCompile, false, Full},
	{"CompilePOSIX", regexp.CompilePOSIX, rxCompilePOSIX, false, POSIX},
	{"Compile+Longest", regexp.Compile, rxCompile, true, Full},
	{"CompilePOSIX+Longest", regexp.CompilePOSIX, rxCompilePOSIX, true, POSIX},
}

// templates are the replacement templates for ReplaceAll, ReplaceAllString
// and Expand: numbered and named groups, braces, groups that do not exist,
// $$, a lone $, an unterminated ${, and plain text. Generate names its
// groups n1, n2 and so on.
var templates = [16]string{
	"$0", "$1", "${1}x", "$1x", "$2$1", "$$", "$", "${", "${n1}", "$n1",
	"<${n2}|$n3>", "[$0]", "$10", "${0}${1}${2}${3}", "x", "",
}

// FuzzMatch checks that every matching method of an rxjit Regexp agrees
// with regexp: the 16 Find forms (results, and for []byte results which
// part of the input they alias), Match, MatchString, MatchReader,
// FindReaderIndex, FindReaderSubmatchIndex, ReplaceAll and
// ReplaceAllString with templates, ReplaceAllLiteral*, ReplaceAllFunc*
// (including the arguments the function receives), Split with several n,
// Expand and ExpandString, and the accessors LiteralPrefix, NumSubexp,
// SubexpNames and String. The mode argument selects Compile or
// CompilePOSIX, with or without Longest, whether the pattern and the
// input are used as they are or built by Generate and BuildInput, and a
// template. Each input runs on every engine path (see engines).
func FuzzMatch(f *testing.F) {
	if !seedsDisabled() {
		for _, s := range goSeeds() {
			var kind uint8
			if s.posix {
				kind = 1
			}
			f.Add(s.pattern, []byte(s.input), kind)
		}
		for i, s := range generatedSeeds {
			f.Add(s.pattern, []byte(s.input), uint8(modeGenPattern|modeGenInput|i%4|(i%16)<<modeTemplateShift))
		}
	}
	f.Fuzz(func(t *testing.T, pattern string, input []byte, mode uint8) {
		pat, in := pattern, input
		kind := compileKinds[mode&modeKind]
		var lits []string
		if _, err := kind.std(pattern); err != nil || mode&modeGenPattern != 0 {
			// Most mutations of a raw pattern are syntax errors, which
			// FuzzCompile covers; build a valid pattern from them
			// instead, in the syntax kind accepts.
			g := Generate([]byte(pattern), kind.grammar)
			pat, lits = g.Expr, g.Literals
		}
		if mode&modeGenInput != 0 {
			in = BuildInput(input, lits, InputOptions{})
		}
		tmpl := templates[mode>>modeTemplateShift]
		checkMatch(t, kind, pat, in, tmpl)
	})
}

// generatedSeeds give the fuzzer a start in the generated modes: bytes
// that Generate and BuildInput turn into patterns and inputs of several
// shapes.
var generatedSeeds = []struct{ pattern, input string }{
	{"\x08\x03\x01", "\x00\x00\x00\x01\x00"},
	{"\x00\x0b\x09\x02\x05", "\x03\x00\x01\x05\x07\x02"},
	{"\x01\x02\x03\x04\x05\x06\x07\x08\x09\x0a", "\xf0\x01\x02\x03\x04\x05"},
	{"\x0c\x02\x00\x0d\x01\x04\x0e\x03", "\xe8\x00\x00\x05\x01\x06\x02"},
	{"\x08\x05\x03\x01\x00\x0b\x00", "\xfd\x03\x04\x00\x00"},
	{"\x0d\x00\x03\x0f\x04\x0a", "\x10\x00\x02\x00\x01"},
	{"\x06\x01", "\x00\x05\x03\x05\x09\x05\x0b"},
	{"\x0e\x01\x00\x02\x05\x07", "\x30\x00\x01\x00\x02\x00\x00\x03"},
}

// checkMatch compiles pat the way kind says with regexp and, on each
// engine, with rxjit, and compares every method on in.
func checkMatch(t *testing.T, kind compileKind, pat string, in []byte, tmpl string) {
	t.Helper()
	std, stdErr := kind.std(pat)
	if stdErr != nil {
		// FuzzCompile compares errors in depth; here rxjit need only
		// reject the pattern too.
		for _, e := range engines {
			var err error
			withEngine(e, func() { _, err = kind.rx(pat) })
			if err == nil {
				t.Fatalf("%s(%q) [%s] accepted; regexp rejects it with %q", kind.name, pat, e.name, stdErr)
			}
		}
		return
	}
	if kind.longest {
		std.Longest()
	}
	tmpls := []string{"$0|${1}|$n1", tmpl}
	oracleMatch := std.FindSubmatchIndex(in)
	want := observe(std, in, tmpls, oracleMatch)
	stdReaders, stdReads := observeReaders(std, in)
	want = append(want, stdReaders...)
	if kind.name == "Compile" {
		want = append(want, observeTopLevel(regexp.Match, regexp.MatchString, regexp.MatchReader, pat, in)...)
	}
	for _, e := range engines {
		var rx *rxRegexp
		var err error
		withEngine(e, func() { rx, err = kind.rx(pat) })
		if err != nil {
			t.Fatalf("%s(%q) [%s] rejected with %q; regexp accepts it", kind.name, pat, e.name, err)
		}
		if kind.longest {
			rx.Longest()
		}
		got := observe(rx, in, tmpls, oracleMatch)
		rxReaders, rxReads := observeReaders(rx, in)
		got = append(got, rxReaders...)
		checkReads(t, fmt.Sprintf("%s(%q) [%s] on %q", kind.name, pat, e.name, in), rxReads, stdReads)
		if kind.name == "Compile" {
			withEngine(e, func() {
				got = append(got, observeTopLevel(rxMatch, rxMatchString, rxMatchReader, pat, in)...)
			})
		}
		compareObservations(t, fmt.Sprintf("%s(%q) [%s]", kind.name, pat, e.name), in, got, want)
		if oracleMatch == nil && len(in) > 0 && len(in) <= 64 {
			checkLong(t, kind, std, rx, pat, in)
		}
	}
}

// checkLong compares FindIndex and Match on a text of over 4 KiB made of
// the suffixes of in, an input without a match, in turn (not periodic,
// so that states differ from place to place): searches that read that
// far take the DFA's two-chain rounds in generated code (after 1 KiB,
// for 2 KiB each), which shorter inputs never reach.
func checkLong(t *testing.T, kind compileKind, std *regexp.Regexp, rx *rxRegexp, pat string, in []byte) {
	t.Helper()
	var long []byte
	for i := 0; len(long) <= 4200; i++ {
		long = append(long, in[i%len(in):]...)
	}
	want := std.FindIndex(long)
	for range 2 { // the second time with the DFA's states built
		if got := rx.FindIndex(long); !reflect.DeepEqual(got, want) {
			t.Fatalf("%s(%q) FindIndex on %q's suffixes, %d bytes: %v, want %v", kind.name, pat, in, len(long), got, want)
		}
		if got := rx.Match(long); got != (want != nil) {
			t.Fatalf("%s(%q) Match on %q's suffixes, %d bytes: %v, want %v", kind.name, pat, in, len(long), got, want != nil)
		}
	}
}

// matcher is the method set shared by *regexp.Regexp and rxjit's Regexp
// that FuzzMatch exercises.
type matcher interface {
	Find(b []byte) []byte
	FindIndex(b []byte) []int
	FindString(s string) string
	FindStringIndex(s string) []int
	FindSubmatch(b []byte) [][]byte
	FindSubmatchIndex(b []byte) []int
	FindStringSubmatch(s string) []string
	FindStringSubmatchIndex(s string) []int
	FindAll(b []byte, n int) [][]byte
	FindAllIndex(b []byte, n int) [][]int
	FindAllString(s string, n int) []string
	FindAllStringIndex(s string, n int) [][]int
	FindAllSubmatch(b []byte, n int) [][][]byte
	FindAllSubmatchIndex(b []byte, n int) [][]int
	FindAllStringSubmatch(s string, n int) [][]string
	FindAllStringSubmatchIndex(s string, n int) [][]int
	Match(b []byte) bool
	MatchString(s string) bool
	MatchReader(r io.RuneReader) bool
	FindReaderIndex(r io.RuneReader) []int
	FindReaderSubmatchIndex(r io.RuneReader) []int
	ReplaceAll(src, repl []byte) []byte
	ReplaceAllString(src, repl string) string
	ReplaceAllLiteral(src, repl []byte) []byte
	ReplaceAllLiteralString(src, repl string) string
	ReplaceAllFunc(src []byte, repl func([]byte) []byte) []byte
	ReplaceAllStringFunc(src string, repl func(string) string) string
	Split(s string, n int) []string
	Expand(dst, template, src []byte, match []int) []byte
	ExpandString(dst []byte, template string, src string, match []int) []byte
	LiteralPrefix() (prefix string, complete bool)
	NumSubexp() int
	SubexpNames() []string
	String() string
}

// An observation is the result of one method call, named for the report.
type observation struct {
	call string
	v    any
}

// observe calls every method of m on in and records the results. Results
// of type []byte are recorded as the part of in they alias (see spanOf),
// since regexp documents and users rely on Find returning a slice of the
// input. Expand and ExpandString use match, the oracle's submatch indices,
// so that they are tested apart from the Find methods.
func observe(m matcher, in []byte, tmpls []string, match []int) []observation {
	if len(in) > leanLimit {
		return observeLean(m, in)
	}
	s := string(in)
	var obs []observation
	add := func(call string, v any) { obs = append(obs, observation{call, v}) }

	add("Find", spanOf(in, m.Find(in)))
	add("FindIndex", m.FindIndex(in))
	add("FindString", m.FindString(s))
	add("FindStringIndex", m.FindStringIndex(s))
	add("FindSubmatch", spansOf(in, m.FindSubmatch(in)))
	add("FindSubmatchIndex", m.FindSubmatchIndex(in))
	add("FindStringSubmatch", m.FindStringSubmatch(s))
	add("FindStringSubmatchIndex", m.FindStringSubmatchIndex(s))
	for _, n := range []int{-1, 2} {
		var all [][]string
		for _, sub := range m.FindAllSubmatch(in, n) {
			all = append(all, spansOf(in, sub))
		}
		add(fmt.Sprintf("FindAll(n=%d)", n), spansOf(in, m.FindAll(in, n)))
		add(fmt.Sprintf("FindAllIndex(n=%d)", n), m.FindAllIndex(in, n))
		add(fmt.Sprintf("FindAllString(n=%d)", n), m.FindAllString(s, n))
		add(fmt.Sprintf("FindAllStringIndex(n=%d)", n), m.FindAllStringIndex(s, n))
		add(fmt.Sprintf("FindAllSubmatch(n=%d)", n), all)
		add(fmt.Sprintf("FindAllSubmatchIndex(n=%d)", n), m.FindAllSubmatchIndex(in, n))
		add(fmt.Sprintf("FindAllStringSubmatch(n=%d)", n), m.FindAllStringSubmatch(s, n))
		add(fmt.Sprintf("FindAllStringSubmatchIndex(n=%d)", n), m.FindAllStringSubmatchIndex(s, n))
	}
	add("Match", m.Match(in))
	add("MatchString", m.MatchString(s))
	add("MatchReader", m.MatchReader(strings.NewReader(s)))
	add("FindReaderIndex", m.FindReaderIndex(bytes.NewReader(in)))
	add("FindReaderSubmatchIndex", m.FindReaderSubmatchIndex(strings.NewReader(s)))

	for _, tmpl := range tmpls {
		add(fmt.Sprintf("ReplaceAll(%q)", tmpl), m.ReplaceAll(in, []byte(tmpl)))
		add(fmt.Sprintf("ReplaceAllString(%q)", tmpl), m.ReplaceAllString(s, tmpl))
		add(fmt.Sprintf("ReplaceAllLiteral(%q)", tmpl), m.ReplaceAllLiteral(in, []byte(tmpl)))
		add(fmt.Sprintf("ReplaceAllLiteralString(%q)", tmpl), m.ReplaceAllLiteralString(s, tmpl))
		if match != nil {
			add(fmt.Sprintf("Expand(%q)", tmpl), m.Expand(nil, []byte(tmpl), in, match))
			add(fmt.Sprintf("ExpandString(%q)", tmpl), m.ExpandString([]byte("dst:"), tmpl, s, match))
		}
	}
	var args []string
	add("ReplaceAllFunc", m.ReplaceAllFunc(in, func(b []byte) []byte {
		args = append(args, spanOf(in, b))
		// Build a new slice: appending to b could write into in.
		return []byte("<" + string(b) + ">")
	}))
	add("ReplaceAllFunc args", args)
	var sargs []string
	add("ReplaceAllStringFunc", m.ReplaceAllStringFunc(s, func(x string) string {
		sargs = append(sargs, x)
		return "<" + x + ">"
	}))
	add("ReplaceAllStringFunc args", sargs)
	for _, n := range []int{-1, 0, 1, 2, 3} {
		add(fmt.Sprintf("Split(n=%d)", n), m.Split(s, n))
	}

	prefix, complete := m.LiteralPrefix()
	add("LiteralPrefix", fmt.Sprintf("%q, %v", prefix, complete))
	add("NumSubexp", m.NumSubexp())
	add("SubexpNames", m.SubexpNames())
	add("String", m.String())
	return obs
}

// leanLimit is the input length above which observe calls only a few
// methods. An input of 64 KiB or 256 KiB can hold a quarter of a million
// matches, and recording every method's results for it takes seconds and
// hundreds of megabytes; such inputs are there to cross the engines' slice
// boundaries, and a few methods (each engine's first match, submatches,
// and the positions of all matches) show whether they do so correctly.
const leanLimit = 8 << 10

// observeLean is observe for long inputs: the first match, its
// submatches, MatchString, a reader method and a digest of FindAllIndex.
func observeLean(m matcher, in []byte) []observation {
	s := string(in)
	return []observation{
		{"FindIndex", m.FindIndex(in)},
		{"FindStringSubmatchIndex", m.FindStringSubmatchIndex(s)},
		{"MatchString", m.MatchString(s)},
		{"FindReaderIndex", m.FindReaderIndex(bytes.NewReader(in))},
		{"FindAllIndex(n=-1)", digestMatches(m.FindAllIndex(in, -1))},
	}
}

// digestMatches summarises a list of matches by their number, a hash of
// all positions, and the first and last three for the report.
func digestMatches(ms [][]int) string {
	h := fnv.New64a()
	var buf [8]byte
	for _, m := range ms {
		for _, x := range m {
			binary.LittleEndian.PutUint64(buf[:], uint64(x))
			h.Write(buf[:])
		}
	}
	head, tail := ms[:min(3, len(ms))], ms[max(0, len(ms)-3):]
	return fmt.Sprintf("%d matches, hash %x, first %v, last %v", len(ms), h.Sum64(), head, tail)
}

// observeTopLevel records the package-level Match functions.
func observeTopLevel(
	match func(string, []byte) (bool, error),
	matchString func(string, string) (bool, error),
	matchReader func(string, io.RuneReader) (bool, error),
	pat string, in []byte,
) []observation {
	m, err := match(pat, in)
	ms, errs := matchString(pat, string(in))
	mr, errr := matchReader(pat, bytes.NewReader(in))
	return []observation{
		{"package Match", fmt.Sprint(m, err)},
		{"package MatchString", fmt.Sprint(ms, errs)},
		{"package MatchReader", fmt.Sprint(mr, errr)},
	}
}

// spanOf describes b as the part of in it aliases: "in[lo:hi:max]" in
// slice-expression form, "nil", "empty, cap 0" (Go does not keep the
// position of such a slice), or "copy of ..." when b is not inside in.
func spanOf(in, b []byte) string {
	switch {
	case b == nil:
		return "nil"
	case cap(b) == 0:
		return "empty, cap 0"
	}
	base := uintptr(unsafe.Pointer(unsafe.SliceData(in)))
	p := uintptr(unsafe.Pointer(unsafe.SliceData(b)))
	if len(in) == 0 || p < base || p >= base+uintptr(cap(in)) {
		return fmt.Sprintf("copy of %q (cap %d)", b, cap(b))
	}
	off := int(p - base)
	return fmt.Sprintf("in[%d:%d:%d]", off, off+len(b), off+cap(b))
}

// spansOf applies spanOf to each element, keeping nil as nil.
func spansOf(in []byte, bs [][]byte) []string {
	if bs == nil {
		return nil
	}
	out := make([]string, len(bs))
	for i, b := range bs {
		out[i] = spanOf(in, b)
	}
	return out
}

// compareObservations reports the calls whose results differ, at most
// three of them, and stops the test if there were any.
func compareObservations(t *testing.T, what string, in []byte, got, want []observation) {
	t.Helper()
	bad := 0
	for i := range want {
		if i >= len(got) {
			t.Fatalf("%s: %d observations, regexp has %d", what, len(got), len(want))
		}
		if reflect.DeepEqual(got[i].v, want[i].v) || ignored(want[i].call) {
			continue
		}
		if bad++; bad > 3 {
			break
		}
		t.Errorf("%s on %s:\n%s\n  got  %#v\n  want %#v", what, describeInput(in), want[i].call, got[i].v, want[i].v)
	}
	if bad > 0 {
		t.FailNow()
	}
}

// describeInput quotes in, or for a long input its length and both ends.
func describeInput(in []byte) string {
	if len(in) <= 256 {
		return fmt.Sprintf("input %q", in)
	}
	return fmt.Sprintf("input of %d bytes %q...%q", len(in), in[:64], in[len(in)-64:])
}
