// Package regex implements regular expression search with the syntax,
// API and answers of Go's standard regexp package. It is a drop-in
// replacement: change the import path from "regexp" to
// "github.com/rxjit/rxjit/regex" and nothing else.
//
// The syntax is the one accepted by RE2 and described at
// https://golang.org/s/re2syntax, except for \C. Patterns are parsed by
// regexp/syntax, the very parser regexp uses, so syntax, error values,
// flags and case folding are identical by construction.
//
// Like regexp, the implementation guarantees that searches run in time
// linear in the size of the input: a pattern is compiled to a Thompson NFA
// over bytes and simulated without backtracking.
//
// All characters are UTF-8-encoded code points. Following utf8.DecodeRune,
// each byte of an invalid UTF-8 sequence is treated as if it encoded
// utf8.RuneError (U+FFFD), of width one byte.
//
// There are 16 methods of Regexp that match a regular expression and
// identify the matched text. Their names are matched by this regular
// expression:
//
//	Find(All)?(String)?(Submatch)?(Index)?
//
// If 'All' is present, the routine matches successive non-overlapping
// matches of the entire expression. Empty matches abutting a preceding
// match are ignored, and after an empty match the search advances one rune.
// The return value is a slice containing the successive return values of
// the corresponding non-'All' routine. These routines take an extra integer
// argument, n. If n >= 0, the function returns at most n matches/submatches;
// otherwise, it returns all of them.
//
// If 'String' is present, the argument is a string; otherwise it is a slice
// of bytes; return values are adjusted as appropriate.
//
// If 'Submatch' is present, the return value is a slice identifying the
// successive submatches of the expression: submatch 0 is the whole match,
// submatch i the i'th parenthesized subexpression (numbered by opening
// parenthesis, left to right). If 'Index' is present, matches and
// submatches are identified by byte index pairs within the input string:
// result[2*i:2*i+2] identifies the indexes of the ith submatch. A submatch
// that did not take part in the match is nil (or the pair -1, -1 in the
// Index forms). A nil return value indicates no match.
//
// Methods that read from an io.RuneReader read it to its end (or to its
// first error) before searching. A Regexp is safe for concurrent use by
// multiple goroutines, except for configuration methods, such as Longest.
package regex

import (
	"regexp/syntax"
	"strconv"
	"strings"
)

// Regexp is the representation of a compiled regular expression. A Regexp
// is safe for concurrent use by multiple goroutines, except for
// configuration methods, such as Longest.
type Regexp struct {
	expr        string
	numSubexp   int
	subexpNames []string
	longest     bool

	minLen int      // no match is shorter (see minBytes)
	prog   *program // shared by every Regexp of the same pattern
}

// eng returns re's engines, building them on the first search.
func (re *Regexp) eng() *engines { return re.prog.engines() }

// numSlots is the number of capture slots of a full match: two per group
// and two for the match.
func (re *Regexp) numSlots() int { return 2 * (1 + re.numSubexp) }

// String returns the source text used to compile the regular expression.
func (re *Regexp) String() string {
	return re.expr
}

// Copy returns a new Regexp object copied from re. Calling Longest on one
// copy does not affect another.
//
// Deprecated: In earlier releases, when using a Regexp in multiple
// goroutines, giving each goroutine its own copy helped to avoid lock
// contention. There is no such contention here, and Copy is not needed.
func (re *Regexp) Copy() *Regexp {
	re2 := *re
	return &re2
}

// Compile parses a regular expression and returns, if successful, a Regexp
// object that can be used to match against text.
//
// When matching against text, the regexp returns a match that begins as
// early as possible in the input (leftmost), and among those it chooses the
// one that a backtracking implementation would have found first: the
// so-called leftmost-first matching, as in Perl, Python and regexp.
func Compile(expr string) (*Regexp, error) {
	return compile(expr, syntax.Perl, false)
}

// CompilePOSIX is like Compile but restricts the regular expression to
// POSIX ERE (egrep) syntax and changes the match semantics to
// leftmost-longest: among the matches that begin leftmost, it chooses the
// longest one.
//
// As in regexp, submatches follow the priority order of the pattern among
// threads that reach the same state, not POSIX's submatch rules.
func CompilePOSIX(expr string) (*Regexp, error) {
	return compile(expr, syntax.POSIX, true)
}

// Longest makes future searches use leftmost-longest semantics, like
// CompilePOSIX. This method modifies the Regexp and may not be called
// concurrently with any other methods.
func (re *Regexp) Longest() {
	re.longest = true
}

func compile(expr string, mode syntax.Flags, longest bool) (*Regexp, error) {
	if err := injectCompileFault(expr); err != nil {
		return nil, err
	}
	parsed, err := syntax.Parse(expr, mode)
	if err != nil {
		return nil, err
	}
	return &Regexp{
		expr:        expr,
		minLen:      minBytes(parsed),
		numSubexp:   parsed.MaxCap(),
		subexpNames: parsed.CapNames(),
		longest:     longest,
		prog:        internProgram(expr, mode, parsed),
	}, nil
}

// MustCompile is like Compile but panics if the expression cannot be
// parsed. It simplifies safe initialization of global variables holding
// compiled regular expressions.
func MustCompile(str string) *Regexp {
	re, err := Compile(str)
	if err != nil {
		panic(`regexp: Compile(` + quote(str) + `): ` + err.Error())
	}
	return re
}

// MustCompilePOSIX is like CompilePOSIX but panics if the expression cannot
// be parsed.
func MustCompilePOSIX(str string) *Regexp {
	re, err := CompilePOSIX(str)
	if err != nil {
		panic(`regexp: CompilePOSIX(` + quote(str) + `): ` + err.Error())
	}
	return re
}

func quote(s string) string {
	if strconv.CanBackquote(s) {
		return "`" + s + "`"
	}
	return strconv.Quote(s)
}

// NumSubexp returns the number of parenthesized subexpressions in this
// Regexp.
func (re *Regexp) NumSubexp() int {
	return re.numSubexp
}

// SubexpNames returns the names of the parenthesized subexpressions in
// this Regexp. The name for the first sub-expression is names[1], so that
// if m is a match slice, the name for m[i] is SubexpNames()[i]. Since the
// Regexp as a whole cannot be named, names[0] is always the empty string.
// The slice should not be modified.
func (re *Regexp) SubexpNames() []string {
	return re.subexpNames
}

// SubexpIndex returns the index of the first subexpression with the given
// name, or -1 if there is no subexpression with that name.
//
// Note that multiple subexpressions can be written using the same name, as
// in (?P<bob>a+)(?P<bob>b+), which declares two subexpressions named "bob".
// In this case, SubexpIndex returns the index of the leftmost such
// subexpression in the regular expression.
func (re *Regexp) SubexpIndex(name string) int {
	if name != "" {
		for i, s := range re.subexpNames {
			if name == s {
				return i
			}
		}
	}
	return -1
}

// LiteralPrefix returns a literal string that must begin any match of the
// regular expression re. It returns the boolean true if the literal string
// comprises the entire regular expression.
func (re *Regexp) LiteralPrefix() (prefix string, complete bool) {
	return re.prog.literalPrefix()
}

// MarshalText implements encoding.TextMarshaler. The output matches that
// of calling the String method.
//
// Note that the output is lossy in some cases: it does not indicate POSIX
// regular expressions (those compiled by CompilePOSIX), or those for which
// Longest has been called.
func (re *Regexp) MarshalText() ([]byte, error) {
	return []byte(re.String()), nil
}

// AppendText implements encoding.TextAppender. The output matches that of
// calling the String method, with the same caveats as MarshalText.
func (re *Regexp) AppendText(b []byte) ([]byte, error) {
	return append(b, re.String()...), nil
}

// UnmarshalText implements encoding.TextUnmarshaler by calling Compile on
// the encoded value.
func (re *Regexp) UnmarshalText(text []byte) error {
	newRE, err := Compile(string(text))
	if err != nil {
		return err
	}
	*re = *newRE
	return nil
}

// QuoteMeta returns a string that escapes all regular expression
// metacharacters inside the argument text; the returned string is a
// regular expression matching the literal text.
func QuoteMeta(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if strings.IndexByte(`\.+*?()|[]{}^$`, s[i]) >= 0 {
			if b.Len() == 0 {
				b.Grow(2 * len(s))
				b.WriteString(s[:i])
			}
			b.WriteByte('\\')
		} else if b.Len() == 0 {
			continue
		}
		b.WriteByte(s[i])
	}
	if b.Len() == 0 {
		return s
	}
	return b.String()
}
