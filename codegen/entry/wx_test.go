package entry

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/rxjit/rxjit/codegen/amd64"
	"github.com/rxjit/rxjit/jitmem"
)

// mapping is one line of /proc/self/maps: its range and permissions.
type mapping struct {
	start, end uint64
	perms      string
}

func readMaps() ([]mapping, error) {
	data, err := os.ReadFile("/proc/self/maps")
	if err != nil {
		return nil, err
	}
	var ms []mapping
	sc := bufio.NewScanner(bytes.NewReader(data))
	for sc.Scan() {
		f := bytes.Fields(sc.Bytes())
		lo, hi, ok := bytes.Cut(f[0], []byte("-"))
		if len(f) < 2 || !ok {
			return nil, fmt.Errorf("bad maps line %q", sc.Text())
		}
		start, _ := strconv.ParseUint(string(lo), 16, 64)
		end, _ := strconv.ParseUint(string(hi), 16, 64)
		ms = append(ms, mapping{start, end, string(f[1])})
	}
	return ms, sc.Err()
}

// genConst generates "Count = k; return Done", so each worker iteration
// produces fresh code.
func genConst(k int32) ([]byte, error) {
	var a amd64.Assembler
	a.Mov(amd64.W64, field(OffCount), amd64.Imm(int64(k)))
	a.Xor(amd64.W32, amd64.RAX, amd64.RAX)
	a.Ret()
	return a.Assemble()
}

// TestNoWritableExecutableMapping samples /proc/self/maps while many
// goroutines assemble, load, seal, run and drop code, and fails if any
// mapping of the process is ever writable and executable at once. It also
// checks that the sampler sees the sealed code, so a broken sampler cannot pass.
func TestNoWritableExecutableMapping(t *testing.T) {
	if err := jitmem.Available(); err != nil {
		t.Skip(err)
	}
	const workers = 8
	perWorker := 3000
	if testing.Short() {
		perWorker = 300
	}
	var (
		stop      atomic.Bool
		samples   int
		sawCode   int
		liveAddrs sync.Map // address of code currently alive → true
		wg        sync.WaitGroup
		violation string
	)
	sampler := make(chan struct{})
	go func() {
		defer close(sampler)
		for !stop.Load() {
			ms, err := readMaps()
			if err != nil {
				violation = err.Error()
				return
			}
			samples++
			for _, m := range ms {
				if len(m.perms) >= 3 && m.perms[1] == 'w' && m.perms[2] == 'x' {
					violation = fmt.Sprintf("%x-%x %s", m.start, m.end, m.perms)
					return
				}
			}
			liveAddrs.Range(func(k, _ any) bool {
				addr := uint64(k.(uintptr))
				for _, m := range ms {
					if m.start <= addr && addr < m.end && m.perms[2] == 'x' {
						sawCode++
						return false
					}
				}
				return true
			})
			time.Sleep(100 * time.Microsecond)
		}
	}()
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var arena jitmem.Arena // packs several blobs per region, sealed on first use
			for i := 0; i < perWorker; i++ {
				k := int32(w*perWorker + i)
				code, err := genConst(k)
				if err != nil {
					t.Error(err)
					return
				}
				c, err := arena.Add(code)
				if err != nil {
					t.Error(err)
					return
				}
				var ctx Context
				if _, err := Call(c, &ctx, nil, nil); err != nil || ctx.Count != uint64(k) {
					t.Errorf("code %d: count %d, err %v", k, ctx.Count, err)
					return
				}
				addr, _ := c.Entry()
				liveAddrs.Store(addr, true)
				if i%4 == 0 {
					time.Sleep(50 * time.Microsecond) // let the sampler see it
				}
				liveAddrs.Delete(addr)
				if i%2 == 0 {
					c.Release()
				} // else drop it and let the cleanup unmap it
			}
		}()
	}
	wg.Wait()
	stop.Store(true)
	<-sampler
	t.Logf("%d maps samples during %d code loads; sealed code seen %d times", samples, workers*perWorker, sawCode)
	if violation != "" {
		t.Fatalf("writable and executable mapping: %s", violation)
	}
	if sawCode == 0 {
		t.Error("the sampler never saw generated code mapped executable")
	}
}
