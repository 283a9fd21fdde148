package main

import (
	"os"
	"strings"

	"golang.org/x/sys/unix"
)

// palette holds the SGR colour codes of GNU grep's GREP_COLORS, with its
// defaults. A nil *palette means no colour: its methods then return empty
// codes and append nothing.
type palette struct {
	ms, mc, sl, cx, fn, ln, bn, se string
	rv                             bool // swap sl and cx when -v is given
	ne                             bool // leave out the erase-to-end-of-line sequence
}

// defaultPalette is GREP_COLORS='ms=01;31:mc=01;31:sl=:cx=:fn=35:ln=32:bn=32:se=36'.
func defaultPalette() *palette {
	return &palette{ms: "01;31", mc: "01;31", fn: "35", ln: "32", bn: "32", se: "36"}
}

// parseGrepColors applies a GREP_COLORS value to p. Unknown keys and
// malformed entries are ignored, as grep ignores them.
func (p *palette) parseGrepColors(s string) {
	for _, item := range strings.Split(s, ":") {
		key, val, _ := strings.Cut(item, "=")
		switch key {
		case "mt":
			p.ms, p.mc = val, val
		case "ms":
			p.ms = val
		case "mc":
			p.mc = val
		case "sl":
			p.sl = val
		case "cx":
			p.cx = val
		case "fn":
			p.fn = val
		case "ln":
			p.ln = val
		case "bn":
			p.bn = val
		case "se":
			p.se = val
		case "rv":
			p.rv = true
		case "ne":
			p.ne = true
		}
	}
}

// newPalette returns the palette for mode, or nil for no colour. Auto
// colours only a terminal whose TERM is not "dumb".
func newPalette(mode colorMode, stdout *os.File, getenv func(string) string) *palette {
	switch mode {
	case colorNever:
		return nil
	case colorAuto:
		if stdout == nil || getenv("TERM") == "dumb" || !isTerminal(stdout) {
			return nil
		}
	}
	p := defaultPalette()
	if s := getenv("GREP_COLORS"); s != "" {
		p.parseGrepColors(s)
	}
	return p
}

// isTerminal reports whether f is a terminal.
func isTerminal(f *os.File) bool {
	_, err := unix.IoctlGetTermios(int(f.Fd()), unix.TCGETS)
	return err == nil
}

// fnColor returns the file-name colour, or "" without colour.
func (p *palette) fnColor() string {
	if p == nil {
		return ""
	}
	return p.fn
}

// lnColor returns the line-number colour, or "" without colour.
func (p *palette) lnColor() string {
	if p == nil {
		return ""
	}
	return p.ln
}

// bnColor returns the byte-offset colour, or "" without colour.
func (p *palette) bnColor() string {
	if p == nil {
		return ""
	}
	return p.bn
}

// seColor returns the separator colour, or "" without colour.
func (p *palette) seColor() string {
	if p == nil {
		return ""
	}
	return p.se
}

// appendStart appends the sequence that starts colour c: "\33[<c>m\33[K".
// Nothing is appended without colour or for an empty c.
func (p *palette) appendStart(b []byte, c string) []byte {
	if p == nil || c == "" {
		return b
	}
	b = append(b, "\033["...)
	b = append(b, c...)
	b = append(b, 'm')
	if !p.ne {
		b = append(b, "\033[K"...)
	}
	return b
}

// appendEnd appends the sequence that ends colour c: "\33[m\33[K".
func (p *palette) appendEnd(b []byte, c string) []byte {
	if p == nil || c == "" {
		return b
	}
	b = append(b, "\033[m"...)
	if !p.ne {
		b = append(b, "\033[K"...)
	}
	return b
}

// appendGroupSeparator appends the "--" line between context groups.
func (p *palette) appendGroupSeparator(b []byte) []byte {
	b = p.appendStart(b, p.seColor())
	b = append(b, "--"...)
	b = p.appendEnd(b, p.seColor())
	return append(b, '\n')
}
