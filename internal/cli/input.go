package cli

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"strings"

	"github.com/odatafilter/odatafilter/fleet"
	"github.com/odatafilter/odatafilter/records"
)

// How query picks its input when no FILE is given, as jq and grep do:
// standard input when something is piped or redirected into it (a pipe,
// a socket or a regular file), otherwise (a terminal, /dev/null, a closed
// descriptor) the sample fleet built into the command, with a note on
// stderr saying so. /dev/null counts as nothing: it is what CI jobs,
// cron and "ssh -n" give a command that has no input, and the README's
// first command must filter the sample there. An empty pipe or an empty
// file is read, and is an error: an empty download is not "no machines".
//
// In-process callers (the tests) pass readers that are not files: those
// are data, as a pipe is.
//
// A script that must never filter the sample by mistake (a FILE variable
// left empty, a pipe that was never connected) sets ODATAFILTER_NO_SAMPLE:
// then the fallback is a usage error instead, in query and serve alike.

// noSampleEnv is the environment variable that turns the sample fleet
// fallback into a usage error.
const noSampleEnv = "ODATAFILTER_NO_SAMPLE"

// errNoSample is openInput's error when it would read the sample fleet but
// ODATAFILTER_NO_SAMPLE forbids it.
var errNoSample = errors.New("missing FILE")

// sampleForbidden reports whether ODATAFILTER_NO_SAMPLE is set to anything
// but "", "0" or "false".
func sampleForbidden() bool {
	v := os.Getenv(noSampleEnv)
	return v != "" && v != "0" && !strings.EqualFold(v, "false")
}

// stdinState says whether stdin holds data to read, and if not, what it
// is, for the note: "a terminal", "/dev/null", "closed".
func stdinState(stdin io.Reader) (data bool, what string) {
	if stdin == nil {
		return false, "closed"
	}
	f, ok := stdin.(interface{ Stat() (fs.FileInfo, error) })
	if !ok {
		return true, "data"
	}
	fi, err := f.Stat()
	if err != nil {
		return false, "closed"
	}
	switch m := fi.Mode(); {
	case m&(fs.ModeNamedPipe|fs.ModeSocket) != 0, m.IsRegular(), m.IsDir():
		// A directory is data too: reading it fails, with an error
		// (query < DIR is a mistake, not a wish for the sample).
		return true, "data"
	case m&fs.ModeCharDevice != 0:
		if null, err := os.Stat(os.DevNull); err == nil && os.SameFile(fi, null) {
			return false, os.DevNull
		}
		return false, "a terminal"
	}
	return false, "not a pipe or a file (" + fi.Mode().Type().String() + ")"
}

// openInput opens FILE, standard input for "-" (or for no FILE when
// stdin holds data), or the embedded sample fleet. The name is for
// messages. note, when not empty, goes to stderr: the input may not be
// the one meant. stdinTaken is true when --filter-file or --query-file
// read standard input.
func openInput(pos []string, s streams, stdinTaken bool) (in io.ReadCloser, name, note string, err error) {
	switch {
	case len(pos) == 0:
		data, what := stdinState(s.stdin)
		if data && !stdinTaken {
			return stdinInput{s.stdin}, "stdin", "", nil
		}
		if stdinTaken {
			what = "read for the query"
		}
		if sampleForbidden() {
			return nil, "", "", fmt.Errorf("%w: no FILE, and standard input is %s; %s is set, so the sample fleet is not read", errNoSample, what, noSampleEnv)
		}
		note = fmt.Sprintf("note: no FILE, and standard input is %s: reading the sample fleet built into the command "+
			"(%d machines). Give a FILE, or pipe machines in, to read yours.", what, fleet.SampleSize)
		return io.NopCloser(bytes.NewReader(fleet.Sample())), "the sample fleet", note, nil
	case pos[0] == "-":
		return stdinInput{s.stdin}, "stdin", "", nil
	}
	f, err := os.Open(pos[0])
	if errors.Is(err, fs.ErrNotExist) {
		err = fmt.Errorf("%w%s", err, notAFileHint(pos[0]))
	}
	return f, pos[0], "", err
}

// stdinInput is standard input as an input: closing it leaves it open.
type stdinInput struct{ io.Reader }

func (stdinInput) Close() error { return nil }

// readerOf is what to read of an input openInput opened: standard input
// itself, so that odatafilter.Query reads a regular file redirected to
// it (query < FILE) on every core, as it reads a FILE.
func readerOf(in io.ReadCloser) io.Reader {
	if s, ok := in.(stdinInput); ok {
		return s.Reader
	}
	return in
}

// notAFileHint explains a FILE that does not exist but looks like a query:
// "query \"riskScore eq 'High'\"" meant --filter.
func notAFileHint(arg string) string {
	switch {
	case isQueryString(arg) && strings.ContainsAny(arg, "=&"):
		return fmt.Sprintf("; it looks like a query string, not a FILE: use --query '%s'", arg)
	case strings.ContainsAny(arg, " '()"):
		return fmt.Sprintf("; it looks like a filter, not a FILE: use --filter \"%s\"", arg)
	}
	return ""
}

// filterWords are the OData operators, which an unquoted filter splits
// into arguments of their own: query --filter riskScore eq 'High'.
var filterWords = map[string]bool{
	"eq": true, "ne": true, "gt": true, "ge": true, "lt": true, "le": true, "has": true, "in": true,
	"and": true, "or": true, "not": true, "add": true, "sub": true, "mul": true, "div": true, "divby": true, "mod": true,
}

// extraArgsHint explains more than one positional argument: the words of
// an unquoted filter, or several files.
func extraArgsHint(pos []string) string {
	for i, p := range pos {
		if _, err := os.Stat(p); len(pos) == 2 && strings.Contains(p, " ") && err != nil {
			// A quoted filter beside a file: it only lacks its flag.
			return fmt.Sprintf("%q looks like a filter: give it with --filter, as odatafilter query --filter %q %s", p, p, pos[1-i])
		}
	}
	for _, p := range pos {
		if filterWords[strings.ToLower(p)] || strings.ContainsAny(p, "'()") {
			return "it looks like an unquoted filter: quote it whole, as --filter \"riskScore eq 'High'\""
		}
	}
	return "query reads one FILE: run it once a file (or, for NDJSON files, cat them into 'odatafilter query -')"
}

// readQueryFile reads the query text --filter-file, --query-file or
// check's --file names ("-" for standard input). The text's trailing
// white space, the file's final line break, is dropped: the grammar
// allows none after an expression.
func readQueryFile(path string, stdin io.Reader) (string, error) {
	var b []byte
	var err error
	if path == "-" {
		if stdin == nil {
			return "", errors.New("standard input is closed")
		}
		b, err = io.ReadAll(stdin)
	} else {
		b, err = os.ReadFile(path)
	}
	if err != nil {
		return "", err
	}
	name := path
	if path == "-" {
		name = "standard input"
	}
	if desc, iconvName, ok := records.UTF16(b); ok {
		return "", fmt.Errorf("%s is %s, not UTF-8: convert it first, as with iconv -f %s -t UTF-8, "+
			"or in PowerShell save it with Out-File -Encoding utf8 (Set-Content -Encoding utf8)", name, desc, iconvName)
	}
	b = bytes.TrimPrefix(b, utf8BOM) // Notepad and PowerShell 7 write one; it is no part of the text
	text := strings.TrimRight(string(b), " \t\r\n")
	if looksLikeJSON(text) {
		return "", fmt.Errorf("%s holds JSON (machines?), not a query: the machines are the FILE argument, "+
			"as in odatafilter query --filter EXPR %s", name, path)
	}
	return text, nil
}

// looksLikeJSON reports whether text starts as a JSON document of
// machines does: an object, or an array that is empty or holds objects. A
// filter never starts with "{"; one may start with an array literal of
// values, ['a','b'].
func looksLikeJSON(text string) bool {
	t := strings.TrimLeft(text, " \t\r\n")
	if strings.HasPrefix(t, "{") {
		return true
	}
	if !strings.HasPrefix(t, "[") {
		return false
	}
	t = strings.TrimLeft(t[1:], " \t\r\n")
	return t == "" || t[0] == '{' || t[0] == ']'
}

// utf8BOM is the UTF-8 byte order mark.
var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

// dataFileHint explains a filter or a query that is the name of a file:
// "query --filter machines.json" (the machines are the FILE argument) or
// "check machines.json". what names where the text was given ("--filter",
// "QUERY"), and instead says how to give a file that holds it. It returns
// "" for anything else: text with a space, a quote, a parenthesis or "=",
// or a name that is not a file and has no data file's extension.
func dataFileHint(what, text, instead string) string {
	if text == "" || strings.ContainsAny(text, " '\"()=") {
		return ""
	}
	lower := strings.ToLower(text)
	named := strings.HasSuffix(lower, ".json") || strings.HasSuffix(lower, ".ndjson") || strings.HasSuffix(lower, ".jsonl")
	if fi, err := os.Stat(text); err == nil && fi.Mode().IsRegular() {
		named = true
	}
	if !named {
		return ""
	}
	return fmt.Sprintf("note: %s is a file name, but %s is the filter itself: the machines are the FILE argument "+
		"of query (odatafilter query --filter EXPR %s); %s", text, what, text, instead)
}
