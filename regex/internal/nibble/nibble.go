// Package nibble builds the nibble tables of a byte set for the SIMD
// membership test known as shufti (Hyperscan's name): byte b is in the
// set when lo[b&15] & hi[b>>4] is not zero, two vpshufb lookups and an
// AND for 32 bytes at a time. The generated loops of the regex side (the
// lazy DFA's acceleration, the run scan of package classrun) read tables
// built here. (The generators of the one-pass engine and the backtracker
// build theirs in codegen, which cannot import this package.)
package nibble

// Tables returns the nibble tables of set, and whether they hold exactly
// set. The bytes with high nibble h form a row of low nibbles; each
// distinct row takes a bucket bit, and rows beyond the eighth share the
// eighth bucket, whose row is then their union: the tables then hold a
// superset of set.
func Tables(set *[256]bool) (lo, hi [16]byte, exact bool) {
	return TablesIn(set, 0xFF)
}

// TablesIn is Tables with the bucket bits limited to those of bits (not
// zero): the tables of two sets built on disjoint bits can be ORed into
// one pair, where lo[b&15] & hi[b>>4] has bits of one set's group only
// for that set's bytes.
func TablesIn(set *[256]bool, bits byte) (lo, hi [16]byte, exact bool) {
	var rows [16]uint16 // bit l of rows[h]: byte h<<4|l is in set
	for b, in := range set {
		if in {
			rows[b>>4] |= 1 << (b & 15)
		}
	}
	var bucketBits []byte // the bit of each bucket
	for k := range 8 {
		if bits&(1<<k) != 0 {
			bucketBits = append(bucketBits, 1<<k)
		}
	}
	var buckets [8]uint16
	n := 0
	exact = true
	for h, row := range rows {
		if row == 0 {
			continue
		}
		k := 0
		for k < n && buckets[k] != row {
			k++
		}
		switch {
		case k < n:
		case n < len(bucketBits):
			buckets[n] = row
			n++
		default:
			k, exact = len(bucketBits)-1, false
		}
		hi[h] |= bucketBits[k]
		for l := range 16 {
			if row&(1<<l) != 0 {
				lo[l] |= bucketBits[k]
			}
		}
	}
	return lo, hi, exact
}
