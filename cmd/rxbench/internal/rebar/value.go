package rebar

import (
	"fmt"
	"sort"
)

// table checks that v is a TOML table whose keys are all in allowed and
// returns it.
func table(v any, allowed ...string) (map[string]any, error) {
	m, ok := v.(map[string]any)
	if !ok {
		return nil, fmt.Errorf("want a table, got %T", v)
	}
	var unknown []string
	for k := range m {
		found := false
		for _, a := range allowed {
			found = found || a == k
		}
		if !found {
			unknown = append(unknown, k)
		}
	}
	if len(unknown) > 0 {
		sort.Strings(unknown)
		return nil, fmt.Errorf("unknown keys %v", unknown)
	}
	return m, nil
}

// getString returns m[key] as a string, or "" when absent.
func getString(m map[string]any, key string) (string, error) {
	v, ok := m[key]
	if !ok {
		return "", nil
	}
	s, ok := v.(string)
	if !ok {
		return "", fmt.Errorf("%s: want a string, got %T", key, v)
	}
	return s, nil
}

// getBool returns m[key] as a bool, or false when absent.
func getBool(m map[string]any, key string) (bool, error) {
	v, ok := m[key]
	if !ok {
		return false, nil
	}
	b, ok := v.(bool)
	if !ok {
		return false, fmt.Errorf("%s: want a boolean, got %T", key, v)
	}
	return b, nil
}

// getInt returns m[key] as a non-negative int and whether it was present.
func getInt(m map[string]any, key string) (int, bool, error) {
	v, ok := m[key]
	if !ok {
		return 0, false, nil
	}
	n, ok := v.(int64)
	if !ok {
		return 0, false, fmt.Errorf("%s: want an integer, got %T", key, v)
	}
	if n < 0 {
		return 0, false, fmt.Errorf("%s: negative value %d", key, n)
	}
	return int(n), true, nil
}

// stringList accepts a string or an array of strings.
func stringList(v any) ([]string, error) {
	switch v := v.(type) {
	case string:
		return []string{v}, nil
	case []any:
		out := make([]string, 0, len(v))
		for _, e := range v {
			s, ok := e.(string)
			if !ok {
				return nil, fmt.Errorf("want strings, got %T", e)
			}
			out = append(out, s)
		}
		return out, nil
	}
	return nil, fmt.Errorf("want a string or an array of strings, got %T", v)
}
