package runeprog

import (
	"bytes"

	"github.com/rxjit/rxjit/regex/internal/nfa"
)

// visitedBits bounds a search's visited set, one bit per (instruction,
// position): 128 KiB, four times what regexp allows its backtracker,
// since a search clears only the bits its input needs and the engines
// it stands in for cost far more to build than a clear of the most.
const visitedBits = 1 << 20

// skipMinInput is the shortest input a search skips to the bytes a match
// can start with in.
const skipMinInput = 64

// MaxInput returns the longest input, counted from the search's start,
// that p can search within its visited set.
func (p *Prog) MaxInput() int { return visitedBits/len(p.insts) - 1 }

// Cache is a search's scratch memory: the visited set, the stack of
// alternatives and the groups of the path being tried. It serves any
// program, one search at a time.
type Cache struct {
	visited []uint32
	jobs    []job
	caps    []int
}

// job is an alternative left for later: instruction pc at position pos,
// or, when slot ≥ 0, the value pos to restore in that slot as the search
// backs out of the path that changed it.
type job struct {
	pc   uint32
	slot int32
	pos  int
}

// Search looks for the leftmost-first match of p in input that starts at
// or after pos, which input[pos:] must not make longer than MaxInput.
// slots, of any even length (possibly none), receives the match's bounds
// and as many of its groups' as it has room for (-1 for a group that did
// not take part); Search reports whether there is a match.
func (p *Prog) Search(c *Cache, input []byte, pos int, slots []int) bool {
	n := len(input) - pos
	words := (len(p.insts)*(n+1) + 31) / 32
	if cap(c.visited) < words {
		c.visited = make([]uint32, words)
	} else {
		c.visited = c.visited[:words]
		clear(c.visited)
	}
	if cap(c.caps) < len(slots) {
		c.caps = make([]int, len(slots))
	}
	caps := c.caps[:len(slots)]
	for i := range caps {
		caps[i] = -1
	}
	skip := false
	if n >= skipMinInput {
		p.firstOnce.Do(p.firstBytes)
		skip = p.skip
	}
	for at := pos; at <= len(input); at += nfa.RuneWidth(input, at) {
		if p.anchored && at > 0 {
			break
		}
		if skip {
			if at = p.next(input, at); at < 0 {
				break
			}
		}
		if len(caps) > 0 {
			caps[0] = at
		}
		if p.try(c, input, pos, at, caps) {
			copy(slots, caps)
			return true
		}
	}
	return false
}

// next returns the first position from at whose byte can start a match,
// or -1 if there is none.
func (p *Prog) next(input []byte, at int) int {
	if p.one >= 0 {
		if i := bytes.IndexByte(input[at:], byte(p.one)); i >= 0 {
			return at + i
		}
		return -1
	}
	for ; at < len(input); at++ {
		if p.first[input[at]] {
			return at
		}
	}
	return -1
}

// try reports whether a match starts at start, exploring the
// alternatives in priority order; base is the search's start, from which
// the visited set counts positions. On a match, caps holds its slots; on
// failure, caps is as it was.
func (p *Prog) try(c *Cache, input []byte, base, start int, caps []int) bool {
	stride := len(input) - base + 1
	jobs := append(c.jobs[:0], job{pc: p.start, slot: -1, pos: start})
	found := false
	for len(jobs) > 0 && !found {
		j := jobs[len(jobs)-1]
		jobs = jobs[:len(jobs)-1]
		if j.slot >= 0 {
			caps[j.slot] = j.pos
			continue
		}
		pc, at := j.pc, j.pos
	path:
		for {
			bit := int(pc)*stride + at - base
			if c.visited[bit/32]&(1<<(bit%32)) != 0 {
				break
			}
			c.visited[bit/32] |= 1 << (bit % 32)
			in := &p.insts[pc]
			switch in.op {
			case opFail:
				break path
			case opMatch:
				if len(caps) > 1 {
					caps[1] = at
				}
				found = true
				break path
			case opRange, opClass:
				if at == len(input) {
					break path
				}
				r, w := decode(input, at)
				if in.op == opRange && (r < in.lo || r > in.hi) || in.op == opClass && !inClass(p.classes[in.lo], r) {
					break path
				}
				at += w
			case opLook:
				if !nfa.LookHolds(in.look, input, at) {
					break path
				}
			case opSave:
				if s := int(in.lo); s < len(caps) {
					jobs = append(jobs, job{slot: int32(s), pos: caps[s]})
					caps[s] = at
				}
			case opSplit:
				jobs = append(jobs, job{pc: in.alt, slot: -1, pos: at})
			}
			pc = in.next
		}
	}
	c.jobs = jobs[:0]
	return found
}
