package onepasscode

import "github.com/rxjit/rxjit/codegen/amd64"

// Skips. A state without a match of its own that leads back to itself on
// most bytes, writing no slot and asserting nothing, spends its time in
// its own loop, a byte and a dispatch at a time, and its last byte costs
// a mispredicted branch: the fields of rebar's
// 07-unicode-character-data, ([^;]+). With Desc.AVX such a state's block
// starts with a skip, which tests 16 bytes at once for the bytes that
// leave the state (its stop set), moves to the first of them and lets the
// block's dispatch take it. The test is the "shufti" technique: two
// nibble tables and vpshufb, which describe any byte set whose 16 rows of
// low nibbles (one per high nibble) take at most 8 distinct values.
//
// The bytes skipped are exactly those whose transition is the plain
// self-loop, so a skip changes nothing but speed. It loads 16 bytes only
// where they lie before the end of the input; the block takes the last
// bytes one at a time.

// minLoopBytes is how many byte values a state must loop on for a skip.
const minLoopBytes = 16

// stopSet returns the bytes that leave state s, whose row is row, and
// whether its block is worth a skip: it loops on at least minLoopBytes
// byte values.
func stopSet(d Desc, row []uint64, s int) (set [256]bool, ok bool) {
	self := uint64(s * d.Stride)
	loops := 0
	for b := range set {
		if row[1+int(d.Classes[b])] == self {
			loops++
		} else {
			set[b] = true
		}
	}
	return set, loops >= minLoopBytes
}

// nibbles are the tables of a shufti test: byte h<<4|l is in the set when
// lo[l]&hi[h] is not zero.
type nibbles struct{ lo, hi [16]byte }

// nibbleTables returns the tables of set, or false where its rows take
// more than 8 distinct values (besides the empty row).
func nibbleTables(set *[256]bool) (n nibbles, ok bool) {
	var rows [16]uint16 // bit l of rows[h]: byte h<<4|l is in the set
	for b, in := range set {
		if in {
			rows[b>>4] |= 1 << (b & 15)
		}
	}
	var buckets []uint16
	for h, r := range rows {
		if r == 0 {
			continue
		}
		k := 0
		for k < len(buckets) && buckets[k] != r {
			k++
		}
		if k == len(buckets) {
			if k == 8 {
				return nibbles{}, false
			}
			buckets = append(buckets, r)
		}
		n.hi[h] = 1 << k
		for l := range 16 {
			if r>>l&1 != 0 {
				n.lo[l] |= 1 << k
			}
		}
	}
	return n, true
}

// skipPool emits the skips of a program and, after its code, their
// tables, each once.
type skipPool struct {
	tables []nibbles
	labels []amd64.Label
	mask   amd64.Label // sixteen bytes of 0x0F
}

// emit emits the skip of the block of a state whose stop set is set and
// whose loop starts at loop, which stop ends at the limit, unless set does
// not fit the nibble tables. The block's dispatch follows it.
func (p *skipPool) emit(a *amd64.Assembler, set [256]bool, loop, stop amd64.Label) {
	n, ok := nibbleTables(&set)
	if !ok {
		return
	}
	if len(p.labels) == 0 {
		p.mask = a.NewLabel("nibble_mask")
	}
	k := 0
	for k < len(p.tables) && p.tables[k] != n {
		k++
	}
	if k == len(p.tables) {
		p.tables = append(p.tables, n)
		p.labels = append(p.labels, a.NewLabel("stop_set"))
	}
	tab := p.labels[k]
	found, dispatch := a.NewLabel(""), a.NewLabel("")
	a.Cmp(amd64.W64, rPos, rEnd)
	a.J(amd64.CondAE, stop)
	a.Lea(amd64.W64, rTmp, amd64.Mem{Base: rPos, Disp: 16})
	a.Cmp(amd64.W64, rTmp, rLen)
	a.J(amd64.CondA, dispatch) // the last bytes: one at a time
	a.Vmovdqu(amd64.X0, amd64.Mem{Base: rHay, Index: rPos, Scale: 1})
	a.Vpsrlw(amd64.X1, amd64.X0, 4)
	a.Vmovdqu(amd64.X2, amd64.Mem{Label: p.mask})
	a.Vpand(amd64.X1, amd64.X1, amd64.X2) // high nibbles
	a.Vpand(amd64.X0, amd64.X0, amd64.X2) // low nibbles
	a.Vmovdqu(amd64.X2, amd64.Mem{Label: tab})
	a.Vpshufb(amd64.X0, amd64.X2, amd64.X0)
	a.Vmovdqu(amd64.X3, amd64.Mem{Label: tab, Disp: 16})
	a.Vpshufb(amd64.X1, amd64.X3, amd64.X1)
	a.Vpand(amd64.X0, amd64.X0, amd64.X1)
	a.Vpxor(amd64.X2, amd64.X2, amd64.X2)
	a.Vpcmpeqb(amd64.X0, amd64.X0, amd64.X2) // 0xFF where the byte keeps the state
	a.Vpmovmskb(rB, amd64.X0)
	a.Xor(amd64.W32, rB, amd64.Imm(0xFFFF))
	a.J(amd64.CondNE, found)
	a.Mov(amd64.W64, rPos, rTmp)
	a.Jmp(loop)
	a.Bind(found)
	a.Bsf(amd64.W32, rB, rB)
	a.Add(amd64.W64, rPos, rB)
	a.Bind(dispatch)
}

// emitTables emits the tables the skips read.
func (p *skipPool) emitTables(a *amd64.Assembler) {
	if len(p.labels) == 0 {
		return
	}
	a.Align(16)
	a.Bind(p.mask)
	for range 16 {
		a.Data([]byte{0x0F})
	}
	for k, n := range p.tables {
		a.Bind(p.labels[k])
		a.Data(n.lo[:])
		a.Data(n.hi[:])
	}
}
