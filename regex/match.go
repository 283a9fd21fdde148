package regex

import "io"

// MatchReader reports whether the text returned by the RuneReader contains
// any match of the regular expression re.
func (re *Regexp) MatchReader(r io.RuneReader) bool {
	return re.execReader(r, 0) != nil
}

// MatchString reports whether the string s contains any match of the
// regular expression re.
func (re *Regexp) MatchString(s string) bool {
	return re.match(stringBytes(s))
}

// Match reports whether the byte slice b contains any match of the regular
// expression re.
func (re *Regexp) Match(b []byte) bool {
	return re.match(b)
}

// MatchReader reports whether the text returned by the RuneReader contains
// any match of the regular expression pattern. More complicated queries
// need to use Compile and the full Regexp interface.
func MatchReader(pattern string, r io.RuneReader) (matched bool, err error) {
	re, err := Compile(pattern)
	if err != nil {
		return false, err
	}
	return re.MatchReader(r), nil
}

// MatchString reports whether the string s contains any match of the
// regular expression pattern. More complicated queries need to use
// Compile and the full Regexp interface.
func MatchString(pattern string, s string) (matched bool, err error) {
	re, err := Compile(pattern)
	if err != nil {
		return false, err
	}
	return re.MatchString(s), nil
}

// Match reports whether the byte slice b contains any match of the regular
// expression pattern. More complicated queries need to use Compile and the
// full Regexp interface.
func Match(pattern string, b []byte) (matched bool, err error) {
	re, err := Compile(pattern)
	if err != nil {
		return false, err
	}
	return re.Match(b), nil
}
