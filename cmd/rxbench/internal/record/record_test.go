package record

import (
	"os"
	"path/filepath"
	"testing"
	"time"
)

func TestParseDuration(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want time.Duration
	}{
		{"197.88us", 197880 * time.Nanosecond},
		{"0.96s", 960 * time.Millisecond},
		{"1.26ms", 1260 * time.Microsecond},
		{"0.00ns", 0},
		{"12ns", 12},
	} {
		got, err := ParseDuration(tc.in)
		if err != nil || got != tc.want {
			t.Errorf("ParseDuration(%q) = %v, %v; want %v", tc.in, got, err, tc.want)
		}
	}
	for _, bad := range []string{"", "12", "1.2h", "xus"} {
		if _, err := ParseDuration(bad); err == nil {
			t.Errorf("ParseDuration(%q): want an error", bad)
		}
	}
}

func TestLoad(t *testing.T) {
	dir := t.TempDir()
	const csv = `name,model,rebar_version,engine,engine_version,err,haystack_len,iters,total,median,mad,mean,stddev,min,max
curated/01-literal/sherlock-en,count,0.1.0,go/regexp,1.21.5,,899232,14650,4.51s,197.88us,1.00ns,204.73us,33.91us,188.33us,589.57us
curated/03-date/compile-ascii,compile,0.1.0,go/regexp,1.21.5,,,2159,4.51s,1.26ms,0.00ns,1.28ms,223.51us,892.49us,2.36ms
curated/x/y,count,0.1.0,go/regexp,1.21.5,timeout,,,,,,,,,
`
	if err := os.WriteFile(filepath.Join(dir, "go.csv"), []byte(csv), 0o644); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(dir, "empty.csv"), nil, 0o644)
	got, err := Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	m := got["go/regexp"]
	if a := m["curated/01-literal/sherlock-en"]; a.HaystackLen != 899232 || a.Median != 197880*time.Nanosecond {
		t.Errorf("sherlock-en = %+v", a)
	}
	if c := m["curated/03-date/compile-ascii"]; c.HaystackLen != 0 || c.Median != 1260*time.Microsecond || c.Model != "compile" {
		t.Errorf("compile-ascii = %+v", c)
	}
	if e := m["curated/x/y"]; e.Err != "timeout" {
		t.Errorf("x/y = %+v", e)
	}
}
