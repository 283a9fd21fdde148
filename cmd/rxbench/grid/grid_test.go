package grid

import (
	"crypto/sha256"
	"fmt"
	"testing"

	"github.com/rxjit/rxjit/cmd/rxbench/internal/engine"
)

// TestText pins Text to the standard library's benchmark text: the
// digest and prefix below were taken from regexp's makeText(32<<20) in
// Go 1.26.
func TestText(t *testing.T) {
	const (
		digest = "7b4cc172bba65482b35078b61737ba689f2846fdffc9df99630a18efcf748490"
		prefix = "c(6@aDiT*5KwpbFm\\:U,9pbFm5KwpbFN}lZ6iTIs"
	)
	big := Text(32 << 20)
	if got := fmt.Sprintf("%x", sha256.Sum256(big)); got != digest {
		t.Errorf("sha256(Text(32M)) = %s, want %s", got, digest)
	}
	if got := string(Text(len(prefix))); got != prefix {
		t.Errorf("Text(%d) = %q, want %q", len(prefix), got, prefix)
	}
}

// TestNoMatch checks the grid's premise on every engine at the sizes up
// to 1 MB: no pattern matches.
func TestNoMatch(t *testing.T) {
	for _, e := range engines() {
		for _, p := range Patterns {
			re, err := e.Compile(p.Expr)
			if err != nil {
				t.Errorf("%s: %s: %v", e.Name(), p.Name, err)
				continue
			}
			for _, s := range Sizes[:5] {
				if ok, err := re.IsMatch(Text(s.N)); ok || err != nil {
					t.Errorf("%s: %s/%s: match %v, err %v", e.Name(), p.Name, s.Name, ok, err)
				}
			}
		}
	}
}

// engines returns the engines whose environment this process satisfies.
func engines() []engine.Engine {
	var out []engine.Engine
	for _, e := range engine.All() {
		if engine.EnvSatisfied(e) {
			out = append(out, e)
		}
	}
	return out
}

// BenchmarkMatch is the standard library's BenchmarkMatch for every
// engine: Match on a haystack that contains no match. Names have the
// form Match/engine=E/Easy0/1K, so benchstat -col /engine lines engines
// up and the rest of the name reads as regexp's Match/Easy0/1K.
func BenchmarkMatch(b *testing.B) {
	for _, e := range engines() {
		for _, p := range Patterns {
			re, err := e.Compile(p.Expr)
			if err != nil {
				b.Errorf("%s: %s: %v", e.Name(), p.Name, err)
				continue
			}
			for _, s := range Sizes {
				text := Text(s.N)
				b.Run(fmt.Sprintf("engine=%s/%s/%s", e.Name(), p.Name, s.Name), func(b *testing.B) {
					b.SetBytes(int64(s.N))
					for b.Loop() {
						ok, err := re.IsMatch(text)
						if ok || err != nil {
							b.Fatalf("match %v, err %v", ok, err)
						}
					}
				})
			}
		}
	}
}
