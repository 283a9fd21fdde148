package regex

// UsesRuns reports whether re's searches without groups are scans for
// runs of one class (meta.Plan.Runs), for the external tests.
func UsesRuns(re *Regexp) bool { return re.eng().plan.Runs != nil }
