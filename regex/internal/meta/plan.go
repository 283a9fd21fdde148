// Package meta chooses how a compiled pattern is searched: which engine
// runs, what prefilter finds candidate positions for it, and which inputs
// are rejected without a search. The public package and the explain
// package both read the Plan it builds.
package meta

import (
	"fmt"
	"strings"
	"sync"
	"unicode/utf8"

	"regexp/syntax"

	"github.com/rxjit/rxjit/jitmem"
	"github.com/rxjit/rxjit/regex/internal/backtrack"
	"github.com/rxjit/rxjit/regex/internal/bitnfa"
	"github.com/rxjit/rxjit/regex/internal/classrun"
	"github.com/rxjit/rxjit/regex/internal/dfa"
	"github.com/rxjit/rxjit/regex/internal/jit"
	"github.com/rxjit/rxjit/regex/internal/literal"
	"github.com/rxjit/rxjit/regex/internal/nfa"
	"github.com/rxjit/rxjit/regex/internal/onepass"
	"github.com/rxjit/rxjit/regex/internal/pikevm"
	"github.com/rxjit/rxjit/regex/internal/prefilter"
)

// Plan is the strategy chosen for a compiled pattern: which engines run a
// search, and what finds candidate positions for them.
//
// The order of preference:
//  1. A pattern that is a set of literal strings (one, or an alternation,
//     case-folded ones included, or one case-folded literal with too many
//     spellings to list) needs no automaton: the literal search answers
//     every search that does not ask for groups.
//  2. The prefilter (the literals every match starts with, or the set of
//     bytes a match can start with) skips to the first candidate.
//  3. The lazy DFA finds the match bounds: forward for the end, reverse
//     for the start, and for leftmost-longest an anchored forward pass for
//     the longest end.
//  4. Groups are found from the match start by the one-pass engine when
//     the pattern is one-pass (at once, without the DFA, when every match
//     starts at the beginning of the text), otherwise by the bounded
//     backtracker (short spans) or the PikeVM, which also answers
//     whatever the DFA gives up on.
type Plan struct {
	// Exact, when non-nil, is the whole pattern as literal text (a set of
	// literals, or a case-folded literal): a search that asks for no
	// groups is a literal search.
	Exact prefilter.Matcher
	// Runs, when non-nil, says that every match is a run of one class
	// (package classrun): a search that asks for no groups is a scan for
	// the runs.
	Runs *classrun.Spec
	// Literal, when non-nil, is the whole pattern as one literal that
	// Exact does not serve (its bytes are too common for the probes): a
	// search that asks for no groups is a substring search.
	Literal []byte
	// MinLen is the fewest bytes a match spans (shorter inputs are
	// rejected without a search), or -1 when nothing can match.
	MinLen int
	// Prefilter finds candidate starts, or is nil; the VM skips ahead
	// with it too.
	Prefilter pikevm.Prefilter
	// Required, when not -1, is a rare byte that every match contains
	// (literal.RequiredByte) and that no literal prefilter already
	// looks for: a text without it cannot match, which one byte scan
	// settles before any engine runs.
	Required int
	// inside holds the literals inside every match, where no prefix
	// literal serves, built late (see Inside).
	inside inside
	// VM runs every other search.
	VM *pikevm.VM
	// Fwd finds where the leftmost-first match ends, and Longest where
	// the leftmost-longest match from its start ends. They are nil when
	// nothing can match. The reverse DFA, which finds where a match
	// starts, is built on first use (ReverseDFA).
	Fwd, Longest *dfa.DFA
	// JIT reports whether the DFA may run its generated loop: executable
	// memory was available when the pattern was compiled (RXJIT_NOJIT is
	// read then, so one process can compile a pattern for each path).
	JIT bool
	// re is the parsed pattern, from which the reverse DFA is built, and
	// nfa the automaton the backtracker is built from.
	re  *syntax.Regexp
	nfa *nfa.NFA

	// Engines that many searches never need, built on first use. A Plan
	// is shared by every Regexp of its pattern (package regex interns
	// them), so filling these in changes nothing a caller compares.
	backtrackOnce sync.Once
	backtrack     *backtrack.Backtracker
	reverseOnce   sync.Once
	reverse       *dfa.DFA
	onePassOnce   sync.Once
	onePass       *onepass.DFA
	bitNFAOnce    sync.Once
	bitNFA        *bitnfa.Automaton
	// Generated code of the one-pass engine and the backtracker.
	onePassCode   lazyCode[jit.OnePass]
	backtrackCode lazyCode[jit.Backtrack]
	bitNFACode    lazyCode[jit.BitNFA]
}

// How many bytes an engine's Go loop scans before its code is generated
// (see lazyCode). The one-pass code costs about 0.7 ms to generate for
// rebar 07's pattern (94 states; BenchmarkOnePassCompile in package jit)
// and saves about 1.7 ns a byte over the Go loop (BenchmarkOnePass); the
// backtracker's about 0.5 ms for rebar 11's (115 states;
// BenchmarkBacktrackCompile) and saves about 13 ns a byte
// (BenchmarkBacktrack). At these thresholds the code would have paid for
// itself about once.
const (
	onePassJITAfter   = 256 << 10
	backtrackJITAfter = 64 << 10
	bitNFAJITAfter    = 64 << 10
)

// OnePassSearch runs op, the plan's one-pass engine (OnePass), as
// onepass.(*DFA).Search does: through its generated code when that is
// ready, else through its Go loop (see lazyCode). With wait, the search
// waits for the code instead (for forced engines: tests).
func (p *Plan) OnePassSearch(op *onepass.DFA, input []byte, pos int, slots []int, wait bool) (matched, ok bool) {
	if p.JIT {
		if c := p.onePassCode.get(p, len(input)-pos, onePassJITAfter, wait, compileOnePass); c != nil {
			return c.Search(input, pos, slots)
		}
	}
	return op.Search(input, pos, slots)
}

// BitNFAFiller returns the generated liveness pass of the plan's
// position automaton (BitNFA) for a Scanner about to cover span bytes,
// or nil while it is not ready (or cannot be made): the Go loop then
// runs. With wait, it waits for the code (for forced engines: tests).
// Its code is shared by every automaton of a shape, so after the first
// pattern of a shape, making it costs only laying out the tables; it
// saves about 1.4 ns a byte (BenchmarkBitNFA in package jit: 0.95 ns a
// byte against the Go loop's 2.3).
func (p *Plan) BitNFAFiller(span int, wait bool) bitnfa.Filler {
	if !p.JIT {
		return nil
	}
	if c := p.bitNFACode.get(p, span, bitNFAJITAfter, wait, compileBitNFA); c != nil {
		return c
	}
	return nil
}

func compileBitNFA(p *Plan) (*jit.BitNFA, error) { return jit.CompileBitNFA(p.BitNFA()) }

// RunScanner returns the scan for the runs of Runs: the generated code,
// or its Go twin without the JIT (or without AVX2 and SSSE3).
func (p *Plan) RunScanner() classrun.Scanner {
	if p.JIT {
		if r := jit.RunScanCode(); r != nil {
			return r
		}
	}
	return classrun.GoScan{}
}

// BitSpanner returns the generated span loop of one-word position
// automata (bitnfa.Scanner.Spans), or nil without the JIT: one function
// serves every pattern, so it is generated on first use, not per plan.
func (p *Plan) BitSpanner() bitnfa.Spanner {
	if !p.JIT {
		return nil
	}
	if b := jit.BitSpansCode(); b != nil {
		return b
	}
	return nil
}

func compileOnePass(p *Plan) (*jit.OnePass, error)     { return jit.CompileOnePass(p.OnePass()) }
func compileBacktrack(p *Plan) (*jit.Backtrack, error) { return jit.CompileBacktrack(p.Backtrack()) }

// BacktrackSearch runs the backtracker over input[pos:end] as
// backtrack.(*Backtracker).SearchSpan does: through its generated code
// when that is ready, else (and when the code's stack overflows) through
// the Go backtracker, with a cache from getCache that it gives back with
// putCache (the generated code needs none, so a search it answers does
// not take one). With wait, the search waits for the code (for forced
// engines: tests).
func (p *Plan) BacktrackSearch(getCache func() *backtrack.Cache, putCache func(*backtrack.Cache), input []byte, pos, end int, slots []int, wait bool) bool {
	b := p.Backtrack()
	if p.JIT {
		if code := p.backtrackCode.get(p, end-pos, backtrackJITAfter, wait, compileBacktrack); code != nil {
			if matched, ok := code.SearchSpan(input, pos, end, slots); ok {
				return matched
			}
		}
	}
	c := getCache()
	defer putCache(c)
	return b.SearchSpan(c, input, pos, end, slots)
}

// OnePass returns the one-pass engine, or nil when the pattern is not
// one-pass; it is built on the first call, which a search for groups
// makes.
func (p *Plan) OnePass() *onepass.DFA {
	p.onePassOnce.Do(func() { p.onePass = onepass.New(p.nfa) })
	return p.onePass
}

// AnchoredBegin reports that every match starts at the beginning of the
// text.
func (p *Plan) AnchoredBegin() bool { return p.nfa.AnchoredBegin }

// Backtrack returns the backtracker, which finds groups in short spans,
// leftmost-first only; it is built on the first call (its analysis of the
// NFA was a fifth of a first search's cost on large Unicode classes).
func (p *Plan) Backtrack() *backtrack.Backtracker {
	p.backtrackOnce.Do(func() { p.backtrack = backtrack.New(p.nfa) })
	return p.backtrack
}

// BitNFA returns the position automaton of the pattern, building it on
// the first call, or nil when the pattern is beyond bitnfa's limits.
func (p *Plan) BitNFA() *bitnfa.Automaton {
	p.bitNFAOnce.Do(func() {
		if p.nfa != nil {
			p.bitNFA = bitnfa.New(p.nfa)
		}
	})
	return p.bitNFA
}

// ReverseDFA returns the DFA of the reversed pattern, which finds where
// a match starts, building it on the first call: its NFA costs as much to
// compile as the forward one (twice that with large Unicode classes), and
// Match never needs it.
func (p *Plan) ReverseDFA() *dfa.DFA {
	p.reverseOnce.Do(func() { p.reverse = dfa.New(nfa.CompileReverse(p.re), dfa.Reverse) })
	return p.reverse
}

// requiredMaxFreq is the most common a required byte may be (in Freq's
// parts per 2^24: one byte in 64 of real text) for its scan to be worth
// making: a byte that is absent often enough to settle searches, and
// found soon (so the scan costs little) where it is present.
const requiredMaxFreq = 1 << 24 / 64

// containedMinLen is the shortest literal of a Contains set: shorter
// ones are in too many texts to reject them.
const containedMinLen = 3

// JITMinSpan is the shortest span for which a search enters the DFA's
// generated loop; shorter spans run its Go loop, since entering generated
// code costs a few nanoseconds more than a Go call.
const JITMinSpan = 64

// dfaPrefixMin is the shortest literal prefix the DFA leaves its loop to
// search for (BenchmarkMatch/Easy1, whose prefix is "A", runs 1.6x faster
// on acceleration alone).
const dfaPrefixMin = 3

// New chooses the plan for n, the NFA of re.
func New(re *syntax.Regexp, n *nfa.NFA) *Plan {
	p := &Plan{MinLen: n.MinLen(), re: re, nfa: n, JIT: jitmem.Available() == nil, Required: -1}
	if !n.AnchoredBegin {
		p.Runs = classrun.New(re)
	}
	prefix, complete := RequiredPrefix(n)
	var scan prefilter.Scanner = prefilter.GoScan{}
	if p.JIT {
		scan = jit.Scanner{}
	}
	var lits *prefilter.Literals
	var fold prefilter.Matcher // a FoldLiteral or a FoldSet
	if !n.AnchoredBegin {
		// A match of an anchored pattern can only start at 0: a
		// prefilter would find nothing the DFA does not decide in a
		// few bytes, and choosing its probes costs more than a short
		// first search.
		lits = prefilter.NewLiterals(literal.Prefixes(re, prefilter.MinLitLen), scan)
		if lits == nil || !lits.Exact() {
			// Case-folded literals with too many spellings to list.
			if alts, ok := literal.Folded(re); ok {
				if len(alts) == 1 {
					if f := prefilter.NewFoldLiteral(alts[0], scan); f != nil {
						fold = f
					}
				} else if f := prefilter.NewFoldSet(alts, scan); f != nil {
					fold = f
				}
			}
		}
	}
	var first *[256]bool // the bytes a match starts with, where no literal serves
	switch {
	case n.AnchoredBegin:
	case fold != nil:
		p.Prefilter, p.Exact = fold, fold
	case lits != nil:
		p.Prefilter = lits
		if lits.Exact() {
			p.Exact = lits
		}
	case len(prefix) > 0:
		p.Prefilter = prefilter.NewPrefix([]byte(prefix))
		if complete {
			p.Literal = []byte(prefix)
		}
	default:
		if set, ok := firstBytes(n); ok {
			first = set
			if prefilterSet(set) {
				p.Prefilter = prefilter.NewByteSet(set)
			}
		}
	}
	if lits == nil && fold == nil && len(prefix) == 0 && !n.AnchoredBegin && p.MinLen >= 0 {
		p.inside.scan = scan
	}
	if lits == nil && fold == nil && p.Literal == nil && !n.AnchoredBegin {
		if b, ok := literal.RequiredByte(re); ok && literal.Freq(b) < requiredMaxFreq {
			p.Required = int(b)
		}
	}
	p.VM = pikevm.New(n, p.Prefilter)
	if p.MinLen >= 0 {
		p.Fwd = dfa.New(n, dfa.Forward)
		if lits != nil || fold != nil || len(prefix) >= dfaPrefixMin || (len(prefix) > 0 && !p.JIT) {
			// A literal skips far. With generated code, shorter
			// prefixes and first-byte sets are left to the DFA's own
			// acceleration of its start state: leaving the loop at
			// every candidate costs more. The Go loop accelerates a
			// byte at a time, so there any prefix is worth it.
			p.Fwd.SetPrefilter(p.Prefilter)
		}
		if first != nil {
			// FindAll's span searches start at the bytes a match
			// starts with. (Where a literal prefilter serves, its
			// scans skip further.)
			p.Fwd.SetCandidates(first)
			if runOfOne(re) && p.BitNFA() == nil {
				// Failed tries skip what they read. Where the
				// position automaton holds the pattern, its
				// liveness serves such calls better (rebar's
				// letters-en, [A-Za-z]{8,13}: 600 MB/s against 270
				// in span searches); above 512 positions
				// (\p{L}{8,13}) span searches are the fastest.
				p.Fwd.SetSkipFailed()
			}
		}
		p.Longest = dfa.New(n, dfa.ForwardLongest)
	}
	return p
}

// RequiredPrefix returns the literal text every match of n starts with,
// and whether n matches exactly that text: the chain of single-byte states
// from the start, through captures, cut to whole runes.
func RequiredPrefix(n *nfa.NFA) (prefix string, complete bool) {
	skipCaptures := func(id nfa.StateID) nfa.StateID {
		for n.States[id].Kind == nfa.KindCapture {
			id = n.States[id].Next
		}
		return id
	}
	var buf []byte
	id := skipCaptures(n.StartAnchored)
	for {
		// Collect one rune: a chain of single-byte states.
		var r []byte
		next := id
		for {
			s := &n.States[next]
			if s.Kind != nfa.KindRange || s.Lo != s.Hi {
				break
			}
			r = append(r, s.Lo)
			next = s.Next
			if utf8.FullRune(r) {
				break
			}
		}
		if len(r) == 0 || !utf8.FullRune(r) {
			break
		}
		buf = append(buf, r...)
		id = skipCaptures(next)
	}
	return string(buf), n.States[id].Kind == nfa.KindMatch
}

// firstBytes returns the set of bytes a match of n can start with. It
// fails when a match can be empty. Assertions are treated as always true,
// which only adds bytes.
func firstBytes(n *nfa.NFA) (*[256]bool, bool) {
	var set [256]bool
	seen := make(map[nfa.StateID]bool)
	stack := []nfa.StateID{n.StartAnchored}
	for len(stack) > 0 {
		id := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if seen[id] {
			continue
		}
		seen[id] = true
		s := &n.States[id]
		switch s.Kind {
		case nfa.KindMatch:
			return nil, false
		case nfa.KindUnion:
			stack = append(stack, n.Alts(s)...)
		case nfa.KindCapture, nfa.KindLook:
			stack = append(stack, s.Next)
		case nfa.KindRange:
			for c := int(s.Lo); c <= int(s.Hi); c++ {
				set[c] = true
			}
		case nfa.KindSparse:
			for _, t := range n.Trans(s) {
				for c := int(t.Lo); c <= int(t.Hi); c++ {
					set[c] = true
				}
			}
		}
	}
	return &set, true
}

// prefilterSet reports whether a first-byte set makes a prefilter: not
// every byte, and no UTF-8 continuation byte (which only an invalid
// sequence starts a match with, and whose positions inside a rune are no
// candidates).
func prefilterSet(set *[256]bool) bool {
	all := true
	for c, in := range set {
		if in && 0x80 <= c && c <= 0xBF {
			return false
		}
		all = all && in
	}
	return !all
}

// String describes the plan, one decision per line, for rxjit --explain.
func (p *Plan) String() string {
	var b strings.Builder
	if p.MinLen < 0 {
		b.WriteString("nothing can match: every search fails at once\n")
		return b.String()
	}
	fmt.Fprintf(&b, "inputs shorter than %d bytes: rejected without a search\n", p.MinLen)
	if p.Exact != nil {
		b.WriteString("whole pattern is literal text: literal search unless groups are asked for\n")
	}
	if p.Literal != nil {
		fmt.Fprintf(&b, "whole pattern is the literal %q: substring search unless groups are asked for\n", p.Literal)
	}
	if r := p.Runs; r != nil {
		class := "one ASCII class"
		if !r.ASCII() {
			class = "one class" // its byte runs are decoded in Go
		}
		fmt.Fprintf(&b, "every match is a run of %s %s: unless groups are asked for, a scan for the runs, 32 bytes at a time (generated x86-64 code where executable memory and AVX2 or SSSE3 are available, Go loop otherwise), answers every search without an automaton\n", class, r)
	}
	if p.Prefilter != nil {
		fmt.Fprintf(&b, "prefilter: %v\n", p.Prefilter)
	} else {
		b.WriteString("prefilter: none\n")
	}
	inner, contains := p.Inside(lateSpan)
	switch {
	case inner != nil && inner.Proven():
		fmt.Fprintf(&b, "inner literal: %v after %v (the first occurrence whose match the prefix's reverse DFA and the forward DFA confirm is the leftmost match, since %v)\n",
			inner.Lits, inner.prefix, inner.why)
	case inner != nil:
		fmt.Fprintf(&b, "inner literal: %v after %v (%v: at the first occurrence whose match the prefix's reverse DFA and the forward DFA confirm, a reverse DFA of the prefix's prefixes finds where the leftmost match may start, and the ordinary search goes on from there)\n",
			inner.Lits, inner.prefix, inner.why)
	}
	if contains != nil && inner == nil {
		fmt.Fprintf(&b, "contained literals: %v (every match holds one; a text without any is rejected by one scan)\n", contains)
	}
	if contains != nil {
		fmt.Fprintf(&b, "literals inside matches: used from the first search of %d KiB or more, or after %d searches\n", lateSpan>>10, lateSearches)
	}
	if p.Required >= 0 {
		fmt.Fprintf(&b, "required byte: %q (every match contains it; a text without it is rejected by one byte scan)\n", byte(p.Required))
	}
	fmt.Fprintf(&b, "engine: lazy DFA for the match bounds: forward for the end, reverse for the start (%d byte classes); generated x86-64 loop for spans of %d bytes or more where executable memory is available, Go loop otherwise\n", p.Fwd.NumClasses(), JITMinSpan)
	switch {
	case p.Fwd.CanSpan() && p.Fwd.SkipsFailed():
		b.WriteString("engine: span searches for FindAll and ReplaceAll of whole matches: the anchored DFA at each first-byte candidate in turn, many matches per call of the generated loop; every match is a run of one class, so a failed try rules out the candidates up to where it died and the search goes on there\n")
	case p.Fwd.CanSpan():
		b.WriteString("engine: span searches for FindAll and ReplaceAll of whole matches: the anchored DFA at each first-byte candidate in turn, many matches per call of the generated loop, while failed tries cost less than the matches save\n")
	}
	if op := p.OnePass(); op != nil {
		where := "starting at the match the DFA found"
		if p.nfa.AnchoredBegin {
			where = "from the start of the text, without the DFA"
		}
		fmt.Fprintf(&b, "engine: one-pass DFA for groups (%d states, leftmost-first), %s; generated x86-64 code, a block per state, once its Go loop has scanned %d KiB where executable memory is available\n", op.NumStates(), where, onePassJITAfter>>10)
	}
	fmt.Fprintf(&b, "engine: bounded backtracker for groups in spans up to %d bytes (leftmost-first), within the match the DFA found; generated x86-64 code, a block per NFA state, once its Go loop has scanned %d KiB where executable memory is available\n", p.Backtrack().MaxInput(), backtrackJITAfter>>10)
	b.WriteString("engine: PikeVM otherwise, and where the DFA gives up (invalid UTF-8, a thrashing cache)\n")
	return b.String()
}
