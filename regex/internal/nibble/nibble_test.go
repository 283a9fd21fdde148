package nibble

import (
	"math/rand/v2"
	"testing"
)

// TestTables checks that the tables hold the set exactly where they say
// so, and a superset otherwise, for random sets of few and many rows.
func TestTables(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	exacts, supersets := 0, 0
	for i := range 2000 {
		var set [256]bool
		for range rng.IntN(1 + i%64) {
			set[rng.IntN(256)] = true
		}
		lo, hi, exact := Tables(&set)
		for b := range 256 {
			in := lo[b&15]&hi[b>>4] != 0
			if set[b] && !in || exact && in != set[b] {
				t.Fatalf("set %d, byte %#x: in %v, tables say %v (exact %v)", i, b, set[b], in, exact)
			}
		}
		if exact {
			exacts++
		} else {
			supersets++
		}
	}
	if exacts == 0 || supersets == 0 {
		t.Fatalf("%d exact and %d superset tables: the sets do not cover both cases", exacts, supersets)
	}
	// Nine distinct rows need a superset.
	var set [256]bool
	for h := range 9 {
		set[h<<4|h] = true
	}
	if _, _, exact := Tables(&set); exact {
		t.Error("a set with 9 distinct rows was called exact")
	}
}

// TestTablesExact checks sets that the DFA's acceleration meets: the
// bytes that leave a state, each set within eight rows.
func TestTablesExact(t *testing.T) {
	for i, in := range []func(b int) bool{
		func(b int) bool { return b >= 0x80 || b == 'A' },
		func(b int) bool { return b < 0x20 || b > 0x7e || b == 'A' },
		func(b int) bool { return !('a' <= b && b <= 'z') },
		func(b int) bool { return b == '"' || b == '\\' || b == '\n' },
	} {
		var set [256]bool
		for b := range 256 {
			set[b] = in(b)
		}
		lo, hi, exact := Tables(&set)
		if !exact {
			t.Fatalf("set %d: not exact", i)
		}
		for b := range 256 {
			if got := lo[b&15]&hi[b>>4] != 0; got != set[b] {
				t.Fatalf("set %d, byte %#x: in %v, tables say %v", i, b, set[b], got)
			}
		}
	}
}

// TestTablesIn checks tables built on disjoint bit groups and ORed into
// one pair: each group's bits are set for its set's bytes (exactly so
// where the tables say exact), and never for the other set's alone.
func TestTablesIn(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	exacts, supersets := 0, 0
	for i := range 2000 {
		var a, b [256]bool
		for range rng.IntN(1 + i%40) {
			a[rng.IntN(256)] = true
		}
		for range rng.IntN(1 + i%40) {
			b[rng.IntN(256)] = true
		}
		loA, hiA, exactA := TablesIn(&a, 0x0F)
		loB, hiB, exactB := TablesIn(&b, 0xF0)
		for x := range 256 {
			tab := (loA[x&15] | loB[x&15]) & (hiA[x>>4] | hiB[x>>4])
			inA, inB := tab&0x0F != 0, tab&0xF0 != 0
			if a[x] && !inA || exactA && inA != a[x] || b[x] && !inB || exactB && inB != b[x] {
				t.Fatalf("sets %d, byte %#x: in %v and %v, tables say %v and %v (exact %v, %v)", i, x, a[x], b[x], inA, inB, exactA, exactB)
			}
		}
		if exactA {
			exacts++
		} else {
			supersets++
		}
	}
	if exacts == 0 || supersets == 0 {
		t.Fatalf("%d exact and %d superset tables: the sets do not cover both cases", exacts, supersets)
	}
}
