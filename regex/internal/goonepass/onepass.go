// Package goonepass decides, exactly as the standard regexp package does,
// whether a compiled program qualifies for regexp's "one-pass" engine, and
// computes the literal prefix regexp reports for such a program.
//
// The decision is observable, which is why it must be mirrored rule for rule
// rather than approximated: regexp.(*Regexp).LiteralPrefix takes its answer
// from onePassPrefix for a one-pass program and from syntax.(*Prog).Prefix
// otherwise. The two disagree whenever a literal follows a leading \A (or ^
// without (?m)): Prefix skips the assertion and reads the literal after it,
// while syntax.(*Prog).Prefix stops at the assertion and returns "". So `^abcd?$` (one-pass) reports ("abc", false) but `^abcd?` (not
// one-pass: an alternation leads to the match) reports ("", false), and
// `^0$` reports ("0", true) while `^0^` reports ("", false).
//
// The rules reproduced here are those of regexp's compileOnePass (Go 1.26,
// src/regexp/onepass.go), in order:
//
//  1. The program must have fewer than 1000 instructions, must not start at
//     instruction 0, and its first instruction must be an empty-width
//     assertion that includes \A.
//  2. An empty-width instruction that leads straight to the match must
//     assert \z, no alternation may lead straight to the match, and if the
//     program contains any alternation, no other instruction may lead
//     straight to the match either.
//  3. Two idioms are rewritten before the analysis (see rewriteAltIdioms).
//  4. A depth-first walk from every rune instruction's successor (and from
//     the start) must find, at every alternation, that at most one branch can
//     reach the match without consuming input and that the rune sets
//     reachable first through the two branches are disjoint. The walk keeps
//     regexp's quirks: visited instructions are not revisited within one
//     walk (so an empty loop sees its own state from the previous walk), an
//     alternation that once reached the match keeps that mark, and branches
//     swapped so the matching branch comes first stay swapped.
//
// Nothing in the program passed in is modified.
package goonepass

import (
	"regexp/syntax"
	"slices"
	"unicode/utf8"

	"github.com/rxjit/rxjit/regex/internal/nfa"
)

// maxInsts is regexp's size limit: it does not analyse programs with this
// many instructions or more.
const maxInsts = 1000

// IsOnePass reports whether Go's regexp would compile prog to its one-pass
// engine. prog must be the result of syntax.Compile applied to a simplified
// parse, as regexp.Compile produces it; any program not anchored by a
// leading \A yields false.
func IsOnePass(prog *syntax.Prog) bool {
	if len(prog.Inst) >= maxInsts || !startsWithBeginText(prog) || !matchIsReachedCleanly(prog) {
		return false
	}
	a := newAnalysis(prog)
	a.rewriteAltIdioms()
	return a.unambiguous(uint32(prog.Start))
}

// Prefix returns what regexp.(*Regexp).LiteralPrefix returns for a one-pass
// program: the literal that immediately follows the leading \A (empty-width
// no-ops in between are skipped, captures are not), and whether that literal
// is followed by \z and the match, so that it is the entire match.
//
// The literal stops at the first instruction that is not a single,
// case-sensitive rune, and before U+FFFD, which invalid UTF-8 also matches.
// If there is no literal, complete reports whether the match itself follows
// \A. If prog does not start with \A, Prefix returns "" and whether the
// start instruction is the match.
func Prefix(prog *syntax.Prog) (prefix string, complete bool) {
	start := &prog.Inst[prog.Start]
	if !assertsBeginText(start) {
		return "", start.Op == syntax.InstMatch
	}
	inst := &prog.Inst[start.Out]
	for inst.Op == syntax.InstNop {
		inst = &prog.Inst[inst.Out]
	}
	var buf []byte
	for isLiteralRune(inst) {
		buf = utf8.AppendRune(buf, inst.Rune[0])
		inst = &prog.Inst[inst.Out]
	}
	if len(buf) == 0 {
		return "", inst.Op == syntax.InstMatch
	}
	complete = inst.Op == syntax.InstEmptyWidth &&
		syntax.EmptyOp(inst.Arg)&syntax.EmptyEndText != 0 &&
		prog.Inst[inst.Out].Op == syntax.InstMatch
	return string(buf), complete
}

// isLiteralRune reports whether inst matches exactly one rune, case
// sensitively, and that rune is not U+FFFD. An InstRune1 built from a
// one-rune class holds the rune twice and does not count, as in regexp.
func isLiteralRune(inst *syntax.Inst) bool {
	return isRuneOp(inst.Op) &&
		len(inst.Rune) == 1 &&
		syntax.Flags(inst.Arg)&syntax.FoldCase == 0 &&
		inst.Rune[0] != utf8.RuneError
}

// startsWithBeginText reports whether prog's start instruction is an
// empty-width assertion that includes \A, and prog does not start at
// instruction 0 (which syntax.Compile reserves for the fail instruction).
func startsWithBeginText(prog *syntax.Prog) bool {
	return prog.Start != 0 && assertsBeginText(&prog.Inst[prog.Start])
}

// assertsBeginText reports whether inst is an empty-width assertion that
// includes \A.
func assertsBeginText(inst *syntax.Inst) bool {
	return inst.Op == syntax.InstEmptyWidth &&
		syntax.EmptyOp(inst.Arg)&syntax.EmptyBeginText != 0
}

// matchIsReachedCleanly applies regexp's structural conditions on the
// instructions that lead directly to the match instruction: an empty-width
// assertion must include \z, an alternation never qualifies, and any other
// instruction qualifies only in a program without alternations.
func matchIsReachedCleanly(prog *syntax.Prog) bool {
	hasAlt := slices.ContainsFunc(prog.Inst, func(inst syntax.Inst) bool { return isAltOp(inst.Op) })
	leadsToMatch := func(pc uint32) bool { return prog.Inst[pc].Op == syntax.InstMatch }
	for i := range prog.Inst {
		inst := &prog.Inst[i]
		switch {
		case isAltOp(inst.Op):
			if leadsToMatch(inst.Out) || leadsToMatch(inst.Arg) {
				return false
			}
		case inst.Op == syntax.InstEmptyWidth:
			if leadsToMatch(inst.Out) && syntax.EmptyOp(inst.Arg)&syntax.EmptyEndText == 0 {
				return false
			}
		default:
			// This includes the match and fail instructions, whose Out is
			// 0, the fail instruction.
			if leadsToMatch(inst.Out) && hasAlt {
				return false
			}
		}
	}
	return true
}

// A node is the analysis's working copy of one instruction, plus what the
// walk has learned about it.
type node struct {
	op       syntax.InstOp
	out, arg uint32 // the successors; rewriting and the walk may change them

	// runes is the sorted set of rune ranges (lo, hi pairs) that can be
	// consumed first on a path from this instruction. It is shared between
	// nodes and never modified in place.
	runes []rune
	// matchable reports whether the match is reachable from this
	// instruction without consuming input.
	matchable bool
	// expanded is set on a rune instruction once its rune set is known and
	// its successor has been queued; regexp does both once only.
	expanded bool
	// queued is set once the instruction has been queued as a walk root.
	queued bool
	// walk is the number of the last walk that visited this instruction.
	walk uint32
}

// An analysis holds the working state of one IsOnePass decision.
type analysis struct {
	prog  *syntax.Prog
	nodes []node
	roots []uint32 // walk roots, in the order they were queued
	walk  uint32   // number of the current walk; nodes start at 0

	// pairs backs the two-rune sets of single-rune instructions, pc by pc,
	// so that a long literal costs one allocation rather than one per rune.
	pairs []rune
}

func newAnalysis(prog *syntax.Prog) *analysis {
	n := len(prog.Inst)
	a := &analysis{
		prog:  prog,
		nodes: make([]node, n),
		roots: make([]uint32, 0, n),
		pairs: make([]rune, 2*n),
	}
	for i := range prog.Inst {
		inst := &prog.Inst[i]
		a.nodes[i] = node{op: inst.Op, out: inst.Out, arg: inst.Arg}
	}
	return a
}

// rewriteAltIdioms rewrites, as regexp's onePassCopy does and in the same
// instruction order, two constructs that would otherwise fail the analysis.
// Writing A:BC for an alternation A whose branches are B and C, where B is
// itself an alternation and C is not:
//
//   - A:BC + B:DA becomes A:BC + B:DC (B's branch back to A now goes to C
//     directly, removing an empty loop);
//   - A:BC + B:DC then becomes A:DC + B:DC (A skips B when B's other branch
//     rejoins A's).
//
// When both branches of A are alternations, nothing is rewritten.
func (a *analysis) rewriteAltIdioms() {
	for pc := range a.nodes {
		nodeA := &a.nodes[pc]
		if !isAltOp(nodeA.op) {
			continue
		}
		toAlt, toOther := &nodeA.arg, &nodeA.out
		if !isAltOp(a.nodes[*toAlt].op) {
			toAlt, toOther = toOther, toAlt
			if !isAltOp(a.nodes[*toAlt].op) {
				continue
			}
		}
		if isAltOp(a.nodes[*toOther].op) {
			continue
		}
		nodeB := &a.nodes[*toAlt]
		bBack, bOther := &nodeB.out, &nodeB.arg
		loops := true
		switch uint32(pc) {
		case *bBack:
		case *bOther:
			bBack, bOther = bOther, bBack
		default:
			loops = false
		}
		if loops {
			*bBack = *toOther
		}
		if *toOther == *bBack {
			*toAlt = *bOther
		}
	}
}

// unambiguous runs the walks from start and from every rune instruction's
// successor, and reports whether every alternation they reach is
// unambiguous. Roots are walked in the order they are discovered, each
// once, as in regexp.
func (a *analysis) unambiguous(start uint32) bool {
	a.queue(start)
	for i := 0; i < len(a.roots); i++ {
		a.walk++
		if !a.visit(a.roots[i]) {
			return false
		}
	}
	return true
}

func (a *analysis) queue(pc uint32) {
	if n := &a.nodes[pc]; !n.queued {
		n.queued = true
		a.roots = append(a.roots, pc)
	}
}

// visit computes pc's rune set and match reachability from those of its
// successors, depth first without consuming input, and reports false as
// soon as it finds an ambiguous alternation. An instruction already visited
// in the current walk is not visited again; its current state, which for an
// instruction on an empty loop is still that of an earlier walk, is used.
func (a *analysis) visit(pc uint32) bool {
	n := &a.nodes[pc]
	if n.walk == a.walk {
		return true
	}
	n.walk = a.walk
	switch n.op {
	case syntax.InstAlt, syntax.InstAltMatch:
		if !a.visit(n.out) || !a.visit(n.arg) {
			return false
		}
		outMatches, argMatches := a.nodes[n.out].matchable, a.nodes[n.arg].matchable
		if outMatches && argMatches {
			return false
		}
		if argMatches {
			// regexp keeps the branch that matches on empty input in Out.
			n.out, n.arg = n.arg, n.out
		}
		if outMatches || argMatches {
			// Never reset: regexp leaves the mark from an earlier walk.
			n.matchable = true
		}
		merged, ok := mergeDisjoint(a.nodes[n.out].runes, a.nodes[n.arg].runes)
		if !ok {
			return false
		}
		n.runes = merged
	case syntax.InstCapture, syntax.InstNop, syntax.InstEmptyWidth:
		// Empty-width assertions are not evaluated: both sides of them
		// count as reachable.
		if !a.visit(n.out) {
			return false
		}
		n.matchable = a.nodes[n.out].matchable
		n.runes = a.nodes[n.out].runes
	case syntax.InstMatch:
		n.matchable = true
	case syntax.InstFail:
		n.matchable = false
	case syntax.InstRune, syntax.InstRune1, syntax.InstRuneAny, syntax.InstRuneAnyNotNL:
		n.matchable = false
		if n.expanded {
			break
		}
		n.expanded = true
		a.queue(n.out)
		n.runes = runeSet(&a.prog.Inst[pc], a.pairs[2*pc:2*pc+2:2*pc+2])
	}
	return true
}

// runeSet returns the rune ranges inst consumes, as lo, hi pairs in
// increasing order, with a case-folded single rune expanded to its whole
// simple-folding orbit. A single rune's set is written to pair, which must
// have length 2.
func runeSet(inst *syntax.Inst, pair []rune) []rune {
	switch inst.Op {
	case syntax.InstRuneAny:
		return nfa.AnyRune
	case syntax.InstRuneAnyNotNL:
		return nfa.AnyRuneNotNL
	}
	if len(inst.Rune) == 0 {
		return nil
	}
	folds := syntax.Flags(inst.Arg)&syntax.FoldCase != 0
	if folds && (inst.Op == syntax.InstRune1 || len(inst.Rune) == 1) {
		if orbit := nfa.FoldRanges(inst.Rune[0]); orbit != nil {
			return orbit
		}
	}
	if inst.Op == syntax.InstRune1 || folds && len(inst.Rune) == 1 {
		// Holds [r] or [r, r]; either way the set is r alone.
		pair[0], pair[1] = inst.Rune[0], inst.Rune[0]
		return pair
	}
	return inst.Rune
}

// mergeDisjoint returns the union of two range sets, and false if they share
// a rune. Like regexp's mergeRuneSets it fails as soon as a range does not
// start strictly after the end of the previous one in the merged order.
//
// Every set the analysis builds is already strictly increasing (syntax
// normalizes classes, fold orbits have distinct members, and merged sets
// pass this very check), so merging with an empty set can return the other
// set unchanged; regexp copies it, with the same result.
//
// A set of odd length, on which regexp panics and which syntax.Compile never
// produces, fails the merge.
func mergeDisjoint(left, right []rune) ([]rune, bool) {
	switch {
	case len(left)%2 != 0 || len(right)%2 != 0:
		return nil, false
	case len(right) == 0:
		return left, true
	case len(left) == 0:
		return right, true
	}
	merged := make([]rune, 0, len(left)+len(right))
	for len(left) > 0 || len(right) > 0 {
		var lo, hi rune
		if len(left) == 0 || len(right) > 0 && right[0] < left[0] {
			lo, hi, right = right[0], right[1], right[2:]
		} else {
			lo, hi, left = left[0], left[1], left[2:]
		}
		if len(merged) > 0 && lo <= merged[len(merged)-1] {
			return nil, false
		}
		merged = append(merged, lo, hi)
	}
	return merged, true
}

func isAltOp(op syntax.InstOp) bool {
	return op == syntax.InstAlt || op == syntax.InstAltMatch
}

func isRuneOp(op syntax.InstOp) bool {
	switch op {
	case syntax.InstRune, syntax.InstRune1, syntax.InstRuneAny, syntax.InstRuneAnyNotNL:
		return true
	}
	return false
}
