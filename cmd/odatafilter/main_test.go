package main

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/rogpeppe/go-internal/testscript"
)

// TestMain lets the scripts run "odatafilter": testscript re-executes this
// test binary, which then runs main.
//
// testscript gives every command a pipe for standard input (empty without
// a "stdin" line) and collects its output. A script sets
// ODATAFILTER_TEST_STDIN to a path to give the commands after it that
// file as standard input instead, as a shell's "<" does: with /dev/null
// they run as in CI, with nothing to read ("ttyin -stdin FILE" gives them
// a terminal). ODATAFILTER_TEST_STDOUT does the same for standard output,
// as ">" does: /dev/full makes every write fail.
func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){"odatafilter": func() {
		redirect(&os.Stdin, "ODATAFILTER_TEST_STDIN", os.O_RDONLY)
		redirect(&os.Stdout, "ODATAFILTER_TEST_STDOUT", os.O_WRONLY|os.O_CREATE|os.O_TRUNC)
		main()
	}})
}

// redirect opens the file the environment variable names, if it is set,
// in place of *std.
func redirect(std **os.File, env string, flag int) {
	path := os.Getenv(env)
	if path == "" {
		return
	}
	f, err := os.OpenFile(path, flag, 0o644)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(3)
	}
	*std = f
}

// TestScripts runs the command scripts in testdata/script. Each .txtar file
// is one script; "go test -run TestScripts/NAME" runs one, and
// "go test -run TestScripts -testwork" keeps its work directory.
func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir:  "testdata/script",
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){"exits": exits, "utf16": utf16Cmd},
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

// utf16Cmd writes a UTF-16 copy of a file, as Windows PowerShell 5 saves
// text by default (little-endian, with a byte order mark):
//
//	utf16 [-nobom] [-be] SRC DST
func utf16Cmd(ts *testscript.TestScript, neg bool, args []string) {
	bom, be := true, false
	for len(args) > 0 && strings.HasPrefix(args[0], "-") {
		switch args[0] {
		case "-nobom":
			bom = false
		case "-be":
			be = true
		default:
			ts.Fatalf("utf16: unknown flag %s", args[0])
		}
		args = args[1:]
	}
	if neg || len(args) != 2 {
		ts.Fatalf("usage: utf16 [-nobom] [-be] SRC DST")
	}
	text := ts.ReadFile(args[0])
	if bom {
		text = "\ufeff" + text
	}
	var out []byte
	for _, u := range utf16.Encode([]rune(text)) {
		if be {
			out = append(out, byte(u>>8), byte(u))
		} else {
			out = append(out, byte(u), byte(u>>8))
		}
	}
	ts.Check(os.WriteFile(ts.MkAbs(args[1]), out, 0o644))
}
