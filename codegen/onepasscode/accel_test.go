package onepasscode

import (
	"math/rand/v2"
	"testing"
)

// TestNibbleTables checks that the tables of a byte set describe exactly
// that set, and that a set whose rows take more than 8 distinct values is
// refused.
func TestNibbleTables(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for i := range 2000 {
		// Rows drawn from a few distinct values: up to 8 fit.
		values := make([]uint16, 1+rng.IntN(10))
		for k := range values {
			values[k] = uint16(rng.Uint32())
		}
		var set [256]bool
		distinct := map[uint16]bool{}
		for h := range 16 {
			r := values[rng.IntN(len(values))]
			if rng.IntN(3) == 0 {
				r = 0
			}
			if r != 0 {
				distinct[r] = true
			}
			for l := range 16 {
				set[h<<4|l] = r>>l&1 != 0
			}
		}
		n, ok := nibbleTables(&set)
		if ok != (len(distinct) <= 8) {
			t.Fatalf("set %d: %d distinct rows, fits %v", i, len(distinct), ok)
		}
		if !ok {
			continue
		}
		for b, in := range set {
			if got := n.lo[b&15]&n.hi[b>>4] != 0; got != in {
				t.Fatalf("set %d: byte %#x in the tables %v, in the set %v", i, b, got, in)
			}
		}
	}
}
