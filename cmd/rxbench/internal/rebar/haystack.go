package rebar

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
)

// HaystackSpec is the haystack field of a definition.
type HaystackSpec struct {
	// Contents is the inline haystack; HasContents tells an empty inline
	// haystack apart from a missing one.
	Contents    string
	HasContents bool
	// Path names a file below benchmarks/haystacks.
	Path string
	// UTF8Lossy replaces invalid UTF-8 with U+FFFD, one per maximal subpart.
	UTF8Lossy bool
	// Trim removes leading and trailing white space.
	Trim bool
	// LineStart drops the lines before it (0-based). LineEnd, when
	// HasLineEnd, drops the lines at and after it.
	LineStart  int
	LineEnd    int
	HasLineEnd bool
	// Repeat, when above zero, repeats the haystack that many times.
	Repeat int
	// Prepend and Append are added after repetition.
	Prepend, Append string
}

func parseHaystack(v any) (HaystackSpec, error) {
	var h HaystackSpec
	switch v := v.(type) {
	case nil:
		return h, fmt.Errorf("missing")
	case string:
		h.Contents, h.HasContents = v, true
		return h, nil
	}
	m, err := table(v, "contents", "path", "utf8-lossy", "trim", "line-start", "line-end", "repeat", "prepend", "append")
	if err != nil {
		return h, err
	}
	_, h.HasContents = m["contents"]
	if h.Contents, err = getString(m, "contents"); err != nil {
		return h, err
	}
	if h.Path, err = getString(m, "path"); err != nil {
		return h, err
	}
	if h.HasContents == (h.Path != "") {
		return h, fmt.Errorf("exactly one of contents and path must be set")
	}
	if h.UTF8Lossy, err = getBool(m, "utf8-lossy"); err != nil {
		return h, err
	}
	if h.Trim, err = getBool(m, "trim"); err != nil {
		return h, err
	}
	if h.LineStart, _, err = getInt(m, "line-start"); err != nil {
		return h, err
	}
	if h.LineEnd, h.HasLineEnd, err = getInt(m, "line-end"); err != nil {
		return h, err
	}
	if h.Repeat, _, err = getInt(m, "repeat"); err != nil {
		return h, err
	}
	if h.Prepend, err = getString(m, "prepend"); err != nil {
		return h, err
	}
	if h.Append, err = getString(m, "append"); err != nil {
		return h, err
	}
	return h, nil
}

// ReadRaw returns the haystack's source bytes before any option is
// applied: the inline contents, or the file below dir/haystacks. A file
// that does not exist yields an error satisfying errors.Is(err,
// fs.ErrNotExist), so a caller can substitute it.
func (h HaystackSpec) ReadRaw(dir string) ([]byte, error) {
	if h.HasContents {
		return []byte(h.Contents), nil
	}
	return os.ReadFile(filepath.Join(dir, "haystacks", filepath.FromSlash(h.Path)))
}

// Build applies the options to raw in FORMAT.md's order: lossy UTF-8
// conversion, trim, the line range, repetition, then prepend and append.
// Lines keep their "\n" terminators; the last line may lack one. Raw is
// not modified.
func (h HaystackSpec) Build(raw []byte) []byte {
	b := raw
	if h.UTF8Lossy {
		b = LossyUTF8(b)
	}
	if h.Trim {
		b = bytes.TrimSpace(b)
	}
	if h.LineStart > 0 || h.HasLineEnd {
		b = lineRange(b, h.LineStart, h.LineEnd, h.HasLineEnd)
	}
	if h.Repeat > 0 {
		b = bytes.Repeat(b, h.Repeat)
	}
	if h.Prepend != "" || h.Append != "" {
		out := make([]byte, 0, len(h.Prepend)+len(b)+len(h.Append))
		out = append(out, h.Prepend...)
		out = append(out, b...)
		b = append(out, h.Append...)
	}
	if len(b) > 0 && &b[0] == &raw[0] {
		b = bytes.Clone(b)
	}
	return b
}

// lineRange returns lines [start, end) of b, or [start, ∞) when hasEnd
// is false. Each line includes its "\n".
func lineRange(b []byte, start, end int, hasEnd bool) []byte {
	lo, hi := len(b), len(b)
	line, pos := 0, 0
	for pos <= len(b) {
		if line == start {
			lo = pos
		}
		if hasEnd && line == end {
			hi = pos
			break
		}
		i := bytes.IndexByte(b[pos:], '\n')
		if i < 0 {
			break
		}
		pos += i + 1
		line++
	}
	if lo > hi {
		return nil
	}
	return b[lo:hi]
}
