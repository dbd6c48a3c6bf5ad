package cli

import (
	"errors"
	"flag"
	"fmt"
	"strings"
	"time"
)

// errHelp is returned by parseArgs for -h, -help or --help when the
// command does not define such a flag itself.
var errHelp = errors.New("help requested")

// parseArgs parses args against the flags defined in fs and returns the
// positional arguments. Unlike flag.FlagSet.Parse it does not stop at the
// first positional argument, so flags may come before or after them
// ("check QUERY --json"). The rest follows the flag package:
//
//   - "-name" and "--name" are the same flag;
//   - a boolean flag takes no value unless written "--name=false";
//   - any other flag takes "--name=value" or "--name value";
//   - "--" ends the flags: every argument after it is positional, so a
//     QUERY that starts with "-" (like "-1 eq x") goes after "--";
//   - "-" alone is positional (for "read standard input").
//
// An unknown flag (with "did you mean" when one is near), a flag missing
// its value, a value the flag rejects, and a flag given twice (unless its
// Value is repeatable, as serve's --token) are errors that name the
// argument.
func parseArgs(fs *flag.FlagSet, args []string) (positional []string, err error) {
	given := map[string]string{} // flag name -> the argument that gave it
	for i := 0; i < len(args); i++ {
		arg := args[i]
		if arg == "--" {
			return append(positional, args[i+1:]...), nil
		}
		if len(arg) < 2 || arg[0] != '-' {
			positional = append(positional, arg)
			continue
		}
		name := arg[1:]
		if strings.HasPrefix(name, "-") {
			name = name[1:]
		}
		value, hasValue := "", false
		if k := strings.IndexByte(name, '='); k >= 0 {
			name, value, hasValue = name[:k], name[k+1:], true
		}
		f := fs.Lookup(name)
		if f == nil || name == "" || name[0] == '-' {
			if name == "h" || name == "help" {
				return nil, errHelp
			}
			return nil, &unknownFlagError{arg: arg, hint: flagHint(fs, strings.TrimLeft(strings.SplitN(arg, "=", 2)[0], "-"))}
		}

		switch {
		case hasValue:
		case isBoolFlag(f):
			value = "true"
		case i+1 < len(args):
			i++
			value = args[i]
		default:
			return nil, fmt.Errorf("flag %s needs a value", arg)
		}
		as := arg // as written, for messages
		if !hasValue && !isBoolFlag(f) {
			as += " " + value
		}
		if first, ok := given[name]; ok && !isRepeatable(f) {
			return nil, fmt.Errorf("flag %s is given twice (%s, then %s): give it once", dashes(name)+name, first, as)
		}
		given[name] = as
		if err := fs.Set(name, value); err != nil {
			return nil, fmt.Errorf("invalid value %q for %s%s: %s", value, dashes(name), name, valueProblem(f, value, err))
		}
	}
	return positional, nil
}

// unknownFlagError is the error for an argument that looks like a flag but
// names none.
type unknownFlagError struct {
	arg  string
	hint string // " (did you mean --filter?)", or ""
}

func (e *unknownFlagError) Error() string { return "unknown flag " + e.arg + e.hint }

// repeatable is implemented by the flag values that may be given more
// than once, each adding to the list: serve's --token and --rate-limit.
type repeatable interface{ repeatable() }

func isRepeatable(f *flag.Flag) bool {
	_, ok := f.Value.(repeatable)
	return ok
}

// isBoolFlag reports whether f is a boolean flag, one that needs no value,
// by the same test the flag package uses.
func isBoolFlag(f *flag.Flag) bool {
	b, ok := f.Value.(interface{ IsBoolFlag() bool })
	return ok && b.IsBoolFlag()
}

// dashes is how the help writes a flag: -n, --filter.
func dashes(name string) string {
	if len(name) == 1 {
		return "-"
	}
	return "--"
}

// valueProblem says what is wrong with a value f rejected: the flag
// package's own values say only "parse error" or "value out of range", so
// for them it names the form wanted; the command's own values (--token,
// --rate-limit) explain themselves.
func valueProblem(f *flag.Flag, value string, err error) string {
	g, ok := f.Value.(flag.Getter)
	if !ok {
		return err.Error()
	}
	want := ""
	switch g.Get().(type) {
	case time.Duration:
		want = "want a duration, such as 10s, 1m30s or 500ms"
		if value != "" && strings.Trim(value, "0123456789") == "" {
			want = "want a duration with its unit, such as " + value + "s"
		}
	case bool:
		want = "want true or false"
	case int, int64:
		want = "want an integer, such as 10"
	case uint, uint64:
		want = "want a non-negative integer, such as 10"
	case float64:
		want = "want a number, such as 1.5"
	default:
		return err.Error()
	}
	if strings.Contains(err.Error(), "out of range") {
		return "out of range: " + want
	}
	return want
}

// flagGiven reports whether the command line set the flag name, even to
// its default (an empty --db "$DB" is a mistake, not an absent flag).
func flagGiven(fs *flag.FlagSet, name string) bool {
	given := false
	fs.Visit(func(f *flag.Flag) { given = given || f.Name == name })
	return given
}
