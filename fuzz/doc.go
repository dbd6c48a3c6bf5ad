// Package fuzz holds the independent reference evaluator for $filter, the
// gopter generators of random well-typed filters, query strings and Machine
// records, and the property tests that hold package eval to the contract in
// eval's package documentation ("Semantics").
//
// The reference evaluator (Eval, Keep, ApplyReference) is written from that
// contract and DESIGN §4 alone. It shares no code with eval: it walks the
// checked tree node by node with dynamic values (nil, bool, int64, float64,
// string, enum members, dates, instants, durations, lists) and computes
// exact results the slow, obvious way (math/big for overflow and exact
// comparison). It reads records only through the model's field getters
// (schema.Field), lambda variables through Checked.Vars, enum literals
// through Checked.Members and aliases through Checked.Aliases.
//
// It is not a second engine for production: it allocates freely, and it
// panics with a *ReferenceError on a tree the checker should not have
// accepted, so that such trees are noticed rather than given a meaning.
//
// Where the contract is silent the reference makes a choice and says so in
// a comment marked "Reading:"; the property tests report any place where
// eval made a different one.
package fuzz
