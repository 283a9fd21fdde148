package regex

// UsesRuns reports whether re's searches without groups are scans for
// runs of one class (meta.Plan.Runs), for the external tests.
func UsesRuns(re *Regexp) bool { return re.eng().plan.Runs != nil }

// Single builds the result of a FindAll*Index call with one match, whose
// slots are slots, as the calls on a single line do (single).
func Single(slots []int) [][]int { return single(slots) }
