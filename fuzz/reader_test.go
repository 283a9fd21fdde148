package fuzz

import (
	"fmt"
	"io"
	"testing"
)

// readSlack is how many more runes than regexp rxjit's RuneReader methods
// may read from the same reader: none (regex/reader_test.go holds the
// same bound over Go's corpora).
const readSlack = 0

// observeReaders calls the RuneReader methods of m on two streams made
// from in: the input cycled until it has yielded 2·len(in)+16 runes (to
// the engines, a stream that might not end), and the odd sizes of
// OddRunes. It returns the answers and, for each call, the runes read.
// Inputs above leanLimit are left to observeLean.
func observeReaders(m matcher, in []byte) (obs []observation, reads []int) {
	if len(in) > leanLimit {
		return nil, nil
	}
	streams := []struct {
		name string
		new  func() io.RuneReader
	}{
		{"cycle", func() io.RuneReader { return &CycleReader{Text: in, Limit: 2*len(in) + 16} }},
		{"odd", func() io.RuneReader { rs := OddRunes(in); return &rs }},
	}
	for _, s := range streams {
		for _, call := range []struct {
			name string
			f    func(io.RuneReader) any
		}{
			{"MatchReader", func(r io.RuneReader) any { return m.MatchReader(r) }},
			{"FindReaderIndex", func(r io.RuneReader) any { return m.FindReaderIndex(r) }},
			{"FindReaderSubmatchIndex", func(r io.RuneReader) any { return m.FindReaderSubmatchIndex(r) }},
		} {
			r := &CountingReader{R: s.new()}
			obs = append(obs, observation{fmt.Sprintf("%s(%s)", call.name, s.name), call.f(r)})
			reads = append(reads, r.Reads)
		}
	}
	return obs, reads
}

// checkReads fails t if rxjit read more runes than regexp, beyond
// readSlack, in any call of observeReaders.
func checkReads(t *testing.T, what string, got, want []int) {
	t.Helper()
	for i := range min(len(got), len(want)) {
		if got[i] > want[i]+readSlack {
			t.Errorf("%s: reader call %d read %d runes, regexp %d", what, i, got[i], want[i])
		}
	}
}
