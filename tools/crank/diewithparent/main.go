// Command diewithparent runs a command that has no parent-death hook of its
// own (Crossplane core) so that it dies with the test run that started it:
//
//	diewithparent <command> [args...]
//
// It sets the parent-death signal and then replaces itself with the command
// (execve keeps that signal), so no extra process stays in between.
package main

import (
	"fmt"
	"os"
	"os/exec"
	"syscall"
)

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: diewithparent <command> [args...]")
		os.Exit(2)
	}
	path, err := exec.LookPath(os.Args[1])
	if err != nil {
		fmt.Fprintln(os.Stderr, "diewithparent:", err)
		os.Exit(127)
	}
	parent := os.Getppid()
	if _, _, errno := syscall.RawSyscall(syscall.SYS_PRCTL, syscall.PR_SET_PDEATHSIG, uintptr(syscall.SIGKILL), 0); errno != 0 {
		fmt.Fprintln(os.Stderr, "diewithparent: prctl:", errno)
		os.Exit(1)
	}
	if os.Getppid() != parent { // the parent died before prctl took effect
		os.Exit(1)
	}
	if err := syscall.Exec(path, os.Args[1:], os.Environ()); err != nil {
		fmt.Fprintln(os.Stderr, "diewithparent:", err)
		os.Exit(126)
	}
}
