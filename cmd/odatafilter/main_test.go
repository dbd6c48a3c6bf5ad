package main

import (
	"errors"
	"os/exec"
	"strconv"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
)

// TestMain lets the scripts run "odatafilter": testscript re-executes this
// test binary, which then runs main.
func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){"odatafilter": main})
}

// TestScripts runs the command scripts in testdata/script. Each .txtar file
// is one script; "go test -run TestScripts/NAME" runs one, and
// "go test -run TestScripts -testwork" keeps its work directory.
func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir:  "testdata/script",
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){"exits": exits},
	})
}

// exits runs a program and asserts its exit code, which exec cannot:
//
//	exits 2 odatafilter frob
//
// Its stdout and stderr are kept for the stdout, stderr and cmp commands
// that follow, as with exec.
func exits(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 2 {
		ts.Fatalf("usage: exits CODE program [args...]")
	}
	want, err := strconv.Atoi(args[0])
	if err != nil {
		ts.Fatalf("exits: bad exit code %q", args[0])
	}
	got := 0
	if err := ts.Exec(args[1], args[2:]...); err != nil {
		var ee *exec.ExitError
		if !errors.As(err, &ee) {
			ts.Fatalf("exits: %v", err)
		}
		got = ee.ExitCode()
	}
	if got != want {
		ts.Fatalf("exit code %d, want %d", got, want)
	}
}
