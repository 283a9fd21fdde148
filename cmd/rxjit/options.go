package main

import (
	"fmt"
	"os"
	"strconv"
	"strings"
)

// colorMode says when output is coloured.
type colorMode int

const (
	colorNever colorMode = iota
	colorAlways
	colorAuto
)

// explainMode says what --explain prints, if anything.
type explainMode int

const (
	explainNone explainMode = iota
	explainText
	explainDot
)

// mmapMode says when input files are memory-mapped instead of read.
type mmapMode int

const (
	mmapAuto mmapMode = iota
	mmapNever
	mmapAlways
)

// options holds everything the command line asked for, after parsing and
// before any file is opened.
type options struct {
	patterns    []string // from -e, -f and the first operand, not yet split on newlines
	patternSet  bool     // some -e or -f was given, so no operand is the pattern
	paths       []string // operands after the pattern; empty means stdin (or "." with -r)
	fixed       bool     // -F
	ignoreCase  bool     // -i
	invert      bool     // -v
	word        bool     // -w
	line        bool     // -x
	count       bool     // -c
	countMatch  bool     // --count-matches
	listMatch   bool     // -l
	listNoMatch bool     // -L
	lineNumber  bool     // -n
	byteOffset  bool     // -b
	onlyMatch   bool     // -o
	withName    int      // -H (1), -h (0) or the default (-1)
	quiet       bool     // -q
	noMessages  bool     // -s
	maxCount    int64    // -m; negative means no limit
	after       int      // -A; negative means not given
	before      int      // -B; negative means not given
	context     int      // -C or -NUM; negative means not given
	color       colorMode
	nullData    bool // -z: records end in NUL instead of newline
	nullName    bool // -Z: a NUL follows each file name
	recursive   bool // -r, or -R
	follow      bool // -R: follow symbolic links met while walking
	hidden      bool // --hidden
	noIgnore    bool // --no-ignore
	// lineBuffered writes each file's output at once even when stdout
	// is not a terminal (--line-buffered).
	lineBuffered bool
	text         bool // -a: never treat a file as binary
	skipBinary   bool // -I: skip binary files
	label        string
	explain      explainMode
	threads      int
	mmap         mmapMode
	help         bool
	version      bool
}

// usageError is a command-line mistake; it is reported with a hint to run
// --help and exit status 2.
type usageError struct{ msg string }

// Error returns the message without the hint.
func (e *usageError) Error() string { return e.msg }

// usagef returns a usageError with a formatted message.
func usagef(format string, args ...any) error {
	return &usageError{fmt.Sprintf(format, args...)}
}

// argKind says whether a long option takes an argument.
type argKind int

const (
	argNone     argKind = iota
	argRequired         // --opt=VAL or --opt VAL
	argOptional         // --opt or --opt=VAL, never --opt VAL
)

// longOption describes one --name option and how it changes options.
type longOption struct {
	name string
	arg  argKind
	set  func(o *options, val string) error
}

// longAliases maps other spellings of a long option to its name.
var longAliases = map[string]string{"colour": "color", "silent": "quiet"}

// shortBools maps each argument-less short option to its effect.
var shortBools = map[byte]func(o *options){
	'i': func(o *options) { o.ignoreCase = true },
	'y': func(o *options) { o.ignoreCase = true },
	'v': func(o *options) { o.invert = true },
	'w': func(o *options) { o.word = true },
	'x': func(o *options) { o.line = true },
	'F': func(o *options) { o.fixed = true },
	'E': func(o *options) { o.fixed = false },
	'G': func(o *options) { o.fixed = false },
	'P': func(o *options) { o.fixed = false },
	'c': func(o *options) { o.count = true },
	'l': func(o *options) { o.listMatch, o.listNoMatch = true, false },
	'L': func(o *options) { o.listNoMatch, o.listMatch = true, false },
	'n': func(o *options) { o.lineNumber = true },
	'b': func(o *options) { o.byteOffset = true },
	'o': func(o *options) { o.onlyMatch = true },
	'H': func(o *options) { o.withName = 1 },
	'h': func(o *options) { o.withName = 0 },
	'q': func(o *options) { o.quiet = true },
	's': func(o *options) { o.noMessages = true },
	'r': func(o *options) { o.recursive = true },
	'R': func(o *options) { o.recursive, o.follow = true, true },
	'z': func(o *options) { o.nullData = true },
	'Z': func(o *options) { o.nullName = true },
	'a': func(o *options) { o.text, o.skipBinary = true, false },
	'I': func(o *options) { o.skipBinary, o.text = true, false },
	'U': func(o *options) {},
	'V': func(o *options) { o.version = true },
}

// shortArgs maps each short option that takes an argument to its effect.
var shortArgs = map[byte]func(o *options, val string) error{
	'e': func(o *options, v string) error { return addPattern(o, v) },
	'f': func(o *options, v string) error { return addPatternFile(o, v) },
	'm': func(o *options, v string) error { return setCount(&o.maxCount, "max count", v) },
	'A': func(o *options, v string) error { return setContext(&o.after, v) },
	'B': func(o *options, v string) error { return setContext(&o.before, v) },
	'C': func(o *options, v string) error { return setContext(&o.context, v) },
	'j': func(o *options, v string) error { return setThreads(o, v) },
}

// boolOpt adapts the effect of an argument-less option to a long option's
// setter.
func boolOpt(f func(o *options)) func(*options, string) error {
	return func(o *options, _ string) error { f(o); return nil }
}

// longOptions lists every --name option. A unique prefix of a name is
// accepted, as GNU getopt_long does.
var longOptions = []longOption{
	{"regexp", argRequired, shortArgs['e']},
	{"file", argRequired, shortArgs['f']},
	{"max-count", argRequired, shortArgs['m']},
	{"after-context", argRequired, shortArgs['A']},
	{"before-context", argRequired, shortArgs['B']},
	{"context", argRequired, shortArgs['C']},
	{"threads", argRequired, shortArgs['j']},
	{"ignore-case", argNone, boolOpt(shortBools['i'])},
	{"no-ignore-case", argNone, boolOpt(func(o *options) { o.ignoreCase = false })},
	{"invert-match", argNone, boolOpt(shortBools['v'])},
	{"word-regexp", argNone, boolOpt(shortBools['w'])},
	{"line-regexp", argNone, boolOpt(shortBools['x'])},
	{"fixed-strings", argNone, boolOpt(shortBools['F'])},
	{"extended-regexp", argNone, boolOpt(shortBools['E'])},
	{"basic-regexp", argNone, boolOpt(shortBools['G'])},
	{"perl-regexp", argNone, boolOpt(shortBools['P'])},
	{"count", argNone, boolOpt(shortBools['c'])},
	{"count-matches", argNone, boolOpt(func(o *options) { o.countMatch = true })},
	{"files-with-matches", argNone, boolOpt(shortBools['l'])},
	{"files-without-match", argNone, boolOpt(shortBools['L'])},
	{"line-number", argNone, boolOpt(shortBools['n'])},
	{"byte-offset", argNone, boolOpt(shortBools['b'])},
	{"only-matching", argNone, boolOpt(shortBools['o'])},
	{"with-filename", argNone, boolOpt(shortBools['H'])},
	{"no-filename", argNone, boolOpt(shortBools['h'])},
	{"quiet", argNone, boolOpt(shortBools['q'])},
	{"silent", argNone, boolOpt(shortBools['q'])},
	{"no-messages", argNone, boolOpt(shortBools['s'])},
	{"recursive", argNone, boolOpt(shortBools['r'])},
	{"dereference-recursive", argNone, boolOpt(shortBools['R'])},
	{"null-data", argNone, boolOpt(shortBools['z'])},
	{"null", argNone, boolOpt(shortBools['Z'])},
	{"text", argNone, boolOpt(shortBools['a'])},
	{"binary", argNone, boolOpt(shortBools['U'])},
	{"line-buffered", argNone, boolOpt(func(o *options) { o.lineBuffered = true })},
	{"hidden", argNone, boolOpt(func(o *options) { o.hidden = true })},
	{"no-ignore", argNone, boolOpt(func(o *options) { o.noIgnore = true })},
	{"label", argRequired, func(o *options, v string) error { o.label = v; return nil }},
	{"color", argOptional, setColor},
	{"colour", argOptional, setColor},
	{"explain", argOptional, setExplain},
	{"mmap", argRequired, setMmap},
	{"help", argNone, boolOpt(func(o *options) { o.help = true })},
	{"version", argNone, boolOpt(func(o *options) { o.version = true })},
}

// parseArgs parses a command line (without the program name) the way GNU
// grep does: options and operands may be interleaved, "--" ends the
// options, short options may be bundled ("-inA3"), and -NUM means -C NUM.
func parseArgs(args []string) (*options, error) {
	o := &options{withName: -1, maxCount: -1, after: -1, before: -1, context: -1, color: colorNever}
	var operands []string
	for i := 0; i < len(args); i++ {
		a := args[i]
		switch {
		case a == "--":
			operands = append(operands, args[i+1:]...)
			i = len(args)
		case strings.HasPrefix(a, "--"):
			n, err := parseLong(o, a[2:], args[i+1:])
			if err != nil {
				return nil, err
			}
			i += n
		case len(a) > 1 && a[0] == '-':
			n, err := parseShort(o, a[1:], args[i+1:])
			if err != nil {
				return nil, err
			}
			i += n
		default:
			operands = append(operands, a)
		}
	}
	if o.help || o.version {
		return o, nil
	}
	if !o.patternSet {
		if len(operands) == 0 {
			return nil, usagef("no pattern given")
		}
		o.patterns = append(o.patterns, operands[0])
		operands = operands[1:]
	}
	if len(operands) > 0 {
		o.paths = operands
	}
	if o.context >= 0 {
		if o.after < 0 {
			o.after = o.context
		}
		if o.before < 0 {
			o.before = o.context
		}
	}
	return o, nil
}

// parseLong handles one "--name[=value]" argument (without the dashes) and
// returns how many of the following arguments it consumed.
func parseLong(o *options, a string, rest []string) (int, error) {
	name, val, hasVal := strings.Cut(a, "=")
	opt, err := lookupLong(name)
	if err != nil {
		return 0, err
	}
	switch opt.arg {
	case argNone:
		if hasVal {
			return 0, usagef("option '--%s' doesn't allow an argument", opt.name)
		}
		return 0, opt.set(o, "")
	case argOptional:
		return 0, opt.set(o, val)
	}
	if hasVal {
		return 0, opt.set(o, val)
	}
	if len(rest) == 0 {
		return 0, usagef("option '--%s' requires an argument", opt.name)
	}
	return 1, opt.set(o, rest[0])
}

// lookupLong finds the long option called name, or the only one name is a
// prefix of (spellings of one option count once).
func lookupLong(name string) (*longOption, error) {
	var found *longOption
	canonical := func(lo *longOption) string {
		if a, ok := longAliases[lo.name]; ok {
			return a
		}
		return lo.name
	}
	for i := range longOptions {
		lo := &longOptions[i]
		if lo.name == name {
			return lo, nil
		}
		if strings.HasPrefix(lo.name, name) {
			if found != nil && canonical(found) != canonical(lo) {
				return nil, usagef("option '--%s' is ambiguous", name)
			}
			if found == nil {
				found = lo
			}
		}
	}
	if found == nil {
		return nil, usagef("unrecognized option '--%s'", name)
	}
	return found, nil
}

// parseShort handles one bundle of short options (without the dash) and
// returns how many of the following arguments it consumed.
func parseShort(o *options, a string, rest []string) (int, error) {
	for j := 0; j < len(a); j++ {
		c := a[j]
		if c >= '0' && c <= '9' {
			// -NUM is -C NUM; the digits of one bundle form one number.
			k := j
			for k < len(a) && a[k] >= '0' && a[k] <= '9' {
				k++
			}
			if err := setContext(&o.context, a[j:k]); err != nil {
				return 0, err
			}
			j = k - 1
			continue
		}
		if f, ok := shortBools[c]; ok {
			f(o)
			continue
		}
		f, ok := shortArgs[c]
		if !ok {
			return 0, usagef("invalid option -- '%c'", c)
		}
		if j+1 < len(a) {
			return 0, f(o, a[j+1:])
		}
		if len(rest) == 0 {
			return 0, usagef("option requires an argument -- '%c'", c)
		}
		return 1, f(o, rest[0])
	}
	return 0, nil
}

// addPattern adds the argument of -e.
func addPattern(o *options, p string) error {
	o.patterns = append(o.patterns, p)
	o.patternSet = true
	return nil
}

// addPatternFile reads patterns from a file, one per line; "-" is stdin. An
// empty file adds no pattern, so nothing matches.
func addPatternFile(o *options, name string) error {
	var data []byte
	var err error
	if name == "-" {
		data, err = readAllStdin()
	} else {
		data, err = os.ReadFile(name)
	}
	if err != nil {
		return fmt.Errorf("%s: %s", name, errnoText(err))
	}
	o.patternSet = true
	s := string(data)
	if s == "" {
		return nil
	}
	s = strings.TrimSuffix(s, "\n")
	o.patterns = append(o.patterns, s)
	return nil
}

// setCount parses a count such as -m's into dst.
func setCount(dst *int64, what, v string) error {
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil {
		return usagef("invalid %s", what)
	}
	*dst = n
	return nil
}

// setContext parses a context length (-A, -B, -C, -NUM) into dst.
func setContext(dst *int, v string) error {
	n, err := strconv.Atoi(v)
	if err != nil || n < 0 {
		return usagef("%s: invalid context length argument", v)
	}
	*dst = n
	return nil
}

// setThreads parses -j; 0 means one per core.
func setThreads(o *options, v string) error {
	n, err := strconv.Atoi(v)
	if err != nil || n < 0 {
		return usagef("invalid thread count %q", v)
	}
	o.threads = n
	return nil
}

// setColor parses --color's WHEN, with grep's synonyms; none means auto.
func setColor(o *options, v string) error {
	switch v {
	case "", "auto", "tty", "if-tty":
		o.color = colorAuto
	case "always", "yes", "force":
		o.color = colorAlways
	case "never", "no", "none":
		o.color = colorNever
	default:
		return usagef("invalid argument '%s' for '--color'", v)
	}
	return nil
}

// setExplain parses --explain's format: text (the default) or dot.
func setExplain(o *options, v string) error {
	switch v {
	case "", "text":
		o.explain = explainText
	case "dot":
		o.explain = explainDot
	default:
		return usagef("invalid argument '%s' for '--explain' (want text or dot)", v)
	}
	return nil
}

// setMmap parses --mmap's WHEN.
func setMmap(o *options, v string) error {
	switch v {
	case "auto":
		o.mmap = mmapAuto
	case "never":
		o.mmap = mmapNever
	case "always":
		o.mmap = mmapAlways
	default:
		return usagef("invalid argument '%s' for '--mmap' (want auto, never or always)", v)
	}
	return nil
}
