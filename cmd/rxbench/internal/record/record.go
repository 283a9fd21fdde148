// Package record reads the measurements rebar published (the CSV files
// under record/ in the suite), so that a table can show them next to
// fresh ones for context.
package record

import (
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// Measurement is one row of a record file: one benchmark on one engine.
type Measurement struct {
	Bench, Model, Engine string
	// HaystackLen is zero for the compile model.
	HaystackLen int
	Median      time.Duration
	// Err is rebar's error text; when set, Median is meaningless.
	Err string
}

// Load reads every *.csv file in dir and returns the measurements keyed
// by engine name, then benchmark name.
func Load(dir string) (map[string]map[string]Measurement, error) {
	files, err := filepath.Glob(filepath.Join(dir, "*.csv"))
	if err != nil {
		return nil, err
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("no record files in %s", dir)
	}
	out := map[string]map[string]Measurement{}
	for _, f := range files {
		if err := loadFile(f, out); err != nil {
			return nil, fmt.Errorf("%s: %w", f, err)
		}
	}
	return out, nil
}

func loadFile(path string, out map[string]map[string]Measurement) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil || len(rows) == 0 {
		return err // an empty file has no measurements
	}
	col := map[string]int{}
	for i, h := range rows[0] {
		col[h] = i
	}
	for _, k := range []string{"name", "model", "engine", "err", "haystack_len", "median"} {
		if _, ok := col[k]; !ok {
			return fmt.Errorf("no %s column", k)
		}
	}
	for _, r := range rows[1:] {
		m := Measurement{Bench: r[col["name"]], Model: r[col["model"]], Engine: r[col["engine"]], Err: r[col["err"]]}
		if s := r[col["haystack_len"]]; s != "" {
			if m.HaystackLen, err = strconv.Atoi(s); err != nil {
				return err
			}
		}
		if m.Err == "" {
			if m.Median, err = ParseDuration(r[col["median"]]); err != nil {
				return err
			}
		}
		if out[m.Engine] == nil {
			out[m.Engine] = map[string]Measurement{}
		}
		out[m.Engine][m.Bench] = m
	}
	return nil
}

// ParseDuration reads rebar's duration notation: a decimal number
// followed by ns, us, ms or s, for example "197.88us" or "0.96s".
func ParseDuration(s string) (time.Duration, error) {
	for _, u := range []struct {
		suffix string
		unit   float64
	}{{"ns", 1}, {"us", 1e3}, {"µs", 1e3}, {"ms", 1e6}, {"s", 1e9}} {
		if num, ok := strings.CutSuffix(s, u.suffix); ok {
			v, err := strconv.ParseFloat(num, 64)
			if err != nil {
				return 0, fmt.Errorf("duration %q: %w", s, err)
			}
			return time.Duration(v*u.unit + 0.5), nil
		}
	}
	return 0, fmt.Errorf("duration %q: unknown unit", s)
}
