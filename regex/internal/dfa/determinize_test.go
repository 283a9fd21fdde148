package dfa

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp/syntax"
	"strings"
	"testing"

	"github.com/rxjit/rxjit/regex/internal/nfa"
)

// goSource returns about n bytes of Go source from GOROOT, which every
// machine with Go has.
func goSource(tb testing.TB, n int) []byte {
	tb.Helper()
	var text []byte
	goroot, err := exec.Command("go", "env", "GOROOT").Output()
	if err != nil {
		tb.Skip(err)
	}
	dir := filepath.Join(strings.TrimSpace(string(goroot)), "src", "runtime")
	entries, err := os.ReadDir(dir)
	if err != nil {
		tb.Skip(err)
	}
	for _, e := range entries {
		if len(text) >= n {
			break
		}
		if b, err := os.ReadFile(filepath.Join(dir, e.Name())); err == nil && filepath.Ext(e.Name()) == ".go" {
			text = append(text, b...)
		}
	}
	if len(text) < n {
		tb.Skipf("only %d bytes of Go source", len(text))
	}
	return text[:n]
}

// BenchmarkDeterminize measures building states: rebar's
// 10-bounded-repeat/context pattern over Go source, where a window of
// [\s\S]{0,100} makes a new state every few dozen bytes (the sets of
// window offsets seldom repeat), with a budget large enough never to
// clear, and its memory kept from one iteration to the next. It reports
// the time per state built.
func BenchmarkDeterminize(b *testing.B) {
	re, err := syntax.Parse(`[A-Za-z]{10}\s+[\s\S]{0,100}Result[\s\S]{0,100}\s+[A-Za-z]{10}`, syntax.Perl)
	if err != nil {
		b.Fatal(err)
	}
	d := New(nfa.Compile(re), Forward)
	d.Budget = 1 << 30
	hay := goSource(b, 1<<20)
	b.SetBytes(int64(len(hay)))
	built := 0
	c := d.NewCache()
	for b.Loop() {
		c.reset() // keeps the memory: the states are built anew
		c.built = 0
		for pos := 0; pos < len(hay); {
			end, err := d.Search(c, GoLoop{}, hay, pos, false, false)
			if err != nil {
				b.Fatal(err)
			}
			if end < 0 {
				break
			}
			pos = end + 1
		}
		built += c.built
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(built), "ns/state")
}

// TestStateTable checks that the state table finds every state by its
// whole key (kernel, facts, UTF-8 state, match flag) and no other,
// where all keys hash alike (every probe compares kernels) and where they
// hash apart, across the table's growth and a reset.
func TestStateTable(t *testing.T) {
	re, err := syntax.Parse(`[a-z]+[0-9]*x|y`, syntax.Perl)
	if err != nil {
		t.Fatal(err)
	}
	d := New(nfa.Compile(re), Forward)
	n := nfa.StateID(len(d.nfa.States))
	type key struct {
		kernel  []nfa.StateID
		facts   uint8
		u       uint8
		matched bool
	}
	var keys []key
	for i := range nfa.StateID(40) {
		k := []nfa.StateID{i % n}
		if i%3 > 0 {
			k = append(k, (i+1)%n)
		}
		if i%5 == 0 {
			k = []nfa.StateID{(i + 1) % n, i % n} // the same states, in another order
		}
		keys = append(keys, key{k, uint8(i % 2), uint8(i % 3 % 2), i%7 == 0})
	}
	for _, collide := range []bool{true, false} {
		c := d.NewCache()
		for round := range 2 {
			ids := map[int]uint32{}
			for i, k := range keys {
				c.next = append(c.next[:0], k.kernel...)
				if _, ok := c.lookup(k.facts, k.u, k.matched); ok {
					continue // an earlier key equal to this one
				}
				if collide {
					c.hash = 7
				}
				ids[i] = c.insert(k.matched)
			}
			for i, k := range keys {
				h := keyHash(k.kernel, k.facts, k.u, k.matched)
				if collide {
					h = 7
				}
				id, ok := c.ids.find(c, h, k.kernel, k.facts, k.u, k.matched)
				if want, ok2 := ids[i]; ok2 && (!ok || id != want) {
					t.Errorf("collide %v round %d: key %d: found %d, %v; want %d", collide, round, i, id, ok, want)
				}
				if ok && (id&TagMatch != 0) != k.matched {
					t.Errorf("collide %v round %d: key %d: found %d with the wrong match flag", collide, round, i, id)
				}
			}
			if got := c.ids.n; got != len(ids) {
				t.Errorf("collide %v round %d: %d states in the table, %d inserted", collide, round, got, len(ids))
			}
			c.reset()
		}
	}
}
