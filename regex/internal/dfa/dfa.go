package dfa

import (
	"errors"
	"fmt"
	"strings"

	"github.com/rxjit/rxjit/regex/internal/nfa"
)

// Tags of state IDs. The bits below TagAccel hold the offset of the
// state's row in the transition table, in words. TagAccel marks a state
// whose row's column 0 holds an acceleration record (see accel.go).
const (
	TagAccel   uint32 = 1 << 26
	TagMatch   uint32 = 1 << 27
	TagStart   uint32 = 1 << 28
	TagQuit    uint32 = 1 << 29
	TagDead    uint32 = 1 << 30
	TagUnknown uint32 = 1 << 31

	idMask = TagAccel - 1
)

// The header of a cache's table, before its transition rows. Offsets are
// in bytes from the table's start:
//
//   - 0: the byte-to-class map, 256 bytes;
//   - SetOffset: the candidate set of span searches, one byte per byte
//     value, 1 where a match may start with it (SetCandidates);
//   - StartsOffset: 257 words, the anchored start state for a position
//     whose byte behind is b at word b, and for the text's first position
//     at word 256; 0 where that state is not built yet;
//   - SpansOffset: SpanCap pairs of 64-bit start and end positions, the
//     matches a span search found;
//   - ChainsOffset: ChainSpan/ChainEvery words, the checkpoints of a
//     two-chain round (ChainRunner).
//
// HeaderWords is the header's size in 32-bit words; rows start there.
const (
	SetOffset    = 256
	StartsOffset = SetOffset + 256
	SpansOffset  = StartsOffset + 4*260 // 257 words, padded to 8 bytes
	SpanCap      = 32
	ChainsOffset = SpansOffset + 16*SpanCap
	HeaderWords  = (ChainsOffset + 4*ChainSpan/ChainEvery) / 4
)

// SlackWords is the number of zero words kept after the last row, so that
// a class index read from a damaged header can never reach past the
// table's allocation.
const SlackWords = 256

// Kind says what a DFA computes.
type Kind uint8

const (
	// Forward finds where the leftmost-first match ends.
	Forward Kind = iota
	// ForwardLongest finds where the longest match that starts at the
	// search position ends.
	ForwardLongest
	// Reverse runs the reversed NFA from a match end towards the search
	// start and finds where the leftmost match starts.
	Reverse
)

// ErrGaveUp is returned by a search whose cache thrashed.
var ErrGaveUp = errors.New("dfa: cache thrashing, search gave up")

// ErrQuit is returned by a search that met invalid UTF-8 it cannot decide.
var ErrQuit = errors.New("dfa: invalid UTF-8")

// Facts about the bytes behind the current position, kept in states.
const (
	factEdge  uint8 = 1 << iota // at the text's edge (start forward, end in reverse)
	factNL                      // the byte behind is '\n'
	factWord                    // the byte behind is an ASCII word byte
	factCont                    // reverse only: the byte behind is 80-BF
	factMatch                   // the state was entered with a match
)

// DFA is a lazy DFA over one NFA. It is immutable and safe for concurrent
// use; every search needs a Cache of its own.
type DFA struct {
	nfa      *nfa.NFA
	kind     Kind
	classes  [256]byte // the column of each byte's class
	nclass   int       // classes of bytes
	eoi      int       // the column of the end of input, nclass+1
	stride   int       // nclass + 2: the acceleration column, classes, end of input
	repr     []byte    // a byte of each column's class
	factMask uint8     // the facts assertions can observe
	// Budget is the most bytes a cache may hold before it is cleared.
	Budget int
	// prefilter, if not nil, finds where a match may start; the search
	// calls it whenever it is back in the unanchored start state.
	prefilter Prefilter
	// candidates, if not nil, holds the bytes a match may start with,
	// for span searches (SetCandidates); spanValid says that they run
	// only over valid UTF-8.
	candidates *[256]bool
	spanValid  bool
	// skipFailed says a failed try of a span search rules out the
	// candidates before the byte its walk died at (SetSkipFailed).
	skipFailed bool
}

// Prefilter finds candidate match starts: Find returns the first position
// p >= at where a match may start, a rune boundary, or -1 if none can.
type Prefilter interface {
	Find(haystack []byte, at int) int
}

// SetPrefilter makes forward unanchored searches skip ahead with pf
// whenever no thread but the start loop is alive. It must be called
// before the DFA is used.
func (d *DFA) SetPrefilter(pf Prefilter) { d.prefilter = pf }

// HasPrefilter reports whether searches leave the loop to run a
// prefilter.
func (d *DFA) HasPrefilter() bool { return d.prefilter != nil }

// DefaultBudget is the memory, in bytes, a cache may use before it is
// cleared: 2 MiB, as in RE2 and Rust's hybrid DFA. At the usual 5-40
// classes that is 10,000 or more states, far more than the states a
// search over real text visits, and small enough that a pool of caches
// per core stays cheap.
const DefaultBudget = 2 << 20

// New returns a DFA for n. For Reverse, n must be the reversed NFA
// (nfa.NFA.Reverse) of the forward one.
func New(n *nfa.NFA, kind Kind) *DFA {
	d := &DFA{nfa: n, kind: kind, Budget: DefaultBudget}
	bounds := n.Bounds
	if kind != Reverse {
		addUTF8Bounds(&bounds)
	} else {
		bounds.Split(0x80, 0xBF)
	}
	looks := n.Looks
	if looks&(nfa.LookBeginLine|nfa.LookEndLine) != 0 {
		bounds.Split('\n', '\n')
	}
	if looks&(nfa.LookWordBoundary|nfa.LookNoWordBoundary) != 0 {
		bounds.Split('0', '9')
		bounds.Split('A', 'Z')
		bounds.Split('_', '_')
		bounds.Split('a', 'z')
	}
	d.classes, d.nclass = bounds.Classes()
	for c := range d.classes {
		d.classes[c]++ // column 0 is the acceleration column
	}
	d.eoi = d.nclass + 1
	d.stride = d.nclass + 2
	d.repr = make([]byte, d.eoi)
	for c := 255; c >= 0; c-- {
		d.repr[d.classes[c]] = byte(c)
	}

	behindText, behindLine := nfa.LookBeginText, nfa.LookBeginLine
	if kind == Reverse {
		behindText, behindLine = nfa.LookEndText, nfa.LookEndLine
		d.factMask |= factCont
	}
	if looks&(behindText|behindLine) != 0 {
		d.factMask |= factEdge
	}
	if looks&behindLine != 0 {
		d.factMask |= factNL
	}
	if looks&(nfa.LookWordBoundary|nfa.LookNoWordBoundary) != 0 {
		d.factMask |= factWord
	}
	return d
}

// NumClasses returns the number of byte classes, not counting the end of
// input.
func (d *DFA) NumClasses() int { return d.nclass }

// String lists the byte classes, for rxjit --explain.
func (d *DFA) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%d byte classes (+1 for end of input):", d.nclass)
	lo := 0
	for c := 1; c <= 256; c++ {
		if c == 256 || d.classes[c] != d.classes[lo] {
			if lo == c-1 {
				fmt.Fprintf(&b, " %02x", lo)
			} else {
				fmt.Fprintf(&b, " %02x-%02x", lo, c-1)
			}
			lo = c
		}
	}
	b.WriteByte('\n')
	return b.String()
}

// ahead is what the assertions may ask about the byte after a position.
type ahead struct {
	edge, nl, word bool
}

func aheadOf(b byte, eoi bool) ahead {
	if eoi {
		return ahead{edge: true}
	}
	return ahead{nl: b == '\n', word: isWordByte(b)}
}

// holds evaluates an assertion with the facts behind and ahead of the
// position. The reverse DFA reads the text right to left: "behind" is the
// right side there, so text and line assertions trade places.
func (d *DFA) holds(l nfa.Look, f uint8, a ahead) bool {
	edge, nl, word := f&factEdge != 0, f&factNL != 0, f&factWord != 0
	switch l {
	case nfa.LookBeginText, nfa.LookEndText:
		if (l == nfa.LookBeginText) == (d.kind != Reverse) {
			return edge
		}
		return a.edge
	case nfa.LookBeginLine, nfa.LookEndLine:
		if (l == nfa.LookBeginLine) == (d.kind != Reverse) {
			return edge || nl
		}
		return a.edge || a.nl
	case nfa.LookWordBoundary:
		return word != a.word
	case nfa.LookNoWordBoundary:
		return word == a.word
	}
	// LookInvalidRune: false on valid UTF-8 (see the package comment).
	return false
}

// behindFacts returns the facts of a position whose byte behind is b.
func (d *DFA) behindFacts(b byte) uint8 {
	var f uint8
	if b == '\n' {
		f |= factNL
	}
	if isWordByte(b) {
		f |= factWord
	}
	if 0x80 <= b && b <= 0xBF {
		f |= factCont
	}
	return f & d.factMask
}

// startFacts returns the facts at a search's first position: pos in a
// text of textLen bytes that starts with hay, reading forward, or reading
// backwards for a Reverse DFA.
func (d *DFA) startFacts(hay []byte, textLen, pos int) uint8 {
	if d.kind == Reverse {
		if pos == textLen {
			return factEdge & d.factMask
		}
		return d.behindFacts(hay[pos])
	}
	if pos == 0 {
		return factEdge & d.factMask
	}
	return d.behindFacts(hay[pos-1])
}

func isWordByte(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '_'
}
