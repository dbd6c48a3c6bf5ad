// Package odatafilter runs OData $filter, $top and $skip queries over
// Microsoft Defender for Endpoint machine lists: the one-call API for
// programs that embed the engine. It ties the stages together, each of
// which stays public in its own package: eval compiles a query into a
// Program, records reads and writes machine lists as raw records, schema
// holds the Machine record.
//
// Two things are one call here:
//
//   - ReadMachines (ReadFile for a path) reads a machine list in any of
//     the formats (a Defender response document, a JSON array, NDJSON)
//     into []schema.Machine, for programs that match machines with
//     Program.Match or Program.Apply.
//   - Query runs a compiled Program over a machine list and writes the
//     records it selects byte for byte (unknown fields, key order, number
//     spelling and escapes survive), as a Defender response document or as
//     NDJSON, streaming in flat memory. It is the command
//     "odatafilter query", which calls it. Select hands the selected
//     records to a function instead.
//
// A sketch (the package examples run):
//
//	prog, err := eval.Compile("$filter=riskScore+eq+'High'&$top=10")
//	...
//	f, err := os.Open("machines.json")
//	...
//	_, err = odatafilter.Query(ctx, prog, f, os.Stdout, odatafilter.Options{})
//	var re *records.Error
//	if errors.As(err, &re) {
//		// bad data: re.Index, re.Offset; nothing was written
//	}
//
// Every function takes a context: it is checked between records and,
// through Program.MatchContext, inside a record's evaluation, so a
// canceled query stops soon. Records are matched within the program's
// work budget (eval.WithMaxSteps): a record over it is an error naming it.
// Every function returns only once it has stopped reading its input (no
// Read under way, none to come), so the caller may close or reuse it at
// once.
//
// It is not the place for the stages themselves (parser, schema.Check,
// eval), nor for serving machines over HTTP (package server).
package odatafilter
