package cli

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"io/fs"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
)

// TestREADMEExamples runs the README's examples and checks that each
// prints what the README says it prints, so that they stay true.
//
// An example is a fenced code block whose lines start with "$ ": each
// "$ " line is a command, and the lines after it, up to the next "$ " line
// or the end of the block, are what it prints, standard output and
// standard error as a terminal shows them (trailing blank lines dropped).
// A line that is exactly "..." stands for any number of lines. A command
// that should fail says so with a comment: "$ odatafilter check x  # exit 1".
// Blocks without "$ " lines (Go code, serve and curl sessions) are not run.
//
//	```sh
//	$ odatafilter gen -n 1000 > machines.json
//	$ odatafilter check "riskScore eq 'High'"
//	riskScore eq 'High'
//	```
//
// The commands run in-process (Main), one after the other in one
// temporary directory, so an example may use a file an earlier one wrote.
// A command is "odatafilter ARGS..." with the shell's quoting ('...', "..."
// with \" \\ \$, and \ outside quotes), redirections "< FILE" and
// "> FILE", pipes "|" into another odatafilter command or into "head -n N"
// or "wc -l", and "echo WORDS" to write a file. Standard input is a terminal unless a pipe or
// "<" gives one, so query without FILE reads the sample fleet, as it
// does for a reader trying the examples. To add an example, write it in
// the README in this form; nothing here needs to change.
func TestREADMEExamples(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	examples := readmeExamples(string(readme))
	if len(examples) < 10 {
		t.Fatalf("found %d README examples; the parser in this test has lost them", len(examples))
	}
	t.Chdir(t.TempDir())
	for _, ex := range examples {
		got, code, err := runExample(ex.command)
		if err != nil {
			t.Errorf("README.md:%d: %s\n%v", ex.line, ex.command, err)
			continue
		}
		if code != ex.exit {
			t.Errorf("README.md:%d: %s\nexit %d, the README says %d; it printed:\n%s", ex.line, ex.command, code, ex.exit, got)
			continue
		}
		if !matchOutput(ex.output, strings.TrimRight(got, "\n")) {
			t.Errorf("README.md:%d: %s\nprinted:\n%s\nthe README says:\n%s", ex.line, ex.command, got, strings.Join(ex.output, "\n"))
		}
	}
}

// readmeExample is one "$ " command of the README and what it prints.
type readmeExample struct {
	line    int // of the command in README.md, 1-based
	command string
	exit    int
	output  []string
}

// readmeExamples finds the examples in the README's fenced code blocks.
func readmeExamples(readme string) []readmeExample {
	var out []readmeExample
	inBlock := false
	var cur *readmeExample
	flush := func() {
		if cur != nil {
			for len(cur.output) > 0 && strings.TrimSpace(cur.output[len(cur.output)-1]) == "" {
				cur.output = cur.output[:len(cur.output)-1]
			}
			out = append(out, *cur)
			cur = nil
		}
	}
	sc := bufio.NewScanner(strings.NewReader(readme))
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		switch {
		case strings.HasPrefix(line, "```"):
			flush()
			inBlock = !inBlock
		case !inBlock:
		case strings.HasPrefix(line, "$ "):
			flush()
			cmd, exit := strings.TrimPrefix(line, "$ "), 0
			if m := exitComment.FindStringSubmatch(cmd); m != nil {
				exit, _ = strconv.Atoi(m[1])
			}
			cur = &readmeExample{line: n, command: cmd, exit: exit}
		case cur != nil:
			cur.output = append(cur.output, line)
		}
	}
	flush()
	return out
}

var exitComment = regexp.MustCompile(`#\s*exit (\d+)`)

// matchOutput reports whether got, line by line, is want, where a want
// line "..." matches any number of lines.
func matchOutput(want []string, got string) bool {
	var lines []string
	if got != "" {
		lines = strings.Split(got, "\n")
	}
	var match func(w, g []string) bool
	match = func(w, g []string) bool {
		switch {
		case len(w) == 0:
			return len(g) == 0
		case w[0] == "...":
			for i := 0; i <= len(g); i++ {
				if match(w[1:], g[i:]) {
					return true
				}
			}
			return false
		case len(g) == 0 || strings.TrimRight(w[0], " ") != strings.TrimRight(g[0], " "):
			return false
		}
		return match(w[1:], g[1:])
	}
	return match(want, lines)
}

// runExample runs one command line as a shell would, in-process, and
// returns what a terminal shows and the exit code of the last command.
func runExample(line string) (string, int, error) {
	words, err := shellWords(line)
	if err != nil {
		return "", 0, err
	}
	var stages [][]string
	start := 0
	for i, w := range words {
		if w == "|" {
			stages = append(stages, words[start:i])
			start = i + 1
		}
	}
	stages = append(stages, words[start:])
	var terminal bytes.Buffer
	var in io.Reader = terminalStdin{}
	code := 0
	for i, args := range stages {
		var outFile string
		var rest []string
		for j := 0; j < len(args); j++ {
			switch args[j] {
			case "<", ">":
				if j+1 >= len(args) {
					return "", 0, fmt.Errorf("%s without a file", args[j])
				}
				if args[j] == "<" {
					b, err := os.ReadFile(args[j+1])
					if err != nil {
						return "", 0, err
					}
					in = bytes.NewReader(b)
				} else {
					outFile = args[j+1]
				}
				j++
			default:
				rest = append(rest, args[j])
			}
		}
		var out bytes.Buffer
		last := i == len(stages)-1 && outFile == ""
		switch {
		case len(rest) > 0 && rest[0] == "odatafilter" && last:
			code = Main(rest[1:], in, &terminal, &terminal) // stdout and stderr in the order written, as on a terminal
		case len(rest) > 0 && rest[0] == "odatafilter":
			code = Main(rest[1:], in, &out, &terminal)
		case len(rest) == 3 && rest[0] == "head" && rest[1] == "-n":
			n, _ := strconv.Atoi(rest[2])
			b, _ := io.ReadAll(in)
			lines := strings.SplitAfter(string(b), "\n")
			out.WriteString(strings.Join(lines[:min(n, len(lines))], ""))
			code = 0
		case len(rest) > 0 && rest[0] == "echo":
			fmt.Fprintln(&out, strings.Join(rest[1:], " "))
			code = 0
		case len(rest) == 2 && rest[0] == "wc" && rest[1] == "-l":
			b, _ := io.ReadAll(in)
			fmt.Fprintf(&out, "%d\n", bytes.Count(b, []byte("\n")))
			code = 0
		default:
			return "", 0, fmt.Errorf("the README example runner knows odatafilter, echo, head -n N and wc -l, not %q", rest)
		}
		switch {
		case outFile != "":
			if err := os.WriteFile(outFile, out.Bytes(), 0o644); err != nil {
				return "", 0, err
			}
			in = bytes.NewReader(nil)
		case i == len(stages)-1:
			terminal.Write(out.Bytes())
		default:
			in = bytes.NewReader(out.Bytes())
		}
	}
	return terminal.String(), code, nil
}

// shellWords splits a command line as a POSIX shell does for the README's
// examples: quotes, backslashes, the operators | < > as words of their
// own, and a "#" comment. Variables and other operators are errors.
func shellWords(line string) ([]string, error) {
	var words []string
	var w strings.Builder
	inWord := false
	end := func() {
		if inWord {
			words = append(words, w.String())
			w.Reset()
			inWord = false
		}
	}
	for i := 0; i < len(line); i++ {
		c := line[i]
		switch {
		case c == ' ' || c == '\t':
			end()
		case c == '#' && !inWord:
			end()
			return words, nil
		case c == '|' || c == '<' || c == '>':
			end()
			words = append(words, string(c))
		case c == '&' || c == ';' || c == '$' || c == '`' || c == '(' || c == ')':
			return nil, fmt.Errorf("the README example runner does not do the shell's %q: write the example without it, or not as a \"$ \" example", c)
		case c == '\'':
			k := strings.IndexByte(line[i+1:], '\'')
			if k < 0 {
				return nil, fmt.Errorf("unterminated '")
			}
			w.WriteString(line[i+1 : i+1+k])
			i += k + 1
			inWord = true
		case c == '"':
			i++
			for ; i < len(line) && line[i] != '"'; i++ {
				switch {
				case line[i] == '\\' && i+1 < len(line) && strings.IndexByte(`"\$`+"`", line[i+1]) >= 0:
					i++
				case line[i] == '$' || line[i] == '`':
					return nil, fmt.Errorf("the README example runner does not expand %q inside double quotes: escape it", line[i])
				}
				w.WriteByte(line[i])
			}
			if i >= len(line) {
				return nil, fmt.Errorf(`unterminated "`)
			}
			inWord = true
		case c == '\\' && i+1 < len(line):
			i++
			w.WriteByte(line[i])
			inWord = true
		default:
			w.WriteByte(c)
			inWord = true
		}
	}
	end()
	return words, nil
}

// terminalStdin is standard input as a terminal: nothing to read, and a
// character device that is not /dev/null.
type terminalStdin struct{}

func (terminalStdin) Read([]byte) (int, error)   { return 0, io.EOF }
func (terminalStdin) Stat() (fs.FileInfo, error) { return terminalInfo{}, nil }

type terminalInfo struct{}

func (terminalInfo) Name() string       { return "tty" }
func (terminalInfo) Size() int64        { return 0 }
func (terminalInfo) Mode() fs.FileMode  { return fs.ModeDevice | fs.ModeCharDevice | 0o620 }
func (terminalInfo) ModTime() time.Time { return time.Time{} }
func (terminalInfo) IsDir() bool        { return false }
func (terminalInfo) Sys() any           { return nil }

func TestShellWords(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{`odatafilter check "riskScore eq 'High'"`, []string{"odatafilter", "check", "riskScore eq 'High'"}},
		{`odatafilter check '$filter=a+eq+%27x%27&$top=1'  # exit 1`, []string{"odatafilter", "check", "$filter=a+eq+%27x%27&$top=1"}},
		{`odatafilter gen -n 3 | odatafilter query --ndjson>out.ndjson`, []string{"odatafilter", "gen", "-n", "3", "|", "odatafilter", "query", "--ndjson", ">", "out.ndjson"}},
		{`a "x\"y\$z" b\ c ''`, []string{"a", `x"y$z`, "b c", ""}},
	}
	for _, tt := range tests {
		got, err := shellWords(tt.in)
		if err != nil || strings.Join(got, "\x00") != strings.Join(tt.want, "\x00") {
			t.Errorf("shellWords(%s) = %q, %v; want %q", tt.in, got, err, tt.want)
		}
	}
	for _, bad := range []string{`a $HOME`, `a "$x"`, `a & b`, `a 'b`} {
		if _, err := shellWords(bad); err == nil {
			t.Errorf("shellWords(%s): no error", bad)
		}
	}
	if !matchOutput([]string{"a", "...", "d"}, "a\nb\nc\nd") || matchOutput([]string{"a", "...", "d"}, "a\nb") || !matchOutput([]string{"..."}, "") {
		t.Error(`matchOutput: "..." does not match as it should`)
	}
}
