package prefilter

import (
	"bytes"
	"cmp"
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/rxjit/rxjit/regex/internal/literal"
)

// Spec is the candidate scan of a Literals prefilter: up to MaxProbes
// probes, each testing the byte at a fixed offset from a position. It is
// built once, in Go; the generated loop (codegen/litscan, through package
// jit) and GoScan read the same tables.
//
// A probe is Exact, b == B; Eq, (b | A) == B for single bytes A and B;
// or Nibble, the Teddy test lo[b&15] & hi[b>>4], whose 8 bits are buckets
// of literals. A position is a candidate when the AND of its probes' bits
// is not zero; for Exact and Eq the bits are 1 (one bucket).
type Spec struct {
	// Kind is the kind of every probe.
	Kind ProbeKind
	// Offsets holds the probes' offsets, Window the largest.
	Offsets []int
	Window  int
	// Scratch is the generated loop's table: ProbeBytes per probe, A then
	// B (Eq: each byte 32 times; Nibble: each 16-byte table twice).
	Scratch []byte
	// table[i][b] is probe i's bits for the byte b.
	table [MaxProbes][256]uint8
	// lead is the Exact-able probe (A is 0) whose byte is rarest, which
	// GoScan finds with bytes.IndexByte, or -1.
	lead int
}

// ProbeKind is how the probes of a Spec test a byte; the values are
// codegen/litscan's Kind.
type ProbeKind uint8

// The probe kinds.
const (
	Eq ProbeKind = iota
	Nibble
	Exact
)

// MaxProbes is the most probes a Spec holds (codegen/litscan.MaxProbes).
const MaxProbes = 3

// ProbeBytes is the scratch size of one probe (codegen/litscan.ProbeBytes).
const ProbeBytes = 64

// bits returns the AND of the probes' bits at position p; p+Window must be
// inside hay.
func (s *Spec) bits(hay []byte, p int) uint8 {
	bits := uint8(0xFF)
	for i, off := range s.Offsets {
		bits &= s.table[i][hay[p+off]]
	}
	return bits
}

// A Scanner finds candidates: Scan returns the first position p >= at
// whose probe bits are not zero and whose window lies in hay
// (p+s.Window < len(hay)), or -1.
type Scanner interface {
	Scan(s *Spec, hay []byte, at int) int
}

// GoScan is the Scanner written in Go.
type GoScan struct{}

// Scan implements Scanner.
func (GoScan) Scan(s *Spec, hay []byte, at int) int {
	last := len(hay) - 1 - s.Window
	if s.lead >= 0 {
		// Jump to the lead probe's byte, then test the others.
		off, b := s.Offsets[s.lead], s.Scratch[ProbeBytes*s.lead+32]
		for p := at; p <= last; p++ {
			i := bytes.IndexByte(hay[p+off:len(hay)-s.Window+off], b)
			if i < 0 {
				return -1
			}
			if p += i; s.bits(hay, p) != 0 {
				return p
			}
		}
		return -1
	}
	switch len(s.Offsets) {
	case 1:
		t0, o0 := &s.table[0], s.Offsets[0]
		for p := at; p <= last; p++ {
			if t0[hay[p+o0]] != 0 {
				return p
			}
		}
	case 2:
		t0, t1, o0, o1 := &s.table[0], &s.table[1], s.Offsets[0], s.Offsets[1]
		for p := at; p <= last; p++ {
			if t0[hay[p+o0]]&t1[hay[p+o1]] != 0 {
				return p
			}
		}
	default:
		t0, t1, t2 := &s.table[0], &s.table[1], &s.table[2]
		o0, o1, o2 := s.Offsets[0], s.Offsets[1], s.Offsets[2]
		for p := at; p <= last; p++ {
			if t0[hay[p+o0]]&t1[hay[p+o1]]&t2[hay[p+o2]] != 0 {
				return p
			}
		}
	}
	return -1
}

// Per-byte cost model for choosing probes, in nanoseconds. These are
// estimates, not measurements of each term: a probe's cost per position
// is its share of the generated loop (Exact and Eq 2-3 instructions per
// 32 positions, Nibble about 8), and candidateCost is the order of the
// per-match overhead BenchmarkLiterals' profiles show (50-100 ns to leave
// the scan, check the literals and run what follows); the values were
// then checked against BenchmarkLiterals' rows. The estimated rates
// assume the probes' bytes independent, which text is not (a pair such as
// "sh" is far more common than 's' and 'h' apart say), so candidateCost
// is set high, and each probe past the first counts its rate
// probeCorrelation times higher: (?i)Sherlock then gets a third probe
// rather than the pair "sh", which its estimate puts at 0.03% of
// positions and English text at about 0.5%.
const (
	eqProbeCost      = 0.012
	nibbleProbeCost  = 0.03
	candidateCost    = 100
	probeCorrelation = 8
)

// minProbeRate is the least share of positions a probe is expected to
// pass, whatever literal.Freq says of its bytes. The frequencies come from
// prose; in other text a letter rare there, such as the 'Z' of Go's
// BenchmarkMatch/Easy0 pattern in its random text (one byte in 95), is
// common, and a single probe on it stopped the scan every hundred bytes
// (4 GB/s, a third of regexp's substring search). With the floor, the
// estimate of one probe never beats two probes' by much, and a second
// probe costs a compare per 32 bytes.
const minProbeRate = 1.0 / 256

// probeRate returns the estimated share of positions a probe passes, from
// the sum of literal.Freq over the bytes it accepts.
func probeRate(freq float64) float64 { return max(freq/(1<<24), minProbeRate) }

// chooseSpec picks the probes for lits and the buckets of Nibble probes.
// It fails when no choice keeps the candidate rate under
// maxCandidateRate.
func chooseSpec(lits [][]byte) (Spec, [][]uint8, bool) {
	best, bestCost := Spec{}, 0.0
	var bestGroups [][]uint8
	candidateSpecs(lits, func(s Spec, groups [][]uint8, rate, probeCost float64) {
		cost, ok := specCost(len(s.Offsets), rate, probeCost)
		if ok && (bestGroups == nil || cost < bestCost) {
			best, bestGroups, bestCost = s, groups, cost
		}
	})
	return best, bestGroups, bestGroups != nil
}

// specCost returns the estimated cost per byte of a scan of n probes of
// probeCost each that stops at the estimated share rate of positions
// (each probe past the first counting probeCorrelation times higher),
// and whether that rate is within maxCandidateRate.
func specCost(n int, rate, probeCost float64) (float64, bool) {
	rate *= math.Pow(probeCorrelation, float64(n-1))
	return float64(n)*probeCost + rate*candidateCost, rate <= maxCandidateRate
}

// CandidateSpecs returns every Spec chooseSpec weighs for lits, of each
// kind and number of probes it can form: scanners are tested on all of
// them, including those the cost model rarely picks.
func CandidateSpecs(lits [][]byte) []*Spec {
	var specs []*Spec
	candidateSpecs(lits, func(s Spec, _ [][]uint8, _, _ float64) { specs = append(specs, &s) })
	return specs
}

// candidateSpecs calls consider with each Spec for lits, its buckets, its
// estimated candidate rate and the cost per byte of one of its probes.
func candidateSpecs(lits [][]byte, consider func(s Spec, groups [][]uint8, rate, probeCost float64)) {
	minLen := len(lits[0])
	for _, lit := range lits {
		minLen = min(minLen, len(lit))
	}
	all := make([]uint8, len(lits))
	for i := range all {
		all[i] = uint8(i)
	}
	// The candidate probes of each kind, rarest first, then the best
	// prefix of each list.
	eq, offs := eqProbes(lits, minLen), nibbleOffsets(lits, minLen)
	for n := 1; n <= MaxProbes; n++ {
		if n <= len(eq) {
			s, rate := eqSpec(eq[:n])
			consider(s, [][]uint8{all}, rate, eqProbeCost)
		}
		if n <= len(offs) {
			offsets := slices.Sorted(slices.Values(offs[:n]))
			s, groups, rate := nibbleSpecAt(lits, offsets)
			consider(s, groups, rate, nibbleProbeCost)
		}
	}
}

// eqProbe is an Eq test at an offset, with its estimated rate.
type eqProbe struct {
	off  int
	a, b byte
	rate float64
}

// eqProbes returns the offsets whose bytes, over every literal, form an Eq
// test, rarest first.
func eqProbes(lits [][]byte, minLen int) []eqProbe {
	var probes []eqProbe
	for off := 0; off < minLen; off++ {
		lo, hi := lits[0][off], lits[0][off]
		for _, lit := range lits[1:] {
			lo, hi = min(lo, lit[off]), max(hi, lit[off])
		}
		// Every literal's byte must be lo or hi, and they may differ in
		// one bit only.
		diff := lo ^ hi
		if diff&(diff-1) != 0 {
			continue
		}
		ok := true
		for _, lit := range lits {
			ok = ok && (lit[off] == lo || lit[off] == hi)
		}
		if !ok {
			continue
		}
		probes = append(probes, eqProbe{off, diff, hi, setRate(lo, hi)})
	}
	slices.SortStableFunc(probes, func(x, y eqProbe) int { return cmp.Compare(x.rate, y.rate) })
	return probes
}

// setRate returns the estimated share of positions an Eq probe passes
// that accepts the bytes b0 and b1 (equal for one byte).
func setRate(b0, b1 byte) float64 {
	freq := float64(literal.Freq(b0))
	if b1 != b0 {
		freq += float64(literal.Freq(b1))
	}
	return leadRate(probeRate(freq), isLead(b0) && isLead(b1))
}

// minLeadRate is the least share of positions a probe is expected to
// pass whose bytes are all UTF-8 lead bytes: they tell the script, not
// the letter, and in text of that script every other byte is one. The
// frequency table, from text in many scripts, puts D0 at 7.6%; in Russian
// text a probe on it passed a third of the positions, and three probes
// of which one tested a lead byte stopped seven times per match of rebar's
// Russian alternation.
const minLeadRate = 1.0 / 3

// leadRate returns rate, or minLeadRate if the probe accepts only lead
// bytes and rate is below it.
func leadRate(rate float64, allLead bool) float64 {
	if allLead {
		return max(rate, minLeadRate)
	}
	return rate
}

// isLead reports whether c starts a multi-byte UTF-8 encoding.
func isLead(c byte) bool { return 0xC2 <= c && c <= 0xF4 }

// eqSpec returns the Spec of the probes (rarest first) and its estimated
// candidate rate.
func eqSpec(probes []eqProbe) (Spec, float64) {
	probes = slices.Clone(probes)
	s := Spec{Kind: Exact, lead: -1}
	for i, p := range probes {
		if p.a != 0 {
			s.Kind = Eq
		} else if s.lead < 0 {
			s.lead = i // the rarest, as probes are sorted by rate
		}
	}
	if s.lead >= 0 {
		probes[0], probes[s.lead] = probes[s.lead], probes[0]
		s.lead = 0
	}
	rate := 1.0
	for i, p := range probes {
		s.Offsets = append(s.Offsets, p.off)
		s.Window = max(s.Window, p.off)
		s.Scratch = append(s.Scratch, bytes.Repeat([]byte{p.a}, 32)...)
		s.Scratch = append(s.Scratch, bytes.Repeat([]byte{p.b}, 32)...)
		for c := range 256 {
			if byte(c)|p.a == p.b {
				s.table[i][c] = 1
			}
		}
		rate *= p.rate
	}
	return s, rate
}

// nibbleOffsets returns the offsets below minLen for Teddy probes, those
// whose bytes over all literals (ASCII case folded together) are rarest
// first.
func nibbleOffsets(lits [][]byte, minLen int) []int {
	rates := make([]float64, minLen)
	for off := range rates {
		var seen [256]bool
		for _, lit := range lits {
			for _, c := range foldASCII(lit[off]) {
				if !seen[c] {
					seen[c] = true
					rates[off] += float64(literal.Freq(c))
				}
			}
		}
	}
	offs := make([]int, minLen)
	for i := range offs {
		offs[i] = i
	}
	slices.SortStableFunc(offs, func(x, y int) int { return cmp.Compare(rates[x], rates[y]) })
	return offs
}

// nibbleSpecAt groups the literals into at most 8 buckets by their bytes
// at offsets and returns the Spec of Teddy probes there, the buckets and
// the estimated candidate rate.
func nibbleSpecAt(lits [][]byte, offsets []int) (Spec, [][]uint8, float64) {
	s := Spec{Kind: Nibble, lead: -1}
	for _, off := range offsets {
		s.Offsets = append(s.Offsets, off)
		s.Window = max(s.Window, off)
	}

	// Group the literals by their case-folded bytes at the offsets, then
	// merge neighbouring groups (in key order) down to 8 buckets.
	key := func(lit []byte) string {
		k := make([]byte, len(s.Offsets))
		for i, off := range s.Offsets {
			k[i] = lower(lit[off])
		}
		return string(k)
	}
	byKey := map[string][]uint8{}
	var keys []string
	for i, lit := range lits {
		k := key(lit)
		if _, ok := byKey[k]; !ok {
			keys = append(keys, k)
		}
		byKey[k] = append(byKey[k], uint8(i))
	}
	slices.Sort(keys)
	groups := make([][]uint8, min(8, len(keys)))
	for i, k := range keys {
		g := i * len(groups) / len(keys)
		groups[g] = append(groups[g], byKey[k]...)
	}
	for _, g := range groups {
		slices.Sort(g) // priority order within the bucket
	}

	var lo, hi [MaxProbes][16]uint8
	for k, g := range groups {
		for _, i := range g {
			for p, off := range s.Offsets {
				c := lits[i][off]
				lo[p][c&15] |= 1 << k
				hi[p][c>>4] |= 1 << k
			}
		}
	}
	var rate float64
	for _, r := range s.setNibbles(&lo, &hi, len(groups)) {
		rate += r
	}
	return s, groups, rate
}

// setNibbles makes the Teddy tables lo and hi, whose bits are the
// buckets, s's probes: it fills s's lookup table and scratch, and returns
// the estimated share of positions each of the nbuckets buckets passes.
func (s *Spec) setNibbles(lo, hi *[MaxProbes][16]uint8, nbuckets int) []float64 {
	rates := make([]float64, nbuckets)
	for k := range rates {
		r := 1.0
		for p := range s.Offsets {
			var f float64
			allLead := true
			for c := range 256 {
				t := lo[p][c&15] & hi[p][c>>4]
				s.table[p][c] = t
				if t&(1<<k) != 0 {
					f += float64(literal.Freq(byte(c)))
					allLead = allLead && isLead(byte(c))
				}
			}
			r *= leadRate(probeRate(f), allLead)
		}
		rates[k] = r
	}
	s.Scratch = s.Scratch[:0]
	for p := range s.Offsets {
		s.Scratch = append(s.Scratch, lo[p][:]...)
		s.Scratch = append(s.Scratch, lo[p][:]...)
		s.Scratch = append(s.Scratch, hi[p][:]...)
		s.Scratch = append(s.Scratch, hi[p][:]...)
	}
	return rates
}

// scanner returns scan, or GoScan when the text from at is too short for
// a generated scan to pay for its entry.
func (s *Spec) scanner(scan Scanner, hay []byte, at int) Scanner {
	if len(hay)-at < ShortScan+s.Window || s.lead >= 0 && len(hay)-at < ShortLeadScan {
		// A program that runs a pattern line by line mostly lands here.
		return GoScan{}
	}
	return scan
}

// next returns scan's first candidate at or after at, calling GoScan
// directly rather than through the interface.
func (s *Spec) next(scan Scanner, hay []byte, at int) int {
	if _, ok := scan.(GoScan); ok {
		return GoScan{}.Scan(s, hay, at)
	}
	return scan.Scan(s, hay, at)
}

func lower(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

// foldASCII returns c and, for an ASCII letter, its other case.
func foldASCII(c byte) []byte {
	switch {
	case 'a' <= c && c <= 'z':
		return []byte{c, c - 'a' + 'A'}
	case 'A' <= c && c <= 'Z':
		return []byte{c, c - 'A' + 'a'}
	}
	return []byte{c}
}

// String describes the probes, for rxjit --explain.
func (s *Spec) String() string {
	kind := [...]string{Eq: "eq", Nibble: "teddy", Exact: "exact"}[s.Kind]
	parts := make([]string, len(s.Offsets))
	for i, off := range s.Offsets {
		if s.Kind == Nibble {
			parts[i] = fmt.Sprintf("@%d", off)
			continue
		}
		a, b := s.Scratch[ProbeBytes*i], s.Scratch[ProbeBytes*i+32]
		if a == 0 {
			parts[i] = fmt.Sprintf("@%d=%s", off, quoteByte(b))
		} else {
			parts[i] = fmt.Sprintf("@%d=%s|%s", off, quoteByte(b), quoteByte(b&^a))
		}
	}
	return fmt.Sprintf("%s probes %s", kind, strings.Join(parts, " "))
}

// quoteByte quotes b as a Go character literal, in hex outside ASCII.
func quoteByte(b byte) string {
	if b < 0x80 {
		return fmt.Sprintf("%q", b)
	}
	return fmt.Sprintf(`'\x%02x'`, b)
}
