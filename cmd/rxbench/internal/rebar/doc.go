// Package rebar reads the rebar benchmark suite as data: the definition
// files under benchmarks/definitions, the pattern files under
// benchmarks/regexes and the haystack files under benchmarks/haystacks.
//
// It turns each [[bench]] entry into a Benchmark whose patterns and
// haystack are built exactly as rebar's FORMAT.md describes (literal
// escaping, per-line alternation, trim, line ranges, repetition, prepend
// and append, lossy UTF-8 conversion), and whose expected count can be
// resolved for a given engine name. It knows nothing about regex engines
// or timing.
package rebar
