//go:build rxjitfault

package regex

// This file exists only in builds tagged rxjitfault. It breaks the engine
// on purpose, as the environment variable RXJIT_FAULT says, so that the
// differential fuzz targets can prove they catch a wrong answer:
//
//	RXJIT_FAULT=compile  Compile rejects valid patterns that contain '{'.
//	RXJIT_FAULT=match    matches of 3 or more bytes end one byte early.

import (
	"errors"
	"os"
	"strings"
)

var fault = os.Getenv("RXJIT_FAULT")

func injectCompileFault(expr string) error {
	if fault == "compile" && strings.Contains(expr, "{") {
		return errors.New("rxjitfault: injected compile fault")
	}
	return nil
}

func injectMatchFault(slots []int) {
	if fault == "match" && len(slots) >= 2 && slots[1]-slots[0] >= 3 {
		slots[1]--
	}
}
