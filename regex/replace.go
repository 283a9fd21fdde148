package regex

import (
	"bytes"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/rxjit/rxjit/regex/internal/nfa"
)

// ReplaceAllString returns a copy of src, replacing matches of the Regexp
// with the replacement string repl. Inside repl, $ signs are interpreted
// as in Expand.
func (re *Regexp) ReplaceAllString(src, repl string) string {
	n := 2
	if strings.Contains(repl, "$") {
		n = 2 * (re.numSubexp + 1)
	}
	b := re.replaceAll(stringBytes(src), n, func(dst []byte, match []int) []byte {
		return re.expand(dst, repl, stringBytes(src), match)
	})
	return string(b)
}

// ReplaceAllLiteralString returns a copy of src, replacing matches of the
// Regexp with the replacement string repl. The replacement repl is
// substituted directly, without using Expand.
func (re *Regexp) ReplaceAllLiteralString(src, repl string) string {
	return string(re.replaceAll(stringBytes(src), 2, func(dst []byte, match []int) []byte {
		return append(dst, repl...)
	}))
}

// ReplaceAllStringFunc returns a copy of src in which all matches of the
// Regexp have been replaced by the return value of function repl applied
// to the matched substring. The replacement returned by repl is
// substituted directly, without using Expand.
func (re *Regexp) ReplaceAllStringFunc(src string, repl func(string) string) string {
	b := re.replaceAll(stringBytes(src), 2, func(dst []byte, match []int) []byte {
		return append(dst, repl(src[match[0]:match[1]])...)
	})
	return string(b)
}

// ReplaceAll returns a copy of src, replacing matches of the Regexp with
// the replacement text repl. Inside repl, $ signs are interpreted as in
// Expand.
func (re *Regexp) ReplaceAll(src, repl []byte) []byte {
	n := 2
	if bytes.IndexByte(repl, '$') >= 0 {
		n = 2 * (re.numSubexp + 1)
	}
	srepl := ""
	return re.replaceAll(src, n, func(dst []byte, match []int) []byte {
		if len(srepl) != len(repl) {
			srepl = string(repl)
		}
		return re.expand(dst, srepl, src, match)
	})
}

// ReplaceAllLiteral returns a copy of src, replacing matches of the Regexp
// with the replacement bytes repl. The replacement repl is substituted
// directly, without using Expand.
func (re *Regexp) ReplaceAllLiteral(src, repl []byte) []byte {
	return re.replaceAll(src, 2, func(dst []byte, match []int) []byte {
		return append(dst, repl...)
	})
}

// ReplaceAllFunc returns a copy of src in which all matches of the Regexp
// have been replaced by the return value of function repl applied to the
// matched byte slice. The replacement returned by repl is substituted
// directly, without using Expand.
func (re *Regexp) ReplaceAllFunc(src []byte, repl func([]byte) []byte) []byte {
	return re.replaceAll(src, 2, func(dst []byte, match []int) []byte {
		return append(dst, repl(src[match[0]:match[1]])...)
	})
}

// replaceAll copies src to a new buffer, letting repl append the
// replacement of each match (found with nmatch capture slots). As in
// regexp, an empty match right after a previous match is not replaced, and
// the search always advances by at least one rune.
func (re *Regexp) replaceAll(src []byte, nmatch int, repl func(dst []byte, m []int) []byte) []byte {
	lastMatchEnd := 0
	searchPos, inner, cold := re.firstCandidate(src)
	if searchPos < 0 {
		return append([]byte(nil), src...)
	}
	var buf []byte
	end := len(src)
	if nmatch > re.numSlots() {
		nmatch = re.numSlots()
	}
	var dstCap [2]int
	sh := callState{all: true, inner: inner, cold: cold, lastEnd: -1} // shared by all the searches
	defer sh.release()
	sh.spans = nmatch <= 2 && !cold && re.spannable(inner)
	for searchPos <= end {
		if sh.spans {
			// Span searches find the matches that follow, non-empty
			// ones only: each is replaced as the search below would
			// have it, and the search goes on where they stop.
			spans := matchLists.Get().(*matchList)
			spans.ncap = 2
			searchPos, _ = re.spanSearch(&sh, src, searchPos, lastMatchEnd, len(src)+1, spans)
			spans.each(func(_ int, m []int) {
				buf = append(buf, src[lastMatchEnd:m[0]]...)
				buf = repl(buf, m)
				lastMatchEnd = m[1]
			})
			spans.release()
		}
		a := re.execIn(&sh, src, searchPos, nmatch, dstCap[:0])
		if a == nil {
			break
		}
		buf = append(buf, src[lastMatchEnd:a[0]]...)
		if a[1] > lastMatchEnd || a[0] == 0 {
			buf = repl(buf, a)
		}
		lastMatchEnd, sh.lastEnd = a[1], a[1]

		width := 0
		if searchPos < end {
			width = nfa.RuneWidth(src, searchPos)
		}
		switch {
		case searchPos+width > a[1]:
			searchPos += width
		case searchPos+1 > a[1]:
			// Only at the end of the input, where width is 0.
			searchPos++
		default:
			searchPos = a[1]
		}
	}
	return append(buf, src[lastMatchEnd:]...)
}

// Expand appends template to dst and returns the result; during the
// append, Expand replaces variables in the template with corresponding
// matches drawn from src. The match slice should have been returned by
// FindSubmatchIndex.
//
// In the template, a variable is denoted by a substring of the form $name
// or ${name}, where name is a non-empty sequence of letters, digits, and
// underscores. A purely numeric name like $1 refers to the submatch with
// the corresponding index; other names refer to capturing parentheses
// named with the (?P<name>...) syntax. A reference to an out of range or
// unmatched index or a name that is not present in the regular expression
// is replaced with an empty slice.
//
// In the $name form, name is taken to be as long as possible: $1x is
// equivalent to ${1x}, not ${1}x, and, $10 is equivalent to ${10}, not
// ${1}0.
//
// To insert a literal $ in the output, use $$ in the template.
func (re *Regexp) Expand(dst []byte, template []byte, src []byte, match []int) []byte {
	return re.expand(dst, string(template), src, match)
}

// ExpandString is like Expand but the template and source are strings. It
// appends to and returns a byte slice in order to give the calling code
// control over allocation.
func (re *Regexp) ExpandString(dst []byte, template string, src string, match []int) []byte {
	return re.expand(dst, template, stringBytes(src), match)
}

func (re *Regexp) expand(dst []byte, template string, src []byte, match []int) []byte {
	for len(template) > 0 {
		before, after, ok := strings.Cut(template, "$")
		if !ok {
			break
		}
		dst = append(dst, before...)
		template = after
		if template != "" && template[0] == '$' {
			dst = append(dst, '$')
			template = template[1:]
			continue
		}
		name, num, rest, ok := extract(template)
		if !ok {
			// Malformed: the $ is literal text.
			dst = append(dst, '$')
			continue
		}
		template = rest
		if num >= 0 {
			if 2*num+1 < len(match) && match[2*num] >= 0 {
				dst = append(dst, src[match[2*num]:match[2*num+1]]...)
			}
			continue
		}
		// The first group of that name that took part in the match.
		for i, groupName := range re.subexpNames {
			if name == groupName && 2*i+1 < len(match) && match[2*i] >= 0 {
				dst = append(dst, src[match[2*i]:match[2*i+1]]...)
				break
			}
		}
	}
	return append(dst, template...)
}

// extract parses a name or number at the start of str, after a '$': it
// returns the name, its number if it is one (or -1), the rest of str, and
// whether a name was found.
func extract(str string) (name string, num int, rest string, ok bool) {
	if str == "" {
		return
	}
	brace := false
	if str[0] == '{' {
		brace = true
		str = str[1:]
	}
	i := 0
	for i < len(str) {
		r, size := utf8.DecodeRuneInString(str[i:])
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '_' {
			break
		}
		i += size
	}
	if i == 0 {
		return
	}
	name = str[:i]
	if brace {
		if i >= len(str) || str[i] != '}' {
			return
		}
		i++
	}
	num = 0
	for j := 0; j < len(name); j++ {
		if name[j] < '0' || '9' < name[j] || num >= 1e8 {
			num = -1
			break
		}
		num = num*10 + int(name[j]) - '0'
	}
	if name[0] == '0' && len(name) > 1 {
		// No leading zeros.
		num = -1
	}
	return name, num, str[i:], true
}

// Split slices s into substrings separated by the expression and returns
// a slice of the substrings between those expression matches.
//
// The slice returned by this method consists of all the substrings of s
// not contained in the slice returned by FindAllString. When called on an
// expression that contains no metacharacters, it is equivalent to
// strings.SplitN.
//
// Example:
//
//	s := regex.MustCompile("a*").Split("abaabaccadaaae", 5)
//	// s: ["", "b", "b", "c", "cadaaae"]
//
// The count determines the number of substrings to return:
//   - n > 0: at most n substrings; the last substring will be the unsplit
//     remainder;
//   - n == 0: the result is nil (zero substrings);
//   - n < 0: all substrings.
func (re *Regexp) Split(s string, n int) []string {
	if n == 0 {
		return nil
	}
	if len(re.expr) > 0 && len(s) == 0 {
		return []string{""}
	}
	matches := re.FindAllStringIndex(s, n)
	strs := make([]string, 0, len(matches))
	beg, end := 0, 0
	for _, match := range matches {
		if n > 0 && len(strs) >= n-1 {
			break
		}
		end = match[0]
		if match[1] != 0 {
			strs = append(strs, s[beg:end])
		}
		beg = match[1]
	}
	if end != len(s) {
		strs = append(strs, s[beg:])
	}
	return strs
}
