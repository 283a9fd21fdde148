package nfa

import "regexp/syntax"

// CompileReverse builds an NFA for the reversal of re's language: it
// accepts the bytes of every match of re read from last to first. A
// reverse search runs it from a match end towards the text's start to
// find where the match begins.
//
// It is compiled from the pattern, not by turning the forward NFA's edges
// around: the forward NFA's UTF-8 tries share suffixes, so reversed they
// would branch on their first byte into hundreds of states, and a DFA
// state would hold them all. Here each class is a trie of its reversed
// encodings (reverseTrie), deterministic like the forward one. Captures
// are left out (a reverse search finds where a match starts, not its
// groups), priorities mean nothing, and assertions keep their meaning as
// statements about a position: an engine running the reversed NFA reads
// them with "before" and "after" swapped. There is no unanchored start.
// Of the invalid-UTF-8 rule only the plain part remains: a class that
// contains U+FFFD matches the bytes that never occur in an encoding (C0,
// C1, F5-FF) as runes of their own. A reverse search must therefore read
// only text whose other invalid bytes (stray continuation bytes, lead
// bytes of invalid or truncated encodings) have been replaced by 0xFF,
// which utf8.DecodeRune reads the same way.
func CompileReverse(re *syntax.Regexp) *NFA {
	n := &NFA{NumSlots: 2}
	c := &compiler{nfa: n, shared: make(map[string]StateID), reverse: true}
	simple := re.Simplify()
	c.reserve(simple, false)
	c.fail = c.add(State{Kind: KindFail})
	match := c.add(State{Kind: KindMatch})
	n.StartAnchored = c.compile(simple, match)
	n.StartUnanchored = n.StartAnchored
	c.bounds()
	return n
}

// rtEdge is an edge of a range trie: bytes lo..hi lead to node child, or
// end a sequence when child is rtFinal.
type rtEdge struct {
	lo, hi byte
	child  int
}

const rtFinal = -1

// rangeTrie is a trie of byte-range sequences whose edges out of a node
// are kept disjoint and sorted: inserting a range that overlaps existing
// edges splits them, copying the subtrees below. That keeps the trie
// deterministic however the sequences overlap, which reversed UTF-8
// sequences do (80-8F and 80-BF as last bytes, say).
type rangeTrie struct {
	nodes [][]rtEdge
}

func (t *rangeTrie) newNode() int {
	t.nodes = append(t.nodes, nil)
	return len(t.nodes) - 1
}

// clone returns a copy of the subtree at node.
func (t *rangeTrie) clone(node int) int {
	if node == rtFinal {
		return rtFinal
	}
	n := t.newNode()
	edges := make([]rtEdge, len(t.nodes[node]))
	for i, e := range t.nodes[node] {
		edges[i] = rtEdge{e.lo, e.hi, t.clone(e.child)}
	}
	t.nodes[n] = edges
	return n
}

// insert adds the sequence seq (pairs of lo, hi) below node.
func (t *rangeTrie) insert(node int, seq [][2]byte) {
	lo, hi := int(seq[0][0]), int(seq[0][1])
	rest := seq[1:]
	old := t.nodes[node]
	out := make([]rtEdge, 0, len(old)+2)
	i := 0
	for ; i < len(old) && int(old[i].hi) < lo; i++ {
		out = append(out, old[i])
	}
	cur := lo
	for ; i < len(old) && int(old[i].lo) <= hi; i++ {
		e := old[i]
		if int(e.lo) < cur {
			// Keep the part before the new range as it was.
			out = append(out, rtEdge{e.lo, byte(cur - 1), e.child})
			e.lo, e.child = byte(cur), t.clone(e.child)
		}
		if int(e.lo) > cur {
			out = append(out, t.fresh(cur, int(e.lo)-1, rest))
		}
		if int(e.hi) > hi {
			// Keep the part after the new range as it was.
			right := rtEdge{byte(hi + 1), e.hi, t.clone(e.child)}
			e.hi = byte(hi)
			out = append(out, t.extend(e, rest), right)
			out = append(out, old[i+1:]...)
			t.nodes[node] = out
			return
		}
		out = append(out, t.extend(e, rest))
		cur = int(e.hi) + 1
	}
	if cur <= hi {
		out = append(out, t.fresh(cur, hi, rest))
	}
	out = append(out, old[i:]...)
	t.nodes[node] = out
}

// fresh returns a new edge lo..hi for the sequence rest.
func (t *rangeTrie) fresh(lo, hi int, rest [][2]byte) rtEdge {
	e := rtEdge{byte(lo), byte(hi), rtFinal}
	if len(rest) > 0 {
		e.child = t.newNode()
		t.insert(e.child, rest)
	}
	return e
}

// extend adds the sequence rest below the existing edge e. UTF-8 never
// makes a sequence end where another goes on (the last byte of a reversed
// encoding is a lead or ASCII byte, which no longer encoding has at that
// depth), so an edge is either final for every sequence or for none.
func (t *rangeTrie) extend(e rtEdge, rest [][2]byte) rtEdge {
	if len(rest) == 0 || e.child == rtFinal {
		if len(rest) != 0 || e.child != rtFinal {
			panic("nfa: a reversed UTF-8 sequence is a prefix of another")
		}
		return e
	}
	t.insert(e.child, rest)
	return e
}

// reverseTrie returns the root transitions of an automaton that reads the
// encodings seqs last byte first and continues at next.
func (c *compiler) reverseTrie(seqs []utf8Seq, next StateID) []Transition {
	t := &rangeTrie{}
	root := t.newNode()
	var rev [4][2]byte
	for _, s := range seqs {
		for i := 0; i < s.n; i++ {
			rev[i] = [2]byte{s.lo[s.n-1-i], s.hi[s.n-1-i]}
		}
		t.insert(root, rev[:s.n])
	}
	var build func(node int) []Transition
	build = func(node int) []Transition {
		trans := make([]Transition, len(t.nodes[node]))
		for i, e := range t.nodes[node] {
			to := next
			if e.child != rtFinal {
				to = c.bytes(build(e.child))
			}
			trans[i] = Transition{Lo: e.lo, Hi: e.hi, Next: to}
		}
		return trans
	}
	return build(root)
}
