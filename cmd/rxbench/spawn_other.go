//go:build !linux

package main

import "os/exec"

// bindToParent does nothing where the kernel offers no parent-death
// signal; an interrupted run may leave one measuring process behind.
func bindToParent(cmd *exec.Cmd) {}
