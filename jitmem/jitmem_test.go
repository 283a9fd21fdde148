//go:build linux && amd64

package jitmem

import (
	"bytes"
	"runtime"
	"testing"
	"time"

	"github.com/rxjit/rxjit/jitmem/internal/procmaps"
)

// ret is the smallest useful blob: a single RET.
var ret = []byte{0xC3}

// settle runs the garbage collector until the counters of live memory stop
// changing, so a test can compare them without cleanups of earlier tests
// interfering. Maps and Seals, which only grow, are left zero.
func settle(t *testing.T) Stats {
	t.Helper()
	live := func() Stats {
		s := ReadStats()
		s.Maps, s.Seals = 0, 0
		return s
	}
	prev := live()
	for i := 0; i < 100; i++ {
		runtime.GC()
		time.Sleep(2 * time.Millisecond)
		s := live()
		if s == prev && i >= 2 {
			return s
		}
		prev = s
	}
	return prev
}

// mappingAt returns the kernel's view of the mapping containing addr.
func mappingAt(t *testing.T, addr uintptr) (procmaps.Mapping, bool) {
	t.Helper()
	maps, err := procmaps.Read()
	if err != nil {
		t.Fatal(err)
	}
	return procmaps.Find(maps, addr)
}

// requireJIT skips a test that needs executable memory where there is
// none: on other platforms, under a policy that denies it, or with
// RXJIT_NOJIT=1 (as CI's fallback run sets).
func requireJIT(t *testing.T) {
	t.Helper()
	if err := Available(); err != nil {
		t.Skipf("executable memory unavailable here: %v", err)
	}
}

func TestAvailable(t *testing.T) {
	requireJIT(t)
}

func TestPackSealOnce(t *testing.T) {
	requireJIT(t)
	var a Arena
	blobs := [][]byte{{0xC3}, bytes.Repeat([]byte{0x90}, 100), {0x31, 0xC0, 0xC3}}
	var codes []*Code
	for _, b := range blobs {
		c, err := a.Add(b)
		if err != nil {
			t.Fatal(err)
		}
		codes = append(codes, c)
	}
	// Packed: one region, 64-byte aligned offsets, still read-write.
	for i, c := range codes {
		if c.r != codes[0].r {
			t.Errorf("blob %d in a different region", i)
		}
		if c.off%blobAlign != 0 {
			t.Errorf("blob %d at offset %d, not %d-aligned", i, c.off, blobAlign)
		}
		if !bytes.Equal(c.Bytes(), blobs[i]) {
			t.Errorf("blob %d bytes = % x, want % x", i, c.Bytes(), blobs[i])
		}
	}
	if m, ok := mappingAt(t, codes[0].addr); !ok || m.Perms != "rw-p" {
		t.Fatalf("before Entry: mapping %+v, found %v; want rw-p", m, ok)
	}
	if a := codes[1].Addr(); a != 0 {
		t.Errorf("Addr before sealing = %#x, want 0", a)
	}
	entry, err := codes[1].Entry()
	if err != nil {
		t.Fatal(err)
	}
	if a := codes[1].Addr(); a != entry {
		t.Errorf("Addr after sealing = %#x, want %#x", a, entry)
	}
	if entry != codes[1].addr {
		t.Errorf("Entry = %#x, want %#x", entry, codes[1].addr)
	}
	m, ok := mappingAt(t, entry)
	if !ok || m.Perms != "r-xp" {
		t.Fatalf("after Entry: mapping %+v, found %v; want r-xp", m, ok)
	}
	if got := m.End - m.Start; got != pageSize() {
		t.Errorf("sealed region spans %d bytes, want one page (tail unmapped)", got)
	}
	// Sealing one blob sealed its neighbours too; the next blob goes elsewhere.
	for i, c := range codes {
		if !bytes.Equal(c.Bytes(), blobs[i]) {
			t.Errorf("after seal, blob %d bytes = % x", i, c.Bytes())
		}
	}
	next, err := a.Add(ret)
	if err != nil {
		t.Fatal(err)
	}
	if next.r == codes[0].r {
		t.Error("Add after seal reused the sealed region")
	}
	next.Release()
	for _, c := range codes {
		c.Release()
	}
	if m, ok := mappingAt(t, entry); ok && m.Executable() {
		t.Errorf("region still mapped after every blob was released: %+v", m)
	}
	if _, err := codes[0].Entry(); err == nil {
		t.Error("Entry after Release succeeded")
	}
	if a := codes[1].Addr(); a != 0 {
		t.Errorf("Addr after Release = %#x, want 0", a)
	}
}

func TestArenaSeal(t *testing.T) {
	requireJIT(t)
	var a Arena
	if err := a.Seal(); err != nil {
		t.Fatalf("Seal of empty arena: %v", err)
	}
	c, err := a.Add(ret)
	if err != nil {
		t.Fatal(err)
	}
	if err := a.Seal(); err != nil {
		t.Fatal(err)
	}
	if !c.r.m.sealed.Load() {
		t.Error("Seal did not seal the pending region")
	}
	c.Release()
}

func TestLargeBlob(t *testing.T) {
	requireJIT(t)
	var a Arena
	big := bytes.Repeat([]byte{0x90}, defaultRegionSize+1)
	c, err := a.Add(big)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Release()
	if _, err := c.Entry(); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(c.Bytes(), big) {
		t.Error("large blob corrupted")
	}
}

func TestEmptyCode(t *testing.T) {
	requireJIT(t)
	var a Arena
	if _, err := a.Add(nil); err == nil {
		t.Error("Add(nil) succeeded")
	}
}

func TestCleanupUnmaps(t *testing.T) {
	requireJIT(t)
	before := settle(t)
	var addrs []uintptr
	func() {
		var a Arena
		for i := 0; i < 10; i++ {
			c, err := a.Add(ret)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := c.Entry(); err != nil { // one region per blob
				t.Fatal(err)
			}
			addrs = append(addrs, c.addr)
		}
	}()
	after := settle(t)
	if after != before {
		t.Errorf("counters after dropping 10 blobs: %+v, want %+v", after, before)
	}
	for _, addr := range addrs {
		if m, ok := mappingAt(t, addr); ok && m.Executable() {
			t.Errorf("dropped code at %#x still mapped: %+v", addr, m)
		}
	}
}

// TestStatsCountSystemCalls checks that Maps and Seals count the mappings
// an arena makes and the mprotect calls that seal them: three blobs packed
// into one arena cost one of each.
func TestStatsCountSystemCalls(t *testing.T) {
	requireJIT(t)
	before := ReadStats()
	var a Arena
	var codes []*Code
	for range 3 {
		c, err := a.Add([]byte{0xC3})
		if err != nil {
			t.Fatal(err)
		}
		codes = append(codes, c)
	}
	for _, c := range codes {
		if _, err := c.Entry(); err != nil {
			t.Fatal(err)
		}
	}
	after := ReadStats()
	if maps, seals := after.Maps-before.Maps, after.Seals-before.Seals; maps != 1 || seals != 1 {
		t.Errorf("three blobs in one arena: %d maps, %d seals; want 1, 1", maps, seals)
	}
	runtime.KeepAlive(codes)
}
