//go:build linux

// Package diewithparent, imported for its effect by each command of this
// module, ties the process to the test run that started it.
package diewithparent

import (
	"os"
	"strconv"
	"syscall"
)

// When started by packages/testenv (TESTENV_PARENT_PID set), ask the kernel to
// kill this process when its parent dies: Node cannot clean up its children
// when it is itself SIGKILLed (say, by a CI timeout). Package initialisation
// runs on the main thread, which is where the parent-death signal has to be set.
func init() {
	parent, err := strconv.Atoi(os.Getenv("TESTENV_PARENT_PID"))
	if err != nil {
		return
	}
	_, _, _ = syscall.RawSyscall(syscall.SYS_PRCTL, syscall.PR_SET_PDEATHSIG, uintptr(syscall.SIGKILL), 0)
	if os.Getppid() != parent { // the parent died before prctl took effect
		os.Exit(1)
	}
}
