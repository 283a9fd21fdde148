package dfa

import (
	"unsafe"

	"github.com/rxjit/rxjit/regex/internal/nfa"
)

// Thrash detection: a cache gives up when it is cleared for the
// MinClears-th time (or later) having scanned fewer than MinBytesPerState
// bytes per state it built, both counted since it was made (the figures
// RE2 and Rust's hybrid DFA settled on). Searches count together: a
// FindAll whose every search is short thrashes as surely as one long
// search, and a DFA that builds a state every 30 bytes over megabytes is
// worth keeping even if some stretch of text builds more. A cache that
// gave up answers ErrGaveUp at once from then on, so the caller's other
// engine runs without paying for the DFA again. Reverse DFAs never give
// up: they read only the match, and the PikeVM would read from the search
// start.
const (
	MinClears        = 3
	MinBytesPerState = 10
)

// Cache holds the states and transitions one DFA has built, for one
// search at a time.
type Cache struct {
	dfa *DFA
	// mem is the table the executors read: HeaderWords words of
	// byte-to-class map, then one row of stride words per state, then
	// SlackWords of zeros.
	mem    []uint32
	nrows  int
	infos  []stateInfo // per row
	kernel []nfa.StateID
	ids    stateTable
	starts [64]uint32 // start state by (anchored, facts); 0 = not built
	used   int        // bytes counted against the budget
	// accelerated counts the states with acceleration records,
	// pairRecords those of them with pair records, and matchRuns the
	// match states with records (MatchRuns); pending holds self-looping
	// states not yet examined (see accelAfter).
	accelerated, pairRecords, matchRuns int
	pending                             []uint32
	// sample counts the bytes of the first text searched (see
	// sampleText), which decides acceleration where it is known.
	sample *[256]uint32

	// Thrash accounting, since the cache was made: clears, states built,
	// bytes scanned, and whether the cache gave up.
	clears, built, scanned int
	gaveUp                 bool
	// The scans of the search running, which the executors get by
	// pointer.
	scan     Scan
	spanScan SpanScan

	// Scratch of the determinizer; hash, keyFacts and keyUTF8 are
	// the key lookup last looked for.
	hash              uint32
	keyFacts, keyUTF8 uint8
	seen              nfa.SparseSet
	inNext            nfa.SparseSet
	stack             []nfa.StateID
	threads           []nfa.StateID
	next              []nfa.StateID
}

// stateInfo is what the determinizer keeps about one state.
type stateInfo struct {
	k0, k1 uint32 // its kernel is kernel[k0:k1]
	facts  uint8
	utf8   uint8
	// accelTried is set once the state's row was examined for
	// acceleration; record marks the rows that hold acceleration
	// records instead of transitions.
	accelTried, record bool
}

// NewCache returns an empty cache for d.
func (d *DFA) NewCache() *Cache {
	c := &Cache{dfa: d}
	n := len(d.nfa.States)
	c.seen = nfa.NewSparseSet(n)
	c.inNext = nfa.NewSparseSet(n)
	c.reset()
	return c
}

// Table returns the table the executors read, as bytes: the class map,
// the rows, then SlackWords of slack. It changes whenever a state is
// added.
func (c *Cache) Table() []byte {
	return unsafe.Slice((*byte)(unsafe.Pointer(&c.mem[0])), 4*(len(c.mem)+SlackWords))
}

// Limit returns the first ID that is not the offset of a row: every ID at
// or above it is special.
func (c *Cache) Limit() uint32 { return uint32(c.nrows * c.dfa.stride) }

// Memory returns the bytes the cache holds against its budget.
func (c *Cache) Memory() int { return c.used }

// NumStates returns the number of rows built: states, the dead and quit
// states, and the pseudo-rows of acceleration records.
func (c *Cache) NumStates() int { return c.nrows }

// Accelerated returns the number of accelerated states in the cache.
func (c *Cache) Accelerated() int { return c.accelerated }

// Pairs returns the number of accelerated states whose records are pair
// records (see pairs in accel.go): their skips test the byte after an
// escape too.
func (c *Cache) Pairs() int { return c.pairRecords }

// MatchRuns returns the number of match states in the cache with a record
// for their match runs: a match state that loops on itself (as .* ending a
// pattern) on most bytes has an acceleration record in its column 0, as
// an accelerated state has, but its IDs carry no TagAccel. The generated
// span and forward loops skip along such a run with the record's tables,
// the match moving to the byte before the first escape; the Go loops take
// the run a byte at a time, to the same end.
func (c *Cache) MatchRuns() int { return c.matchRuns }

// Scanned returns how many bytes the cache's searches have scanned since
// it was made.
func (c *Cache) Scanned() int { return c.scanned }

// Clears returns how often the cache has been cleared.
func (c *Cache) Clears() int { return c.clears }

// reset empties the cache, keeping its allocations, and adds the dead and
// quit states in rows 0 and 1.
func (c *Cache) reset() {
	d := c.dfa
	if cap(c.mem) < HeaderWords+16*d.stride+SlackWords {
		c.mem = make([]uint32, HeaderWords, HeaderWords+16*d.stride+SlackWords)
	}
	c.mem = c.mem[:HeaderWords]
	clear(c.mem)
	header := unsafe.Slice((*byte)(unsafe.Pointer(&c.mem[0])), 4*HeaderWords)
	copy(header, d.classes[:])
	if d.candidates != nil {
		for b, in := range d.candidates {
			if in {
				header[SetOffset+b] = 1
			}
		}
	}
	c.nrows = 0
	c.infos = c.infos[:0]
	c.kernel = c.kernel[:0]
	c.ids.reset()
	c.starts = [64]uint32{}
	c.used = 0
	c.accelerated, c.pairRecords, c.matchRuns = 0, 0, 0
	c.pending = c.pending[:0]
	c.addRow(stateInfo{}, TagDead)
	c.addRow(stateInfo{}, TagQuit)
}

// The dead and quit states, in rows 0 and 1.
func (c *Cache) deadID() uint32 { return 0 | TagDead }
func (c *Cache) quitID() uint32 { return uint32(c.dfa.stride) | TagQuit }

// addRow appends a row whose every transition is fill, and returns its
// offset.
func (c *Cache) addRow(info stateInfo, fill uint32) uint32 {
	stride := c.dfa.stride
	off := uint32(c.nrows * stride)
	if n := len(c.mem) + stride + SlackWords; n > cap(c.mem) {
		mem := make([]uint32, len(c.mem), 2*n)
		copy(mem, c.mem)
		c.mem = mem
	}
	for range stride {
		c.mem = append(c.mem, fill)
	}
	c.nrows++
	c.infos = append(c.infos, info)
	c.used += 4*stride + int(unsafe.Sizeof(info))
	return off
}

// row returns the transitions of the state at offset id.
func (c *Cache) row(id uint32) []uint32 {
	o := HeaderWords + int(id&idMask)
	return c.mem[o : o+c.dfa.stride]
}

// transition returns the ID the state id moves to on class cls, possibly
// TagUnknown.
func (c *Cache) transition(id uint32, cls int) uint32 {
	return c.mem[HeaderWords+int(id&idMask)+cls]
}
