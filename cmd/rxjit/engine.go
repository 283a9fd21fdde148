package main

// This file is the only one that names the regular-expression package, so
// the engine behind the CLI can be swapped in one place.

import regex "github.com/rxjit/rxjit/regex"

// engineName is printed by --version.
const engineName = "rxjit"

// engineRegexp is a compiled regular expression of the engine in use.
type engineRegexp = regex.Regexp

// compileEngine compiles src with the engine in use.
func compileEngine(src string) (*engineRegexp, error) { return regex.Compile(src) }

// quoteMeta escapes every metacharacter of s, so that the result matches s
// literally.
func quoteMeta(s string) string { return regex.QuoteMeta(s) }
