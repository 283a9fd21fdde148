// Package jit runs rxjit's engines as generated machine code. It is the
// one package of the regex side that imports codegen and jitmem: the
// engines (package dfa, package prefilter) build their tables in Go and
// define a Go loop over them; this package enters code that codegen
// generated to walk the same tables.
//
// The generated loops read only their tables and the haystack, so one loop
// of each kind serves every pattern: they are generated once per process,
// for the CPU found at run time, the first time a search asks for them,
// and stay mapped for the life of the process (a few small blobs in sealed
// pages).
//
//   - DFARunner is the lazy DFA's search loop (codegen/dfaloop), forward
//     and reverse, its span searches, and its two-chain rounds
//     (dfa.ChainRunner), which the Go loop has no counterpart for: two
//     independent walks overlap only in code that keeps both in
//     registers. Its acceleration loop needs AVX2; without it
//     accelerated states are stepped byte by byte.
//   - Scanner is the literal prefilters' candidate loop (codegen/litscan):
//     AVX2, or SSSE3 16 bytes at a time.
//   - RunScan is the scan for runs of one class (codegen/runscan, package
//     classrun): a 32-byte block as one AVX2 vector, or two SSSE3 ones.
//   - OnePass, Backtrack and BitNFA run the code generated per pattern
//     (or per shape of automaton) for groups and for the liveness pass.
package jit
