package onepass

import (
	"regexp"
	"testing"
)

func BenchmarkZZCompile(b *testing.B) {
	for _, p := range []string{`^abcd$`, `^a(/b+(#c+)*)*$`, `^[\pL\pN_]+@[\pL\pN.]+$`, `^(?:ab){400}$`} {
		b.Run(p[:min(len(p), 20)], func(b *testing.B) {
			for b.Loop() {
				regexp.MustCompile(p)
			}
		})
	}
}
