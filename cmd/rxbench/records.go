package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/rxjit/rxjit/cmd/rxbench/internal/record"
	"github.com/rxjit/rxjit/cmd/rxbench/internal/report"
)

// referenceColumns builds one column per published engine from the
// records in dir, in the units of the table, and a note that says where
// the numbers come from.
func referenceColumns(dir string, engines []string, rows []report.Row) ([]report.RefColumn, string, error) {
	recs, err := record.Load(dir)
	if err != nil {
		return nil, "", err
	}
	var cols []report.RefColumn
	var names []string
	for _, e := range engines {
		e = strings.TrimSpace(e)
		if e == "" {
			continue
		}
		byBench, ok := recs[e]
		if !ok {
			return nil, "", fmt.Errorf("-record: no published measurements for %q in %s", e, dir)
		}
		col := report.RefColumn{Name: e + " (record)", Cells: map[string]string{}}
		for _, r := range rows {
			m, ok := byBench[r.Bench]
			switch {
			case !ok:
			case m.Err != "":
				col.Cells[r.Bench] = "error"
			case m.Model == "compile":
				col.Cells[r.Bench] = report.Duration(m.Median)
			default:
				col.Cells[r.Bench] = report.Throughput(m.HaystackLen, m.Median)
			}
		}
		cols = append(cols, col)
		names = append(names, e)
	}
	cpu := "see lscpu.txt there"
	if data, err := os.ReadFile(filepath.Join(dir, "lscpu.txt")); err == nil {
		for _, line := range strings.Split(string(data), "\n") {
			if k, v, ok := strings.Cut(line, ":"); ok && strings.TrimSpace(k) == "Model name" {
				cpu = strings.TrimSpace(v)
			}
		}
	}
	note := fmt.Sprintf("Columns marked (record): rebar's published medians for %s from %s, measured on another machine (%s) with other versions; "+
		"context only, not part of bold or scores. On rows marked † they refer to the original haystack, not the substitute; "+
		"— means rebar has no measurement (the engine is not in the definition's list).",
		strings.Join(names, ", "), filepath.Base(dir), cpu)
	return cols, note, nil
}
