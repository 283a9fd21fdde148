package nfa

// SparseSet is a set of state IDs below a fixed bound with constant-time
// insertion, membership and clearing (Briggs and Torczon's sparse set):
// the engines' visited sets.
type SparseSet struct {
	sparse []uint32
	dense  []StateID
}

// NewSparseSet returns an empty set for IDs below n.
func NewSparseSet(n int) SparseSet {
	return SparseSet{sparse: make([]uint32, n), dense: make([]StateID, 0, n)}
}

// Cap returns the bound on the IDs the set can hold.
func (s *SparseSet) Cap() int { return len(s.sparse) }

// Clear empties the set.
func (s *SparseSet) Clear() { s.dense = s.dense[:0] }

// Insert adds id to the set and reports whether it was absent.
func (s *SparseSet) Insert(id StateID) bool {
	i := s.sparse[id]
	if i < uint32(len(s.dense)) && s.dense[i] == id {
		return false
	}
	s.sparse[id] = uint32(len(s.dense))
	s.dense = append(s.dense, id)
	return true
}
