package dfa

import (
	"slices"

	"github.com/rxjit/rxjit/regex/internal/nfa"
)

// stateTable finds the states a cache has built by their key: kernel,
// look-behind facts, UTF-8 validator state and match flag. It is an
// open-addressing table of tagged state IDs (0: empty) with each key's
// hash beside its slot, probed linearly and kept at most half full; a
// key is compared with the state's kernel and info only where the hashes
// agree. (A map keyed by the key's bytes was a third of the time spent
// building states where a search builds many: the key made, hashed and
// copied into the map for every new state; BenchmarkDeterminize.)
type stateTable struct {
	ids    []uint32
	hashes []uint32
	n      int
}

// minTableSlots is the size of a table when it first holds a state.
const minTableSlots = 64

// tableSlotBytes is what a state costs the table: two slots of eight
// bytes at the most, at half load.
const tableSlotBytes = 16

// keyHash hashes a state's key.
func keyHash(kernel []nfa.StateID, facts, u uint8, matched bool) uint32 {
	h := uint64(facts)<<8 | uint64(u)
	if matched {
		h |= 1 << 16
	}
	h = (h ^ uint64(len(kernel))) * 0x9E3779B97F4A7C15
	for _, id := range kernel {
		h = (h ^ uint64(id)) * 0x9E3779B97F4A7C15
	}
	return uint32(h >> 32)
}

// find returns the tagged ID of the state with this key and hash h, and
// whether there is one.
func (t *stateTable) find(c *Cache, h uint32, kernel []nfa.StateID, facts, u uint8, matched bool) (uint32, bool) {
	if t.n == 0 {
		return 0, false
	}
	mask := uint32(len(t.ids) - 1)
	for i := h & mask; ; i = (i + 1) & mask {
		id := t.ids[i]
		if id == 0 {
			return 0, false
		}
		if t.hashes[i] != h || (id&TagMatch != 0) != matched {
			continue
		}
		info := &c.infos[int(id&idMask)/c.dfa.stride]
		if info.facts == facts && info.utf8 == u && slices.Equal(c.kernel[info.k0:info.k1], kernel) {
			return id, true
		}
	}
}

// add puts the tagged ID id, whose key hashes to h, in the table; the
// key must not be there yet.
func (t *stateTable) add(h, id uint32) {
	if 2*(t.n+1) > len(t.ids) {
		t.grow()
	}
	mask := uint32(len(t.ids) - 1)
	i := h & mask
	for t.ids[i] != 0 {
		i = (i + 1) & mask
	}
	t.ids[i], t.hashes[i] = id, h
	t.n++
}

// grow doubles the table (or makes its first slots) and puts its states
// back.
func (t *stateTable) grow() {
	ids, hashes := t.ids, t.hashes
	size := max(minTableSlots, 2*len(ids))
	t.ids, t.hashes, t.n = make([]uint32, size), make([]uint32, size), 0
	for i, id := range ids {
		if id != 0 {
			t.add(hashes[i], id)
		}
	}
}

// retag replaces the tagged ID of state s (an untagged ID) with
// s|tags, keeping the tags it had.
func (t *stateTable) retag(s, tags uint32) {
	for i, id := range t.ids {
		if id != 0 && id&idMask == s {
			t.ids[i] = id | tags
		}
	}
}

// each calls f with the tagged ID of every state in the table.
func (t *stateTable) each(f func(id uint32)) {
	for _, id := range t.ids {
		if id != 0 {
			f(id)
		}
	}
}

// reset empties the table, keeping its slots.
func (t *stateTable) reset() {
	clear(t.ids)
	t.n = 0
}
