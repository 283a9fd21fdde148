// Package dfa is rxjit's lazy DFA: states are built from the byte NFA
// while a search runs and kept in a bounded cache, whose transition table
// is read by two executors, a loop written in Go (Runner GoLoop) and the
// same loop generated as x86-64 code (package jit). Both only read the
// table; every decision is made here, once, by the determinizer.
//
// # States
//
// A DFA state is an ordered set of NFA states (the "kernel": the states
// reached right after a byte was consumed, in thread priority order) plus
// the facts that assertions may ask about the bytes already read: whether
// the position is the edge of the text, whether the byte behind it is a
// '\n' or an ASCII word byte. Only the facts the pattern's assertions can
// observe are kept, so a pattern without assertions has one state per
// kernel.
//
// Assertions about the bytes ahead ($, (?m)$, \b, \B, \z) are resolved one
// byte late: the transition on byte b (or on the end of the input) first
// closes the kernel with the assertions evaluated against b, and marks the
// state it leads to as a match state if the closure reached the NFA's match
// state. A match state therefore says "a match ended just before the byte
// that led here". Leftmost-first priority is kept by dropping, when the
// closure reaches a match, every lower-priority thread; leftmost-longest
// (and the reverse DFA) keep all threads and sort kernels, since their
// order carries no meaning there.
//
// # Invalid UTF-8
//
// Go's regexp decodes text with utf8.DecodeRune, so every byte of an
// invalid sequence is U+FFFD of width one. The NFA encodes that rule with
// plain transitions for the bytes that never occur in an encoding (a
// class that contains U+FFFD matches them) and with the LookInvalidRune
// assertion for a lead byte whose encoding is broken, which looks up to
// three bytes ahead: too far for a DFA. The forward DFA therefore keeps a
// UTF-8 validator in its state (which byte an encoding needs next) and
// treats LookInvalidRune as false. On valid UTF-8 that is exact: every NFA
// thread moves from rune boundary to rune boundary, the assertion never
// holds, and the validator, being part of the state, costs nothing per
// byte. C0, C1 and F5-FF are runes of their own and exact too. At the first
// other invalid byte (a stray continuation byte, or a lead byte whose
// encoding breaks off) the transition leads to the quit state, and
// Search answers ErrQuit. A state whose threads have all died while an
// encoding is under way stays alive until the encoding is complete, since
// an assertion may have read it as valid.
//
// The caller then searches a copy of the text in which every byte that
// utf8.DecodeRune reads as U+FFFD of width one is replaced by 0xFF
// (Sanitize): regexp gives both texts the same answers at the same
// offsets (the runes, line ends and ASCII word bytes are the same), and in
// the copy the DFA never quits. SearchText lets that copy be made a window
// at a time: it answers ErrMore when the answer depends on text beyond
// the window.
//
// The reverse DFA (over nfa.CompileReverse's automaton) runs only over
// text that the forward DFA has read without quitting, from a match end
// back to the search start. There every continuation byte belongs to an
// encoding, so a position is a rune boundary exactly when the byte after
// it is not a continuation byte (80-BF), a fact the reverse DFA keeps; it
// accepts only at boundaries. Threads that leave rune synchronisation die
// at the lead byte before them, so the reverse DFA needs no validator.
//
// # The transition table
//
// A cache holds one pointer-free []uint32: 256 bytes of byte-to-class map,
// then one row of Stride words per state, indexed by class (the last class
// is the end of input). A state ID is the offset of its row, premultiplied
// so that a step is one add and one load, with tag bits above the offset:
// TagMatch on match states, and TagQuit, TagDead and TagUnknown (a
// transition not computed yet) on special IDs. Any ID at or above the
// current table length (Scan.Limit) is special, so one unsigned comparison
// both classifies an ID and bounds-checks it; a match state is the only
// special the executors handle without leaving the loop.
//
// # Cache budget
//
// A cache grows until it holds DefaultBudget bytes (transitions, kernels
// and the state index); then it is cleared and the search goes on from the
// current state, rebuilt. A cache cleared MinClears times or more that has
// scanned fewer than MinBytesPerState bytes per state built is thrashing:
// it gives up (ErrGaveUp), for good, and the PikeVM is faster.
package dfa
