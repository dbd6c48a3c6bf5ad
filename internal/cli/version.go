package cli

import (
	"fmt"
	"runtime"
	"runtime/debug"
)

var versionCommand = &command{
	name:    "version",
	usage:   "odatafilter version",
	summary: "print the version and the source revision it was built from",
	help:    versionHelp,
	run:     runVersion,
}

func runVersion(c *command, args []string, s streams) int {
	switch {
	case len(args) == 1 && (args[0] == "-h" || args[0] == "-help" || args[0] == "--help"):
		return c.printHelp(s)
	case len(args) > 0:
		return c.usageError(s, "unexpected argument %q", args[0])
	}
	info, ok := debug.ReadBuildInfo()
	if !ok {
		info = nil
	}
	fmt.Fprintln(s.stdout, versionLine(info, runtime.Version()))
	return ExitOK
}

// versionLine is what "odatafilter version" prints:
//
//	odatafilter v1.2.0 (revision 5397b18abcde, 2026-12-04T17:00:00Z; go1.26.0)
//	odatafilter v0.0.0-20261204170000-5397b18abcde+dirty (revision 5397b18abcde, 2026-12-04T17:00:00Z, with uncommitted changes; go1.26.0)
//	odatafilter development build (no version or revision recorded: built by go run or go test, or with -buildvcs=false; go1.26.0)
//
// The version is the module version the go command stamped: a tag for
// "go install module@version", a pseudo-version from the checkout's
// commit for "go build" in a clone (Go 1.24 and later), "(devel)" when it
// knew none, which is said in words.
func versionLine(info *debug.BuildInfo, goVersion string) string {
	version, rev, when, modified := "", "", "", false
	if info != nil {
		version = info.Main.Version
		for _, kv := range info.Settings {
			switch kv.Key {
			case "vcs.revision":
				rev = kv.Value
			case "vcs.time":
				when = kv.Value
			case "vcs.modified":
				modified = kv.Value == "true"
			}
		}
	}
	if version == "" || version == "(devel)" {
		version = "development build"
	}
	if rev == "" {
		return fmt.Sprintf("odatafilter %s (no version control revision recorded: built by go run or go test, or with -buildvcs=false; %s)", version, goVersion)
	}
	if len(rev) > 12 {
		rev = rev[:12]
	}
	detail := "revision " + rev
	if when != "" {
		detail += ", " + when
	}
	if modified {
		detail += ", with uncommitted changes"
	}
	return fmt.Sprintf("odatafilter %s (%s; %s)", version, detail, goVersion)
}

const versionHelp = `Version prints the version of this odatafilter, the source revision it
was built from and the Go version, from the build information the go
command records in the binary. 'odatafilter --version' is the same.

The version is a release tag for 'go install .../cmd/odatafilter@v1.2.0',
a pseudo-version made from the commit for 'go build' in a clone (Go 1.24
and later; "+dirty" when the tree had uncommitted changes), and
"development build" when the go command recorded none, as 'go run' does.
The revision is the commit's hash; it is missing for 'go run', 'go test'
and builds with -buildvcs=false.

Examples:
  odatafilter version
  odatafilter --version
`
