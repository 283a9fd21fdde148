package amd64

import (
	"encoding/binary"
	"errors"
	"fmt"
)

// Label marks a position in the code, bound with [Assembler.Bind] before or
// after the branches that refer to it. The zero Label is invalid.
type Label struct{ id int32 }

func (l Label) valid() bool { return l.id > 0 }

// Assembler accumulates instructions and lays them out. The zero value is
// ready to use. An Assembler is not safe for concurrent use.
type Assembler struct {
	buf        []byte // fixed bytes of every code chunk, in order
	chunkStart int    // start in buf of the chunk being written
	items      []item
	labels     []labelInfo // indexed by Label.id-1
	fixups     []ripFixup
	err        error
	assembled  bool
}

type itemKind uint8

const (
	itemCode   itemKind = iota // bytes buf[start:end]
	itemBranch                 // jmp or jcc to label; 2 bytes short, 5 or 6 long
	itemAlign                  // NOPs up to the next multiple of align
	itemBind                   // zero-size; a label's position
)

type item struct {
	kind       itemKind
	start, end int   // itemCode: range of buf
	label      Label // itemBranch target, itemBind label
	cond       Cond
	uncond     bool // itemBranch: jmp rather than jcc
	long       bool // itemBranch: rel32 chosen
	align      int
	addr       int // final offset, set by layout
}

type labelInfo struct {
	name string
	item int // index of its itemBind, -1 until bound
}

// ripFixup is a disp32 that must be patched to reach a label.
type ripFixup struct {
	item    int // code item holding the instruction
	dispPos int // position of the disp32 in buf
	endPos  int // position in buf just past the instruction
	label   Label
	addend  int32
}

// NewLabel returns a fresh label. The name is used by [Disassemble]; labels
// with an empty name print as "L" followed by their number.
func (a *Assembler) NewLabel(name string) Label {
	a.labels = append(a.labels, labelInfo{name: name, item: -1})
	id := len(a.labels)
	if name == "" {
		a.labels[id-1].name = fmt.Sprintf("L%d", id)
	}
	return Label{int32(id)}
}

// Bind places l at the current position. Binding a label twice is an error.
func (a *Assembler) Bind(l Label) {
	if !a.checkLabel(l) {
		return
	}
	li := &a.labels[l.id-1]
	if li.item >= 0 {
		a.fail(fmt.Errorf("label %s bound twice", li.name))
		return
	}
	li.item = a.pushItem(item{kind: itemBind, label: l})
}

// Jmp jumps to l, using rel8 when the displacement fits and rel32 otherwise.
func (a *Assembler) Jmp(l Label) {
	if a.checkLabel(l) {
		a.pushItem(item{kind: itemBranch, label: l, uncond: true})
	}
}

// J jumps to l if cc holds, using rel8 when the displacement fits and rel32
// otherwise.
func (a *Assembler) J(cc Cond, l Label) {
	if cc > CondG {
		a.fail(fmt.Errorf("condition %d", cc))
		return
	}
	if a.checkLabel(l) {
		a.pushItem(item{kind: itemBranch, label: l, cond: cc})
	}
}

// Align pads with multi-byte NOPs to the next multiple of n bytes, a power
// of two up to 64 (the alignment jitmem guarantees for a blob's start).
func (a *Assembler) Align(n int) {
	if n <= 0 || n > 64 || n&(n-1) != 0 {
		a.fail(fmt.Errorf("alignment %d is not a power of two ≤ 64", n))
		return
	}
	if n > 1 {
		a.pushItem(item{kind: itemAlign, align: n})
	}
}

// Data appends raw bytes, for example a constant table addressed through a
// label. The bytes are not meant to be executed.
func (a *Assembler) Data(b []byte) { a.buf = append(a.buf, b...) }

// Err returns the first encoding error, if any.
func (a *Assembler) Err() error { return a.err }

func (a *Assembler) fail(err error) {
	if a.err == nil {
		a.err = fmt.Errorf("amd64: %w", err)
	}
}

func (a *Assembler) checkLabel(l Label) bool {
	if !l.valid() || int(l.id) > len(a.labels) {
		a.fail(errors.New("label not created by this assembler"))
		return false
	}
	return true
}

// pushItem closes the code chunk being written and appends it, if not empty,
// followed by it.
func (a *Assembler) pushItem(it item) int {
	a.closeChunk()
	a.items = append(a.items, it)
	return len(a.items) - 1
}

func (a *Assembler) closeChunk() {
	if len(a.buf) > a.chunkStart {
		a.items = append(a.items, item{kind: itemCode, start: a.chunkStart, end: len(a.buf)})
		a.chunkStart = len(a.buf)
	}
}

// Assemble resolves labels and returns the machine code, or the first error
// recorded while emitting. Branches start as rel8 and are widened to rel32 until
// every displacement fits; widening only ever grows code, so this terminates.
// Assemble may be called once.
func (a *Assembler) Assemble() ([]byte, error) {
	if a.assembled {
		return nil, errors.New("amd64: Assemble called twice")
	}
	a.assembled = true
	a.closeChunk()
	if a.err != nil {
		return nil, a.err
	}
	for _, it := range a.items {
		if it.kind == itemBranch && a.labels[it.label.id-1].item < 0 {
			return nil, fmt.Errorf("amd64: label %s used but never bound", a.labels[it.label.id-1].name)
		}
	}
	for _, f := range a.fixups {
		if a.labels[f.label.id-1].item < 0 {
			return nil, fmt.Errorf("amd64: label %s used but never bound", a.labels[f.label.id-1].name)
		}
	}
	size := a.layout()
	out := make([]byte, 0, size)
	for _, it := range a.items {
		switch it.kind {
		case itemCode:
			out = append(out, a.buf[it.start:it.end]...)
		case itemAlign:
			out = appendNops(out, it.alignPad())
		case itemBranch:
			out = a.appendBranch(out, it)
		}
	}
	for _, f := range a.fixups {
		it := a.items[f.item]
		disp := int64(a.labelAddr(f.label)) + int64(f.addend) - int64(it.addr+f.endPos-it.start)
		if disp != int64(int32(disp)) {
			return nil, errors.New("amd64: RIP-relative displacement overflows")
		}
		binary.LittleEndian.PutUint32(out[it.addr+f.dispPos-it.start:], uint32(disp))
	}
	return out, nil
}

// layout assigns addresses to items, widening branches until all fit, and
// returns the code size.
func (a *Assembler) layout() int {
	for {
		addr := 0
		for i := range a.items {
			it := &a.items[i]
			it.addr = addr
			addr += it.size()
		}
		grew := false
		for i := range a.items {
			it := &a.items[i]
			if it.kind != itemBranch || it.long {
				continue
			}
			disp := a.labelAddr(it.label) - (it.addr + 2)
			if disp != int(int8(disp)) {
				it.long = true
				grew = true
			}
		}
		if !grew {
			return addr
		}
	}
}

func (a *Assembler) labelAddr(l Label) int { return a.items[a.labels[l.id-1].item].addr }

func (it *item) size() int {
	switch it.kind {
	case itemCode:
		return it.end - it.start
	case itemAlign:
		return it.alignPad()
	case itemBranch:
		switch {
		case !it.long:
			return 2
		case it.uncond:
			return 5
		default:
			return 6
		}
	}
	return 0
}

func (it *item) alignPad() int { return (it.align - it.addr%it.align) % it.align }

func (a *Assembler) appendBranch(out []byte, it item) []byte {
	target := a.labelAddr(it.label)
	switch {
	case !it.long && it.uncond:
		return append(out, 0xEB, byte(int8(target-(it.addr+2))))
	case !it.long:
		return append(out, 0x70|byte(it.cond), byte(int8(target-(it.addr+2))))
	case it.uncond:
		return binary.LittleEndian.AppendUint32(append(out, 0xE9), uint32(int32(target-(it.addr+5))))
	default:
		return binary.LittleEndian.AppendUint32(append(out, 0x0F, 0x80|byte(it.cond)), uint32(int32(target-(it.addr+6))))
	}
}

// Labels returns the offset and name of every bound label, for
// [Disassemble]. Call it after Assemble. Several labels at one offset are
// joined with ", ".
func (a *Assembler) Labels() map[int]string {
	m := make(map[int]string)
	for _, li := range a.labels {
		if li.item < 0 {
			continue
		}
		off := a.items[li.item].addr
		if prev, ok := m[off]; ok {
			m[off] = prev + ", " + li.name
		} else {
			m[off] = li.name
		}
	}
	return m
}

// Offset returns the offset of l in the assembled code; it is valid after
// Assemble, and false if l was never bound.
func (a *Assembler) Offset(l Label) (int, bool) {
	if !l.valid() || int(l.id) > len(a.labels) || a.labels[l.id-1].item < 0 || !a.assembled {
		return 0, false
	}
	return a.labelAddr(l), true
}

// fitsInt8 reports whether v is a sign-extended 8-bit value.
func fitsInt8(v int64) bool { return v == int64(int8(v)) }

// fitsInt32 reports whether v is a sign-extended 32-bit value.
func fitsInt32(v int64) bool { return v == int64(int32(v)) }
