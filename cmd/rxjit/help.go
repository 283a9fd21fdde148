package main

import (
	"fmt"
	"runtime"
	"runtime/debug"
)

// version is the CLI's release; the build's VCS revision is added when
// the binary records one.
const version = "0.1.0"

// usageText is printed by --help.
const usageText = `Usage: rxjit [OPTION]... PATTERNS [FILE]...
Search for PATTERNS in each FILE, with the rxjit regular-expression engine.
PATTERNS use Go (RE2) syntax; a newline inside them separates patterns.
A FILE of "-" is standard input; with no FILE, standard input is searched
(or the working directory with -r). A directory is searched recursively,
in parallel, skipping hidden files and what .gitignore and .ignore exclude.

Examples:
  rxjit -n 'func \w+\(' main.go       line numbers of function declarations
  rxjit -i -w error /var/log/syslog   whole word, any case
  rxjit -F -e foo -e bar src/         either literal string, recursively
  rxjit -c '\p{Greek}+' notes.txt     count lines with Greek letters
  rxjit -o -b '[0-9a-f]{40}' log.txt  print each hash with its byte offset
  rxjit -C2 --color=always TODO . | less -R
  rxjit --explain '(?i)hello|world'   show what the engine compiles

Pattern selection and interpretation:
  -e, --regexp=PATTERNS     use PATTERNS for matching (repeatable)
  -f, --file=FILE           take PATTERNS from FILE, one per line
  -F, --fixed-strings       PATTERNS are strings, not regular expressions
  -E, -G, -P                accepted for grep compatibility; syntax is always RE2
  -i, --ignore-case         ignore case distinctions (Unicode simple folding)
      --no-ignore-case      do not ignore case distinctions (default)
  -w, --word-regexp         match only whole words (ASCII word characters)
  -x, --line-regexp         match only whole lines
  -z, --null-data           input records end in NUL, not newline

Miscellaneous:
  -s, --no-messages         suppress error messages about files
  -v, --invert-match        select non-matching lines
      --explain[=text|dot]  describe how PATTERNS are compiled and exit:
                            parse tree, NFA, strategy, literals, machine
                            code; dot writes a Graphviz graph
  -V, --version             print version information and exit
      --help                display this help text and exit

Output control:
  -m, --max-count=NUM       stop after NUM selected lines
  -b, --byte-offset         print the byte offset with output lines
  -n, --line-number         print line number with output lines
      --line-buffered       write each file's output at once, even to a pipe
  -H, --with-filename       print file name with output lines
  -h, --no-filename         suppress the file name prefix on output
      --label=LABEL         use LABEL as the standard input file name
  -o, --only-matching       show only nonempty parts of lines that match
  -q, --quiet, --silent     suppress all normal output; exit at first match
  -a, --text                never treat a file as binary
  -I                        skip binary files
  -r, --recursive           search directories; no FILE means "."
  -R, --dereference-recursive  likewise, following all symbolic links
      --hidden              search hidden files and directories too
      --no-ignore           do not apply .gitignore and .ignore rules
  -L, --files-without-match print only names of FILEs with no selected lines
  -l, --files-with-matches  print only names of FILEs with selected lines
  -c, --count               print only a count of selected lines per FILE
      --count-matches       print only a count of matches per FILE
  -Z, --null                print 0 byte after FILE name
  -j, --threads=NUM         search NUM files at once (default: all cores)
      --mmap=WHEN           map files: auto (large files), never, always;
                            files are read while the JIT is on

Context control:
  -B, --before-context=NUM  print NUM lines of leading context
  -A, --after-context=NUM   print NUM lines of trailing context
  -C, --context=NUM         print NUM lines of output context
  -NUM                      same as --context=NUM
      --color[=WHEN],
      --colour[=WHEN]       use markers to highlight the matching strings;
                            WHEN is 'always', 'never', or 'auto'; colours
                            come from GREP_COLORS as in GNU grep

When FILE is '-', read standard input. Exit status is 0 if any line is
selected, 1 otherwise; if any error occurs and -q is not given, the exit
status is 2. A binary file (one holding NUL bytes) that matches is
reported on standard error, as GNU grep 3.8 does.
`

// versionText is printed by --version.
func versionText() string {
	rev := ""
	if bi, ok := debug.ReadBuildInfo(); ok {
		for _, s := range bi.Settings {
			if s.Key == "vcs.revision" && len(s.Value) >= 12 {
				rev = " (" + s.Value[:12] + ")"
			}
		}
	}
	return fmt.Sprintf("rxjit %s%s\nengine: %s\nbuilt with %s for %s/%s\n",
		version, rev, engineName, runtime.Version(), runtime.GOOS, runtime.GOARCH)
}
