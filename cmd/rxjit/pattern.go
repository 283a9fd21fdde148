package main

import (
	"fmt"
	"regexp/syntax"
	"strings"
	"unicode/utf8"
)

// patternSources holds the regular expressions, as source text, that the
// command line's patterns and flags turn into.
type patternSources struct {
	// none is set when there is no pattern at all (-f on an empty file):
	// then nothing matches.
	none bool
	// core is the user's patterns as one expression: an alternation of
	// literals with -F or when every pattern is literal, otherwise an
	// alternation of non-capturing groups, with (?i) in front for -i.
	core string
	// line finds matches inside one isolated line (or NUL-terminated record
	// with -z). With -w its group 1 is the match and the expression also
	// consumes the non-word byte on each side.
	line string
	// wordCont, with -w only, finds the next word match in line[pos-1:] for
	// a pos > 0: its first byte is the non-word byte before the match.
	wordCont string
	// buffer finds, in a whole buffer starting at a line start, the next
	// line that may match: the core, which never matches across a newline
	// (newlines leave every class, ^ and $ become line anchors). With -w
	// and -x a line it finds is only a candidate, confirmed by line: the
	// core keeps the literals the library's fast search looks for, which
	// the -w and -x wrappers would hide. It is unused with -z (perRecord),
	// which matches record by record with line.
	buffer    string
	perRecord bool
	// inner is a literal that every match of buffer contains but that
	// does not begin every match (the library's own literal search
	// handles those), or "": lines without it cannot match, and a byte
	// search for it skips them (see matcher.next).
	inner string
}

// nonWord is a character that is not a word character, for -w.
const nonWord = `[^0-9A-Za-z_]`

// patternError is a pattern that does not compile: it carries the pattern
// and the 1-based column where the problem was found.
type patternError struct {
	pattern string
	column  int
	err     error
}

// Error returns the parser's message, the pattern and a caret under the
// column.
func (e *patternError) Error() string {
	return fmt.Sprintf("%s\n  %s\n  %s^ column %d", e.err, e.pattern, strings.Repeat(" ", e.column-1), e.column)
}

// buildSources turns the patterns of o into the expressions the matcher
// compiles. Each pattern is split on newlines, as grep does, and each piece
// is parsed on its own first so that an error names the piece and the
// column.
func buildSources(o *options) (*patternSources, error) {
	var pieces []string
	for _, p := range o.patterns {
		pieces = append(pieces, strings.Split(p, "\n")...)
	}
	if len(pieces) == 0 {
		return &patternSources{none: true}, nil
	}
	allLiteral := true
	for i, p := range pieces {
		if o.fixed {
			pieces[i] = quoteMeta(p)
			continue
		}
		if _, err := syntax.Parse(p, syntax.Perl); err != nil {
			return nil, &patternError{pattern: p, column: errorColumn(p, err), err: err}
		}
		if quoteMeta(p) != p {
			allLiteral = false
		}
	}
	var core string
	if allLiteral || len(pieces) == 1 {
		// A plain alternation of literals is what the library's literal
		// search recognizes most directly.
		core = strings.Join(pieces, "|")
	} else {
		core = "(?:" + strings.Join(pieces, ")|(?:") + ")"
	}
	if o.ignoreCase {
		core = "(?i)" + core
	}
	s := &patternSources{core: core}
	bufCore, err := lineBound(core)
	if err != nil {
		return nil, err
	}
	s.buffer = bufCore
	if re, err := syntax.Parse(bufCore, syntax.Perl); err == nil {
		s.inner = innerLiteral(re.Simplify())
	}
	switch {
	case o.line:
		s.line = `^(?:` + core + `)$`
	case o.word:
		s.line = `(?:^|` + nonWord + `)(` + core + `)(?:$|` + nonWord + `)`
		s.wordCont = nonWord + `(` + core + `)(?:$|` + nonWord + `)`
	default:
		s.line = core
	}
	if o.nullData {
		s.buffer, s.perRecord = "", true
	}
	return s, nil
}

// minInner is the shortest inner literal worth searching for: shorter ones
// occur too often for the lines they rule out to pay for the search.
const minInner = 3

// innerLiteral returns the longest literal that every match of re
// contains, if it has at least minInner bytes and does not start every
// match; otherwise "". It looks at the literals of the top-level
// concatenation (through groups and repetitions of at least one); a
// case-folded literal names no bytes.
func innerLiteral(re *syntax.Regexp) string {
	best := ""
	var walk func(re *syntax.Regexp, atStart bool)
	walk = func(re *syntax.Regexp, atStart bool) {
		switch re.Op {
		case syntax.OpLiteral:
			if re.Flags&syntax.FoldCase == 0 && !atStart && len(string(re.Rune)) > len(best) {
				best = string(re.Rune)
			}
		case syntax.OpCapture, syntax.OpPlus:
			walk(re.Sub[0], atStart)
		case syntax.OpRepeat:
			if re.Min >= 1 {
				walk(re.Sub[0], atStart)
			}
		case syntax.OpConcat:
			for i, sub := range re.Sub {
				walk(sub, atStart && i == 0)
			}
		}
	}
	walk(re, true)
	if len(best) < minInner || strings.ContainsRune(best, utf8.RuneError) {
		return ""
	}
	return best
}

// lineBound rewrites src so that, run over a whole buffer, it matches only
// within one line, exactly where src run over that line alone would match:
// ^ and $ (and \A, \z) become line anchors, newlines leave every character
// class, and a literal newline can never match. When src needs none of
// this it is returned unchanged, so the library sees the user's own text.
func lineBound(src string) (string, error) {
	re, err := syntax.Parse(src, syntax.Perl)
	if err != nil {
		return "", err
	}
	if !needsLineBound(re) {
		return src, nil
	}
	bindToLine(re)
	return re.String(), nil
}

// needsLineBound reports whether re has anything that could match a newline
// or anchor at the text's edges.
func needsLineBound(re *syntax.Regexp) bool {
	switch re.Op {
	case syntax.OpBeginText, syntax.OpEndText, syntax.OpAnyChar:
		return true
	case syntax.OpLiteral:
		for _, r := range re.Rune {
			if r == '\n' {
				return true
			}
		}
	case syntax.OpCharClass:
		for i := 0; i+1 < len(re.Rune); i += 2 {
			if re.Rune[i] <= '\n' && '\n' <= re.Rune[i+1] {
				return true
			}
		}
	}
	for _, sub := range re.Sub {
		if needsLineBound(sub) {
			return true
		}
	}
	return false
}

// bindToLine applies the rewrite described at lineBound to re in place.
func bindToLine(re *syntax.Regexp) {
	switch re.Op {
	case syntax.OpBeginText:
		re.Op = syntax.OpBeginLine
	case syntax.OpEndText:
		re.Op = syntax.OpEndLine
	case syntax.OpAnyChar:
		re.Op = syntax.OpAnyCharNotNL
	case syntax.OpLiteral:
		for _, r := range re.Rune {
			if r == '\n' {
				*re = syntax.Regexp{Op: syntax.OpNoMatch}
				return
			}
		}
	case syntax.OpCharClass:
		var out []rune
		for i := 0; i+1 < len(re.Rune); i += 2 {
			lo, hi := re.Rune[i], re.Rune[i+1]
			if lo <= '\n' && '\n' <= hi {
				if lo < '\n' {
					out = append(out, lo, '\n'-1)
				}
				if hi > '\n' {
					out = append(out, '\n'+1, hi)
				}
				continue
			}
			out = append(out, lo, hi)
		}
		if len(out) == 0 {
			*re = syntax.Regexp{Op: syntax.OpNoMatch}
			return
		}
		re.Rune = out
	}
	for _, sub := range re.Sub {
		bindToLine(sub)
	}
}

// errorColumn finds the 1-based column of pattern where err, a parse error
// of pattern, was found. The parser reports the offending fragment rather
// than an offset; for an unclosed group the fragment is the whole pattern,
// so the column of the unmatched '(' is computed instead.
func errorColumn(pattern string, err error) int {
	se, ok := err.(*syntax.Error)
	if !ok {
		return 1
	}
	if se.Code == syntax.ErrMissingParen {
		if i := unclosedParen(pattern); i >= 0 {
			return i + 1
		}
	}
	if i := strings.LastIndex(pattern, se.Expr); i >= 0 && se.Expr != "" {
		return i + 1
	}
	return 1
}

// unclosedParen returns the byte offset of the last '(' in pattern that is
// never closed, skipping escapes and bracket expressions, or -1.
func unclosedParen(pattern string) int {
	var open []int
	inClass := false
	for i := 0; i < len(pattern); i++ {
		switch c := pattern[i]; {
		case c == '\\':
			i++
		case inClass:
			if c == ']' {
				inClass = false
			}
		case c == '[':
			inClass = true
			if i+1 < len(pattern) && pattern[i+1] == ']' {
				i++
			}
		case c == '(':
			open = append(open, i)
		case c == ')' && len(open) > 0:
			open = open[:len(open)-1]
		}
	}
	if len(open) == 0 {
		return -1
	}
	return open[len(open)-1]
}
