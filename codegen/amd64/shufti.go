package amd64

// ShuftiOutside emits the shufti test (Hyperscan's name) of the 32 bytes
// at src against a byte set's nibble tables: with lo and hi holding the
// tables of low and high nibbles (16 bytes each, once per 128-bit lane),
// mask0F 0x0F in every byte and zero all zeros, dst gets a bit per byte,
// set where lo[b&15]&hi[b>>4] is zero, that is where the byte is outside
// the set. It needs AVX2 and clobbers t1 and t2.
func (a *Assembler) ShuftiOutside(dst Reg, src Mem, lo, hi, mask0F, zero, t1, t2 VReg) {
	a.Vmovdqu(t1, src)
	a.Vpsrlw(t2, t1, 4)
	a.Vpand(t1, t1, mask0F)
	a.Vpand(t2, t2, mask0F)
	a.Vpshufb(t1, lo, t1)
	a.Vpshufb(t2, hi, t2)
	a.Vpand(t1, t1, t2)
	a.Vpcmpeqb(t1, t1, zero)
	a.Vpmovmskb(dst, t1)
}
