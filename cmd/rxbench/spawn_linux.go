package main

import (
	"os/exec"
	"syscall"
)

// bindToParent makes the kernel kill the measuring process when the
// driver dies (for example on Ctrl-C), so no orphan keeps a CPU busy.
func bindToParent(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
}
