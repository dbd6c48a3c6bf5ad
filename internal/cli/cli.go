// Package cli is the odatafilter command: it reads the command line, runs a
// subcommand and returns the exit code. cmd/odatafilter/main.go only calls
// Main; tests run the same function in-process.
//
// Each subcommand is one entry of the commands table and one file (check.go
// for check). Turning diagnostics into carets or JSON for people happens in
// report.go and nowhere else. This package is not an API: programs that
// embed the engine use package odatafilter (the module root: query's
// pipeline is odatafilter.Query) and the parser, schema and eval packages.
package cli

import (
	"fmt"
	"io"
	"strings"
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
	loadCommand,
	genCommand,
	serveCommand,
	versionCommand,
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
//
// A command that cannot write its output fails (ExitInvalid), whatever it
// is: "odatafilter check QUERY > /dev/full" is not a success.
func Main(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	out := &checkedWriter{w: stdout}
	s := streams{stdin: stdin, stdout: out, stderr: stderr}
	code, name := run(args, s)
	if out.err != nil && code == ExitOK {
		fmt.Fprintf(stderr, "odatafilter%s: writing the output: %v\n", name, out.err)
		return ExitInvalid
	}
	return code
}

// run runs args and returns the exit code and, for messages, " NAME" of
// the command that ran ("" for none).
func run(args []string, s streams) (int, string) {
	if len(args) == 0 {
		fmt.Fprint(s.stderr, shortUsage())
		return ExitUsage, ""
	}
	switch args[0] {
	case "help", "-h", "-help", "--help":
		return help(args[1:], s), " help"
	case "-version", "--version":
		return versionCommand.run(versionCommand, args[1:], s), " version"
	}
	c := lookup(args[0])
	if c == nil {
		fmt.Fprintf(s.stderr, "odatafilter: unknown command %q%s\n%s", args[0], commandHint(args[0]), shortUsage())
		return ExitUsage, ""
	}
	return c.run(c, args[1:], s), " " + c.name
}

// commandHint is " (did you mean check?)" for a misspelt command, or a
// hint for a flag given before the command.
func commandHint(arg string) string {
	if strings.HasPrefix(arg, "-") {
		return " (flags go after the command: odatafilter COMMAND [flags])"
	}
	return didYouMean(arg, commandNames(), "")
}

// help prints the general help, or the help of the command named in args.
func help(args []string, s streams) int {
	switch len(args) {
	case 0:
		fmt.Fprint(s.stdout, mainHelp())
		return ExitOK
	case 1:
		if args[0] == "help" {
			fmt.Fprint(s.stdout, helpHelp)
			return ExitOK
		}
		if c := lookup(args[0]); c != nil {
			fmt.Fprint(s.stdout, c.fullHelp())
			return ExitOK
		}
		fmt.Fprintf(s.stderr, "odatafilter help: unknown command %q%s\n%s", args[0], didYouMean(args[0], commandNames(), ""), shortUsage())
		return ExitUsage
	}
	fmt.Fprintf(s.stderr, "odatafilter help: want at most one command name, got %d arguments\n%s", len(args), shortUsage())
	return ExitUsage
}

const helpHelp = `usage: odatafilter help [COMMAND]

Help prints the list of commands, or with COMMAND its flags, rules and
examples (as 'odatafilter COMMAND --help' does). It exits 0; an unknown
COMMAND is a usage error (exit 2).
`

// usageError prints msg with the command's usage line on stderr and returns
// ExitUsage.
func (c *command) usageError(s streams, format string, args ...any) int {
	fmt.Fprint(s.stderr, c.usageText(fmt.Sprintf(format, args...)))
	return ExitUsage
}

// usageText is what usageError prints for msg.
func (c *command) usageText(msg string) string {
	return fmt.Sprintf("odatafilter %s: %s\nusage: %s\nRun 'odatafilter help %s' for details.\n", c.name, msg, c.usage, c.name)
}

// checkedWriter passes writes to w and keeps the first error, so that Main
// sees a failed write that a command did not report.
type checkedWriter struct {
	w   io.Writer
	err error
}

func (c *checkedWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	if err != nil && c.err == nil {
		c.err = err
	}
	return n, err
}
