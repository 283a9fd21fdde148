package main

import "io"

// worker searches inputs one after another, reusing its read buffer.
type worker struct {
	cfg *config
	buf []byte
}

// searchJob searches one input and fills r. Errors are reported in r.
func (wk *worker) searchJob(j *job, r *fileResult, stdin io.Reader) {
	if j.walkErr {
		r.stderr = append(r.stderr, j.errMsg...)
		r.err = true
		return
	}
	fs := newFileSearch(wk.cfg, j.name, j.showName, r)
	var err error
	opened := true
	if j.path == "" {
		err = wk.searchReader(fs, stdin, 0, false)
	} else {
		opened, err = wk.searchPath(fs, j.path, j.regular)
	}
	if err != nil {
		if !wk.cfg.opt.noMessages {
			r.stderr = append(r.stderr, "rxjit: "+j.name+": "+errnoText(err)+"\n"...)
		}
		r.err = true
	}
	if opened {
		// grep prints no count or name for a file it could not open, but
		// does for one it could not read to the end.
		wk.finishFile(fs)
	}
}

// finishFile prints the per-file summary and the binary-file notice.
func (wk *worker) finishFile(fs *fileSearch) {
	r := fs.out
	r.selected = fs.selected > 0
	fs.printSummary()
	printsLines := wk.cfg.printLines
	if printsLines && (fs.encodingError || (fs.binary && fs.selected > fs.binarySince)) {
		r.stderr = append(r.stderr, "rxjit: "+fs.name+": binary file matches\n"...)
	}
}
