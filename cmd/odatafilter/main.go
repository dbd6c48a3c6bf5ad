// Command odatafilter is an OData V4 $filter, $top and $skip engine for the
// Microsoft Defender for Endpoint machines API: check validates queries,
// query filters exported machine lists, serve is a local stand-in of the
// API, gen writes synthetic fleets. Run "odatafilter help" for its commands;
// the logic lives in internal/cli and the packages it calls.
package main

import (
	"os"

	"github.com/odatafilter/odatafilter/internal/cli"
)

func main() {
	os.Exit(cli.Main(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}
