package amd64

// Shufti emits the nibble lookups of the shufti test (Hyperscan's name)
// for the 32 bytes at src: with lo and hi holding a byte set's tables of
// low and high nibbles (16 bytes each, once per 128-bit lane) and mask0F
// 0x0F in every byte, each byte b of dst gets lo[b&15] & hi[b>>4], not
// zero where b is in the set (its bucket bits). It needs AVX2 and
// clobbers t1 and t2; dst may be t1.
func (a *Assembler) Shufti(dst VReg, src Mem, lo, hi, mask0F, t1, t2 VReg) {
	a.Vmovdqu(t1, src)
	a.Vpsrlw(t2, t1, 4)
	a.Vpand(t1, t1, mask0F)
	a.Vpand(t2, t2, mask0F)
	a.Vpshufb(t1, lo, t1)
	a.Vpshufb(t2, hi, t2)
	a.Vpand(dst, t1, t2)
}

// ShuftiOutside emits the shufti test of the 32 bytes at src (see
// Shufti): with zero all zeros, dst gets a bit per byte, set where
// lo[b&15]&hi[b>>4] is zero, that is where the byte is outside the set.
// It needs AVX2 and clobbers t1 and t2.
func (a *Assembler) ShuftiOutside(dst Reg, src Mem, lo, hi, mask0F, zero, t1, t2 VReg) {
	a.Shufti(t1, src, lo, hi, mask0F, t1, t2)
	a.Vpcmpeqb(t1, t1, zero)
	a.Vpmovmskb(dst, t1)
}
