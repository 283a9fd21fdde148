package engine

// stdRegexp is the subset of the standard regexp API that the engines
// modelled on it (regexp, grafana/regexp, go-re2, rxjit) share.
type stdRegexp interface {
	Match(b []byte) bool
	FindAllIndex(b []byte, n int) [][]int
	FindAllSubmatchIndex(b []byte, n int) [][]int
}

// stdRegex adapts a stdRegexp to Regex with the calls a Go programmer
// would write: Match for a yes/no answer, FindAllIndex for spans and
// FindAllSubmatchIndex for groups. These are also the calls rebar's own
// go/regexp runner makes, so the numbers are comparable with its records.
type stdRegex struct{ re stdRegexp }

// IsMatch calls Match.
func (s stdRegex) IsMatch(b []byte) (bool, error) { return s.re.Match(b), nil }

// Count counts the results of FindAllIndex.
func (s stdRegex) Count(b []byte) (int, error) { return len(s.re.FindAllIndex(b, -1)), nil }

// SumSpans sums the lengths of the results of FindAllIndex.
func (s stdRegex) SumSpans(b []byte) (int, error) {
	n := 0
	for _, m := range s.re.FindAllIndex(b, -1) {
		n += m[1] - m[0]
	}
	return n, nil
}

// CountCaptures counts the groups that FindAllSubmatchIndex reports as
// matched (start index not -1).
func (s stdRegex) CountCaptures(b []byte) (int, error) {
	n := 0
	for _, m := range s.re.FindAllSubmatchIndex(b, -1) {
		for i := 0; i < len(m); i += 2 {
			if m[i] >= 0 {
				n++
			}
		}
	}
	return n, nil
}
