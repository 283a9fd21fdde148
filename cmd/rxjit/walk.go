package main

import (
	"os"
	"strings"
	"syscall"
)

// job is one input to search, or an error met while walking, numbered in
// the order the inputs were found so output can be written in that order.
type job struct {
	seq      int
	path     string // what to open; empty means standard input
	name     string // as printed
	showName bool
	walkErr  bool   // the job only reports an error met while walking
	errMsg   string // that error's message; empty with -s
	// regular says the walker's listing showed a regular file, which the
	// search can read without asking the file system again.
	regular bool
}

// walker turns the command line's operands into jobs: files as given,
// standard input for "-" or no operand, and directories walked
// recursively in name order, skipping hidden entries, entries excluded by
// .gitignore and .ignore files, symbolic links (unless -R) and special
// files.
type walker struct {
	opt  *options
	emit func(*job)
	// flush, if not nil, is called before a directory is read, so that
	// jobs batched by emit do not wait for the listing.
	flush func()
	seq   int
	many  bool // more than one operand: names are shown by default
	stop  *stopper
	seen  map[[2]uint64]bool // directories entered, with -R, against loops
	stdin string             // the name printed for standard input
}

// walk emits a job for every input of the command line.
func (w *walker) walk() {
	o := w.opt
	w.stdin = "(standard input)"
	if o.label != "" {
		w.stdin = o.label
	}
	operands := o.paths
	if len(operands) == 0 {
		if o.recursive {
			w.dir(".", "", nil, nil)
			return
		}
		operands = []string{"-"}
	}
	w.many = len(operands) > 1
	for _, p := range operands {
		if w.stopped() {
			return
		}
		if p == "-" {
			w.file("", w.stdin, false)
			continue
		}
		st, err := os.Stat(p)
		if err == nil && st.IsDir() {
			w.dir(p, dirPrefix(p), nil, nil)
			continue
		}
		w.file(p, p, false)
	}
}

// dirPrefix is what precedes the names of entries found under the
// operand dir when they are printed.
func dirPrefix(dir string) string {
	if strings.HasSuffix(dir, "/") {
		return dir
	}
	return dir + "/"
}

// stopped reports whether the walk should end: some search asked to stop.
func (w *walker) stopped() bool { return w.stop != nil && w.stop.any() }

// file emits a job for one file. found says it was found by walking a
// directory, which shows its name unless -h, and listed as a regular
// file (the walk emits no other kind).
func (w *walker) file(path, name string, found bool) {
	show := w.opt.withName == 1 || (w.opt.withName < 0 && (w.many || found))
	// Only the walk's own listing tells a file is regular; it has no
	// entry for a file named on the command line.
	w.send(&job{path: path, name: name, showName: show, regular: found})
}

// send numbers j and hands it to the searches.
func (w *walker) send(j *job) {
	j.seq = w.seq
	w.seq++
	w.emit(j)
}

// dir walks the directory at path, printed with prefix before the names of
// its entries; rel is its path relative to the walk's root as components,
// and rules are the ignore rules in force in its parent.
func (w *walker) dir(path, prefix string, rel []string, rules *ignoreRules) {
	o := w.opt
	if o.follow {
		if st, err := os.Stat(path); err == nil {
			if sys, ok := st.Sys().(*syscall.Stat_t); ok {
				key := [2]uint64{uint64(sys.Dev), sys.Ino}
				if w.seen == nil {
					w.seen = map[[2]uint64]bool{}
				}
				if w.seen[key] {
					return
				}
				w.seen[key] = true
			}
		}
	}
	if w.flush != nil {
		w.flush() // the files found so far need not wait for this listing
	}
	entries, err := os.ReadDir(path)
	if err != nil {
		j := &job{walkErr: true}
		if !o.noMessages {
			name := strings.TrimSuffix(prefix, "/")
			if name == "" {
				name = "."
			}
			j.errMsg = "rxjit: " + name + ": " + errnoText(err) + "\n"
		}
		w.send(j)
		return
	}
	if !o.noIgnore {
		// PERF: only open the ignore files the listing shows; trying both
		// in every directory cost 6% of a search of $GOROOT/src.
		rules = rules.enter(path, rel, func(name string) bool {
			for _, e := range entries {
				if e.Name() == name {
					return true
				}
			}
			return false
		})
	}
	for _, e := range entries {
		if w.stopped() {
			return
		}
		name := e.Name()
		if !o.hidden && name[0] == '.' {
			continue
		}
		if !o.noIgnore && name == ".git" {
			continue
		}
		full := path + "/" + name
		if path == "." && prefix == "" {
			full = name
		}
		typ := e.Type()
		if typ&os.ModeSymlink != 0 {
			if !o.follow {
				continue
			}
			st, err := os.Stat(full)
			if err != nil {
				continue
			}
			typ = st.Mode().Type()
		}
		isDir := typ.IsDir()
		sub := append(rel[:len(rel):len(rel)], name)
		if rules.ignored(sub, isDir) {
			continue
		}
		switch {
		case isDir:
			w.dir(full, prefix+name+"/", sub, rules)
		case typ.IsRegular():
			w.file(full, prefix+name, true)
		}
	}
}
