// Command odatafilter checks OData V4 $filter, $top and $skip queries for
// the Microsoft Defender for Endpoint machines API. Run "odatafilter help"
// for its commands; the logic lives in internal/cli.
package main

import (
	"os"

	"github.com/odatafilter/odatafilter/internal/cli"
)

func main() {
	os.Exit(cli.Main(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}
