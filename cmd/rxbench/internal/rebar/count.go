package rebar

import (
	"fmt"
	"regexp"
)

func parseCount(v any) ([]CountRule, error) {
	switch v := v.(type) {
	case nil:
		return nil, fmt.Errorf("missing")
	case int64:
		if v < 0 {
			return nil, fmt.Errorf("negative count %d", v)
		}
		return []CountRule{{Engine: ".*", Count: int(v)}}, nil
	case []map[string]any:
		// BurntSushi/toml decodes an array of inline tables this way.
		list := make([]any, len(v))
		for i, m := range v {
			list[i] = m
		}
		return parseCountList(list)
	case []any:
		return parseCountList(v)
	}
	return nil, fmt.Errorf("want an integer or an array of tables, got %T", v)
}

func parseCountList(list []any) ([]CountRule, error) {
	var rules []CountRule
	for _, e := range list {
		m, err := table(e, "engine", "count")
		if err != nil {
			return nil, err
		}
		eng, err := getString(m, "engine")
		if err != nil {
			return nil, err
		}
		n, ok, err := getInt(m, "count")
		if err != nil {
			return nil, err
		}
		if !ok {
			return nil, fmt.Errorf("count rule %q has no count", eng)
		}
		if _, err := regexp.Compile("^(?:" + eng + ")$"); err != nil {
			return nil, fmt.Errorf("count rule: %w", err)
		}
		rules = append(rules, CountRule{Engine: eng, Count: n})
	}
	if len(rules) == 0 {
		return nil, fmt.Errorf("empty array")
	}
	return rules, nil
}

// ExpectedCount returns the count of the first rule whose engine pattern
// matches engine in full, and false when no rule matches.
func (b *Benchmark) ExpectedCount(engine string) (int, bool) {
	for _, r := range b.Counts {
		if regexp.MustCompile("^(?:" + r.Engine + ")$").MatchString(engine) {
			return r.Count, true
		}
	}
	return 0, false
}
