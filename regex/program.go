package regex

import (
	"runtime"
	"sync"
	"sync/atomic"
	"unicode"
	"unicode/utf8"
	"weak"

	"regexp/syntax"

	"github.com/rxjit/rxjit/regex/internal/goonepass"
	"github.com/rxjit/rxjit/regex/internal/meta"
	"github.com/rxjit/rxjit/regex/internal/nfa"
	"github.com/rxjit/rxjit/regex/internal/runeprog"
)

// A program is what a pattern's searches need beyond its text: the rune
// program that its first searches run on, built by the first (see
// coldFor); the NFA and the search plan, built once those searches have
// cost enough; and the answer of LiteralPrefix, built on its first call.
// Go programs compile most of their patterns at start-up and use few of
// them soon, so Compile only parses (which also finds every error) and
// the rest waits until it is needed. Not even the parse tree is kept, except weakly
// (see parsed): a pattern never searched costs a few hundred bytes, less
// than regexp's compiled program.
//
// Programs are interned by expression and syntax: every live Regexp
// compiled from the same pattern shares one, and so the NFA, the plan and
// the DFA caches too. That also keeps what regexp promises: a Regexp stays
// reflect.DeepEqual to a fresh compile of its pattern whatever either has
// matched, because both point at the same program.
type program struct {
	key programKey
	// parsed is the parse tree of the Compile that made the program,
	// held weakly: a search soon after Compile (the common case) reuses
	// it instead of parsing again, and a pattern left unused does not
	// keep it past the next collection. Set once, before the program is
	// shared.
	parsed weak.Pointer[syntax.Regexp]

	eng   atomic.Pointer[engines]
	build sync.Once

	// cold is the rune program that the first searches run on, built by
	// the first (nil if the pattern is too large for one), and spent
	// what those searches have cost (see coldFor).
	coldOnce sync.Once
	cold     *runeprog.Prog
	spent    atomic.Int64

	prefixOnce     sync.Once
	prefix         string
	prefixComplete bool
}

// engines are the NFA and the plan built from it.
type engines struct {
	nfa  *nfa.NFA
	plan *meta.Plan
}

// engines returns p's engines, building them on the first call.
func (p *program) engines() *engines {
	if e := p.eng.Load(); e != nil {
		return e
	}
	p.build.Do(func() {
		// Simplified once here; the Simplify calls of the NFA compilers
		// and the literal extractor then find nothing to do and return
		// their argument.
		simple := p.parse().Simplify()
		n := nfa.Compile(simple)
		p.eng.Store(&engines{nfa: n, plan: meta.New(simple, n)})
	})
	return p.eng.Load()
}

// literalPrefix returns LiteralPrefix's answer, computing it on the first
// call.
func (p *program) literalPrefix() (string, bool) {
	p.prefixOnce.Do(func() {
		simple := p.parse().Simplify()
		p.prefix, p.prefixComplete = literalPrefix(simple)
		if nfa.IsAnchoredBegin(simple) {
			// regexp answers LiteralPrefix differently for the patterns
			// it runs on its one-pass engine, all of which start with \A.
			if prog, err := syntax.Compile(simple); err == nil && goonepass.IsOnePass(prog) {
				p.prefix, p.prefixComplete = goonepass.Prefix(prog)
			}
		}
	})
	return p.prefix, p.prefixComplete
}

// parse returns the parse tree of p's pattern, which Compile has parsed
// without error: Compile's tree while it is alive, else a new one.
func (p *program) parse() *syntax.Regexp {
	if re := p.parsed.Value(); re != nil {
		return re
	}
	parsed, err := syntax.Parse(p.key.expr, p.key.mode)
	if err != nil {
		panic("regex: a compiled pattern no longer parses: " + err.Error())
	}
	return parsed
}

// programKey names an interned program.
type programKey struct {
	expr string
	mode syntax.Flags
}

// programs interns programs. Entries are weak: a program lives as long as
// some Regexp uses it, and its entry is deleted when it is collected.
var programs struct {
	sync.Mutex
	m map[programKey]weak.Pointer[program]
}

// internProgram returns the live program of expr under mode, or makes
// one. Compile has parsed expr under mode without error, into parsed.
func internProgram(expr string, mode syntax.Flags, parsed *syntax.Regexp) *program {
	k := programKey{expr, mode}
	programs.Lock()
	defer programs.Unlock()
	if p := programs.m[k].Value(); p != nil {
		return p
	}
	if programs.m == nil {
		programs.m = make(map[programKey]weak.Pointer[program])
	}
	p := &program{key: k, parsed: weak.Make(parsed)}
	programs.m[k] = weak.Make(p)
	runtime.AddCleanup(p, forgetProgram, k)
	return p
}

// forgetProgram deletes k's entry once its program is gone (a program
// interned again since then keeps its entry).
func forgetProgram(k programKey) {
	programs.Lock()
	if programs.m[k].Value() == nil {
		delete(programs.m, k)
	}
	programs.Unlock()
}

// minBytes returns a lower bound of the length in bytes of re's matches,
// computed from the parse tree so that Compile can know it without the
// NFA: searches of shorter inputs fail before the engines are touched.
// A rune counts its shortest UTF-8 length, and 1 if it is U+FFFD, which
// matches an invalid byte.
func minBytes(re *syntax.Regexp) int {
	const most = 1 << 30
	switch re.Op {
	case syntax.OpLiteral:
		n := 0
		for _, r := range re.Rune {
			w := runeBytes(r)
			if re.Flags&syntax.FoldCase != 0 {
				for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
					w = min(w, runeBytes(f))
				}
			}
			n += w
		}
		return min(n, most)
	case syntax.OpCharClass:
		if len(re.Rune) == 0 {
			return 0
		}
		w := 4
		for i := 0; i < len(re.Rune); i += 2 {
			lo, hi := re.Rune[i], re.Rune[i+1]
			if lo <= utf8.RuneError && utf8.RuneError <= hi {
				return 1
			}
			if w = min(w, runeBytes(lo)); w == 1 {
				return 1
			}
		}
		return w
	case syntax.OpAnyChar, syntax.OpAnyCharNotNL:
		return 1
	case syntax.OpCapture, syntax.OpPlus:
		return minBytes(re.Sub[0])
	case syntax.OpRepeat:
		return min(re.Min*minBytes(re.Sub[0]), most)
	case syntax.OpConcat:
		n := 0
		for _, sub := range re.Sub {
			n = min(n+minBytes(sub), most)
		}
		return n
	case syntax.OpAlternate:
		n := most
		for _, sub := range re.Sub {
			n = min(n, minBytes(sub))
		}
		return n
	}
	return 0
}

// runeBytes returns the fewest bytes that match the rune r.
func runeBytes(r rune) int {
	if r == utf8.RuneError || !utf8.ValidRune(r) {
		return 1
	}
	return utf8.RuneLen(r)
}
