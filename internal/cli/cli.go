// Package cli is the odatafilter command: it reads the command line, runs a
// subcommand and returns the exit code. cmd/odatafilter/main.go only calls
// Main; tests run the same function in-process.
//
// Each subcommand is one entry of the commands table and one file (check.go
// for check). Turning diagnostics into carets or JSON for people happens in
// report.go and nowhere else. This package is not an API: programs that
// embed the engine use the parser, schema and eval packages.
package cli

import (
	"fmt"
	"io"
)

// The exit codes of every subcommand.
const (
	ExitOK      = 0 // success, or help was asked for
	ExitInvalid = 1 // the query (or the data) is invalid
	ExitUsage   = 2 // the command line is wrong
)

// streams are the standard streams a command reads and writes.
type streams struct {
	stdin          io.Reader
	stdout, stderr io.Writer
}

// command is one subcommand: its name, a one-line summary for the command
// list, the help text "odatafilter help NAME" prints, and what it does.
type command struct {
	name    string
	usage   string // the usage line, without "usage: "
	summary string
	help    string // the rest of the help, after the usage line
	run     func(c *command, args []string, s streams) int
}

// commands are the subcommands, in the order the help lists them.
var commands = []*command{
	checkCommand,
	queryCommand,
	genCommand,
	serveCommand,
}

func lookup(name string) *command {
	for _, c := range commands {
		if c.name == name {
			return c
		}
	}
	return nil
}

// Main runs the odatafilter command line args (without the program name)
// and returns its exit code: ExitOK, ExitInvalid or ExitUsage.
func Main(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	s := streams{stdin: stdin, stdout: stdout, stderr: stderr}
	if len(args) == 0 {
		fmt.Fprint(stderr, shortUsage())
		return ExitUsage
	}
	switch args[0] {
	case "help", "-h", "-help", "--help":
		return help(args[1:], s)
	}
	c := lookup(args[0])
	if c == nil {
		fmt.Fprintf(stderr, "odatafilter: unknown command %q\n%s", args[0], shortUsage())
		return ExitUsage
	}
	return c.run(c, args[1:], s)
}

// help prints the general help, or the help of the command named in args.
func help(args []string, s streams) int {
	switch len(args) {
	case 0:
		fmt.Fprint(s.stdout, mainHelp())
		return ExitOK
	case 1:
		if c := lookup(args[0]); c != nil {
			fmt.Fprint(s.stdout, c.fullHelp())
			return ExitOK
		}
		fmt.Fprintf(s.stderr, "odatafilter help: unknown command %q\n%s", args[0], shortUsage())
		return ExitUsage
	}
	fmt.Fprintf(s.stderr, "odatafilter help: want at most one command name, got %d arguments\n%s", len(args), shortUsage())
	return ExitUsage
}

// usageError prints msg with the command's usage line on stderr and returns
// ExitUsage.
func (c *command) usageError(s streams, format string, args ...any) int {
	fmt.Fprintf(s.stderr, "odatafilter %s: %s\n", c.name, fmt.Sprintf(format, args...))
	fmt.Fprintf(s.stderr, "usage: %s\nRun 'odatafilter help %s' for details.\n", c.usage, c.name)
	return ExitUsage
}
